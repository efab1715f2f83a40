//! A topology as a link: the whole document, every object with its position and every flow, in
//! the fragment of a URL (`https://vpcplay.dev/#1eJzt…`), so that sharing needs no server.
//!
//! Format version `2` (written): the character `2`, then the document's compact JSON
//! ([`Document::to_json_compact`]) in its packed form (`pack.rs`: each object's keys once per
//! shape, values by key path, numbers as differences, strings as templates whose digit runs are
//! numbers), raw-deflated (RFC 1951) with a preset dictionary of the format's common words, and
//! written in base64url without padding (RFC 4648 section 5). The 200-object generated topology
//! takes 1,880 characters where format 1 took 4,757.
//!
//! Format version `1` (read): the character `1`, then the compact JSON raw-deflated, in
//! base64url; any deflate library reads it (`pako.inflateRaw`). A later format takes the next
//! character; every version ever written keeps decoding.
//!
//! A link is untrusted input. [`decode`] refuses it before spending memory on it: the fragment's
//! length is checked before it is read, inflating stops at [`MAX_TOPOLOGY_BYTES`], unpacking
//! stops once its JSON passes [`MAX_TOPOLOGY_BYTES`], and the number of objects is counted in
//! the JSON before any object is built. Every refusal is one [`ShareDecodeError`] that says what
//! is wrong and where.

mod base64;
mod deflate;
mod error;
mod pack;

use alloc::string::String;
use alloc::vec::Vec;

use crate::json::{Node, Shape};
use crate::model::Document;
use crate::model::document::{load_tree, parse_tree};

pub use error::{Section, ShareDecodeError, ShareEncodeError};

/// The format this build writes, and the newest it reads.
pub const VERSION: char = '2';

/// The first format: the compact JSON, raw-deflated. Still read.
const VERSION_1: char = '1';

/// Where a link points when no other address is given.
pub const DEFAULT_BASE_URL: &str = "https://vpcplay.dev/";

/// The longest fragment read, in characters. Browsers keep URLs of a few megabytes; a topology
/// a person can look at needs far less (200 generated objects take about 1,900).
pub const MAX_FRAGMENT_CHARS: usize = 256 * 1024;

/// The most bytes a link may inflate to: the compact JSON of roughly 30,000 objects.
pub const MAX_TOPOLOGY_BYTES: usize = 4 * 1024 * 1024;

/// The most objects a link may carry (every kind, flows included, as
/// [`Document::object_count`] counts them).
pub const MAX_OBJECTS: usize = 10_000;

/// The fragment for `doc`, without the `#`. It decodes to a document equal to `doc`, version
/// aside: a link always carries [`crate::model::CURRENT_VERSION`].
pub fn encode(doc: &Document) -> Result<String, ShareEncodeError> {
    let count = doc.object_count();
    if count > MAX_OBJECTS {
        return Err(ShareEncodeError::TooManyObjects { count });
    }
    let json = doc.to_json_compact();
    if json.len() > MAX_TOPOLOGY_BYTES {
        return Err(ShareEncodeError::TooLarge { bytes: json.len() });
    }
    let mut fragment = String::new();
    // The tree of JSON the document just wrote always reads back; were it ever not to, the link
    // falls back to format 1, which any build since the first reads.
    match parse_tree(json.as_bytes()) {
        Ok(tree) => {
            fragment.push(VERSION);
            base64::encode(
                &deflate::deflate(pack::DICTIONARY, &pack::pack(&tree)),
                &mut fragment,
            );
        }
        Err(_) => {
            fragment.push(VERSION_1);
            base64::encode(&deflate::deflate(&[], json.as_bytes()), &mut fragment);
        }
    }
    if fragment.len() > MAX_FRAGMENT_CHARS {
        return Err(ShareEncodeError::TooLong {
            chars: fragment.len(),
        });
    }
    Ok(fragment)
}

/// The document in a fragment, with or without its leading `#`.
pub fn decode(fragment: &str) -> Result<Document, ShareDecodeError> {
    let sealed = unwrap(fragment)?;
    let inflated = deflate::inflate(sealed.dictionary, &sealed.deflated, MAX_TOPOLOGY_BYTES)
        .map_err(|e| match e {
            deflate::InflateError::Corrupt { read } => ShareDecodeError::Corrupt {
                at: character_of_byte(read),
            },
            deflate::InflateError::Truncated => ShareDecodeError::CutShort {
                at: sealed.characters + 1,
            },
            deflate::InflateError::TooLarge => ShareDecodeError::TooLarge,
            deflate::InflateError::Trailing { read } => ShareDecodeError::Trailing {
                at: character_of_byte(read),
            },
        })?;
    open_inflated(sealed.dictionary, inflated)
}

