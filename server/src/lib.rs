//! The reference intake server: receives cases in the widget's default wire contract, validates
//! them again with the same catalog rules as the widget, and stores each case and its attachment
//! bytes durably (SQLite plus one file per attachment). It also serves the built widget.

mod articles;
mod check;
mod config;
mod faults;
mod files;
mod health;
mod identity;
mod intake;
mod observe;
mod phone;
mod proxy;
mod quota;
pub mod serve;
mod state;
mod store;
pub mod token;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderName, HeaderValue, Method};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use case_core::Catalog;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeFile;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::RequestBodyTimeoutLayer;

pub use state::AppState;
pub use store::Store;

pub use check::check_catalogs;
pub use config::{Config, USAGE};
pub use observe::Metrics;

/// Reads every `*.json` in `dir` as a catalog; a bad catalog stops the server with its problems.
pub fn load_catalogs(dir: &std::path::Path) -> Result<HashMap<String, Catalog>, String> {
    let mut catalogs = HashMap::new();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "json") {
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let catalog =
                Catalog::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            catalogs.insert(catalog.id.clone(), catalog);
        }
    }
    Ok(catalogs)
}

/// The largest request a case may need: every file at the largest size any catalog allows.
fn body_limit(catalogs: &HashMap<String, Catalog>) -> usize {
    let per_case = catalogs
        .values()
        .flat_map(|c| c.attachment_rules())
        .map(|r| r.max_bytes as usize * r.max_files)
        .max()
        .unwrap_or(0);
    per_case + 1024 * 1024
}

pub fn router(state: Arc<AppState>, config: &Config, metrics: Arc<Metrics>) -> Router {
    let limit = body_limit(&state.catalogs);
    let rate_limit = Arc::new(quota::RateLimit::new(config.rate_limit));
    let mut api = Router::new()
        .route("/api/cases", post(intake::create_case))
        .route("/api/uploads", post(intake::upload))
        .route("/api/form-token", get(intake::form_token))
        .route_layer(axum::middleware::from_fn_with_state(
            rate_limit,
            quota::limit,
        ));
    if config.faults {
        let queue = Router::new()
            .route("/api/_faults", post(faults::queue))
            .with_state(state.faults.clone());
        api = api.merge(queue);
    }
    if state.expose_cases {
        api = api
            .route("/api/cases/{id}", get(intake::read_case))
            .route("/api/cases", get(intake::list_cases));
    }
    // Cases hold personal data: no browser or shared cache keeps an answer about one.
    let api = api
        .route_layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .route("/api/articles", get(articles::search))
        .route("/readyz", get(health::readyz));
    let api = api
        .layer(DefaultBodyLimit::max(limit))
        .layer(cors(&config.cors_origins))
        .with_state(state);
    let mut app = Router::new().merge(api).merge(playground(&config.dist));
    app = proxies(app, config, limit);
    if let (true, Some(session)) = (config.demo_sign_in, config.proxy_session.clone()) {
        app =
            app.route(
                "/demo/sign-in",
                get(
                    move |query: axum::extract::Query<
                        std::collections::HashMap<String, String>,
                    >| async move {
                        proxy::demo_sign_in(&session, query.get("page").map(String::as_str))
                    },
                ),
            );
    }
    app.route("/healthz", get(|| async { "ok" }))
        .merge(files::router(&config.dist, config.stable_max_age))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(RequestBodyTimeoutLayer::new(config.body_idle))
        .layer(axum::middleware::from_fn_with_state(
            config.limits.max_header_bytes,
            serve::head_limit,
        ))
        .layer(CatchPanicLayer::custom(panicked))
        .layer(axum::middleware::from_fn_with_state(
            metrics,
            observe::request::observe,
        ))
}

/// `--proxy`: each prefix passed on to its backend through one gate, with its own rate limit.
fn proxies(mut app: Router, config: &Config, case_limit: usize) -> Router {
    let client = proxy::client();
    let proxy_limit = Arc::new(quota::RateLimit::new(config.proxy_rate_limit));
    let gate = Arc::new(proxy::Gate {
        allowed: config.proxy_allowed.clone(),
        session: config.proxy_session.clone(),
        authorization: config.proxy_authorization.clone(),
        pass_authorization: config.proxy_pass_authorization,
        // A profile may send files as base64 inside JSON: a third larger than the bytes.
        body_limit: case_limit / 3 * 4 + 1024 * 1024,
        timeout: config.proxy_timeout,
    });
    for target in &config.proxies {
        let (target, client, gate) = (target.clone(), client.clone(), gate.clone());
        app = app.route(
            &format!("{}{{*rest}}", target.prefix),
            axum::routing::any(move |request| async move {
                proxy::forward(&target, &gate, &client, request).await
            })
            .layer(DefaultBodyLimit::disable())
            .layer(axum::middleware::from_fn_with_state(
                proxy_limit.clone(),
                quota::limit,
            )),
        );
    }
    app
}

/// A handler that panicked answers 500 and the server goes on.
fn panicked(_: Box<dyn std::any::Any + Send + 'static>) -> axum::response::Response {
    let body =
        serde_json::json!({ "error": "internal", "message": "The server failed on this request." });
    (
        axum::http::StatusCode::INTERNAL_SERVER_ERROR,
        axum::Json(body),
    )
        .into_response()
}

