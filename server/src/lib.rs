//! The reference intake server: receives cases in the widget's default wire contract, validates
//! them again with the same catalog rules as the widget, and stores each case and its attachment
//! bytes durably (SQLite plus one file per attachment). It also serves the built widget.

mod articles;
mod check;
mod faults;
mod files;
mod identity;
mod intake;
mod phone;
mod proxy;
mod quota;
pub mod serve;
mod store;
pub mod token;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
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

pub use store::Store;

pub use check::check_catalogs;

pub const USAGE: &str = "usage: case-server check-catalog FILE...
       case-server catalog-schema
       case-server --help
       case-server [--addr 127.0.0.1:8080] [--data DIR] [--catalogs DIR] [--dist DIR]
                   [--cors-origin ORIGIN]... [--min-fill-seconds N]
                   [--identity-secret-file FILE [--require-identity]] [--no-spam-checks]
                   [--proxy PREFIX=URL]... [--proxy-allow \"METHOD /PATH\"]...
                   [--proxy-session-secret-file FILE]
                   [--proxy-session-header NAME | --proxy-session-cookie NAME]
                   [--proxy-authorization-file FILE] [--proxy-timeout-seconds N]
                   [--max-connections N] [--max-connections-per-client N]
                   [--header-timeout-seconds N] [--body-idle-seconds N] [--shutdown-seconds N]
                   [--rate-limit N] [--upload-quota-mib N] [--upload-hours N]
                   [--stable-max-age-seconds N]
                   [--expose-cases] [--faults]

  --addr          where to listen (default 127.0.0.1:8080; port 0 picks a free port)
  --data          where cases and attachments are stored (default ./data)
  --catalogs      folder of catalog JSON files, by their id (default ./public/catalog)
  --dist          the built widget to serve under /case-widget/ and / (default ./dist)
  --cors-origin   an origin allowed to post cases from another site (repeatable)
  --min-fill-seconds  refuse a case sent sooner than this after its form token was issued,
                  as a bot would send it (default 3; 0 turns it off)
  --identity-secret-file  the secret the portal signs its customers' identities with: a case
                  sent with `Authorization: Bearer TOKEN` is filed with the plan, name, e-mail,
                  accounts and entitlements the token signs, not those the case says
  --require-identity  refuse cases without a valid signed identity (401)
  --no-spam-checks  DEMOS AND TESTS ONLY: take cases without a valid form token
  --proxy         pass requests under PREFIX on to URL, e.g. /REST/2.0/=http://127.0.0.1:9311/REST/2.0/
                  for a helpdesk on this origin, as a portal's reverse proxy would (repeatable)
  --proxy-allow   a request the proxies pass on, as method and exact path, e.g.
                  \"POST /REST/2.0/ticket\" (repeatable; nothing else is passed on)
  --proxy-session-secret-file  the secret the portal signs its session proofs with (HS256
                  tokens with an expiry); requests without a valid proof are refused with 401
  --proxy-session-header  the header the page carries the proof in (default X-Portal-Session)
  --proxy-session-cookie  or the cookie the portal keeps it in
  --proxy-without-session  TESTS ONLY: pass requests on without a session proof
  --demo-sign-in  DEMO ONLY: GET /demo/sign-in hands out the session cookie
                  (--proxy-session-cookie) to anyone who asks, then opens the RT demo page
                  (?page=redmine: the Redmine one)
  --proxy-authorization-file  an Authorization header value (e.g. `token …`) the proxies add
                  to requests that carry none: the portal's own credential, kept on the server
  --proxy-timeout-seconds  how long the backend may take to answer, and a body may stay idle
                  (default 60)
  --max-connections  connections open at once (default 1024, kept below the open file limit)
  --max-connections-per-client  from one address, or one IPv6 /64 (default 64; 0 for no limit,
                  e.g. behind a reverse proxy, where every client has the proxy's address)
  --header-timeout-seconds  how long a request's head may take to arrive (default 10)
  --body-idle-seconds  how long a request body may send nothing (default 20)
  --shutdown-seconds  on Ctrl-C or SIGTERM, how long requests under way may take (default 10)
  --rate-limit    case, upload and form token requests a minute per client; beyond, 429 with
                  Retry-After (default 60; 0 turns it off)
  --upload-quota-mib  bytes of files one client may have uploaded and not yet claimed by a
                  case (default 100)
  --upload-hours  how long an uploaded file waits for its case before it is removed (default 1)
  --stable-max-age-seconds  how long browsers may use the widget's files without a hash in their
                  name (its loader case-widget.js, pages, catalogs, profiles) before asking again:
                  how soon a release reaches returning visitors (default 300)
  --expose-cases  serve GET /api/cases and /api/cases/{id}, for demos and tests only
  --faults        serve POST /api/_faults, which makes the next case requests fail on purpose
                  (tests only; see server/src/faults.rs)

  check-catalog   say everything wrong with catalog files, each problem with where it is;
                  exits 1 when any file has one
  catalog-schema  print the JSON Schema of a catalog, as in docs/catalog.schema.json";

#[derive(Clone, Debug)]
pub struct Config {
    pub addr: SocketAddr,
    pub data: PathBuf,
    pub catalogs: PathBuf,
    pub dist: PathBuf,
    pub cors_origins: Vec<String>,
    pub expose_cases: bool,
    pub faults: bool,
    pub min_fill_ms: u64,
    /// Cases need a valid form token (`GET /api/form-token`).
    pub spam_checks: bool,
    /// Checks the customers' signed identities.
    pub identity_secret: Option<token::Secret>,
    /// Cases need a signed identity.
    pub require_identity: bool,
    pub proxies: Vec<proxy::Proxy>,
    pub proxy_allowed: Vec<proxy::Allowed>,
    pub proxy_session: Option<proxy::Session>,
    pub proxy_without_session: bool,
    pub proxy_authorization: Option<HeaderValue>,
    pub proxy_timeout: Duration,
    pub demo_sign_in: bool,
    pub limits: serve::Limits,
    /// How long a request body may send nothing before the request fails.
    pub body_idle: Duration,
    /// Case, upload and form token requests a minute per client; 0 for no limit.
    pub rate_limit: u32,
    /// Bytes one client may keep uploaded and unclaimed.
    pub upload_quota: u64,
    /// How long an unclaimed upload is kept.
    pub upload_ttl: Duration,
    /// Seconds the files without a content hash in their name may be kept (`Cache-Control`).
    pub stable_max_age: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data: "data".into(),
            catalogs: "public/catalog".into(),
            dist: "dist".into(),
            cors_origins: Vec::new(),
            expose_cases: false,
            faults: false,
            min_fill_ms: 3000,
            spam_checks: true,
            identity_secret: None,
            require_identity: false,
            proxies: Vec::new(),
            proxy_allowed: Vec::new(),
            proxy_session: None,
            proxy_without_session: false,
            proxy_authorization: None,
            proxy_timeout: Duration::from_secs(60),
            demo_sign_in: false,
            limits: serve::Limits::default(),
            body_idle: Duration::from_secs(20),
            rate_limit: 60,
            upload_quota: 100 * 1024 * 1024,
            upload_ttl: Duration::from_secs(3600),
            stable_max_age: 300,
        }
    }
}

