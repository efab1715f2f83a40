//! A small JSON reader that remembers where every value starts.
//!
//! `serde_json` reports positions only for syntax errors; a policy checker also needs them for
//! semantic errors (an unknown `Effect` on line 7) and for warnings. This reader builds a tree in
//! which every value and every object key carries its line and column, with hard limits on input
//! size and nesting depth so that hostile input costs bounded time and memory.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// The largest document the reader accepts, in bytes. IAM's own limits are far lower (a VPC
/// Lattice auth policy holds at most 10,240 characters); this bound only keeps input cheap.
pub const MAX_INPUT_BYTES: usize = 128 * 1024;

/// How deeply arrays and objects may nest. A policy needs five levels.
pub const MAX_DEPTH: usize = 64;

/// Where a piece of text starts: 1-based line and 1-based column, counted in characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Pos {
    /// The line, starting at 1.
    pub line: u32,
    /// The column, in characters, starting at 1.
    pub column: u32,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// A JSON value with its position.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Where the value starts.
    pub pos: Pos,
    /// The value itself.
    pub value: Value,
}

/// An object member: the key, where the key starts, and the value.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// The key, unescaped.
    pub key: String,
    /// Where the key's opening quote is.
    pub key_pos: Pos,
    /// The member's value.
    pub node: Node,
}

/// The shape of a JSON value. Numbers keep their text: a policy compares them as written.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, as written in the document.
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Node>),
    /// An object, members in document order. Duplicate keys are refused while reading.
    Object(Vec<Member>),
}

impl Value {
    /// A word for the kind of value, for messages: "a string", "an object".
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

/// Why a text is not a JSON document this reader accepts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// Where reading stopped.
    pub pos: Pos,
    /// The JSON pointer of the value being read when reading stopped.
    pub pointer: String,
    /// What went wrong, in plain words.
    pub message: String,
}

/// Reads `text` as one JSON document.
pub fn parse(text: &str) -> Result<Node, JsonError> {
    let mut reader = Reader {
        src: text.as_bytes(),
        at: 0,
        line: 1,
        line_start: 0,
        col_at: 0,
        col: 1,
        path: Vec::new(),
    };
    if text.len() > MAX_INPUT_BYTES {
        return Err(reader.error(alloc::format!(
            "the document is {} bytes long; the limit is {MAX_INPUT_BYTES}",
            text.len()
        )));
    }
    reader.skip_ws();
    let node = reader.value(0)?;
    reader.skip_ws();
    if reader.peek().is_some() {
        return Err(reader.error(String::from(
            "unexpected text after the end of the document",
        )));
    }
    Ok(node)
}

/// A step in the JSON pointer of the value being read.
#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

/// Appends `key` to a JSON pointer, escaping `~` and `/` as RFC 6901 asks.
pub fn push_pointer_key(pointer: &mut String, key: &str) {
    pointer.push('/');
    for c in key.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            other => pointer.push(other),
        }
    }
}

