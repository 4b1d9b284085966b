//! Small pieces the project and approval pages share: status badges (text first, colour only
//! reinforces), dates, the progress bar and the team list.

use chrono::NaiveDate;
use leptos::prelude::*;
use shared_types::projects::{Progress, TeamMember};

/// An optional date, or "No date" when there is none.
pub fn maybe_date(d: Option<NaiveDate>) -> String {
    d.map(date).unwrap_or_else(|| "No date".to_owned())
}

pub use web_ui::labels::{
    approval_label, date, decision_label, kind_label, ApprovalBadge, WorkBadge,
};

/// A labelled progress bar with its numbers in text beside it.
#[component]
pub fn ProgressBar(progress: Progress, #[prop(into)] label: String) -> impl IntoView {
    let text = if progress.milestones_total > 0 {
        format!(
            "{}% · {} of {} milestones done",
            progress.percent, progress.milestones_done, progress.milestones_total
        )
    } else {
        format!("{}%", progress.percent)
    };
    view! {
        <div class="progress-wrap">
            <progress
                max="100"
                value=progress.percent.to_string()
                aria-label=label
                data-test-id="project-progress"
            >
                {format!("{}%", progress.percent)}
            </progress>
            <span class="progress-text">{text}</span>
        </div>
    }
}

/// People at the agency with e-mail and phone buttons that name who they reach.
#[component]
pub fn TeamList(members: Vec<TeamMember>) -> impl IntoView {
    let rows = members
        .into_iter()
        .map(|m| {
            let mail = format!("mailto:{}", m.email);
            let mail_label = format!("Email {}", m.name);
            let phone = m.phone.clone().filter(|p| !p.trim().is_empty()).map(|p| {
                let tel: String = p
                    .chars()
                    .filter(|c| c.is_ascii_digit() || *c == '+')
                    .collect();
                let label = format!("Call {} on {p}", m.name);
                view! {
                    <a class="btn btn-secondary btn-small" href=format!("tel:{tel}") aria-label=label>
                        "Call"
                    </a>
                }
            });
            view! {
                <li class="team-member" data-test-id="team-member">
                    <div>
                        <span class="team-name">{m.name.clone()}</span>
                        <span class="muted team-role">{m.role_label.clone()}</span>
                    </div>
                    <div class="actions">
                        <a class="btn btn-secondary btn-small" href=mail aria-label=mail_label>
                            "Email"
                        </a>
                        {phone}
                    </div>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="team-list">{rows}</ul> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(
            date(NaiveDate::from_ymd_opt(2026, 3, 4).unwrap()),
            "4 Mar 2026"
        );
        assert_eq!(maybe_date(None), "No date");
    }
}
