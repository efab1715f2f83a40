//! Format 2's packed form of a JSON document: the same JSON value, laid out so that deflate finds
//! what repeats.
//!
//! The value is walked in document order and every part of it goes to one of seven sections,
//! written one after the other (the lengths of the first six lead, as varints):
//!
//! 1. **shapes**: each kind of value the first time its place needs it: a kind byte, and for an
//!    object its keys (an index into the key table, or `0`, the length and the UTF-8 of a new key);
//! 2. **kinds**: one varint per value: `0` for a shape just defined, `n` up to 32 for the `n`-th
//!    most recent shape seen at the same place (the same key path), so a list of alike objects is
//!    a run of `1`s, and `32 + n` for the `n`-th shape of the document when its place has not
//!    seen it lately (the document's shapes start with [`SHAPES`]);
//! 3. **lengths** of arrays;
//! 4. **string references**: for a string, `n` up to 32 for the `n`-th most recent template at
//!    its place, `32 + n` for the `n`-th template of the document when its place has not used it
//!    lately, `0` for a new one;
//! 5. **text**: new templates, UTF-8 ended by a zero byte; a template is the string with each
//!    run of up to 9 digits (no leading zero) replaced by byte 1;
//! 6. **numbers**: whole numbers and the digit runs of templates, zigzag varints, each the
//!    difference from the previous number of the same place and run;
//! 7. **literals**: numbers that are not whole, as written, and strings that hold byte 0 or 1,
//!    as length and UTF-8.
//!
//! Keys the format knows ([`KEYS`]) have fixed indices. Every read is checked: a section that ends
//! early, a varint past 64 bits, a reference past what exists, a key or kind that does not
//! exist, each is its own [`ShareDecodeError`]. Unpacking writes compact JSON and stops once it
//! passes its limit.

use alloc::string::String;
use alloc::vec::Vec;

use super::error::{Section, ShareDecodeError};
use crate::json::{Node, Shape, write};

/// Keys with a fixed index (from 1) in every packed document. Frozen with format 2: a key added to
/// the document format later is spelled out in the shape table.
const KEYS: &[&str] = &[
    "id",
    "position",
    "x",
    "y",
    "vpc",
    "protocol",
    "name",
    "security_groups",
    "cidr",
    "ip",
    "subnet",
    "path",
    "account",
    "rules",
    "description",
    "zone",
    "request",
    "from",
    "to",
    "instance",
    "port",
    "expect",
    "verdict",
    "ports",
    "service_network",
    "target_group",
    "forward",
    "cidrs",
    "type",
    "subnets",
    "service",
    "ingress",
    "targets",
    "weight",
    "target",
    "priority",
    "match",
    "action",
    "reason",
    "at",
    "prefix",
    "listeners",
    "default_action",
    "prefix_list",
    "security_group",
    "main",
    "principal",
    "egress",
    "version",
    "regions",
    "zones",
    "vpcs",
    "instances",
    "flows",
    "method",
    "seed",
    "Effect",
    "Action",
    "Resource",
    "route_tables",
    "Version",
    "Statement",
    "accounts",
    "service_networks",
    "vpc_associations",
    "service_associations",
    "services",
    "target_groups",
    "destination",
    "Principal",
    "load_balancers",
    "predict",
    "resource_configuration",
    "status",
    "policy",
    "health",
    "routes",
    "internet_gateway",
    "interface_endpoints",
    "endpoint_service",
    "org",
    "gateway",
    "port_ranges",
    "definition",
    "fixed_response",
    "aws",
    "route_table",
    "gateway_endpoints",
    "listener_ports",
    "endpoint",
    "state",
    "exact",
    "health_check",
    "lambda",
    "role",
    "engine",
    "database",
    "auth_type",
    "auth_policy",
    "Sid",
    "headers",
    "endpoint_services",
    "allowed_principals",
    "connections",
    "lambdas",
    "runs",
    "distribution",
    "tolerance",
    "databases",
    "resource_gateways",
    "resource_configurations",
    "Condition",
    "resource_associations",
    "kind",
    "custom_domain",
    "service_network_endpoints",
    "resource_endpoints",
    "peering",
    "requester",
    "accepter",
    "private_dns_name",
    "private_dns_verification",
    "case_sensitive",
    "load_balancer",
    "parent",
    "AWS",
    "identity_policies",
    "internet_gateways",
    "peerings",
    "private_dns",
    "nat_gateways",
    "nat_gateway",
    "NotPrincipal",
    "NotAction",
    "NotResource",
];

