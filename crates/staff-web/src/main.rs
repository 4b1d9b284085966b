//! Atrium's staff dashboard: a Leptos CSR app served at `/staff/`, talking only to `/api/v1`
//! with a Bearer access token held in memory.

mod api;
mod app;
mod components;
mod links;
mod pages;
mod state;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
