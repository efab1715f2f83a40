//! Raw deflate (RFC 1951, no zlib or gzip wrapper), the form `pako.deflateRaw` and
//! `CompressionStream("deflate-raw")` read and write, with an inflater that never writes more than
//! a limit.

use alloc::boxed::Box;
use alloc::vec;
use alloc::vec::Vec;

use miniz_oxide::inflate::TINFLStatus;
use miniz_oxide::inflate::core::{DecompressorOxide, decompress, inflate_flags};

/// miniz_oxide's strongest level: the links are short, so the extra search costs little.
const LEVEL: u8 = 10;

/// `bytes` as raw deflate.
pub(super) fn deflate(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(bytes, LEVEL)
}

/// Why deflated bytes could not be inflated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum InflateError {
    /// The data is not deflate; the inflater stopped after reading this many bytes.
    Corrupt { read: usize },
    /// The data ends before the last block does.
    Truncated,
    /// The inflated data would be longer than the limit.
    TooLarge,
    /// The deflate stream ends after this many bytes and more follow.
    Trailing { read: usize },
}

/// Inflates `input`, refusing to produce more than `limit` bytes: the output buffer starts small,
/// doubles while the data needs it and never grows past `limit + 1` bytes.
pub(super) fn inflate(input: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    let cap = limit.saturating_add(1);
    let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let mut out = vec![0; input.len().saturating_mul(4).clamp(64, cap)];
    let mut decompressor = Box::<DecompressorOxide>::default();
    let (mut read, mut written) = (0, 0);
    loop {
        let rest = input.get(read..).unwrap_or(&[]);
        let (status, consumed, produced) =
            decompress(&mut decompressor, rest, &mut out, written, flags);
        read += consumed;
        written += produced;
        match status {
            TINFLStatus::Done => {
                if written > limit {
                    return Err(InflateError::TooLarge);
                }
                if read < input.len() {
                    return Err(InflateError::Trailing { read });
                }
                out.truncate(written);
                return Ok(out);
            }
            TINFLStatus::HasMoreOutput => {
                if out.len() >= cap {
                    return Err(InflateError::TooLarge);
                }
                let grown = out.len().saturating_mul(2).min(cap);
                out.resize(grown, 0);
            }
            TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
                return Err(InflateError::Truncated);
            }
            _ => return Err(InflateError::Corrupt { read }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_limits() {
        let text = b"{\"version\":1,\"vpcs\":[{\"id\":\"vpc-1\"},{\"id\":\"vpc-2\"}]}".repeat(40);
        let packed = deflate(&text);
        assert!(packed.len() < text.len() / 4);
        assert_eq!(inflate(&packed, text.len()).unwrap(), text);
        assert_eq!(
            inflate(&packed, text.len() - 1),
            Err(InflateError::TooLarge)
        );
        let cut = packed.get(..packed.len() - 2).unwrap();
        assert_eq!(inflate(cut, usize::MAX), Err(InflateError::Truncated));
        let mut longer = packed.clone();
        longer.extend_from_slice(b"xyz");
        assert_eq!(
            inflate(&longer, usize::MAX),
            Err(InflateError::Trailing { read: packed.len() })
        );
        // Block type 3 does not exist.
        assert!(matches!(
            inflate(&[0x07, 0, 0], 100),
            Err(InflateError::Corrupt { .. })
        ));
    }

    #[test]
    fn a_bomb_stops_at_the_limit() {
        let zeros = vec![0u8; 8 << 20];
        let bomb = deflate(&zeros);
        assert!(bomb.len() < 16 << 10, "{}", bomb.len());
        assert_eq!(inflate(&bomb, 1 << 20), Err(InflateError::TooLarge));
    }
}
