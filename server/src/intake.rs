//! `POST /api/cases`: the default wire contract (see `docs/wire-contract.md`).

use std::sync::Arc;

use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use case_core::draft::AttachmentMeta;
use case_core::rules::Rules;
use case_core::validate::validate_all;
use case_core::wire::{CaseCreated, CasePayload, ErrorBody, FieldProblem};
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use crate::store::{Received, StoredCase};
use crate::AppState;

fn error(status: StatusCode, error: &str, message: String, fields: Vec<FieldProblem>) -> Response {
    let body = ErrorBody {
        error: error.to_owned(),
        message,
        fields,
    };
    (status, Json(body)).into_response()
}

fn field(field: &str, code: &str) -> FieldProblem {
    FieldProblem {
        field: field.to_owned(),
        code: code.to_owned(),
    }
}

fn bad_json(e: serde_json::Error) -> Response {
    error(
        StatusCode::BAD_REQUEST,
        "bad-json",
        format!("case: {e}"),
        vec![field("case", "error-bad-json")],
    )
}

fn created(case: &StoredCase, new: bool) -> Response {
    let body = CaseCreated {
        id: case.id.clone(),
        created_at: Some(case.created_at.clone()),
    };
    if new {
        (StatusCode::CREATED, Json(body)).into_response()
    } else {
        (
            StatusCode::OK,
            [("idempotent-replayed", "true")],
            Json(body),
        )
            .into_response()
    }
}

/// Files received so far; removed from disk unless their case is stored.
struct Incoming(Vec<Received>);

impl Drop for Incoming {
    fn drop(&mut self) {
        for f in &self.0 {
            let _ = std::fs::remove_file(&f.temp_path);
        }
    }
}

/// The largest file any catalog accepts: the hard cap while a file streams in.
fn file_cap(state: &AppState) -> u64 {
    state
        .catalogs
        .values()
        .flat_map(|c| {
            std::iter::once(&c.attachments)
                .chain(c.case_types.iter().filter_map(|t| t.attachments.as_ref()))
        })
        .map(|r| r.max_bytes)
        .max()
        .unwrap_or(0)
}

async fn receive_file(
    state: &AppState,
    mut part: axum::extract::multipart::Field<'_>,
    cap: u64,
) -> Result<Received, Response> {
    let filename = part.file_name().unwrap_or("attachment").to_owned();
    let content_type = part
        .content_type()
        .unwrap_or("application/octet-stream")
        .to_owned();
    let temp_path = state.store.incoming_path();
    let io_error = |e: std::io::Error| {
        error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "storage",
            e.to_string(),
            vec![],
        )
    };
    let mut file = tokio::fs::File::create(&temp_path)
        .await
        .map_err(io_error)?;
    let mut received = Received {
        filename,
        content_type,
        size: 0,
        sha256: String::new(),
        temp_path,
    };
    let mut hasher = Sha256::new();
    loop {
        let chunk = match part.chunk().await {
            Ok(Some(chunk)) => chunk,
            Ok(None) => break,
            Err(e) => {
                let _ = std::fs::remove_file(&received.temp_path);
                return Err(error(e.status(), "bad-request", e.body_text(), vec![]));
            }
        };
        received.size += chunk.len() as u64;
        if received.size > cap {
            let _ = std::fs::remove_file(&received.temp_path);
            return Err(error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too-large",
                format!("{} is larger than {cap} bytes", received.filename),
                vec![field("attachments", "error-attachment-too-large")],
            ));
        }
        hasher.update(&chunk);
        if let Err(e) = file.write_all(&chunk).await {
            let _ = std::fs::remove_file(&received.temp_path);
            return Err(io_error(e));
        }
    }
    if let Err(e) = file.sync_all().await {
        let _ = std::fs::remove_file(&received.temp_path);
        return Err(io_error(e));
    }
    received.sha256 = hex::encode(hasher.finalize());
    Ok(received)
}

