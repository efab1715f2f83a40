//! Condition operators and values: splitting `ForAnyValue:StringLikeIfExists` into its parts,
//! and reading the policy's values as the operator's kind (numbers, dates, networks, booleans).

use alloc::string::String;
use alloc::vec::Vec;

use ipnet::IpNet;

use super::ast::{BaseOperator, Operator, Prepared, SetQualifier, ValueKind};
use super::date;
use super::error::{PolicyParseError, PolicyParseErrorKind as Kind};
use super::parse::{Listed, Path, at};
use super::variable::Template;

/// Splits an operator name into qualifier, base operator and `IfExists`.
pub(super) fn operator(text: &str) -> Result<Operator, Kind> {
    let (qualifier, rest) = if let Some(rest) = text.strip_prefix("ForAnyValue:") {
        (Some(SetQualifier::ForAnyValue), rest)
    } else if let Some(rest) = text.strip_prefix("ForAllValues:") {
        (Some(SetQualifier::ForAllValues), rest)
    } else {
        (None, text)
    };
    let (base_text, if_exists) = match rest.strip_suffix("IfExists") {
        Some(base) => (base, true),
        None => (rest, false),
    };
    let Some(base) = BaseOperator::ALL
        .iter()
        .copied()
        .find(|b| b.name() == base_text)
    else {
        let suggestion = BaseOperator::ALL
            .iter()
            .find(|b| b.name().eq_ignore_ascii_case(base_text))
            .map(|b| b.name());
        return Err(Kind::UnknownOperator {
            found: text.into(),
            suggestion,
        });
    };
    if base == BaseOperator::Null && if_exists {
        return Err(Kind::InvalidOperator {
            found: text.into(),
            reason: "`Null` already tests whether the key exists, so it takes no `IfExists`",
        });
    }
    if base == BaseOperator::Null && qualifier.is_some() {
        return Err(Kind::InvalidOperator {
            found: text.into(),
            reason: "`Null` takes no set qualifier",
        });
    }
    Ok(Operator {
        qualifier,
        base,
        if_exists,
    })
}

/// Parses a boolean as IAM writes it, ignoring case.
pub(crate) fn parse_bool(text: &str) -> Option<bool> {
    if text.eq_ignore_ascii_case("true") {
        Some(true)
    } else if text.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// Parses a number: an optional sign, digits, an optional fraction and exponent. `inf` and
/// `NaN`, which Rust would accept, are not numbers here.
pub(crate) fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim();
    let first_ok = t
        .strip_prefix(['-', '+'])
        .unwrap_or(t)
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit() || b == b'.');
    if !first_ok {
        return None;
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Parses an address or a CIDR block; a bare address is a /32 or /128 (R-IAM-08).
pub(crate) fn parse_net(text: &str) -> Option<IpNet> {
    let t = text.trim();
    if let Ok(net) = t.parse::<IpNet>() {
        return Some(net.trunc());
    }
    t.parse::<core::net::IpAddr>().ok().map(IpNet::from)
}

pub(super) fn prepare(
    operator: &Operator,
    operator_text: &str,
    values: &[Listed<String>],
    path: &Path<'_>,
    variables: bool,
) -> Result<Prepared, PolicyParseError> {
    fn all<T>(
        values: &[Listed<String>],
        path: &Path<'_>,
        operator_text: &str,
        expected: &'static str,
        f: impl Fn(&str) -> Option<T>,
    ) -> Result<Vec<T>, PolicyParseError> {
        values
            .iter()
            .map(|(text, pos, i)| {
                f(text).ok_or_else(|| {
                    at(path, *i).error(
                        *pos,
                        Kind::InvalidConditionValue {
                            operator: operator_text.into(),
                            value: text.clone(),
                            expected,
                        },
                    )
                })
            })
            .collect()
    }
    Ok(match operator.base.value_kind() {
        ValueKind::String | ValueKind::Arn if variables => {
            let templates: Vec<Option<Template>> = values
                .iter()
                .map(|(text, _, _)| Template::parse(text))
                .collect();
            if templates.iter().any(Option::is_some) {
                Prepared::Templates(templates)
            } else {
                Prepared::Text
            }
        }
        ValueKind::String | ValueKind::Arn | ValueKind::Binary => Prepared::Text,
        ValueKind::Numeric => {
            Prepared::Numbers(all(values, path, operator_text, "a number", parse_number)?)
        }
        ValueKind::Date => Prepared::Dates(all(
            values,
            path,
            operator_text,
            "a date such as `2020-01-01T00:00:00Z` or seconds since 1970",
            date::parse,
        )?),
        ValueKind::Bool | ValueKind::Presence => Prepared::Bools(all(
            values,
            path,
            operator_text,
            "`true` or `false`",
            parse_bool,
        )?),
        ValueKind::Ip => Prepared::Nets(all(
            values,
            path,
            operator_text,
            "an IP address or a CIDR block such as `203.0.113.0/24`",
            parse_net,
        )?),
    })
}
