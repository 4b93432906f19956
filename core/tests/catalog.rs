mod common;

use case_core::catalog::Problem;
use case_core::msg::{self, MessageId};
use case_core::{Catalog, CatalogError};

/// A small catalog with nothing wrong in it, shared with the server's checker tests.
fn minimal() -> serde_json::Value {
    serde_json::from_str(include_str!("fixtures/minimal-catalog.json")).unwrap()
}

fn problems(json: serde_json::Value) -> Vec<Problem> {
    match Catalog::from_json(&json.to_string()) {
        Err(CatalogError::Inconsistent(p)) => p,
        other => panic!("expected problems, got {other:?}"),
    }
}

fn has(problems: &[Problem], code: MessageId, path: &str, value: &str) -> bool {
    problems
        .iter()
        .any(|p| p.code == code && p.path == path && p.value == value)
}

#[test]
fn shipped_catalogs_are_consistent() {
    for name in ["aws", "akamai"] {
        let path = format!(
            "{}/../public/catalog/{name}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        if let Err(e) = Catalog::from_json(&std::fs::read_to_string(path).unwrap()) {
            panic!("{name}: {e}");
        }
    }
}

#[test]
fn a_minimal_catalog_is_accepted() {
    assert!(Catalog::from_json(&minimal().to_string()).is_ok());
}

