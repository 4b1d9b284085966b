//! A project's tasks: add (title, milestone, assignee, due date), then change assignee and
//! status in place, tick "Done", or delete. Assignees make up the project's team.

use crate::api;
use crate::components::lookups::Lookups;
use crate::components::status::{maybe_date, parse_date, task_label};
use crate::state::use_auth_redirect;
use leptos::prelude::*;
use shared_types::projects::{Milestone, Task, TaskCreate, TaskUpdate};
use shared_types::{validate, TaskStatus};
use web_ui::action::action;
use web_ui::components::{ErrorBanner, Field, SelectField};
use web_ui::table::DataTable;
use web_ui::ApiError;

fn staff_options(lookups: Lookups) -> Vec<(String, String)> {
    std::iter::once((String::new(), "Unassigned".to_owned()))
        .chain(lookups.staff.get().into_iter().map(|s| (s.id, s.name)))
        .collect()
}

fn milestone_options(milestones: &[Milestone]) -> Vec<(String, String)> {
    std::iter::once((String::new(), "No milestone".to_owned()))
        .chain(milestones.iter().map(|m| (m.id.clone(), m.title.clone())))
        .collect()
}

#[component]
pub fn TasksSection(
    project_id: String,
    tasks: RwSignal<Vec<Task>>,
    milestones: RwSignal<Vec<Milestone>>,
    lookups: Lookups,
) -> impl IntoView {
    let redirect = use_auth_redirect();
    let title = RwSignal::new(String::new());
    let milestone = RwSignal::new(String::new());
    let assignee = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let title_error = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);
    let create = action(
        move |body: &TaskCreate| api::create_task(project_id.clone(), body.clone()),
        move |answer| match answer {
            Ok(t) => {
                tasks.update(|l| l.push(t));
                title.set(String::new());
                error.set(None);
            }
            Err(e) => {
                title_error.set(e.field("title"));
                error.set((!redirect(&e)).then_some(e));
            }
        },
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let e = validate::title(&title.get_untracked())
            .err()
            .map(str::to_owned);
        title_error.set(e.clone());
        if e.is_none() {
            create.dispatch(TaskCreate {
                title: title.get_untracked().trim().to_owned(),
                milestone_id: Some(milestone.get_untracked()).filter(|s| !s.is_empty()),
                assignee_id: Some(assignee.get_untracked()).filter(|s| !s.is_empty()),
                status: None,
                due_date: parse_date(&due.get_untracked()),
            });
        }
    };
    let staff_opts = Signal::derive(move || staff_options(lookups));
    let milestone_opts = Signal::derive(move || milestones.with(|m| milestone_options(m)));
    view! {
        <section class="panel" aria-labelledby="tasks-heading" data-test-id="tasks">
            <h2 id="tasks-heading">"Tasks"</h2>
            <ErrorBanner error=error/>
            <Show
                when=move || !tasks.with(Vec::is_empty)
                fallback=|| view! { <p class="muted" data-test-id="tasks-empty">"No tasks yet. Add the first one below and assign it to someone on your team."</p> }
            >
                <DataTable
                    test_id="tasks-table"
                    columns=&["Done", "Task", "Milestone", "Assignee", "Status", "Due"]
                    actions=true
                >
                    <tbody>
                        <For each=move || tasks.get() key=|t| t.id.clone() let:t>
                            <TaskRow project_id=t.project_id.clone() task=t tasks=tasks milestones=milestones lookups=lookups/>
                        </For>
                    </tbody>
                </DataTable>
            </Show>
            <form class="form sub-form" on:submit=on_submit novalidate aria-label="Add a task">
                <h3>"Add a task"</h3>
                <Field id="new-task-title" label="Task" value=title error=title_error required=true test_id="task-title"/>
                <div class="field-row">
                    <SelectField id="new-task-milestone" label="Milestone" value=milestone options=milestone_opts test_id="task-milestone"/>
                    <SelectField id="new-task-assignee" label="Assignee" value=assignee options=staff_opts test_id="task-assignee"/>
                    <Field id="new-task-due" label="Due date" input_type="date" value=due test_id="task-due"/>
                </div>
                <button type="submit" class="btn btn-primary btn-small" data-test-id="task-add" disabled=move || create.pending().get()>
                    {move || if create.pending().get() { "Adding…" } else { "Add task" }}
                </button>
            </form>
        </section>
    }
}

