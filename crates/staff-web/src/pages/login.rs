//! Staff sign-in with email and password.

use crate::{api, links};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared_types::staff::LoginRequest;
use web_ui::nav::{after_sign_in, go};
use web_ui::shell::PublicPage;
use web_ui::sign_in::PasswordSignInForm;
use web_ui::title::PageTitle;

#[component]
pub fn LoginPage() -> impl IntoView {
    let navigate = use_navigate();
    let header = || {
        view! {
            <span class="product">"Atrium"</span>
            <span class="muted">"Staff dashboard"</span>
        }
    };
    view! {
        <PublicPage header=header>
            <PageTitle text="Staff sign in"/>
            <PasswordSignInForm
                login=|email, password| api::login(LoginRequest { email, password })
                on_signed_in=move |()| go(&navigate, &after_sign_in(links::BASE, links::HOME), false)
            />
            <p><a href=links::FORGOT_PASSWORD data-test-id="forgot-password">"Forgot your password?"</a></p>
        </PublicPage>
    }
}
