//! `--proxy PREFIX=URL`: passes the widget's requests under `PREFIX` on to another backend, so a
//! page served here can post to a helpdesk on the same origin, as a portal's own reverse proxy
//! would. It forwards only for the portal's own signed-in customers on its own page:
//!
//! - only the method and path pairs the portal allows (`--proxy-allow "POST /REST/2.0/ticket"`),
//!   on paths written plainly (no `.` or `..` segments, no percent-encoding, no backslashes),
//!   with a query string only where the entry allows one (`?name&name`, or `?` for any);
//! - only from the page's own origin (`Sec-Fetch-Site: same-origin`, an `Origin` naming this
//!   host), so another site cannot make a customer's browser post through it;
//! - only with a session proof the portal sets (a header or a cookie holding a token signed with
//!   the secret it shares with this server, see [`crate::token`]), checked before the
//!   allow-list, so that the allow-list cannot be mapped without one;
//! - at most `--proxy-rate-limit` requests a minute per client;
//! - with a body limit and timeouts for the backend's answer and for idle bodies both ways.
//!
//! Only a few headers pass each way: the request's content headers, `Accept`, `Idempotency-Key`
//! and the portal's own credential from `--proxy-authorization-file` (the page's own
//! `Authorization` only with `--proxy-pass-authorization`); the answer's content headers and
//! `Retry-After`, with `Cache-Control: no-store`. Cookies,
//! `Set-Cookie`, CORS headers, hop-by-hop headers and identity headers such as
//! `X-Forwarded-For`, `X-Remote-User` or `Proxy-Authorization` never cross.

use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use tower_http::timeout::TimeoutBody;

use crate::observe::Event;
use crate::token::{self, Purpose, Secret};

#[derive(Clone, Debug)]
pub struct Proxy {
    /// The path the page posts to, ending in `/`, e.g. `/REST/2.0/`.
    pub prefix: String,
    /// Where it goes, ending in `/`, e.g. `http://127.0.0.1:9311/REST/2.0/`.
    pub upstream: String,
}

impl Proxy {
    /// Reads `PREFIX=URL`.
    pub fn parse(spec: &str) -> Result<Proxy, String> {
        let (prefix, upstream) = spec
            .split_once('=')
            .ok_or_else(|| format!("--proxy {spec}: expected PREFIX=URL"))?;
        let address = upstream
            .parse::<Uri>()
            .ok()
            .and_then(|u| u.authority().cloned());
        if !prefix.starts_with('/') || !upstream.starts_with("http://") || address.is_none() {
            return Err(format!(
                "--proxy {spec}: PREFIX is a path, URL an http:// address"
            ));
        }
        let slash = |s: &str| format!("{}/", s.trim_end_matches('/'));
        Ok(Proxy {
            prefix: slash(prefix),
            upstream: slash(upstream),
        })
    }
}

/// One request the proxies pass on: a method and an exact path, e.g. `POST /REST/2.0/ticket`,
/// without a query string; `POST /uploads.json?filename` also lets a query of only the
/// parameters named (`&` between names) through, and a bare trailing `?` any query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Allowed {
    pub method: Method,
    pub path: String,
    /// `None`: no query string; `Some([])`: any; else only these parameter names.
    pub query: Option<Vec<String>>,
}

impl Allowed {
    pub fn parse(spec: &str) -> Result<Allowed, String> {
        let bad = || {
            format!("--proxy-allow {spec:?}: expected METHOD /PATH[?NAME&...], e.g. \"POST /REST/2.0/ticket\"")
        };
        let (method, target) = spec.trim().split_once(' ').ok_or_else(bad)?;
        let method: Method = method.parse().map_err(|_| bad())?;
        let (path, query) = match target.trim().split_once('?') {
            Some((path, names)) => {
                let names: Vec<String> = names
                    .split('&')
                    .filter(|n| !n.is_empty())
                    .map(String::from)
                    .collect();
                if names.iter().any(|n| {
                    !n.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"_-.[]".contains(&b))
                }) {
                    return Err(bad());
                }
                (path, Some(names))
            }
            None => (target.trim(), None),
        };
        if !path.starts_with('/') || !plain_path(path) {
            return Err(bad());
        }
        Ok(Allowed {
            method,
            path: path.to_owned(),
            query,
        })
    }

    /// Whether this entry lets `method path?query` through.
    fn lets(&self, method: &Method, path: &str, query: Option<&str>) -> bool {
        if self.method != *method || self.path != path {
            return false;
        }
        match (query, &self.query) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(query), Some(names)) => {
                names.is_empty()
                    || query.split('&').all(|pair| {
                        let name = pair.split_once('=').map_or(pair, |(n, _)| n);
                        names.iter().any(|n| n == name)
                    })
            }
        }
    }
}

