//! Unit tests of configuration loading: the defaults, and the errors for bad values.

use super::*;
use std::collections::HashMap;

fn load(pairs: &[(&str, &str)]) -> anyhow::Result<Config> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Config::load(|k| map.get(k).cloned())
}

#[test]
fn defaults() {
    let c = load(&[]).unwrap();
    assert_eq!(c.database_url, "sqlite://data/atrium.db");
    assert_eq!(c.public_origin, "http://localhost:8080");
    assert!(c.cookie_secure);
    assert_eq!(c.portal_cookie_name(), "__Host-atrium_portal");
    assert_eq!(c.max_upload_bytes, 2 * 1024 * 1024 * 1024);
    assert_eq!(c.storage_quota_bytes, 0);
    assert_eq!(c.media_max_image_bytes, 50 * 1024 * 1024);
}

#[test]
fn unknown_database_scheme_is_an_error() {
    let err = load(&[("ATRIUM_DATABASE_URL", "mysql://x/y")]).unwrap_err();
    assert!(err.to_string().contains("mysql"), "{err}");
}

#[test]
fn public_url_becomes_an_origin() {
    let c = load(&[("ATRIUM_PUBLIC_URL", "https://portal.example.com:8443/base/")]).unwrap();
    assert_eq!(c.public_origin, "https://portal.example.com:8443");
    assert!(c.public_is_https());
}

#[test]
fn bad_bool_is_an_error() {
    assert!(load(&[("ATRIUM_COOKIE_SECURE", "maybe")]).is_err());
}
