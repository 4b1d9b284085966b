//! Tables of the event stream: events, their counter, subscriber cursors, notifications and
//! notification preferences.

diesel::table! {
    events (seq) {
        seq -> BigInt,
        org_id -> Text,
        client_id -> Nullable<Text>,
        actor_kind -> Text,
        actor_id -> Nullable<Text>,
        kind -> Text,
        subject_id -> Text,
        summary -> Text,
        client_visible -> Bool,
        created_at -> Timestamp,
        detail -> Nullable<Text>,
    }
}

diesel::table! {
    notifications (id) {
        id -> Text,
        org_id -> Text,
        recipient_kind -> Text,
        recipient_id -> Text,
        client_id -> Nullable<Text>,
        event_seq -> BigInt,
        category -> Text,
        title -> Text,
        body -> Text,
        link -> Text,
        read_at -> Nullable<Timestamp>,
        email_state -> Text,
        email_due_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    notification_prefs (recipient_id, category) {
        recipient_id -> Text,
        category -> Text,
        email -> Text,
    }
}

diesel::table! {
    event_counter (id) {
        id -> Integer,
        last_seq -> BigInt,
    }
}

diesel::table! {
    event_cursors (subscriber) {
        subscriber -> Text,
        last_seq -> BigInt,
    }
}