impl Config {
    pub fn from_args(args: impl IntoIterator<Item = String>) -> Result<Config, String> {
        let mut config = Config::default();
        let mut args = args.into_iter();
        let (mut session_secret, mut proof_in) = (None, None);
        while let Some(flag) = args.next() {
            let mut value = || args.next().ok_or(format!("{flag} needs a value"));
            match flag.as_str() {
                "--addr" => config.addr = value()?.parse().map_err(|e| format!("--addr: {e}"))?,
                "--data" => config.data = value()?.into(),
                "--catalogs" => config.catalogs = value()?.into(),
                "--dist" => config.dist = value()?.into(),
                "--cors-origin" => config.cors_origins.push(value()?),
                "--proxy" => config.proxies.push(proxy::Proxy::parse(&value()?)?),
                "--proxy-allow" => config.proxy_allowed.push(proxy::Allowed::parse(&value()?)?),
                "--proxy-session-secret-file" => {
                    session_secret = Some(token::Secret::from_file(&value()?)?)
                }
                "--proxy-session-header" => {
                    let name = value()?;
                    let name = name
                        .parse()
                        .map_err(|_| format!("--proxy-session-header {name}: not a header name"))?;
                    proof_in = Some(proxy::ProofIn::Header(name));
                }
                "--proxy-session-cookie" => proof_in = Some(proxy::ProofIn::Cookie(value()?)),
                "--proxy-without-session" => config.proxy_without_session = true,
                "--demo-sign-in" => config.demo_sign_in = true,
                "--no-spam-checks" => config.spam_checks = false,
                "--identity-secret-file" => {
                    config.identity_secret = Some(token::Secret::from_file(&value()?)?)
                }
                "--require-identity" => config.require_identity = true,
                "--max-connections" => config.limits.max_connections = number(&flag, value()?)?,
                "--max-connections-per-client" => {
                    config.limits.max_connections_per_client = number(&flag, value()?)?
                }
                "--header-timeout-seconds" => {
                    config.limits.header_timeout = Duration::from_secs(number(&flag, value()?)?)
                }
                "--body-idle-seconds" => {
                    config.body_idle = Duration::from_secs(number(&flag, value()?)?)
                }
                "--shutdown-seconds" => {
                    config.limits.shutdown_deadline = Duration::from_secs(number(&flag, value()?)?)
                }
                "--rate-limit" => config.rate_limit = number(&flag, value()?)?,
                "--upload-quota-mib" => {
                    config.upload_quota = number::<u64>(&flag, value()?)? * 1024 * 1024
                }
                "--stable-max-age-seconds" => {
                    config.stable_max_age = number::<u64>(&flag, value()?)?
                }
                "--upload-hours" => {
                    config.upload_ttl = Duration::from_secs(number::<u64>(&flag, value()?)? * 3600)
                }
                "--proxy-timeout-seconds" => {
                    let seconds: u64 = value()?
                        .parse()
                        .map_err(|e| format!("--proxy-timeout-seconds: {e}"))?;
                    config.proxy_timeout = Duration::from_secs(seconds.max(1));
                }
                "--proxy-authorization-file" => {
                    let path = value()?;
                    let text =
                        std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
                    config.proxy_authorization = Some(
                        text.trim()
                            .parse()
                            .map_err(|_| format!("{path}: not a header value"))?,
                    );
                }
                "--expose-cases" => config.expose_cases = true,
                "--faults" => config.faults = true,
                "--min-fill-seconds" => {
                    let seconds: f64 = value()?
                        .parse()
                        .map_err(|e| format!("--min-fill-seconds: {e}"))?;
                    config.min_fill_ms = (seconds * 1000.0) as u64;
                }
                other => return Err(format!("unknown argument {other}")),
            }
        }
        let switches = [
            ("--expose-cases", config.expose_cases),
            ("--faults", config.faults),
            ("--demo-sign-in", config.demo_sign_in),
            ("--proxy-without-session", config.proxy_without_session),
        ];
        if let Some((switch, _)) = switches.iter().find(|(_, on)| *on) {
            if !config.addr.ip().is_loopback() {
                return Err(format!(
                    "{switch} is for demos and tests on this machine only: listen on a loopback address, e.g. --addr 127.0.0.1:8080"
                ));
            }
        }
        if config.require_identity && config.identity_secret.is_none() {
            return Err("--require-identity needs --identity-secret-file".into());
        }
        if let Some(secret) = session_secret {
            let proof_in = proof_in.unwrap_or(proxy::ProofIn::Header(HeaderName::from_static(
                "x-portal-session",
            )));
            config.proxy_session = Some(proxy::Session { secret, proof_in });
        } else if proof_in.is_some() {
            return Err(
                "--proxy-session-header and -cookie need --proxy-session-secret-file".into(),
            );
        }
        let cookie = matches!(
            &config.proxy_session,
            Some(proxy::Session {
                proof_in: proxy::ProofIn::Cookie(_),
                ..
            })
        );
        if config.demo_sign_in && !cookie {
            return Err("--demo-sign-in needs --proxy-session-cookie".into());
        }
        if !config.proxies.is_empty() {
            if config.proxy_allowed.is_empty() {
                return Err("--proxy needs --proxy-allow for each request it may pass on".into());
            }
            if config.proxy_session.is_none() && !config.proxy_without_session {
                return Err(
                    "--proxy needs --proxy-session-secret-file: it passes requests on only for the portal's signed-in customers".into(),
                );
            }
        }
        Ok(config)
    }
}

