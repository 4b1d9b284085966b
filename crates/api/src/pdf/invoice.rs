//! The invoice and the statement of account as PDF: the organization's letterhead, the client,
//! the line table (continued across pages with its header repeated), totals, payments, balance,
//! an overdue notice in words when overdue, and the "Pay now" link when there is one.

use super::fonts::Fonts;
use super::{date, Layout, Picture, Rgb, Style, MARGIN, PAGE_WIDTH};
use chrono::NaiveDate;
use shared_types::invoices::{AgingBucket, Invoice, InvoiceStatus, InvoiceSummary};
use shared_types::money::{self, Discount};

const RIGHT: f32 = PAGE_WIDTH - MARGIN;
const BODY: Style = Style::new(9.5);
const SMALL: Style = Style::new(8.5).color(Rgb::MUTED);
const HEAD: Style = Style::new(8.5).bold().color(Rgb::MUTED);
const LINE_GAP: f32 = 13.0;

/// Who the document is from.
pub struct Letterhead {
    pub name: String,
    pub accent: Rgb,
    pub logo: Option<Picture>,
}

/// Everything an invoice PDF shows beyond the invoice itself.
pub struct InvoiceDoc<'a> {
    pub from: &'a Letterhead,
    pub invoice: &'a Invoice,
    pub project_name: Option<&'a str>,
    pub today: NaiveDate,
}

/// Draws the letterhead and a title block; leaves the cursor under them.
fn header(l: &mut Layout<'_>, from: &Letterhead, title: &str, lines: &[(String, String)]) {
    let top = l.y;
    match &from.logo {
        Some(picture) => {
            let (w, h) = (picture.pixels.0 as f32, picture.pixels.1 as f32);
            let scale = (160.0 / w).min(48.0 / h);
            l.image(MARGIN, top, w * scale, h * scale, picture);
            l.text(MARGIN, top + h * scale + 14.0, &from.name, SMALL);
        }
        None => l.text(
            MARGIN,
            top + 18.0,
            &from.name,
            Style::new(16.0).bold().color(from.accent),
        ),
    }
    l.text_right(RIGHT, top + 20.0, title, Style::new(20.0).bold());
    let mut y = top + 40.0;
    for (label, value) in lines {
        let value_style = BODY.bold();
        l.text_right(RIGHT, y, value, value_style);
        let label_right = RIGHT - l.width(value, value_style) - 8.0;
        l.text_right(label_right, y, label, SMALL);
        y += LINE_GAP;
    }
    l.y = y.max(top + 80.0) + 8.0;
}

/// A shaded box holding `lines` in `style`, the full content width.
fn notice(l: &mut Layout<'_>, lines: &[String], style: Style, shade: Rgb) {
    let height = lines.len() as f32 * LINE_GAP + 10.0;
    l.rect(MARGIN, l.y, RIGHT - MARGIN, height, shade);
    let mut y = l.y + 15.0;
    for line in lines {
        l.text(MARGIN + 10.0, y, line, style);
        y += LINE_GAP;
    }
    l.y += height + 12.0;
}

/// Columns: the first is left-aligned text that wraps, the others right-aligned at their edge.
struct Table<'a> {
    headings: &'a [&'a str],
    /// Right edge of each column after the first.
    edges: &'a [f32],
    /// Width the first column wraps in.
    first_width: f32,
    /// Repeated above the header on continuation pages.
    continued: String,
}

impl Table<'_> {
    fn header(&self, l: &mut Layout<'_>) {
        l.rect(MARGIN, l.y, RIGHT - MARGIN, 18.0, Rgb::SHADE);
        let y = l.y + 12.5;
        l.text(MARGIN + 6.0, y, self.headings[0], HEAD);
        for (heading, edge) in self.headings[1..].iter().zip(self.edges) {
            l.text_right(*edge - 6.0, y, heading, HEAD);
        }
        l.y += 24.0;
    }

    /// One row; starts a new page (with the header again) when it does not fit.
    fn row(&self, l: &mut Layout<'_>, first: &str, rest: &[String], style: Style) {
        let lines = l.wrap(first, self.first_width, style);
        let height = lines.len() as f32 * LINE_GAP + 6.0;
        if !l.fits(height) {
            l.new_page();
            l.text(MARGIN, l.y + 10.0, &self.continued, SMALL);
            l.y += 22.0;
            self.header(l);
        }
        let top = l.y + 4.0;
        for (i, line) in lines.iter().enumerate() {
            l.text(MARGIN + 6.0, top + i as f32 * LINE_GAP, line, style);
        }
        for (value, edge) in rest.iter().zip(self.edges) {
            l.text_right(*edge - 6.0, top, value, style);
        }
        l.y += height;
        l.rule(MARGIN, RIGHT, l.y - 4.0, Rgb::RULE);
    }
}

