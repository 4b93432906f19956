//! The catalog's scoped rules, each on a small catalog of its own: contact options by scope,
//! language teams' hours, entitlements, plan-only services, per-case-type hours and time terms.

use case_core::catalog::{ResponseTime, TimeTerm};
use case_core::field::Field;
use case_core::msg;
use case_core::rules::Rules;
use case_core::validate::validate_step;
use case_core::{Answers, Catalog, Step};
use serde_json::{json, Value};

fn t(s: &str) -> Value {
    json!({ "en": s, "ja": s })
}

/// Two plans, two case types, two services, two severities.
fn base() -> Value {
    let mut c: Value = serde_json::from_str(include_str!("fixtures/minimal-catalog.json")).unwrap();
    c["plans"] = json!([
        { "id": "basic", "label": t("Basic") },
        { "id": "gold", "label": t("Gold") }
    ]);
    c["case_types"] = json!([
        { "id": "billing", "label": t("Billing"), "services": ["svc"] },
        { "id": "tech", "label": t("Technical"), "services": ["svc", "extra"] }
    ]);
    c["services"].as_array_mut().unwrap().push(json!({
        "id": "extra", "label": t("Extra"), "plans": ["gold"],
        "categories": [{ "id": "cat", "label": t("Category") }]
    }));
    c["severities"] = json!([
        { "id": "low", "label": t("Low"), "response": { "basic": "unstated", "gold": { "hours": 24 } } },
        { "id": "high", "label": t("High"), "response": { "gold": { "hours": 1 } } }
    ]);
    c
}

fn parse(c: Value) -> Catalog {
    Catalog::from_json(&c.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

fn ids<'a>(items: impl IntoIterator<Item = &'a String>) -> Vec<&'a str> {
    items.into_iter().map(String::as_str).collect()
}

#[test]
fn a_contact_method_is_offered_where_any_of_its_scopes_applies() {
    let mut c = base();
    c["contact_methods"] = json!([
        { "id": "web", "label": t("Web") },
        { "id": "chat", "label": t("Chat"), "offered": [
            { "case_types": ["billing"] },
            { "plans": ["gold"], "case_types": ["tech"] }
        ] },
        { "id": "pager", "label": t("Pager"), "offered": [{ "severities": ["high"] }] }
    ]);
    let c = parse(c);
    let methods = |plan, case_type, severity| {
        ids(Rules::new(&c, plan)
            .contact_methods(case_type, severity)
            .into_iter()
            .map(|m| &m.id))
    };
    assert_eq!(methods("basic", "billing", "low"), ["web", "chat"]);
    assert_eq!(methods("basic", "tech", "low"), ["web"]);
    assert_eq!(methods("gold", "tech", "low"), ["web", "chat"]);
    assert_eq!(methods("gold", "tech", "high"), ["web", "chat", "pager"]);
}

#[test]
fn a_contact_language_not_offered_for_the_case_type_is_refused_and_cleared() {
    let mut c = base();
    c["contact_languages"] = json!([
        { "id": "en", "label": t("English") },
        { "id": "ko", "label": t("Korean"), "offered": [{ "case_types": ["tech"] }] }
    ]);
    let c = parse(c);
    let rules = Rules::new(&c, "gold");
    let offered = |case_type| {
        ids(rules
            .contact_languages(case_type, "")
            .into_iter()
            .map(|l| &l.id))
    };
    assert_eq!(offered("tech"), ["en", "ko"]);
    assert_eq!(offered("billing"), ["en"]);

    let mut a = Answers::default();
    a.set_case_type(&rules, "tech");
    a.contact_language = "ko".into();
    let errors = validate_step(&rules, &a, Step::Contact);
    assert!(!errors.iter().any(|e| e.field == Field::ContactLanguage));
    a.set_case_type(&rules, "billing");
    assert_eq!(
        a.contact_language, "",
        "a language billing does not offer is cleared"
    );
    a.contact_language = "ko".into();
    let errors = validate_step(&rules, &a, Step::Contact);
    assert!(errors
        .iter()
        .any(|e| e.field == Field::ContactLanguage && e.code == msg::ERROR_CHOICE_UNKNOWN));
    // The form's language becomes the contact language only where it is offered.
    let mut a = Answers::default();
    a.set_case_type(&rules, "billing");
    a.default_contact_language(&rules, "ko");
    assert_eq!(a.contact_language, "");
    a.set_case_type(&rules, "tech");
    a.default_contact_language(&rules, "ko");
    assert_eq!(a.contact_language, "ko");
}

