//! The reader: JSON text to a tree in which every value and every object key carries its line
//! and column, with hard limits on input size and nesting depth so that hostile input costs
//! bounded time and memory.

use alloc::collections::BTreeSet;
use alloc::string::String;
use alloc::vec::Vec;

use super::{ErrorKind, JsonError, Member, Node, Pos, Shape};

/// How much a reader accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest input, in bytes.
    pub max_bytes: usize,
    /// How deeply arrays and objects may nest.
    pub max_depth: usize,
}

impl Limits {
    /// For a policy: IAM's own limits are far lower (a VPC Lattice auth policy holds at most
    /// 10,240 characters), and a policy needs five levels of nesting.
    pub const POLICY: Self = Self {
        max_bytes: MAX_INPUT_BYTES,
        max_depth: MAX_DEPTH,
    };
}

/// The largest policy or request the reader accepts by default, in bytes.
pub const MAX_INPUT_BYTES: usize = 128 * 1024;

/// How deeply arrays and objects may nest in a policy or request.
pub const MAX_DEPTH: usize = 64;

/// Objects with more members than this are checked for duplicate keys by sorting, once they are
/// complete, instead of by a scan per member: a hostile object with a million keys stays cheap.
const SCAN_DUPLICATES_BELOW: usize = 16;

/// Reads `text` as one JSON document within the policy limits ([`Limits::POLICY`]).
pub fn parse(text: &str) -> Result<Node, JsonError> {
    parse_with(text, Limits::POLICY)
}

