//! Tables of job requests and support tickets: requests, their public messages, internal notes,
//! files, and the organization's response targets and routes.

diesel::table! {
    requests (id) {
        id -> Text,
        org_id -> Text,
        client_id -> Text,
        request_type -> Text,
        category -> Text,
        title -> Text,
        description -> Text,
        priority -> Text,
        priority_rank -> Integer,
        status -> Text,
        contact_id -> Nullable<Text>,
        created_by_kind -> Text,
        created_by_id -> Text,
        assignee_id -> Nullable<Text>,
        project_id -> Nullable<Text>,
        message_count -> Integer,
        last_activity_at -> Timestamp,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        first_response_at -> Nullable<Timestamp>,
        first_response_paused_secs -> Nullable<BigInt>,
        resolved_at -> Nullable<Timestamp>,
        closed_at -> Nullable<Timestamp>,
        waiting_since -> Nullable<Timestamp>,
        paused_secs -> BigInt,
        idempotency_key -> Nullable<Text>,
        idempotency_hash -> Nullable<Text>,
    }
}

diesel::table! {
    request_messages (id) {
        id -> Text,
        request_id -> Text,
        client_id -> Text,
        author_kind -> Text,
        author_id -> Text,
        author_name -> Text,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    request_notes (id) {
        id -> Text,
        request_id -> Text,
        org_id -> Text,
        author_id -> Text,
        author_name -> Text,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    request_files (id) {
        id -> Text,
        request_id -> Text,
        message_id -> Nullable<Text>,
        client_id -> Text,
        file_id -> Text,
        position -> Integer,
    }
}

diesel::table! {
    request_targets (org_id, priority) {
        org_id -> Text,
        priority -> Text,
        first_response_minutes -> Integer,
        resolution_minutes -> Integer,
    }
}

diesel::table! {
    request_routes (org_id, request_type, category) {
        org_id -> Text,
        request_type -> Text,
        category -> Text,
        assignee_id -> Text,
    }
}
