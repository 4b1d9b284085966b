//! Who hears about invoices: the client's contacts who may see invoices, when one is sent, paid
//! (in part or in full), voided or falls overdue; an overdue invoice also reaches the staff who
//! look after the client. Drafts never come here (their events are staff-only).

use super::{active_contacts, managers, Told};
use crate::db::invoices;
use crate::db::DbConn;
use crate::domain::events::EventRow;
use crate::error::ApiResult;
use diesel::OptionalExtension;
use shared_types::notifications::NotificationCategory;
use shared_types::EventKind;

pub(super) fn recipients(
    conn: &mut DbConn,
    event: &EventRow,
    client_id: &str,
) -> ApiResult<Vec<Told>> {
    if !matches!(
        event.kind,
        EventKind::InvoiceSent
            | EventKind::InvoicePaymentRecorded
            | EventKind::InvoiceVoided
            | EventKind::InvoiceOverdue
    ) {
        return Ok(Vec::new());
    }
    let Some(row) = invoices::get(conn, &event.org_id, &event.subject_id).optional()? else {
        return Ok(Vec::new());
    };
    let body = match (&row.payment_url, event.kind) {
        (Some(url), EventKind::InvoiceSent | EventKind::InvoiceOverdue) => {
            format!("Pay online: {url}")
        }
        _ => String::new(),
    };
    let link = format!("/portal/invoices/{}", row.id);
    let mut told: Vec<Told> =
        active_contacts(conn, &event.org_id, client_id, |p| p.can_view_invoices)?
            .into_iter()
            .map(|recipient| Told {
                recipient,
                category: NotificationCategory::Billing,
                title: event.summary.clone(),
                body: body.clone(),
                link: link.clone(),
            })
            .collect();
    if event.kind == EventKind::InvoiceOverdue {
        let staff_link = format!("/staff/invoices/{}", row.id);
        told.extend(
            managers(conn, &event.org_id, client_id, row.project_id.as_deref())?
                .into_iter()
                .map(|recipient| Told {
                    recipient,
                    category: NotificationCategory::Billing,
                    title: event.summary.clone(),
                    body: String::new(),
                    link: staff_link.clone(),
                }),
        );
    }
    Ok(told)
}