struct Reader<'a> {
    src: &'a [u8],
    at: usize,
    line: u32,
    line_start: usize,
    // INVARIANT: `col_at` is on the current line (or is `line_start`), `col_at <= at`, and `col`
    // is the 1-based character column of `col_at`. Columns are counted incrementally so that
    // asking for positions costs linear time over the whole document.
    col_at: usize,
    col: u32,
    path: Vec<Step>,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.src.get(self.at).copied()
    }

    fn pos(&mut self) -> Pos {
        if self.col_at < self.line_start {
            self.col_at = self.line_start;
            self.col = 1;
        }
        let span = self.src.get(self.col_at..self.at).unwrap_or_default();
        let chars = span.iter().filter(|b| (**b & 0xC0) != 0x80).count();
        self.col = self
            .col
            .saturating_add(u32::try_from(chars).unwrap_or(u32::MAX));
        self.col_at = self.at;
        Pos {
            line: self.line,
            column: self.col,
        }
    }

    fn pointer(&self) -> String {
        let mut out = String::new();
        for step in &self.path {
            match step {
                Step::Key(k) => push_pointer_key(&mut out, k),
                Step::Index(i) => {
                    out.push('/');
                    out.push_str(&alloc::format!("{i}"));
                }
            }
        }
        out
    }

    fn error(&mut self, message: String) -> JsonError {
        JsonError {
            pos: self.pos(),
            pointer: self.pointer(),
            message,
        }
    }

    fn unexpected(&mut self, wanted: &str) -> JsonError {
        let message = match self.peek() {
            None => alloc::format!("the document ends where {wanted} was expected"),
            Some(_) => {
                let rest = core::str::from_utf8(self.src.get(self.at..).unwrap_or_default())
                    .ok()
                    .and_then(|s| s.chars().next());
                match rest {
                    Some(c) => alloc::format!("expected {wanted}, found `{c}`"),
                    None => alloc::format!("expected {wanted}"),
                }
            }
        };
        self.error(message)
    }

    fn skip_ws(&mut self) {
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\t' | b'\r' => self.at += 1,
                b'\n' => {
                    self.at += 1;
                    self.line = self.line.saturating_add(1);
                    self.line_start = self.at;
                }
                _ => break,
            }
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, JsonError> {
        let pos = self.pos();
        let value = match self.peek() {
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => self.number()?,
            _ => return Err(self.unexpected("a value")),
        };
        Ok(Node { pos, value })
    }

    fn enter(&mut self, depth: usize) -> Result<usize, JsonError> {
        if depth >= MAX_DEPTH {
            return Err(self.error(alloc::format!(
                "values nest more than {MAX_DEPTH} levels deep"
            )));
        }
        self.at += 1;
        self.skip_ws();
        Ok(depth + 1)
    }

    fn object(&mut self, depth: usize) -> Result<Value, JsonError> {
        let depth = self.enter(depth)?;
        let mut members: Vec<Member> = Vec::new();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Value::Object(members));
        }
        loop {
            if self.peek() != Some(b'"') {
                return Err(self.unexpected("a key in double quotes"));
            }
            let key_pos = self.pos();
            let key = self.string()?;
            if members.iter().any(|m| m.key == key) {
                let err = JsonError {
                    pos: key_pos,
                    pointer: self.pointer(),
                    message: alloc::format!("duplicate key `{key}`"),
                };
                return Err(err);
            }
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.unexpected("`:`"));
            }
            self.at += 1;
            self.skip_ws();
            self.path.push(Step::Key(key.clone()));
            let node = self.value(depth)?;
            self.path.pop();
            members.push(Member { key, key_pos, node });
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    self.at += 1;
                    self.skip_ws();
                }
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Value::Object(members));
                }
                _ => return Err(self.unexpected("`,` or `}`")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, JsonError> {
        let depth = self.enter(depth)?;
        let mut items = Vec::new();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.path.push(Step::Index(items.len()));
            let node = self.value(depth)?;
            self.path.pop();
            items.push(node);
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    self.at += 1;
                    self.skip_ws();
                }
                Some(b']') => {
                    self.at += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.unexpected("`,` or `]`")),
            }
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, JsonError> {
        let end = self.at + word.len();
        if self.src.get(self.at..end) == Some(word.as_bytes()) {
            self.at = end;
            Ok(value)
        } else {
            Err(self.unexpected("a value"))
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<Value, JsonError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.unexpected("a digit")),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self.unexpected("a digit after the decimal point"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.unexpected("a digit in the exponent"));
            }
        }
        let text = self
            .src
            .get(start..self.at)
            .and_then(|b| core::str::from_utf8(b).ok())
            .unwrap_or_default();
        Ok(Value::Number(String::from(text)))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut v = 0u32;
        for _ in 0..4 {
            let digit = self.peek().and_then(|b| char::from(b).to_digit(16));
            let Some(d) = digit else {
                return Err(self.unexpected("four hexadecimal digits after `\\u`"));
            };
            v = v * 16 + d;
            self.at += 1;
        }
        Ok(v)
    }

    fn string(&mut self) -> Result<String, JsonError> {
        // The opening quote.
        self.at += 1;
        let mut out = String::new();
        loop {
            // Copy the longest run of plain characters at once.
            let run_start = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            if let Some(run) = self.src.get(run_start..self.at) {
                // The input is a `&str` and the run stops only at ASCII bytes, so it is UTF-8.
                out.push_str(core::str::from_utf8(run).unwrap_or_default());
            }
            match self.peek() {
                None => return Err(self.unexpected("a closing `\"`")),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.at += 1;
                            let c = self.unicode_escape()?;
                            out.push(c);
                            continue;
                        }
                        _ => return Err(self.unexpected("an escape such as `\\n` or `\\u0041`")),
                    };
                    self.at += 1;
                    out.push(c);
                }
                Some(_) => {
                    return Err(self.error(String::from(
                        "a control character inside a string must be escaped",
                    )));
                }
            }
        }
    }

    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) {
            if self.src.get(self.at..self.at + 2) != Some(b"\\u".as_slice()) {
                return Err(self.error(String::from("a lone surrogate in a `\\u` escape")));
            }
            self.at += 2;
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(self.error(String::from("a lone surrogate in a `\\u` escape")));
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code)
            .ok_or_else(|| self.error(String::from("a lone surrogate in a `\\u` escape")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> JsonError {
        parse(text).unwrap_err()
    }

    #[test]
    fn positions_count_lines_and_characters() {
        let node = parse("{\n  \"é\": \"x\",\n  \"b\": [1, true]\n}").unwrap();
        let Value::Object(members) = node.value else {
            panic!("object")
        };
        assert_eq!(members[0].key_pos, Pos { line: 2, column: 3 });
        assert_eq!(members[0].node.pos, Pos { line: 2, column: 8 });
        let Value::Array(items) = &members[1].node.value else {
            panic!("array")
        };
        assert_eq!(
            items[1].pos,
            Pos {
                line: 3,
                column: 12
            }
        );
    }

    #[test]
    fn errors_carry_pointer_and_position() {
        let e = err("{\"a\": [1, 2, }");
        assert_eq!(e.pointer, "/a/2");
        assert_eq!(
            e.pos,
            Pos {
                line: 1,
                column: 14
            }
        );
        assert_eq!(e.message, "expected a value, found `}`");
        assert_eq!(err("{\"a~/b\": x}").pointer, "/a~0~1b");
    }

    #[test]
    fn limits_and_oddities_are_refused() {
        assert!(err(&"[".repeat(100)).message.contains("nest more than 64"));
        assert!(parse(&alloc::format!("{}{}", "[".repeat(64), "]".repeat(64))).is_ok());
        assert!(
            err("{\"a\":1,\"a\":2}")
                .message
                .contains("duplicate key `a`")
        );
        assert!(err("\"\\ud800\"").message.contains("lone surrogate"));
        assert!(err("01").message.contains("after the end"));
        assert!(err("1.").message.contains("decimal point"));
        assert!(err("\"a\nb\"").message.contains("control character"));
        assert!(err("").message.contains("ends where a value"));
        assert_eq!(
            parse("\"\\u00e9\\ud83d\\ude00\\n\"").unwrap().value,
            Value::String(String::from("é😀\n"))
        );
        assert_eq!(
            parse("-1.5e+3").unwrap().value,
            Value::Number(String::from("-1.5e+3"))
        );
    }
}