/// A fragment read as far as its raw-deflated bytes: [`decode`] in three steps ([`unwrap`],
/// inflating, [`open_inflated`]) for a caller with an inflater of its own, such as the browser's
/// `DecompressionStream`, which must then stop at [`MAX_TOPOLOGY_BYTES`] of output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sealed {
    /// The preset dictionary the deflated bytes may refer back into: empty in format 1.
    pub dictionary: &'static [u8],
    /// The raw deflate (RFC 1951) stream.
    pub deflated: Vec<u8>,
    /// How many characters of payload followed the version.
    pub characters: usize,
}

/// Checks a fragment's length and version and reads its base64url.
pub fn unwrap(fragment: &str) -> Result<Sealed, ShareDecodeError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if fragment.len() > MAX_FRAGMENT_CHARS {
        return Err(ShareDecodeError::TooLong {
            chars: fragment.chars().count(),
        });
    }
    let mut chars = fragment.chars();
    let dictionary: &[u8] = match chars.next() {
        None => return Err(ShareDecodeError::Empty),
        Some(VERSION) => pack::DICTIONARY,
        Some(VERSION_1) => &[],
        Some(found) if found.is_ascii_digit() && found > VERSION => {
            return Err(ShareDecodeError::FutureVersion { found });
        }
        Some(found) => return Err(ShareDecodeError::UnknownVersion { found }),
    };
    let payload = chars.as_str();
    // The payload's characters start at character 2, after the version.
    let deflated = base64::decode(payload.as_bytes()).map_err(|e| match e {
        base64::Base64Error::BadByte { at } => ShareDecodeError::BadCharacter {
            // INVARIANT: every byte before `at` is a base64url character, so ASCII, so `at` is
            // both a character boundary and the number of characters before it.
            found: payload
                .get(at..)
                .and_then(|rest| rest.chars().next())
                .unwrap_or(char::REPLACEMENT_CHARACTER),
            at: at + 2,
        },
        base64::Base64Error::CutShort => ShareDecodeError::CutShort {
            at: payload.len() + 1,
        },
    })?;
    Ok(Sealed {
        dictionary,
        deflated,
        characters: payload.len(),
    })
}

/// The document in a fragment's inflated bytes (at most [`MAX_TOPOLOGY_BYTES`]): format 2's
/// packing undone when `dictionary` is format 2's, the JSON read, the objects counted before
/// they are built.
pub fn open_inflated(
    dictionary: &'static [u8],
    inflated: Vec<u8>,
) -> Result<Document, ShareDecodeError> {
    if inflated.len() > MAX_TOPOLOGY_BYTES {
        return Err(ShareDecodeError::TooLarge);
    }
    let json = if dictionary.is_empty() {
        inflated
    } else {
        pack::unpack(&inflated, MAX_TOPOLOGY_BYTES)?.into_bytes()
    };
    let tree = parse_tree(&json).map_err(ShareDecodeError::NotADocument)?;
    let count = listed_objects(&tree);
    if count > MAX_OBJECTS {
        return Err(ShareDecodeError::TooManyObjects { count });
    }
    load_tree(tree).map_err(ShareDecodeError::NotADocument)
}

/// The part of a pasted link that [`decode`] reads: what follows the first `#`, or the whole
/// text, trimmed, when it has none.
pub fn fragment_of(link: &str) -> &str {
    let link = link.trim();
    link.split_once('#').map_or(link, |(_, fragment)| fragment)
}

/// The link to `fragment` on `base`: `base` without any fragment of its own, `#`, `fragment`.
pub fn link(base: &str, fragment: &str) -> String {
    let base = base.split_once('#').map_or(base, |(page, _)| page);
    let mut out = String::with_capacity(base.len() + 1 + fragment.len());
    out.push_str(base);
    out.push('#');
    out.push_str(fragment);
    out
}

/// The character, counted as [`ShareDecodeError`] counts, that holds the first bit of the
/// payload's byte `byte` (0-based): four characters carry three bytes, after the version.
fn character_of_byte(byte: usize) -> usize {
    byte / 3 * 4 + byte % 3 + 2
}

/// How many objects the document tree lists: the elements of its top-level arrays, counted
/// before any of them is read.
fn listed_objects(tree: &Node) -> usize {
    let Shape::Object(members) = &tree.value else {
        return 0;
    };
    members
        .iter()
        .map(|m| match &m.node.value {
            Shape::Array(items) => items.len(),
            _ => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests;