/// The deflate dictionary of format 2, so that even the first use of a common shape or word is a
/// match: the object shapes of the gallery (`static/examples`) as the shape table writes them,
/// the most common last, then templates a topology often holds (id prefixes as the editor writes
/// them, AWS names and values), each ended by a zero byte. Frozen with format 2.
pub(super) const DICTIONARY: &[u8] = b"\x09\x151\x07\x0f?24\x1e<\x085iGXOf@ABCD6\x09\x131\x07\x0f?24\x1e\x085m@ABqCDno6\x09\x111\x07\
\x0f?24\x1e\x085m@qtnou6\x09\x101\x07\x0f?24\x1e\x085@ABtCD6\x09\x101\x07\x0f?24\x1e\x085@AB\
CD\x7f6\x09\x101\x07\x0f24\x1e\x085iG@ABCD6\x09\x0d1\x07\x0f?24\x1e<\x085XO6\x09\x0d1\x07\x0f\
?24\x1e\x085GOf6\x09\x0c1\x07\x0f?24\x1e<\x085X6\x09\x0a1\x07\x0f24\x1e\x085O6\x09\x08\x01\x1d\
\x05\x1e\x08Y!\x02\x09\x08\x01\x0dGghyz\x02\x09\x08\x01\x0d\x1d\x06\x15\x05!\x02\x09\x07\x01\
\x1d\x06\x15\x05]\x02\x09\x07\x01\x0d\x1d}ST\x02\x09\x06\x12/\x13\x067\x0c\x09\x06\x01r\x0b\x0a\
\x08\x02\x09\x06\x01\x0dGgh\x02\x09\x06\x01\x07\x0b\x0a\x08\x02\x09\x06\x01\x07\x05\x200\x02\x09\
\x05d9F:;\x09\x059F:;p\x09\x05\x12/\x137\x0c\x09\x05\x12\x13\x06\x0ce\x09\x05\x01bc*\x02\x09\
\x05\x01\x0dbc\x02\x09\x05\x01\x0d\x1dR\x02\x09\x05\x01\x07s*\x02\x09\x05\x01\x07bc\x02\x09\x05\
\x01\x05I\x1e\x02\x09\x05\x01\x05\x1f<\x02\x09\x04\x12\x13\x067\x09\x04\x06\x18,\x0f\x09\x04\
\x06\x18\x09\x0f\x09\x04\x01s*\x02\x09\x04\x01bc\x02\x09\x04\x01\x19\x05\x08\x09\x04\x01\x0d\
*\x02\x09\x04\x01\x06+\x0e\x09\x04\x01\x06\x15+\x09\x039:;\x09\x03\x12\x13\x06\x09\x03\x01\x07\
\x02\x09\x02\x5c{\x09\x02/K\x09\x02\x17J\x09\x02\x12\x13\x09\x02\x0ce\x09\x02\x07\x5c\x09\x02\
\x01Q\x09\x01~\x09\x01|\x09\x017\x09\x0e1\x07\x0f24\x1e\x085@ABCD6\x09\x08\x01\x1d\x06\x15\x05\
]!\x02\x09\x07\x01`\x0b\x0a\x15\x08\x02\x09\x07\x01\x1d\x05\x1eY!\x02\x09\x07\x01\x0d\x1dRST\
\x02\x09\x06d9F:;p\x09\x06\x01\x0b\x0a\x08_\x02\x09\x06\x01\x05\x1f<K\x02\x09\x05\x01\x0b\x0a\
_\x02\x09\x05\x01\x06\x15+\x0e\x09\x05\x01\x05\x1f\x1e\x02\x09\x05\x01\x05\x1e\x08\x02\x09\x05\
\x01\x05\x19\x1e\x02\x09\x049F:;\x09\x04\x17jkl\x09\x04\x01\x1d!\x02\x09\x04\x01\x07*\x02\x09\
\x04\x01\x07\x1c\x02\x09\x03\x01*\x02\x09\x03\x01\x19I\x09\x03\x01\x0d\x02\x09\x03\x01\x07Q\x09\
\x02Z[\x09\x02\x14L\x09\x01a\x09\x01^\x09\x01V\x09\x01U\x09\x01P\x09\x01J\x09\x01\x0a\x09\x06\
\x07\x0f\x0e\x11\x16H\x09\x06\x01\x05\x1f\x1e\x08\x02\x09\x06\x01\x05\x10\x09W\x02\x09\x05\x12\
\x13\x067\x0c\x09\x04\x12/\x13\x0c\x09\x04\x12\x13\x06\x15\x09\x04\x01$%&\x09\x04\x01\x05.\x02\
\x09\x03\x01\x06+\x09\x03\x01\x05\x02\x09\x02\x14\x15\x09\x01)\x09\x01\x0c\x09\x04\x12\x13\x06\
\x0c\x09\x02\x01\x02\x09\x07\x01\x1d\x06\x15\x05!\x02\x09\x04\x01\x0d\x1c\x02\x09\x03\x06\x18\
-\x09\x03\x06\x18,\x09\x03\x01\x1c\x02\x09\x03\x12\x13\x0c\x09\x03\x06\x18\x09\x09\x03\x01\x19\
\x05\x09\x03\x01\x19\x1f\x09\x02=>\x09\x02\x01\x07\x09\x01\x14\x09\x04\x01\x0b\x0a\x02\x09\x02\
\x1a\x22\x09\x01\x1b\x09\x05\x01\x0b\x0a\x08\x02\x09\x02\x17#\x09\x05\x07\x0f\x0e\x11\x16\x09\
\x05\x01\x05\x200\x02\x09\x05\x01\x05\x10\x09\x02\x09\x03\x17'(\x09\x02\x06\x09\x09\x02\x013\x09\
\x02\x03\x04vpc-\x01\x00subnet-\x01\x00sub-\x01\x00rtb-\x01\x00sg-\x01\x00igw-\x01\x00nat-\x01\
\x00pcx-\x01\x00i-\x01\x00fn-\x01\x00db-\x01\x00lb-\x01\x00nlb-\x01\x00alb-\x01\x00vpce-\x01\
\x00vpce-svc-\x01\x00sn-\x01\x00sne-\x01\x00snva-\x01\x00snsa-\x01\x00snra-\x01\x00svc-\x01\x00\
tg-\x01\x00rgw-\x01\x00rcfg-\x01\x00rep-\x01\x00lst-\x01\x00rule-\x01\x00subnet-\x01-a\x00su\
bnet-\x01-b\x00sub-\x01-a\x00sub-\x01-b\x00i-\x01-\x01\x00rule-\x01-\x01\x00com.amazonaws.us\
-east-\x01.s3\x00com.amazonaws.us-east-\x01.sqs\x00com.amazonaws.us-east-\x01.vpc-lattice\x00\
arn:aws:iam::\x01:root\x00use\x01-az\x01\x00us-east-\x01\x00\x01.\x01.\x01.\x01/\x01\x00\x01\
.\x01.\x01.\x01\x00tcp\x00udp\x00all\x00http\x00https\x00instance\x00lambda\x00ip\x00availab\
le\x00pendingAcceptance\x00postgres\x00mysql\x00healthy\x00unhealthy\x00allow\x00deny\x00arn\
\x00forward\x00GET\x00POST\x00DELETE\x00";

