//! The organization's branding and portal domain (Settings, owners and admins): what may be
//! saved, the accent's contrast guard, the stored logo and favicon (`images`), and verifying a
//! custom domain (`domain_check`). Everything here is applied wherever the organization shows:
//! the portal's sign-in page and header (`GET /portal/api/branding`), every email
//! (`mail::templates`), and the invoice and certificate PDFs.

pub mod domain_check;
pub mod images;

use crate::auth::staff_user::StaffUser;
use crate::db::orgs::{self, Asset, Org};
use crate::db::schema::organizations;
use crate::db::DbConn;
use crate::domain::events::{self as stream, NewEvent};
use crate::domain::Actor;
use crate::error::{is_duplicate, ApiError, ApiResult, Fields};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared_types::branding::{
    accent_check, portal_domain, AccentCheck, BrandingSaved, BrandingSettings, BrandingUpdate,
    DnsRecord, PortalDomain,
};
use shared_types::validate;
use shared_types::{ErrorCode, EventKind};

const MAX_TITLE: usize = 80;

/// Settings → Branding as staff see it; `public_host` is the instance's own host (the CNAME
/// target of a custom domain).
pub fn settings(org: &Org, public_host: &str) -> BrandingSettings {
    BrandingSettings {
        display_name: org.display_name.clone(),
        accent_color: org.accent_color.clone(),
        logo_url: org.asset_path(Asset::Logo),
        favicon_url: org.asset_path(Asset::Favicon),
        portal_title: org.portal_title.clone(),
        email_from_name: org.email_from_name.clone(),
        email_reply_to: org.email_reply_to.clone(),
        domain: org.portal_domain.as_ref().map(|domain| PortalDomain {
            domain: domain.clone(),
            verified_at: org.portal_domain_verified_at.map(|t| t.and_utc()),
            dns_record: DnsRecord {
                kind: "CNAME".into(),
                name: domain.clone(),
                value: public_host.to_owned(),
            },
        }),
    }
}

#[derive(AsChangeset, Default, PartialEq)]
#[diesel(table_name = organizations)]
struct Changes {
    display_name: Option<String>,
    accent_color: Option<String>,
    portal_title: Option<String>,
    email_from_name: Option<String>,
    email_reply_to: Option<Option<String>>,
    portal_domain: Option<Option<String>>,
    portal_domain_verified_at: Option<Option<NaiveDateTime>>,
}

