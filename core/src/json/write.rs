//! The writer: compact JSON text, appended to a `String`.
//!
//! Strings are escaped as `serde_json` escapes them (`"`, `\`, and control characters; nothing
//! else), so text written before this writer existed is written again byte for byte. A float is
//! written in its shortest form that reads back to the same number, with a `.0` when it is
//! whole (`80.0`, `0.1`, `1e21`): core's own formatting, identical on every platform. A float
//! that is not finite is written as `null`.

use alloc::string::String;
use core::fmt::Write;

/// Starts a member of an object: a comma unless it is the first, then the key and the colon.
/// The key is written as is: it is one of the format's own names, with nothing to escape.
pub fn key(out: &mut String, name: &str) {
    separate(out, b'{');
    out.push('"');
    out.push_str(name);
    out.push_str("\":");
}

/// Starts a member of an object whose key is data (a map key): escaped as any string.
pub fn key_escaped(out: &mut String, name: &str) {
    separate(out, b'{');
    string(out, name);
    out.push(':');
}

/// Starts an element of an array: a comma unless it is the first.
pub fn element(out: &mut String) {
    separate(out, b'[');
}

// INVARIANT: the writer only ever leaves `{` or `[` last when it has just opened an object or
// array; a finished value ends in `"`, `}`, `]`, a digit or a letter. So the last byte says
// whether a separator is due.
fn separate(out: &mut String, open: u8) {
    if out.as_bytes().last().is_some_and(|b| *b != open) {
        out.push(',');
    }
}

/// A string, quoted and escaped.
pub fn string(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape: Option<&str> = match b {
            b'"' => Some("\\\""),
            b'\\' => Some("\\\\"),
            b'\n' => Some("\\n"),
            b'\r' => Some("\\r"),
            b'\t' => Some("\\t"),
            0x08 => Some("\\b"),
            0x0C => Some("\\f"),
            0..=0x1F => None,
            _ => continue,
        };
        out.push_str(s.get(start..i).unwrap_or_default());
        match escape {
            Some(e) => out.push_str(e),
            None => {
                let _ = write!(out, "\\u{b:04x}");
            }
        }
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

/// A whole number.
pub fn unsigned(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            // `n % 10` is below 10.
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    for d in digits.get(at..).unwrap_or_default() {
        out.push(char::from(*d));
    }
}

/// A whole number that may be negative.
pub fn signed(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    unsigned(out, n.unsigned_abs());
}

/// A float: the shortest text that reads back as the same number; `null` when not finite.
pub fn float(out: &mut String, f: f64) {
    if f.is_finite() {
        let _ = write!(out, "{f:?}");
    } else {
        out.push_str("null");
    }
}

/// `true` or `false`.
pub fn boolean(out: &mut String, b: bool) {
    out.push_str(if b { "true" } else { "false" });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(f: impl FnOnce(&mut String)) -> String {
        let mut out = String::new();
        f(&mut out);
        out
    }

    #[test]
    fn strings_are_escaped_like_serde_json() {
        assert_eq!(
            with(|o| string(o, "a\"b\\c\nd\u{1}é/😀")),
            "\"a\\\"b\\\\c\\nd\\u0001é/😀\""
        );
    }

    #[test]
    fn numbers() {
        assert_eq!(with(|o| unsigned(o, 0)), "0");
        assert_eq!(with(|o| unsigned(o, u64::MAX)), "18446744073709551615");
        assert_eq!(with(|o| signed(o, -42)), "-42");
        assert_eq!(with(|o| float(o, 80.0)), "80.0");
        assert_eq!(with(|o| float(o, 0.1)), "0.1");
        assert_eq!(with(|o| float(o, -1.5e21)), "-1.5e21");
        assert_eq!(with(|o| float(o, f64::NAN)), "null");
    }

    #[test]
    fn separators() {
        let out = with(|o| {
            o.push('{');
            key(o, "a");
            o.push('[');
            element(o);
            unsigned(o, 1);
            element(o);
            o.push_str("{}");
            element(o);
            string(o, "{");
            o.push(']');
            key_escaped(o, "b\"");
            boolean(o, true);
            o.push('}');
        });
        assert_eq!(out, r#"{"a":[1,{},"{"],"b\"":true}"#);
    }
}
