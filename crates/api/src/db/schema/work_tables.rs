//! Tables of the work: pipeline stages, projects and their managers, milestones, tasks, files, and
//! approvals with versions, comments and the audit trail.

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
