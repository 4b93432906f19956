//! The catalog's JSON Schema (`docs/catalog.schema.json`): the committed file is what the types
//! generate, the shipped catalogs follow it, and it refuses and accepts what the parser does.

use std::path::PathBuf;

use case_core::catalog::Catalog;
use serde_json::{json, Value};

const REGENERATE: &str = "cargo run -p case-server -- catalog-schema > docs/catalog.schema.json";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft7::new(&case_core::schema::catalog().to_value()).expect("a draft 7 schema")
}

/// What the schema says is wrong with `catalog`, one line per error.
fn schema_errors(validator: &jsonschema::Validator, catalog: &Value) -> Vec<String> {
    validator
        .iter_errors(catalog)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// Whether the parser reads `catalog` (its shape only, not its consistency).
fn parses(catalog: &Value) -> Result<(), String> {
    serde_json::from_value::<Catalog>(catalog.clone())
        .map(drop)
        .map_err(|e| e.to_string())
}

/// A small catalog that uses every kind of member: business hours, each field type, a
/// response time in each unit.
fn small() -> Value {
    let t = |s: &str| json!({ "en": s });
    json!({
        "id": "small", "name": t("Small"), "languages": ["en"],
        "plans": [{ "id": "basic", "label": t("Basic"),
            "business_hours": { "start": "09:00", "end": "17:30:00", "days": ["Mon", "Tue"] } }],
        "case_types": [{ "id": "tech", "label": t("Technical"), "services": ["svc"],
            "attachments": { "max_files": 2, "allowed_types": ["image/*"] } }],
        "services": [{ "id": "svc", "label": t("Service"), "categories": [{
            "id": "cat", "label": t("Category"),
            "help_links": [{ "label": t("Docs"), "url": "https://example.com/" }],
            "fields": [
                { "id": "f1", "type": "text", "label": t("Text"), "max_length": 20 },
                { "id": "f2", "type": "number", "label": t("Number"), "min": 1, "max": 2.5, "integer": false },
                { "id": "f3", "type": "choice", "label": t("Choice"), "required": true,
                  "options": [{ "id": "a", "label": t("A") }] },
                { "id": "f4", "type": "date", "label": t("Date"), "min": "2026-01-31" }
            ] }] }],
        "severities": [
            { "id": "low", "label": t("Low"), "response": { "basic": { "business_days": 2 } } },
            { "id": "high", "label": t("High"), "response": { "basic": { "minutes": 30 } } },
            { "id": "normal", "label": t("Normal"), "response": { "basic": { "hours": 4 } } }
        ],
        "contact_methods": [{ "id": "web", "label": t("Web") }],
        "contact_languages": [{ "id": "en", "label": t("English") }],
        "limits": { "subject_max": 100 }
    })
}

/// `small()` with the value at `pointer` replaced, or removed when `value` is `None`.
fn edited(pointer: &str, value: Option<Value>) -> Value {
    let mut catalog = small();
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
    let parent = catalog.pointer_mut(parent).expect("the parent exists");
    match (parent, value) {
        (Value::Object(map), Some(value)) => {
            map.insert(key.to_owned(), value);
        }
        (Value::Object(map), None) => {
            map.remove(key).expect("the member exists");
        }
        (Value::Array(list), Some(value)) => list[key.parse::<usize>().unwrap()] = value,
        (Value::Array(list), None) => {
            list.remove(key.parse::<usize>().unwrap());
        }
        _ => panic!("{pointer} is not in an object or array"),
    }
    catalog
}

#[test]
fn the_committed_schema_is_what_the_types_generate() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_case-server"))
        .arg("catalog-schema")
        .output()
        .expect("case-server runs");
    assert!(output.status.success(), "catalog-schema failed");
    let generated = String::from_utf8(output.stdout).expect("UTF-8");
    assert_eq!(generated, case_core::schema::catalog_json());
    let committed = std::fs::read_to_string(root().join("docs/catalog.schema.json"))
        .unwrap_or_else(|e| panic!("docs/catalog.schema.json: {e}; create it with `{REGENERATE}`"));
    assert!(
        committed == generated,
        "docs/catalog.schema.json is not what the catalog types in core/src/catalog/mod.rs generate; \
         regenerate it with `{REGENERATE}`"
    );
}

