// A severity's response time varying by case type as well as by plan: the override map, the
// shipped catalogs unchanged by it, and the checker's refusals.
mod common;

use case_core::catalog::{Problem, ResponseTime};
use case_core::msg;
use case_core::rules::Rules;
use case_core::{Catalog, CatalogError};
use common::catalog;
use serde_json::json;

fn minimal() -> serde_json::Value {
    serde_json::from_str(include_str!("fixtures/minimal-catalog.json")).unwrap()
}

/// The minimal catalog with a second case type, `billing`, beside `tech`.
fn two_case_types() -> serde_json::Value {
    let mut json = minimal();
    let mut billing = json["case_types"][0].clone();
    billing["id"] = json!("billing");
    json["case_types"].as_array_mut().unwrap().push(billing);
    json
}

fn problems(json: serde_json::Value) -> Vec<Problem> {
    match Catalog::from_json(&json.to_string()) {
        Err(CatalogError::Inconsistent(p)) => p,
        other => panic!("expected problems, got {other:?}"),
    }
}

fn response(c: &Catalog, plan: &str, case_type: &str, severity: &str) -> Option<ResponseTime> {
    Rules::new(c, plan)
        .severity(case_type, severity)
        .map(|o| o.response)
}

#[test]
fn a_case_type_overrides_the_plans_time() {
    let mut json = two_case_types();
    json["severities"][0]["response_by_case_type"] =
        json!({ "billing": { "basic": { "business_days": 1 } } });
    let c = Catalog::from_json(&json.to_string()).unwrap();
    assert_eq!(
        response(&c, "basic", "tech", "low"),
        Some(ResponseTime::Hours(24))
    );
    assert_eq!(
        response(&c, "basic", "billing", "low"),
        Some(ResponseTime::BusinessDays(1))
    );
}

#[test]
fn the_shipped_catalogs_times_are_the_plans_times_for_every_case_type() {
    for name in ["aws", "akamai"] {
        let c = catalog(name);
        for plan in &c.plans {
            let rules = Rules::new(&c, &plan.id);
            for t in &c.case_types {
                for o in rules.severities(&t.id) {
                    let before = o.severity.response.get(&plan.id).copied();
                    assert_eq!(Some(o.response), before, "{name} {} {}", plan.id, t.id);
                }
                // Nothing offered now that was not offered before, nor the other way round.
                let offered = c.severities.iter().filter(|s| {
                    s.response.contains_key(&plan.id)
                        && t.severities.as_ref().is_none_or(|l| l.contains(&s.id))
                });
                assert_eq!(offered.count(), rules.severities(&t.id).len(), "{name}");
            }
        }
    }
}

#[test]
fn an_override_cannot_offer_a_severity_to_a_plan() {
    let mut json = two_case_types();
    json["plans"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "id": "pro", "label": { "en": "Pro", "ja": "Pro" } }));
    json["severities"][0]["response_by_case_type"] =
        json!({ "billing": { "pro": { "hours": 4 } }, "ghost": { "basic": { "hours": 1 } } });
    let found = problems(json);
    let has = |code, path: &str, value: &str| {
        found
            .iter()
            .any(|p| p.code == code && p.path == path && p.value == value)
    };
    assert!(
        has(
            msg::CATALOG_RESPONSE_NOT_OFFERED,
            "severities[low].response_by_case_type.billing",
            "pro"
        ),
        "{found:?}"
    );
    assert!(
        has(
            msg::CATALOG_UNKNOWN_REF,
            "severities[low].response_by_case_type",
            "ghost"
        ),
        "{found:?}"
    );
}

#[test]
fn an_override_time_must_be_plausible() {
    let mut json = two_case_types();
    json["severities"][0]["response_by_case_type"] =
        json!({ "billing": { "basic": { "minutes": 0 } } });
    let found = problems(json);
    assert!(found.iter().any(|p| p.code == msg::CATALOG_BAD_RESPONSE
        && p.path == "severities[low].response_by_case_type.billing.basic"));
}
