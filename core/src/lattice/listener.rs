//! Which listener takes a request (aws-rules.md R-LIS-01, R-LIS-09): the one on the request's
//! port, if it speaks the request's protocol. HTTP listeners take HTTP and cleartext gRPC, HTTPS
//! listeners take HTTPS and gRPC, and TLS passthrough listeners take TLS (and plain TCP, whose
//! bytes Lattice passes through unread).

use alloc::format;
use alloc::string::String;

use super::{Run, Step};
use crate::model::flow::RequestProtocol;
use crate::model::lattice::{Listener, ListenerProtocol, Service};
use crate::trace::{Blocked, ComponentKind, ReasonCode};

/// Whether a listener of `protocol` takes a request of `request`.
pub fn accepts(protocol: ListenerProtocol, request: RequestProtocol) -> bool {
    use RequestProtocol as R;
    match protocol {
        ListenerProtocol::Http => matches!(request, R::Http | R::Grpc),
        ListenerProtocol::Https => matches!(request, R::Https | R::Grpc),
        ListenerProtocol::TlsPassthrough => matches!(request, R::Tls | R::Tcp),
    }
}

/// The listener on the request's port, with a hop naming it.
pub(crate) fn select<'t>(run: &mut Run<'_, 't>, service: &'t Service) -> Step<&'t Listener> {
    let port = run.req.port;
    let protocol = run.req.protocol;
    let id = service.id.as_str();
    let Some(l) = service
        .listeners
        .iter()
        .find(|l| l.effective_port() == port)
    else {
        let ports: alloc::vec::Vec<String> = service
            .listeners
            .iter()
            .map(|l| format!("{} {}", l.protocol.as_str(), l.effective_port()))
            .collect();
        let have = if ports.is_empty() {
            String::from("no listener")
        } else {
            ports.join(", ")
        };
        return Err(Blocked::new(
            id,
            ReasonCode::LatticeNoListener,
            format!("`{id}` has no listener on port {port} (it has {have})"),
        ));
    };
    if !accepts(l.protocol, protocol) {
        return Err(Blocked::new(
            l.id.as_str(),
            ReasonCode::LatticeNoListener,
            format!(
                "listener `{}` on port {port} speaks {}, and the request is {}",
                l.id,
                l.protocol.as_str(),
                protocol_name(protocol)
            ),
        ));
    }
    let lid = String::from(l.id.as_str());
    let cites = match l.protocol {
        ListenerProtocol::TlsPassthrough => "R-LIS-09",
        _ => "R-LIS-01",
    };
    run.hop(ComponentKind::Listener, &lid, cites, || {
        let what = match l.protocol {
            ListenerProtocol::TlsPassthrough => format!(
                "listener `{lid}` (TLS passthrough, port {port}) takes the connection; TLS is not terminated and the custom domain is the SNI match"
            ),
            p => format!("listener `{lid}` ({} port {port}) of `{id}` takes the request", p.as_str()),
        };
        (what, Some(format!("listener {lid}")))
    });
    Ok(l)
}

/// The protocol as people write it.
pub(crate) fn protocol_name(p: RequestProtocol) -> &'static str {
    match p {
        RequestProtocol::Tcp => "tcp",
        RequestProtocol::Udp => "udp",
        RequestProtocol::Http => "http",
        RequestProtocol::Https => "https",
        RequestProtocol::Grpc => "grpc",
        RequestProtocol::Tls => "tls",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protocols() {
        use ListenerProtocol as L;
        use RequestProtocol as R;
        let cases = [
            (L::Http, R::Http, true),
            (L::Http, R::Grpc, true),
            (L::Http, R::Https, false),
            (L::Https, R::Https, true),
            (L::Https, R::Http, false),
            (L::TlsPassthrough, R::Tls, true),
            (L::TlsPassthrough, R::Tcp, true),
            (L::TlsPassthrough, R::Http, false),
            (L::Http, R::Udp, false),
        ];
        for (l, r, want) in cases {
            assert_eq!(accepts(l, r), want, "{l:?} {r:?}");
        }
    }
}
