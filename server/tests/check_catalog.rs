//! `case-server check-catalog`: a portal owner's catalog mistakes, each said in plain words with
//! where it is, and an exit code a CI step can use.

use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};

fn t(s: &str) -> Value {
    json!({ "en": s, "ja": s })
}

/// A small catalog with nothing wrong in it, the one the core's catalog tests start from.
fn good() -> Value {
    serde_json::from_str(include_str!(
        "../../core/tests/fixtures/minimal-catalog.json"
    ))
    .unwrap()
}

fn broken(edit: impl FnOnce(&mut Value)) -> String {
    let mut catalog = good();
    edit(&mut catalog);
    serde_json::to_string_pretty(&catalog).unwrap()
}

/// Runs the checker on files written into `dir`; its output and exit code.
fn check(dir: &Path, files: &[(&str, String)]) -> (String, i32) {
    let paths: Vec<String> = files
        .iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            std::fs::write(&path, text).unwrap();
            path.to_string_lossy().into_owned()
        })
        .collect();
    let output = Command::new(env!("CARGO_BIN_EXE_case-server"))
        .arg("check-catalog")
        .args(&paths)
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    (
        text.replace(&format!("{}/", dir.display()), ""),
        output.status.code().unwrap(),
    )
}

#[test]
fn ten_broken_catalogs_each_get_their_problem_with_where_it_is_and_the_check_fails() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        (
            "01-malformed.json",
            "{\n  \"id\": \"mini\",\n  \"plans\": [\n}\n".to_owned(),
        ),
        (
            "02-wrong-type.json",
            broken(|c| c["plans"][0]["label"] = json!(7)),
        ),
        (
            "03-unknown-member.json",
            broken(|c| c["colour"] = json!("blue")),
        ),
        (
            "04-unknown-ref.json",
            broken(|c| c["case_types"][0]["services"] = json!(["svc", "nowhere"])),
        ),
        (
            "05-duplicate-id.json",
            broken(|c| {
                c["plans"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({ "id": "basic", "label": t("Again") }))
            }),
        ),
        (
            "06-missing-label.json",
            broken(|c| c["services"][0]["label"] = json!({ "en": "Service" })),
        ),
        (
            "07-unreachable-severity.json",
            broken(|c| {
                c["severities"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({ "id": "urgent", "label": t("Urgent"), "response": {} }))
            }),
        ),
        (
            "08-plan-without-case-types.json",
            broken(|c| {
                c["plans"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({ "id": "gold", "label": t("Gold") }));
                c["case_types"][0]["plans"] = json!(["basic"]);
                c["severities"][0]["response"]["gold"] = json!({ "hours": 4 });
            }),
        ),
        (
            "09-bad-link.json",
            broken(|c| {
                c["services"][0]["categories"][0]["help_links"] =
                    json!([{ "label": t("Help"), "url": "javascript:alert(1)" }])
            }),
        ),
        (
            "10-bad-response-time.json",
            broken(|c| c["severities"][0]["response"]["basic"] = json!({ "minutes": 0 })),
        ),
    ];
    let (report, code) = check(dir.path(), &files);
    println!("{report}");
    assert_eq!(code, 1);
    let expected = [
        "01-malformed.json: line 4, column 1: not JSON: a value is missing here, or a word is not in double quotes (expected value)",
        "02-wrong-type.json: plans[basic].label: 7 is not of the right kind: an object { … } is expected (line 44, column 16)",
        "03-unknown-member.json: line 14, column 10: unknown member `colour`: the members here are `$schema`, `id`,",
        "04-unknown-ref.json: case_types[tech].services: “nowhere” is not defined in the catalog",
        "05-duplicate-id.json: plans: the id “basic” is used twice",
        "06-missing-label.json: services[svc].label: the text is missing in language “ja”",
        "07-unreachable-severity.json: severities[urgent]: no plan and case type offer the severity “urgent”: no customer can choose it",
        "08-plan-without-case-types.json: plans[gold]: the plan “gold” offers no case type: its customers could file nothing",
        "09-bad-link.json: services[svc].categories[cat].help_links[0].url: the link “javascript:alert(1)” is not an http or https address",
        "10-bad-response-time.json: severities[low].response.basic: the response time {\"minutes\": 0} is out of range: minutes 1 to 129600, hours 1 to 2160 (both 90 days), business days 1 to 60",
    ];
    for line in expected {
        assert!(report.contains(line), "missing {line:?} in:\n{report}");
    }
    assert_eq!(
        report.lines().count(),
        report
            .lines()
            .filter(|l| !l.contains("no problems"))
            .count()
    );
}

