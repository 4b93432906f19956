//! The server's metrics in Prometheus' text format, for `--metrics-addr`. One `Metrics` per
//! server, so two servers in one process (as in tests) count apart.

use std::sync::Arc;
use std::time::Duration;

use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

use prometheus_client::encoding::text::encode;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct Reason {
    pub reason: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct Route {
    pub route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct Status {
    pub status: u16,
}

type Timings<L> = Family<L, Histogram, fn() -> Histogram>;

fn timing() -> Histogram {
    // 1 ms to about 16 s.
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

pub struct Metrics {
    registry: Registry,
    pub cases_filed: Counter,
    pub cases_refused: Family<Reason, Counter>,
    pub idempotent_replays: Counter,
    pub uploads: Counter,
    pub upload_bytes: Counter,
    pub uploads_refused: Family<Reason, Counter>,
    pub rate_limited: Counter,
    pub quota_refused: Counter,
    pub spam_refused: Counter,
    pub open_connections: Gauge,
    pub request_duration: Timings<Route>,
    pub upstream_answers: Family<Status, Counter>,
    pub upstream_duration: Histogram,
}

impl Default for Metrics {
    fn default() -> Metrics {
        let mut metrics = Metrics {
            registry: Registry::with_prefix("case_server"),
            cases_filed: Counter::default(),
            cases_refused: Family::default(),
            idempotent_replays: Counter::default(),
            uploads: Counter::default(),
            upload_bytes: Counter::default(),
            uploads_refused: Family::default(),
            rate_limited: Counter::default(),
            quota_refused: Counter::default(),
            spam_refused: Counter::default(),
            open_connections: Gauge::default(),
            request_duration: Family::new_with_constructor(timing),
            upstream_answers: Family::default(),
            upstream_duration: timing(),
        };
        metrics.register();
        metrics
    }
}

impl Metrics {
    fn register(&mut self) {
        let r = &mut self.registry;
        r.register("cases_filed", "Cases stored", self.cases_filed.clone());
        r.register(
            "cases_refused",
            "Cases refused, by the answer's error code",
            self.cases_refused.clone(),
        );
        r.register(
            "idempotent_replays",
            "Cases sent again with a known Idempotency-Key and answered with the first case",
            self.idempotent_replays.clone(),
        );
        r.register(
            "uploads",
            "Files uploaded ahead of their case",
            self.uploads.clone(),
        );
        r.register(
            "upload_bytes",
            "Bytes of files uploaded ahead of their case",
            self.upload_bytes.clone(),
        );
        r.register(
            "uploads_refused",
            "Uploads refused, by the answer's error code",
            self.uploads_refused.clone(),
        );
        r.register(
            "rate_limited",
            "Requests answered 429 by the per-client rate limit",
            self.rate_limited.clone(),
        );
        r.register(
            "quota_refused",
            "Uploads refused by the per-client upload quota",
            self.quota_refused.clone(),
        );
        r.register(
            "spam_refused",
            "Cases refused as a bot's",
            self.spam_refused.clone(),
        );
        r.register(
            "open_connections",
            "Client connections open now",
            self.open_connections.clone(),
        );
        r.register(
            "request_duration_seconds",
            "Time to answer a request, by route",
            self.request_duration.clone(),
        );
        r.register(
            "upstream_answers",
            "Answers of the backends behind --proxy, by status",
            self.upstream_answers.clone(),
        );
        r.register(
            "upstream_duration_seconds",
            "Time the backends behind --proxy took to answer",
            self.upstream_duration.clone(),
        );
    }

    pub fn refused(family: &Family<Reason, Counter>, reason: &str) {
        family
            .get_or_create(&Reason {
                reason: reason.to_owned(),
            })
            .inc();
    }

    pub fn time(&self, route: &str, took: Duration) {
        self.request_duration
            .get_or_create(&Route {
                route: route.to_owned(),
            })
            .observe(took.as_secs_f64());
    }

    /// The text a Prometheus scrape reads.
    pub fn render(&self) -> String {
        let mut text = String::new();
        // Writing into a String cannot fail.
        let _ = encode(&mut text, &self.registry);
        text
    }
}

/// `GET /metrics`, for the address `--metrics-addr` names.
pub fn router(metrics: Arc<Metrics>) -> Router {
    Router::new().route(
        "/metrics",
        get(move || async move {
            (
                [(
                    header::CONTENT_TYPE,
                    "application/openmetrics-text; version=1.0.0; charset=utf-8",
                )],
                metrics.render(),
            )
                .into_response()
        }),
    )
}
