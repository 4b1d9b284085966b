//! What can happen in an organization, as recorded in its event stream. Each kind names its
//! subject and decides, here and nowhere else, whether the client may see it.

use crate::enums::UnknownVariant;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

text_enum! {
    /// One kind of domain event: `{subject}_{what happened}`.
    EventKind {
        ClientCreated => "client_created",
        ClientUpdated => "client_updated",
        ClientArchived => "client_archived",
        ClientAccessRevoked => "client_access_revoked",
        ClientManagersChanged => "client_managers_changed",
        ContactCreated => "contact_created",
        ContactUpdated => "contact_updated",
        ContactInvited => "contact_invited",
        ContactRevoked => "contact_revoked",
        ContactSignedIn => "contact_signed_in",
        ContactJoined => "contact_joined",
        StageCreated => "stage_created",
        StageUpdated => "stage_updated",
        StageDeleted => "stage_deleted",
        ProjectCreated => "project_created",
        ProjectUpdated => "project_updated",
        ProjectArchived => "project_archived",
        ProjectStatusChanged => "project_status_changed",
        MilestoneCreated => "milestone_created",
        MilestoneUpdated => "milestone_updated",
        MilestoneDeleted => "milestone_deleted",
        MilestoneStatusChanged => "milestone_status_changed",
        TaskCreated => "task_created",
        TaskUpdated => "task_updated",
        TaskDeleted => "task_deleted",
        ApprovalSubmitted => "approval_submitted",
        ApprovalResubmitted => "approval_resubmitted",
        ApprovalUpdated => "approval_updated",
        ApprovalArchived => "approval_archived",
        ApprovalApproved => "approval_approved",
        ApprovalChangesRequested => "approval_changes_requested",
        ApprovalCommented => "approval_commented",
        ApprovalNotedInternally => "approval_noted_internally",
        ApprovalDueSoon => "approval_due_soon",
        ApprovalOverdue => "approval_overdue",
        RequestOpened => "request_opened",
        RequestMessagePosted => "request_message_posted",
        RequestStatusChanged => "request_status_changed",
        RequestUpdated => "request_updated",
        RequestNotedInternally => "request_noted_internally",
        InvoiceCreated => "invoice_created",
        InvoiceUpdated => "invoice_updated",
        InvoiceSent => "invoice_sent",
        InvoicePaymentRecorded => "invoice_payment_recorded",
        InvoiceVoided => "invoice_voided",
        InvoiceOverdue => "invoice_overdue",
        StaffInvited => "staff_invited",
        StaffJoined => "staff_joined",
        StaffRoleChanged => "staff_role_changed",
        StaffDeactivated => "staff_deactivated",
        StaffReactivated => "staff_reactivated",
        OrganizationUpdated => "organization_updated",
        OrganizationDomainVerified => "organization_domain_verified",
        ContactPreviewed => "contact_previewed",
    }
}

impl EventKind {
    /// The kind of thing the event is about (`approval`, `project`…); its id is the event's
    /// `subject_id`.
    pub fn subject_kind(self) -> &'static str {
        let text = self.as_str();
        text.split_once('_').map_or(text, |(subject, _)| subject)
    }

    /// Whether the client's contacts may see this event (in their feed, notifications and emails).
    /// Only what the client takes part in is visible: a colleague joining the portal, a project
    /// starting, client statuses (never stage names; the summary is written from the client
    /// status), work sent for review and decided, comments that are not internal, and requests
    /// with their public messages and status. Everything
    /// about the agency's own set-up, and sign-ins, stay with staff.
    pub fn client_visible(self) -> bool {
        use EventKind::*;
        matches!(
            self,
            ContactJoined
                | ProjectCreated
                | ProjectStatusChanged
                | MilestoneStatusChanged
                | ApprovalSubmitted
                | ApprovalResubmitted
                | ApprovalApproved
                | ApprovalChangesRequested
                | ApprovalCommented
                | ApprovalDueSoon
                | ApprovalOverdue
                | RequestOpened
                | RequestMessagePosted
                | RequestStatusChanged
                | InvoiceSent
                | InvoicePaymentRecorded
                | InvoiceVoided
                | InvoiceOverdue
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_names_its_subject_and_internal_notes_are_never_visible() {
        for kind in EventKind::ALL {
            assert!(
                [
                    "client",
                    "contact",
                    "stage",
                    "project",
                    "milestone",
                    "task",
                    "approval",
                    "request",
                    "invoice",
                    "staff",
                    "organization"
                ]
                .contains(&kind.subject_kind()),
                "{kind}"
            );
            assert_eq!(kind.as_str().parse::<EventKind>(), Ok(*kind));
        }
        assert!(!EventKind::ApprovalNotedInternally.client_visible());
        assert!(!EventKind::RequestNotedInternally.client_visible());
        assert!(!EventKind::RequestUpdated.client_visible());
        assert!(
            !EventKind::InvoiceCreated.client_visible(),
            "drafts stay with staff"
        );
        assert!(EventKind::ApprovalCommented.client_visible());
        assert!(!EventKind::StageUpdated.client_visible());
        assert!(!EventKind::ContactSignedIn.client_visible());
    }
}
