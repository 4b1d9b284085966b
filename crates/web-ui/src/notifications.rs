//! One notification in a list, the same in both apps: its title links to the item; opening it
//! marks it read (through the app's own API call) and then goes there.

use crate::format::when;
use crate::nav::go;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared_types::notifications::Notification;
use std::future::Future;

/// `mark_read(id)` marks the notification read and answers the unread count left (`None` if
/// the call failed; the link is followed anyway).
#[component]
pub fn NotificationItem<M, Fut>(n: Notification, mark_read: M) -> impl IntoView
where
    M: Fn(String) -> Fut + Clone + 'static,
    Fut: Future<Output = Option<i64>> + 'static,
{
    let navigate = use_navigate();
    let id = n.id.clone();
    let link = n.link.clone();
    let open = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        let marked = mark_read(id.clone());
        let link = link.clone();
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            marked.await;
            go(&navigate, &link, false);
        });
    };
    view! {
        <li class="notification" class:unread=!n.read data-test-id="notification" data-read=n.read.to_string()>
            <a href=n.link.clone() on:click=open data-test-id="notification-link">
                {(!n.read).then(|| view! { <span class="visually-hidden">"Unread: "</span> })}
                {n.title.clone()}
            </a>
            {(!n.body.is_empty()).then(|| view! { <p class="muted notification-body">{n.body.clone()}</p> })}
            <span class="muted notification-time">{when(&n.created_at)}</span>
        </li>
    }
}
