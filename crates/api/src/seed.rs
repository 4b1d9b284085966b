//! Organization and staff provisioning for the CLI, and the demo agency for `atrium seed-demo`.

mod approvals;
mod media;
mod projects;
mod requests;

use crate::crypto::hash_password;
use crate::db::clients::{self, ClientRow};
use crate::db::contacts::{self, ContactRow};
use crate::db::orgs::{self, Org};
use crate::db::staff::{self, StaffRow};
use crate::db::{new_id, write_tx, DbConn};
use crate::error::{is_duplicate, ApiError, ApiResult};
use chrono::NaiveDateTime;
use shared_types::portal::Permissions;
use shared_types::staff::PermissionOverrides;
use shared_types::validate::{self, normalize_email};
use shared_types::ErrorCode;
use shared_types::{ClientStatus, ContactStatus, StaffRole};

pub struct NewOrg<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub owner_email: &'a str,
    pub owner_name: &'a str,
    pub owner_password: &'a str,
}

fn invalid(what: &str, why: &str) -> ApiError {
    ApiError::bad_request(ErrorCode::InvalidArgument, format!("{what}: {why}"))
}

fn valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 63
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
}

pub fn create_org(
    conn: &mut DbConn,
    new: NewOrg<'_>,
    now: NaiveDateTime,
) -> ApiResult<(Org, StaffRow)> {
    validate::name(new.name).map_err(|e| invalid("--name", e))?;
    if !valid_slug(new.slug) {
        return Err(invalid(
            "--slug",
            "use lower-case letters, digits and dashes",
        ));
    }
    let email = normalize_email(new.owner_email);
    validate::email(&email).map_err(|e| invalid("--owner-email", e))?;
    validate::name(new.owner_name).map_err(|e| invalid("--owner-name", e))?;
    validate::password(new.owner_password).map_err(|e| invalid("--owner-password", e))?;
    let hash = hash_password(new.owner_password)?;
    write_tx(conn, |conn| {
        if orgs::by_slug(conn, new.slug)?.is_some() {
            return Err(ApiError::conflict(
                ErrorCode::Duplicate,
                format!("an organization with slug `{}` exists", new.slug),
            ));
        }
        let org = Org {
            id: new_id(),
            name: new.name.trim().to_owned(),
            slug: new.slug.to_owned(),
            display_name: new.name.trim().to_owned(),
            logo_url: None,
            accent_color: "#3355ff".into(),
            portal_domain: None,
            created_at: now,
            storage_quota_bytes: None,
            logo_key: None,
            favicon_key: None,
            portal_title: String::new(),
            email_from_name: String::new(),
            email_reply_to: None,
            portal_domain_verified_at: None,
        };
        orgs::insert(conn, &org)?;
        crate::db::invoices::create_counter(conn, &org.id)?;
        let owner = staff_row(&org.id, &email, new.owner_name, StaffRole::Owner, hash, now);
        staff::insert(conn, &owner).map_err(|e| {
            if is_duplicate(&e) {
                ApiError::conflict(
                    ErrorCode::Duplicate,
                    format!("a staff user with email {email} exists"),
                )
            } else {
                e.into()
            }
        })?;
        Ok((org, owner))
    })
}

fn staff_row(
    org_id: &str,
    email: &str,
    name: &str,
    role: StaffRole,
    hash: String,
    now: NaiveDateTime,
) -> StaffRow {
    StaffRow {
        id: new_id(),
        org_id: org_id.to_owned(),
        email: email.to_owned(),
        name: name.trim().to_owned(),
        role,
        password_hash: hash,
        active: true,
        created_at: now,
        last_login_at: None,
        phone: None,
        title: String::new(),
    }
}

pub fn create_staff(
    conn: &mut DbConn,
    org_slug: &str,
    email: &str,
    name: &str,
    role: StaffRole,
    password: &str,
    now: NaiveDateTime,
) -> ApiResult<StaffRow> {
    let email = normalize_email(email);
    validate::email(&email).map_err(|e| invalid("--email", e))?;
    validate::name(name).map_err(|e| invalid("--name", e))?;
    validate::password(password).map_err(|e| invalid("--password", e))?;
    let org = orgs::by_slug(conn, org_slug)?
        .ok_or_else(|| invalid("--org", "no organization has that slug"))?;
    let row = staff_row(&org.id, &email, name, role, hash_password(password)?, now);
    staff::insert(conn, &row).map_err(|e| {
        if is_duplicate(&e) {
            ApiError::conflict(
                ErrorCode::Duplicate,
                format!("a staff user with email {email} exists"),
            )
        } else {
            e.into()
        }
    })?;
    Ok(row)
}

/// The demo agency's sign-ins, printed by the run command.
pub const DEMO_STAFF_EMAIL: &str = "maya@northwind.example";
pub const DEMO_STAFF_PASSWORD: &str = "orchard-lantern-47";
pub const DEMO_CONTACT_EMAIL: &str = "ana@bluepeak.example";
pub const DEMO_CONTACT_PASSWORD: &str = "harbor-violet-92";

pub use approvals::DemoObject;

