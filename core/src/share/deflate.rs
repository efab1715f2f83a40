//! Raw deflate (RFC 1951, no zlib or gzip wrapper), the form `pako.deflateRaw` and
//! `CompressionStream("deflate-raw")` read and write, with an inflater that never writes more than
//! a limit, both with an optional preset dictionary (zlib's `deflateSetDictionary`: the window
//! starts out holding it, so the data's first words can already be matches).

use alloc::boxed::Box;
use alloc::vec;
use alloc::vec::Vec;

use miniz_oxide::deflate::core::{
    CompressorOxide, TDEFLFlush, TDEFLStatus, compress, create_comp_flags_from_zip_params,
};
use miniz_oxide::inflate::TINFLStatus;
use miniz_oxide::inflate::core::{DecompressorOxide, decompress, inflate_flags};

/// miniz_oxide's strongest level: the links are short, so the extra search costs little.
const LEVEL: u8 = 10;

/// `bytes` as raw deflate, its matches free to reach back into `dictionary`.
///
/// The compressor reads the dictionary first and flushes (an empty stored block ends on a byte
/// boundary); what it writes up to there is dropped, and the rest is the data's own blocks.
pub(super) fn deflate(dictionary: &[u8], bytes: &[u8]) -> Vec<u8> {
    let flags = create_comp_flags_from_zip_params(LEVEL.into(), 0, 0);
    let mut compressor = Box::new(CompressorOxide::new(flags));
    let mut out = Vec::new();
    let mut primed = 0;
    if !dictionary.is_empty() {
        run(&mut compressor, dictionary, &mut out, TDEFLFlush::Sync);
        primed = out.len();
    }
    run(&mut compressor, bytes, &mut out, TDEFLFlush::Finish);
    out.split_off(primed.min(out.len()))
}

/// Feeds all of `input` to the compressor and flushes, appending to `out`.
fn run(compressor: &mut CompressorOxide, mut input: &[u8], out: &mut Vec<u8>, flush: TDEFLFlush) {
    let mut buffer = vec![0u8; input.len() / 2 + 1024];
    loop {
        let (status, read, written) = compress(compressor, input, &mut buffer, flush);
        out.extend_from_slice(buffer.get(..written).unwrap_or_default());
        input = input.get(read..).unwrap_or_default();
        // Done ends the stream; a flush is complete once the input is gone and the buffer was
        // not filled. Anything else (an error, which the compressor only reports for misuse)
        // stops too, and decoding the result would say so.
        let more = status == TDEFLStatus::Okay && (!input.is_empty() || written == buffer.len());
        if !more {
            return;
        }
    }
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

/// Inflates `input` written with `dictionary`, refusing to produce more than `limit` bytes: the
/// output buffer holds the dictionary, then starts small, doubles while the data needs it and
/// never grows past the dictionary and `limit + 1` bytes.
pub(super) fn inflate(
    dictionary: &[u8],
    input: &[u8],
    limit: usize,
) -> Result<Vec<u8>, InflateError> {
    let primed = dictionary.len();
    let limit = limit.saturating_add(primed);
    let cap = limit.saturating_add(1);
    let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let mut out = vec![
        0;
        input
            .len()
            .saturating_mul(4)
            .saturating_add(primed)
            .max(64)
            .min(cap)
    ];
    if let Some(start) = out.get_mut(..primed) {
        start.copy_from_slice(dictionary);
    }
    let mut decompressor = Box::<DecompressorOxide>::default();
    let (mut read, mut written) = (0, primed);
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
                return Ok(out.split_off(primed.min(out.len())));
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
        let packed = deflate(&[], &text);
        assert!(packed.len() < text.len() / 4);
        assert_eq!(inflate(&[], &packed, text.len()).unwrap(), text);
        assert_eq!(
            inflate(&[], &packed, text.len() - 1),
            Err(InflateError::TooLarge)
        );
        let cut = packed.get(..packed.len() - 2).unwrap();
        assert_eq!(inflate(&[], cut, usize::MAX), Err(InflateError::Truncated));
        let mut longer = packed.clone();
        longer.extend_from_slice(b"xyz");
        assert_eq!(
            inflate(&[], &longer, usize::MAX),
            Err(InflateError::Trailing { read: packed.len() })
        );
        // Block type 3 does not exist.
        assert!(matches!(
            inflate(&[], &[0x07, 0, 0], 100),
            Err(InflateError::Corrupt { .. })
        ));
    }

    #[test]
    fn a_dictionary_primes_the_window() {
        let dictionary = b"service_network_endpoints resource_configurations";
        let text = b"{\"service_network_endpoints\":[],\"resource_configurations\":[]}";
        let plain = deflate(&[], text);
        let primed = deflate(dictionary, text);
        assert!(
            primed.len() + 20 < plain.len(),
            "{} {}",
            primed.len(),
            plain.len()
        );
        assert_eq!(inflate(dictionary, &primed, text.len()).unwrap(), text);
        assert_eq!(
            inflate(dictionary, &primed, text.len() - 1),
            Err(InflateError::TooLarge)
        );
        // Without the dictionary its matches reach before the start.
        assert!(matches!(
            inflate(&[], &primed, 1000),
            Err(InflateError::Corrupt { .. })
        ));
        assert_eq!(
            inflate(dictionary, &deflate(dictionary, b""), 0).unwrap(),
            b""
        );
    }

    #[test]
    fn a_bomb_stops_at_the_limit() {
        let zeros = vec![0u8; 8 << 20];
        let bomb = deflate(&[], &zeros);
        assert!(bomb.len() < 16 << 10, "{}", bomb.len());
        assert_eq!(inflate(&[], &bomb, 1 << 20), Err(InflateError::TooLarge));
    }
}
