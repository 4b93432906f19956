//! The reference intake server: receives cases in the widget's default wire contract, validates
//! them again with the same catalog rules as the widget, and stores each case and its attachment
//! bytes durably (SQLite plus one file per attachment). It also serves the built widget.

mod articles;
mod check;
mod faults;
mod intake;
mod phone;
mod proxy;
mod store;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderName, HeaderValue, Method};
use axum::routing::{get, post};
use axum::Router;
use case_core::Catalog;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

pub use store::Store;

pub use check::check_catalogs;

pub const USAGE: &str = "usage: case-server check-catalog FILE...
       case-server catalog-schema
       case-server [--addr 127.0.0.1:8080] [--data DIR] [--catalogs DIR] [--dist DIR]
                   [--cors-origin ORIGIN]... [--min-fill-seconds N] [--proxy PREFIX=URL]...
                   [--proxy-authorization-file FILE] [--expose-cases] [--faults]

  --addr          where to listen (default 127.0.0.1:8080; port 0 picks a free port)
  --data          where cases and attachments are stored (default ./data)
  --catalogs      folder of catalog JSON files, by their id (default ./public/catalog)
  --dist          the built widget to serve under /case-widget/ and / (default ./dist)
  --cors-origin   an origin allowed to post cases from another site (repeatable)
  --min-fill-seconds  refuse a widget's case filled in faster than this, as a bot would
                  (default 3; 0 turns it off)
  --proxy         pass POSTs under PREFIX on to URL, e.g. /REST/2.0/=http://127.0.0.1:9311/REST/2.0/
                  for a helpdesk on this origin, as a portal's reverse proxy would (repeatable)
  --proxy-authorization-file  an Authorization header value (e.g. `token …`) the proxies add
                  to requests that carry none: the portal's own credential, kept on the server
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
    pub proxies: Vec<proxy::Proxy>,
    pub proxy_authorization: Option<HeaderValue>,
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
            proxies: Vec::new(),
            proxy_authorization: None,
        }
    }
}

impl Config {
    pub fn from_args(args: impl IntoIterator<Item = String>) -> Result<Config, String> {
        let mut config = Config::default();
        let mut args = args.into_iter();
        while let Some(flag) = args.next() {
            let mut value = || args.next().ok_or(format!("{flag} needs a value"));
            match flag.as_str() {
                "--addr" => config.addr = value()?.parse().map_err(|e| format!("--addr: {e}"))?,
                "--data" => config.data = value()?.into(),
                "--catalogs" => config.catalogs = value()?.into(),
                "--dist" => config.dist = value()?.into(),
                "--cors-origin" => config.cors_origins.push(value()?),
                "--proxy" => config.proxies.push(proxy::Proxy::parse(&value()?)?),
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
        Ok(config)
    }
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
    let mut api = Router::new()
        .route("/api/cases", post(intake::create_case))
        .route("/api/uploads", post(intake::upload))
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
    for target in &config.proxies {
        let (mut target, client) = (target.clone(), client.clone());
        target.authorization = config.proxy_authorization.clone();
        app = app.route(
            &format!("{}{{*rest}}", target.prefix),
            axum::routing::any(move |request| async move {
                proxy::forward(&target, &client, request).await
            }),
        );
    }
    app.route("/healthz", get(|| async { "ok" }))
        .nest_service("/case-widget", ServeDir::new(&config.dist))
        .route_service("/", ServeFile::new(config.dist.join("index.html")))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
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
        articles,
    });
    Ok(router(state, config))
}

/// Starts the server; prints `listening on http://ADDR` once it accepts connections.
pub async fn run(config: Config) -> Result<(), String> {
    // Loads the phone numbering metadata now rather than in the first customer's request.
    let _ = phone::to_e164("US", "");
    let app = app(&config)?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("{}: {e}", config.addr))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    println!("listening on http://{addr}");
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| e.to_string())
}
