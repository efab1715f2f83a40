//! The one road between typed values and JSON text.
//!
//! Every typed value is written by one serializer (compact text) and read by one deserializer
//! (a byte slice). serde generates code per value type *and* per serializer or deserializer it is
//! used with, so keeping to one of each keeps that code single: in the browser bundle, the
//! model's serde code is most of the size. Pretty printing re-indents compact text, so it keeps
//! field order and costs no second serializer.

use alloc::string::String;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// The value as compact JSON. Serialising the model cannot fail (every map key is a string and
/// non-finite numbers are written as `null`); should it, the result is empty text, which no
/// reader accepts.
pub fn to_text<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Reads a value from JSON text.
pub fn from_text<T: DeserializeOwned>(text: &[u8]) -> Result<T, serde_json::Error> {
    serde_json::from_slice(text)
}

/// Re-indents compact JSON with two spaces per level, `"key": value`, one member per line;
/// empty arrays and objects stay `[]` and `{}`. Text inside strings is left alone.
pub fn pretty(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                let close = if c == '{' { '}' } else { ']' };
                if chars.peek() == Some(&close) {
                    out.push(c);
                    out.push(close);
                    chars.next();
                } else {
                    out.push(c);
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_matches_serde_json_layout() {
        let v: serde_json::Value =
            serde_json::from_str(r#"{"a":[1,{"b":"x, y: {z}","c":[]}],"d":{},"e":"q\"uote\\"}"#)
                .unwrap();
        let compact = serde_json::to_string(&v).unwrap();
        assert_eq!(pretty(&compact), serde_json::to_string_pretty(&v).unwrap());
    }

    #[test]
    fn round_trips_typed_values() {
        let text = to_text(&alloc::vec![1u16, 2, 3]);
        assert_eq!(text, "[1,2,3]");
        let back: alloc::vec::Vec<u16> = from_text(text.as_bytes()).unwrap();
        assert_eq!(back, [1, 2, 3]);
    }
}
