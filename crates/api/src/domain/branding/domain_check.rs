//! Verifying a custom portal domain: Atrium asks for `/.well-known/atrium-portal` through the
//! domain, as a browser would reach it (DNS, then the reverse proxy that terminates TLS), and
//! expects the proof only an instance holding this secret answers for that host name. Until then
//! the domain already serves the organization's portal, but emails keep linking to the
//! instance's own address, so no link goes out that does not work.

use crate::crypto::sign;
use crate::db::orgs::{origin_on, portal_host};
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

/// The path the check asks for.
pub const WELL_KNOWN: &str = "/.well-known/atrium-portal";

/// What this instance answers at `WELL_KNOWN` for `host` (`Host`, port ignored).
pub fn proof(key: &[u8], host: &str) -> String {
    sign(key, &format!("portal-domain:{}", portal_host(host)))
}

/// Asks `domain` for its proof. `Err` says, in words for staff, what went wrong.
pub async fn check(key: &[u8], public_origin: &str, domain: &str) -> Result<(), String> {
    let url = format!("{}{WELL_KNOWN}", origin_on(public_origin, domain));
    let mut client = http_client::Client::builder()
        .timeout(Duration::from_secs(10))
        .redirect(http_client::redirect::Policy::limited(3))
        .user_agent("Atrium domain check");
    if domain == "localhost" || domain.ends_with(".localhost") {
        // RFC 6761: these names are the loopback interface, whatever the system resolver says.
        client = client.resolve(domain, SocketAddr::from((Ipv4Addr::LOCALHOST, 0)));
    }
    let client = client
        .build()
        .map_err(|e| format!("Atrium could not make the check: {e}"))?;
    let response = client
        .get(&url)
        .send()
        .await
        .map_err(|e| format!("Atrium could not reach {url}: {}", describe(&e)))?;
    if !response.status().is_success() {
        return Err(format!(
            "{url} answered {}; it should reach Atrium.",
            response.status()
        ));
    }
    let body = response
        .text()
        .await
        .map_err(|e| format!("Reading {url} failed: {e}"))?;
    if body.trim() == proof(key, domain) {
        Ok(())
    } else {
        Err(format!(
            "{url} answered, but not as this Atrium: the domain points somewhere else."
        ))
    }
}

fn describe(e: &http_client::Error) -> String {
    use std::error::Error;
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(inner) = source {
        text = format!("{text}: {inner}");
        source = inner.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_proof_is_per_host_and_per_secret() {
        let key = [7u8; 32];
        assert_eq!(
            proof(&key, "Portal.A.example:8443"),
            proof(&key, "portal.a.example")
        );
        assert_ne!(
            proof(&key, "portal.a.example"),
            proof(&key, "portal.b.example")
        );
        assert_ne!(
            proof(&key, "portal.a.example"),
            proof(&[8u8; 32], "portal.a.example")
        );
    }
}