#[test]
fn good_catalogs_pass_and_the_check_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let shipped = |name: &str| {
        std::fs::read_to_string(format!(
            "{}/../public/catalog/{name}.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    };
    // With the articles files they name, which the check reads too.
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    for name in ["aws", "akamai"] {
        let articles = shipped(&format!("articles/{name}"));
        std::fs::write(dir.path().join(format!("articles/{name}.json")), articles).unwrap();
    }
    let (report, code) = check(
        dir.path(),
        &[
            ("mini.json", good().to_string()),
            ("aws.json", shipped("aws")),
            ("akamai.json", shipped("akamai")),
        ],
    );
    assert_eq!(code, 0, "{report}");
    assert_eq!(
        report,
        "mini.json: no problems\naws.json: no problems\nakamai.json: no problems\n"
    );
}

#[test]
fn a_file_that_cannot_be_read_is_a_problem_not_a_panic() {
    let output = Command::new(env!("CARGO_BIN_EXE_case-server"))
        .args(["check-catalog", "/nonexistent/catalog.json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with("/nonexistent/catalog.json: cannot be read:"),
        "{text}"
    );
}

#[test]
fn without_files_the_check_says_how_to_use_it() {
    let output = Command::new(env!("CARGO_BIN_EXE_case-server"))
        .arg("check-catalog")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr)
        .unwrap()
        .contains("check-catalog FILE"));
}

#[test]
fn a_time_zone_the_tz_database_does_not_hold_is_named_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let hours = |zone: &str| json!({ "start": "09:00:00", "end": "18:00:00", "days": ["Mon"], "time_zone": zone });
    let catalog = broken(|c| {
        c["plans"][0]["business_hours"] = hours("Asia/Tokio");
        c["contact_languages"][0]["team_hours"] = json!([{ "hours": hours("Asia/Seoul") }]);
        c["case_types"][0]["business_hours"] = hours("Europe/Atlantis");
    });
    let (report, code) = check(dir.path(), &[("zones.json", catalog)]);
    assert_eq!(code, 1, "{report}");
    assert_eq!(
        report,
        "zones.json: plans[basic].business_hours.time_zone: the time zone “Asia/Tokio” is not in the tz database\n\
         zones.json: case_types[tech].business_hours.time_zone: the time zone “Europe/Atlantis” is not in the tz database\n"
    );
}

#[test]
fn a_holiday_or_time_that_does_not_parse_is_said_in_plain_words_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let hours = |start: &str, holiday: &str| {
        broken(|c| {
            c["plans"][0]["business_hours"] = json!({
                "start": start, "end": "18:00:00", "days": ["Mon"], "holidays": [holiday]
            })
        })
    };
    let line_of =
        |text: &str, needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let no_such_day = hours("09:00:00", "2026-02-30");
    let not_a_time = hours("nine", "2026-02-03");
    let (report, code) = check(
        dir.path(),
        &[
            ("day.json", no_such_day.clone()),
            ("time.json", not_a_time.clone()),
        ],
    );
    assert_eq!(code, 1);
    let day_line = line_of(&no_such_day, "2026-02-30");
    let time_line = line_of(&not_a_time, "\"nine\"");
    assert!(
        report.contains(&format!(
            "day.json: plans[basic].business_hours.holidays[0]: \"2026-02-30\" is not a date that \
             exists (line {day_line}, column 22)"
        )),
        "{report}"
    );
    assert!(
        report.contains(&format!(
            "time.json: plans[basic].business_hours.start: \"nine\" is not written as a time of \
             day: write HH:MM, e.g. \"09:00\" (line {time_line}, "
        )),
        "{report}"
    );
}

/// Runs the checker with `--strict` as well as without: output and both exit codes.
fn check_both(dir: &Path, name: &str, text: String) -> (String, i32, i32) {
    let (report, code) = check(dir, &[(name, text)]);
    let output = Command::new(env!("CARGO_BIN_EXE_case-server"))
        .args(["check-catalog", "--strict"])
        .arg(dir.join(name))
        .output()
        .unwrap();
    (report, code, output.status.code().unwrap())
}