#[test]
fn the_schema_is_a_valid_draft_7_schema() {
    let schema = case_core::schema::catalog().to_value();
    if let Err(e) = jsonschema::meta::validate(&schema) {
        panic!("{}: {e}", e.instance_path());
    }
}

#[test]
fn the_shipped_catalogs_follow_the_schema() {
    let validator = validator();
    for name in ["aws", "akamai"] {
        let path = root().join(format!("public/catalog/{name}.json"));
        let catalog: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let errors = schema_errors(&validator, &catalog);
        assert!(errors.is_empty(), "{name}.json:\n{}", errors.join("\n"));
    }
}

#[test]
fn what_the_schema_accepts_the_parser_reads() {
    let validator = validator();
    let f = "/services/0/categories/0/fields";
    let cases = [
        ("the small catalog", small()),
        (
            "a $schema member",
            edited("/$schema", Some(json!("../../docs/catalog.schema.json"))),
        ),
        (
            "an optional member as null",
            edited("/support_phone", Some(Value::Null)),
        ),
        ("the limits left out", edited("/limits", None)),
        (
            "hours and minutes only",
            edited("/plans/0/business_hours/start", Some(json!("8:00"))),
        ),
        (
            "a time with a fraction",
            edited("/plans/0/business_hours/end", Some(json!("17:59:59.5"))),
        ),
        (
            "whole weekday names in any case",
            edited(
                "/plans/0/business_hours/days",
                Some(json!(["monday", "FRIDAY", "sat"])),
            ),
        ),
        (
            "a date without leading zeros",
            edited(&format!("{f}/3/max"), Some(json!("2026-2-3"))),
        ),
        (
            "a whole number as a number field's bound",
            edited(&format!("{f}/1/max"), Some(json!(7))),
        ),
    ];
    for (what, catalog) in cases {
        let errors = schema_errors(&validator, &catalog);
        assert!(
            errors.is_empty(),
            "{what}: the schema refuses it:\n{}",
            errors.join("\n")
        );
        if let Err(e) = parses(&catalog) {
            panic!("{what}: the schema accepts it, the parser does not: {e}");
        }
    }
}