/// Where the page carries its session proof.
#[derive(Clone, Debug)]
pub enum ProofIn {
    Header(HeaderName),
    Cookie(String),
}

/// The portal's session proof: a token signed with the secret the portal shares with this server.
#[derive(Clone, Debug)]
pub struct Session {
    pub secret: Secret,
    pub proof_in: ProofIn,
}

/// What every proxy of a server checks and how it passes requests on.
#[derive(Clone, Debug)]
pub struct Gate {
    pub allowed: Vec<Allowed>,
    /// `None` only with `--proxy-without-session`, for tests on loopback.
    pub session: Option<Session>,
    /// Sent as `Authorization` when the page sent none: the portal's own credential.
    pub authorization: Option<HeaderValue>,
    /// Whether the page's own `Authorization` goes on (`--proxy-pass-authorization`); if not,
    /// it is dropped and only the portal's credential is sent.
    pub pass_authorization: bool,
    /// The largest request body passed on, in bytes.
    pub body_limit: usize,
    /// How long the backend may take to start answering, and a body may stay idle.
    pub timeout: Duration,
}

pub type HttpClient = Client<HttpConnector, Body>;

pub fn client() -> HttpClient {
    let mut connector = HttpConnector::new();
    connector.set_connect_timeout(Some(Duration::from_secs(10)));
    Client::builder(TokioExecutor::new())
        .pool_idle_timeout(Duration::from_secs(30))
        .build(connector)
}

/// A path with nothing to normalize: no empty, `.` or `..` segments, no percent-encoding (which
/// could hide `/`, `\` or `.`), no backslashes or control characters.
fn plain_path(path: &str) -> bool {
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let last = segments.len().saturating_sub(1);
    path.bytes()
        .all(|b| b.is_ascii_graphic() && b != b'%' && b != b'\\')
        && segments
            .iter()
            .enumerate()
            .all(|(i, s)| *s != "." && *s != ".." && (!s.is_empty() || i == last))
}

fn refuse(status: StatusCode, error: &str, message: &str) -> Response {
    let body = serde_json::json!({ "error": error, "message": message });
    (status, axum::Json(body)).into_response()
}

/// Whether the request comes from a page of this very origin, as far as the browser says.
fn same_origin(headers: &HeaderMap) -> bool {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = headers.get("sec-fetch-site") {
        if site != "same-origin" {
            return false;
        }
    }
    match headers.get(header::ORIGIN) {
        None => true,
        Some(origin) => {
            let Some(host) = text("host") else {
                return false;
            };
            let authority = origin
                .to_str()
                .ok()
                .and_then(|o| o.parse::<Uri>().ok())
                .and_then(|u| u.authority().map(|a| a.as_str().to_ascii_lowercase()));
            authority.as_deref() == Some(host.to_ascii_lowercase().as_str())
        }
    }
}

/// The session proof the request carries, if any.
fn proof<'a>(headers: &'a HeaderMap, proof_in: &ProofIn) -> Option<&'a str> {
    match proof_in {
        ProofIn::Header(name) => headers.get(name)?.to_str().ok(),
        ProofIn::Cookie(name) => headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(n, _)| n == name)
            .map(|(_, value)| value.trim_matches('"')),
    }
}

/// The request headers a backend gets from the page.
const PASSED_ON: [HeaderName; 6] = [
    header::ACCEPT,
    header::ACCEPT_LANGUAGE,
    header::AUTHORIZATION,
    header::CONTENT_LENGTH,
    header::CONTENT_TYPE,
    HeaderName::from_static("idempotency-key"),
];

/// The answer headers the page gets from a backend.
const PASSED_BACK: [HeaderName; 5] = [
    header::CACHE_CONTROL,
    header::CONTENT_LANGUAGE,
    header::CONTENT_LENGTH,
    header::CONTENT_TYPE,
    header::RETRY_AFTER,
];

fn only(headers: &HeaderMap, names: &[HeaderName]) -> HeaderMap {
    let mut kept = HeaderMap::new();
    for name in names {
        for value in headers.get_all(name) {
            kept.append(name.clone(), value.clone());
        }
    }
    kept
}

