//! The OpenAPI document and the running app's routes agree (both come from one declaration per
//! route), wrong methods get 405 with `Allow`, and the docs page is served by us alone.

use crate::common;

use serde_json::Value;
use std::collections::BTreeSet;

const METHODS: [&str; 5] = ["DELETE", "GET", "PATCH", "POST", "PUT"];

/// A documented path with each `{parameter}` replaced by a value.
fn concrete(path: &str) -> String {
    path.split('/')
        .map(|s| if s.starts_with('{') { "p1" } else { s })
        .collect::<Vec<_>>()
        .join("/")
}

#[actix_web::test]
async fn openapi_document_lists_every_route_of_both_apis() {
    let app = common::TestApp::new().await;
    let res = app
        .bare()
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let doc: Value = res.json().await.unwrap();
    let version = doc["openapi"].as_str().unwrap_or_default();
    assert!(version.starts_with("3.1"), "openapi version {version}");

    let paths = doc["paths"].as_object().expect("paths");
    let documented: BTreeSet<(String, String)> = paths
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .into_iter()
                .flatten()
                .filter(|(method, _)| METHODS.contains(&method.to_uppercase().as_str()))
                .map(move |(method, _)| (method.to_uppercase(), path.clone()))
        })
        .collect();
    assert!(documented.len() >= 70, "{documented:?}");
    assert!(documented.contains(&("GET".into(), "/healthz".into())));

    // The running app against the document: every documented operation is routed (whatever it
    // answers without credentials or a body, it is not "no such route" nor 405), and every other
    // method on a documented path is 405 with `Allow` naming exactly the documented methods.
    let client = app.bare();
    let no_route = "There is no such address in this API; /api/docs lists them.";
    let mut anonymous = std::collections::BTreeMap::new();
    for path in paths.keys() {
        let url = app.url(&concrete(path));
        let allowed: Vec<&str> = METHODS
            .iter()
            .copied()
            .filter(|m| documented.contains(&(m.to_string(), path.clone())))
            .collect();
        for method in METHODS {
            let res = client
                .request(method.parse().unwrap(), &url)
                .header("Origin", common::ORIGIN_URL)
                .send()
                .await
                .unwrap();
            let status = res.status().as_u16();
            let allow = res
                .headers()
                .get("allow")
                .map(|v| v.to_str().unwrap().to_owned());
            let body = res.text().await.unwrap();
            if allowed.contains(&method) {
                anonymous.insert((method.to_owned(), path.clone()), status);
                assert_ne!(status, 405, "{method} {path}: {body}");
                assert!(!body.contains(no_route), "{method} {path} is not routed");
            } else {
                assert_eq!(status, 405, "{method} {path}: {body}");
                assert_eq!(
                    allow.as_deref(),
                    Some(allowed.join(", ").as_str()),
                    "{path}"
                );
                assert!(body.contains("method_not_allowed"), "{body}");
            }
        }
    }
    for unknown in [
        "/api/v1/nothing-here",
        "/portal/api/projects/p1/nope",
        "/nowhere",
    ] {
        let res = client.get(app.url(unknown)).send().await.unwrap();
        assert_eq!(res.status(), 404, "{unknown}");
        assert!(res.text().await.unwrap().contains(no_route), "{unknown}");
    }

    // Every operation is tagged and uniquely named; authenticated ones declare their scheme and a 401.
    let mut operation_ids = BTreeSet::new();
    for (method, path) in &documented {
        let op = &paths[path][method.to_lowercase()];
        let id = op["operationId"].as_str().unwrap_or_default();
        assert!(
            operation_ids.insert(id.to_owned()),
            "duplicate operationId {id} ({method} {path})"
        );
        assert!(
            op["tags"].as_array().is_some_and(|t| !t.is_empty()),
            "{method} {path} has no tag"
        );
        // Parameters are declared once each (the explicit `params(...)` and what the actix path
        // template implies must not both appear).
        let params: Vec<(String, String)> = op["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| (p["name"].to_string(), p["in"].to_string()))
            .collect();
        let unique: BTreeSet<_> = params.iter().collect();
        assert_eq!(unique.len(), params.len(), "{method} {path}: {params:?}");
        for (name, place) in &params {
            let segment = format!("{{{}}}", name.trim_matches('"'));
            if place == "\"path\"" {
                assert!(
                    path.contains(&segment),
                    "{method} {path}: {name} is not in the path"
                );
            }
        }
        for p in op["parameters"].as_array().into_iter().flatten() {
            if p["in"] == "query" {
                assert_ne!(
                    p["required"], true,
                    "{method} {path}: query {} required",
                    p["name"]
                );
            }
        }
        for segment in path.split('/').filter(|s| s.starts_with('{')) {
            let name = format!("\"{}\"", segment.trim_matches(['{', '}']));
            assert!(
                params.iter().any(|(n, i)| *n == name && i == "\"path\""),
                "{method} {path} does not describe {segment}"
            );
        }
        let secured = op["security"].as_array().is_some_and(|s| {
            s.iter()
                .any(|r| r.get("staff_jwt").is_some() || r.get("portal_session").is_some())
        });
        let optional = op["security"].as_array().is_some_and(|s| {
            s.iter()
                .any(|r| r.as_object().is_some_and(|o| o.is_empty()))
        });
        if secured && !optional {
            assert!(
                op["responses"].get("401").is_some(),
                "{method} {path} documents no 401"
            );
        }
        // The document's security is what the server does: an operation that declares a
        // credential answers 401 without one, and a public one (`security: [{}]`) never does.
        let status = anonymous[&(method.clone(), path.clone())];
        if secured && !optional {
            assert_eq!(
                status, 401,
                "{method} {path} is documented as authenticated"
            );
        } else if optional && !secured {
            assert_ne!(status, 401, "{method} {path} is documented as public");
        }
    }
    let schemes = &doc["components"]["securitySchemes"];
    assert_eq!(schemes["staff_jwt"]["scheme"], "bearer");
    assert_eq!(schemes["portal_session"]["in"], "cookie");
    assert_eq!(
        schemes["portal_session"]["name"],
        app.config.portal_cookie_name()
    );
    assert!(paths["/api/v1/clients"]["get"]["security"][0]
        .get("staff_jwt")
        .is_some());
    assert!(paths["/portal/api/me"]["get"]["security"][0]
        .get("portal_session")
        .is_some());
    assert!(paths["/portal/api/auth/login"]["post"]["responses"]
        .get("429")
        .is_some());
    assert!(paths["/api/v1/clients/{id}"]["get"]["responses"]
        .get("404")
        .is_some());
    // A JSON body on an addressed resource implies both sets: the body's and the resource's.
    let patch = &paths["/api/v1/projects/{id}"]["patch"]["responses"];
    for status in ["400", "401", "404", "413", "415", "422"] {
        assert!(
            patch.get(status).is_some(),
            "PATCH project documents {status}"
        );
    }
}