/// Reads `text` as one JSON document within `limits`. A leading byte-order mark is ignored, as
/// RFC 8259 (section 8.1) allows: editors on Windows write one.
pub fn parse_with(text: &str, limits: Limits) -> Result<Node, JsonError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader {
        src: text.as_bytes(),
        at: 0,
        line: 1,
        line_start: 0,
        col_at: 0,
        col: 1,
        path: Vec::new(),
        max_depth: limits.max_depth,
    };
    if text.len() > limits.max_bytes {
        let mut e = reader.error(alloc::format!(
            "the document is {} bytes long; the limit is {}",
            text.len(),
            limits.max_bytes
        ));
        e.kind = ErrorKind::TooLarge;
        return Err(e);
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

/// Reads bytes as UTF-8 JSON within `limits`; bytes that are not UTF-8 are refused with the
/// position of the first bad one.
pub fn parse_bytes(bytes: &[u8], limits: Limits) -> Result<Node, JsonError> {
    match core::str::from_utf8(bytes) {
        Ok(text) => parse_with(text, limits),
        Err(e) => {
            let good = bytes.get(..e.valid_up_to()).unwrap_or_default();
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            let column = good
                .get(line_start..)
                .unwrap_or_default()
                .iter()
                .filter(|b| (**b & 0xC0) != 0x80)
                .count()
                + 1;
            Err(JsonError {
                kind: ErrorKind::Syntax,
                pos: Pos {
                    line: u32::try_from(line).unwrap_or(u32::MAX),
                    column: u32::try_from(column).unwrap_or(u32::MAX),
                },
                pointer: String::new(),
                message: String::from("the text is not UTF-8"),
            })
        }
    }
}

/// A step in the JSON pointer of the value being read.
#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
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
    max_depth: usize,
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
                Step::Key(k) => super::push_pointer_key(&mut out, k),
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
            kind: ErrorKind::Syntax,
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
            Some(b'"') => Shape::String(self.string()?),
            Some(b't') => self.literal("true", Shape::Bool(true))?,
            Some(b'f') => self.literal("false", Shape::Bool(false))?,
            Some(b'n') => self.literal("null", Shape::Null)?,
            Some(b'-' | b'0'..=b'9') => self.number()?,
            _ => return Err(self.unexpected("a value")),
        };
        Ok(Node { pos, value })
    }

    fn enter(&mut self, depth: usize) -> Result<usize, JsonError> {
        if depth >= self.max_depth {
            let mut e = self.error(alloc::format!(
                "values nest more than {} levels deep",
                self.max_depth
            ));
            e.kind = ErrorKind::TooDeep;
            return Err(e);
        }
        self.at += 1;
        self.skip_ws();
        Ok(depth + 1)
    }

    fn object(&mut self, depth: usize) -> Result<Shape, JsonError> {
        let depth = self.enter(depth)?;
        let mut members: Vec<Member> = Vec::new();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Shape::Object(members));
        }
        loop {
            if self.peek() != Some(b'"') {
                return Err(self.unexpected("a key in double quotes"));
            }
            let key_pos = self.pos();
            let key = self.string()?;
            if members.len() < SCAN_DUPLICATES_BELOW && members.iter().any(|m| m.key == key) {
                return Err(self.duplicate(key_pos, &key));
            }
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.unexpected("`:`"));
            }
            self.at += 1;
            self.skip_ws();
            self.path.push(Step::Key(key));
            let node = self.value(depth)?;
            let Some(Step::Key(key)) = self.path.pop() else {
                return Err(self.error(String::from("the reader lost its place")));
            };
            members.push(Member { key, key_pos, node });
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    self.at += 1;
                    self.skip_ws();
                }
                Some(b'}') => {
                    self.at += 1;
                    if members.len() >= SCAN_DUPLICATES_BELOW {
                        self.check_duplicates(&members)?;
                    }
                    return Ok(Shape::Object(members));
                }
                _ => return Err(self.unexpected("`,` or `}`")),
            }
        }
    }

    fn duplicate(&mut self, key_pos: Pos, key: &str) -> JsonError {
        JsonError {
            kind: ErrorKind::Syntax,
            pos: key_pos,
            pointer: self.pointer(),
            message: alloc::format!("duplicate key `{key}`"),
        }
    }

    /// Finds the first member, in document order, whose key an earlier member already has.
    fn check_duplicates(&mut self, members: &[Member]) -> Result<(), JsonError> {
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let first = members.iter().find(|m| !seen.insert(m.key.as_str()));
        match first {
            Some(m) => Err(self.duplicate(m.key_pos, &m.key)),
            None => Ok(()),
        }
    }

    fn array(&mut self, depth: usize) -> Result<Shape, JsonError> {
        let depth = self.enter(depth)?;
        let mut items = Vec::new();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Shape::Array(items));
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
                    return Ok(Shape::Array(items));
                }
                _ => return Err(self.unexpected("`,` or `]`")),
            }
        }
    }

    fn literal(&mut self, word: &str, value: Shape) -> Result<Shape, JsonError> {
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

    fn number(&mut self) -> Result<Shape, JsonError> {
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
        Ok(Shape::Number(String::from(text)))
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
        let Shape::Object(members) = node.value else {
            panic!("object")
        };
        assert_eq!(members[0].key_pos, Pos { line: 2, column: 3 });
        assert_eq!(members[0].node.pos, Pos { line: 2, column: 8 });
        let Shape::Array(items) = &members[1].node.value else {
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
    fn a_byte_order_mark_is_ignored() {
        // RFC 8259 section 8.1: "implementations that parse JSON texts MAY ignore the presence
        // of a byte order mark rather than treating it as an error". Editors on Windows write one.
        let node = parse("\u{feff}{\"a\": 1}").unwrap();
        let Shape::Object(members) = node.value else {
            panic!("object")
        };
        // The mark is not a column: the key sits where an editor shows it.
        assert_eq!(members[0].key_pos, Pos { line: 1, column: 2 });
        assert!(parse_bytes(b"\xef\xbb\xbf[1]", Limits::POLICY).is_ok());
        let policy = "\u{feff}{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\"}}";
        assert!(crate::policy::parse_policy(policy).is_ok());
        let document = alloc::format!(
            "\u{feff}{}",
            crate::model::synthetic::generate(4, 1).to_json()
        );
        assert!(crate::model::document::load(&document).is_ok());
        // Only a leading mark is ignored.
        assert!(parse("[1]\u{feff}").is_err());
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
            Shape::String(String::from("é😀\n"))
        );
        assert_eq!(
            parse("-1.5e+3").unwrap().value,
            Shape::Number(String::from("-1.5e+3"))
        );
    }
}
