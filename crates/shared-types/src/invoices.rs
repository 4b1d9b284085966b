//! Invoices: statuses, aging, the staff's and the portal's views, and the bodies that change
//! them. Money is in minor units and quantities in thousandths (see `money`).

use crate::enums::UnknownVariant;
use crate::money::{Discount, Totals};
use crate::patch_body;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Most lines on one invoice.
pub const LINES_MAX: usize = 200;
/// Most tax rates on one invoice.
pub const TAXES_MAX: usize = 5;

text_enum! {
    InvoiceStatus {
        Draft => "draft",
        Sent => "sent",
        PartiallyPaid => "partially_paid",
        Paid => "paid",
        Void => "void",
    }
}

impl InvoiceStatus {
    pub fn label(self) -> &'static str {
        match self {
            InvoiceStatus::Draft => "Draft",
            InvoiceStatus::Sent => "Sent",
            InvoiceStatus::PartiallyPaid => "Partially paid",
            InvoiceStatus::Paid => "Paid",
            InvoiceStatus::Void => "Void",
        }
    }

    /// Sent and not settled: it can still be paid (and be overdue).
    pub fn is_open(self) -> bool {
        matches!(self, InvoiceStatus::Sent | InvoiceStatus::PartiallyPaid)
    }
}

text_enum! {
    /// How far past its due date an open invoice is: `current` (not yet due), `thirty_days`
    /// (1–30 days overdue), `sixty_days` (31–60), `ninety_days` (61–90), `over_ninety` (90+).
    AgingBucket {
        Current => "current",
        ThirtyDays => "thirty_days",
        SixtyDays => "sixty_days",
        NinetyDays => "ninety_days",
        OverNinety => "over_ninety",
    }
}

impl AgingBucket {
    /// The bucket of `days_overdue` (0 or less: current).
    pub fn of(days_overdue: i64) -> Self {
        match days_overdue {
            i64::MIN..=0 => AgingBucket::Current,
            1..=30 => AgingBucket::ThirtyDays,
            31..=60 => AgingBucket::SixtyDays,
            61..=90 => AgingBucket::NinetyDays,
            _ => AgingBucket::OverNinety,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AgingBucket::Current => "Current",
            AgingBucket::ThirtyDays => "1–30 days overdue",
            AgingBucket::SixtyDays => "31–60 days overdue",
            AgingBucket::NinetyDays => "61–90 days overdue",
            AgingBucket::OverNinety => "Over 90 days overdue",
        }
    }
}

/// Days overdue (today − due date) while a balance remains on an open invoice; else 0.
pub fn days_overdue(status: InvoiceStatus, balance: i64, due: NaiveDate, today: NaiveDate) -> i64 {
    if status.is_open() && balance > 0 {
        (today - due).num_days().max(0)
    } else {
        0
    }
}

/// One line of an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InvoiceLine {
    pub description: String,
    /// Thousandths: `1500` is 1.5.
    pub quantity_milli: i64,
    /// Minor units (cents).
    pub unit_price: i64,
    /// Computed by the server (quantity × unit price, rounded half away from zero); ignored in
    /// requests.
    #[serde(default)]
    pub amount: i64,
}

/// A named tax applied after the discount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TaxRate {
    pub name: String,
    /// `2000` is 20%.
    pub basis_points: i64,
    /// Computed by the server; ignored in requests.
    #[serde(default)]
    pub amount: i64,
}

/// A payment received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Payment {
    pub id: String,
    pub amount: i64,
    pub paid_on: NaiveDate,
    pub method: String,
    pub reference: String,
    pub recorded_at: DateTime<Utc>,
}

/// An invoice in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceSummary {
    pub id: String,
    /// `INV-0042`, sequential per organization.
    pub number: String,
    pub client_id: String,
    pub client_name: String,
    pub currency: String,
    pub status: InvoiceStatus,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub total: i64,
    pub balance: i64,
    pub days_overdue: i64,
    pub bucket: AgingBucket,
}

/// One invoice with everything on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invoice {
    #[serde(flatten)]
    pub summary: InvoiceSummary,
    pub project_id: Option<String>,
    pub lines: Vec<InvoiceLine>,
    pub discount: Option<Discount>,
    pub taxes: Vec<TaxRate>,
    pub totals: Totals,
    pub payments: Vec<Payment>,
    pub notes: String,
    /// An `https` link to pay online (the agency's payment provider), shown as "Pay now".
    pub payment_url: Option<String>,
    pub void_reason: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// Totals per currency of a list (amounts are never added across currencies).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CurrencyTotal {
    pub currency: String,
    pub total: i64,
    pub balance: i64,
    /// Outstanding per aging bucket, in bucket order.
    pub buckets: Vec<BucketAmount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BucketAmount {
    pub bucket: AgingBucket,
    pub amount: i64,
}

/// `GET /api/v1/invoices` and `GET /portal/api/invoices`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceList {
    pub items: Vec<InvoiceSummary>,
    pub next_cursor: Option<String>,
    /// For everything the filters select (not only this page).
    pub totals: Vec<CurrencyTotal>,
}

/// One client's outstanding money per currency and aging bucket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClientAging {
    pub client_id: String,
    pub client_name: String,
    pub totals: Vec<CurrencyTotal>,
}

