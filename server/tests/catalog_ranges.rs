//! The guide, the schema and the checker state the same ranges: the response times and phone
//! numbers of `docs/catalog.md`'s tables are what the schema allows and what the checker
//! accepts, no more and no less, and the schema refuses what the checker refuses.

use case_core::catalog::{Catalog, CatalogError};
use case_core::msg;
use serde_json::{json, Value};

const GUIDE: &str = include_str!("../../docs/catalog.md");

fn minimal() -> Value {
    serde_json::from_str(include_str!(
        "../../core/tests/fixtures/minimal-catalog.json"
    ))
    .unwrap()
}

fn schema() -> Value {
    case_core::schema::catalog().to_value()
}

fn schema_accepts(catalog: &Value) -> bool {
    jsonschema::draft7::new(&schema())
        .unwrap()
        .is_valid(catalog)
}

/// The checker's problem codes for `catalog`.
fn checker_codes(catalog: &Value) -> Vec<String> {
    match Catalog::from_json(&catalog.to_string()) {
        Ok(_) => Vec::new(),
        Err(CatalogError::Inconsistent(problems)) => {
            problems.iter().map(|p| p.code.to_string()).collect()
        }
        Err(e) => panic!("{e}"),
    }
}

/// "(1 to 129,600)" in the guide's row for `{ "unit": … }`, as numbers.
fn stated_range(unit: &str) -> (u64, u64) {
    let row = GUIDE
        .lines()
        .find(|l| l.starts_with(&format!("| `{{ \"{unit}\":")))
        .unwrap_or_else(|| panic!("the guide has no row for {unit}"));
    let inside = row.split_once('(').unwrap().1.split_once(')').unwrap().0;
    let (low, high) = inside.split_once(" to ").unwrap();
    let number = |s: &str| s.replace(',', "").trim().parse::<u64>().unwrap();
    (number(low), number(high))
}

#[test]
fn response_times_range_as_the_guide_says_in_the_schema_and_the_checker() {
    let schema = schema();
    for (i, unit) in ["minutes", "hours", "business_days"]
        .into_iter()
        .enumerate()
    {
        let (low, high) = stated_range(unit);
        let variant = &schema["definitions"]["ResponseTime"]["oneOf"][i]["properties"][unit];
        assert_eq!(
            variant["minimum"],
            json!(low),
            "{unit}: the schema's minimum"
        );
        assert_eq!(
            variant["maximum"],
            json!(high),
            "{unit}: the schema's maximum"
        );
        for (amount, fine) in [
            (low - 1, false),
            (low, true),
            (high, true),
            (high + 1, false),
        ] {
            let mut catalog = minimal();
            catalog["severities"][0]["response"]["basic"] = json!({ unit: amount });
            let refused = checker_codes(&catalog).contains(&msg::CATALOG_BAD_RESPONSE.to_string());
            assert_eq!(!refused, fine, "{unit} {amount}: the checker");
            assert_eq!(
                schema_accepts(&catalog),
                fine,
                "{unit} {amount}: the schema"
            );
        }
    }
}

#[test]
fn phone_numbers_have_as_many_digits_as_the_guide_says() {
    let stated = GUIDE
        .lines()
        .find(|l| l.starts_with("| `support_phone` |"))
        .unwrap();
    assert!(stated.contains("6 to 20 digits"), "{stated}");
    let number = |digits: usize| format!("+{}", "1".repeat(digits));
    for (digits, fine) in [(5, false), (6, true), (20, true), (21, false)] {
        let mut catalog = minimal();
        catalog["support_phone"] = json!(number(digits));
        let refused = checker_codes(&catalog).contains(&msg::CATALOG_BAD_PHONE.to_string());
        assert_eq!(!refused, fine, "{digits} digits: the checker");
        assert_eq!(
            schema_accepts(&catalog),
            fine,
            "{digits} digits: the schema"
        );
    }
}

type Edit = fn(&mut Value);

#[test]
fn what_the_checker_refuses_beyond_the_shape_the_schema_refuses_too() {
    let cases: [(&str, Edit); 7] = [
        ("a blank id", |c| c["plans"][0]["id"] = json!(" ")),
        ("no plans", |c| c["plans"] = json!([])),
        ("no languages", |c| c["languages"] = json!([])),
        ("a file of no bytes", |c| {
            c["attachments"] = json!({ "max_bytes": 0 })
        }),
        (
            "a calling code with a plus",
            |c| c["phone_countries"] = json!([{ "region": "JP", "dial": "+81", "label": { "en": "Japan", "ja": "日本" } }]),
        ),
        ("a time zone that is no name", |c| {
            c["plans"][0]["business_hours"] = json!({ "start": "09:00", "end": "17:00", "days": ["Mon"], "time_zone": "Tokyo time" })
        }),
        ("a link that is no address", |c| {
            c["services"][0]["categories"][0]["help_links"] =
                json!([{ "label": { "en": "Help", "ja": "Help" }, "url": "javascript:alert(1)" }])
        }),
    ];
    for (what, edit) in cases {
        let mut catalog = minimal();
        edit(&mut catalog);
        assert!(
            !checker_codes(&catalog).is_empty(),
            "{what}: the checker accepts it"
        );
        assert!(!schema_accepts(&catalog), "{what}: the schema accepts it");
    }
    assert!(schema_accepts(&minimal()));
}

#[test]
fn a_link_the_checker_warns_of_the_schema_refuses() {
    let mut catalog = minimal();
    catalog["services"][0]["categories"][0]["help_links"] =
        json!([{ "label": { "en": "Help", "ja": "Help" }, "url": "https://support example/kb" }]);
    let parsed = Catalog::from_json(&catalog.to_string()).unwrap();
    assert_eq!(parsed.warnings()[0].code, msg::CATALOG_LOOSE_URL);
    assert!(!schema_accepts(&catalog));
}

#[test]
fn business_hours_count_on_their_own_zone_first_in_the_guide_and_the_schema() {
    assert!(GUIDE.contains("1. The hours' own `time_zone`, where they name one."));
    let plan_hours = &schema()["definitions"]["Plan"]["properties"]["business_hours"];
    let said = plan_hours["description"].as_str().unwrap();
    assert!(said.contains("their own `time_zone`"), "{said}");
    assert!(!said.contains("in the customer's time zone"), "{said}");
}