fn number<T: std::str::FromStr>(flag: &str, value: String) -> Result<T, String> {
    value
        .parse()
        .map_err(|_| format!("{flag}: {value:?} is not a whole number"))
}

/// Everything a request handler needs.
pub struct AppState {
    pub catalogs: HashMap<String, Catalog>,
    pub store: Store,
    pub expose_cases: bool,
    /// Failures queued for the next case requests (`--faults`).
    pub faults: faults::Queue,
    /// A widget's case filled in faster than this is taken for a bot's.
    pub min_fill_ms: u64,
    /// Bytes one client may keep uploaded and unclaimed.
    pub upload_quota: u64,
    /// Signs form tokens; `None` when spam checks are off.
    pub form_tokens: Option<token::Secret>,
    /// Checks signed identities, and whether a case needs one.
    pub identity: Option<(token::Secret, bool)>,
    /// Each catalog's help articles, by catalog id.
    pub articles: HashMap<String, case_core::suggest::Library>,
}

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
        .flat_map(|c| {
            std::iter::once(&c.attachments)
                .chain(c.case_types.iter().filter_map(|t| t.attachments.as_ref()))
        })
        .map(|r| r.max_bytes as usize * r.max_files)
        .max()
        .unwrap_or(0);
    per_case + 1024 * 1024
}

