//! The address ranges of AWS-managed prefix lists the simulator knows without being told: S3 and
//! DynamoDB in a few Regions. The blocks are an illustrative subset of the published ranges
//! (https://ip-ranges.amazonaws.com/ip-ranges.json); a document can give its own list under the
//! same name, which then replaces these.

use alloc::vec::Vec;

use super::Cidr;

const KNOWN: &[(&str, &[&str])] = &[
    (
        "com.amazonaws.us-east-1.s3",
        &["52.216.0.0/15", "3.5.0.0/19"],
    ),
    (
        "com.amazonaws.us-east-1.dynamodb",
        &["3.218.180.0/22", "52.94.0.0/22"],
    ),
    (
        "com.amazonaws.us-west-2.s3",
        &["52.218.128.0/17", "3.5.76.0/22"],
    ),
    ("com.amazonaws.us-west-2.dynamodb", &["52.94.8.0/22"]),
    (
        "com.amazonaws.eu-west-1.s3",
        &["52.218.0.0/17", "3.5.64.0/21"],
    ),
    ("com.amazonaws.eu-west-1.dynamodb", &["52.119.240.0/21"]),
];

/// The blocks of an AWS-managed prefix list the simulator knows, by service name.
pub fn aws_prefix_list(name: &str) -> Option<Vec<Cidr>> {
    let (_, blocks) = KNOWN.iter().find(|(n, _)| *n == name)?;
    Some(blocks.iter().filter_map(|b| b.parse().ok()).collect())
}

/// Every known list, by name.
pub fn known_aws_prefix_lists() -> impl Iterator<Item = (&'static str, Vec<Cidr>)> {
    KNOWN
        .iter()
        .map(|(n, blocks)| (*n, blocks.iter().filter_map(|b| b.parse().ok()).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_block_parses() {
        for (name, blocks) in KNOWN {
            assert_eq!(aws_prefix_list(name).unwrap().len(), blocks.len(), "{name}");
        }
        assert!(aws_prefix_list("com.amazonaws.us-east-1.sqs").is_none());
    }
}