/// Seeds a believable agency when the database has no organization yet; returns false when
/// there was already data (nothing is changed then). The demo files' bytes are not stored: use
/// [`seed_demo_with_files`] where object storage is at hand.
pub fn seed_demo(conn: &mut DbConn, now: NaiveDateTime) -> ApiResult<bool> {
    Ok(seed_demo_with_files(conn, now)?.is_some())
}

/// [`seed_demo`], returning the demo files' bytes and storage keys for the caller to store;
/// `None` when the database already had data.
pub fn seed_demo_with_files(
    conn: &mut DbConn,
    now: NaiveDateTime,
) -> ApiResult<Option<Vec<DemoObject>>> {
    if orgs::count(conn)? > 0 {
        return Ok(None);
    }
    let (org, owner) = create_org(
        conn,
        NewOrg {
            name: "Northwind Studio",
            slug: "northwind",
            owner_email: DEMO_STAFF_EMAIL,
            owner_name: "Maya Okafor",
            owner_password: DEMO_STAFF_PASSWORD,
        },
        now,
    )?;
    let leo = create_staff(
        conn,
        "northwind",
        "leo@northwind.example",
        "Leo Brandt",
        StaffRole::Member,
        "quiet-meadow-signal-8",
        now,
    )?;
    let contact_hash = hash_password(DEMO_CONTACT_PASSWORD)?;
    let objects = write_tx(conn, |conn| {
        let all = Permissions::default();
        let bluepeak = demo_client(conn, &org.id, "Blue Peak Coffee", all, true, now)?;
        let limited = Permissions {
            can_view_invoices: false,
            ..all
        };
        let harbor = demo_client(conn, &org.id, "Harbor Lights Podcast", limited, false, now)?;
        let ana = demo_contact(
            conn,
            &bluepeak,
            "Ana Lopez",
            DEMO_CONTACT_EMAIL,
            Some(contact_hash.clone()),
            ContactStatus::Active,
            PermissionOverrides::default(),
            now,
        )?;
        demo_contact(
            conn,
            &bluepeak,
            "Sam Reyes",
            "sam@bluepeak.example",
            None,
            ContactStatus::Active,
            PermissionOverrides {
                can_approve_work: Some(false),
                can_view_invoices: Some(false),
                ..Default::default()
            },
            now,
        )?;
        demo_contact(
            conn,
            &harbor,
            "Jo Whitfield",
            "jo@harborlights.example",
            Some(contact_hash),
            ContactStatus::Active,
            PermissionOverrides::default(),
            now,
        )?;
        demo_contact(
            conn,
            &harbor,
            "Priya Nair",
            "priya@harborlights.example",
            None,
            ContactStatus::Invited,
            PermissionOverrides::default(),
            now,
        )?;
        staff::set_phone(conn, &owner.id, Some("+44 20 7946 0321"))?;
        staff::set_phone(conn, &leo.id, Some("+44 20 7946 0588"))?;
        let team = [owner.id.clone(), leo.id.clone()];
        projects::seed(conn, &org.id, &team, [&bluepeak, &harbor], now)?;
        requests::seed(
            conn,
            &org.id,
            &bluepeak.id,
            (&ana, "Ana Lopez"),
            &owner.id,
            &leo.id,
            now,
        )?;
        let owner_ref = (owner.id.as_str(), owner.name.as_str());
        approvals::seed(conn, &org.id, owner_ref, [&bluepeak, &harbor], now)
    })?;
    Ok(Some(objects))
}

fn demo_client(
    conn: &mut DbConn,
    org_id: &str,
    name: &str,
    defaults: Permissions,
    show_team: bool,
    now: NaiveDateTime,
) -> ApiResult<ClientRow> {
    let mut row = ClientRow {
        id: new_id(),
        org_id: org_id.to_owned(),
        name: name.to_owned(),
        status: ClientStatus::Active,
        portal_enabled: true,
        can_view_invoices: true,
        can_approve_work: true,
        can_add_comments: true,
        can_submit_requests: true,
        show_team_members: show_team,
        created_at: now,
        updated_at: now,
    };
    row.set_default_permissions(defaults);
    clients::insert(conn, &row)?;
    Ok(row)
}

#[allow(clippy::too_many_arguments)]
fn demo_contact(
    conn: &mut DbConn,
    client: &ClientRow,
    name: &str,
    email: &str,
    password_hash: Option<String>,
    status: ContactStatus,
    overrides: PermissionOverrides,
    now: NaiveDateTime,
) -> ApiResult<String> {
    let mut row = ContactRow {
        id: new_id(),
        org_id: client.org_id.clone(),
        client_id: client.id.clone(),
        email: email.to_owned(),
        name: name.to_owned(),
        phone: None,
        status,
        password_hash,
        can_view_invoices: None,
        can_approve_work: None,
        can_add_comments: None,
        can_submit_requests: None,
        invited_at: Some(now),
        last_sign_in_at: None,
        created_at: now,
        updated_at: now,
    };
    row.set_overrides(overrides);
    contacts::insert(conn, &row)?;
    Ok(row.id)
}
