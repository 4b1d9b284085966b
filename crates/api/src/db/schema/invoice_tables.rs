//! Tables of invoices: the per-organization number counter, invoices, their lines, taxes and
//! payments.

diesel::table! {
    invoice_counters (org_id) {
        org_id -> Text,
        last_number -> BigInt,
    }
}

diesel::table! {
    invoices (id) {
        id -> Text,
        org_id -> Text,
        number -> BigInt,
        client_id -> Text,
        project_id -> Nullable<Text>,
        currency -> Text,
        status -> Text,
        issue_date -> Date,
        due_date -> Date,
        discount_kind -> Nullable<Text>,
        discount_value -> Nullable<BigInt>,
        notes -> Text,
        payment_url -> Nullable<Text>,
        subtotal -> BigInt,
        discount_amount -> BigInt,
        tax_amount -> BigInt,
        total -> BigInt,
        paid -> BigInt,
        balance -> BigInt,
        void_reason -> Nullable<Text>,
        sent_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    invoice_lines (id) {
        id -> Text,
        invoice_id -> Text,
        position -> Integer,
        description -> Text,
        quantity_milli -> BigInt,
        unit_price -> BigInt,
        amount -> BigInt,
    }
}

diesel::table! {
    invoice_taxes (id) {
        id -> Text,
        invoice_id -> Text,
        position -> Integer,
        name -> Text,
        basis_points -> BigInt,
        amount -> BigInt,
    }
}

diesel::table! {
    invoice_payments (id) {
        id -> Text,
        invoice_id -> Text,
        amount -> BigInt,
        paid_on -> Date,
        method -> Text,
        reference -> Text,
        recorded_by -> Text,
        recorded_at -> Timestamp,
    }
}