/// How many recent shapes or templates a place remembers.
const RECENT: usize = 32;

/// Array elements' step in a key path (keys are `u32` indices below this).
const ELEMENT: u32 = u32::MAX;

/// The longest digit run written as a number: 9 digits fit any `i64` difference.
const MAX_DIGITS: usize = 9;

/// The deepest nesting unpacked, as the document reader allows.
const MAX_DEPTH: usize = crate::model::document::MAX_NESTING;

// Kind bytes of the shape table.
const NULL: u8 = 0;
const FALSE: u8 = 1;
const TRUE: u8 = 2;
const WHOLE: u8 = 3;
const WHOLE_POINT_ZERO: u8 = 4;
const LITERAL: u8 = 5;
const TEMPLATE: u8 = 6;
const RAW: u8 = 7;
const ARRAY: u8 = 8;
const OBJECT: u8 = 9;

/// The shapes every packed document starts with, so that no place spells them out: each kind of
/// value but objects, and a position (`x` and `y`). Frozen with format 2.
const SHAPES: [u8; 10] = [
    TEMPLATE,
    WHOLE_POINT_ZERO,
    WHOLE,
    ARRAY,
    OBJECT,
    TRUE,
    FALSE,
    NULL,
    LITERAL,
    RAW,
];

/// A kind of value at a place: its kind byte, and an object's keys as key-table indices.
#[derive(Clone, PartialEq, Eq)]
struct Kind {
    byte: u8,
    keys: Vec<u32>,
}

