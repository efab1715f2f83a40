//! DNS as a VPC sees it: private hosted zones attached to one VPC (interface-endpoint and
//! endpoint-service private DNS, aws-rules.md R-IFE-05, R-EPS-05) win over public names; names
//! compare case-insensitively, without a trailing dot, and `*.` records answer one or more labels.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

/// Where a record is visible.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    /// Everywhere (a public name).
    Public,
    /// Only inside this VPC (a private hosted zone associated with it).
    Vpc(String),
}

/// Names and their answers.
#[derive(Clone, Debug)]
pub struct DnsTable<A> {
    records: BTreeMap<String, Vec<(Scope, A)>>,
}

impl<A> Default for DnsTable<A> {
    fn default() -> Self {
        Self {
            records: BTreeMap::new(),
        }
    }
}

/// A name in the form the table keys on: lowercase, no trailing dot.
pub fn normalize(name: &str) -> String {
    name.trim().trim_end_matches('.').to_ascii_lowercase()
}

impl<A> DnsTable<A> {
    /// Adds a record; a name starting with `*.` answers for every name below it.
    pub fn insert(&mut self, name: &str, scope: Scope, answer: A) {
        self.records
            .entry(normalize(name))
            .or_default()
            .push((scope, answer));
    }

    /// The answer `vpc` gets for `name`: exact names before wildcards, and a private record for
    /// this VPC before a public one.
    pub fn lookup(&self, name: &str, vpc: &str) -> Option<(&A, &Scope)> {
        let name = normalize(name);
        let mut candidates = Vec::with_capacity(4);
        candidates.push(name.clone());
        let mut rest = name.as_str();
        while let Some((_, parent)) = rest.split_once('.') {
            candidates.push(alloc::format!("*.{parent}"));
            rest = parent;
        }
        for key in &candidates {
            let Some(list) = self.records.get(key) else {
                continue;
            };
            let private = list
                .iter()
                .find(|(s, _)| matches!(s, Scope::Vpc(v) if v == vpc));
            let public = list.iter().find(|(s, _)| *s == Scope::Public);
            if let Some((s, a)) = private.or(public) {
                return Some((a, s));
            }
        }
        None
    }
}

/// An AWS public service name taken apart: `amzn-bucket-a.s3.us-east-1.amazonaws.com` gives
/// Region `us-east-1`, service `s3` and prefix `amzn-bucket-a`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AwsName<'a> {
    pub prefix: Option<&'a str>,
    pub service: &'a str,
    pub region: &'a str,
}

/// Reads `[prefix.]service.region.amazonaws.com`; `None` for any other shape.
pub fn aws_service_name(name: &str) -> Option<AwsName<'_>> {
    let name = name.trim_end_matches('.');
    let head = name
        .strip_suffix(".amazonaws.com")
        .or_else(|| name.strip_suffix(".AMAZONAWS.COM"))?;
    let (before, region) = head.rsplit_once('.')?;
    if !looks_like_region(region) {
        return None;
    }
    let (prefix, service) = match before.rsplit_once('.') {
        Some((p, s)) => (Some(p), s),
        None => (None, before),
    };
    if service.is_empty() || service == "vpce" {
        return None;
    }
    Some(AwsName {
        prefix,
        service,
        region,
    })
}

/// Whether `s` has the shape of a Region name, such as `us-east-1` or `ap-southeast-2`.
pub fn looks_like_region(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() >= 3
        && parts.iter().all(|p| !p.is_empty())
        && parts
            .last()
            .is_some_and(|p| p.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_before_public_and_exact_before_wildcard() {
        let mut t = DnsTable::default();
        t.insert("sqs.us-east-1.amazonaws.com", Scope::Public, 1);
        t.insert("sqs.us-east-1.amazonaws.com", Scope::Vpc("vpc-a".into()), 2);
        t.insert("*.s3.us-east-1.amazonaws.com", Scope::Public, 3);
        let cases: &[(&str, &str, Option<i32>)] = &[
            ("sqs.us-east-1.amazonaws.com", "vpc-a", Some(2)),
            ("SQS.us-east-1.amazonaws.com.", "vpc-b", Some(1)),
            ("bucket.s3.us-east-1.amazonaws.com", "vpc-a", Some(3)),
            ("a.b.s3.us-east-1.amazonaws.com", "vpc-a", Some(3)),
            ("s3.us-east-1.amazonaws.com", "vpc-a", None),
            ("example.com", "vpc-a", None),
        ];
        for (name, vpc, want) in cases {
            assert_eq!(t.lookup(name, vpc).map(|(a, _)| *a), *want, "{name} {vpc}");
        }
    }

    #[test]
    fn aws_names() {
        let n = aws_service_name("amzn-bucket-a.s3.us-east-1.amazonaws.com").unwrap();
        assert_eq!(
            (n.prefix, n.service, n.region),
            (Some("amzn-bucket-a"), "s3", "us-east-1")
        );
        let n = aws_service_name("sqs.eu-west-1.amazonaws.com").unwrap();
        assert_eq!((n.prefix, n.service, n.region), (None, "sqs", "eu-west-1"));
        assert!(aws_service_name("vpce-1.vpce-svc-1.us-east-1.vpce.amazonaws.com").is_none());
        assert!(aws_service_name("example.com").is_none());
        assert!(aws_service_name("s3.amazonaws.com").is_none());
    }
}
