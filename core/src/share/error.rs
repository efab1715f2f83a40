//! What can go wrong sharing a topology as a link, one type per direction.

use alloc::string::String;
use core::fmt;

use super::{MAX_FRAGMENT_CHARS, MAX_OBJECTS, MAX_TOPOLOGY_BYTES, VERSION};
use crate::model::LoadError;

/// Why a document cannot travel as a link. Each limit is the one [`super::decode`] enforces, so
/// every link [`super::encode`] makes opens again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareEncodeError {
    /// The document holds more than [`MAX_OBJECTS`] objects.
    TooManyObjects { count: usize },
    /// The document's compact JSON is longer than [`MAX_TOPOLOGY_BYTES`].
    TooLarge { bytes: usize },
    /// The fragment would be longer than [`MAX_FRAGMENT_CHARS`].
    TooLong { chars: usize },
}

impl fmt::Display for ShareEncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooManyObjects { count } => write!(
                f,
                "the topology has {count} objects, more than a link carries (at most {MAX_OBJECTS}): save it as a file instead"
            ),
            Self::TooLarge { bytes } => write!(
                f,
                "the topology is {bytes} bytes of JSON, more than a link carries (at most {MAX_TOPOLOGY_BYTES}): save it as a file instead"
            ),
            Self::TooLong { chars } => write!(
                f,
                "the link would be {chars} characters long, more than the limit of {MAX_FRAGMENT_CHARS}: save the topology as a file instead"
            ),
        }
    }
}

impl core::error::Error for ShareEncodeError {}

/// Why a link does not open. Character positions count from the version character, the first
/// one after `#`, starting at 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareDecodeError {
    /// Nothing follows `#`.
    Empty,
    /// The fragment is longer than [`MAX_FRAGMENT_CHARS`]; refused before it is read.
    TooLong { chars: usize },
    /// The first character is no version vpcplay ever wrote.
    UnknownVersion { found: char },
    /// The first character is a version newer than this build reads.
    FutureVersion { found: char },
    /// A character outside base64url.
    BadCharacter { found: char, at: usize },
    /// The link ends before the topology does: it was cut when copied.
    CutShort { at: usize },
    /// The compressed data is not deflate; the inflater gave up near this character.
    Corrupt { at: usize },
    /// The topology ends and characters follow it.
    Trailing { at: usize },
    /// The compressed data does not inflate, by an inflater that does not say where (the
    /// browser's).
    Damaged,
    /// The topology would inflate to more than [`MAX_TOPOLOGY_BYTES`]; inflating stopped there.
    TooLarge,
    /// The topology lists more than [`MAX_OBJECTS`] objects; refused before they are read.
    TooManyObjects { count: usize },
    /// A section of a packed (format 2) topology ends before the topology does.
    SectionCutShort { section: Section },
    /// A varint of a packed topology runs past 64 bits, or a number past the range of one.
    NumberTooLarge { section: Section },
    /// A packed topology refers to entry `index` (from 1) of a table that has `available`.
    BadReference {
        section: Section,
        index: usize,
        available: usize,
    },
    /// The shape table names a kind of value that does not exist.
    UnknownKind { found: u8 },
    /// Text in a packed topology is not UTF-8.
    NotText { section: Section },
    /// A number literal of a packed topology is not a number.
    NotANumber { found: String },
    /// A packed topology nests deeper than a document may.
    TooDeep,
    /// A section of a packed topology goes on after the topology ends.
    Leftover { section: Section },
    /// The link inflates to something that is not a vpcplay document.
    NotADocument(LoadError),
}

/// The sections of a format 2 topology, as the refusals name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// The lengths of the other sections, at the start.
    Header,
    /// The kinds of value, and the keys of objects, each the first time its place needs it.
    Shapes,
    /// Which kind each value is.
    Kinds,
    /// The lengths of arrays.
    Lengths,
    /// Which recent template each string takes.
    References,
    /// New templates and other strings.
    Text,
    /// Whole numbers and the numbers inside strings.
    Numbers,
    /// Numbers that are not whole, as written, and strings that cannot be templates.
    Literals,
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Header => "section table",
            Self::Shapes => "shape table",
            Self::Kinds => "value kinds",
            Self::Lengths => "array lengths",
            Self::References => "string references",
            Self::Text => "text",
            Self::Numbers => "numbers",
            Self::Literals => "literals",
        })
    }
}

impl fmt::Display for ShareDecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("the link carries no topology: nothing follows `#`"),
            Self::TooLong { chars } => write!(
                f,
                "the link is {chars} characters long, more than the limit of {MAX_FRAGMENT_CHARS}"
            ),
            Self::UnknownVersion { found } => write!(
                f,
                "the link is not a vpcplay topology: unknown version `{found}`"
            ),
            Self::FutureVersion { found } => write!(
                f,
                "the link was made by a newer vpcplay (version `{found}`, this one reads up to `{VERSION}`): update vpcplay to open it"
            ),
            Self::BadCharacter { found, at } => write!(
                f,
                "the link is damaged: `{}` cannot appear in it, at character {at}",
                found.escape_debug()
            ),
            Self::CutShort { at } => write!(
                f,
                "the link is damaged: it is cut short at character {at}; copy the whole link"
            ),
            Self::Corrupt { at } => write!(
                f,
                "the link is damaged: the compressed topology is corrupt near character {at}"
            ),
            Self::Trailing { at } => write!(
                f,
                "the link is damaged: unexpected characters after the end of the topology at character {at}"
            ),
            Self::Damaged => f.write_str(
                "the link is damaged: the compressed topology does not inflate (a character was changed, lost or added)",
            ),
            Self::TooLarge => write!(
                f,
                "the topology in the link would be more than {MAX_TOPOLOGY_BYTES} bytes, the limit for a link"
            ),
            Self::TooManyObjects { count } => write!(
                f,
                "the topology in the link has {count} objects, more than the limit of {MAX_OBJECTS}"
            ),
            Self::SectionCutShort { section } => write!(
                f,
                "the link is damaged: its {section} end before the topology does"
            ),
            Self::NumberTooLarge { section } => write!(
                f,
                "the link is damaged: a number in its {section} is too large"
            ),
            Self::BadReference {
                section,
                index,
                available,
            } => write!(
                f,
                "the link is damaged: its {section} refer to entry {index} of {available}"
            ),
            Self::UnknownKind { found } => write!(
                f,
                "the link is damaged: its shape table holds kind {found}, which does not exist"
            ),
            Self::NotText { section } => write!(
                f,
                "the link is damaged: its {section} hold bytes that are not UTF-8"
            ),
            Self::NotANumber { found } => write!(
                f,
                "the link is damaged: its literals hold `{}`, which is not a number",
                found.escape_debug()
            ),
            Self::TooDeep => write!(
                f,
                "the topology in the link nests deeper than {} levels",
                crate::model::document::MAX_NESTING
            ),
            Self::Leftover { section } => write!(
                f,
                "the link is damaged: its {section} go on after the topology ends"
            ),
            Self::NotADocument(e) => write!(f, "the topology in the link cannot be read: {e}"),
        }
    }
}

impl core::error::Error for ShareDecodeError {}
