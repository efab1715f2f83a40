//! Base64url without padding (RFC 4648 section 5): the 64 characters a URL fragment carries
//! without percent-encoding.

use alloc::string::String;
use alloc::vec::Vec;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends `bytes` to `out` as base64url without padding.
pub(super) fn encode(bytes: &[u8], out: &mut String) {
    out.reserve(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let group = (b(0) << 16) | (b(1) << 8) | b(2);
        // A chunk of n bytes carries 8n bits: n + 1 characters.
        for k in 0..=chunk.len() {
            let index = (group >> (18 - 6 * k)) & 0x3f;
            if let Some(&c) = ALPHABET.get(index as usize) {
                out.push(char::from(c));
            }
        }
    }
}

/// Why base64url text could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Base64Error {
    /// The byte at this 0-based offset is not in the alphabet.
    BadByte { at: usize },
    /// The text ends one character into a group of four: no whole byte is left to read.
    CutShort,
}

/// Reads base64url without padding. The caller has bounded `text`'s length.
pub(super) fn decode(text: &[u8]) -> Result<Vec<u8>, Base64Error> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    for (group_index, group) in text.chunks(4).enumerate() {
        let mut bits: u32 = 0;
        for (i, &c) in group.iter().enumerate() {
            let Some(value) = sextet(c) else {
                return Err(Base64Error::BadByte {
                    at: group_index * 4 + i,
                });
            };
            bits |= u32::from(value) << (18 - 6 * i);
        }
        if group.len() == 1 {
            return Err(Base64Error::CutShort);
        }
        // A group of n characters carries n - 1 whole bytes; leftover bits are ignored.
        let [_, b0, b1, b2] = bits.to_be_bytes();
        let bytes = [b0, b1, b2];
        out.extend_from_slice(bytes.get(..group.len() - 1).unwrap_or(&[]));
    }
    Ok(out)
}

fn sextet(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'-' => Some(62),
        b'_' => Some(63),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(bytes: &[u8]) -> String {
        let mut s = String::new();
        encode(bytes, &mut s);
        s
    }

    #[test]
    fn rfc_4648_vectors_without_padding() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(enc(plain.as_bytes()), coded);
            assert_eq!(decode(coded.as_bytes()).unwrap(), plain.as_bytes());
        }
        assert_eq!(enc(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn every_byte_value_round_trips() {
        let bytes: Vec<u8> = (0..=255).chain((0..=255).rev()).collect();
        for len in 0..bytes.len() {
            let slice = bytes.get(..len).unwrap();
            assert_eq!(decode(enc(slice).as_bytes()).unwrap(), slice);
        }
    }

    #[test]
    fn refuses_what_is_not_base64url() {
        assert_eq!(decode(b"Zm9v+g"), Err(Base64Error::BadByte { at: 4 }));
        assert_eq!(decode(b"Zm9v="), Err(Base64Error::BadByte { at: 4 }));
        assert_eq!(decode(b"Zm9vY"), Err(Base64Error::CutShort));
        assert_eq!(decode(b"Zm9=").unwrap_err(), Base64Error::BadByte { at: 3 });
        assert_eq!(decode(b"Z"), Err(Base64Error::CutShort));
    }
}
