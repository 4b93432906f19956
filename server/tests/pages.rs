//! The pages the server sends and the Content-Security-Policy each carries: the demo page and the
//! widget's files the strict one, the playground the same but for reading a picked file.

mod common;

use std::path::Path;

use case_server::Config;
use common::{agent, serve};

fn csp(url: &str) -> (u16, String, String) {
    let mut response = agent().get(url).call().unwrap();
    let policy = response
        .headers()
        .get("content-security-policy")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = response.body_mut().read_to_string().unwrap();
    (response.status().as_u16(), policy, body)
}

#[test]
fn only_the_playground_may_read_a_picked_file_as_a_blob() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let dist = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), "demo page").unwrap();
    std::fs::write(dist.path().join("playground.html"), "playground").unwrap();
    std::fs::write(dist.path().join("case-widget.js"), "// widget").unwrap();
    let config = Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        data: data.path().to_owned(),
        catalogs: root.join("public/catalog"),
        dist: dist.path().to_owned(),
        ..Config::default()
    };
    let (url, _runtime) = serve(&config);

    let (status, policy, body) = csp(&format!("{url}/case-widget/playground.html"));
    assert_eq!((status, body.as_str()), (200, "playground"));
    assert!(policy.contains("connect-src 'self' blob:;"), "{policy}");
    assert!(
        policy.contains("script-src 'self' 'wasm-unsafe-eval';"),
        "{policy}"
    );
    assert!(policy.contains("style-src 'self';"), "{policy}");
    assert_eq!(policy.matches("blob:").count(), 1, "{policy}");

    for (path, expected) in [
        ("/", "demo page"),
        ("/case-widget/index.html", "demo page"),
        ("/case-widget/case-widget.js", "// widget"),
    ] {
        let (status, policy, body) = csp(&format!("{url}{path}"));
        assert_eq!((status, body.as_str()), (200, expected), "{path}");
        assert!(policy.contains("connect-src 'self';"), "{path}: {policy}");
        assert!(!policy.contains("blob:"), "{path}: {policy}");
    }
}
