//! The client's projects: the list (status, dates, progress) and one project with its
//! milestones and, when the agency shows it, its team.

use crate::components::status::{maybe_date, ProgressBar, TeamList, WorkBadge};
use crate::state::use_auth_redirect;
use crate::{api, links};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared_types::projects::{PortalMilestone, PortalProject, PortalProjectSummary};
use shared_types::Page;
use web_ui::components::EmptyState;
use web_ui::load::Loaded;
use web_ui::title::PageTitle;

/// One project as a list item: name (link), status, dates and progress.
#[component]
fn ProjectRow(project: PortalProjectSummary) -> impl IntoView {
    let label = format!("{} progress", project.name);
    view! {
        <li class="row-card" data-test-id="project-row">
            <div class="row-head">
                <a class="row-title" href=links::project(&project.id)>{project.name.clone()}</a>
                <WorkBadge status=project.status/>
            </div>
            <p class="muted row-meta">
                {format!(
                    "Start: {} · Due: {}",
                    maybe_date(project.start_date),
                    maybe_date(project.due_date),
                )}
            </p>
            <ProgressBar progress=project.progress label=label/>
        </li>
    }
}

fn project_list(page: Page<PortalProjectSummary>) -> AnyView {
    if page.items.is_empty() {
        return view! {
            <EmptyState
                title="No projects yet"
                body="No projects yet — when your agency shares a project, it appears here."
            />
        }
        .into_any();
    }
    let rows = page
        .items
        .into_iter()
        .map(|p| view! { <ProjectRow project=p/> })
        .collect_view();
    view! { <ul class="row-list" data-test-id="project-list">{rows}</ul> }.into_any()
}

#[component]
pub fn ProjectsPage() -> impl IntoView {
    let projects = LocalResource::new(api::projects);
    view! {
        <PageTitle text="Projects"/>
        <Loaded
            resource=projects
            loading="Loading your projects…"
            redirect=use_auth_redirect()
            children=project_list
        />
    }
}

fn milestone_row(m: PortalMilestone) -> impl IntoView {
    let description = (!m.description.trim().is_empty())
        .then(|| view! { <p class="muted">{m.description.clone()}</p> });
    view! {
        <li class="row-card" data-test-id="milestone-row">
            <div class="row-head">
                <h3 class="row-title">{m.title.clone()}</h3>
                <WorkBadge status=m.status test_id="milestone-status"/>
            </div>
            <p class="muted row-meta">{format!("Deadline: {}", maybe_date(m.deadline))}</p>
            {description}
        </li>
    }
}

fn project_view(p: PortalProject) -> impl IntoView {
    let label = format!("{} progress", p.name);
    let description = (!p.description.trim().is_empty())
        .then(|| view! { <p class="project-description">{p.description.clone()}</p> });
    let milestones = if p.milestones.is_empty() {
        view! { <p class="muted">"No milestones yet — your agency will add them as the work is planned."</p> }
            .into_any()
    } else {
        let rows = p.milestones.into_iter().map(milestone_row).collect_view();
        view! { <ol class="row-list" data-test-id="milestone-list">{rows}</ol> }.into_any()
    };
    let team = p.team.filter(|t| !t.is_empty()).map(|t| {
        view! {
            <section class="panel" aria-labelledby="team-heading" data-test-id="project-team">
                <h2 id="team-heading">"Team"</h2>
                <TeamList members=t/>
            </section>
        }
    });
    view! {
        <PageTitle text=p.name.clone()/>
        <section class="panel" aria-labelledby="overview-heading">
            <h2 id="overview-heading">"Overview"</h2>
            <p>
                <WorkBadge status=p.status test_id="project-status"/>
            </p>
            <dl class="details">
                <dt>"Start date"</dt>
                <dd data-test-id="project-start">{maybe_date(p.start_date)}</dd>
                <dt>"Due date"</dt>
                <dd data-test-id="project-due">{maybe_date(p.due_date)}</dd>
            </dl>
            <ProgressBar progress=p.progress label=label/>
            {description}
        </section>
        <section class="panel" aria-labelledby="milestones-heading">
            <h2 id="milestones-heading">"Milestones"</h2>
            {milestones}
        </section>
        {team}
    }
}

#[component]
pub fn ProjectDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let project = LocalResource::new(move || api::project(id.get()));
    view! {
        <p class="breadcrumb">
            <a href=links::PROJECTS>"All projects"</a>
        </p>
        <Loaded
            resource=project
            loading="Loading the project…"
            redirect=use_auth_redirect()
            subject="Project"
            children=project_view
        />
    }
}
