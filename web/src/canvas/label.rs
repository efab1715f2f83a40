//! The words drawn on an object: its title and a one-line summary of what matters about it.

use vpcplay_core::model::lattice::AuthType;
use vpcplay_core::model::{Document, Kind};

/// The object's name, or its id when it has none.
pub fn title(doc: &Document, id: &str, kind: Kind) -> String {
    macro_rules! name_in {
        ($list:ident) => {
            doc.$list
                .iter()
                .find(|o| o.id.as_str() == id)
                .and_then(|o| o.name.clone())
        };
    }
    let name = match kind {
        Kind::Vpc => name_in!(vpcs),
        Kind::Subnet => name_in!(subnets),
        Kind::Instance => name_in!(instances),
        Kind::ServiceNetwork => name_in!(service_networks),
        Kind::Service => name_in!(services),
        Kind::TargetGroup => name_in!(target_groups),
        Kind::LoadBalancer => name_in!(load_balancers),
        Kind::Lambda => name_in!(lambdas),
        Kind::Database => name_in!(databases),
        _ => None,
    };
    name.filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| id.to_string())
}

/// A one-line summary under the title.
pub fn subtitle(doc: &Document, id: &str, kind: Kind) -> String {
    match kind {
        Kind::Vpc => doc
            .vpcs
            .iter()
            .find(|v| v.id.as_str() == id)
            .and_then(|v| v.cidrs.first())
            .map(|c| c.summary())
            .unwrap_or_default(),
        Kind::Subnet => doc
            .subnets
            .iter()
            .find(|s| s.id.as_str() == id)
            .map(|s| format!("{} · {}", s.cidr, s.zone.as_str()))
            .unwrap_or_default(),
        Kind::Instance => doc
            .instances
            .iter()
            .find(|i| i.id.as_str() == id)
            .map(|i| {
                i.ip.map_or_else(|| "instance".to_string(), |ip| ip.to_string())
            })
            .unwrap_or_default(),
        Kind::ServiceNetwork => doc
            .service_networks
            .iter()
            .find(|s| s.id.as_str() == id)
            .map(|s| auth_words(s.auth_type).to_string())
            .unwrap_or_default(),
        Kind::Service => doc
            .services
            .iter()
            .find(|s| s.id.as_str() == id)
            .map(|s| {
                let n = s.listeners.len();
                format!(
                    "{} · {n} listener{}",
                    auth_words(s.auth_type),
                    if n == 1 { "" } else { "s" }
                )
            })
            .unwrap_or_default(),
        Kind::TargetGroup => doc
            .target_groups
            .iter()
            .find(|t| t.id.as_str() == id)
            .map(|t| {
                let n = t.targets.len();
                format!(
                    "{} · {n} target{}",
                    t.kind.as_str().to_ascii_uppercase(),
                    if n == 1 { "" } else { "s" }
                )
            })
            .unwrap_or_default(),
        _ => vpcplay_core::edit::PALETTE
            .iter()
            .find(|p| p.kind == kind)
            .map(|p| p.label.to_string())
            .unwrap_or_default(),
    }
}

fn auth_words(auth: AuthType) -> &'static str {
    match auth {
        AuthType::None => "auth: none",
        AuthType::AwsIam => "auth: AWS_IAM",
    }
}

/// About how wide a character is drawn, in ems of the font size: narrow letters and marks,
/// capitals and wide letters, digits, the rest. An estimate that errs wide, so text it lets
/// through fits.
fn em(c: char) -> f64 {
    match c {
        'i' | 'l' | 'j' | '.' | ',' | '\'' | '|' | '!' | ':' | ';' | 'I' | ' ' => 0.32,
        'f' | 't' | 'r' | '(' | ')' | '/' | '-' => 0.42,
        'm' | 'w' | 'M' | 'W' | '@' => 0.9,
        c if c.is_ascii_uppercase() => 0.72,
        c if c.is_ascii_digit() => 0.6,
        _ => 0.6,
    }
}

/// `text` as drawn in `width` pixels at `size` pixels a character height: whole when it fits,
/// else cut with an ellipsis. The full text stays in the object's tooltip and accessible name.
pub fn fit(text: &str, width: f64, size: f64) -> String {
    let wide = |s: &str| s.chars().map(em).sum::<f64>() * size;
    if wide(text) <= width {
        return text.to_string();
    }
    let room = width - em('…') * size;
    let mut out = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let w = em(c) * size;
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod fit_tests {
    use super::fit;

    #[test]
    fn short_text_stays_and_long_text_is_cut_with_an_ellipsis() {
        assert_eq!(fit("i-web", 130.0, 13.0), "i-web");
        let long = "a-very-long-identifier-for-a-service-network-endpoint";
        let cut = fit(long, 130.0, 13.0);
        assert!(cut.ends_with('…') && cut.len() < long.len(), "{cut}");
        assert!(long.starts_with(cut.trim_end_matches('…')));
        assert_eq!(fit("", 10.0, 13.0), "");
        assert_eq!(fit("abc", 1.0, 13.0), "…");
    }
}