/// The responses the document implies from an operation's declaration (`openapi::implied_responses`)
/// are what the server answers: with valid credentials, an addressed resource that does not exist
/// is 404, a body that is not JSON is 415 on every operation that takes a JSON body, and a portal
/// write from another site is 403.
#[actix_web::test]
async fn implied_responses_are_what_the_server_answers() {
    let app = common::TestApp::new().await;
    let owner = app.org("implied").await;
    let client = app.client(&owner, "Blue Peak").await;
    app.contact(&owner, &client, "ana@implied.example").await;
    let portal = app.sign_in("ana@implied.example").await;
    // The served document (its paths and responses; the first test checks it is what is served).
    let doc = common::contract::document();
    let mut checked = (0, 0, 0);
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let method = method.to_uppercase();
            if !METHODS.contains(&method.as_str()) {
                continue;
            }
            let responses = &op["responses"];
            let json_body = op["requestBody"]["content"]
                .get("application/json")
                .is_some();
            let request = |body: Option<&'static str>, origin: &'static str| {
                let http = if path.starts_with("/portal/api/") {
                    portal.clone()
                } else {
                    app.bare()
                };
                let mut req = http
                    .request(method.parse().unwrap(), app.url(&concrete(path)))
                    .header("Origin", origin);
                if path.starts_with("/api/v1/") {
                    req = req.bearer_auth(&owner.token);
                }
                if let Some(body) = body {
                    req = req.header("Content-Type", "text/plain").body(body);
                }
                req.send()
            };
            if path.contains('{') {
                assert!(
                    responses.get("404").is_some(),
                    "{method} {path} documents no 404"
                );
                if method == "GET" || method == "DELETE" {
                    let res = request(None, common::ORIGIN_URL).await.unwrap();
                    let (status, body) = common::status_of(res).await;
                    assert_eq!(status, 404, "{method} {path}: {body}");
                    checked.0 += 1;
                }
            }
            if json_body {
                // Validation (422) goes with a credential: the public sign-in exchanges answer
                // 401 instead, and the public forms that validate declare it themselves.
                let credential = op["security"].as_array().is_some_and(|all| {
                    all.iter()
                        .all(|r| r.as_object().is_some_and(|o| !o.is_empty()))
                });
                let statuses = ["400", "413", "415", "422"];
                for status in &statuses[..if credential { 4 } else { 3 }] {
                    assert!(
                        responses.get(status).is_some(),
                        "{method} {path} documents no {status}"
                    );
                }
                let res = request(Some("not json"), common::ORIGIN_URL).await.unwrap();
                let (status, body) = common::status_of(res).await;
                assert_eq!(status, 415, "{method} {path}: {body}");
                checked.1 += 1;
            }
            if path.starts_with("/portal/api/") && method != "GET" {
                assert!(
                    responses.get("403").is_some(),
                    "{method} {path} documents no 403"
                );
                let res = request(None, "https://elsewhere.example").await.unwrap();
                assert_eq!(res.status(), 403, "{method} {path} from another site");
                checked.2 += 1;
            }
        }
    }
    assert!(
        checked.0 >= 20 && checked.1 >= 40 && checked.2 >= 20,
        "{checked:?}"
    );
}