#[test]
fn rules_that_do_nothing_and_loose_links_are_warnings_that_fail_only_a_strict_check() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = broken(|c| {
        c["case_types"][0]["severities"] = json!(["low"]);
        c["case_types"][0]["default_severity"] = json!("high");
        c["severities"].as_array_mut().unwrap().push(
            json!({ "id": "high", "label": t("High"), "response": { "basic": { "hours": 1 } } }),
        );
        c["case_types"].as_array_mut().unwrap().push(json!({
            "id": "nobody", "label": t("Nobody"), "services": ["svc"], "severities": ["high"],
            "plans": [],
            "unavailable_link": { "label": t("Upgrade"), "url": "https://support example/kb" }
        }));
        c["services"].as_array_mut().unwrap().push(json!({
            "id": "orphan", "label": t("Orphan"),
            "categories": [{ "id": "cat", "label": t("Category") }]
        }));
    });
    let (report, code, strict) = check_both(dir.path(), "warn.json", catalog);
    assert_eq!(
        report,
        "warn.json: severities[high]: no plan and case type offer the severity “high”: no customer can choose it\n\
         warn.json: warning: case_types[nobody].plans: no plan can open the case type “nobody”: no customer can choose it\n\
         warn.json: warning: case_types[tech].default_severity: the default severity “high” is not offered where this case type can be opened: it is never chosen in advance\n\
         warn.json: warning: services[orphan]: no case type and plan offer the service “orphan”: no customer can choose it\n\
         warn.json: warning: case_types[nobody].unavailable_link.url: the link “https://support example/kb” is not a whole web address: write https://, a host name of letters, digits, dots and hyphens, and no spaces\n"
    );
    assert_eq!((code, strict), (1, 1));
}

#[test]
fn warnings_alone_pass_the_check_unless_it_is_strict() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = broken(|c| {
        c["services"][0]["categories"][0]["help_links"] =
            json!([{ "label": t("Help"), "url": "https://example.com/a b" }])
    });
    let (report, code, strict) = check_both(dir.path(), "links.json", catalog);
    assert_eq!(
        report,
        "links.json: warning: services[svc].categories[cat].help_links[0].url: the link “https://example.com/a b” is not a whole web address: write https://, a host name of letters, digits, dots and hyphens, and no spaces\n"
    );
    assert_eq!((code, strict), (0, 1));
}

#[test]
fn an_article_naming_a_service_or_category_the_catalog_lacks_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let articles = json!({ "articles": [{
        "id": "reset", "url": "https://example.com/reset", "title": t("Reset"), "summary": t("Reset it"),
        "services": ["svc", "database"], "categories": ["cat", "billing"]
    }] });
    std::fs::write(dir.path().join("articles.json"), articles.to_string()).unwrap();
    let catalog = broken(|c| c["articles"] = json!("articles.json"));
    let (report, code, strict) = check_both(dir.path(), "with-articles.json", catalog);
    assert_eq!(
        report,
        "with-articles.json: warning: articles[reset].services: “database” is not defined in the catalog\n\
         with-articles.json: warning: articles[reset].categories: “billing” is not defined in the catalog\n"
    );
    assert_eq!((code, strict), (0, 1));

    let catalog = broken(|c| c["articles"] = json!("missing.json"));
    let (report, code, strict) = check_both(dir.path(), "no-articles.json", catalog);
    assert!(
        report.starts_with("no-articles.json: warning: articles: ")
            && report.contains("missing.json cannot be read, so no articles are suggested"),
        "{report}"
    );
    assert_eq!((code, strict), (0, 1));
}

/// Every catalog the repository holds (shipped, fixtures, examples), found by its shape rather
/// than listed, so a new one cannot be left out.
fn catalogs_in_the_repository(dir: &Path, found: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            let generated = ["target", "node_modules", "dist", "data", ".git"];
            if !generated.contains(&name.as_str()) && !name.starts_with('.') {
                catalogs_in_the_repository(&path, found);
            }
        } else if name.ends_with(".json") {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let value: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
            if value.get("case_types").is_some() && value.get("plans").is_some() {
                found.push(path.to_string_lossy().into_owned());
            }
        }
    }
}

#[test]
fn every_catalog_in_the_repository_checks_clean_even_with_warnings_as_errors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut found = Vec::new();
    catalogs_in_the_repository(root, &mut found);
    assert!(found.len() >= 4, "catalogs found: {found:?}");
    let output = Command::new(env!("CARGO_BIN_EXE_case-server"))
        .arg("check-catalog")
        .arg("--strict")
        .args(&found)
        .output()
        .unwrap();
    let said = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0), "{said}");
    assert_eq!(said.lines().count(), found.len(), "{said}");
    assert!(said.lines().all(|l| l.ends_with(": no problems")), "{said}");
}