/// Label/amount pairs right-aligned under a table; the bold ones are drawn bold.
fn totals(l: &mut Layout<'_>, rows: &[(String, String, bool)]) {
    if !l.fits(rows.len() as f32 * (LINE_GAP + 3.0) + 8.0) {
        l.new_page();
    }
    l.y += 8.0;
    for (label, amount, strong) in rows {
        let style = if *strong { BODY.bold() } else { BODY };
        l.text_right(RIGHT - 6.0, l.y, amount, style);
        l.text_right(RIGHT - 120.0, l.y, label, style);
        l.y += LINE_GAP + 3.0;
    }
    l.y += 8.0;
}

fn quantity(milli: i64) -> String {
    let text = money::decimal_text(milli, 3);
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn percent(basis_points: i64) -> String {
    quantity(basis_points * 10)
}

/// "12 days overdue (1–30 days overdue)" in words, or `None` when not overdue.
fn overdue_words(days: i64, bucket: AgingBucket) -> Option<String> {
    (days > 0).then(|| {
        let unit = if days == 1 { "day" } else { "days" };
        format!("{days} {unit} past the due date ({})", bucket.label())
    })
}

/// Lays out one invoice; returns the PDF.
pub fn invoice(fonts: &Fonts, doc: &InvoiceDoc<'_>) -> Result<Vec<u8>, String> {
    let inv = doc.invoice;
    let s = &inv.summary;
    let cur = s.currency.as_str();
    let fmt = |amount: i64| money::format(amount, cur);
    let mut l = Layout::new(fonts);
    let title = match s.status {
        InvoiceStatus::Draft => "DRAFT INVOICE",
        _ => "INVOICE",
    };
    header(
        &mut l,
        doc.from,
        title,
        &[
            ("Number".into(), s.number.clone()),
            ("Issued".into(), date(s.issue_date)),
            ("Due".into(), date(s.due_date)),
            ("Status".into(), s.status.label().into()),
        ],
    );
    l.text(MARGIN, l.y, "Bill to", SMALL);
    l.y += LINE_GAP;
    l.text(MARGIN, l.y, &s.client_name, Style::new(11.0).bold());
    l.y += LINE_GAP;
    if let Some(project) = doc.project_name {
        l.text(MARGIN, l.y, &format!("Project: {project}"), BODY);
        l.y += LINE_GAP;
    }
    l.y += 10.0;
    if s.status == InvoiceStatus::Void {
        let reason = inv.void_reason.as_deref().unwrap_or_default();
        let text = format!("This invoice is void. {reason}");
        let lines = l.wrap(text.trim(), RIGHT - MARGIN - 20.0, BODY.bold());
        notice(
            &mut l,
            &lines,
            BODY.bold().color(Rgb::ALERT),
            Rgb::ALERT_SHADE,
        );
    } else if let Some(words) = overdue_words(s.days_overdue, s.bucket) {
        let lines = [
            format!("Overdue: {words}."),
            format!("Balance due: {}", fmt(s.balance)),
        ];
        notice(
            &mut l,
            &lines,
            BODY.bold().color(Rgb::ALERT),
            Rgb::ALERT_SHADE,
        );
    }

    let table = Table {
        headings: &["Description", "Qty", "Unit price", "Amount"],
        edges: &[340.0, 440.0, RIGHT],
        first_width: 240.0,
        continued: format!("{} · {} (continued)", s.number, s.client_name),
    };
    table.header(&mut l);
    if inv.lines.is_empty() {
        l.text(MARGIN + 6.0, l.y + 4.0, "No lines yet.", SMALL);
        l.y += LINE_GAP + 6.0;
    }
    for line in &inv.lines {
        let rest = [
            quantity(line.quantity_milli),
            fmt(line.unit_price),
            fmt(line.amount),
        ];
        table.row(&mut l, &line.description, &rest, BODY);
    }

    let t = &inv.totals;
    let mut rows = vec![("Subtotal".to_owned(), fmt(t.subtotal), false)];
    match inv.discount {
        Some(Discount::Percent { basis_points }) => rows.push((
            format!("Discount ({}%)", percent(basis_points)),
            fmt(-t.discount),
            false,
        )),
        Some(Discount::Fixed { .. }) => rows.push(("Discount".into(), fmt(-t.discount), false)),
        None => {}
    }
    for tax in &inv.taxes {
        rows.push((
            format!("{} ({}%)", tax.name, percent(tax.basis_points)),
            fmt(tax.amount),
            false,
        ));
    }
    rows.push(("Total".into(), fmt(t.total), true));
    if t.paid > 0 {
        rows.push(("Paid".into(), fmt(-t.paid), false));
    }
    rows.push(("Balance due".into(), fmt(t.balance), true));
    totals(&mut l, &rows);

    if !inv.payments.is_empty() {
        if !l.fits(60.0) {
            l.new_page();
        }
        l.text(MARGIN, l.y, "Payments received", BODY.bold());
        l.y += 8.0;
        let payments = Table {
            headings: &["Date", "Method", "Reference", "Amount"],
            edges: &[260.0, 440.0, RIGHT],
            first_width: 120.0,
            continued: format!("{} · payments (continued)", s.number),
        };
        payments.header(&mut l);
        for p in &inv.payments {
            let rest = [p.method.clone(), p.reference.clone(), fmt(p.amount)];
            payments.row(&mut l, &date(p.paid_on), &rest, BODY);
        }
        l.y += 8.0;
    }

    if let (Some(url), true) = (&inv.payment_url, s.status.is_open() && s.balance > 0) {
        if !l.fits(40.0) {
            l.new_page();
        }
        let label = "Pay now:";
        l.text(MARGIN, l.y + 10.0, label, BODY.bold());
        let x = MARGIN + l.width(label, BODY.bold()) + 6.0;
        let link_style = BODY.color(doc.from.accent);
        l.text(x, l.y + 10.0, url, link_style);
        let w = l.width(url, link_style);
        l.link(x, l.y, w, 14.0, url);
        l.y += 28.0;
    }
    if !inv.notes.trim().is_empty() {
        let lines = l.wrap(inv.notes.trim(), RIGHT - MARGIN, BODY);
        if !l.fits(LINE_GAP * 2.0) {
            l.new_page();
        }
        l.text(MARGIN, l.y, "Notes", SMALL);
        l.y += LINE_GAP;
        for line in lines {
            if !l.fits(LINE_GAP) {
                l.new_page();
            }
            l.text(MARGIN, l.y, &line, BODY);
            l.y += LINE_GAP;
        }
    }

    let from = doc.from.name.clone();
    let number = s.number.clone();
    l.finish(&format!("Invoice {number}"), move |page, pages| {
        format!("{from} · Invoice {number} · Page {page} of {pages}")
    })
}

/// The statement of account: every open invoice of one client with its aging, and what is
/// outstanding per currency and bucket.
pub fn statement(
    fonts: &Fonts,
    from: &Letterhead,
    client_name: &str,
    open: &[InvoiceSummary],
    today: NaiveDate,
) -> Result<Vec<u8>, String> {
    let mut l = Layout::new(fonts);
    header(&mut l, from, "STATEMENT", &[("As of".into(), date(today))]);
    l.text(MARGIN, l.y, "Account", SMALL);
    l.y += LINE_GAP;
    l.text(MARGIN, l.y, client_name, Style::new(11.0).bold());
    l.y += LINE_GAP + 10.0;
    if open.is_empty() {
        l.text(MARGIN, l.y, "Nothing is outstanding. Thank you.", BODY);
    }
    let mut currencies: Vec<&str> = open.iter().map(|i| i.currency.as_str()).collect();
    currencies.sort_unstable();
    currencies.dedup();
    for cur in currencies {
        let fmt = |amount: i64| money::format(amount, cur);
        let items: Vec<&InvoiceSummary> = open.iter().filter(|i| i.currency == cur).collect();
        if !l.fits(80.0) {
            l.new_page();
        }
        l.text(MARGIN, l.y, &format!("Open invoices in {cur}"), BODY.bold());
        l.y += 8.0;
        let table = Table {
            headings: &["Invoice", "Issued", "Due", "Total", "Balance", "Overdue"],
            edges: &[220.0, 290.0, 380.0, 465.0, RIGHT],
            first_width: 90.0,
            continued: format!("Statement for {client_name} (continued)"),
        };
        table.header(&mut l);
        for i in &items {
            let overdue = match i.days_overdue {
                0 => "Current".to_owned(),
                1 => "1 day".to_owned(),
                d => format!("{d} days"),
            };
            let rest = [
                date(i.issue_date),
                date(i.due_date),
                fmt(i.total),
                fmt(i.balance),
                overdue,
            ];
            let style = if i.days_overdue > 0 {
                BODY.color(Rgb::ALERT)
            } else {
                BODY
            };
            table.row(&mut l, &i.number, &rest, style);
        }
        let mut rows: Vec<(String, String, bool)> = AgingBucket::ALL
            .iter()
            .map(|b| {
                let sum: i64 = items
                    .iter()
                    .filter(|i| i.bucket == *b)
                    .map(|i| i.balance)
                    .sum();
                (b.label().to_owned(), fmt(sum), false)
            })
            .collect();
        let outstanding: i64 = items.iter().map(|i| i.balance).sum();
        rows.push(("Total outstanding".into(), fmt(outstanding), true));
        totals(&mut l, &rows);
    }
    let name = from.name.clone();
    l.finish(
        &format!("Statement for {client_name}"),
        move |page, pages| format!("{name} · Statement of account · Page {page} of {pages}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_and_rates_print_without_trailing_zeros() {
        assert_eq!(quantity(1500), "1.5");
        assert_eq!(quantity(2000), "2");
        assert_eq!(quantity(125), "0.125");
        assert_eq!(percent(2000), "20");
        assert_eq!(percent(1250), "12.5");
        assert_eq!(overdue_words(0, AgingBucket::Current), None);
        assert_eq!(
            overdue_words(12, AgingBucket::ThirtyDays).unwrap(),
            "12 days past the due date (1–30 days overdue)"
        );
    }
}
