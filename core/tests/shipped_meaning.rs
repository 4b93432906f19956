//! The shipped catalogs mean what they meant before catalogs became strict: what each plan
//! offers, read through the rules the widget uses, is the committed summary, and the whole
//! parse (every member, defaults filled in) has the committed fingerprint.
//! `UPDATE_SHIPPED=1 cargo test -p case-core --test shipped_meaning` rewrites both after a
//! deliberate change to a shipped catalog.

use std::fmt::Write;

use case_core::rules::Rules;
use case_core::Catalog;

fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// FNV-1a, stable across Rust releases unlike the standard hasher.
fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Per plan: each case type it may open, with the services and severities (and their times)
/// it offers there, and the severity chosen in advance.
fn offers(catalog: &Catalog) -> String {
    let mut out = String::new();
    for plan in &catalog.plans {
        writeln!(out, "plan {}", plan.id).unwrap();
        let rules = Rules::new(catalog, &plan.id);
        for t in catalog
            .case_types
            .iter()
            .filter(|t| rules.case_type_allowed(t))
        {
            let services: Vec<&str> = rules
                .services(&t.id)
                .iter()
                .map(|s| s.id.as_str())
                .collect();
            let severities: Vec<String> = rules
                .severities(&t.id)
                .iter()
                .map(|o| format!("{}={:?}", o.severity.id, o.response))
                .collect();
            let default = rules.default_severity(&t.id).unwrap_or("-");
            writeln!(out, "  {} services {}", t.id, services.join(",")).unwrap();
            writeln!(
                out,
                "  {} severities {} default {default}",
                t.id,
                severities.join(",")
            )
            .unwrap();
        }
    }
    out
}

#[test]
fn every_shipped_catalog_still_means_what_it_meant() {
    let fingerprints = root().join("core/tests/fixtures/shipped-fingerprints.txt");
    let mut lines = Vec::new();
    for name in ["aws", "akamai"] {
        let text =
            std::fs::read_to_string(root().join(format!("public/catalog/{name}.json"))).unwrap();
        let catalog = Catalog::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let summary = offers(&catalog);
        let summary_file = root().join(format!("core/tests/fixtures/offers-{name}.txt"));
        lines.push(format!(
            "{name} {:016x}",
            fingerprint(&format!("{catalog:?}"))
        ));
        if std::env::var_os("UPDATE_SHIPPED").is_some() {
            std::fs::write(&summary_file, &summary).unwrap();
        } else {
            assert_eq!(
                summary,
                std::fs::read_to_string(&summary_file).unwrap(),
                "{name}"
            );
        }
    }
    let lines = lines.join("\n") + "\n";
    if std::env::var_os("UPDATE_SHIPPED").is_some() {
        std::fs::write(&fingerprints, &lines).unwrap();
    }
    assert_eq!(lines, std::fs::read_to_string(&fingerprints).unwrap());
}