/// Every `src="…"` and `href="…"` of an HTML page.
fn references(html: &str) -> Vec<String> {
    let mut refs = Vec::new();
    for attr in ["src=\"", "href=\""] {
        let mut rest = html;
        while let Some(at) = rest.find(attr) {
            rest = &rest[at + attr.len()..];
            let end = rest.find('"').expect("attribute end");
            refs.push(rest[..end].to_owned());
            rest = &rest[end..];
        }
    }
    refs
}

#[actix_web::test]
async fn docs_page_is_served_with_only_local_assets() {
    let app = common::TestApp::new().await;
    let client = app.bare();

    let res = client.get(app.url("/api/docs")).send().await.unwrap();
    assert_eq!(res.status(), 302);
    assert_eq!(res.headers()["location"], "/api/docs/");

    let res = client.get(app.url("/api/docs/")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let content_type = res.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(content_type.starts_with("text/html"), "{content_type}");
    // The global CSP applies unchanged: no inline script is needed.
    assert_eq!(
        res.headers()["content-security-policy"],
        atrium::web::headers::CSP
    );
    let html = res.text().await.unwrap();
    assert!(!html.contains("<script>"), "inline script in the docs page");

    let refs = references(&html);
    let scripts = refs.iter().filter(|r| r.ends_with(".js")).count();
    assert!(scripts >= 2, "expected the Swagger UI scripts in {html}");
    for reference in refs {
        assert!(!reference.contains("//"), "external asset {reference}");
        let url = app.url(&format!("/api/docs/{}", reference.trim_start_matches("./")));
        let res = client.get(&url).send().await.unwrap();
        assert_eq!(res.status(), 200, "{url}");
        assert!(!res.bytes().await.unwrap().is_empty(), "{url} is empty");
    }

    // The initializer points Swagger UI at our document and disables the online validator.
    let init = client
        .get(app.url("/api/docs/swagger-initializer.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(init.status(), 200);
    let init = init.text().await.unwrap();
    assert!(init.contains("/api/openapi.json"), "{init}");
    assert!(!init.contains("petstore"), "{init}");
}
