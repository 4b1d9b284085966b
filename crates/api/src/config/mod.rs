//! Configuration: defaults, then an optional TOML file (`ATRIUM_CONFIG`), then `ATRIUM_*` variables.
//! Every key is documented in `docs/CONFIGURATION.md`.

use anyhow::{bail, Context};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use url::Url;

#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    pub bind: String,
    /// Scheme + host (+ port) of the public site, no trailing slash: used in emails and CSRF checks.
    pub public_origin: String,
    pub mail_url: String,
    pub mail_from: String,
    pub storage_url: String,
    /// Largest accepted upload, in bytes (`ATRIUM_MAX_UPLOAD_BYTES`).
    pub max_upload_bytes: i64,
    /// Default per-organization storage quota in bytes; 0 means none
    /// (`ATRIUM_STORAGE_QUOTA_BYTES`). An organization's own `storage_quota_bytes` overrides it.
    pub storage_quota_bytes: i64,
    /// Images larger than this are not decoded for thumbnails (`ATRIUM_MEDIA_MAX_IMAGE_BYTES`).
    pub media_max_image_bytes: i64,
    /// How often the media worker looks for unprocessed files when nobody wakes it.
    pub media_poll_secs: u64,
    pub data_dir: PathBuf,
    pub secret_key: Option<String>,
    pub cookie_secure: bool,
    pub session_idle_days: i64,
    pub session_absolute_days: i64,
    pub portal_dist: PathBuf,
    pub staff_dist: PathBuf,
    pub default_org: Option<String>,
    pub log_format: LogFormat,
    /// Take the client IP from `X-Forwarded-For` (only behind a trusted reverse proxy).
    pub trust_proxy: bool,
    pub login_max_failures_per_account: i64,
    pub login_max_failures_per_ip: i64,
    pub magic_link_max_per_account: i64,
    pub magic_link_max_per_ip: i64,
    pub rate_limit_window_secs: i64,
    pub mail_retry_base_secs: i64,
    pub mail_poll_secs: u64,
    /// Events for one person within this many seconds go out as one email.
    pub notify_batch_secs: i64,
    /// The hour (UTC, 0–23) daily digests go out.
    pub notify_digest_hour: u32,
    /// How many days before an approval's due date its reviewers are reminded (0: no reminder
    /// before; the overdue reminder still goes out the day after).
    pub review_reminder_days: i64,
    /// Most live streams (`…/events`) one portal session or staff user may hold open.
    pub live_streams_per_session: usize,
    /// Most live streams this process holds open in all.
    pub live_streams_max: usize,
    /// Where the PDF fonts are looked for (`ATRIUM_FONT_DIRS`, separated by `:`).
    pub font_dirs: Vec<PathBuf>,
    // ---- S3-compatible storage (`ATRIUM_S3_*`, used by storage.rs for `s3://` URLs) ----
    pub s3: crate::storage::S3Settings,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// The file form: every key optional, the same names as the variables without `ATRIUM_`, lower-case.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    database_url: Option<String>,
    bind: Option<String>,
    public_url: Option<String>,
    mail_url: Option<String>,
    mail_from: Option<String>,
    storage_url: Option<String>,
    max_upload_bytes: Option<i64>,
    storage_quota_bytes: Option<i64>,
    media_max_image_bytes: Option<i64>,
    media_poll_secs: Option<u64>,
    data_dir: Option<String>,
    secret_key: Option<String>,
    cookie_secure: Option<bool>,
    session_idle_days: Option<i64>,
    session_absolute_days: Option<i64>,
    portal_dist: Option<String>,
    staff_dist: Option<String>,
    default_org: Option<String>,
    log_format: Option<String>,
    trust_proxy: Option<bool>,
    login_max_failures_per_account: Option<i64>,
    login_max_failures_per_ip: Option<i64>,
    magic_link_max_per_account: Option<i64>,
    magic_link_max_per_ip: Option<i64>,
    rate_limit_window_secs: Option<i64>,
    mail_retry_base_secs: Option<i64>,
    mail_poll_secs: Option<u64>,
    notify_batch_secs: Option<i64>,
    notify_digest_hour: Option<i64>,
    review_reminder_days: Option<i64>,
    live_streams_per_session: Option<i64>,
    live_streams_max: Option<i64>,
    font_dirs: Option<String>,
    // ---- S3-compatible storage ----
    s3_endpoint: Option<String>,
    s3_region: Option<String>,
    s3_access_key_id: Option<String>,
    s3_secret_access_key: Option<String>,
    s3_allow_http: Option<bool>,
    s3_virtual_hosted_style: Option<bool>,
}

impl Config {
    /// Reads the process environment (and the file it names, if any).
    pub fn from_env() -> anyhow::Result<Self> {
        Self::load(|key| std::env::var(key).ok())
    }

