//! The lists pickers need on several pages: the organization's clients, pipeline stages and
//! staff. Each page loads them once when it opens.

use crate::api;
use leptos::prelude::*;
use shared_types::projects::Stage;
use shared_types::staff::{Client, StaffMember};
use web_ui::ApiError;

#[derive(Clone, Copy)]
pub struct Lookups {
    pub clients: RwSignal<Vec<Client>>,
    pub stages: RwSignal<Vec<Stage>>,
    pub staff: RwSignal<Vec<StaffMember>>,
    /// The first failure, for the page's error banner.
    pub error: RwSignal<Option<ApiError>>,
}

impl Lookups {
    /// Starts loading all three lists.
    pub fn load() -> Self {
        let l = Self {
            clients: RwSignal::new(Vec::new()),
            stages: RwSignal::new(Vec::new()),
            staff: RwSignal::new(Vec::new()),
            error: RwSignal::new(None),
        };
        let fail = move |e: ApiError| {
            if l.error.with_untracked(Option::is_none) {
                l.error.set(Some(e));
            }
        };
        leptos::task::spawn_local(async move {
            match api::all_clients().await {
                Ok(v) => l.clients.set(v),
                Err(e) => fail(e),
            }
        });
        leptos::task::spawn_local(async move {
            match api::list_stages().await {
                Ok(v) => l.stages.set(v),
                Err(e) => fail(e),
            }
        });
        leptos::task::spawn_local(async move {
            match api::list_staff().await {
                Ok(v) => l.staff.set(v),
                Err(e) => fail(e),
            }
        });
        l
    }

    pub fn staff_name(&self, id: &str) -> String {
        self.staff.with(|s| {
            s.iter()
                .find(|m| m.id == id)
                .map_or_else(|| "Former staff".to_owned(), |m| m.name.clone())
        })
    }

    pub fn client_name(&self, id: &str) -> String {
        self.clients.with(|c| {
            c.iter()
                .find(|m| m.id == id)
                .map_or_else(String::new, |m| m.name.clone())
        })
    }

    /// `(id, name)` options for a client select, led by `first` (e.g. "All clients").
    pub fn client_options(&self, first: &str) -> Vec<(String, String)> {
        std::iter::once((String::new(), first.to_owned()))
            .chain(self.clients.get().into_iter().map(|c| (c.id, c.name)))
            .collect()
    }
}
