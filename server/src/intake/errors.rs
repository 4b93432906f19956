//! The answers a request gets when it is refused or fails, in the wire's error shape and in our
//! words, never a parser's or the system's.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use case_core::wire::{CaseCreated, ErrorBody, FieldProblem};

use crate::store::StoredCase;

pub(super) fn error(
    status: StatusCode,
    error: &str,
    message: String,
    fields: Vec<FieldProblem>,
) -> Response {
    let body = ErrorBody {
        error: error.to_owned(),
        message,
        fields,
    };
    (status, Json(body)).into_response()
}

pub(super) fn field(field: &str, code: &str) -> FieldProblem {
    FieldProblem {
        field: field.to_owned(),
        code: code.to_owned(),
        args: Default::default(),
    }
}

/// A refusal of what the request says, field by field.
pub(super) fn invalid(message: String, fields: Vec<FieldProblem>) -> Response {
    error(
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
        message,
        fields,
    )
}

/// A case that is not JSON, or not a case: said in our words, not the parser's.
pub(super) fn bad_json(e: serde_json::Error) -> Response {
    let message = match e.classify() {
        serde_json::error::Category::Data => {
            "case: a member is missing, unknown or of the wrong type (see docs/case.schema.json)"
        }
        _ => "case: not valid JSON",
    };
    error(
        StatusCode::BAD_REQUEST,
        "bad-json",
        message.into(),
        vec![field("case", "error-bad-json")],
    )
}

/// A failure to store: the details go to the server's log, not to the client.
pub(super) fn storage_error(e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "storage failed");
    error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "storage",
        "The case could not be stored. Try again later.".into(),
        vec![],
    )
}

/// A multipart body that could not be read, said without the parser's own words.
pub(super) fn multipart_error(e: axum::extract::multipart::MultipartError) -> Response {
    let status = e.status();
    let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
        "The request is larger than any case may be."
    } else {
        "The multipart body is malformed or was cut off."
    };
    error(status, "bad-request", message.into(), vec![])
}

pub(super) fn created(case: &StoredCase, new: bool) -> Response {
    let body = CaseCreated {
        id: case.id.clone(),
        created_at: Some(case.created_at.clone()),
        link: None,
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

pub(super) fn key_reused() -> Response {
    error(
        StatusCode::UNPROCESSABLE_ENTITY,
        "idempotency-key-reused",
        "This Idempotency-Key was used before for another request: send a changed case under a new key."
            .into(),
        vec![],
    )
}
