//! Failures on purpose, for tests of what the widget does under them: with `--faults`,
//! `POST /api/_faults` with `{"kind": "...", "count": N}` makes the next N case requests fail.
//!
//! - `drop-before-store`: the connection breaks before anything is stored;
//! - `drop-after-store`: the case is stored, then the connection breaks before the answer;
//! - `unavailable`: `503` with `Retry-After: 1`;
//! - `rate-limited`: `429` with `Retry-After: 1`;
//! - `delay`: the answer comes `ms` milliseconds late (past a client's timeout);
//! - `hostile`: a `422` whose message and field code are markup;
//! - `panic`: the handler panics (the server answers 500 and goes on);
//! - `clear`: forgets every queued fault.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    DropBeforeStore,
    DropAfterStore,
    Unavailable,
    RateLimited,
    Delay,
    Hostile,
    Panic,
    Clear,
}

#[derive(Clone, Copy, Debug, Deserialize)]
pub struct Fault {
    pub kind: Kind,
    #[serde(default = "one")]
    pub count: u32,
    #[serde(default)]
    pub ms: u64,
}

fn one() -> u32 {
    1
}

#[derive(Default)]
pub struct Queue(Mutex<VecDeque<Fault>>);

impl Queue {
    /// The fault for the request now arriving, if one is queued.
    pub fn next(&self) -> Option<Fault> {
        let mut queue = self.0.lock().ok()?;
        let front = queue.front_mut()?;
        let fault = *front;
        front.count -= 1;
        if front.count == 0 {
            queue.pop_front();
        }
        Some(fault)
    }
}

pub async fn queue(State(faults): State<Arc<Queue>>, Json(fault): Json<Fault>) -> Response {
    if let Ok(mut queue) = faults.0.lock() {
        if fault.kind == Kind::Clear {
            queue.clear();
        } else if fault.count > 0 {
            queue.push_back(fault);
        }
    }
    StatusCode::NO_CONTENT.into_response()
}

/// A response whose body breaks off: the client sees the connection fail.
pub fn broken_connection() -> Response {
    let stream = futures_util::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::other("fault: connection dropped"))
    });
    Response::new(Body::from_stream(stream))
}

/// The answer a fault gives in place of the real one, for faults that answer at once.
pub fn answer(fault: Fault) -> Option<Response> {
    let retry = |status| {
        (
            status,
            [("retry-after", "1")],
            Json(serde_json::json!({ "error": "try-later", "message": "" })),
        )
            .into_response()
    };
    match fault.kind {
        Kind::Unavailable => Some(retry(StatusCode::SERVICE_UNAVAILABLE)),
        Kind::RateLimited => Some(retry(StatusCode::TOO_MANY_REQUESTS)),
        Kind::DropBeforeStore => Some(broken_connection()),
        Kind::Panic => panic!("fault: a handler panicked on purpose"),
        Kind::Hostile => Some(
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(serde_json::json!({
                    "error": "validation",
                    "message": "<img src=x onerror=\"window.pwned=5\">",
                    "fields": [{ "field": "subject", "code": "<script>window.pwned=6</script>" }]
                })),
            )
                .into_response(),
        ),
        Kind::DropAfterStore | Kind::Delay | Kind::Clear => None,
    }
}