/// One task; its selects and checkbox save as soon as they change.
#[component]
fn TaskRow(
    project_id: String,
    task: Task,
    tasks: RwSignal<Vec<Task>>,
    milestones: RwSignal<Vec<Milestone>>,
    lookups: Lookups,
) -> impl IntoView {
    let redirect = use_auth_redirect();
    let tid = task.id.clone();
    let assignee = RwSignal::new(task.assignee_id.clone().unwrap_or_default());
    let status = RwSignal::new(task.status.as_str().to_owned());
    let error = RwSignal::new(None::<ApiError>);
    let fail = move |e: ApiError| error.set((!redirect(&e)).then_some(e));
    let save = {
        let (pid, tid, fail) = (project_id.clone(), tid.clone(), fail.clone());
        action(
            move |body: &TaskUpdate| api::update_task(pid.clone(), tid.clone(), body.clone()),
            move |answer| match answer {
                Ok(t) => {
                    error.set(None);
                    assignee.set(t.assignee_id.clone().unwrap_or_default());
                    status.set(t.status.as_str().to_owned());
                    tasks.update(|l| {
                        if let Some(x) = l.iter_mut().find(|x| x.id == t.id) {
                            *x = t;
                        }
                    });
                }
                Err(e) => fail(e),
            },
        )
    };
    let remove = {
        let (pid, tid, removed) = (project_id.clone(), tid.clone(), tid.clone());
        action(
            move |_: &()| api::delete_task(pid.clone(), tid.clone()),
            move |answer| match answer {
                Ok(()) => tasks.update(|l| l.retain(|x| x.id != removed)),
                Err(e) => fail(e),
            },
        )
    };
    // Selects write their signal; an effect sends the change (skipping the first run).
    Effect::new(move |prev: Option<(String, String)>| {
        let now = (assignee.get(), status.get());
        if let Some(prev) = prev {
            if prev != now {
                save.dispatch(TaskUpdate {
                    assignee_id: (prev.0 != now.0)
                        .then(|| Some(now.0.clone()).filter(|s| !s.is_empty())),
                    status: (prev.1 != now.1)
                        .then(|| now.1.parse::<TaskStatus>().ok())
                        .flatten(),
                    ..Default::default()
                });
            }
        }
        now
    });
    let busy = Signal::derive(move || save.pending().get() || remove.pending().get());
    let done = move || status.get() == TaskStatus::Done.as_str();
    let title = task.title.clone();
    let milestone_name = task.milestone_id.as_ref().and_then(|mid| {
        milestones.with_untracked(|l| l.iter().find(|m| &m.id == mid).map(|m| m.title.clone()))
    });
    let status_opts = Signal::derive(|| {
        TaskStatus::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), task_label(*s).to_owned()))
            .collect::<Vec<_>>()
    });
    let staff_opts = Signal::derive(move || staff_options(lookups));
    view! {
        <tr data-test-id="task-row" class:task-done=done>
            <td>
                <input
                    type="checkbox"
                    id=format!("task-done-{tid}")
                    aria-label=format!("Mark “{title}” done")
                    data-test-id="task-done"
                    prop:checked=done
                    disabled=move || busy.get()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        status.set(if on { TaskStatus::Done } else { TaskStatus::Todo }.as_str().to_owned());
                    }
                />
            </td>
            <td>{task.title.clone()} <ErrorBanner error=error/></td>
            <td>{milestone_name.unwrap_or_else(|| "—".to_owned())}</td>
            <td class="cell-field">
                <SelectField id=format!("task-assignee-{}", task.id) label="Assignee" value=assignee options=staff_opts disabled=busy/>
            </td>
            <td class="cell-field">
                <SelectField id=format!("task-status-{}", task.id) label="Status" value=status options=status_opts disabled=busy test_id="task-status"/>
            </td>
            <td>{maybe_date(task.due_date)}</td>
            <td>
                <button type="button" class="btn btn-link btn-small danger-link" aria-label=format!("Delete task {}", task.title)
                    disabled=move || busy.get() on:click=move |_| { remove.dispatch(()); }>"Delete"</button>
            </td>
        </tr>
    }
}