/// A single line of text for an email header or the tab title: no control characters.
fn one_line(text: &str, max: usize, what: &'static str) -> Result<(), &'static str> {
    if text.chars().any(char::is_control) {
        Err("Use a single line of text.")
    } else if text.chars().count() > max {
        Err(what)
    } else {
        Ok(())
    }
}

/// Applies `body` (only the fields sent); a too-light accent is saved darker and the answer
/// says so. `public_host` may not be claimed as a portal domain.
pub fn update(
    conn: &mut DbConn,
    actor: &StaffUser,
    body: BrandingUpdate,
    public_host: &str,
    now: NaiveDateTime,
) -> ApiResult<(Org, Option<AccentCheck>)> {
    let org = orgs::by_id(conn, &actor.org_id)?;
    let mut v = Fields::default();
    let mut changes = Changes::default();
    let mut adjustment = None;
    if let Some(name) = body.display_name {
        let name = name.trim().to_owned();
        v.check("display_name", validate::name(&name));
        changes.display_name = Some(name);
    }
    if let Some(color) = body.accent_color {
        match accent_check(&color) {
            Ok(check) => {
                changes.accent_color = Some(check.applied.clone());
                adjustment = Some(check).filter(AccentCheck::adjusted);
            }
            Err(message) => {
                v.check("accent_color", Err(message));
            }
        }
    }
    if let Some(title) = body.portal_title {
        let title = title.trim().to_owned();
        v.check(
            "portal_title",
            one_line(&title, MAX_TITLE, "Keep the title to 80 characters."),
        );
        changes.portal_title = Some(title);
    }
    if let Some(name) = body.email_from_name {
        let name = name.trim().to_owned();
        v.check(
            "email_from_name",
            one_line(&name, MAX_TITLE, "Keep the sender name to 80 characters."),
        );
        changes.email_from_name = Some(name);
    }
    if let Some(reply_to) = body.email_reply_to {
        let reply_to = reply_to
            .map(|r| validate::normalize_email(&r))
            .filter(|r| !r.is_empty());
        if let Some(address) = &reply_to {
            v.check("email_reply_to", validate::email(address));
        }
        changes.email_reply_to = Some(reply_to);
    }
    if let Some(domain) = body.portal_domain {
        let domain = domain.filter(|d| !d.trim().is_empty());
        match domain.as_deref().map(portal_domain) {
            Some(Err(message)) => {
                v.check("portal_domain", Err(message));
            }
            Some(Ok(domain)) if domain == public_host => {
                v.check(
                    "portal_domain",
                    Err("This is Atrium's own address; choose your organization's own host name."),
                );
            }
            Some(Ok(domain)) => {
                if org.portal_domain.as_deref() != Some(domain.as_str()) {
                    changes.portal_domain = Some(Some(domain));
                    changes.portal_domain_verified_at = Some(None);
                }
            }
            None => {
                changes.portal_domain = Some(None);
                changes.portal_domain_verified_at = Some(None);
            }
        }
    }
    v.finish()?;
    if changes == Changes::default() {
        return Ok((org, adjustment));
    }
    diesel::update(organizations::table.find(&org.id))
        .set(&changes)
        .execute(conn)
        .map_err(|e| {
            if is_duplicate(&e) {
                ApiError::conflict(
                    ErrorCode::Duplicate,
                    "Another organization on this Atrium already uses that domain.",
                )
            } else {
                e.into()
            }
        })?;
    record(conn, actor, &org.id, "Branding was updated".into(), now)?;
    Ok((orgs::by_id(conn, &org.id)?, adjustment))
}

pub fn saved(org: &Org, adjustment: Option<AccentCheck>, public_host: &str) -> BrandingSaved {
    BrandingSaved {
        settings: settings(org, public_host),
        accent_adjustment: adjustment,
    }
}

pub(crate) fn record(
    conn: &mut DbConn,
    actor: &StaffUser,
    org_id: &str,
    summary: String,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let event = NewEvent {
        org_id,
        client_id: None,
        kind: EventKind::OrganizationUpdated,
        subject_id: org_id,
        summary,
        detail: None,
    };
    stream::record(conn, &Actor::from(actor), event, now)?;
    Ok(())
}

/// Records that `domain` answered the check, unless the organization has moved to another
/// domain since.
pub fn mark_verified(
    conn: &mut DbConn,
    actor: &StaffUser,
    domain: &str,
    now: NaiveDateTime,
) -> ApiResult<Org> {
    let updated = diesel::update(
        organizations::table
            .find(&actor.org_id)
            .filter(organizations::portal_domain.eq(domain)),
    )
    .set(organizations::portal_domain_verified_at.eq(now))
    .execute(conn)?;
    if updated == 1 {
        let event = NewEvent {
            org_id: &actor.org_id,
            client_id: None,
            kind: EventKind::OrganizationDomainVerified,
            subject_id: &actor.org_id,
            summary: format!("The portal domain {domain} was verified"),
            detail: None,
        };
        stream::record(conn, &Actor::from(actor), event, now)?;
    }
    Ok(orgs::by_id(conn, &actor.org_id)?)
}

/// Sets (or with `None` removes) the logo or favicon; returns the organization and the key of
/// the image it replaced, for the caller to delete from storage once this has committed.
pub fn set_asset(
    conn: &mut DbConn,
    actor: &StaffUser,
    asset: Asset,
    key: Option<String>,
    now: NaiveDateTime,
) -> ApiResult<(Org, Option<String>)> {
    let org = orgs::by_id(conn, &actor.org_id)?;
    let old = org.asset_key(asset).map(str::to_owned);
    let target = organizations::table.find(&org.id);
    match asset {
        Asset::Logo => diesel::update(target)
            .set(organizations::logo_key.eq(&key))
            .execute(conn)?,
        Asset::Favicon => diesel::update(target)
            .set(organizations::favicon_key.eq(&key))
            .execute(conn)?,
    };
    let summary = match (asset, key.is_some()) {
        (Asset::Logo, true) => "A new logo was uploaded",
        (Asset::Logo, false) => "The logo was removed",
        (Asset::Favicon, true) => "A new favicon was uploaded",
        (Asset::Favicon, false) => "The favicon was removed",
    };
    record(conn, actor, &org.id, summary.into(), now)?;
    Ok((orgs::by_id(conn, &org.id)?, old))
}