/// The answer refusing a request that may not be passed on at all; `None` for one with a plain
/// path, from the portal's own page, with a valid session proof, on the allow-list.
fn refusal(gate: &Gate, parts: &axum::http::request::Parts) -> Option<Response> {
    let path = parts.uri.path();
    if !plain_path(path) {
        return Some(refuse(
            StatusCode::BAD_REQUEST,
            "path-not-plain",
            "The path has dot segments, percent-encoding or backslashes.",
        ));
    }
    if !same_origin(&parts.headers) {
        return Some(refuse(
            StatusCode::FORBIDDEN,
            "cross-origin",
            "Requests are passed on only from this portal's own pages.",
        ));
    }
    // The session first: who is not signed in learns nothing of what is allowed.
    if let Some(session) = &gate.session {
        let valid = proof(&parts.headers, &session.proof_in).is_some_and(|p| {
            token::verify_for(&session.secret, Purpose::Session, p, token::now()).is_ok()
        });
        if !valid {
            return Some(refuse(
                StatusCode::UNAUTHORIZED,
                "session",
                "Sign in to the portal again.",
            ));
        }
    }
    let query = parts.uri.query();
    if !gate
        .allowed
        .iter()
        .any(|a| a.lets(&parts.method, path, query))
    {
        let status = if parts.method == Method::POST {
            StatusCode::FORBIDDEN
        } else {
            StatusCode::METHOD_NOT_ALLOWED
        };
        return Some(refuse(
            status,
            "not-allowed",
            "This portal does not pass that request on.",
        ));
    }
    None
}

/// The headers a passed-on request carries: the allowed ones, the backend's host, and the
/// portal's credential unless the page may bring its own.
fn outgoing_headers(gate: &Gate, incoming: &HeaderMap, uri: &Uri) -> HeaderMap {
    let mut headers = only(incoming, &PASSED_ON);
    if !gate.pass_authorization {
        headers.remove(header::AUTHORIZATION);
    }
    if let Some(host) = uri
        .authority()
        .and_then(|a| HeaderValue::from_str(a.as_str()).ok())
    {
        headers.insert(header::HOST, host);
    }
    // The proxy is an API client: the backend does not take the call for a browser to redirect
    // to its login page.
    headers.insert(
        header::USER_AGENT,
        HeaderValue::from_static("case-server-proxy"),
    );
    if let Some(authorization) = &gate.authorization {
        headers
            .entry(header::AUTHORIZATION)
            .or_insert(authorization.clone());
    }
    headers
}

pub async fn forward(
    proxy: &Proxy,
    gate: &Gate,
    client: &HttpClient,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    if let Some(refused) = refusal(gate, &parts) {
        return refused;
    }
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > gate.body_limit as u64) {
        return refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-large",
            "The request is larger than this portal passes on.",
        );
    }
    let rest = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or_default()
        .strip_prefix(proxy.prefix.as_str())
        .unwrap_or_default();
    let Ok(uri) = format!("{}{rest}", proxy.upstream).parse::<Uri>() else {
        return refuse(StatusCode::BAD_REQUEST, "bad-request", "Not a path.");
    };
    let headers = outgoing_headers(gate, &parts.headers, &uri);
    let body = Body::new(http_body_util::Limited::new(body, gate.body_limit));
    let mut outgoing = axum::http::Request::new(body);
    *outgoing.method_mut() = parts.method.clone();
    *outgoing.uri_mut() = uri;
    *outgoing.headers_mut() = headers;
    let asked = std::time::Instant::now();
    match tokio::time::timeout(gate.timeout, client.request(outgoing)).await {
        Ok(Ok(answer)) => {
            let (mut parts, body) = answer.into_parts();
            parts.extensions.insert(Event::Upstream {
                status: parts.status.as_u16(),
                took: asked.elapsed(),
            });
            parts.headers = only(&parts.headers, &PASSED_BACK);
            // The answer is about one signed-in customer: no cache keeps it.
            parts
                .headers
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            let body = Body::new(TimeoutBody::new(gate.timeout, body));
            Response::from_parts(parts, body)
        }
        Ok(Err(_)) => refuse(
            StatusCode::BAD_GATEWAY,
            "upstream-unreachable",
            "The helpdesk behind this portal did not answer.",
        ),
        Err(_) => refuse(
            StatusCode::GATEWAY_TIMEOUT,
            "upstream-timeout",
            "The helpdesk behind this portal did not answer in time.",
        ),
    }
}

/// `--demo-sign-in`: the session cookie a portal would set when its customer signs in, valid for
/// eight hours, then the demo page of the helpdesk `page` names (`?page=redmine`; RT's by
/// default). Letters only, so it can only lead to one of the widget's own demo pages.
pub fn demo_sign_in(session: &Session, page: Option<&str>) -> Response {
    let page = page.unwrap_or("rt");
    if page.is_empty() || !page.bytes().all(|b| b.is_ascii_lowercase()) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let ProofIn::Cookie(name) = &session.proof_in else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let claims = serde_json::json!({ "sub": "demo", "exp": token::now() + 8 * 3600 });
    let proof = token::sign_for(&session.secret, Purpose::Session, &claims);
    let cookie = format!("{name}={proof}; Path=/; HttpOnly; SameSite=Strict; Max-Age=28800");
    (
        StatusCode::SEE_OTHER,
        [
            (header::SET_COOKIE, cookie),
            (header::LOCATION, format!("/case-widget/demo-{page}.html")),
        ],
    )
        .into_response()
}
