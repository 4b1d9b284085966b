//! Tables of the organization, its staff and API keys, clients and their contacts, and signing in
//! (sessions, magic links, invitations, previews, attempts); the email outbox.

diesel::table! {
    organizations (id) {
        id -> Text,
        name -> Text,
        slug -> Text,
        display_name -> Text,
        logo_url -> Nullable<Text>,
        accent_color -> Text,
        portal_domain -> Nullable<Text>,
        created_at -> Timestamp,
        storage_quota_bytes -> Nullable<BigInt>,
        logo_key -> Nullable<Text>,
        favicon_key -> Nullable<Text>,
        portal_title -> Text,
        email_from_name -> Text,
        email_reply_to -> Nullable<Text>,
        portal_domain_verified_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    staff_users (id) {
        id -> Text,
        org_id -> Text,
        email -> Text,
        name -> Text,
        role -> Text,
        password_hash -> Text,
        active -> Bool,
        created_at -> Timestamp,
        last_login_at -> Nullable<Timestamp>,
        phone -> Nullable<Text>,
        title -> Text,
    }
}

diesel::table! {
    staff_tokens (id) {
        id -> Text,
        staff_user_id -> Text,
        purpose -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    staff_refresh_tokens (id) {
        id -> Text,
        staff_user_id -> Text,
        family_id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    api_keys (id) {
        id -> Text,
        org_id -> Text,
        name -> Text,
        role -> Text,
        prefix -> Text,
        secret_hash -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    clients (id) {
        id -> Text,
        org_id -> Text,
        name -> Text,
        status -> Text,
        portal_enabled -> Bool,
        can_view_invoices -> Bool,
        can_approve_work -> Bool,
        can_add_comments -> Bool,
        can_submit_requests -> Bool,
        show_team_members -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    client_users (id) {
        id -> Text,
        org_id -> Text,
        client_id -> Text,
        email -> Text,
        name -> Text,
        phone -> Nullable<Text>,
        status -> Text,
        password_hash -> Nullable<Text>,
        can_view_invoices -> Nullable<Bool>,
        can_approve_work -> Nullable<Bool>,
        can_add_comments -> Nullable<Bool>,
        can_submit_requests -> Nullable<Bool>,
        invited_at -> Nullable<Timestamp>,
        last_sign_in_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    portal_sessions (id) {
        id -> Text,
        key_hash -> Text,
        client_user_id -> Text,
        state -> Text,
        user_agent -> Nullable<Text>,
        ip -> Nullable<Text>,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
        preview_id -> Nullable<Text>,
    }
}

diesel::table! {
    magic_links (id) {
        id -> Text,
        client_user_id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    invitations (id) {
        id -> Text,
        client_user_id -> Text,
        token_hash -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        accepted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    login_attempts (id) {
        id -> Text,
        scope -> Text,
        subject -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    email_outbox (id) {
        id -> Text,
        org_id -> Nullable<Text>,
        to_addr -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        from_name -> Nullable<Text>,
        reply_to -> Nullable<Text>,
    }
}

diesel::table! {
    portal_previews (id) {
        id -> Text,
        org_id -> Text,
        staff_user_id -> Text,
        client_user_id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}
