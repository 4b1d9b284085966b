//! The one diesel schema, in types both backends share (ids and enums as text, naive UTC timestamps).
//! Kept by hand in step with `migrations/{sqlite,postgres}`; `tests/schema.rs` checks all three agree.

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

diesel::table! {
    pipeline_stages (id) {
        id -> Text,
        org_id -> Text,
        name -> Text,
        client_status -> Text,
        position -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    projects (id) {
        id -> Text,
        org_id -> Text,
        client_id -> Text,
        name -> Text,
        description -> Text,
        stage_id -> Nullable<Text>,
        client_status -> Text,
        start_date -> Nullable<Date>,
        due_date -> Nullable<Date>,
        archived_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    project_managers (project_id, staff_user_id) {
        project_id -> Text,
        staff_user_id -> Text,
    }
}

diesel::table! {
    client_managers (client_id, staff_user_id) {
        client_id -> Text,
        staff_user_id -> Text,
    }
}

diesel::table! {
    milestones (id) {
        id -> Text,
        org_id -> Text,
        client_id -> Text,
        project_id -> Text,
        title -> Text,
        description -> Text,
        stage_id -> Nullable<Text>,
        client_status -> Text,
        deadline -> Nullable<Date>,
        position -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    tasks (id) {
        id -> Text,
        org_id -> Text,
        client_id -> Text,
        project_id -> Text,
        milestone_id -> Nullable<Text>,
        title -> Text,
        assignee_id -> Nullable<Text>,
        status -> Text,
        due_date -> Nullable<Date>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    files (id) {
        id -> Text,
        org_id -> Text,
        client_id -> Text,
        storage_key -> Text,
        filename -> Text,
        content_type -> Text,
        size_bytes -> BigInt,
        sha256 -> Text,
        kind -> Text,
        width -> Nullable<Integer>,
        height -> Nullable<Integer>,
        duration_ms -> Nullable<BigInt>,
        waveform -> Nullable<Text>,
        thumbnail_key -> Nullable<Text>,
        uploaded_by_kind -> Text,
        uploaded_by_id -> Text,
        created_at -> Timestamp,
        media_state -> Text,
        media_error -> Nullable<Text>,
    }
}

diesel::table! {
    approvals (id) {
        id -> Text,
        org_id -> Text,
        client_id -> Text,
        project_id -> Text,
        milestone_id -> Nullable<Text>,
        title -> Text,
        description -> Text,
        kind -> Text,
        status -> Text,
        due_date -> Nullable<Date>,
        current_version -> Integer,
        archived_at -> Nullable<Timestamp>,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        decided_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    approval_versions (id) {
        id -> Text,
        approval_id -> Text,
        client_id -> Text,
        number -> Integer,
        notes -> Text,
        submitted_by -> Text,
        created_at -> Timestamp,
        decision -> Nullable<Text>,
        decided_by_contact -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        decision_note -> Nullable<Text>,
    }
}

diesel::table! {
    approval_version_files (version_id, file_id) {
        version_id -> Text,
        file_id -> Text,
        position -> Integer,
    }
}

diesel::table! {
    approval_comments (id) {
        id -> Text,
        approval_id -> Text,
        client_id -> Text,
        version_number -> Integer,
        author_kind -> Text,
        author_id -> Text,
        author_name -> Text,
        body -> Text,
        timecode_ms -> Nullable<BigInt>,
        region -> Nullable<Text>,
        parent_id -> Nullable<Text>,
        internal -> Bool,
        edited_at -> Nullable<Timestamp>,
        deleted_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    approval_audit (id) {
        id -> Text,
        approval_id -> Text,
        client_id -> Text,
        seq -> Integer,
        action -> Text,
        actor_kind -> Text,
        actor_id -> Text,
        actor_name -> Text,
        version_number -> Integer,
        file_hashes -> Text,
        session_id -> Nullable<Text>,
        ip -> Nullable<Text>,
        detail -> Text,
        created_at -> Timestamp,
        prev_hash -> Text,
        hash -> Text,
    }
}

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