#[test]
fn a_language_team_keeps_hours_only_for_the_plans_listed() {
    let mut c = base();
    c["contact_languages"] = json!([
        { "id": "en", "label": t("English") },
        { "id": "ja", "label": t("Japanese"), "team_hours": [{
            "plans": ["basic"],
            "hours": { "start": "09:00:00", "end": "18:00:00", "days": ["Mon", "Tue", "Wed", "Thu", "Fri"],
                       "time_zone": "Asia/Tokyo", "holidays": ["2026-11-23"] }
        }] }
    ]);
    let c = parse(c);
    let hours = Rules::new(&c, "basic").language_team_hours("ja").unwrap();
    assert_eq!(hours.time_zone.as_deref(), Some("Asia/Tokyo"));
    assert_eq!(hours.holidays.len(), 1);
    assert!(Rules::new(&c, "gold").language_team_hours("ja").is_none());
    assert!(Rules::new(&c, "basic").language_team_hours("en").is_none());
}

#[test]
fn a_case_type_with_an_entitlement_is_offered_only_where_the_page_grants_it() {
    let mut c = base();
    c["case_types"].as_array_mut().unwrap().push(json!({
        "id": "consulting", "label": t("Consulting"), "services": ["svc"],
        "entitlement": "professional-services"
    }));
    let c = parse(c);
    let consulting = c.case_type("consulting").unwrap();
    let plain = Rules::new(&c, "gold");
    assert!(!plain.case_type_allowed(consulting));
    let granted = ["professional-services".to_owned()];
    assert!(plain.entitled(&granted).case_type_allowed(consulting));
    let a = Answers {
        case_type: "consulting".into(),
        ..Answers::default()
    };
    assert!(validate_step(&plain, &a, Step::CaseType)
        .iter()
        .any(|e| e.field == Field::CaseType));
    assert!(validate_step(&plain.entitled(&granted), &a, Step::CaseType).is_empty());
}

#[test]
fn a_service_reserved_for_some_plans_is_offered_only_to_them() {
    let c = parse(base());
    let services = |plan| {
        ids(Rules::new(&c, plan)
            .services("tech")
            .into_iter()
            .map(|s| &s.id))
    };
    assert_eq!(services("gold"), ["svc", "extra"]);
    assert_eq!(services("basic"), ["svc"]);
    let mut a = Answers::default();
    a.set_case_type(&Rules::new(&c, "basic"), "tech");
    a.set_service("extra");
    a.set_category("cat");
    let errors = validate_step(&Rules::new(&c, "basic"), &a, Step::Classification);
    assert!(
        errors.iter().any(|e| e.field == Field::Service),
        "{errors:?}"
    );
}

#[test]
fn a_case_types_own_hours_replace_the_plans() {
    let mut c = base();
    let weekdays = json!(["Mon", "Tue", "Wed", "Thu", "Fri"]);
    c["plans"][0]["business_hours"] =
        json!({ "start": "08:00:00", "end": "18:00:00", "days": weekdays });
    c["case_types"][0]["business_hours"] = json!({ "start": "00:00:00", "end": "23:59:59", "days": weekdays, "time_zone": "America/New_York" });
    let c = parse(c);
    let rules = Rules::new(&c, "basic");
    let billing = rules.business_hours("billing").unwrap();
    assert_eq!(billing.time_zone.as_deref(), Some("America/New_York"));
    let tech = rules.business_hours("tech").unwrap();
    assert_eq!(tech.start.to_string(), "08:00:00");
    assert!(Rules::new(&c, "gold").business_hours("tech").is_none());
}

#[test]
fn a_severity_scale_may_name_its_times_initial_contact_and_promise_none() {
    let mut c = base();
    c["case_types"][1]["time_term"] = json!("initial_contact");
    let c = parse(c);
    let rules = Rules::new(&c, "basic");
    assert_eq!(rules.time_term("tech"), TimeTerm::InitialContact);
    assert_eq!(rules.time_term("billing"), TimeTerm::FirstResponse);
    let low = rules.severity("billing", "low").unwrap();
    assert_eq!(low.response, ResponseTime::Unstated);
}
