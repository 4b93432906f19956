//! Why a catalog does not parse, as `check-catalog` tells its author: the path of the member at
//! fault (entries by their id, as the checker's other problems), the value, and what to write.

use case_core::catalog::explain;
use serde_json::{json, Value};

fn minimal() -> Value {
    serde_json::from_str(include_str!(
        "../../core/tests/fixtures/minimal-catalog.json"
    ))
    .unwrap()
}

/// What is said of the minimal catalog after `edit`, without the line and column.
fn said(edit: impl FnOnce(&mut Value)) -> String {
    let mut catalog = minimal();
    edit(&mut catalog);
    let text = serde_json::to_string_pretty(&catalog).unwrap();
    let explained = explain(&text).expect("the edit breaks the catalog");
    assert!(explained.line > 0, "{explained:?}");
    format!("{}: {}", explained.path, explained.words)
}

fn field(extra: Value) -> impl FnOnce(&mut Value) {
    move |c| {
        let mut f = json!({ "id": "f", "label": { "en": "F", "ja": "F" } });
        f.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        c["services"][0]["categories"][0]["fields"] = json!([f]);
    }
}

const RESPONSE: &str = "is not a response time: a response time is one unit and a whole number, \
    e.g. {\"hours\": 4}, {\"minutes\": 30} or {\"business_days\": 2}, or \"unstated\"";

#[test]
fn an_unknown_member_of_a_field_is_named_with_the_nearest_known_one() {
    assert_eq!(
        said(field(json!({ "type": "text", "min_lenght": 3 }))),
        "services[svc].categories[cat].fields[f]: unknown member `min_lenght` — did you mean `min_length`?"
    );
    assert_eq!(
        said(field(json!({ "type": "text", "mask": "^i-" }))),
        "services[svc].categories[cat].fields[f]: unknown member `mask`: the members here are \
         `id`, `label`, `hint`, `required`, `type`, `min_length`, `max_length`, `pattern`, \
         `pattern_error`"
    );
    assert_eq!(
        said(field(
            json!({ "type": "choice", "lable": "x", "options": [] })
        )),
        "services[svc].categories[cat].fields[f]: unknown member `lable` — did you mean `label`?"
    );
}

#[test]
fn unknown_members_everywhere_else_are_named_too() {
    let hours = json!({ "start": "09:00", "end": "18:00", "days": ["Mon"], "timezone": "UTC" });
    assert_eq!(
        said(|c| c["plans"][0]["business_hours"] = hours),
        "plans[basic].business_hours: unknown member `timezone` — did you mean `time_zone`?"
    );
    let notice = json!([{ "at": "severity", "text": { "en": "x", "ja": "x" }, "plan": ["basic"] }]);
    assert_eq!(
        said(|c| c["notices"] = notice),
        "notices[0]: unknown member `plan` — did you mean `plans`?"
    );
    assert_eq!(
        said(|c| c["case_types"][0]["default_severty"] = json!("low")),
        "case_types[tech]: unknown member `default_severty` — did you mean `default_severity`?"
    );
    assert!(said(|c| c["colour"] = json!("blue"))
        .starts_with(": unknown member `colour`: the members here are `$schema`, `id`,"));
}

#[test]
fn a_response_time_that_is_none_says_what_one_looks_like() {
    let cases = [
        (json!("4 hours"), "\"4 hours\""),
        (
            json!({ "minutes": 30, "hours": 1 }),
            "{\"hours\":1,\"minutes\":30}",
        ),
        (json!({ "days": 2 }), "{\"days\":2}"),
        (json!({ "hours": "two" }), "{\"hours\":\"two\"}"),
        (json!(4), "4"),
    ];
    for (value, shown) in cases {
        assert_eq!(
            said(|c| c["severities"][0]["response"]["basic"] = value),
            format!("severities[low].response.basic: {shown} {RESPONSE}")
        );
    }
}

#[test]
fn dates_times_and_weekdays_are_named_with_their_value() {
    let hours = |start: &str, day: &str, holiday: &str| json!({ "start": start, "end": "18:00", "days": [day], "holidays": [holiday] });
    let cases = [
        (
            hours("09:00", "Mon", "2026-02-30"),
            "plans[basic].business_hours.holidays[0]: \"2026-02-30\" is not a date that exists",
        ),
        (
            hours("09:00", "Mon", "31.12.2026"),
            "plans[basic].business_hours.holidays[0]: \"31.12.2026\" is not written as a date: \
             write YYYY-MM-DD, e.g. \"2026-12-31\"",
        ),
        (
            hours("nine", "Mon", "2026-02-03"),
            "plans[basic].business_hours.start: \"nine\" is not written as a time of day: \
             write HH:MM, e.g. \"09:00\"",
        ),
        (
            hours("09:00", "Mond", "2026-02-03"),
            "plans[basic].business_hours.days[0]: \"Mond\" is not a day of the week: \
             write \"Mon\" to \"Sun\" or the whole English name",
        ),
    ];
    for (value, expected) in cases {
        assert_eq!(said(|c| c["plans"][0]["business_hours"] = value), expected);
    }
    assert_eq!(
        said(field(json!({ "type": "date", "min": "2026-02-30" }))),
        "services[svc].categories[cat].fields[f].min: \"2026-02-30\" is not a date that exists"
    );
}

#[test]
fn wrong_kinds_missing_members_and_unknown_choices_are_said_plainly() {
    assert_eq!(
        said(|c| c["plans"][0]["label"] = json!("Basic")),
        "plans[basic].label: \"Basic\" is not of the right kind: an object { … } is expected"
    );
    assert_eq!(
        said(|c| {
            c["plans"][0].as_object_mut().unwrap().remove("label");
        }),
        "plans[basic]: the member `label` is missing: it is required here"
    );
    assert_eq!(
        said(|c| c["attachments"] = json!({ "max_files": -1 })),
        "attachments.max_files: -1 is not allowed here: a whole number of 0 or more is expected"
    );
    assert_eq!(
        said(|c| c["case_types"][0]["time_term"] = json!("first_respons")),
        "case_types[tech].time_term: \"first_respons\" is not one of \"first_response\", \
         \"initial_contact\" — did you mean \"first_response\"?"
    );
    assert_eq!(
        said(field(json!({ "type": "checkbox" }))),
        "services[svc].categories[cat].fields[f]: \"checkbox\" is not one of \"text\", \"number\", \
         \"choice\", \"date\""
    );
}

#[test]
fn broken_json_gets_its_line_and_column_and_how_to_mend_it() {
    let cases = [
        (
            "{\n  \"id\": \"mini\",\n}\n",
            "line 3, column 1: not JSON: a comma too many before a closing `}` or `]` (trailing comma)",
        ),
        (
            "{\n  \"id\": \"mini\",\n  \"plans\": [\n}\n",
            "line 4, column 1: not JSON: a value is missing here, or a word is not in double quotes (expected value)",
        ),
        (
            "{\n  \"id\": \"mini\"",
            "line 2, column 14: not JSON: the file ends too early: a closing `}` or `]` or quote is missing (EOF while parsing an object)",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(explain(text).unwrap().to_string(), expected);
    }
}

#[test]
fn a_catalog_that_parses_has_nothing_to_explain() {
    assert_eq!(explain(&minimal().to_string()), None);
}
