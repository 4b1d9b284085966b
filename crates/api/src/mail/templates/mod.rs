//! Branded plain-text + HTML emails. Every link is built from the configured public origin (or,
//! for a contact, their organization's verified portal domain: `Org::portal_origin`), never from
//! the request's `Host`, so a forged Host cannot redirect a sign-in link.

use crate::db::orgs::{Asset, Org};
use crate::db::outbox::Email;

mod staff;
pub use staff::{staff_deactivated_email, staff_invitation_email, staff_reset_email};

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Wraps paragraphs in the organization's branded HTML frame, with the call-to-action button
/// (label, link) if there is one.
fn html_frame(
    (org, origin): (&Org, &str),
    heading: &str,
    paragraphs: &[String],
    action: Option<(&str, &str)>,
) -> String {
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<p>{}</p>", escape(p)))
        .collect();
    let fallback = action
        .map(|(_, link)| {
            format!(
                "If the button doesn't work, paste this address into your browser:<br>{}",
                escape(link)
            )
        })
        .unwrap_or_default();
    html_page((org, origin), heading, &body, action, &fallback)
}

/// The branded page: `body_html` and `footer_html` (may be empty) are already escaped; `button`
/// is the call-to-action's label and link, if the email has one. The logo is the stored one, fetched by
/// the mail client from `origin`.
fn html_page(
    (org, origin): (&Org, &str),
    heading: &str,
    body_html: &str,
    button: Option<(&str, &str)>,
    footer_html: &str,
) -> String {
    let accent = if shared_types::validate::hex_color(&org.accent_color).is_ok() {
        org.accent_color.as_str()
    } else {
        "#3355ff"
    };
    let logo = org
        .asset_path(Asset::Logo)
        .map(|path| format!("{origin}{path}"))
        .or_else(|| org.logo_url.clone())
        .map(|url| {
            format!(
                r#"<img src="{}" alt="{}" height="40"><br>"#,
                escape(&url),
                escape(&org.display_name)
            )
        })
        .unwrap_or_default();
    let button = button
        .map(|(label, link)| {
            format!(
                r#"<p><a href="{}" style="display:inline-block;background:{accent};color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none">{}</a></p>"#,
                escape(link),
                escape(label)
            )
        })
        .unwrap_or_default();
    let footer = if footer_html.is_empty() {
        String::new()
    } else {
        format!(r#"<p style="font-size:12px;color:#52606d">{footer_html}</p>"#)
    };
    format!(
        r#"<!doctype html><html lang="en"><body style="font-family:sans-serif;color:#1f2933;background:#f5f7fa;padding:24px">
<div style="max-width:520px;margin:auto;background:#fff;border-radius:8px;padding:32px;border-top:4px solid {accent}">
{logo}<h1 style="font-size:20px">{heading}</h1>{body_html}
{button}
{footer}
<p style="font-size:12px;color:#52606d">Sent by {org_name}.</p></div></body></html>"#,
        heading = escape(heading),
        org_name = escape(&org.display_name),
    )
}

/// One notification in an email.
pub struct EmailItem {
    pub title: String,
    pub body: String,
    /// Its page (a plain link: signed out, the app asks to sign in and then opens it).
    pub link: String,
}

/// A notification email: one item, or several batched.
pub struct NotificationMail<'a> {
    pub to: &'a str,
    pub name: &'a str,
    pub items: &'a [EmailItem],
    /// The button: a magic link for contacts (signs in and opens the item, or the notifications
    /// page for a batch), the app page for staff.
    pub button_link: &'a str,
    pub signs_in: bool,
    /// (category label, unsubscribe link) for each category in the email.
    pub unsubscribe: &'a [(String, String)],
    pub settings_link: &'a str,
    /// The origin the links use (for the logo too).
    pub origin: &'a str,
}

/// A notification email, branded, with text and HTML bodies.
pub fn notification_email(org: &Org, mail: NotificationMail<'_>) -> Email {
    let subject = match mail.items {
        [one] => one.title.clone(),
        many => format!("{} updates from {}", many.len(), org.display_name),
    };
    let greeting = format!("Hi {},", mail.name);
    let button = match (mail.items.len(), mail.signs_in) {
        (1, true) => "Sign in and open it",
        (1, false) => "Open it",
        (_, true) => "Sign in and see them all",
        (_, false) => "See them all",
    };
    let expiry = if mail.signs_in {
        "The button signs you in: it works once, for 15 minutes. After that, the links above still open each item once you sign in."
    } else {
        ""
    };
    let mut text = format!("{greeting}\n\n");
    for item in mail.items {
        text.push_str(&format!("- {}\n", item.title));
        if !item.body.is_empty() {
            text.push_str(&format!("  \"{}\"\n", item.body));
        }
        text.push_str(&format!("  {}\n", item.link));
    }
    text.push_str(&format!("\n{button}: {}\n", mail.button_link));
    if !expiry.is_empty() {
        text.push_str(&format!("{expiry}\n"));
    }
    text.push_str(&format!(
        "\nChoose which emails you get: {}\n",
        mail.settings_link
    ));
    for (label, link) in mail.unsubscribe {
        text.push_str(&format!("Stop emails about \"{label}\": {link}\n"));
    }
    text.push_str(&format!("\n— {}\n", org.display_name));

    let items: String = mail
        .items
        .iter()
        .map(|item| {
            let body = if item.body.is_empty() {
                String::new()
            } else {
                format!(
                    r#"<br><span style="color:#52606d">“{}”</span>"#,
                    escape(&item.body)
                )
            };
            format!(
                r#"<li style="margin-bottom:12px"><a href="{}">{}</a>{body}</li>"#,
                escape(&item.link),
                escape(&item.title)
            )
        })
        .collect();
    let unsubscribe: String = mail
        .unsubscribe
        .iter()
        .map(|(label, link)| {
            format!(
                r#"<br><a href="{}" style="color:#52606d">Stop emails about “{}”</a>"#,
                escape(link),
                escape(label)
            )
        })
        .collect();
    let footer = format!(
        r#"<a href="{}" style="color:#52606d">Choose which emails you get</a>{unsubscribe}"#,
        escape(mail.settings_link)
    );
    let html = html_page(
        (org, mail.origin),
        &subject,
        &format!(
            "<p>{}</p><ul style=\"padding-left:20px\">{items}</ul>",
            escape(&greeting)
        ),
        Some((button, mail.button_link)),
        &if expiry.is_empty() {
            footer
        } else {
            format!("{}<br>{footer}", escape(expiry))
        },
    );
    Email::from_org(org, mail.to.to_owned(), subject, text, html)
}

