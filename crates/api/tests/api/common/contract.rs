//! The OpenAPI document as a checker of real responses: `check` finds the operation a request
//! went to and validates the JSON body against the schema the document declares for its status
//! (JSON Schema 2020-12, with `format`s such as `date-time` enforced). Every typed helper
//! (`get_as`, `post_as`, `patch_as`) runs it, so each response the suite decodes is also checked
//! against the promise made to integrators.

use jsonschema::{Draft, Validator};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

static DOCUMENT: OnceLock<Value> = OnceLock::new();
static VALIDATORS: OnceLock<Mutex<HashMap<String, std::sync::Arc<Validator>>>> = OnceLock::new();

/// The document the server serves, as JSON (set when the first test server starts).
pub fn document() -> &'static Value {
    DOCUMENT.get().expect("a TestApp has started")
}

pub(super) fn remember(config: &atrium::config::Config) {
    DOCUMENT.get_or_init(|| {
        serde_json::to_value(atrium::openapi::document(config)).expect("document as JSON")
    });
}

/// The documented path template `path` matches (the one with the most literal segments, so
/// `/approvals/new` beats `/approvals/{id}`), with its operation for `method`.
pub fn operation(method: &str, path: &str) -> Option<(String, &'static Value)> {
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    document()["paths"]
        .as_object()?
        .iter()
        .filter_map(|(template, item)| {
            let parts: Vec<&str> = template.trim_end_matches('/').split('/').collect();
            if parts.len() != segments.len() {
                return None;
            }
            let mut literal = 0;
            for (part, segment) in parts.iter().zip(&segments) {
                if part.starts_with('{') {
                    continue;
                }
                if part != segment {
                    return None;
                }
                literal += 1;
            }
            let op = item.get(method.to_ascii_lowercase())?;
            Some((literal, template.clone(), op))
        })
        .max_by_key(|(literal, _, _)| *literal)
        .map(|(_, template, op)| (template, op))
}

/// Validates `body`, the answer `status` to `method path`, against the document. Fails the test
/// when the operation or the status is undocumented, or the body does not match.
pub fn check(method: &str, path: &str, status: u16, body: &Value) {
    let Some((template, op)) = operation(method, path) else {
        panic!("{method} {path} is not in the OpenAPI document");
    };
    let key = format!("{method} {template} {status}");
    let Some(response) = op["responses"].get(status.to_string()) else {
        panic!("{key}: the document declares no {status} answer");
    };
    let response = resolve(response);
    let Some(schema) = response.pointer("/content/application~1json/schema") else {
        assert!(
            body.is_null(),
            "{key}: the document declares no JSON body, but one came: {body}"
        );
        return;
    };
    let validator = validator(&key, schema);
    let errors: Vec<String> = validator
        .iter_errors(body)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .take(5)
        .collect();
    assert!(
        errors.is_empty(),
        "{key}: the body does not match the documented schema:\n  {}\nbody: {body}",
        errors.join("\n  ")
    );
}

/// A `$ref` to `#/components/responses/…`, followed.
fn resolve(response: &'static Value) -> &'static Value {
    match response.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let pointer = reference.trim_start_matches('#');
            document().pointer(pointer).expect("referenced response")
        }
        None => response,
    }
}

/// The compiled validator for `schema`, whose `$ref`s point into the document's components.
pub fn validator(key: &str, schema: &Value) -> std::sync::Arc<Validator> {
    let cache = VALIDATORS.get_or_init(Default::default);
    if let Some(v) = cache.lock().expect("cache").get(key) {
        return v.clone();
    }
    let root = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "components": document()["components"],
        "allOf": [schema],
    });
    let compiled = jsonschema::options()
        .with_draft(Draft::Draft202012)
        .should_validate_formats(true)
        .build(&root)
        .unwrap_or_else(|e| panic!("{key}: the documented schema does not compile: {e}"));
    let compiled = std::sync::Arc::new(compiled);
    cache
        .lock()
        .expect("cache")
        .insert(key.to_owned(), compiled.clone());
    compiled
}
