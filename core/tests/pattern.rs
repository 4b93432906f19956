// Text fields' patterns: the subset of regular expressions matched against the whole value, the
// validation that uses it with the catalog's own message, and the checker's refusals.
use case_core::catalog::Problem;
use case_core::field::Field;
use case_core::msg;
use case_core::pattern::Pattern;
use case_core::rules::Rules;
use case_core::validate::validate_step;
use case_core::{Answers, Catalog, CatalogError, Step};
use serde_json::json;

fn matches(pattern: &str, value: &str) -> bool {
    Pattern::parse(pattern)
        .unwrap_or_else(|e| panic!("{pattern}: {}", e.marked(pattern)))
        .matches(value)
}

#[test]
fn the_whole_value_must_match() {
    assert!(matches("ORD-\\d{6}", "ORD-123456"));
    assert!(!matches("ORD-\\d{6}", "ORD-1234567"));
    assert!(!matches("ORD-\\d{6}", "xORD-123456"));
    assert!(matches("^ab$", "ab") && !matches("^ab$", "abab"));
    assert!(matches("a\\$", "a$"));
}

#[test]
fn classes_ranges_negation_and_shorthands() {
    assert!(matches("[a-z0-9-]+", "my-bucket-01"));
    assert!(!matches("[a-z0-9-]+", "My_Bucket"));
    assert!(matches("[^ ]+", "no-spaces") && !matches("[^ ]+", "a space"));
    assert!(matches("\\w+\\s\\w+", "hello world"));
    assert!(matches("\\D\\W\\S", "a-b") && !matches("\\D", "7"));
    assert!(matches("[\\d.]+", "10.0.0.1"));
    assert!(matches("[-a]", "-") && matches("[a-]", "-"));
    assert!(matches(".", "é") && !matches(".", ""));
}

#[test]
fn quantifiers_groups_and_alternatives() {
    assert!(matches("a*", "") && matches("a*", "aaa"));
    assert!(!matches("a+", "") && matches("a+", "a"));
    assert!(matches("colou?r", "color") && matches("colou?r", "colour"));
    assert!(matches("\\d{2,4}", "123") && !matches("\\d{2,4}", "12345"));
    assert!(matches("\\d{2,}", "12345") && !matches("\\d{2,}", "1"));
    assert!(matches("(i|vol)-[0-9a-f]{8}", "vol-0123abcd"));
    assert!(matches("(ab)+", "ababab") && !matches("(ab)+", "aba"));
    assert!(matches("(a|)*b", "aab"));
    assert!(matches("(a*)*b", &format!("{}b", "a".repeat(200))));
    assert!(!matches("(a*)*b", &"a".repeat(200)));
}

#[test]
fn a_pattern_that_cannot_be_read_is_marked_where() {
    let marked = |p: &str| Pattern::parse(p).unwrap_err().marked(p);
    assert_eq!(marked("ORD-\\d{6"), "ORD-\\d▸{6");
    assert_eq!(marked("[a-z"), "▸[a-z");
    assert_eq!(marked("[z-a]"), "[z-▸a]");
    assert_eq!(marked("(ab"), "(ab▸");
    assert_eq!(marked("ab)"), "ab▸)");
    assert_eq!(marked("*a"), "▸*a");
    assert_eq!(marked("a**"), "a*▸*");
    assert_eq!(marked("\\q"), "\\▸q");
    assert_eq!(marked("a{3,2}"), "a▸{3,2}");
    assert_eq!(marked("a{1001}"), "a▸{1001}");
    assert_eq!(marked("[]"), "[▸]");
}

fn minimal() -> serde_json::Value {
    serde_json::from_str(include_str!("fixtures/minimal-catalog.json")).unwrap()
}

fn with_field(field: serde_json::Value) -> serde_json::Value {
    let mut json = minimal();
    json["services"][0]["categories"][0]["fields"] = json!([field]);
    json
}

fn order_field() -> serde_json::Value {
    json!({ "id": "order", "type": "text", "label": { "en": "Order", "ja": "注文" },
            "hint": { "en": "ORD- and six digits", "ja": "ORD- と 6 桁の数字" },
            "pattern": "ORD-\\d{6}",
            "pattern_error": { "en": "Write ORD- and six digits", "ja": "ORD- と 6 桁で" } })
}

fn field_codes(c: &Catalog, value: &str) -> Vec<&'static str> {
    let mut a = Answers {
        case_type: "tech".into(),
        service: "svc".into(),
        category: "cat".into(),
        ..Answers::default()
    };
    a.fields.insert("order".into(), value.into());
    validate_step(&Rules::new(c, "basic"), &a, Step::Classification)
        .into_iter()
        .filter(|e| e.field == Field::Extra("order".into()))
        .map(|e| e.code.as_str())
        .collect()
}

#[test]
fn a_value_the_pattern_does_not_match_gets_the_catalogs_message() {
    let c = Catalog::from_json(&with_field(order_field()).to_string()).unwrap();
    assert_eq!(field_codes(&c, "ORD-123456"), Vec::<&str>::new());
    assert_eq!(field_codes(&c, "ord-123456"), [msg::ERROR_PATTERN.as_str()]);
    let mut plain = order_field();
    plain.as_object_mut().unwrap().remove("pattern_error");
    let c = Catalog::from_json(&with_field(plain).to_string()).unwrap();
    assert_eq!(
        field_codes(&c, "123"),
        [msg::ERROR_PATTERN_DEFAULT.as_str()]
    );
}

#[test]
fn the_checker_refuses_a_pattern_it_cannot_read_and_a_missing_translation() {
    let mut field = order_field();
    field["pattern"] = json!("ORD-[0-9");
    field["pattern_error"] = json!({ "en": "Write ORD- and six digits" });
    let problems: Vec<Problem> = match Catalog::from_json(&with_field(field).to_string()) {
        Err(CatalogError::Inconsistent(p)) => p,
        other => panic!("{other:?}"),
    };
    let path = "services[svc].categories[cat].fields[order]";
    let has = |code, member: &str, value: &str| {
        problems
            .iter()
            .any(|p| p.code == code && p.path == format!("{path}.{member}") && p.value == value)
    };
    assert!(
        has(msg::CATALOG_BAD_PATTERN, "pattern", "ORD-▸[0-9"),
        "{problems:?}"
    );
    assert!(
        has(msg::CATALOG_MISSING_TRANSLATION, "pattern_error", "ja"),
        "{problems:?}"
    );
}