/// What every page and file the server sends may load: its own scripts, styles and data only, no
/// inline script or style.
const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:";

/// The playground's policy: the same, and the widget may also read a catalog the portal owner
/// picked from disk, which the page hands it as a `blob:` URL.
const PLAYGROUND_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self' blob:; img-src 'self' data:";

/// `/case-widget/playground.html`, the page where portal owners try catalogs, with its own policy.
fn playground(dist: &std::path::Path) -> Router {
    Router::new()
        .route_service(
            "/case-widget/playground.html",
            ServeFile::new(dist.join("playground.html")),
        )
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(PLAYGROUND_CSP),
        ))
}

fn cors(origins: &[String]) -> CorsLayer {
    let origins: Vec<HeaderValue> = origins.iter().filter_map(|o| o.parse().ok()).collect();
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::POST, Method::GET])
        .allow_headers([
            header::CONTENT_TYPE,
            header::AUTHORIZATION,
            HeaderName::from_static("idempotency-key"),
            HeaderName::from_static("x-csrf-token"),
        ])
        .expose_headers([header::RETRY_AFTER, HeaderName::from_static("x-request-id")])
        .allow_credentials(true)
}

/// The whole server for `config`: its catalogs and store opened, its routes ready to serve,
/// counting into `metrics`.
pub fn app(config: &Config, metrics: Arc<Metrics>) -> Result<Router, String> {
    let catalogs = load_catalogs(&config.catalogs)?;
    let store = Store::open(&config.data).map_err(|e| format!("{}: {e}", config.data.display()))?;
    let articles = articles::load(&config.catalogs, &catalogs)?;
    let state = Arc::new(AppState {
        catalogs,
        store,
        expose_cases: config.expose_cases,
        faults: Arc::default(),
        min_fill_ms: config.min_fill_ms,
        upload_quota: config.upload_quota,
        form_tokens: config
            .spam_checks
            .then(|| store::form_token_secret(&config.data))
            .transpose()?,
        identity: config
            .identity_secret
            .clone()
            .map(|secret| (secret, config.require_identity)),
        articles,
        ready_min_free_mib: config.ready_min_free_mib,
    });
    // Unclaimed uploads expire: now, and every minute while the server runs.
    let _ = state.store.expire_uploads(config.upload_ttl);
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        let (sweeping, ttl) = (Arc::downgrade(&state), config.upload_ttl);
        runtime.spawn(async move {
            let mut every = tokio::time::interval(Duration::from_secs(60));
            loop {
                every.tick().await;
                let Some(state) = sweeping.upgrade() else {
                    break;
                };
                let _ = tokio::task::spawn_blocking(move || state.store.expire_uploads(ttl)).await;
            }
        });
    }
    Ok(router(state, config, metrics))
}

/// What the demo and test switches that are on do, one warning each, for the start-up output.
pub fn warnings(config: &Config) -> Vec<String> {
    let mut said = Vec::new();
    let mut warn = |on: bool, text: &str| {
        if on {
            said.push(format!("case-server: WARNING: {text}"));
        }
    };
    warn(config.expose_cases, "--expose-cases serves every stored case, personal data included, without sign-in, to anyone on this machine: for demos and tests only");
    warn(
        config.faults,
        "--faults lets anyone on this machine make the next case requests fail: for tests only",
    );
    warn(config.demo_sign_in, "--demo-sign-in hands the portal's session cookie to anyone on this machine who asks: for the demo only");
    warn(config.proxy_without_session, "--proxy-without-session passes requests on with the portal's credential for anyone: for tests only");
    warn(
        !config.spam_checks,
        "--no-spam-checks takes cases without form tokens: for demos and tests only",
    );
    said
}

/// Starts the server; prints `listening on http://ADDR` once it accepts connections (and
/// `metrics on http://ADDR/metrics` with `--metrics-addr`).
pub async fn run(config: Config) -> Result<(), String> {
    observe::log::init(config.log_format);
    for warning in warnings(&config) {
        tracing::warn!("{warning}");
    }
    // Loads the phone numbering metadata now rather than in the first customer's request.
    let _ = phone::to_e164("US", "");
    let metrics = Arc::new(Metrics::default());
    let app = app(&config, metrics.clone())?;
    let listener = bind(config.addr).await?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    if let Some(metrics_addr) = config.metrics_addr {
        let listener = bind(metrics_addr).await?;
        let at = listener.local_addr().map_err(|e| e.to_string())?;
        println!("metrics on http://{at}/metrics");
        let scrape = observe::metrics::router(metrics.clone());
        tokio::spawn(async move { axum::serve(listener, scrape).await });
    }
    tracing::info!(addr = %addr, version = env!("CARGO_PKG_VERSION"), "started");
    println!("listening on http://{addr}");
    let open = metrics.open_connections.clone();
    serve::serve(
        listener,
        app,
        config.limits.clone(),
        open,
        serve::stop_signal(),
    )
    .await;
    tracing::info!("stopped");
    Ok(())
}

async fn bind(addr: std::net::SocketAddr) -> Result<tokio::net::TcpListener, String> {
    tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("{addr}: {e}"))
}