/// What both directions remember of one place (a key path): the places below it by step,
/// sorted, its recent shapes and templates, and the last number of each of its runs.
#[derive(Default)]
struct Place {
    children: Vec<(u32, u32)>,
    shapes: Vec<Kind>,
    templates: Vec<String>,
    last: Vec<i64>,
}

/// What both directions remember while walking: the key table, the places (the root first),
/// and every template so far in order of first use.
struct Memory {
    keys: Vec<String>,
    /// How many keys of `keys` the unpacker knows: the format's and those spelled out so far.
    spelled: usize,
    places: Vec<Place>,
    /// Every shape so far in order of first use, after [`SHAPES`].
    all_shapes: Vec<Kind>,
    all_templates: Vec<String>,
    /// Stands in for a place that does not exist, which never happens.
    spare: Place,
}

impl Memory {
    fn new() -> Self {
        Self {
            keys: KEYS.iter().map(|k| String::from(*k)).collect(),
            spelled: KEYS.len(),
            places: alloc::vec![Place::default()],
            all_shapes: SHAPES
                .iter()
                .map(|&byte| Kind {
                    byte,
                    keys: if byte == OBJECT {
                        alloc::vec![2, 3]
                    } else {
                        Vec::new()
                    },
                })
                .collect(),
            all_templates: Vec::new(),
            spare: Place::default(),
        }
    }

    fn at(&mut self, place: u32) -> &mut Place {
        match self
            .places
            .get_mut(usize::try_from(place).unwrap_or(usize::MAX))
        {
            Some(p) => p,
            None => &mut self.spare,
        }
    }

    /// The place of step `step` (a key index or [`ELEMENT`]) below `parent`.
    fn place(&mut self, parent: u32, step: u32) -> u32 {
        let next = u32::try_from(self.places.len()).unwrap_or(u32::MAX);
        let children = &mut self.at(parent).children;
        match children.binary_search_by_key(&step, |c| c.0) {
            Ok(i) => children.get(i).map_or(0, |c| c.1),
            Err(i) => {
                children.insert(i, (step, next));
                self.places.push(Place::default());
                next
            }
        }
    }

    /// The last number of `place`'s run `run`, which becomes `n`.
    fn swap_last(&mut self, place: u32, run: u32, n: i64) -> i64 {
        let last = &mut self.at(place).last;
        let i = usize::try_from(run).unwrap_or(usize::MAX);
        if last.len() <= i {
            last.resize(i.saturating_add(1), 0);
        }
        last.get_mut(i)
            .map_or(0, |slot| core::mem::replace(slot, n))
    }

    /// The difference of `n` from the last number of `place`'s run `run`, which becomes `n`.
    fn difference(&mut self, place: u32, run: u32, n: i64) -> i64 {
        n.wrapping_sub(self.swap_last(place, run, n))
    }
}

/// Moves the entry at `index` to the front, or puts `item` there, keeping at most [`RECENT`].
fn to_front<T>(list: &mut Vec<T>, index: Option<usize>, item: T) {
    if let Some(i) = index
        && i < list.len()
    {
        list.remove(i);
    }
    list.insert(0, item);
    list.truncate(RECENT);
}

fn varint(out: &mut Vec<u8>, mut n: u64) {
    loop {
        // The low seven bits.
        let low = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(low);
            return;
        }
        out.push(low | 0x80);
    }
}

fn zigzag(n: i64) -> u64 {
    ((n << 1) ^ (n >> 63)).cast_unsigned()
}

fn unzigzag(n: u64) -> i64 {
    (n >> 1).cast_signed() ^ -((n & 1).cast_signed())
}

fn len_u64(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// A string as a template and the numbers of its digit runs.
fn template_of(s: &str) -> (String, Vec<i64>) {
    let mut template = String::with_capacity(s.len());
    let mut numbers = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        let digit = rest.as_bytes().first().is_some_and(u8::is_ascii_digit);
        let end = rest
            .bytes()
            .position(|b| b.is_ascii_digit() != digit)
            .unwrap_or(rest.len());
        // Digits and the bytes that are not are both whole characters: ASCII digits never sit
        // inside a multi-byte character.
        let (run, after) = rest.split_at(end);
        match whole(run) {
            Some((n, false)) if digit => {
                template.push('\u{1}');
                numbers.push(n);
            }
            _ => template.push_str(run),
        }
        rest = after;
    }
    (template, numbers)
}

