//! The middleware every request passes: it gives the request an id (the `x-request-id` answer
//! header, and `request_id` in error bodies, so a customer's "something went wrong" can be found
//! in the log), writes its one log line and moves the metrics by what the answer says.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::{to_bytes, Body, HttpBody};
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use serde_json::Value;
use tracing::Instrument;

use super::metrics::Metrics;

/// A request's id: short, random, and the same in its answer and in every log line it leaves.
#[derive(Clone, Debug)]
struct RequestId(String);

impl RequestId {
    fn new() -> RequestId {
        RequestId(uuid::Uuid::new_v4().simple().to_string()[..16].to_owned())
    }
}

/// What a handler adds to its answer for what the answer itself does not show.
#[derive(Clone, Debug)]
pub enum Event {
    /// A proxied request's backend answered with this status after this long.
    Upstream { status: u16, took: Duration },
    /// An upload refused by the per-client upload quota rather than the rate limit.
    QuotaRefused,
}

/// Our own JSON answers are small; a larger one is passed on unread.
const READ_AT_MOST: usize = 64 * 1024;

/// What the log and the metrics read from one of our own JSON answers.
#[derive(Default)]
struct Answer {
    code: Option<String>,
    case_id: Option<String>,
    size: Option<u64>,
}

pub async fn observe(
    State(metrics): State<Arc<Metrics>>,
    request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let id = RequestId::new();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "other".to_owned(), |m| route_label(m.as_str()));
    let client = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_default();
    // What a handler logs carries the request's id.
    let span = tracing::info_span!("request", request_id = %id.0);
    let response = next.run(request).instrument(span).await;
    let (mut response, answer) = read_answer(response, &path, &id).await;
    if let Ok(value) = HeaderValue::from_str(&id.0) {
        response.headers_mut().insert("x-request-id", value);
    }
    let took = started.elapsed();
    let event = response.extensions().get::<Event>().cloned();
    count(&metrics, &method, &path, &response, &answer, event.as_ref());
    metrics.time(&route, took);
    let (upstream_status, upstream_ms) = match event {
        Some(Event::Upstream { status, took }) => (Some(status), Some(took.as_millis() as u64)),
        _ => (None, None),
    };
    tracing::info!(
        request_id = %id.0,
        method = %method,
        path = %path,
        status = response.status().as_u16(),
        duration_ms = took.as_millis() as u64,
        client = %client,
        case_id = answer.case_id.as_deref(),
        reason = answer.code.as_deref(),
        upstream_status,
        upstream_ms,
        "request"
    );
    response
}

/// A route's pattern as a metric label: the proxy's and the files' catch-alls by their prefix.
fn route_label(pattern: &str) -> String {
    match pattern.find('{') {
        Some(at) if pattern[at..].starts_with("{*") => format!("{}*", &pattern[..at]),
        _ => pattern.to_owned(),
    }
}

/// Reads one of our own small JSON answers (never a proxied one) for its error code, case id or
/// upload size, and adds the request id to an error body.
async fn read_answer(response: Response, path: &str, id: &RequestId) -> (Response, Answer) {
    let json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"application/json"));
    let small = response
        .body()
        .size_hint()
        .upper()
        .is_some_and(|l| l <= READ_AT_MOST as u64);
    // A proxied answer is the backend's, whatever its path: passed on unread.
    let proxied = matches!(
        response.extensions().get::<Event>(),
        Some(Event::Upstream { .. })
    );
    if !path.starts_with("/api/") || !json || !small || proxied {
        return (response, Answer::default());
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, READ_AT_MOST).await else {
        parts.status = StatusCode::INTERNAL_SERVER_ERROR;
        parts.headers.remove(header::CONTENT_LENGTH);
        parts.headers.remove(header::CONTENT_TYPE);
        return (
            Response::from_parts(parts, Body::empty()),
            Answer::default(),
        );
    };
    let Ok(Value::Object(mut object)) = serde_json::from_slice::<Value>(&bytes) else {
        return (
            Response::from_parts(parts, Body::from(bytes)),
            Answer::default(),
        );
    };
    let text = |key: &str| object.get(key).and_then(Value::as_str).map(str::to_owned);
    let answer = Answer {
        code: text("error"),
        case_id: text("id"),
        size: object.get("size").and_then(Value::as_u64),
    };
    if !parts.status.is_client_error() && !parts.status.is_server_error() {
        return (Response::from_parts(parts, Body::from(bytes)), answer);
    }
    object.insert("request_id".into(), Value::String(id.0.clone()));
    let body = serde_json::to_vec(&object).unwrap_or_default();
    parts.headers.remove(header::CONTENT_LENGTH);
    (Response::from_parts(parts, Body::from(body)), answer)
}

fn count(
    metrics: &Metrics,
    method: &Method,
    path: &str,
    response: &Response,
    answer: &Answer,
    event: Option<&Event>,
) {
    let status = response.status();
    let code = answer.code.as_deref().unwrap_or("");
    match event {
        Some(Event::Upstream { status, took }) => {
            metrics
                .upstream_answers
                .get_or_create(&super::metrics::Status { status: *status })
                .inc();
            metrics.upstream_duration.observe(took.as_secs_f64());
        }
        Some(Event::QuotaRefused) => {
            metrics.quota_refused.inc();
        }
        None if status == StatusCode::TOO_MANY_REQUESTS && code == "rate-limited" => {
            metrics.rate_limited.inc();
        }
        None => {}
    }
    if code == "spam-suspected" {
        metrics.spam_refused.inc();
    }
    if method != Method::POST {
        return;
    }
    let refused = status.is_client_error() || status.is_server_error();
    let reason = if code.is_empty() {
        status.as_str()
    } else {
        code
    };
    match path {
        "/api/cases" if refused => Metrics::refused(&metrics.cases_refused, reason),
        "/api/cases" if status == StatusCode::CREATED => {
            metrics.cases_filed.inc();
        }
        "/api/cases" if response.headers().contains_key("idempotent-replayed") => {
            metrics.idempotent_replays.inc();
        }
        "/api/uploads" if refused => Metrics::refused(&metrics.uploads_refused, reason),
        "/api/uploads" if status == StatusCode::CREATED => {
            metrics.uploads.inc();
            metrics.upload_bytes.inc_by(answer.size.unwrap_or(0));
        }
        _ => {}
    }
}