#[test]
fn malformed_json_reports_line_and_column() {
    let err = Catalog::from_json("{\n  \"id\": \"x\",\n  \"languages\": [ }").unwrap_err();
    match err {
        CatalogError::Syntax { line, column, .. } => assert_eq!((line, column), (3, 18)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_misspelt_key_is_named() {
    let mut json = minimal();
    json["plns"] = serde_json::json!([]);
    match Catalog::from_json(&json.to_string()).unwrap_err() {
        CatalogError::Syntax { detail, .. } => assert!(detail.contains("plns"), "{detail}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn references_to_undefined_ids_are_named_with_their_path() {
    let mut json = minimal();
    json["case_types"][0]["services"] = serde_json::json!(["svc", "nowhere"]);
    json["case_types"][0]["default_severity"] = serde_json::json!("urgent");
    json["severities"][0]["response"]["gold"] = serde_json::json!({ "hours": 1 });
    json["contact_methods"][0]["offered"] = serde_json::json!([{ "plans": ["silver"] }]);
    let p = problems(json);
    assert!(
        has(
            &p,
            msg::CATALOG_UNKNOWN_REF,
            "case_types[tech].services",
            "nowhere"
        ),
        "{p:?}"
    );
    assert!(has(
        &p,
        msg::CATALOG_UNKNOWN_REF,
        "case_types[tech].default_severity",
        "urgent"
    ));
    assert!(has(
        &p,
        msg::CATALOG_UNKNOWN_REF,
        "severities[low].response",
        "gold"
    ));
    assert!(has(
        &p,
        msg::CATALOG_UNKNOWN_REF,
        "contact_methods[web].offered[0].plans",
        "silver"
    ));
}

#[test]
fn a_missing_translation_names_the_language() {
    let mut json = minimal();
    json["services"][0]["categories"][0]["label"] = serde_json::json!({ "en": "Category" });
    let p = problems(json);
    assert!(
        has(
            &p,
            msg::CATALOG_MISSING_TRANSLATION,
            "services[svc].categories[cat].label",
            "ja"
        ),
        "{p:?}"
    );
}

#[test]
fn duplicate_ids_and_empty_lists_are_rejected() {
    let mut json = minimal();
    let plan = json["plans"][0].clone();
    json["plans"].as_array_mut().unwrap().push(plan);
    json["contact_methods"] = serde_json::json!([]);
    let p = problems(json);
    assert!(
        has(&p, msg::CATALOG_DUPLICATE_ID, "plans", "basic"),
        "{p:?}"
    );
    assert!(has(&p, msg::CATALOG_EMPTY_LIST, "contact_methods", ""));
}

#[test]
fn help_links_must_be_web_addresses() {
    let mut json = minimal();
    json["services"][0]["categories"][0]["help_links"] =
        serde_json::json!([{ "label": { "en": "x", "ja": "x" }, "url": "javascript:alert(1)" }]);
    let p = problems(json);
    assert!(
        has(
            &p,
            msg::CATALOG_BAD_URL,
            "services[svc].categories[cat].help_links[0].url",
            "javascript:alert(1)"
        ),
        "{p:?}"
    );
}

#[test]
fn call_only_severities_need_a_support_phone() {
    let mut json = minimal();
    json["case_types"][0]["call_only_severities"] = serde_json::json!(["low"]);
    let p = problems(json);
    assert!(
        has(&p, msg::CATALOG_NO_SUPPORT_PHONE, "case_types[tech]", ""),
        "{p:?}"
    );
}

#[test]
fn phone_contact_needs_countries_and_empty_ranges_are_rejected() {
    let mut json = minimal();
    json["contact_methods"][0]["phone"] = serde_json::json!(true);
    json["services"][0]["categories"][0]["fields"] = serde_json::json!([
        { "id": "n", "type": "number", "min": 10, "max": 1, "label": { "en": "N", "ja": "N" } }
    ]);
    let p = problems(json);
    assert!(
        has(
            &p,
            msg::CATALOG_NO_PHONE_COUNTRIES,
            "contact_methods[web]",
            ""
        ),
        "{p:?}"
    );
    assert!(has(
        &p,
        msg::CATALOG_BAD_RANGE,
        "services[svc].categories[cat].fields[n]",
        "10 > 1"
    ));
}

#[test]
fn business_hours_must_form_a_working_day() {
    let mut json = minimal();
    json["plans"][0]["business_hours"] =
        serde_json::json!({ "start": "18:00:00", "end": "08:00:00", "days": ["Mon"] });
    let p = problems(json);
    assert!(p.iter().any(|p| p.code == msg::CATALOG_BAD_HOURS), "{p:?}");
}

#[test]
fn every_problem_code_has_a_message() {
    let messages = case_core::i18n::Messages::load().unwrap();
    let codes = [
        msg::CATALOG_NO_LANGUAGES,
        msg::CATALOG_EMPTY_LIST,
        msg::CATALOG_EMPTY_ID,
        msg::CATALOG_DUPLICATE_ID,
        msg::CATALOG_UNKNOWN_REF,
        msg::CATALOG_MISSING_TRANSLATION,
        msg::CATALOG_BAD_HOURS,
        msg::CATALOG_NO_SUPPORT_PHONE,
        msg::CATALOG_NO_PHONE_COUNTRIES,
        msg::CATALOG_BAD_DIAL_CODE,
        msg::CATALOG_BAD_LIMIT,
        msg::CATALOG_BAD_URL,
        msg::CATALOG_BAD_RANGE,
        msg::CATALOG_UNKNOWN_PLAN,
    ];
    for code in codes {
        assert!(messages.has("en", code), "{code}");
    }
}

fn unknown_plan(value: &str) -> Problem {
    Problem {
        code: msg::CATALOG_UNKNOWN_PLAN,
        path: "plan".into(),
        value: value.into(),
    }
}

#[test]
fn a_page_that_names_no_plan_works_in_the_catalogs_first() {
    assert_eq!(common::catalog("aws").resolve_plan(""), Ok("basic".into()));
    assert_eq!(
        common::catalog("akamai").resolve_plan(""),
        Ok("standard".into())
    );
}

#[test]
fn a_plan_the_catalog_defines_is_taken_as_named() {
    let aws = common::catalog("aws");
    assert_eq!(aws.resolve_plan("business"), Ok("business".into()));
    assert_eq!(aws.resolve_plan("enterprise"), Ok("enterprise".into()));
}

#[test]
fn a_plan_the_catalog_does_not_define_is_refused_with_the_name_given() {
    let aws = common::catalog("aws");
    assert_eq!(aws.resolve_plan("platinum"), Err(unknown_plan("platinum")));
    assert_eq!(
        aws.resolve_plan("Business"),
        Err(unknown_plan("Business")),
        "plan ids are matched exactly"
    );
    assert_eq!(aws.resolve_plan(" "), Err(unknown_plan(" ")));
}

#[test]
fn a_catalog_without_plans_has_none_to_work_in() {
    let mut empty = common::catalog("aws");
    empty.plans.clear();
    let refused = empty.resolve_plan("").unwrap_err();
    assert_eq!(
        (refused.code, refused.path.as_str()),
        (msg::CATALOG_EMPTY_LIST, "plans")
    );
}

#[test]
fn a_severity_no_plan_and_case_type_offers_is_reported_as_unreachable() {
    let mut json = minimal();
    json["severities"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({ "id": "urgent", "label": { "en": "Urgent", "ja": "緊急" }, "response": {} }));
    let p = problems(json);
    assert!(
        has(
            &p,
            msg::CATALOG_UNREACHABLE_SEVERITY,
            "severities[urgent]",
            "urgent"
        ),
        "{p:?}"
    );
}

#[test]
fn a_plan_whose_customers_could_choose_no_case_type_is_reported() {
    let mut json = minimal();
    json["plans"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({ "id": "gold", "label": { "en": "Gold", "ja": "ゴールド" } }));
    json["case_types"][0]["plans"] = serde_json::json!(["basic"]);
    json["severities"][0]["response"]["gold"] = serde_json::json!({ "hours": 4 });
    let p = problems(json);
    assert_eq!(
        p,
        vec![Problem {
            code: msg::CATALOG_PLAN_WITHOUT_CASE_TYPES,
            path: "plans[gold]".into(),
            value: "gold".into()
        }]
    );
}

#[test]
fn an_implausible_response_time_is_shown_as_the_catalog_writes_it() {
    let mut json = minimal();
    json["severities"][0]["response"]["basic"] = serde_json::json!({ "minutes": 0 });
    let p = problems(json);
    assert!(
        has(
            &p,
            msg::CATALOG_BAD_RESPONSE,
            "severities[low].response.basic",
            "{\"minutes\": 0}"
        ),
        "{p:?}"
    );
}

#[test]
fn cc_plans_naming_a_plan_the_catalog_lacks_are_reported() {
    let mut json = minimal();
    json["limits"] = serde_json::json!({ "cc_plans": ["basic", "gold"] });
    let p = problems(json);
    assert!(
        has(&p, msg::CATALOG_UNKNOWN_REF, "limits.cc_plans", "gold"),
        "{p:?}"
    );
}

#[test]
fn a_notice_naming_what_the_catalog_lacks_or_missing_a_language_is_reported() {
    let mut json = minimal();
    json["notices"] = serde_json::json!([
        { "text": { "en": "Only English" }, "at": "severity", "plans": ["gold"], "case_types": ["tech"] }
    ]);
    let p = problems(json);
    assert!(
        has(&p, msg::CATALOG_UNKNOWN_REF, "notices[0].plans", "gold"),
        "{p:?}"
    );
    assert!(
        has(
            &p,
            msg::CATALOG_MISSING_TRANSLATION,
            "notices[0].text",
            "ja"
        ),
        "{p:?}"
    );
    assert_eq!(p.len(), 2, "{p:?}");
}

#[test]
fn a_notice_at_a_step_the_wizard_lacks_is_not_a_catalog() {
    let mut json = minimal();
    json["notices"] = serde_json::json!([{ "text": { "en": "x", "ja": "x" }, "at": "payment" }]);
    assert!(matches!(
        Catalog::from_json(&json.to_string()),
        Err(CatalogError::Syntax { .. })
    ));
}

#[test]
fn a_call_only_rule_naming_what_the_catalog_lacks_or_without_a_number_to_call_is_reported() {
    let mut json = minimal();
    json["call_only"] = serde_json::json!([{ "severities": ["urgent"], "plans": ["gold"] }]);
    let p = problems(json);
    assert!(
        has(
            &p,
            msg::CATALOG_UNKNOWN_REF,
            "call_only[0].severities",
            "urgent"
        ),
        "{p:?}"
    );
    assert!(
        has(&p, msg::CATALOG_UNKNOWN_REF, "call_only[0].plans", "gold"),
        "{p:?}"
    );
    assert!(
        has(&p, msg::CATALOG_NO_SUPPORT_PHONE, "call_only[0]", ""),
        "{p:?}"
    );
}

#[test]
fn a_case_types_link_for_customers_without_it_must_be_a_web_address() {
    let mut json = minimal();
    json["case_types"][0]["unavailable_link"] = serde_json::json!({ "label": { "en": "Upgrade", "ja": "変更" }, "url": "javascript:void(0)" });
    let p = problems(json);
    assert_eq!(
        p,
        vec![Problem {
            code: msg::CATALOG_BAD_URL,
            path: "case_types[tech].unavailable_link.url".into(),
            value: "javascript:void(0)".into()
        }]
    );
}

#[test]
fn phones_e_mail_and_time_zones_in_the_wrong_shape_are_named() {
    let mut json = minimal();
    json["support_phone"] = serde_json::json!("call us");
    json["notices"] = serde_json::json!([{
        "text": { "en": "Call", "ja": "Call" }, "at": "severity",
        "phones": [{ "number": "+1 877-425-2832", "label": "1-877-4-AKATEC" }, { "number": "12" }],
        "email": "support.example.com"
    }]);
    json["plans"][0]["business_hours"] = serde_json::json!({
        "start": "09:00:00", "end": "17:00:00", "days": ["Mon"], "time_zone": "Tokyo time"
    });
    let p = problems(json);
    assert!(
        has(&p, msg::CATALOG_BAD_PHONE, "support_phone", "call us"),
        "{p:?}"
    );
    assert!(has(
        &p,
        msg::CATALOG_BAD_PHONE,
        "notices[0].phones[1]",
        "12"
    ));
    assert!(!p.iter().any(|x| x.path == "notices[0].phones[0]"));
    assert!(has(
        &p,
        msg::CATALOG_BAD_EMAIL,
        "notices[0].email",
        "support.example.com"
    ));
    assert!(has(
        &p,
        msg::CATALOG_BAD_TIME_ZONE,
        "plans[basic].business_hours.time_zone",
        "Tokyo time"
    ));
}

#[test]
fn scopes_and_team_hours_may_name_only_what_the_catalog_defines() {
    let mut json = minimal();
    json["contact_methods"][0]["offered"] =
        serde_json::json!([{ "plans": ["basic"], "severities": ["urgent"] }]);
    json["contact_languages"][0]["offered"] = serde_json::json!([{ "case_types": ["billing"] }]);
    json["contact_languages"][0]["team_hours"] = serde_json::json!([{
        "plans": ["gold"],
        "hours": { "start": "18:00:00", "end": "09:00:00", "days": ["Mon"], "time_zone": "Asia/Seoul" }
    }]);
    json["services"][0]["plans"] = serde_json::json!(["silver"]);
    let p = problems(json);
    for (path, value) in [
        ("contact_methods[web].offered[0].severities", "urgent"),
        ("contact_languages[en].offered[0].case_types", "billing"),
        ("contact_languages[en].team_hours[0].plans", "gold"),
        ("services[svc].plans", "silver"),
    ] {
        assert!(
            has(&p, msg::CATALOG_UNKNOWN_REF, path, value),
            "{path}: {p:?}"
        );
    }
    assert!(has(
        &p,
        msg::CATALOG_BAD_HOURS,
        "contact_languages[en].team_hours[0].hours",
        "18:00:00-09:00:00"
    ));
}

#[test]
fn a_holiday_that_is_not_a_date_is_a_syntax_error_with_its_line() {
    let mut json = minimal();
    json["plans"][0]["business_hours"] = serde_json::json!({
        "start": "09:00:00", "end": "17:00:00", "days": ["Mon"], "holidays": ["2026-02-30"]
    });
    let text = serde_json::to_string_pretty(&json).unwrap();
    match Catalog::from_json(&text).unwrap_err() {
        CatalogError::Syntax { line, detail, .. } => {
            let holiday_line = text.lines().position(|l| l.contains("2026-02-30")).unwrap() + 1;
            assert_eq!(line, holiday_line, "{detail}");
        }
        other => panic!("{other:?}"),
    }
}