/// A number as written, when it is whole (`-12`) or whole with `.0` (`640.0`) and short enough:
/// the value and whether it had `.0`.
fn whole(text: &str) -> Option<(i64, bool)> {
    let (digits, point_zero) = match text.strip_suffix(".0") {
        Some(d) => (d, true),
        None => (text, false),
    };
    let (unsigned, negative) = match digits.strip_prefix('-') {
        Some(u) => (u, true),
        None => (digits, false),
    };
    let canonical = !unsigned.is_empty()
        && unsigned.len() <= MAX_DIGITS
        && unsigned.bytes().all(|b| b.is_ascii_digit())
        && (unsigned == "0" || !unsigned.starts_with('0'))
        && !(unsigned == "0" && negative);
    if !canonical {
        return None;
    }
    let n = unsigned
        .bytes()
        .fold(0i64, |n, b| n * 10 + i64::from(b - b'0'));
    Some((if negative { -n } else { n }, point_zero))
}

/// The sections the packer writes, in order.
#[derive(Default)]
struct Sections {
    shapes: Vec<u8>,
    kinds: Vec<u8>,
    lengths: Vec<u8>,
    references: Vec<u8>,
    text: Vec<u8>,
    numbers: Vec<u8>,
    literals: Vec<u8>,
}

fn text_entry(out: &mut Vec<u8>, s: &str) {
    varint(out, len_u64(s.len()));
    out.extend_from_slice(s.as_bytes());
}

/// The packed form of a JSON tree.
pub(super) fn pack(tree: &Node) -> Vec<u8> {
    let mut memory = Memory::new();
    let mut s = Sections::default();
    pack_value(tree, 0, &mut memory, &mut s);
    let mut out = Vec::new();
    for section in [
        &s.shapes,
        &s.kinds,
        &s.lengths,
        &s.references,
        &s.text,
        &s.numbers,
    ] {
        varint(&mut out, len_u64(section.len()));
    }
    for section in [
        s.shapes,
        s.kinds,
        s.lengths,
        s.references,
        s.text,
        s.numbers,
        s.literals,
    ] {
        out.extend_from_slice(&section);
    }
    out
}

