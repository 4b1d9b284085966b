//! Mail transports chosen by `ATRIUM_MAIL_URL`: `smtp://` / `smtps://` (lettre), `file://DIR`
//! (one `.eml` per message) and `log:` (development only: prints messages, links included).

use crate::db::outbox::OutboxRow;
use anyhow::{bail, Context};
use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;
use std::time::Duration;
use url::Url;

pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    File(AsyncFileTransport<Tokio1Executor>, PathBuf),
    Log,
}

impl Transport {
    pub fn from_url(mail_url: &str) -> anyhow::Result<Self> {
        if mail_url == "log:" {
            return Ok(Transport::Log);
        }
        if let Some(dir) = mail_url.strip_prefix("file://") {
            let dir = PathBuf::from(dir);
            std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
            return Ok(Transport::File(AsyncFileTransport::new(&dir), dir));
        }
        let url = Url::parse(mail_url).with_context(|| "ATRIUM_MAIL_URL is not a URL")?;
        let host = url
            .host_str()
            .context("ATRIUM_MAIL_URL needs a host")?
            .to_owned();
        let mut builder = match url.scheme() {
            "smtp" => {
                let starttls = url.query_pairs().any(|(k, v)| k == "tls" && v == "starttls");
                if starttls {
                    AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&host)?
                } else {
                    AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&host)
                }
            }
            "smtps" => AsyncSmtpTransport::<Tokio1Executor>::relay(&host)?,
            other => bail!("unsupported ATRIUM_MAIL_URL scheme `{other}`: use smtp://, smtps://, file:// or log:"),
        };
        if let Some(port) = url.port() {
            builder = builder.port(port);
        }
        if !url.username().is_empty() {
            let user = percent_decode(url.username());
            let pass = percent_decode(url.password().unwrap_or_default());
            builder = builder.credentials(Credentials::new(user, pass));
        }
        Ok(Transport::Smtp(
            builder.timeout(Some(Duration::from_secs(15))).build(),
        ))
    }

    pub async fn send(&self, from: &str, row: &OutboxRow) -> anyhow::Result<()> {
        match self {
            Transport::Log => {
                tracing::info!(to = %row.to_addr, subject = %row.subject, body = %row.body_text, "mail (log transport)");
                Ok(())
            }
            Transport::File(t, _) => {
                t.send(build_message(from, row)?).await?;
                Ok(())
            }
            Transport::Smtp(t) => {
                t.send(build_message(from, row)?).await?;
                Ok(())
            }
        }
    }
}

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(s.as_bytes())
        .map(|(k, v)| {
            if v.is_empty() {
                k.into_owned()
            } else {
                format!("{k}={v}")
            }
        })
        .collect()
}

fn build_message(from: &str, row: &OutboxRow) -> anyhow::Result<Message> {
    let mut from: Mailbox = from.parse().context("ATRIUM_MAIL_FROM is not a mailbox")?;
    if let Some(name) = row.from_name.as_deref().filter(|n| !n.trim().is_empty()) {
        // The organization's name, on the instance's own address (which its SPF/DKIM cover).
        from.name = Some(name.trim().to_owned());
    }
    let to: Mailbox = row.to_addr.parse().context("recipient is not a mailbox")?;
    let mut builder = Message::builder().from(from).to(to);
    if let Some(reply_to) = row.reply_to.as_deref() {
        match reply_to.parse::<Mailbox>() {
            Ok(mailbox) => builder = builder.reply_to(mailbox),
            Err(e) => {
                tracing::warn!(error = %e, "the organization's reply-to is not a mailbox; left out")
            }
        }
    }
    Ok(builder.subject(&row.subject).multipart(
        MultiPart::alternative()
            .singlepart(
                SinglePart::builder()
                    .header(ContentType::TEXT_PLAIN)
                    .body(row.body_text.clone()),
            )
            .singlepart(
                SinglePart::builder()
                    .header(ContentType::TEXT_HTML)
                    .body(row.body_html.clone()),
            ),
    )?)
}
