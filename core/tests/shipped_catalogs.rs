use case_core::Catalog;

#[test]
fn shipped_catalogs_parse_and_are_consistent() {
    for name in ["aws", "akamai"] {
        let path = format!("{}/../public/catalog/{name}.json", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap();
        if let Err(e) = Catalog::from_json(&text) {
            panic!("{name}: {e}");
        }
    }
}