fn pack_value(node: &Node, place: u32, memory: &mut Memory, s: &mut Sections) {
    let kind = match &node.value {
        Shape::Null => Kind {
            byte: NULL,
            keys: Vec::new(),
        },
        Shape::Bool(b) => Kind {
            byte: if *b { TRUE } else { FALSE },
            keys: Vec::new(),
        },
        Shape::Number(text) => Kind {
            byte: match whole(text) {
                Some((_, false)) => WHOLE,
                Some((_, true)) => WHOLE_POINT_ZERO,
                None => LITERAL,
            },
            keys: Vec::new(),
        },
        Shape::String(text) => Kind {
            byte: if text.bytes().any(|b| b < 2) {
                RAW
            } else {
                TEMPLATE
            },
            keys: Vec::new(),
        },
        Shape::Array(_) => Kind {
            byte: ARRAY,
            keys: Vec::new(),
        },
        Shape::Object(members) => {
            let mut keys = Vec::with_capacity(members.len());
            for m in members {
                let index = match memory.keys.iter().position(|k| *k == m.key) {
                    Some(i) => i,
                    None => {
                        memory.keys.push(m.key.clone());
                        memory.keys.len() - 1
                    }
                };
                keys.push(u32::try_from(index).unwrap_or(u32::MAX));
            }
            Kind { byte: OBJECT, keys }
        }
    };
    let found = memory.at(place).shapes.iter().position(|k| *k == kind);
    match found {
        Some(i) => varint(&mut s.kinds, len_u64(i + 1)),
        None => match memory.all_shapes.iter().position(|k| *k == kind) {
            Some(at) => varint(&mut s.kinds, len_u64(at + RECENT + 1)),
            None => {
                memory.all_shapes.push(kind.clone());
                varint(&mut s.kinds, 0);
                s.shapes.push(kind.byte);
                if kind.byte == OBJECT {
                    varint(&mut s.shapes, len_u64(kind.keys.len()));
                    for &k in &kind.keys {
                        // A key the unpacker knows by its index from 1; a new one spelled out, once.
                        let index = usize::try_from(k).unwrap_or(usize::MAX);
                        if index >= memory.spelled {
                            varint(&mut s.shapes, 0);
                            text_entry(
                                &mut s.shapes,
                                memory.keys.get(index).map_or("", String::as_str),
                            );
                            memory.spelled = index + 1;
                        } else {
                            varint(&mut s.shapes, u64::from(k) + 1);
                        }
                    }
                }
            }
        },
    }
    to_front(&mut memory.at(place).shapes, found, kind.clone());
    match &node.value {
        Shape::Null | Shape::Bool(_) => {}
        Shape::Number(text) => match whole(text) {
            Some((n, _)) => {
                let d = memory.difference(place, 0, n);
                varint(&mut s.numbers, zigzag(d));
            }
            None => text_entry(&mut s.literals, text),
        },
        Shape::String(text) if kind.byte == RAW => text_entry(&mut s.literals, text),
        Shape::String(text) => {
            let (template, numbers) = template_of(text);
            let found = memory
                .at(place)
                .templates
                .iter()
                .position(|t| *t == template);
            match found {
                Some(i) => varint(&mut s.references, len_u64(i + 1)),
                None => match memory.all_templates.iter().position(|t| *t == template) {
                    Some(at) => varint(&mut s.references, len_u64(at + RECENT + 1)),
                    None => {
                        varint(&mut s.references, 0);
                        s.text.extend_from_slice(template.as_bytes());
                        s.text.push(0);
                        memory.all_templates.push(template.clone());
                    }
                },
            }
            to_front(&mut memory.at(place).templates, found, template);
            for (run, n) in (1u32..).zip(numbers) {
                let d = memory.difference(place, run, n);
                varint(&mut s.numbers, zigzag(d));
            }
        }
        Shape::Array(items) => {
            varint(&mut s.lengths, len_u64(items.len()));
            let child = memory.place(place, ELEMENT);
            for item in items {
                pack_value(item, child, memory, s);
            }
        }
        Shape::Object(members) => {
            for (m, &k) in members.iter().zip(&kind.keys) {
                let child = memory.place(place, k);
                pack_value(&m.node, child, memory, s);
            }
        }
    }
}

/// One section of a packed document being read.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    section: Section,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8], section: Section) -> Self {
        Self {
            bytes,
            at: 0,
            section,
        }
    }

    fn byte(&mut self) -> Result<u8, ShareDecodeError> {
        let b = self
            .bytes
            .get(self.at)
            .copied()
            .ok_or(ShareDecodeError::SectionCutShort {
                section: self.section,
            })?;
        self.at += 1;
        Ok(b)
    }

    /// An unsigned LEB128 varint of at most 64 bits.
    fn varint(&mut self) -> Result<u64, ShareDecodeError> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let low = u64::from(b & 0x7f);
            if shift == 63 && (low > 1 || b & 0x80 != 0) {
                break;
            }
            n |= low << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(ShareDecodeError::NumberTooLarge {
            section: self.section,
        })
    }

    fn index(&mut self) -> Result<usize, ShareDecodeError> {
        let n = self.varint()?;
        usize::try_from(n).map_err(|_| ShareDecodeError::NumberTooLarge {
            section: self.section,
        })
    }

    /// A length, then that many bytes of UTF-8.
    fn text(&mut self) -> Result<&'a str, ShareDecodeError> {
        let len = self.index()?;
        let bytes = self
            .at
            .checked_add(len)
            .and_then(|end| self.bytes.get(self.at..end))
            .ok_or(ShareDecodeError::SectionCutShort {
                section: self.section,
            })?;
        self.at += len;
        core::str::from_utf8(bytes).map_err(|_| ShareDecodeError::NotText {
            section: self.section,
        })
    }

    /// UTF-8 up to a zero byte, which it drops.
    fn terminated(&mut self) -> Result<&'a str, ShareDecodeError> {
        let rest = self.bytes.get(self.at..).unwrap_or_default();
        let len = rest
            .iter()
            .position(|b| *b == 0)
            .ok_or(ShareDecodeError::SectionCutShort {
                section: self.section,
            })?;
        self.at += len + 1;
        core::str::from_utf8(rest.get(..len).unwrap_or_default()).map_err(|_| {
            ShareDecodeError::NotText {
                section: self.section,
            }
        })
    }

    fn finished(&self) -> Result<(), ShareDecodeError> {
        if self.at < self.bytes.len() {
            return Err(ShareDecodeError::Leftover {
                section: self.section,
            });
        }
        Ok(())
    }
}

