//! The built widget, served for caching: files whose names carry their content's hash (see
//! `scripts/fingerprint.mjs`) may be kept for a year without asking again; the others (the
//! loader portals link by name, pages, catalogs, profiles) for a few minutes
//! (`--stable-max-age-seconds`), then revalidated with an ETag. Brotli and gzip copies made at build time are sent to browsers that take them.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower_http::services::{ServeDir, ServeFile};

pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `/case-widget/…` from `dist`, and `/` as its `index.html`; files without a hash in their
/// name may be used for `max_age` seconds before the browser asks again.
pub fn router(dist: &Path, max_age: u64) -> Router {
    let files = ServeDir::new(dist).precompressed_br().precompressed_gzip();
    let index = ServeFile::new(dist.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    let stable = Arc::new(Stable {
        dist: dist.to_owned(),
        cache_control: HeaderValue::from_str(&format!("public, max-age={max_age}"))
            .unwrap_or(HeaderValue::from_static("no-cache")),
    });
    Router::new()
        .nest_service("/case-widget", files)
        .route_service("/", index)
        .layer(axum::middleware::from_fn_with_state(stable, cache))
}

/// Where the files are, and how long those without a hash may be kept.
struct Stable {
    dist: PathBuf,
    cache_control: HeaderValue,
}

/// Whether `name` carries a content hash: `name-<16 hex>.ext` or `name-<16 hex>_bg.wasm`.
pub fn hashed(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        hash.len() == 16
            && hash
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    })
}

/// A weak ETag for the file served at `path`, from its size and modification time, as common
/// web servers make them: it changes when a release replaces the file, whatever its name. Only
/// for a file the file server itself would send: anything else gets none, as a missing file, so
/// that no file's existence, size or age outside `dist` shows.
async fn etag(dist: &Path, path: &str) -> Option<HeaderValue> {
    let relative = match path {
        "/" => "index.html",
        _ => path.strip_prefix("/case-widget/")?,
    };
    if !relative.split('/').all(plain_component) {
        return None;
    }
    // Symbolic links may still lead out: the file must be inside `dist` once resolved.
    let dist = tokio::fs::canonicalize(dist).await.ok()?;
    let file = tokio::fs::canonicalize(dist.join(relative)).await.ok()?;
    if !file.starts_with(&dist) {
        return None;
    }
    let meta = tokio::fs::metadata(&file).await.ok()?;
    if !meta.is_file() {
        return None;
    }
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    HeaderValue::from_str(&format!("W/\"{:x}-{modified:x}\"", meta.len())).ok()
}

/// A path component naming a visible file or folder as it is: not empty (which would make the
/// path absolute), not hidden, `.` or `..`, nothing percent-encoded, no backslash or drive colon.
fn plain_component(part: &str) -> bool {
    !part.is_empty()
        && !part.starts_with('.')
        && !part
            .bytes()
            .any(|b| matches!(b, b'%' | b'\\' | b':') || b.is_ascii_control())
}

async fn cache(State(stable): State<Arc<Stable>>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let name = path.rsplit('/').next().unwrap_or_default();
    if hashed(name) {
        let mut response = next.run(request).await;
        if response.status().is_success() {
            let headers = response.headers_mut();
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
            vary_by_encoding(headers);
        }
        return response;
    }
    let etag = etag(&stable.dist, &path).await;
    let unchanged = etag.as_ref().is_some_and(|etag| {
        request
            .headers()
            .get_all(header::IF_NONE_MATCH)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .any(|tag| weak_match(tag.trim(), etag))
    });
    let mut response = if unchanged {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        next.run(request).await
    };
    if let (Some(etag), true) = (etag, unchanged || response.status().is_success()) {
        let headers = response.headers_mut();
        headers.insert(header::ETAG, etag);
        headers.insert(header::CACHE_CONTROL, stable.cache_control.clone());
        vary_by_encoding(headers);
    }
    response
}

/// A shared cache keeps the brotli, gzip and plain answers apart.
fn vary_by_encoding(headers: &mut axum::http::HeaderMap) {
    if !headers.contains_key(header::VARY) {
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
}

/// RFC 9110's weak comparison: the tags match whether or not either is marked weak.
fn weak_match(tag: &str, etag: &HeaderValue) -> bool {
    let bare = |t: &str| t.strip_prefix("W/").unwrap_or(t).to_owned();
    tag == "*" || etag.to_str().is_ok_and(|e| bare(e) == bare(tag))
}
