use alloc::string::{String, ToString};
use alloc::vec::Vec;
use alloc::{format, vec};

use super::*;
use crate::model::synthetic::generate;

fn small() -> Document {
    generate(20, 1)
}

/// A fragment of the current version around `bytes`, deflated or not.
fn fragment_of_bytes(bytes: &[u8]) -> String {
    let mut s = String::from(VERSION);
    base64::encode(bytes, &mut s);
    s
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
            "the link was made by a newer vpcplay (version `7`, this one reads up to `1`): update vpcplay to open it",
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
            format!("{good}AAAA"),
            "the link is damaged: unexpected characters after the end of the topology at character",
        ),
        (
            "1".repeat(MAX_FRAGMENT_CHARS + 1),
            "the link is 262145 characters long, more than the limit of 262144",
        ),
        (
            fragment_of_bytes(&deflate::deflate(b"not json")),
            "the topology in the link cannot be read: the document is not valid JSON",
        ),
        (
            fragment_of_bytes(&deflate::deflate(br#"{"version": 2}"#)),
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
    let bomb = fragment_of_bytes(&deflate::deflate(&zeros));
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
    let fragment = fragment_of_bytes(&deflate::deflate(json.as_bytes()));
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
