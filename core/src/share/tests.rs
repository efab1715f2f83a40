use alloc::string::{String, ToString};
use alloc::vec::Vec;
use alloc::{format, vec};

use super::*;
use crate::model::synthetic::generate;

fn small() -> Document {
    generate(20, 1)
}

/// A format 1 fragment around `bytes`, deflated or not.
fn fragment_of_bytes(bytes: &[u8]) -> String {
    let mut s = String::from(VERSION_1);
    base64::encode(bytes, &mut s);
    s
}

/// A format 2 fragment around packed bytes, deflated with the format's dictionary.
fn packed_fragment(packed: &[u8]) -> String {
    let mut s = String::from(VERSION);
    base64::encode(&deflate::deflate(pack::DICTIONARY, packed), &mut s);
    s
}

/// Packed bytes from their sections: the first six lengths, then the sections.
fn sections(parts: [&[u8]; 7]) -> Vec<u8> {
    let mut out = Vec::new();
    for part in parts.iter().take(6) {
        out.push(u8::try_from(part.len()).unwrap());
    }
    for part in parts {
        out.extend_from_slice(part);
    }
    out
}

fn packed_of(json: &str) -> Vec<u8> {
    pack::pack(&parse_tree(json.as_bytes()).unwrap())
}

fn message(fragment: &str) -> String {
    decode(fragment).unwrap_err().to_string()
}

#[test]
fn round_trip_keeps_positions_and_flows() {
    let doc = small();
    assert!(doc.flows.iter().len() > 0);
    assert!(doc.vpcs.iter().any(|v| v.position.is_some()));
    let fragment = encode(&doc).unwrap();
    assert!(fragment.starts_with(VERSION));
    assert!(
        fragment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    );
    assert_eq!(decode(&fragment).unwrap(), doc);
    assert_eq!(decode(&format!("#{fragment}")).unwrap(), doc);
    assert_eq!(
        decode(&encode(&Document::new()).unwrap()).unwrap(),
        Document::new()
    );
}

#[test]
fn links_and_fragments() {
    assert_eq!(
        link("https://vpcplay.dev/", "1abc"),
        "https://vpcplay.dev/#1abc"
    );
    assert_eq!(link("https://x.dev/p#old", "1abc"), "https://x.dev/p#1abc");
    assert_eq!(fragment_of(" https://x.dev/p?e=1#1abc\n"), "1abc");
    assert_eq!(fragment_of("1abc"), "1abc");
    assert_eq!(fragment_of("#1abc"), "1abc");
}

