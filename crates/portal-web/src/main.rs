//! Atrium's client portal: a Leptos CSR app served at `/portal/`, talking only to `/portal/api`
//! with the contact's cookie session.

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