/// A short email: a greeting, what happened or what the link is for, a note (how long the link
/// works, what to do if nobody asked for it, whom to ask), and usually one link, as a button in
/// the HTML and on a line of its own in the text.
struct ShortEmail<'a> {
    org: &'a Org,
    origin: &'a str,
    to: String,
    subject: String,
    heading: &'a str,
    greeting: String,
    line: String,
    note: String,
    /// The button's label and its link.
    action: Option<(&'a str, String)>,
}

impl ShortEmail<'_> {
    fn build(self) -> Email {
        let action = self
            .action
            .as_ref()
            .map(|(button, link)| format!("{button}: {link}\n\n"))
            .unwrap_or_default();
        let text = format!(
            "{}\n\n{}\n\n{action}{}\n\n— {}\n",
            self.greeting, self.line, self.note, self.org.display_name
        );
        let html = html_frame(
            (self.org, self.origin),
            self.heading,
            &[self.greeting, self.line, self.note],
            self.action.as_ref().map(|(b, l)| (*b, l.as_str())),
        );
        Email::from_org(self.org, self.to, self.subject, text, html)
    }
}

/// A contact's sign-in link (15 minutes, once), opening `next` after sign-in.
pub fn magic_link_email(
    org: &Org,
    to: &str,
    name: &str,
    public_origin: &str,
    token: &str,
    next: Option<&str>,
) -> Email {
    let origin = org.portal_origin(public_origin);
    let mut link = format!("{origin}/portal/auth/magic#token={token}");
    if let Some(next) = next {
        link.push_str("&next=");
        link.extend(url::form_urlencoded::byte_serialize(next.as_bytes()));
    }
    ShortEmail {
        org,
        origin: &origin,
        to: to.to_owned(),
        subject: format!("Your sign-in link for {}", org.display_name),
        heading: "Sign in to your portal",
        greeting: format!("Hi {name},"),
        line: format!(
            "Here is your sign-in link for the {} client portal. It works once, for 15 minutes.",
            org.display_name
        ),
        note: "If you didn't ask to sign in, you can ignore this email.".to_owned(),
        action: Some(("Sign in", link)),
    }
    .build()
}

/// A contact's invitation to the portal (7 days, once).
pub fn invitation_email(
    org: &Org,
    to: &str,
    name: &str,
    client_name: &str,
    public_origin: &str,
    token: &str,
) -> Email {
    let origin = org.portal_origin(public_origin);
    ShortEmail {
        org,
        origin: &origin,
        to: to.to_owned(),
        subject: format!("{} invited you to their client portal", org.display_name),
        heading: "You're invited",
        greeting: format!("Hi {name},"),
        line: format!(
            "{} has invited you to the client portal for {client_name}, where you can follow projects, review work and keep in touch.",
            org.display_name
        ),
        note: "This invitation works for 7 days.".to_owned(),
        action: Some(("Accept invitation", format!("{origin}/portal/invite#token={token}"))),
    }
    .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org() -> Org {
        Org {
            id: "o".into(),
            name: "Studio <b>".into(),
            slug: "s".into(),
            display_name: "Studio <b>".into(),
            logo_url: None,
            accent_color: "red;}".into(),
            portal_domain: None,
            created_at: chrono::NaiveDateTime::default(),
            storage_quota_bytes: None,
            logo_key: None,
            favicon_key: None,
            portal_title: String::new(),
            email_from_name: String::new(),
            email_reply_to: None,
            portal_domain_verified_at: None,
        }
    }

    #[test]
    fn links_use_the_public_origin_and_html_is_escaped() {
        let mail = magic_link_email(
            &org(),
            "a@b.io",
            "Ana",
            "https://portal.example",
            "TOKEN",
            None,
        );
        assert!(mail
            .text
            .contains("https://portal.example/portal/auth/magic#token=TOKEN\n"));
        let next = Some("/portal/approvals/a1?x=1&y");
        let mail = magic_link_email(&org(), "a@b.io", "Ana", "https://portal.example", "T", next);
        assert!(mail.text.contains(
            "https://portal.example/portal/auth/magic#token=T&next=%2Fportal%2Fapprovals%2Fa1%3Fx%3D1%26y\n"
        ));
        assert!(mail.html.contains("Studio &lt;b&gt;"));
        assert!(
            !mail.html.contains("red;}"),
            "unsafe accent colour must not reach CSS"
        );
    }
}
