//! Content loaded from the API: a spinner until it arrives, the error in its place if it fails
//! (a 401 goes to sign-in instead), and a page whose subject failed to load.

use crate::components::{ErrorBanner, Spinner};
use crate::title::PageTitle;
use crate::ApiError;
use leptos::prelude::*;

/// A banner for an error that will not change (a failed load).
#[component]
pub fn LoadError(error: ApiError) -> impl IntoView {
    view! { <ErrorBanner error=Signal::stored(Some(error))/> }
}

/// The error in place of content that failed to load; `redirect` sees it first, so a 401 goes to
/// sign-in.
pub fn load_error(error: ApiError, redirect: &impl Fn(&ApiError) -> bool) -> AnyView {
    redirect(&error);
    view! { <LoadError error=error/> }.into_any()
}

/// A page whose subject (`what`: "Project") failed to load: titled "Project not found" on a 404
/// and "Project" otherwise, the error, and a link back (`(href, label)`) when given.
pub fn failed_page(
    error: ApiError,
    redirect: &impl Fn(&ApiError) -> bool,
    what: &'static str,
    back: Option<(&'static str, &'static str)>,
) -> AnyView {
    let title = if error.status() == Some(404) {
        format!("{what} not found")
    } else {
        what.to_owned()
    };
    view! {
        <PageTitle text=title/>
        {load_error(error, redirect)}
        {back.map(|(href, label)| view! { <p><a href=href>{label}</a></p> })}
    }
    .into_any()
}

/// Shows a spinner (`loading` is its label) while `resource` loads, then `children` with the
/// value, or the error in its place (after `redirect`, so a 401 goes to sign-in). With `subject`,
/// a failure shows as a [`failed_page`] of that subject.
#[component]
pub fn Loaded<T, R, F, V>(
    resource: LocalResource<Result<T, ApiError>>,
    #[prop(into)] loading: String,
    redirect: R,
    #[prop(optional)] subject: Option<&'static str>,
    #[prop(optional)] back: Option<(&'static str, &'static str)>,
    children: F,
) -> impl IntoView
where
    T: Clone + 'static,
    R: Fn(&ApiError) -> bool + Send + Sync + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let body = move || {
        resource.get().map(|result| match result {
            Ok(value) => children(value).into_any(),
            Err(e) => match subject {
                Some(what) => failed_page(e, &redirect, what, back),
                None => load_error(e, &redirect),
            },
        })
    };
    view! { <Transition fallback=move || view! { <Spinner label=loading/> }>{body}</Transition> }
}