#[test]
fn every_refusal_says_what_and_where() {
    let good = encode(&small()).unwrap();
    let cases: Vec<(String, &str)> = vec![
        (
            String::new(),
            "the link carries no topology: nothing follows `#`",
        ),
        (
            "#".into(),
            "the link carries no topology: nothing follows `#`",
        ),
        (
            "xAAAA".into(),
            "the link is not a vpcplay topology: unknown version `x`",
        ),
        (
            "0AAAA".into(),
            "the link is not a vpcplay topology: unknown version `0`",
        ),
        (
            "7AAAA".into(),
            "the link was made by a newer vpcplay (version `7`, this one reads up to `2`): update vpcplay to open it",
        ),
        (
            format!("{}%{}", &good[..10], &good[10..]),
            "the link is damaged: `%` cannot appear in it, at character 11",
        ),
        (
            format!("{}é", &good[..5]),
            "the link is damaged: `é` cannot appear in it, at character 6",
        ),
        (
            format!("{}=", &good[..good.len() - (good.len() - 1) % 4]),
            "cannot appear in it, at character",
        ),
        (
            "1".into(),
            "the link is damaged: it is cut short at character 1; copy the whole link",
        ),
        (
            good[..good.len() / 2].into(),
            "the link is damaged: it is cut short at character",
        ),
        (
            "1____".into(),
            "the link is damaged: the compressed topology is corrupt near character",
        ),
        (
            "2____".into(),
            "the link is damaged: the compressed topology is corrupt near character",
        ),
        (
            format!("{good}AAAA"),
            "the link is damaged: unexpected characters after the end of the topology at character",
        ),
        (
            "1".repeat(MAX_FRAGMENT_CHARS + 1),
            "the link is 262145 characters long, more than the limit of 262144",
        ),
        (
            fragment_of_bytes(&deflate::deflate(&[], b"not json")),
            "the topology in the link cannot be read: the document is not valid JSON",
        ),
        (
            fragment_of_bytes(&deflate::deflate(&[], br#"{"version": 2}"#)),
            "the topology in the link cannot be read: the document is version 2, newer",
        ),
    ];
    for (fragment, expected) in cases {
        let found = message(&fragment);
        assert!(
            found.starts_with(expected) || found.contains(expected),
            "{fragment:.40}: {found}"
        );
    }
}

#[test]
fn a_deflate_bomb_stops_at_the_limit() {
    let zeros = vec![b' '; MAX_TOPOLOGY_BYTES + 1];
    let bomb = fragment_of_bytes(&deflate::deflate(&[], &zeros));
    assert!(bomb.len() < MAX_FRAGMENT_CHARS);
    assert_eq!(decode(&bomb), Err(ShareDecodeError::TooLarge));
    assert_eq!(
        message(&bomb),
        "the topology in the link would be more than 4194304 bytes, the limit for a link"
    );
}

#[test]
fn too_many_objects_are_refused_before_they_are_read() {
    let mut json = String::from("{\"version\":1,\"accounts\":[");
    for i in 0..=MAX_OBJECTS {
        if i > 0 {
            json.push(',');
        }
        // Not even valid accounts: the count is checked first.
        json.push_str("{}");
    }
    json.push_str("]}");
    let fragment = fragment_of_bytes(&deflate::deflate(&[], json.as_bytes()));
    assert_eq!(
        decode(&fragment),
        Err(ShareDecodeError::TooManyObjects {
            count: MAX_OBJECTS + 1
        })
    );
    assert_eq!(
        message(&fragment),
        "the topology in the link has 10001 objects, more than the limit of 10000"
    );
}

#[test]
fn encode_refuses_what_decode_would() {
    let mut big = small();
    big.accounts = vec![big.accounts[0].clone(); MAX_OBJECTS];
    let e = encode(&big).unwrap_err();
    assert!(matches!(e, ShareEncodeError::TooManyObjects { .. }), "{e}");
    assert!(e.to_string().starts_with("the topology has "), "{e}");
}

#[test]
fn the_character_of_a_byte() {
    // Payload bytes 0, 1, 2 start in characters 2, 3, 4; byte 3 starts a new group at 6.
    assert_eq!([0, 1, 2, 3, 4].map(character_of_byte), [2, 3, 4, 6, 7]);
}

#[test]
fn format_1_links_still_open() {
    let doc = small();
    let fragment = fragment_of_bytes(&deflate::deflate(&[], doc.to_json_compact().as_bytes()));
    assert!(fragment.starts_with('1'));
    assert_eq!(decode(&fragment).unwrap(), doc);
    assert!(encode(&doc).unwrap().len() < fragment.len());
}

#[test]
fn packing_round_trips_every_kind_of_value() {
    let json = concat!(
        r#"{"a":null,"b":[true,false,0,-0,-0.0,12,-12,640.0,1.5,1e21,-7.25E-3],"#,
        r#""s":["","x","vpc-12","007","1234567890123","a\u0000b","a\u0001b","é 3 ü 44","\"q\""],"#,
        r#""新":{"key with \"quote\"":{"deep":[[[]],{}]}},"n":[999999999,-999999999,0.0]}"#
    );
    let packed = packed_of(json);
    assert_eq!(
        pack::unpack(&packed, MAX_TOPOLOGY_BYTES).unwrap(),
        parse_tree(json.as_bytes())
            .map(|_| json.to_string())
            .unwrap()
    );
}

#[test]
fn generated_documents_round_trip_through_format_2() {
    for (objects, seed) in [(0, 0), (1, 3), (20, 1), (60, 9), (200, 42)] {
        let doc = generate(objects, seed);
        let fragment = encode(&doc).unwrap();
        assert!(fragment.starts_with(VERSION));
        assert_eq!(decode(&fragment).unwrap(), doc, "{objects} {seed}");
    }
    // The goal of format 2: the 200-object topology in at most 2,000 characters.
    assert!(encode(&generate(200, 42)).unwrap().len() <= 2_000);
}

#[test]
fn every_damaged_packing_is_refused_with_its_reason() {
    let good = packed_of(&small().to_json_compact());
    let mut long_varint = vec![0xff; 10];
    long_varint.push(0x01);
    let mut nested_shapes = Vec::new();
    let mut nested_kinds = Vec::new();
    let mut nested_lengths = Vec::new();
    for _ in 0..200 {
        nested_shapes.push(8);
        nested_kinds.push(0);
        nested_lengths.push(1);
    }
    let mut nested = Vec::new();
    for len in [200usize, 200, 200, 0, 0, 0] {
        // Two-byte varints: 200 = 0xc8 0x01.
        if len == 200 {
            nested.extend_from_slice(&[0xc8, 0x01]);
        } else {
            nested.push(0);
        }
    }
    nested.extend_from_slice(&nested_shapes);
    nested.extend_from_slice(&nested_kinds);
    nested.extend_from_slice(&nested_lengths);
    let cases: Vec<(Vec<u8>, ShareDecodeError, &str)> = vec![
        (
            good[..good.len() - 1].to_vec(),
            ShareDecodeError::SectionCutShort {
                section: Section::Numbers,
            },
            "the link is damaged: its numbers end before the topology does",
        ),
        (
            vec![1, 1, 0, 0, 0],
            ShareDecodeError::SectionCutShort {
                section: Section::Header,
            },
            "the link is damaged: its section table end before the topology does",
        ),
        (
            long_varint,
            ShareDecodeError::NumberTooLarge {
                section: Section::Header,
            },
            "the link is damaged: a number in its section table is too large",
        ),
        (
            sections([&[], &[5], &[], &[], &[], &[], &[]]),
            ShareDecodeError::BadReference {
                section: Section::Kinds,
                index: 5,
                available: 0,
            },
            "the link is damaged: its value kinds refer to entry 5 of 0",
        ),
        (
            sections([&[], &[60], &[], &[], &[], &[], &[]]),
            ShareDecodeError::BadReference {
                section: Section::Kinds,
                index: 60,
                available: 42,
            },
            "the link is damaged: its value kinds refer to entry 60 of 42",
        ),
        (
            sections([&[42], &[0], &[], &[], &[], &[], &[]]),
            ShareDecodeError::UnknownKind { found: 42 },
            "the link is damaged: its shape table holds kind 42, which does not exist",
        ),
        (
            sections([&[9, 1, 0xc8, 0x01], &[0], &[], &[], &[], &[], &[]]),
            ShareDecodeError::BadReference {
                section: Section::Shapes,
                index: 200,
                available: 135,
            },
            "the link is damaged: its shape table refer to entry 200 of",
        ),
        (
            sections([&[9, 1, 0, 3, b'a'], &[0], &[], &[], &[], &[], &[]]),
            ShareDecodeError::SectionCutShort {
                section: Section::Shapes,
            },
            "the link is damaged: its shape table end before",
        ),
        (
            sections([&[6], &[0], &[], &[40], &[], &[], &[]]),
            ShareDecodeError::BadReference {
                section: Section::References,
                index: 40,
                available: 32,
            },
            "the link is damaged: its string references refer to entry 40 of 32",
        ),
        (
            sections([&[6], &[0], &[], &[0], &[0xff, 0], &[], &[]]),
            ShareDecodeError::NotText {
                section: Section::Text,
            },
            "the link is damaged: its text hold bytes that are not UTF-8",
        ),
        (
            sections([&[6], &[0], &[], &[0], b"no end", &[], &[]]),
            ShareDecodeError::SectionCutShort {
                section: Section::Text,
            },
            "the link is damaged: its text end before the topology does",
        ),
        (
            sections([&[3], &[0], &[], &[], &[], &[0xff; 11], &[]]),
            ShareDecodeError::NumberTooLarge {
                section: Section::Numbers,
            },
            "the link is damaged: a number in its numbers is too large",
        ),
        (
            sections([
                &[8, 3],
                &[0, 0, 1],
                &[2],
                &[],
                &[],
                &[
                    0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x02,
                ],
                &[],
            ]),
            ShareDecodeError::NumberTooLarge {
                section: Section::Numbers,
            },
            "the link is damaged: a number in its numbers is too large",
        ),
        (
            sections([&[5], &[0], &[], &[], &[], &[], &[3, b'1', b',', b'2']]),
            ShareDecodeError::NotANumber {
                found: "1,2".into(),
            },
            "the link is damaged: its literals hold `1,2`, which is not a number",
        ),
        (
            sections([&[0], &[0, 0], &[], &[], &[], &[], &[]]),
            ShareDecodeError::Leftover {
                section: Section::Kinds,
            },
            "the link is damaged: its value kinds go on after the topology ends",
        ),
        (
            nested,
            ShareDecodeError::TooDeep,
            "the topology in the link nests deeper than 128 levels",
        ),
    ];
    for (packed, error, text) in cases {
        let found = decode(&packed_fragment(&packed));
        assert_eq!(found.as_ref().err(), Some(&error), "{packed:?}");
        assert!(error.to_string().starts_with(text), "{error}");
    }
}

#[test]
fn a_packed_bomb_stops_at_the_limit() {
    // One 1,000-byte string, then a 10,000-element array referring to it: 10 MB of JSON.
    let mut kinds = vec![0, 0];
    kinds.extend(core::iter::repeat_n(1u8, 9_999));
    let mut references = vec![0];
    references.extend(core::iter::repeat_n(1u8, 9_999));
    let mut text = vec![b'a'; 1_000];
    text.push(0);
    let mut packed = Vec::new();
    for len in [2usize, kinds.len(), 2, references.len(), text.len(), 0] {
        let mut n = len;
        loop {
            let low = u8::try_from(n & 0x7f).unwrap();
            n >>= 7;
            if n == 0 {
                packed.push(low);
                break;
            }
            packed.push(low | 0x80);
        }
    }
    packed.extend_from_slice(&[8, 6]);
    packed.extend_from_slice(&kinds);
    packed.extend_from_slice(&[0x90, 0x4e]);
    packed.extend_from_slice(&references);
    packed.extend_from_slice(&text);
    assert_eq!(
        pack::unpack(&packed, 1 << 20),
        Err(ShareDecodeError::TooLarge)
    );
    assert_eq!(
        decode(&packed_fragment(&packed)),
        Err(ShareDecodeError::TooLarge)
    );
}

#[test]
fn too_many_objects_in_format_2_are_refused_before_they_are_read() {
    let mut json = String::from("{\"version\":1,\"accounts\":[");
    for i in 0..=MAX_OBJECTS {
        if i > 0 {
            json.push(',');
        }
        json.push_str("{}");
    }
    json.push_str("]}");
    assert_eq!(
        decode(&packed_fragment(&packed_of(&json))),
        Err(ShareDecodeError::TooManyObjects {
            count: MAX_OBJECTS + 1
        })
    );
}

#[test]
fn mutated_packings_open_or_are_refused_never_panic() {
    let good = packed_of(&generate(40, 2).to_json_compact());
    let mut rng = crate::model::synthetic::SplitMix64::new(99);
    let mut pick = |bound: usize| usize::try_from(rng.below(bound.max(1) as u64)).unwrap_or(0);
    let mut refused = 0;
    for round in 0..1_500 {
        let mut bytes = good.clone();
        match round % 4 {
            0 => {
                let at = pick(bytes.len());
                bytes[at] = u8::try_from(pick(256)).unwrap_or(0);
            }
            1 => {
                let at = pick(bytes.len() + 1);
                bytes.insert(at, u8::try_from(pick(256)).unwrap_or(0));
            }
            2 => {
                let at = pick(bytes.len());
                bytes.remove(at);
            }
            _ => bytes.truncate(pick(bytes.len())),
        }
        match pack::unpack(&bytes, MAX_TOPOLOGY_BYTES) {
            Ok(_) => {}
            Err(e) => {
                refused += 1;
                assert!(e.to_string().starts_with("the "), "{e}");
            }
        }
        if round % 10 == 0
            && let Ok(doc) = decode(&packed_fragment(&bytes))
        {
            assert_eq!(decode(&encode(&doc).unwrap()).unwrap(), doc);
        }
    }
    assert!(refused > 1_000, "{refused}");
}
