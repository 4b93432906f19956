//! `--proxy PREFIX=URL`: passes the widget's POSTs under `PREFIX` on to another backend, so a page
//! served here can post to a helpdesk on the same origin, as a portal's own reverse proxy would.
//! Only POST is forwarded; the caller's headers (its sign-in included) go along unchanged, and
//! `--proxy-authorization-file` supplies the portal's own credential where the page sent none.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;

#[derive(Clone, Debug)]
pub struct Proxy {
    /// The path the page posts to, ending in `/`, e.g. `/REST/2.0/`.
    pub prefix: String,
    /// Where it goes, ending in `/`, e.g. `http://127.0.0.1:9311/REST/2.0/`.
    pub upstream: String,
    /// Sent as `Authorization` when the page sent none: the portal's own credential.
    pub authorization: Option<HeaderValue>,
}

impl Proxy {
    /// Reads `PREFIX=URL`.
    pub fn parse(spec: &str) -> Result<Proxy, String> {
        let (prefix, upstream) = spec
            .split_once('=')
            .ok_or_else(|| format!("--proxy {spec}: expected PREFIX=URL"))?;
        if !prefix.starts_with('/') || !upstream.starts_with("http://") {
            return Err(format!(
                "--proxy {spec}: PREFIX is a path, URL an http:// address"
            ));
        }
        let slash = |s: &str| format!("{}/", s.trim_end_matches('/'));
        Ok(Proxy {
            prefix: slash(prefix),
            upstream: slash(upstream),
            authorization: None,
        })
    }
}

pub type HttpClient = Client<HttpConnector, Body>;

pub fn client() -> HttpClient {
    Client::builder(TokioExecutor::new()).build_http()
}

pub async fn forward(proxy: &Proxy, client: &HttpClient, request: Request) -> Response {
    if request.method() != Method::POST {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let (mut parts, body) = request.into_parts();
    let rest = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or_default()
        .strip_prefix(proxy.prefix.as_str())
        .unwrap_or_default();
    let Ok(uri) = format!("{}{rest}", proxy.upstream).parse::<Uri>() else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    if let Some(host) = uri
        .authority()
        .and_then(|a| HeaderValue::from_str(a.as_str()).ok())
    {
        parts.headers.insert(header::HOST, host);
    }
    parts.uri = uri;
    // The proxy is an API client: the portal's cookies stay with the portal, and the backend
    // does not take the call for a browser to redirect to its login page.
    parts.headers.remove(header::COOKIE);
    parts.headers.insert(
        header::USER_AGENT,
        HeaderValue::from_static("case-server-proxy"),
    );
    if let Some(authorization) = &proxy.authorization {
        parts
            .headers
            .entry(header::AUTHORIZATION)
            .or_insert(authorization.clone());
    }
    match client
        .request(axum::http::Request::from_parts(parts, body))
        .await
    {
        Ok(answer) => answer.map(Body::new).into_response(),
        Err(_) => (
            StatusCode::BAD_GATEWAY,
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"error":"upstream-unreachable","message":"The helpdesk behind this portal did not answer."}"#,
        )
            .into_response(),
    }
}
