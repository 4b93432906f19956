//! Receiving cases, in both shapes the widget sends (see `docs/wire-contract.md`):
//! - `POST /api/cases` as `multipart/form-data`: a `case` JSON part and its files;
//! - `POST /api/uploads?filename=…` with one file as the body, answered with a token, then
//!   `POST /api/cases` as `application/json` whose attachments name those tokens.

// A refusal is the response itself, made where the request is read.
#![allow(clippy::result_large_err)]

mod accept;
mod errors;
mod form_token;
mod idempotency;
mod names;
mod receive;
mod script;
mod sink;
mod upload;

use std::sync::Arc;

use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::state::AppState;

use errors::{error, storage_error};
pub use form_token::form_token;
pub use upload::upload;

/// `POST /api/cases`, with the failures `--faults` queued for it.
pub async fn create_case(State(state): State<Arc<AppState>>, request: Request) -> Response {
    let fault = state.faults.next();
    if let Some(response) = fault.and_then(crate::faults::answer) {
        return response;
    }
    if let Some(fault) = fault.filter(|f| f.kind == crate::faults::Kind::Delay) {
        tokio::time::sleep(std::time::Duration::from_millis(fault.ms)).await;
    }
    let response = receive::receive_case(state, request).await;
    match fault.map(|f| f.kind) {
        Some(crate::faults::Kind::DropAfterStore) => crate::faults::broken_connection(),
        _ => response,
    }
}

pub async fn read_case(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    match state.store.get(&id) {
        Ok(Some(case)) => Json(case).into_response(),
        Ok(None) => error(StatusCode::NOT_FOUND, "not-found", id, vec![]),
        Err(e) => storage_error(e),
    }
}

/// `GET /api/cases` (with `--expose-cases`): how many cases are stored, and their IDs.
pub async fn list_cases(State(state): State<Arc<AppState>>) -> Response {
    match state.store.ids() {
        Ok(ids) => Json(serde_json::json!({ "count": ids.len(), "ids": ids })).into_response(),
        Err(e) => storage_error(e),
    }
}