/// The sections of a packed document, being read.
struct Readers<'a> {
    shapes: Reader<'a>,
    kinds: Reader<'a>,
    lengths: Reader<'a>,
    references: Reader<'a>,
    text: Reader<'a>,
    numbers: Reader<'a>,
    literals: Reader<'a>,
}

/// The compact JSON of a packed document, refused once it would pass `limit` bytes.
pub(super) fn unpack(packed: &[u8], limit: usize) -> Result<String, ShareDecodeError> {
    let mut header = Reader::new(packed, Section::Header);
    let order = [
        Section::Shapes,
        Section::Kinds,
        Section::Lengths,
        Section::References,
        Section::Text,
        Section::Numbers,
    ];
    let mut lengths = [0usize; 6];
    for len in &mut lengths {
        *len = header.index()?;
    }
    let mut rest = packed.get(header.at..).unwrap_or_default();
    let mut parts: [&[u8]; 6] = [&[]; 6];
    for ((part, &len), section) in parts.iter_mut().zip(&lengths).zip(order) {
        if len > rest.len() {
            return Err(ShareDecodeError::SectionCutShort { section });
        }
        let (here, after) = rest.split_at(len);
        *part = here;
        rest = after;
    }
    let [shapes, kinds, lengths, references, text, numbers] = parts;
    let mut r = Readers {
        shapes: Reader::new(shapes, Section::Shapes),
        kinds: Reader::new(kinds, Section::Kinds),
        lengths: Reader::new(lengths, Section::Lengths),
        references: Reader::new(references, Section::References),
        text: Reader::new(text, Section::Text),
        numbers: Reader::new(numbers, Section::Numbers),
        literals: Reader::new(rest, Section::Literals),
    };
    let mut memory = Memory::new();
    let mut out = String::new();
    unpack_value(&mut r, 0, 0, &mut memory, &mut out, limit)?;
    for reader in [
        &r.shapes,
        &r.kinds,
        &r.lengths,
        &r.references,
        &r.text,
        &r.numbers,
        &r.literals,
    ] {
        reader.finished()?;
    }
    Ok(out)
}

/// A shape from the shape table; new keys join the key table.
fn read_shape(r: &mut Reader<'_>, memory: &mut Memory) -> Result<Kind, ShareDecodeError> {
    let byte = r.byte()?;
    if byte > OBJECT {
        return Err(ShareDecodeError::UnknownKind { found: byte });
    }
    let mut keys = Vec::new();
    if byte == OBJECT {
        let count = r.index()?;
        for _ in 0..count {
            let index = match r.index()? {
                0 => {
                    memory.keys.push(String::from(r.text()?));
                    memory.keys.len() - 1
                }
                n if n <= memory.keys.len() => n - 1,
                n => {
                    return Err(ShareDecodeError::BadReference {
                        section: Section::Shapes,
                        index: n,
                        available: memory.keys.len(),
                    });
                }
            };
            keys.push(
                u32::try_from(index).map_err(|_| ShareDecodeError::NumberTooLarge {
                    section: Section::Shapes,
                })?,
            );
        }
    }
    Ok(Kind { byte, keys })
}

/// The number after `place`'s run `run` that the numbers section gives.
fn next_number(
    r: &mut Reader<'_>,
    memory: &mut Memory,
    place: u32,
    run: u32,
) -> Result<i64, ShareDecodeError> {
    let d = unzigzag(r.varint()?);
    let last = memory.swap_last(place, run, 0);
    let n = last
        .checked_add(d)
        .ok_or(ShareDecodeError::NumberTooLarge {
            section: Section::Numbers,
        })?;
    memory.swap_last(place, run, n);
    Ok(n)
}