/// `GET /api/v1/invoices/aging`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgingReport {
    /// The whole organization (or the one client asked for), per currency.
    pub organization: Vec<CurrencyTotal>,
    /// Each client with money outstanding.
    pub clients: Vec<ClientAging>,
}

patch_body! {
    /// `POST /api/v1/invoices`: a draft; `PATCH` a draft with the same fields (all optional there).
    #[derive(PartialEq)]
    pub struct InvoiceDraft {
        /// Required to create; a draft's client can't change.
        pub client_id: Option<String>,
        /// One of the client's projects; `""` unlinks it.
        pub project_id: Option<String>,
        /// ISO 4217 (default EUR).
        pub currency: Option<String>,
        pub issue_date: Option<NaiveDate>,
        pub due_date: Option<NaiveDate>,
        /// Replaces every line, in this order.
        pub lines: Option<Vec<InvoiceLine>>,
        /// `null` removes the discount.
        pub discount: Option<Option<Discount>>,
        pub taxes: Option<Vec<TaxRate>>,
        pub notes: Option<String>,
        /// `null` removes the link.
        pub payment_url: Option<Option<String>>,
    }
}

impl InvoiceDraft {
    /// Only the fields that differ from `before` (the draft as it was loaded), so a `PATCH` of an
    /// editor changes nothing it did not touch.
    pub fn changes_from(self, before: &InvoiceDraft) -> InvoiceDraft {
        fn changed<T: PartialEq>(now: Option<T>, before: &Option<T>) -> Option<T> {
            now.filter(|v| before.as_ref() != Some(v))
        }
        InvoiceDraft {
            client_id: changed(self.client_id, &before.client_id),
            project_id: changed(self.project_id, &before.project_id),
            currency: changed(self.currency, &before.currency),
            issue_date: changed(self.issue_date, &before.issue_date),
            due_date: changed(self.due_date, &before.due_date),
            lines: changed(self.lines, &before.lines),
            discount: changed(self.discount, &before.discount),
            taxes: changed(self.taxes, &before.taxes),
            notes: changed(self.notes, &before.notes),
            payment_url: changed(self.payment_url, &before.payment_url),
        }
    }
}

/// `POST /api/v1/invoices/{id}/payments`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PaymentCreate {
    pub amount: i64,
    pub paid_on: NaiveDate,
    #[serde(default)]
    pub method: String,
    #[serde(default)]
    pub reference: String,
}

/// `POST /api/v1/invoices/{id}/void`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VoidBody {
    pub reason: String,
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_edit_sends_only_what_changed() {
        let before = InvoiceDraft {
            notes: Some("Thanks".into()),
            discount: Some(None),
            payment_url: Some(Some("https://pay.example/1".into())),
            due_date: NaiveDate::from_ymd_opt(2026, 12, 31),
            ..Default::default()
        };
        let mut now = before.clone();
        now.notes = Some("Thank you".into());
        now.payment_url = Some(None);
        let patch = now.changes_from(&before);
        assert_eq!(patch.notes.as_deref(), Some("Thank you"));
        assert_eq!(
            patch.payment_url,
            Some(None),
            "a cleared link is sent as null"
        );
        assert_eq!(patch.discount, None, "an unchanged field is left out");
        assert_eq!(patch.due_date, None);
        let json = serde_json::to_value(&patch).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"notes": "Thank you", "payment_url": null})
        );
        assert_eq!(
            before.clone().changes_from(&before),
            InvoiceDraft::default()
        );
    }

    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn wire_names_are_the_stored_names() {
        fn same<T: serde::Serialize + Copy>(all: &[T], text: fn(T) -> &'static str) {
            for v in all {
                assert_eq!(serde_json::to_value(v).unwrap(), text(*v));
            }
        }
        same(AgingBucket::ALL, AgingBucket::as_str);
        same(InvoiceStatus::ALL, InvoiceStatus::as_str);
        use crate::requests::*;
        same(RequestType::ALL, RequestType::as_str);
        same(RequestCategory::ALL, RequestCategory::as_str);
        same(RequestPriority::ALL, RequestPriority::as_str);
        same(RequestStatus::ALL, RequestStatus::as_str);
    }

    #[test]
    fn aging_counts_days_past_due_while_a_balance_remains() {
        let due = d("2026-03-01");
        let open = InvoiceStatus::Sent;
        assert_eq!(days_overdue(open, 100, due, d("2026-03-01")), 0);
        assert_eq!(days_overdue(open, 100, due, d("2026-03-02")), 1);
        assert_eq!(
            days_overdue(open, 0, due, d("2026-05-02")),
            0,
            "nothing left to pay"
        );
        assert_eq!(
            days_overdue(InvoiceStatus::Void, 100, due, d("2026-05-02")),
            0
        );
        assert_eq!(AgingBucket::of(0), AgingBucket::Current);
        assert_eq!(AgingBucket::of(30), AgingBucket::ThirtyDays);
        assert_eq!(AgingBucket::of(31), AgingBucket::SixtyDays);
        assert_eq!(AgingBucket::of(60), AgingBucket::SixtyDays);
        assert_eq!(AgingBucket::of(90), AgingBucket::NinetyDays);
        assert_eq!(AgingBucket::of(91), AgingBucket::OverNinety);
    }
}