pub async fn create_case(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> Response {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= 255)
        .map(str::to_owned);
    if let Some(key) = &key {
        match state.store.find_by_key(key) {
            Ok(Some(case)) => return created(&case, false),
            Ok(None) => {}
            Err(e) => return error(StatusCode::INTERNAL_SERVER_ERROR, "storage", e, vec![]),
        }
    }

    let cap = file_cap(&state);
    let mut case_json: Option<serde_json::Value> = None;
    let mut files = Incoming(Vec::new());
    loop {
        let part = match multipart.next_field().await {
            Ok(Some(part)) => part,
            Ok(None) => break,
            Err(e) => return error(e.status(), "bad-request", e.body_text(), vec![]),
        };
        match part.name() {
            Some("case") => match part.bytes().await {
                Ok(bytes) => match serde_json::from_slice(&bytes) {
                    Ok(json) => case_json = Some(json),
                    Err(e) => return bad_json(e),
                },
                Err(e) => return error(e.status(), "bad-request", e.body_text(), vec![]),
            },
            Some("attachments") => match receive_file(&state, part, cap).await {
                Ok(received) => files.0.push(received),
                Err(response) => return response,
            },
            other => {
                let name = other.unwrap_or_default().to_owned();
                return error(
                    StatusCode::BAD_REQUEST,
                    "unknown-part",
                    format!("unknown part {name:?}"),
                    vec![],
                );
            }
        }
    }
    let Some(case_json) = case_json else {
        return error(
            StatusCode::BAD_REQUEST,
            "missing-case",
            "no \"case\" part".into(),
            vec![field("case", "error-missing")],
        );
    };
    let payload: CasePayload = match serde_json::from_value(case_json.clone()) {
        Ok(p) => p,
        Err(e) => return bad_json(e),
    };
    let Some(catalog) = state.catalogs.get(&payload.catalog) else {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            "unknown catalog".into(),
            vec![field("catalog", "error-choice-unknown")],
        );
    };
    let rules = Rules::new(catalog, &payload.plan);
    if !rules.plan_is_known() {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            "unknown plan".into(),
            vec![field("plan", "error-choice-unknown")],
        );
    }
    // What arrived is the truth about the files; the declared metadata must agree with it.
    let mut answers = payload.to_answers();
    answers.attachments = files
        .0
        .iter()
        .map(|f| AttachmentMeta {
            name: f.filename.clone(),
            size: f.size,
            content_type: f.content_type.clone(),
        })
        .collect();
    let declared: Vec<&str> = payload
        .attachments
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    let arrived: Vec<&str> = answers
        .attachments
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    let mut problems: Vec<FieldProblem> = validate_all(&rules, &answers)
        .into_iter()
        .map(|e| field(&e.field, e.code))
        .collect();
    if declared != arrived {
        problems.push(field("attachments", "error-attachment-mismatch"));
    }
    if !problems.is_empty() {
        let status = if problems
            .iter()
            .any(|p| p.code == "error-attachment-too-large")
        {
            StatusCode::PAYLOAD_TOO_LARGE
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let names: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        return error(
            status,
            "validation",
            format!("invalid: {}", names.join(", ")),
            problems,
        );
    }

    let received = std::mem::take(&mut files.0);
    let stored = tokio::task::spawn_blocking(move || {
        state.store.insert(key.as_deref(), &case_json, received)
    })
    .await;
    match stored {
        Ok(Ok((case, new))) => created(&case, new),
        Ok(Err(e)) => error(StatusCode::INTERNAL_SERVER_ERROR, "storage", e, vec![]),
        Err(e) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "storage",
            e.to_string(),
            vec![],
        ),
    }
}

pub async fn read_case(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    match state.store.get(&id) {
        Ok(Some(case)) => Json(case).into_response(),
        Ok(None) => error(StatusCode::NOT_FOUND, "not-found", id, vec![]),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, "storage", e, vec![]),
    }
}
