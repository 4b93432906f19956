//! `GET /api/articles`: the catalogs' help articles for what a customer typed.

mod common;

use std::path::Path;

use case_server::Config;
use common::{agent, serve};
use serde_json::Value;

fn search(url: &str, query: &str) -> Vec<String> {
    let mut response = agent()
        .get(format!("{url}/api/articles?{query}"))
        .call()
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let body: Value = response.body_mut().read_json().unwrap();
    body["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            assert!(a["url"].as_str().unwrap().starts_with("https://"), "{a}");
            format!(
                "{} | {}",
                a["id"].as_str().unwrap(),
                a["title"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn the_reference_server_finds_the_catalogs_articles_in_the_customers_language() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let (url, _runtime) = serve(&Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        data: dir.path().to_owned(),
        catalogs: root.join("public/catalog"),
        dist: root.join("dist"),
        ..Config::default()
    });
    let ja = search(
        &url,
        "q=%E8%AB%8B%E6%B1%82%E6%9B%B8%E3%81%A7%E4%BA%8C%E9%87%8D%E8%AB%8B%E6%B1%82&locale=ja&catalog=aws",
    );
    assert!(ja[0].starts_with("billing-duplicate-charge | "), "{ja:?}");
    assert!(!ja[0].is_ascii(), "the title in Japanese: {ja:?}");
    let purge = search(&url, "q=fast+purge+cached+content&locale=en");
    assert!(purge.iter().any(|a| a.contains("purge")), "{purge:?}");
    assert!(purge.len() <= 3);
    assert!(search(&url, "q=&locale=en").is_empty());
    assert!(search(&url, "q=fast+purge&locale=en&catalog=aws").is_empty());
}
