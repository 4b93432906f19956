//! Reading a case request: its key, the portal's identity, and its body in either shape, the
//! files that came with it on disk and the uploads it names claimed.

use std::sync::Arc;

use axum::extract::multipart::Field as Part;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;

use super::accept::accept;
use super::errors::{
    bad_json, created, error, field, invalid, key_reused, multipart_error, storage_error,
};
use super::idempotency::{fingerprint, idempotency_key};
use super::sink::{all_rules, file_cap, FileSink, Incoming};
use crate::identity::Identity;
use crate::state::AppState;
use crate::store::{IdempotencyKey, Received, Stored};

/// The largest `case` JSON, as a part or as a whole body.
const CASE_JSON_MAX: usize = 1024 * 1024;

pub(super) async fn receive_case(state: Arc<AppState>, request: Request) -> Response {
    let key = match idempotency_key(request.headers()) {
        Ok(key) => key,
        Err(response) => return response,
    };
    let identity = match signed_identity(&state, request.headers()) {
        Ok(identity) => identity,
        Err(response) => return response,
    };
    let (case_json, mut files, json) = match read_body(&state, request).await {
        Ok(received) => received,
        Err(response) => return response,
    };
    let key = key.map(|key| IdempotencyKey {
        scope: identity.as_ref().map(|i| i.sub.clone()).unwrap_or_default(),
        key,
        fingerprint: fingerprint(&case_json, &files),
    });
    if let Some(key) = &key {
        match state.store.find_by_key(key) {
            Ok(Some(Stored::Replayed(case))) => return created(&case, false),
            Ok(Some(Stored::KeyReused)) => return key_reused(),
            Ok(_) => {}
            Err(e) => return storage_error(e),
        }
    }
    if json {
        let owner = identity.as_ref().map_or("", |i| i.sub.as_str());
        if let Err(response) = claim_uploads(&state, &case_json, owner, &mut files) {
            return response;
        }
    }
    accept(state, key, identity, case_json, files).await
}

/// The customer the portal signed the request for, where the server checks identities.
pub(super) fn signed_identity(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<Identity>, Response> {
    let Some((secret, required)) = &state.identity else {
        return Ok(None);
    };
    crate::identity::of(headers, secret, *required).map_err(|refused| {
        let message = match refused {
            crate::identity::Refused::Missing => "Sign in to the portal to file a case.",
            crate::identity::Refused::Invalid => {
                "The sign-in the page sent is not valid or has expired: sign in again."
            }
        };
        error(StatusCode::UNAUTHORIZED, "sign-in", message.into(), vec![])
    })
}

/// The case and the files that came with it, and whether it came as JSON (naming uploads).
async fn read_body(
    state: &AppState,
    request: Request,
) -> Result<(serde_json::Value, Incoming, bool), Response> {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if content_type.starts_with("multipart/form-data") {
        let multipart = Multipart::from_request(request, &()).await.map_err(|_| {
            error(
                StatusCode::BAD_REQUEST,
                "bad-request",
                "multipart/form-data needs a boundary in its Content-Type.".into(),
                vec![],
            )
        })?;
        let (case_json, files) = receive_multipart(state, multipart).await?;
        Ok((case_json, files, false))
    } else if content_type.starts_with("application/json") {
        Ok((receive_json(request).await?, Incoming(Vec::new()), true))
    } else {
        Err(error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            "send multipart/form-data, or application/json after uploading the files".into(),
            vec![],
        ))
    }
}

async fn receive_multipart(
    state: &AppState,
    mut multipart: Multipart,
) -> Result<(serde_json::Value, Incoming), Response> {
    let cap = file_cap(state);
    let most_files = all_rules(state).map(|r| r.max_files).max().unwrap_or(0);
    let mut case_json = None;
    let mut files = Incoming(Vec::new());
    loop {
        if files.0.len() > most_files + 1 {
            // One too many is for the catalog's rules to name; past that, the body is refused
            // before more files are written.
            return Err(error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too-many-parts",
                format!("A case may carry {most_files} files at most."),
                vec![],
            ));
        }
        let part = match multipart.next_field().await {
            Ok(Some(part)) => part,
            Ok(None) => break,
            Err(e) => return Err(multipart_error(e)),
        };
        match part.name() {
            Some("case") if case_json.is_none() => case_json = Some(read_case_part(part).await?),
            Some("attachments") => files.0.push(read_file_part(state, part, cap).await?),
            other => {
                let name = other.unwrap_or_default().to_owned();
                return Err(error(
                    StatusCode::BAD_REQUEST,
                    "unknown-part",
                    format!("unknown part {name:?}"),
                    vec![],
                ));
            }
        }
    }
    let case_json = case_json.ok_or_else(|| {
        error(
            StatusCode::BAD_REQUEST,
            "missing-case",
            "no \"case\" part".into(),
            vec![field("case", "error-missing")],
        )
    })?;
    Ok((case_json, files))
}

async fn read_case_part(mut part: Part<'_>) -> Result<serde_json::Value, Response> {
    let mut bytes = Vec::new();
    loop {
        match part.chunk().await {
            Ok(Some(chunk)) if bytes.len() + chunk.len() <= CASE_JSON_MAX => {
                bytes.extend_from_slice(&chunk)
            }
            Ok(Some(_)) => {
                return Err(error(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "too-large",
                    "The case part may be 1 MiB at most.".into(),
                    vec![],
                ))
            }
            Ok(None) => break,
            Err(e) => return Err(multipart_error(e)),
        }
    }
    serde_json::from_slice(&bytes).map_err(bad_json)
}

async fn read_file_part(
    state: &AppState,
    mut part: Part<'_>,
    cap: u64,
) -> Result<Received, Response> {
    let filename = part.file_name().unwrap_or("attachment").to_owned();
    let content_type = part.content_type().unwrap_or_default().to_owned();
    let mut sink = FileSink::new(state, filename, content_type, cap).await?;
    loop {
        match part.chunk().await {
            Ok(Some(chunk)) => sink.push(&chunk).await?,
            Ok(None) => break,
            Err(e) => {
                sink.abandon();
                return Err(multipart_error(e));
            }
        }
    }
    sink.finish().await
}

async fn receive_json(request: Request) -> Result<serde_json::Value, Response> {
    let bytes = axum::body::to_bytes(request.into_body(), CASE_JSON_MAX)
        .await
        .map_err(|_| {
            error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too-large",
                "A case sent as JSON may be 1 MiB at most.".into(),
                vec![],
            )
        })?;
    serde_json::from_slice(&bytes).map_err(bad_json)
}

/// The uploaded files a case sent as JSON names by their tokens.
/// The uploads a case names, each only if the case's customer uploaded it: another's token is
/// as unknown as a made-up one.
fn claim_uploads(
    state: &AppState,
    case_json: &serde_json::Value,
    owner: &str,
    files: &mut Incoming,
) -> Result<(), Response> {
    let tokens: Vec<String> = case_json["attachments"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|a| a["token"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default();
    for token in tokens {
        match state.store.upload(&token, owner).map_err(storage_error)? {
            Some(received) => files.0.push(received),
            None => {
                return Err(invalid(
                    format!("no upload with token {token:?}"),
                    vec![field("attachments", "error-attachment-unknown-token")],
                ))
            }
        }
    }
    Ok(())
}
