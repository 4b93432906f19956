//! Spam checks: the form tokens this server issues, and what a case must show to pass.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::errors::error;
use crate::state::AppState;

/// How long a form token is good for: a draft may wait a week.
const FORM_TOKEN_DAYS: i64 = 8;

/// `GET /api/form-token`: a token signed by this server, saying when it was issued; a case
/// carries it in `spam_check.form_token`, and each token files one case.
pub async fn form_token(State(state): State<Arc<AppState>>) -> Response {
    let Some(secret) = &state.form_tokens else {
        return error(
            StatusCode::NOT_FOUND,
            "not-found",
            "Spam checks are off.".into(),
            vec![],
        );
    };
    let now = chrono::Utc::now().timestamp_millis();
    let claims = serde_json::json!({
        "iat_ms": now,
        "exp": now / 1000 + FORM_TOKEN_DAYS * 24 * 3600,
        "nonce": uuid::Uuid::new_v4().simple().to_string(),
    });
    (
        [(header::CACHE_CONTROL, "no-store")],
        Json(serde_json::json!({ "token": crate::token::sign(secret, &claims) })),
    )
        .into_response()
}

/// The spam checks a case must pass where they are on: its hidden field empty, a form token this
/// server issued and not used before, issued at least the minimum time to fill in ago. The
/// token's nonce, to be marked used with the case; a hint for the log when refused.
pub(super) fn spam_check(
    state: &AppState,
    check: Option<&case_core::wire::SpamCheck>,
) -> Result<Option<String>, String> {
    let Some(secret) = &state.form_tokens else {
        return Ok(None);
    };
    let Some(check) = check else {
        return Err("no spam check".into());
    };
    if !check.website.is_empty() {
        return Err("a field hidden from people was filled in".into());
    }
    let claims = crate::token::verify(secret, &check.form_token, crate::token::now())
        .map_err(|_| "no valid form token".to_owned())?;
    let issued = claims["iat_ms"].as_i64().unwrap_or(i64::MAX);
    let took = chrono::Utc::now().timestamp_millis() - issued;
    if took < state.min_fill_ms as i64 {
        return Err(format!("filled in {} ms", took.max(0)));
    }
    let nonce = claims["nonce"].as_str().unwrap_or_default();
    Ok(Some(nonce.to_owned()))
}
