//! Serves a Trunk-built SPA from its `dist` folder: real files as they are (hashed assets cached
//! for a year), and `index.html` for every other path so deep links work.

use actix_files::NamedFile;
use actix_web::http::header::{self, CacheControl, CacheDirective};
use actix_web::{web, HttpRequest, HttpResponse};
use std::path::{Component, Path, PathBuf};

#[derive(Clone)]
pub struct SpaDir {
    pub root: PathBuf,
}

/// Trunk names built assets `name-<16 hex>.ext`; those never change and can be cached forever.
fn is_hashed(file_name: &str) -> bool {
    let stem = file_name.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() >= 16 && hash.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Only plain relative components: no `..`, no absolute paths, no hidden files.
fn safe_relative(tail: &str) -> Option<PathBuf> {
    let path = Path::new(tail);
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Normal(part) if !part.to_string_lossy().starts_with('.') => out.push(part),
            _ => return None,
        }
    }
    Some(out)
}

pub async fn serve(
    req: HttpRequest,
    dir: web::Data<SpaDir>,
    tail: web::Path<String>,
) -> HttpResponse {
    let tail = tail.into_inner();
    if let Some(rel) = safe_relative(&tail).filter(|p| !p.as_os_str().is_empty()) {
        let candidate = dir.root.join(&rel);
        if candidate.is_file() {
            if let Ok(file) = NamedFile::open_async(&candidate).await {
                let name = rel
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let cache = if is_hashed(&name) {
                    CacheControl(vec![
                        CacheDirective::Public,
                        CacheDirective::MaxAge(31_536_000),
                        CacheDirective::Extension("immutable".into(), None),
                    ])
                } else {
                    CacheControl(vec![CacheDirective::NoCache])
                };
                let mut res = file.use_etag(true).prefer_utf8(true).into_response(&req);
                res.headers_mut().insert(
                    header::CACHE_CONTROL,
                    header::HeaderValue::from_str(&cache.to_string())
                        .unwrap_or(header::HeaderValue::from_static("no-cache")),
                );
                return res;
            }
        }
        // A missing asset is a 404; any other path is a client-side route.
        if rel.extension().is_some() {
            return HttpResponse::NotFound().finish();
        }
    }
    index(&req, &dir).await
}

async fn index(req: &HttpRequest, dir: &SpaDir) -> HttpResponse {
    match NamedFile::open_async(dir.root.join("index.html")).await {
        Ok(file) => {
            let mut res = file.into_response(req);
            res.headers_mut().insert(
                header::CACHE_CONTROL,
                header::HeaderValue::from_static("no-cache"),
            );
            res
        }
        Err(_) => HttpResponse::ServiceUnavailable()
            .content_type("text/plain; charset=utf-8")
            .body(
                "This web app has not been built. Run the README's run command, which builds it.",
            ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names() {
        assert!(is_hashed("portal-web-3f9a1c0d5e7b2a4f_bg.wasm"));
        assert!(is_hashed("portal-web-3f9a1c0d5e7b2a4f.js"));
        assert!(is_hashed("style-0123456789abcdef.css"));
        assert!(!is_hashed("index.html"));
        assert!(!is_hashed("favicon.ico"));
    }

    #[test]
    fn traversal_is_refused() {
        assert!(safe_relative("../etc/passwd").is_none());
        assert!(safe_relative("/etc/passwd").is_none());
        assert!(safe_relative(".env").is_none());
        assert_eq!(safe_relative("a/b.js"), Some(PathBuf::from("a/b.js")));
    }
}
