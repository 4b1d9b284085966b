//! One project: its details and stage, milestones, tasks, the team (managers and task
//! assignees), and its approvals with "New approval".

use crate::api::{self, ApprovalFilter};
use crate::components::lookups::Lookups;
use crate::components::milestones::MilestonesSection;
use crate::components::project_settings::ProjectSettings;
use crate::components::status::{maybe_date, ApprovalBadge, WorkBadge};
use crate::components::tasks::TasksSection;
use crate::links;
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared_types::approvals::ApprovalSummary;
use shared_types::projects::{Milestone, Project, Task};
use web_ui::components::ErrorBanner;
use web_ui::load::Loaded;
use web_ui::title::PageTitle;
use web_ui::ApiError;

#[component]
pub fn ProjectDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let lookups = Lookups::load();
    let project = RwSignal::new(None::<Project>);
    let milestones = RwSignal::new(Vec::<Milestone>::new());
    let tasks = RwSignal::new(Vec::<Task>::new());
    let approvals = RwSignal::new(None::<Vec<ApprovalSummary>>);
    let error = RwSignal::new(None::<ApiError>);
    let resource = LocalResource::new(move || {
        let id = id.get();
        async move {
            let p = api::get_project(id.clone()).await?;
            let m = api::list_milestones(id.clone()).await?;
            let t = api::list_tasks(id.clone()).await?;
            Ok::<_, ApiError>((p, m, t))
        }
    });
    Effect::new(move |_| {
        let id = id.get();
        leptos::task::spawn_local(async move {
            let filter = ApprovalFilter {
                project_id: id,
                ..Default::default()
            };
            match api::list_approvals(filter, None).await {
                Ok(page) => approvals.set(Some(page.items)),
                Err(e) => error.set(Some(e)),
            }
        });
    });

    let body = move |(p, m, t): (Project, Vec<Milestone>, Vec<Task>)| {
        let pid = p.id.clone();
        let client_href = links::client(&p.client_id);
        let client_name = p.client_name.clone();
        project.set(Some(p));
        milestones.set(m);
        tasks.set(t);
        view! {
            <p class="breadcrumb"><a href=links::PROJECTS>"Projects"</a></p>
            <div class="page-head">
                <PageTitle text=Signal::derive(move || project.with(|p| p.as_ref().map(|p| p.name.clone()).unwrap_or_default()))/>
                <A href=links::new_approval(&pid) attr:class="btn btn-primary" attr:data-test-id="new-approval-link">"New approval"</A>
            </div>
            <p class="actions">
                <span>"Client: " <a href=client_href>{client_name}</a></span>
                {move || project.get().map(|p| view! {
                    <span>{format!("Stage: {}", p.stage_name.unwrap_or_else(|| "none".to_owned()))}</span>
                    <WorkBadge status=p.client_status test_id="project-status"/>
                    <span class="muted">{format!("Due {}", maybe_date(p.due_date))}</span>
                })}
            </p>
            <ErrorBanner error=lookups.error/>
            <div class="details-grid">
                <ProjectSettings project=project lookups=lookups/>
                <div>
                    <TeamPanel project=project tasks=tasks lookups=lookups/>
                    <ApprovalsPanel approvals=approvals error=error/>
                </div>
            </div>
            <MilestonesSection project_id=pid.clone() milestones=milestones lookups=lookups/>
            <TasksSection project_id=pid milestones=milestones tasks=tasks lookups=lookups/>
        }
    };
    view! {
        <Loaded
            resource=resource
            loading="Loading project…"
            redirect=use_auth_redirect()
            subject="Project"
            back=(links::PROJECTS, "Back to projects")
            children=body
        />
    }
}

/// Project managers, then everyone assigned a task.
#[component]
fn TeamPanel(
    project: RwSignal<Option<Project>>,
    tasks: RwSignal<Vec<Task>>,
    lookups: Lookups,
) -> impl IntoView {
    let members = move || {
        let managers = project.with(|p| {
            p.as_ref()
                .map(|p| p.manager_ids.clone())
                .unwrap_or_default()
        });
        let mut rows: Vec<(String, &'static str)> = managers
            .iter()
            .map(|id| (id.clone(), "Project manager"))
            .collect();
        tasks.with(|l| {
            for t in l {
                if let Some(a) = &t.assignee_id {
                    if !rows.iter().any(|(id, _)| id == a) {
                        rows.push((a.clone(), "Team"));
                    }
                }
            }
        });
        rows
    };
    let list = move || {
        let rows = members();
        if rows.is_empty() {
            return view! { <p class="muted" data-test-id="team-empty">"No one yet. Choose project managers or assign tasks to build the team."</p> }.into_any();
        }
        let items = rows
            .into_iter()
            .map(|(id, role)| {
                let open = tasks.with(|l| {
                    l.iter()
                        .filter(|t| {
                            t.assignee_id.as_deref() == Some(id.as_str())
                                && t.status != shared_types::TaskStatus::Done
                        })
                        .count()
                });
                view! {
                    <li data-test-id="team-member">
                        <strong>{lookups.staff_name(&id)}</strong>
                        " " <span class="muted">{role}</span>
                        " " <span class="muted">{format!("· {open} open task(s)")}</span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="plain-list">{items}</ul> }.into_any()
    };
    view! {
        <section class="panel" aria-labelledby="team-heading" data-test-id="project-team">
            <h2 id="team-heading">"Team"</h2>
            {list}
        </section>
    }
}

#[component]
fn ApprovalsPanel(
    approvals: RwSignal<Option<Vec<ApprovalSummary>>>,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let list = move || {
        approvals.get().map(|items| {
            if items.is_empty() {
                return view! { <p class="muted" data-test-id="project-approvals-empty">"No approvals yet. Use “New approval” to send work to the client for review."</p> }.into_any();
            }
            let rows = items
                .into_iter()
                .map(|a| view! {
                    <li data-test-id="project-approval">
                        <A href=links::approval(&a.id)>{a.title.clone()}</A>
                        " " <ApprovalBadge status=a.status/>
                        " " <span class="muted">{format!("v{} · due {}", a.current_version, maybe_date(a.due_date))}</span>
                    </li>
                })
                .collect_view();
            view! { <ul class="plain-list">{rows}</ul> }.into_any()
        })
    };
    view! {
        <section class="panel" aria-labelledby="project-approvals-heading" data-test-id="project-approvals">
            <h2 id="project-approvals-heading">"Approvals"</h2>
            <ErrorBanner error=error/>
            {list}
        </section>
    }
}
