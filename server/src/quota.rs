//! Per-client rate limits: each client (an IPv4 address, or an IPv6 /64) has a bucket of
//! requests that refills at a steady rate; a request finding it empty is answered 429 with the
//! seconds until the next one is allowed in `Retry-After`, which the widget honours.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::serve::client_of;

pub struct RateLimit {
    per_minute: u32,
    burst: f64,
    buckets: Mutex<HashMap<IpAddr, (f64, Instant)>>,
}

impl RateLimit {
    /// `per_minute` requests a minute per client, up to half of them at once; 0 for no limit.
    pub fn new(per_minute: u32) -> RateLimit {
        RateLimit {
            per_minute,
            burst: (f64::from(per_minute) / 2.0).max(1.0),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one request from the client's bucket, or says in how many seconds one is back.
    pub fn take(&self, client: IpAddr) -> Result<(), u64> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let Ok(mut buckets) = self.buckets.lock() else {
            return Ok(());
        };
        let now = Instant::now();
        let per_second = f64::from(self.per_minute) / 60.0;
        if buckets.len() > 100_000 {
            let burst = self.burst;
            buckets.retain(|_, (tokens, at)| {
                *tokens + now.duration_since(*at).as_secs_f64() * per_second < burst
            });
        }
        let (tokens, at) = buckets.entry(client).or_insert((self.burst, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * per_second).min(self.burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - *tokens) / per_second).ceil().max(1.0) as u64)
        }
    }
}

/// The 429 a client gets when it has sent too much.
pub fn too_many(retry_after: u64, message: &str) -> Response {
    (
        StatusCode::TOO_MANY_REQUESTS,
        [("retry-after", retry_after.to_string())],
        axum::Json(serde_json::json!({ "error": "rate-limited", "message": message })),
    )
        .into_response()
}

/// Middleware: the request counts against its client's rate limit.
pub async fn limit(State(limit): State<Arc<RateLimit>>, request: Request, next: Next) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| client_of(c.0.ip()));
    if let Some(client) = peer {
        if let Err(seconds) = limit.take(client) {
            return too_many(
                seconds,
                "Too many requests from this address: try again after the time in Retry-After.",
            );
        }
    }
    next.run(request).await
}
