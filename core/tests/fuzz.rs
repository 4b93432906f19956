//! The catalog parser under random and malformed input: never a panic, always a clear error,
//! and a catalog that passes its check never makes the rules, validation or deadlines panic.

mod common;

use case_core::deadline::first_response_by;
use case_core::rules::Rules;
use case_core::validate::validate_all;
use case_core::wire::CasePayload;
use case_core::{Answers, Catalog, CatalogError};
use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use serde_json::Value;

fn aws_json() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/catalog/aws.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Every JSON pointer in `value`, the root included.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                pointers(
                    v,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(list) => {
            for (i, v) in list.iter().enumerate() {
                pointers(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u32>().prop_map(Value::from),
        (-1e12f64..1e12).prop_map(Value::from),
        "[a-z0-9_-]{0,12}".prop_map(Value::from),
        Just(Value::Array(vec![])),
        Just(serde_json::json!({})),
    ]
}

#[derive(Clone, Debug)]
enum Mutation {
    Remove(usize),
    Replace(usize, Value),
    /// Copies one node over another, e.g. an id into a place that wants a list.
    Copy(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Remove),
        (any::<usize>(), leaf()).prop_map(|(i, v)| Mutation::Replace(i, v)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Copy(a, b)),
    ]
}

fn apply(root: &mut Value, m: &Mutation) {
    let mut all = Vec::new();
    pointers(root, String::new(), &mut all);
    let pick = |i: usize| all[i % all.len()].clone();
    match m {
        Mutation::Remove(i) => {
            let path = pick(*i);
            if let Some((parent, key)) = path.rsplit_once('/') {
                match root.pointer_mut(parent) {
                    Some(Value::Object(map)) => {
                        map.remove(&key.replace("~1", "/").replace("~0", "~"));
                    }
                    Some(Value::Array(list)) => {
                        if let Ok(k) = key.parse::<usize>() {
                            if k < list.len() {
                                list.remove(k);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        Mutation::Replace(i, v) => {
            if let Some(slot) = root.pointer_mut(&pick(*i)) {
                *slot = v.clone();
            }
        }
        Mutation::Copy(from, to) => {
            let value = root.pointer(&pick(*from)).cloned();
            if let (Some(value), Some(slot)) = (value, root.pointer_mut(&pick(*to))) {
                *slot = value;
            }
        }
    }
}

/// Everything the widget and the server do with a catalog that passed its check.
fn exercise(catalog: &Catalog) {
    let now = Utc.with_ymd_and_hms(2026, 11, 24, 9, 30, 0).unwrap();
    for plan in &catalog.plans {
        let rules = Rules::new(catalog, &plan.id);
        for case_type in &catalog.case_types {
            let _ = rules.case_type_allowed(case_type);
            let _ = rules.contact_methods(&case_type.id, "");
            let _ = rules.attachments(Some(&case_type.id));
            for option in rules.severities(&case_type.id) {
                let _ =
                    first_response_by(now, option.response, rules.business_hours(&case_type.id));
            }
            for service in rules.services(&case_type.id) {
                for category in &service.categories {
                    let mut answers = Answers::default();
                    answers.set_case_type(&rules, &case_type.id);
                    answers.set_service(&service.id);
                    answers.set_category(&category.id);
                    for field in &category.fields {
                        answers.fields.insert(field.id.clone(), "12".into());
                    }
                    let _ = validate_all(&rules, &answers);
                    let payload = CasePayload::from_answers(catalog, &plan.id, "ja", &answers);
                    let _ = payload.to_answers();
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_text_is_refused_with_a_position_never_a_panic(text in "\\PC{0,400}") {
        match Catalog::from_json(&text) {
            Err(CatalogError::Syntax { line, column, .. }) => prop_assert!(line >= 1 || column == 0),
            Err(CatalogError::Inconsistent(problems)) => prop_assert!(!problems.is_empty()),
            Ok(catalog) => exercise(&catalog),
        }
    }

    #[test]
    fn a_truncated_or_corrupted_catalog_gets_a_clear_error(cut in 0usize..60_000, at in 0usize..60_000, byte in any::<u8>()) {
        let whole = serde_json::to_vec(&aws_json()).unwrap();
        let mut bytes = whole.clone();
        let at = at % bytes.len();
        bytes[at] = byte;
        bytes.truncate(cut.max(at + 1).min(bytes.len()));
        let truncated = bytes.len() < whole.len();
        let corrupted = bytes != whole[..bytes.len()];
        // As a browser decodes a damaged file: bytes that are not UTF-8 become U+FFFD.
        let text = String::from_utf8_lossy(&bytes);
        let still_json = serde_json::from_str::<Value>(&text).is_ok();
        match Catalog::from_json(&text) {
            Err(CatalogError::Syntax { line, column, detail }) => {
                // The position is in the text: a line it has, a column of that line.
                let line_text = text.split('\n').nth(line.wrapping_sub(1));
                prop_assert!(line_text.is_some_and(|l| column <= l.len() + 1), "{line}:{column}");
                prop_assert!(!detail.is_empty());
                if truncated && !corrupted {
                    prop_assert!(detail.contains("EOF"), "{detail}");
                }
            }
            // Only a text that is still whole JSON can get past the parser: a corrupted byte
            // that closed the catalog early, or one inside a string.
            Err(CatalogError::Inconsistent(problems)) => {
                prop_assert!(still_json);
                prop_assert!(!problems.is_empty());
            }
            Ok(catalog) => {
                prop_assert!(still_json && (corrupted || !truncated));
                exercise(&catalog);
            }
        }
    }

    #[test]
    fn a_catalog_that_passes_its_check_never_makes_rules_or_validation_panic(mutations in proptest::collection::vec(mutation(), 1..4)) {
        let mut json = aws_json();
        for m in &mutations {
            apply(&mut json, m);
        }
        match Catalog::from_json(&json.to_string()) {
            Ok(catalog) => exercise(&catalog),
            Err(CatalogError::Inconsistent(problems)) => prop_assert!(!problems.is_empty()),
            Err(CatalogError::Syntax { detail, .. }) => prop_assert!(!detail.is_empty()),
        }
    }

    #[test]
    fn any_response_time_in_a_catalog_is_refused_or_gives_a_deadline(severity in 0usize..8, unit in 0usize..3, amount in any::<u32>()) {
        let mut json = aws_json();
        let severities = json["severities"].as_array_mut().unwrap();
        let count = severities.len();
        let unit = ["minutes", "hours", "business_days"][unit];
        severities[severity % count]["response"]["business"] = serde_json::json!({ unit: amount });
        match Catalog::from_json(&json.to_string()) {
            Ok(catalog) => exercise(&catalog),
            Err(CatalogError::Inconsistent(problems)) => {
                prop_assert!(problems.iter().any(|p| p.code == "catalog-bad-response"), "{problems:?}")
            }
            Err(e) => prop_assert!(false, "{e}"),
        }
    }
}
