//! Secrets: random tokens, their SHA-256 fingerprints, password hashing, and the server key.

use anyhow::{bail, Context};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::OnceLock;

/// 32 random bytes, URL-safe base64: magic links, invitations, refresh tokens, session ids.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Tokens are stored only as this fingerprint, so a database leak yields no usable token.
pub fn sha256_hex(input: &str) -> String {
    hex::encode(Sha256::digest(input.as_bytes()))
}

fn argon2() -> Argon2<'static> {
    // OWASP's argon2id recommendation: m=19 MiB, t=2, p=1 (DESIGN.md §4).
    let params = Params::new(19_456, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing password: {e}"))
}

/// Verifies `password` against `hash`. With no hash (unknown account, or no password set) it
/// still runs one full verification against a dummy hash, so the answer takes as long either way.
pub fn verify_password(password: &str, hash: Option<&str>) -> bool {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy =
        DUMMY.get_or_init(|| hash_password("dummy password for timing").unwrap_or_default());
    let (candidate, real) = match hash {
        Some(h) => (h, true),
        None => (dummy.as_str(), false),
    };
    let Ok(parsed) = PasswordHash::new(candidate) else {
        return false;
    };
    argon2()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok()
        && real
}

/// Length rules from `shared_types::validate`, then a refusal of easily guessed passwords
/// (zxcvbn score below 3 — dictionary words, common passwords, keyboard walks, the user's own
/// name or email).
pub fn check_new_password(password: &str, user_inputs: &[&str]) -> Result<(), &'static str> {
    shared_types::validate::password(password)?;
    let estimate = zxcvbn::zxcvbn(password, user_inputs);
    if u8::from(estimate.score()) < 3 {
        return Err("This password is too easy to guess. Try a longer phrase of unrelated words.");
    }
    Ok(())
}

/// Key material derived from the server secret, one independent key per purpose.
#[derive(Clone)]
pub struct Keys {
    pub staff_jwt: [u8; 32],
    /// Signs unsubscribe links (`sign`/`verify`).
    pub unsubscribe: [u8; 32],
    /// Signs staff live-stream tickets.
    pub live_ticket: [u8; 32],
    /// Proves that a custom portal domain reaches this instance (`/.well-known/atrium-portal`).
    pub domain_proof: [u8; 32],
}

impl Keys {
    pub fn derive(secret: &[u8]) -> Self {
        let derive =
            |purpose: &[u8]| -> [u8; 32] { Sha256::digest([purpose, secret].concat()).into() };
        Keys {
            staff_jwt: derive(b"atrium:staff-jwt:v1:"),
            unsubscribe: derive(b"atrium:unsubscribe:v1:"),
            live_ticket: derive(b"atrium:live-ticket:v1:"),
            domain_proof: derive(b"atrium:domain-proof:v1:"),
        }
    }
}

/// `payload` with its HMAC-SHA256 under `key`: `base64url(payload).base64url(mac)`.
pub fn sign(key: &[u8], payload: &str) -> String {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("any key length");
    mac.update(payload.as_bytes());
    format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(payload),
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    )
}

/// The payload of a token made by `sign` with `key`; `None` if it was altered or forged.
pub fn verify(key: &[u8], token: &str) -> Option<String> {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    use hmac::{Hmac, Mac};
    let (payload, tag) = token.split_once('.')?;
    let payload = String::from_utf8(URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
    let tag = URL_SAFE_NO_PAD.decode(tag).ok()?;
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("any key length");
    mac.update(payload.as_bytes());
    mac.verify_slice(&tag).ok()?;
    Some(payload)
}

/// The configured secret, or the one persisted under the data directory (created on first run).
/// Weak secrets are refused: at least 32 characters, and not one repeated character.
pub fn load_secret(configured: Option<&str>, key_file: &Path) -> anyhow::Result<Vec<u8>> {
    if let Some(secret) = configured {
        check_secret_strength(secret)?;
        return Ok(secret.as_bytes().to_vec());
    }
    if key_file.exists() {
        let secret = std::fs::read_to_string(key_file)
            .with_context(|| format!("reading {}", key_file.display()))?;
        let secret = secret.trim();
        check_secret_strength(secret)?;
        return Ok(secret.as_bytes().to_vec());
    }
    let mut bytes = [0u8; 48];
    OsRng.fill_bytes(&mut bytes);
    let secret = hex::encode(bytes);
    if let Some(dir) = key_file.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    write_private(key_file, &secret)?;
    tracing::warn!(
        path = %key_file.display(),
        "ATRIUM_SECRET_KEY is unset: generated a secret key and saved it; back it up, or set ATRIUM_SECRET_KEY"
    );
    Ok(secret.into_bytes())
}

fn check_secret_strength(secret: &str) -> anyhow::Result<()> {
    let distinct = secret
        .chars()
        .collect::<std::collections::HashSet<_>>()
        .len();
    if secret.len() < 32 || distinct < 8 {
        bail!("ATRIUM_SECRET_KEY is too weak: use at least 32 random characters (e.g. `openssl rand -hex 32`)");
    }
    Ok(())
}

#[cfg(unix)]
fn write_private(path: &Path, contents: &str) -> anyhow::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    file.write_all(contents.as_bytes())?;
    Ok(())
}

#[cfg(not(unix))]
fn write_private(path: &Path, contents: &str) -> anyhow::Result<()> {
    std::fs::write(path, contents).with_context(|| format!("creating {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_tokens_verify_only_unaltered_and_under_their_key() {
        let keys = Keys::derive(b"a secret that is long enough for tests");
        let token = sign(&keys.unsubscribe, "contact-1:review");
        assert_eq!(
            verify(&keys.unsubscribe, &token).as_deref(),
            Some("contact-1:review")
        );
        assert_eq!(verify(&keys.staff_jwt, &token), None, "another key");
        let (_, tag) = token.split_once('.').unwrap();
        let forged = format!(
            "{}.{tag}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode("contact-2:review")
        );
        assert_eq!(verify(&keys.unsubscribe, &forged), None, "another payload");
        assert_eq!(verify(&keys.unsubscribe, "garbage"), None);
        assert_eq!(verify(&keys.unsubscribe, &format!("{token}x")), None);
    }

    #[test]
    fn password_round_trip() {
        let hash = hash_password("a long enough passphrase").unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify_password("a long enough passphrase", Some(&hash)));
        assert!(!verify_password("another passphrase", Some(&hash)));
        assert!(!verify_password("dummy password for timing", None));
    }

    #[test]
    fn weak_passwords_are_refused() {
        assert!(check_new_password("password1234", &[]).is_err());
        assert!(check_new_password("short", &[]).is_err());
        assert!(check_new_password("ana.lopez@x.io", &["ana.lopez@x.io"]).is_err());
        assert!(check_new_password("violet tractor harbor 42", &[]).is_ok());
    }

    #[test]
    fn weak_secrets_are_refused() {
        assert!(check_secret_strength("short").is_err());
        assert!(check_secret_strength(&"a".repeat(64)).is_err());
        assert!(check_secret_strength("3f9a1c0d5e7b2a4f6c8e0d1b3a5c7e9f").is_ok());
    }

    #[test]
    fn tokens_are_unique_and_hash_stably() {
        assert_ne!(random_token(), random_token());
        assert_eq!(sha256_hex("abc").len(), 64);
    }
}
