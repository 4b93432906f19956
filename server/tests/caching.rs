//! The built widget served for caching: content-hashed files kept for a year without asking
//! again, the stable loader and pages revalidated by ETag after five minutes, and brotli or
//! gzip copies sent to the browsers that take them.

mod common;

use std::path::Path;

use case_server::Config;
use common::{agent, serve};

const HASHED_WASM: &str = "case-widget-app-0123456789abcdef_bg.wasm";

/// A built widget in miniature: a loader, a hashed wasm with its brotli copy, a page.
fn dist(dir: &Path) {
    std::fs::write(
        dir.join("case-widget.js"),
        "import './case-widget-app-0123456789abcdef.js';",
    )
    .unwrap();
    std::fs::write(dir.join(HASHED_WASM), b"\0asm-plain").unwrap();
    std::fs::write(dir.join(format!("{HASHED_WASM}.br")), b"brotli-bytes").unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>demo</title>").unwrap();
}

fn start(dir: &Path) -> (String, tokio::runtime::Runtime) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let data = dir.join("data");
    serve(&Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        data,
        catalogs: root.join("public/catalog"),
        dist: dir.to_owned(),
        ..Config::default()
    })
}

fn get(url: &str, headers: &[(&str, &str)]) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let mut request = agent().get(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut response = request.call().unwrap();
    let headers = response
        .headers()
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_owned(),
                v.to_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let body = response.body_mut().read_to_vec().unwrap();
    (response.status().as_u16(), headers, body)
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

#[test]
fn a_content_hashed_file_may_be_kept_for_a_year_without_asking_again() {
    let dir = tempfile::tempdir().unwrap();
    dist(dir.path());
    let (url, _runtime) = start(dir.path());
    let (status, headers, body) = get(&format!("{url}/case-widget/{HASHED_WASM}"), &[]);
    assert_eq!(status, 200);
    assert_eq!(body, b"\0asm-plain");
    assert_eq!(
        header(&headers, "cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(header(&headers, "etag"), None, "nothing to revalidate");
}

#[test]
fn the_loader_and_the_page_are_revalidated_by_etag_after_five_minutes() {
    let dir = tempfile::tempdir().unwrap();
    dist(dir.path());
    let (url, _runtime) = start(dir.path());
    for path in ["/case-widget/case-widget.js", "/"] {
        let (status, headers, _) = get(&format!("{url}{path}"), &[]);
        assert_eq!(status, 200, "{path}");
        assert_eq!(
            header(&headers, "cache-control"),
            Some("public, max-age=300"),
            "{path}"
        );
        let etag = header(&headers, "etag").unwrap().to_owned();
        let (status, headers, body) = get(&format!("{url}{path}"), &[("If-None-Match", &etag)]);
        assert_eq!(status, 304, "{path}");
        assert!(body.is_empty());
        assert_eq!(header(&headers, "etag"), Some(etag.as_str()));
        let (status, _, _) = get(&format!("{url}{path}"), &[("If-None-Match", "W/\"other\"")]);
        assert_eq!(status, 200, "{path}: another version is sent whole");
    }
}

#[test]
fn a_browser_that_takes_brotli_gets_the_copy_made_at_build_time() {
    let dir = tempfile::tempdir().unwrap();
    dist(dir.path());
    let (url, _runtime) = start(dir.path());
    let wasm = format!("{url}/case-widget/{HASHED_WASM}");
    let (status, headers, body) = get(&wasm, &[("Accept-Encoding", "gzip, br")]);
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "content-encoding"), Some("br"));
    assert_eq!(body, b"brotli-bytes");
    assert_eq!(header(&headers, "content-type"), Some("application/wasm"));
    assert!(header(&headers, "vary")
        .is_some_and(|v| v.to_ascii_lowercase().contains("accept-encoding")));
    let (_, headers, body) = get(&wasm, &[("Accept-Encoding", "gzip")]);
    assert_eq!(
        header(&headers, "content-encoding"),
        None,
        "no gzip copy: the file as it is"
    );
    assert_eq!(body, b"\0asm-plain");
}
