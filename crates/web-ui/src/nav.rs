//! Navigation both SPAs share: going to a full path, and the 401 handler that sends a signed-out
//! user to the sign-in page.

use crate::http::encode;
use crate::ApiError;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use shared_types::validate::return_path;

/// Navigate to a full path (`/portal/…`, `/staff/…`). Links and navigations in both apps always
/// use full paths: the router's `<A>` does not prefix its base, so mixing base-relative and full
/// paths would be a trap. `replace` keeps the current entry out of history.
pub fn go(navigate: &impl Fn(&str, NavigateOptions), path: &str, replace: bool) {
    navigate(
        path,
        NavigateOptions {
            resolve: false,
            replace,
            ..Default::default()
        },
    );
}

/// The address being shown: path and query (`/portal/approvals/a1?x=1`).
fn current_address() -> Option<String> {
    let location = web_sys::window()?.location();
    Some(location.pathname().ok()? + &location.search().ok()?)
}

/// The sign-in page that will bring the user back here: `login?next=<this address>` (just
/// `login` when already on it).
fn login_returning_here(login: &str) -> String {
    match current_address() {
        Some(here) if !here.starts_with(login) => format!("{login}?next={}", encode(&here)),
        _ => login.to_owned(),
    }
}

/// The value of `name` in a query string or fragment (`?a=1&next=%2Fportal%2F`), decoded.
pub fn param(query: &str, name: &str) -> Option<String> {
    query
        .trim_start_matches(['?', '#'])
        .split('&')
        .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
        .and_then(percent_decode)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// The page a sign-in should return to: `next` of the current address (its query, or its
/// fragment in an emailed link) when it is a page of the app at `base` (`validate::return_path`).
pub fn requested_return(base: &str) -> Option<String> {
    let location = web_sys::window()?.location();
    let search = location.search().ok().unwrap_or_default();
    let hash = location.hash().ok().unwrap_or_default();
    let next = param(&search, "next").or_else(|| param(&hash, "next"))?;
    return_path(&next, base).map(str::to_owned)
}

/// Where to go after signing in: the requested page, else `home`.
pub fn after_sign_in(base: &str, home: &str) -> String {
    requested_return(base).unwrap_or_else(|| home.to_owned())
}

/// The function pages call with any API error: a 401 means the session is over (expired, signed
/// out elsewhere, revoked), so forget who was signed in (`me`) and go to `login`, which brings
/// the user back to this page after signing in. Returns true when it handled the error that way
/// (the caller then shows nothing).
pub fn auth_redirect<T>(
    me: RwSignal<Option<T>>,
    login: &'static str,
) -> impl Fn(&ApiError) -> bool + Clone + 'static
where
    T: Send + Sync + 'static,
{
    let navigate = use_navigate();
    move |error: &ApiError| {
        if error.is_unauthorized() {
            me.set(None);
            go(&navigate, &login_returning_here(login), true);
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_are_found_in_queries_and_fragments_and_decoded() {
        let next = param("?a=1&next=%2Fportal%2Fapprovals%2Fa1%3Fx%3D1", "next");
        assert_eq!(next.as_deref(), Some("/portal/approvals/a1?x=1"));
        let from_hash = param("#token=T&next=%2Fportal%2Fgallery", "next");
        assert_eq!(from_hash.as_deref(), Some("/portal/gallery"));
        assert_eq!(param("?nextx=1", "next"), None);
        assert_eq!(param("?next=%zz", "next"), None);
        assert_eq!(param("?next=a+b", "next").as_deref(), Some("a b"));
    }
}
