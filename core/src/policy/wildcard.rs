//! IAM wildcard matching: `*` matches any run of characters (also none), `?` exactly one.
//!
//! The matcher is the classic greedy two-pointer walk with one backtrack point. It runs in
//! O(pattern × text) time in the worst case and never recurses, so a hostile pattern such as
//! `*a*a*a*a*b` cannot blow up.

/// Whether `text` matches `pattern`, case-sensitively.
pub fn matches(pattern: &str, text: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    if pattern.is_ascii() && text.is_ascii() {
        glob(pattern.as_bytes(), text.as_bytes(), |a, b| a == b)
    } else {
        let p: alloc::vec::Vec<char> = pattern.chars().collect();
        let t: alloc::vec::Vec<char> = text.chars().collect();
        glob(&p, &t, |a, b| a == b)
    }
}

/// Whether `text` matches `pattern`, ignoring ASCII case (action names, `StringLike` never).
pub fn matches_ignore_case(pattern: &str, text: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    if pattern.is_ascii() && text.is_ascii() {
        glob(pattern.as_bytes(), text.as_bytes(), |a: u8, b: u8| {
            a.eq_ignore_ascii_case(&b)
        })
    } else {
        let p: alloc::vec::Vec<char> = pattern.chars().collect();
        let t: alloc::vec::Vec<char> = text.chars().collect();
        glob(&p, &t, |a: char, b: char| a.eq_ignore_ascii_case(&b))
    }
}

/// Whether `s` holds a wildcard character.
pub(crate) fn has_wildcard(s: &str) -> bool {
    s.contains(['*', '?'])
}

/// A character of a pattern: a wildcard or a character to compare.
pub(crate) trait Symbol: Copy {
    fn is_star(self) -> bool;
    fn is_any(self) -> bool;
}

impl Symbol for u8 {
    fn is_star(self) -> bool {
        self == b'*'
    }
    fn is_any(self) -> bool {
        self == b'?'
    }
}

impl Symbol for char {
    fn is_star(self) -> bool {
        self == '*'
    }
    fn is_any(self) -> bool {
        self == '?'
    }
}

/// Whether `text` matches `pattern`, comparing characters with `eq`.
pub(crate) fn glob<P: Symbol, T: Copy>(
    pattern: &[P],
    text: &[T],
    eq: impl Fn(P, T) -> bool,
) -> bool {
    let (mut p, mut t) = (0usize, 0usize);
    // The position after the last `*` seen, and the text position it is currently stretched to.
    let mut star: Option<(usize, usize)> = None;
    while let Some(&c) = text.get(t) {
        match pattern.get(p) {
            Some(&s) if s.is_star() => {
                star = Some((p + 1, t));
                p += 1;
            }
            Some(&s) if s.is_any() || eq(s, c) => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    pattern
        .get(p..)
        .is_some_and(|rest| rest.iter().all(|s| s.is_star()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        // (pattern, text, case-sensitive result, case-insensitive result)
        let cases = [
            ("*", "", true, true),
            ("", "", true, true),
            ("", "a", false, false),
            ("a*", "abc", true, true),
            ("A*", "abc", false, true),
            ("*c", "abc", true, true),
            ("a?c", "abc", true, true),
            ("a?c", "ac", false, false),
            (
                "*/rates",
                "arn:aws:vpc-lattice:us-west-2:1:service/svc-1/rates",
                true,
                true,
            ),
            (
                "*/rates",
                "arn:aws:vpc-lattice:us-west-2:1:service/svc-1/rates/x",
                false,
                false,
            ),
            ("s3:Get*", "s3:GetObject", true, true),
            ("s3:get*", "S3:GETOBJECT", false, true),
            (
                "*a*a*a*b",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                false,
                false,
            ),
            ("é?", "éü", true, true),
            ("**", "x", true, true),
            ("?", "é", true, true),
        ];
        for (p, t, cs, ci) in cases {
            assert_eq!(matches(p, t), cs, "{p} vs {t}");
            assert_eq!(matches_ignore_case(p, t), ci, "{p} vs {t} ignoring case");
        }
    }
}
