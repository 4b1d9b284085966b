//! Emails to staff members about their own account: the invitation, a password reset, and the
//! end of their access.

use super::ShortEmail;
use crate::db::orgs::Org;
use crate::db::outbox::Email;
use crate::db::staff::StaffRow;

/// A staff invitation: the link (7 days, once) sets the new member's password. The token rides in
/// the URL fragment, so it never reaches a server log.
pub fn staff_invitation_email(
    org: &Org,
    member: &StaffRow,
    public_origin: &str,
    token: &str,
) -> Email {
    ShortEmail {
        org,
        origin: public_origin,
        to: member.email.clone(),
        subject: format!("Join the {} team on Atrium", org.display_name),
        heading: "You're invited",
        greeting: format!("Hi {},", member.name),
        line: format!(
            "You're invited to join the {} team on Atrium, where the agency runs its client portal.",
            org.display_name
        ),
        note: "Choose your password with this link. It works once, for 7 days.".to_owned(),
        action: Some(("Join the team", format!("{public_origin}/staff/join#token={token}"))),
    }
    .build()
}

/// A staff password reset: the link works once, for an hour.
pub fn staff_reset_email(org: &Org, member: &StaffRow, public_origin: &str, token: &str) -> Email {
    ShortEmail {
        org,
        origin: public_origin,
        to: member.email.clone(),
        subject: format!("Reset your {} staff password", org.display_name),
        heading: "Reset your password",
        greeting: format!("Hi {},", member.name),
        line: "Someone asked to reset the password of your staff account. The link below lets you choose a new one; it works once, for an hour.".to_owned(),
        note: "If it wasn't you, ignore this email: your password stays as it is.".to_owned(),
        action: Some(("Choose a new password", format!("{public_origin}/staff/reset-password#token={token}"))),
    }
    .build()
}

/// Tells a member who had joined that their staff account was deactivated: what stopped
/// working and whom to ask. No link: they can no longer sign in. Replies go to the
/// organization's reply-to address, or else to whoever deactivated them.
pub fn staff_deactivated_email(
    org: &Org,
    member: &StaffRow,
    by: Option<&StaffRow>,
    public_origin: &str,
) -> Email {
    let who = by.map_or_else(|| "An administrator".to_owned(), |b| b.name.clone());
    let mut email = ShortEmail {
        org,
        origin: public_origin,
        to: member.email.clone(),
        subject: format!("Your access to {} on Atrium has ended", org.display_name),
        heading: "Your access has ended",
        greeting: format!("Hi {},", member.name),
        line: format!(
            "{who} deactivated your staff account at {}. You are signed out everywhere, and the API keys you created no longer work. What you did stays recorded under your name.",
            org.display_name
        ),
        note: "If you think this is a mistake, reply to this email or ask an owner or admin of the team to reactivate your account.".to_owned(),
        action: None,
    }
    .build();
    if email.reply_to.is_none() {
        email.reply_to = by.map(|b| b.email.clone());
    }
    email
}