#[test]
fn broken_catalogs_are_refused_by_the_schema_as_by_the_parser() {
    let validator = validator();
    let f = "/services/0/categories/0/fields";
    let cases = [
        ("an unknown member", edited("/colour", Some(json!("blue")))),
        (
            "an unknown member of a plan",
            edited("/plans/0/tier", Some(json!(1))),
        ),
        (
            "an unknown member of the limits",
            edited("/limits/body_max", Some(json!(10))),
        ),
        (
            "a $schema that is not a string",
            edited("/$schema", Some(json!(7))),
        ),
        (
            "languages as a string",
            edited("/languages", Some(json!("en"))),
        ),
        (
            "a label as a string",
            edited("/plans/0/label", Some(json!("Basic"))),
        ),
        (
            "a label's text as a number",
            edited("/plans/0/label/en", Some(json!(1))),
        ),
        (
            "a negative file count",
            edited("/case_types/0/attachments/max_files", Some(json!(-1))),
        ),
        (
            "a response time as text",
            edited(
                "/severities/0/response/basic/business_days",
                Some(json!("two")),
            ),
        ),
        (
            "a response time in an unknown unit",
            edited("/severities/0/response/basic", Some(json!({ "days": 2 }))),
        ),
        (
            "a response time in two units",
            edited(
                "/severities/0/response/basic",
                Some(json!({ "hours": 2, "minutes": 5 })),
            ),
        ),
        (
            "an extra field's unknown member",
            edited(&format!("{f}/0/placeholder"), Some(json!("x"))),
        ),
        (
            "a text field's member on a number field",
            edited(&format!("{f}/1/max_length"), Some(json!(3))),
        ),
        (
            "an unknown field type",
            edited(&format!("{f}/0/type"), Some(json!("checkbox"))),
        ),
        (
            "a field without a type",
            edited(&format!("{f}/0/type"), None),
        ),
        (
            "a choice without options",
            edited(&format!("{f}/2/options"), None),
        ),
        (
            "a text length as a string",
            edited(&format!("{f}/0/max_length"), Some(json!("20"))),
        ),
        (
            "a 25th hour",
            edited("/plans/0/business_hours/start", Some(json!("25:00"))),
        ),
        (
            "a time without minutes",
            edited("/plans/0/business_hours/start", Some(json!("09"))),
        ),
        (
            "a weekday that is none",
            edited("/plans/0/business_hours/days/0", Some(json!("Mond"))),
        ),
        (
            "a 13th month",
            edited(&format!("{f}/3/min"), Some(json!("2026-13-01"))),
        ),
        (
            "a date in another order",
            edited(&format!("{f}/3/min"), Some(json!("31.01.2026"))),
        ),
        ("no id", edited("/id", None)),
        ("no services", edited("/services", None)),
        (
            "a case type without a label",
            edited("/case_types/0/label", None),
        ),
        (
            "business hours without days",
            edited("/plans/0/business_hours/days", None),
        ),
        (
            "a severity without response times",
            edited("/severities/0/response", None),
        ),
    ];
    for (what, catalog) in cases {
        assert!(
            !validator.is_valid(&catalog),
            "{what}: the schema accepts it"
        );
        assert!(parses(&catalog).is_err(), "{what}: the parser reads it");
    }
}

/// Each string in `accepted` is read by both the schema named `name` and chrono's parser of
/// `T`, each in `refused` by neither.
fn agree<T: serde::de::DeserializeOwned>(name: &str, accepted: &[&str], refused: &[&str]) {
    let schema = case_core::schema::catalog().to_value();
    let validator = jsonschema::draft7::new(&schema["definitions"][name]).unwrap();
    let chrono_reads = |text: &str| serde_json::from_value::<T>(json!(text)).is_ok();
    for text in accepted {
        assert!(
            validator.is_valid(&json!(text)),
            "{name} {text:?}: the schema refuses it"
        );
        assert!(chrono_reads(text), "{name} {text:?}: chrono refuses it");
    }
    for text in refused {
        assert!(
            !validator.is_valid(&json!(text)),
            "{name} {text:?}: the schema accepts it"
        );
        assert!(!chrono_reads(text), "{name} {text:?}: chrono reads it");
    }
}

/// The hand-written schemas of chrono's types against chrono's own parsers.
#[test]
fn the_time_date_and_weekday_schemas_agree_with_chrono() {
    agree::<chrono::NaiveTime>(
        "Time",
        &[
            "00:00",
            "08:00",
            "8:00",
            "23:59",
            "18:00:00",
            "23:59:59.999",
            "23:59:60",
        ],
        &[
            "24:00",
            "12:60",
            "12",
            "12:00:61",
            "12:00:",
            "12:00:00.",
            "noon",
            "",
            "12-00",
        ],
    );
    agree::<chrono::NaiveDate>(
        "Date",
        &["2026-01-31", "2026-1-5", "1999-12-01", "0800-06-15"],
        &[
            "2026-00-10",
            "2026-13-01",
            "2026-01-32",
            "2026-02-30",
            "2026-04-31",
            "2026/01/31",
            "20260131",
            "26-01-31x",
            "",
        ],
    );
    agree::<chrono::Weekday>(
        "Weekday",
        &[
            "Mon",
            "mon",
            "MON",
            "Monday",
            "monday",
            "Tue",
            "Tuesday",
            "Wed",
            "wednesday",
            "Thu",
            "Thursday",
            "Fri",
            "friday",
            "Sat",
            "SATURDAY",
            "Sun",
            "Sunday",
        ],
        &["Mo", "Mond", "Tues", "Monday ", "Lundi", "1", ""],
    );
}
