//! The server applies the catalog's rules as the widget does: attachment types refused beside
//! those allowed, filing for another account only where the catalog lets the customer, and text
//! fields' patterns.

mod common;

use common::setup::{aws_case, multipart, open_config};
use common::{agent, Server};
use serde_json::{json, Value};

/// Posts `case` with `files` as the widget does: the status and the answer.
fn post(server: &Server, case: &Value, files: &[(&str, &str, &[u8])]) -> (u16, Value) {
    let (content_type, body) = multipart(case, files);
    let mut response = agent()
        .post(format!("{}/api/cases", server.url))
        .header("Content-Type", &content_type)
        .send(&body[..])
        .unwrap();
    let status = response.status().as_u16();
    (
        status,
        response.body_mut().read_json().unwrap_or(Value::Null),
    )
}

fn codes(body: &Value) -> Vec<(String, String)> {
    let fields = body["fields"].as_array().cloned().unwrap_or_default();
    fields
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap().into(),
                f["code"].as_str().unwrap().into(),
            )
        })
        .collect()
}

#[test]
fn a_script_is_refused_by_its_name_where_the_catalog_takes_any_type() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&open_config(dir.path()));
    let script: &[u8] = b"@echo off\r\ndel /q *";
    let declared = json!([{ "name": "fix.bat", "size": script.len(), "type": "text/plain" }]);
    let (status, body) = post(
        &server,
        &aws_case(declared),
        &[("fix.bat", "text/plain", script)],
    );
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        codes(&body),
        [("attachments".into(), "error-attachment-type".into())]
    );
    let text: &[u8] = b"2026-12-07 09:10 started";
    let declared = json!([{ "name": "fix.txt", "size": text.len(), "type": "text/plain" }]);
    let (status, body) = post(
        &server,
        &aws_case(declared),
        &[("fix.txt", "text/plain", text)],
    );
    assert_eq!(status, 201, "{body}");
}

/// A server whose only catalog is the shipped AWS one changed by `edit`.
fn start_with_aws(data: &std::path::Path, edit: impl FnOnce(&mut Value)) -> Server {
    let shipped = common::root().join("public/catalog/aws.json");
    let mut aws: Value = serde_json::from_str(&std::fs::read_to_string(shipped).unwrap()).unwrap();
    aws.as_object_mut().unwrap().remove("articles");
    edit(&mut aws);
    let catalogs = data.join("catalogs");
    std::fs::create_dir_all(&catalogs).unwrap();
    std::fs::write(catalogs.join("aws.json"), aws.to_string()).unwrap();
    let mut config = open_config(&data.join("data"));
    config.catalogs = catalogs;
    Server::start(&config)
}

#[test]
fn a_case_for_another_account_is_taken_only_where_the_catalog_lets_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_with_aws(dir.path(), |aws| {
        aws["on_behalf_of"] = json!({ "plans": ["enterprise"] })
    });
    let for_acme = |plan: &str| {
        let mut case = aws_case(json!([]));
        case["plan"] = json!(plan);
        case["on_behalf_of"] =
            json!({ "account": "acme-jp", "name": "ACME", "customer_may_see": true });
        post(&server, &case, &[])
    };
    let (status, body) = for_acme("business");
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        codes(&body),
        [("on_behalf_of".into(), "error-choice-unknown".into())]
    );
    let (status, body) = for_acme("enterprise");
    assert_eq!(status, 201, "{body}");
}

#[test]
fn a_field_that_does_not_match_its_pattern_is_refused_with_the_catalogs_message() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_with_aws(dir.path(), |aws| {
        let services = aws["services"].as_array_mut().unwrap();
        let ec2 = services.iter_mut().find(|s| s["id"] == "ec2").unwrap();
        let categories = ec2["categories"].as_array_mut().unwrap();
        let issue = categories
            .iter_mut()
            .find(|c| c["id"] == "instance-issue")
            .unwrap();
        let fields = issue["fields"].as_array_mut().unwrap();
        let id = fields
            .iter_mut()
            .find(|f| f["id"] == "instance_id")
            .unwrap();
        id["pattern"] = json!("i-[0-9a-f]{8,17}");
        id["pattern_error"] = json!({ "en": "Write i- and the instance's hex digits",
            "ja": "i- と 16 進数で", "ko": "i- 와 16진수로", "zh": "以 i- 和十六进制数字填写" });
    });
    let (status, body) = post(&server, &aws_case(json!([])), &[]);
    assert_eq!(status, 201, "{body}");
    let mut case = aws_case(json!([]));
    case["fields"]["instance_id"] = json!("i-NOTHEXATALL");
    let (status, body) = post(&server, &case, &[]);
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        codes(&body),
        [("field.instance_id".into(), "error-pattern".into())]
    );
    assert_eq!(
        body["fields"][0]["args"]["message"]["label"]["en"],
        "Write i- and the instance's hex digits",
        "{body}"
    );
}
