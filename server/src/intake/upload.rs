//! `POST /api/uploads`: one file kept until a case names it by its token.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use case_core::attachment::check;
use case_core::catalog::AttachmentRules;
use case_core::draft::AttachmentMeta;
use case_core::rules::Rules;
use case_core::wire::FieldProblem;
use futures_util::StreamExt;
use serde::Serialize;

use super::errors::{error, field, invalid, storage_error};
use super::names::clean_name;
use super::receive::signed_identity;
use super::script::refuse_script;
use super::sink::{file_cap, FileSink};
use crate::observe::Event;
use crate::state::AppState;
use crate::store::{remove_arrived, Received};

#[derive(Serialize)]
struct Uploaded {
    token: String,
    name: String,
    size: u64,
    #[serde(rename = "type")]
    content_type: String,
    sha256: String,
}

/// `POST /api/uploads?filename=…[&catalog=…&case_type=…]`: one file as the request body.
pub async fn upload(
    State(state): State<Arc<AppState>>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    // Where cases need a signed identity, so do uploads, and only its customer's case may
    // claim one.
    let owner = match signed_identity(&state, &headers) {
        Ok(identity) => identity.map(|i| i.sub).unwrap_or_default(),
        Err(response) => return response,
    };
    let client = peer
        .map(|p| crate::serve::client_of(p.0 .0.ip()).to_string())
        .unwrap_or_default();
    if let Err(response) = within_quota(&state, &client) {
        return response;
    }
    let filename = query.get("filename").cloned().unwrap_or_default();
    if filename.trim().is_empty() {
        return error(
            StatusCode::BAD_REQUEST,
            "missing-filename",
            "give the file's name as ?filename=".into(),
            vec![field("attachments", "error-missing")],
        );
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let limits = limits(&state, &query);
    let sink = FileSink::new(
        &state,
        clean_name(&filename),
        content_type,
        limits.max_bytes,
    );
    let sink = match sink.await {
        Ok(sink) => sink,
        Err(response) => return response,
    };
    let received = match receive(sink, body).await {
        Ok(received) => received,
        Err(response) => return response,
    };
    // One file on its own: nothing attached before it.
    if let Some(refused) = refuse(&limits, &received) {
        let name = received.filename.clone();
        remove_arrived(&[received]);
        return invalid(format!("{name} refused"), vec![refused]);
    }
    keep(state, received, client, owner).await
}

/// Refuses the upload when this client's unclaimed uploads fill its quota.
fn within_quota(state: &AppState, client: &str) -> Result<(), Response> {
    match state.store.unclaimed_bytes(client) {
        Ok(used) if used >= state.upload_quota => {
            let mut refused = crate::quota::too_many(
                600,
                "This address has uploaded as many files as a case may wait for: file the case, or try again later.",
            );
            refused.extensions_mut().insert(Event::QuotaRefused);
            Err(refused)
        }
        Ok(_) => Ok(()),
        Err(e) => Err(storage_error(e)),
    }
}

/// The rules of the catalog and case type the upload names; without a catalog, any type up to
/// the largest file any catalog accepts.
fn limits(state: &AppState, query: &HashMap<String, String>) -> AttachmentRules {
    match query.get("catalog").and_then(|id| state.catalogs.get(id)) {
        Some(catalog) => {
            let case_type = query.get("case_type").cloned().unwrap_or_default();
            Rules::new(catalog, "")
                .attachments(Some(&case_type))
                .clone()
        }
        None => AttachmentRules {
            max_bytes: file_cap(state),
            ..AttachmentRules::default()
        },
    }
}

/// The body streamed into the sink.
async fn receive(mut sink: FileSink, body: Body) -> Result<Received, Response> {
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        match chunk {
            Ok(chunk) => sink.push(&chunk).await?,
            Err(_) => {
                sink.abandon();
                return Err(error(
                    StatusCode::BAD_REQUEST,
                    "bad-request",
                    "The file's body broke off or stalled.".into(),
                    vec![],
                ));
            }
        }
    }
    sink.finish().await
}

/// Why the file cannot be attached: script in SVG, then what `attachment::check` finds.
fn refuse(limits: &AttachmentRules, received: &Received) -> Option<FieldProblem> {
    let meta = AttachmentMeta {
        name: received.filename.clone(),
        size: received.size,
        content_type: received.content_type.clone(),
        token: String::new(),
    };
    refuse_script(received).or_else(|| {
        check(limits, &[], &meta, &received.leading).map(|refusal| FieldProblem::from(&refusal))
    })
}

/// Keeps the file and answers with its token.
async fn keep(state: Arc<AppState>, received: Received, client: String, owner: String) -> Response {
    let answer = Uploaded {
        token: String::new(),
        name: received.filename.clone(),
        size: received.size,
        content_type: received.content_type.clone(),
        sha256: received.sha256.clone(),
    };
    let stored =
        tokio::task::spawn_blocking(move || state.store.insert_upload(received, &client, &owner))
            .await;
    match stored {
        Ok(Ok(token)) => (StatusCode::CREATED, Json(Uploaded { token, ..answer })).into_response(),
        Ok(Err(e)) => storage_error(e),
        Err(e) => storage_error(e),
    }
}
