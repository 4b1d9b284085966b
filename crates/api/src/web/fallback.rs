//! What a request that matched no route gets: `405 Method Not Allowed` with `Allow` when its path
//! is an API path under another method, otherwise the JSON `404`. The table of paths comes from
//! the OpenAPI document, which is built from the same `service()` calls as the routes.

use crate::error::ApiError;
use actix_web::{web, HttpRequest, HttpResponse};
use utoipa::openapi::OpenApi;

/// Every documented path template (split into segments) with the methods it accepts.
pub struct ApiRoutes {
    routes: Vec<(Vec<String>, Vec<&'static str>)>,
}

impl ApiRoutes {
    pub fn from_document(doc: &OpenApi) -> Self {
        let routes = doc
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let methods = [
                    ("DELETE", item.delete.is_some()),
                    ("GET", item.get.is_some()),
                    ("PATCH", item.patch.is_some()),
                    ("POST", item.post.is_some()),
                    ("PUT", item.put.is_some()),
                ]
                .into_iter()
                .filter_map(|(method, present)| present.then_some(method))
                .collect();
                (segments(path).map(str::to_owned).collect(), methods)
            })
            .collect();
        ApiRoutes { routes }
    }

    /// The methods `path` accepts (`GET, POST`), or `None` when no route has this path. A path
    /// that a template with fixed segments matches belongs to that template alone, as the
    /// routes are registered (`/requests/metrics` before `/requests/{id}`).
    pub fn allowed(&self, path: &str) -> Option<String> {
        let wanted: Vec<&str> = segments(path).collect();
        let matching: Vec<(usize, &Vec<&'static str>)> = self
            .routes
            .iter()
            .filter(|(template, _)| {
                template.len() == wanted.len()
                    && template.iter().zip(&wanted).all(|(t, w)| {
                        t == w || (t.starts_with('{') && t.ends_with('}') && !w.is_empty())
                    })
            })
            .map(|(template, methods)| {
                let fixed = template.iter().filter(|t| !t.starts_with('{')).count();
                (fixed, methods)
            })
            .collect();
        let most = matching.iter().map(|(fixed, _)| *fixed).max()?;
        let mut methods: Vec<&str> = matching
            .into_iter()
            .filter(|(fixed, _)| *fixed == most)
            .flat_map(|(_, methods)| methods.iter().copied())
            .collect();
        methods.sort_unstable();
        methods.dedup();
        (!methods.is_empty()).then(|| methods.join(", "))
    }
}

fn segments(path: &str) -> impl Iterator<Item = &str> {
    path.trim_end_matches('/').split('/').skip(1)
}

/// The default service of the API scopes and the app.
pub async fn api_fallback(
    req: HttpRequest,
    routes: web::Data<ApiRoutes>,
) -> Result<HttpResponse, ApiError> {
    Err(match routes.allowed(req.path()) {
        Some(allow) => ApiError::MethodNotAllowed { allow },
        None => ApiError::NoSuchRoute,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use utoipa::openapi::path::{HttpMethod, OperationBuilder, PathItem, PathsBuilder};
    use utoipa::openapi::OpenApiBuilder;

    #[test]
    fn a_path_known_under_other_methods_lists_them_and_an_unknown_one_has_none() {
        let op = || OperationBuilder::new().build();
        let doc = OpenApiBuilder::new()
            .paths(
                PathsBuilder::new()
                    .path("/api/v1/projects", PathItem::new(HttpMethod::Get, op()))
                    .path("/api/v1/projects", PathItem::new(HttpMethod::Post, op()))
                    .path(
                        "/api/v1/projects/{id}",
                        PathItem::new(HttpMethod::Patch, op()),
                    )
                    .path(
                        "/api/v1/projects/{id}",
                        PathItem::new(HttpMethod::Get, op()),
                    ),
            )
            .build();
        let routes = ApiRoutes::from_document(&doc);
        assert_eq!(
            routes.allowed("/api/v1/projects").as_deref(),
            Some("GET, POST")
        );
        assert_eq!(
            routes.allowed("/api/v1/projects/").as_deref(),
            Some("GET, POST")
        );
        assert_eq!(
            routes.allowed("/api/v1/projects/p1").as_deref(),
            Some("GET, PATCH")
        );
        assert_eq!(routes.allowed("/api/v1/projects/p1/x"), None);
        assert_eq!(routes.allowed("/api/v1/nothing"), None);
        assert_eq!(routes.allowed("/"), None);
    }
}