pub fn router(state: Arc<AppState>, config: &Config) -> Router {
    let limit = body_limit(&state.catalogs);
    let rate_limit = Arc::new(quota::RateLimit::new(config.rate_limit));
    let mut api = Router::new()
        .route("/api/cases", post(intake::create_case))
        .route("/api/uploads", post(intake::upload))
        .route("/api/form-token", get(intake::form_token))
        .route_layer(axum::middleware::from_fn_with_state(
            rate_limit,
            quota::limit,
        ))
        .route("/api/articles", get(articles::search));
    if config.faults {
        api = api.route("/api/_faults", post(faults::queue));
    }
    if state.expose_cases {
        api = api
            .route("/api/cases/{id}", get(intake::read_case))
            .route("/api/cases", get(intake::list_cases));
    }
    let api = api
        .layer(DefaultBodyLimit::max(limit))
        .layer(cors(&config.cors_origins))
        .with_state(state);
    let mut app = Router::new().merge(api).merge(playground(&config.dist));
    let client = proxy::client();
    let gate = Arc::new(proxy::Gate {
        allowed: config.proxy_allowed.clone(),
        session: config.proxy_session.clone(),
        authorization: config.proxy_authorization.clone(),
        // A profile may send files as base64 inside JSON: a third larger than the bytes.
        body_limit: limit / 3 * 4 + 1024 * 1024,
        timeout: config.proxy_timeout,
    });
    for target in &config.proxies {
        let (target, client, gate) = (target.clone(), client.clone(), gate.clone());
        app = app.route(
            &format!("{}{{*rest}}", target.prefix),
            axum::routing::any(move |request| async move {
                proxy::forward(&target, &gate, &client, request).await
            })
            .layer(DefaultBodyLimit::disable()),
        );
    }
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
        .expose_headers([header::RETRY_AFTER])
        .allow_credentials(true)
}

/// The whole server for `config`: its catalogs and store opened, its routes ready to serve.
pub fn app(config: &Config) -> Result<Router, String> {
    let catalogs = load_catalogs(&config.catalogs)?;
    let store = Store::open(&config.data).map_err(|e| format!("{}: {e}", config.data.display()))?;
    let articles = articles::load(&config.catalogs, &catalogs)?;
    let state = Arc::new(AppState {
        catalogs,
        store,
        expose_cases: config.expose_cases,
        faults: faults::Queue::default(),
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
    Ok(router(state, config))
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

/// Starts the server; prints `listening on http://ADDR` once it accepts connections.
pub async fn run(config: Config) -> Result<(), String> {
    for warning in warnings(&config) {
        eprintln!("{warning}");
    }
    // Loads the phone numbering metadata now rather than in the first customer's request.
    let _ = phone::to_e164("US", "");
    let app = app(&config)?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("{}: {e}", config.addr))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    println!("listening on http://{addr}");
    serve::serve(listener, app, config.limits.clone(), serve::stop_signal()).await;
    Ok(())
}
