//! The `Idempotency-Key` a request carries, and the fingerprint that tells a retry of the same
//! request from another request under the same key.

use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use sha2::{Digest, Sha256};

use super::errors::error;
use super::sink::Incoming;

/// The request's `Idempotency-Key`: 1 to 255 visible ASCII characters (a UUID, say), or none.
/// Anything else is refused rather than ignored, which would file a retry twice.
pub(super) fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, Response> {
    let mut values = headers.get_all("idempotency-key").iter();
    let Some(value) = values.next() else {
        return Ok(None);
    };
    let key = value.as_bytes();
    if values.next().is_some()
        || key.is_empty()
        || key.len() > 255
        || !key.iter().all(|b| b.is_ascii_graphic())
    {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "bad-idempotency-key",
            "An Idempotency-Key is one value of 1 to 255 visible ASCII characters, such as a UUID."
                .into(),
            vec![],
        ));
    }
    Ok(Some(String::from_utf8_lossy(key).into_owned()))
}

/// What makes two requests the same: the case as sent but for the language it was shown in and
/// its spam check, which may differ between tries, and the bytes of the files that came with it.
pub(super) fn fingerprint(case_json: &serde_json::Value, files: &Incoming) -> String {
    let mut case = case_json.clone();
    if let Some(case) = case.as_object_mut() {
        case.remove("spam_check");
        case.remove("locale");
    }
    let mut hasher = Sha256::new();
    hasher.update(canonical(&case).as_bytes());
    for file in &files.0 {
        hasher.update(b"\n");
        hasher.update(file.sha256.as_bytes());
    }
    hex::encode(hasher.finalize())
}

/// JSON with every object's members in order of their names.
fn canonical(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Object(members) => {
            let mut names: Vec<&String> = members.keys().collect();
            names.sort();
            let inner: Vec<String> = names
                .into_iter()
                .map(|name| {
                    format!(
                        "{}:{}",
                        serde_json::Value::from(name.as_str()),
                        canonical(&members[name])
                    )
                })
                .collect();
            format!("{{{}}}", inner.join(","))
        }
        serde_json::Value::Array(items) => {
            let inner: Vec<String> = items.iter().map(canonical).collect();
            format!("[{}]", inner.join(","))
        }
        other => other.to_string(),
    }
}