/// An entry of a recent list, by its varint (`n` from 1), or `None` for `0`.
fn recent_entry<T: Clone>(
    list: Option<&Vec<T>>,
    n: usize,
    section: Section,
) -> Result<Option<T>, ShareDecodeError> {
    let Some(i) = n.checked_sub(1) else {
        return Ok(None);
    };
    let available = list.map_or(0, Vec::len);
    list.and_then(|l| l.get(i))
        .cloned()
        .map(Some)
        .ok_or(ShareDecodeError::BadReference {
            section,
            index: n,
            available,
        })
}

fn unpack_value(
    r: &mut Readers<'_>,
    place: u32,
    depth: usize,
    memory: &mut Memory,
    out: &mut String,
    limit: usize,
) -> Result<(), ShareDecodeError> {
    if depth > MAX_DEPTH {
        return Err(ShareDecodeError::TooDeep);
    }
    let n = r.kinds.index()?;
    let kind = match n.checked_sub(RECENT + 1) {
        // A shape used elsewhere before.
        Some(at) => memory
            .all_shapes
            .get(at)
            .cloned()
            .ok_or(ShareDecodeError::BadReference {
                section: Section::Kinds,
                index: n,
                available: memory.all_shapes.len() + RECENT,
            })?,
        None => match recent_entry(Some(&memory.at(place).shapes), n, Section::Kinds)? {
            Some(kind) => kind,
            None => {
                let kind = read_shape(&mut r.shapes, memory)?;
                memory.all_shapes.push(kind.clone());
                kind
            }
        },
    };
    let found = n.checked_sub(1).filter(|i| *i < RECENT);
    to_front(&mut memory.at(place).shapes, found, kind.clone());
    match kind.byte {
        NULL => out.push_str("null"),
        FALSE | TRUE => write::boolean(out, kind.byte == TRUE),
        WHOLE | WHOLE_POINT_ZERO => {
            let n = next_number(&mut r.numbers, memory, place, 0)?;
            write::signed(out, n);
            if kind.byte == WHOLE_POINT_ZERO {
                out.push_str(".0");
            }
        }
        LITERAL => {
            let text = r.literals.text()?;
            if text.is_empty()
                || !text
                    .bytes()
                    .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'))
            {
                return Err(ShareDecodeError::NotANumber {
                    found: String::from(text),
                });
            }
            out.push_str(text);
        }
        RAW => write::string(out, r.literals.text()?),
        TEMPLATE => {
            let n = r.references.index()?;
            let template = match n.checked_sub(RECENT + 1) {
                // A template used elsewhere before.
                Some(at) => {
                    memory
                        .all_templates
                        .get(at)
                        .cloned()
                        .ok_or(ShareDecodeError::BadReference {
                            section: Section::References,
                            index: n,
                            available: memory.all_templates.len() + RECENT,
                        })?
                }
                None => {
                    match recent_entry(Some(&memory.at(place).templates), n, Section::References)? {
                        Some(t) => t,
                        None => {
                            let t = String::from(r.text.terminated()?);
                            memory.all_templates.push(t.clone());
                            t
                        }
                    }
                }
            };
            if out.len().saturating_add(template.len()) > limit {
                return Err(ShareDecodeError::TooLarge);
            }
            let mut text = String::with_capacity(template.len());
            let mut run = 0u32;
            for c in template.chars() {
                if c == '\u{1}' {
                    run = run.saturating_add(1);
                    let n = next_number(&mut r.numbers, memory, place, run)?;
                    write::signed(&mut text, n);
                } else {
                    text.push(c);
                }
            }
            write::string(out, &text);
            let recent = n.checked_sub(1).filter(|i| *i < RECENT);
            to_front(&mut memory.at(place).templates, recent, template);
        }
        ARRAY => {
            let count = r.lengths.index()?;
            let child = memory.place(place, ELEMENT);
            out.push('[');
            for _ in 0..count {
                write::element(out);
                unpack_value(r, child, depth + 1, memory, out, limit)?;
            }
            out.push(']');
        }
        _ => {
            out.push('{');
            for &k in &kind.keys {
                let name = usize::try_from(k)
                    .ok()
                    .and_then(|i| memory.keys.get(i))
                    .cloned()
                    .unwrap_or_default();
                write::key_escaped(out, &name);
                let child = memory.place(place, k);
                unpack_value(r, child, depth + 1, memory, out, limit)?;
            }
            out.push('}');
        }
    }
    if out.len() > limit {
        return Err(ShareDecodeError::TooLarge);
    }
    Ok(())
}
