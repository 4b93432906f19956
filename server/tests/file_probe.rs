//! The static files' ETags say nothing about files outside the built widget: a path that is
//! absolute, climbs out, or names a hidden file answers exactly as a missing file does.

mod common;

use std::path::Path;

use case_server::Config;
use common::raw::{head, raw};
use common::serve;

/// The status and head of a raw `GET path` with `If-None-Match: *`, written exactly as given.
fn probe(url: &str, path: &str) -> (u16, String) {
    let host = url.strip_prefix("http://").unwrap();
    let (status, answer) = raw(host, "GET", path, &[("If-None-Match", "*")], "");
    (status, head(&answer))
}

#[test]
fn files_outside_the_widget_answer_as_a_missing_file_does_without_an_etag() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("case-widget.js"), "export {};").unwrap();
    std::fs::write(dist.join(".hidden"), "not for anyone").unwrap();
    let data = dir.path().join("data");
    let (url, _runtime) = serve(&Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        data: data.clone(),
        catalogs: root.join("public/catalog"),
        dist,
        ..Config::default()
    });
    let key = data.join("form-token.key");
    assert!(key.exists(), "the data folder's key is made at start-up");
    let (missing, _) = probe(&url, "/case-widget/no-such-file.js");
    assert_eq!(missing, 404);
    for path in [
        "/case-widget//etc/passwd".to_owned(),
        "/case-widget/..%2f..".to_owned(),
        "/case-widget/../../etc/passwd".to_owned(),
        format!("/case-widget/{}", key.display()),
        "/case-widget/.hidden".to_owned(),
    ] {
        let (status, head) = probe(&url, &path);
        assert!(!head.contains("etag"), "{path}: {head}");
        assert_ne!(status, 304, "{path}: {head}");
        if !path.ends_with(".hidden") {
            assert_eq!(status, missing, "{path}: {head}");
        }
    }
    let (status, head) = probe(&url, "/case-widget/case-widget.js");
    assert_eq!(
        status, 304,
        "the widget's own files still revalidate: {head}"
    );
    assert!(head.contains("etag: w/\""), "{head}");
}
