// Business hours named once in the catalog and referred to by name from plans, case types and
// language teams, beside hours written out where they apply.
use case_core::catalog::{BusinessHours, Problem};
use case_core::msg;
use case_core::rules::Rules;
use case_core::{Catalog, CatalogError};
use chrono::NaiveTime;
use serde_json::json;

fn minimal() -> serde_json::Value {
    serde_json::from_str(include_str!("fixtures/minimal-catalog.json")).unwrap()
}

fn emea() -> serde_json::Value {
    json!({ "start": "09:00", "end": "17:00", "days": ["Mon", "Tue", "Wed", "Thu", "Fri"],
            "time_zone": "Europe/Dublin", "holidays": ["2026-12-25"] })
}

fn problems(json: serde_json::Value) -> Vec<Problem> {
    match Catalog::from_json(&json.to_string()) {
        Err(CatalogError::Inconsistent(p)) => p,
        other => panic!("expected problems, got {other:?}"),
    }
}

fn has(found: &[Problem], code: msg::MessageId, path: &str, value: &str) -> bool {
    found
        .iter()
        .any(|p| p.code == code && p.path == path && p.value == value)
}

fn nine_to_five(hours: &BusinessHours) -> bool {
    hours.start == NaiveTime::from_hms_opt(9, 0, 0).unwrap()
        && hours.end == NaiveTime::from_hms_opt(17, 0, 0).unwrap()
        && hours.time_zone.as_deref() == Some("Europe/Dublin")
}

#[test]
fn a_name_stands_for_the_hours_wherever_hours_are_taken() {
    let mut json = minimal();
    json["business_hours"] = json!({ "emea": emea() });
    json["plans"][0]["business_hours"] = json!("emea");
    json["contact_languages"][0]["team_hours"] = json!([{ "hours": "emea" }]);
    let c = Catalog::from_json(&json.to_string()).unwrap();
    let rules = Rules::new(&c, "basic");
    assert!(nine_to_five(rules.business_hours("tech").unwrap()));
    assert!(nine_to_five(rules.language_team_hours("en").unwrap()));
    // Named once, so checked (and its zone looked up) once.
    let all: Vec<String> = c.all_business_hours().into_iter().map(|(p, _)| p).collect();
    assert_eq!(all, ["business_hours[emea]"]);
}

#[test]
fn a_case_types_named_hours_take_the_place_of_the_plans_written_ones() {
    let mut json = minimal();
    json["business_hours"] = json!({ "emea": emea() });
    let mut tokyo = emea();
    tokyo["time_zone"] = json!("Asia/Tokyo");
    json["plans"][0]["business_hours"] = tokyo;
    json["case_types"][0]["business_hours"] = json!("emea");
    let c = Catalog::from_json(&json.to_string()).unwrap();
    assert!(nine_to_five(
        Rules::new(&c, "basic").business_hours("tech").unwrap()
    ));
    let all: Vec<String> = c.all_business_hours().into_iter().map(|(p, _)| p).collect();
    assert_eq!(all, ["business_hours[emea]", "plans[basic].business_hours"]);
}

#[test]
fn an_undefined_name_and_bad_named_hours_are_problems() {
    let mut json = minimal();
    let mut backwards = emea();
    backwards["start"] = json!("18:00");
    json["business_hours"] = json!({ "late": backwards });
    json["plans"][0]["business_hours"] = json!("emae");
    json["contact_languages"][0]["team_hours"] = json!([{ "hours": "late" }]);
    let found = problems(json);
    assert!(
        has(
            &found,
            msg::CATALOG_UNKNOWN_REF,
            "plans[basic].business_hours",
            "emae"
        ),
        "{found:?}"
    );
    assert!(
        has(
            &found,
            msg::CATALOG_BAD_HOURS,
            "business_hours[late]",
            "18:00:00-17:00:00"
        ),
        "{found:?}"
    );
    // Reported where they are defined, not again where they are used.
    assert_eq!(found.len(), 2, "{found:?}");
}

#[test]
fn a_mistake_inside_written_out_hours_is_named() {
    let mut json = minimal();
    json["plans"][0]["business_hours"] = json!({ "start": "09:00", "end": "17:00" });
    match Catalog::from_json(&json.to_string()).unwrap_err() {
        CatalogError::Syntax { detail, .. } => assert!(detail.contains("days"), "{detail}"),
        other => panic!("{other:?}"),
    }
}

/// The worked example in docs/catalog.md, "How each time counts": Dublin keeps UTC in December.
#[test]
fn the_documented_example_counts_as_documented() {
    use case_core::catalog::ResponseTime::{BusinessDays, Hours};
    use case_core::deadline::first_response_by;
    let mut json = minimal();
    json["business_hours"] = json!({ "emea": emea() });
    json["plans"][0]["business_hours"] = json!("emea");
    let c = Catalog::from_json(&json.to_string()).unwrap();
    let hours = Rules::new(&c, "basic").business_hours("tech");
    let filed = chrono::DateTime::parse_from_rfc3339("2026-12-24T16:00:00Z")
        .unwrap()
        .to_utc();
    let due = |response, hours| {
        first_response_by(filed, response, hours)
            .unwrap()
            .to_rfc3339()
    };
    assert_eq!(due(Hours(4), hours), "2026-12-28T12:00:00+00:00");
    assert_eq!(due(BusinessDays(1), hours), "2026-12-28T16:00:00+00:00");
    assert_eq!(due(Hours(4), None), "2026-12-24T20:00:00+00:00");
    assert_eq!(due(BusinessDays(1), None), "2026-12-25T16:00:00+00:00");
}
