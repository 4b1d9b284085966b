//! The invoice and statement PDFs, for both APIs: what goes on them is read in the handler's one
//! trip to the pool ([`invoice_source`], [`statement_source`]); drawing happens after, off the
//! async workers ([`render`]).

use crate::db::invoices::{InvoiceRow, ListQuery};
use crate::db::orgs::Org;
use crate::db::{projects, DbConn};
use crate::domain::invoices as workflow;
use crate::error::{ApiError, ApiResult};
use crate::pdf::fonts::Fonts;
use crate::pdf::invoice::{self as document, InvoiceDoc, Letterhead};
use crate::pdf::{Picture, Rgb};
use crate::state::AppState;
use crate::storage::Storage;
use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::HttpResponse;
use chrono::NaiveDate;
use object_store::ObjectStoreExt;
use shared_types::invoices::{Invoice, InvoiceSummary};

/// The organization as a document's sender. Its logo joins in `render` when it is kept in
/// Atrium's own storage; a logo that is only a URL is never fetched for a PDF.
pub fn letterhead(org: &Org) -> Letterhead {
    Letterhead {
        name: org.display_name.clone(),
        accent: Rgb::parse_hex(&org.accent_color).unwrap_or(Rgb(0x1d, 0x4e, 0xd8)),
        logo: None,
    }
}

/// What an invoice PDF is drawn from.
pub struct InvoiceSource {
    from: Letterhead,
    logo_key: Option<String>,
    invoice: Invoice,
    project_name: Option<String>,
    today: NaiveDate,
}

impl InvoiceSource {
    /// `invoice-INV-0042.pdf`.
    pub fn filename(&self) -> String {
        format!("invoice-{}.pdf", ascii_slug(&self.invoice.summary.number))
    }
}

/// Reads everything on `row`'s PDF (the caller found `row` in its own scope).
pub fn invoice_source(
    conn: &mut DbConn,
    org: &Org,
    row: &InvoiceRow,
    client_name: &str,
    today: NaiveDate,
) -> ApiResult<InvoiceSource> {
    let invoice = workflow::view(conn, row, client_name, today)?;
    let project_name = match &row.project_id {
        Some(id) => Some(projects::get(conn, &row.org_id, id)?.name),
        None => None,
    };
    Ok(InvoiceSource {
        from: letterhead(org),
        logo_key: org.logo_key.clone(),
        invoice,
        project_name,
        today,
    })
}

/// What a statement of account is drawn from: one client's open invoices.
pub struct StatementSource {
    from: Letterhead,
    logo_key: Option<String>,
    client_name: String,
    open: Vec<InvoiceSummary>,
    today: NaiveDate,
}

impl StatementSource {
    /// `statement-2026-12-05.pdf`.
    pub fn filename(&self) -> String {
        format!("statement-{}.pdf", self.today)
    }
}

pub fn statement_source(
    conn: &mut DbConn,
    org: &Org,
    client_id: &str,
    client_name: &str,
    today: NaiveDate,
) -> ApiResult<StatementSource> {
    let query = ListQuery {
        org_id: &org.id,
        client_id: Some(client_id),
        include_drafts: false,
        status: None,
        issued_from: None,
        issued_to: None,
    };
    let mut open: Vec<InvoiceSummary> = workflow::listed(conn, query, today)?
        .into_iter()
        .filter(|i| i.status.is_open() && i.balance > 0)
        .collect();
    open.sort_by(|a, b| (a.due_date, &a.number).cmp(&(b.due_date, &b.number)));
    Ok(StatementSource {
        from: letterhead(org),
        logo_key: org.logo_key.clone(),
        client_name: client_name.to_owned(),
        open,
        today,
    })
}

/// The two documents, drawn.
pub enum Source {
    Invoice(InvoiceSource),
    Statement(StatementSource),
}

impl Source {
    fn draw(&self, fonts: &Fonts) -> Result<Vec<u8>, String> {
        match self {
            Source::Invoice(s) => document::invoice(
                fonts,
                &InvoiceDoc {
                    from: &s.from,
                    invoice: &s.invoice,
                    project_name: s.project_name.as_deref(),
                    today: s.today,
                },
            ),
            Source::Statement(s) => {
                document::statement(fonts, &s.from, &s.client_name, &s.open, s.today)
            }
        }
    }

    fn filename(&self) -> String {
        match self {
            Source::Invoice(s) => s.filename(),
            Source::Statement(s) => s.filename(),
        }
    }

    fn parts(&mut self) -> (&mut Letterhead, Option<&str>) {
        match self {
            Source::Invoice(s) => (&mut s.from, s.logo_key.as_deref()),
            Source::Statement(s) => (&mut s.from, s.logo_key.as_deref()),
        }
    }
}

/// The organization's stored logo (a PNG Atrium drew), decoded for a PDF; `None` (and a log line)
/// when it can't be read, so a document never fails for want of its logo.
pub async fn load_logo(state: &AppState, key: Option<&str>) -> Option<Picture> {
    let key = key?;
    let path = Storage::path(key).ok()?;
    let bytes = match state.storage.store().get(&path).await {
        Ok(result) => result.bytes().await.ok()?,
        Err(e) => {
            tracing::warn!(error = %e, key, "the logo for a PDF could not be read");
            return None;
        }
    };
    let decoded = actix_web::web::block(move || {
        image::load_from_memory_with_format(&bytes, image::ImageFormat::Png).map(|i| i.to_rgba8())
    })
    .await
    .ok()?;
    match decoded {
        Ok(rgba) => Some(Picture {
            pixels: rgba.dimensions(),
            rgba: std::sync::Arc::new(rgba.into_raw()),
        }),
        Err(e) => {
            tracing::warn!(error = %e, key, "the logo for a PDF is not a PNG");
            None
        }
    }
}

/// Draws `source` on a blocking thread and answers with the PDF as a download.
pub async fn render(state: &AppState, mut source: Source) -> ApiResult<HttpResponse> {
    let (from, logo_key) = source.parts();
    let logo_key = logo_key.map(str::to_owned);
    from.logo = load_logo(state, logo_key.as_deref()).await;
    let fonts = state.fonts.clone();
    let (bytes, filename) = actix_web::web::block(move || {
        let fonts = fonts.get().map_err(|e| {
            tracing::error!(error = %e, "PDF fonts are missing");
            ApiError::Unavailable("PDFs can't be made right now.".into())
        })?;
        let bytes = source
            .draw(&fonts)
            .map_err(|e| ApiError::Internal(anyhow::anyhow!("drawing a PDF: {e}")))?;
        Ok::<_, ApiError>((bytes, source.filename()))
    })
    .await
    .map_err(|e| ApiError::Internal(anyhow::anyhow!("PDF worker: {e}")))??;
    Ok(attachment(bytes, filename))
}

/// `200 application/pdf` as an attachment called `filename` (ASCII).
pub fn attachment(bytes: Vec<u8>, filename: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(filename)],
        })
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(bytes)
}

/// Only `[A-Za-z0-9-]`, for a file name whatever the text holds.
fn ascii_slug(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}