    /// Builds a configuration from a variable lookup; tests pass a map instead of the environment.
    pub fn load(var: impl Fn(&str) -> Option<String>) -> anyhow::Result<Self> {
        let file = match var("ATRIUM_CONFIG") {
            Some(path) => {
                let text = std::fs::read_to_string(&path)
                    .with_context(|| format!("reading config file {path}"))?;
                toml::from_str::<FileConfig>(&text)
                    .with_context(|| format!("parsing config file {path}"))?
            }
            None => FileConfig::default(),
        };
        let s = |key: &str, file_value: Option<String>, default: &str| -> String {
            var(key)
                .or(file_value)
                .unwrap_or_else(|| default.to_owned())
        };
        let parse_num = |key: &str, file_value: Option<i64>, default: i64| -> anyhow::Result<i64> {
            match var(key) {
                Some(v) => v
                    .trim()
                    .parse()
                    .with_context(|| format!("{key} must be a whole number")),
                None => Ok(file_value.unwrap_or(default)),
            }
        };
        let parse_bool =
            |key: &str, file_value: Option<bool>, default: bool| -> anyhow::Result<bool> {
                match var(key).as_deref().map(str::trim) {
                    Some("true" | "1" | "yes") => Ok(true),
                    Some("false" | "0" | "no") => Ok(false),
                    Some(other) => bail!("{key} must be true or false, not `{other}`"),
                    None => Ok(file_value.unwrap_or(default)),
                }
            };

        let public_url = s(
            "ATRIUM_PUBLIC_URL",
            file.public_url,
            "http://localhost:8080",
        );
        let public_origin = origin_of(&public_url)?;
        let log_format = match s("ATRIUM_LOG_FORMAT", file.log_format, "text").as_str() {
            "text" => LogFormat::Text,
            "json" => LogFormat::Json,
            other => bail!("ATRIUM_LOG_FORMAT must be text or json, not `{other}`"),
        };
        let config = Config {
            database_url: s(
                "ATRIUM_DATABASE_URL",
                file.database_url,
                "sqlite://data/atrium.db",
            ),
            bind: s("ATRIUM_BIND", file.bind, "127.0.0.1:8080"),
            public_origin,
            mail_url: s("ATRIUM_MAIL_URL", file.mail_url, "file://data/outbox"),
            mail_from: s(
                "ATRIUM_MAIL_FROM",
                file.mail_from,
                "Atrium <no-reply@localhost>",
            ),
            storage_url: s("ATRIUM_STORAGE_URL", file.storage_url, "file://data/files"),
            max_upload_bytes: parse_num(
                "ATRIUM_MAX_UPLOAD_BYTES",
                file.max_upload_bytes,
                2 * 1024 * 1024 * 1024,
            )?,
            storage_quota_bytes: parse_num(
                "ATRIUM_STORAGE_QUOTA_BYTES",
                file.storage_quota_bytes,
                0,
            )?,
            media_max_image_bytes: parse_num(
                "ATRIUM_MEDIA_MAX_IMAGE_BYTES",
                file.media_max_image_bytes,
                50 * 1024 * 1024,
            )?,
            media_poll_secs: match var("ATRIUM_MEDIA_POLL_SECS") {
                Some(v) => v
                    .trim()
                    .parse()
                    .context("ATRIUM_MEDIA_POLL_SECS must be a whole number")?,
                None => file.media_poll_secs.unwrap_or(60),
            },
            data_dir: PathBuf::from(s("ATRIUM_DATA_DIR", file.data_dir, "data")),
            secret_key: var("ATRIUM_SECRET_KEY").or(file.secret_key),
            cookie_secure: parse_bool("ATRIUM_COOKIE_SECURE", file.cookie_secure, true)?,
            session_idle_days: parse_num("ATRIUM_SESSION_IDLE_DAYS", file.session_idle_days, 30)?,
            session_absolute_days: parse_num(
                "ATRIUM_SESSION_ABSOLUTE_DAYS",
                file.session_absolute_days,
                90,
            )?,
            portal_dist: PathBuf::from(s(
                "ATRIUM_PORTAL_DIST",
                file.portal_dist,
                "crates/portal-web/dist",
            )),
            staff_dist: PathBuf::from(s(
                "ATRIUM_STAFF_DIST",
                file.staff_dist,
                "crates/staff-web/dist",
            )),
            default_org: var("ATRIUM_DEFAULT_ORG").or(file.default_org),
            log_format,
            trust_proxy: parse_bool("ATRIUM_TRUST_PROXY", file.trust_proxy, false)?,
            login_max_failures_per_account: parse_num(
                "ATRIUM_LOGIN_MAX_FAILURES_PER_ACCOUNT",
                file.login_max_failures_per_account,
                5,
            )?,
            login_max_failures_per_ip: parse_num(
                "ATRIUM_LOGIN_MAX_FAILURES_PER_IP",
                file.login_max_failures_per_ip,
                50,
            )?,
            magic_link_max_per_account: parse_num(
                "ATRIUM_MAGIC_LINK_MAX_PER_ACCOUNT",
                file.magic_link_max_per_account,
                5,
            )?,
            magic_link_max_per_ip: parse_num(
                "ATRIUM_MAGIC_LINK_MAX_PER_IP",
                file.magic_link_max_per_ip,
                50,
            )?,
            rate_limit_window_secs: parse_num(
                "ATRIUM_RATE_LIMIT_WINDOW_SECS",
                file.rate_limit_window_secs,
                900,
            )?,
            mail_retry_base_secs: parse_num(
                "ATRIUM_MAIL_RETRY_BASE_SECS",
                file.mail_retry_base_secs,
                30,
            )?,
            mail_poll_secs: match var("ATRIUM_MAIL_POLL_SECS") {
                Some(v) => v
                    .trim()
                    .parse()
                    .context("ATRIUM_MAIL_POLL_SECS must be a whole number")?,
                None => file.mail_poll_secs.unwrap_or(5),
            },
            notify_batch_secs: parse_num("ATRIUM_NOTIFY_BATCH_SECS", file.notify_batch_secs, 300)?,
            notify_digest_hour: parse_num("ATRIUM_NOTIFY_DIGEST_HOUR", file.notify_digest_hour, 8)?
                .clamp(0, 23) as u32,
            review_reminder_days: parse_num(
                "ATRIUM_REVIEW_REMINDER_DAYS",
                file.review_reminder_days,
                2,
            )?
            .max(0),
            live_streams_per_session: parse_num(
                "ATRIUM_LIVE_STREAMS_PER_SESSION",
                file.live_streams_per_session,
                5,
            )?
            .max(1) as usize,
            live_streams_max: parse_num("ATRIUM_LIVE_STREAMS_MAX", file.live_streams_max, 10_000)?
                .max(1) as usize,
            font_dirs: std::env::split_paths(&s(
                "ATRIUM_FONT_DIRS",
                file.font_dirs,
                "/usr/share/fonts:/usr/local/share/fonts",
            ))
            .collect(),
            // ---- S3-compatible storage ----
            s3: crate::storage::S3Settings {
                endpoint: var("ATRIUM_S3_ENDPOINT").or(file.s3_endpoint),
                region: var("ATRIUM_S3_REGION").or(file.s3_region),
                access_key_id: var("ATRIUM_S3_ACCESS_KEY_ID").or(file.s3_access_key_id),
                secret_access_key: var("ATRIUM_S3_SECRET_ACCESS_KEY").or(file.s3_secret_access_key),
                allow_http: match var("ATRIUM_S3_ALLOW_HTTP") {
                    Some(_) => Some(parse_bool("ATRIUM_S3_ALLOW_HTTP", None, false)?),
                    None => file.s3_allow_http,
                },
                virtual_hosted_style: match var("ATRIUM_S3_VIRTUAL_HOSTED_STYLE") {
                    Some(_) => Some(parse_bool("ATRIUM_S3_VIRTUAL_HOSTED_STYLE", None, false)?),
                    None => file.s3_virtual_hosted_style,
                },
            },
        };
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> anyhow::Result<()> {
        if self.session_idle_days < 1 || self.session_absolute_days < self.session_idle_days {
            bail!("session lifetimes must satisfy 1 <= ATRIUM_SESSION_IDLE_DAYS <= ATRIUM_SESSION_ABSOLUTE_DAYS");
        }
        if self.max_upload_bytes < 1 {
            bail!("ATRIUM_MAX_UPLOAD_BYTES must be at least 1");
        }
        if self.storage_quota_bytes < 0 {
            bail!("ATRIUM_STORAGE_QUOTA_BYTES must be 0 (no quota) or more");
        }
        if self.media_max_image_bytes < 0 {
            bail!("ATRIUM_MEDIA_MAX_IMAGE_BYTES must be 0 or more");
        }
        crate::db::DbUrl::parse(&self.database_url)?;
        Ok(())
    }

    pub fn public_is_https(&self) -> bool {
        self.public_origin.starts_with("https://")
    }

    /// The portal's session cookie name: `__Host-` needs `Secure`, so it is dropped with it.
    pub fn portal_cookie_name(&self) -> &'static str {
        if self.cookie_secure {
            "__Host-atrium_portal"
        } else {
            "atrium_portal"
        }
    }

    pub fn staff_refresh_cookie_name(&self) -> &'static str {
        if self.cookie_secure {
            "__Host-atrium_staff_refresh"
        } else {
            "atrium_staff_refresh"
        }
    }

    /// The secret key file used when `ATRIUM_SECRET_KEY` is unset.
    pub fn secret_key_path(&self) -> PathBuf {
        self.data_dir.join("secret.key")
    }

    /// Resolves a `file://` URL (relative paths are relative to the working directory).
    pub fn file_url_path(url: &str) -> Option<&Path> {
        url.strip_prefix("file://").map(Path::new)
    }
}

/// `https://portal.example.com/x/` → `https://portal.example.com`
fn origin_of(public_url: &str) -> anyhow::Result<String> {
    let url = Url::parse(public_url)
        .with_context(|| format!("ATRIUM_PUBLIC_URL `{public_url}` is not a URL"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        bail!("ATRIUM_PUBLIC_URL must be an http(s) URL with a host");
    }
    Ok(url.origin().ascii_serialization())
}

#[cfg(test)]
mod tests;
