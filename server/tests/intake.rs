//! The intake server over real HTTP on loopback: storage, idempotency, server-side validation,
//! limits, durability across restarts and CORS.

mod common;

use std::path::Path;

use case_server::{Config, Store};
use common::setup::{aws_case, files_in, open_config, post_multipart};
use common::{agent, root, Server};
use serde_json::{json, Value};

fn start(data: &Path, cors: &[&str]) -> Server {
    let root = root();
    let config = Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        data: data.to_owned(),
        catalogs: root.join("public/catalog"),
        dist: root.join("dist"),
        cors_origins: cors.iter().map(|s| s.to_string()).collect(),
        expose_cases: true,
        faults: false,
        min_fill_ms: 3000,
        // The property tests send hundreds of requests a second.
        rate_limit: 0,
        // Form tokens have tests of their own below.
        spam_checks: false,
        ..Config::default()
    };
    Server::start(&config)
}

fn valid_case() -> Value {
    let mut case = aws_case(json!([]));
    case["cc"] = json!(["ops@example.com"]);
    case
}

/// A multipart body with a `case` part and one `attachments` part per file.
fn multipart(case: &Value, files: &[(&str, &str, Vec<u8>)]) -> (String, Vec<u8>) {
    let files: Vec<_> = files
        .iter()
        .map(|(name, content_type, bytes)| (*name, *content_type, bytes.as_slice()))
        .collect();
    common::setup::multipart(case, &files)
}

fn post(
    server: &Server,
    key: Option<&str>,
    case: &Value,
    files: &[(&str, &str, Vec<u8>)],
) -> (u16, Value) {
    let (content_type, body) = multipart(case, files);
    let mut request = agent()
        .post(format!("{}/api/cases", server.url))
        .header("Content-Type", &content_type);
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    let mut response = request.send(&body[..]).unwrap();
    let status = response.status().as_u16();
    let json = response.body_mut().read_json().unwrap_or(Value::Null);
    (status, json)
}

fn get(server: &Server, id: &str) -> (u16, Value) {
    let mut response = agent()
        .get(format!("{}/api/cases/{id}", server.url))
        .call()
        .unwrap();
    (
        response.status().as_u16(),
        response.body_mut().read_json().unwrap_or(Value::Null),
    )
}

fn with_case(edit: impl FnOnce(&mut Value)) -> Value {
    let mut case = valid_case();
    edit(&mut case);
    case
}

fn fields(body: &Value) -> Vec<(String, String)> {
    body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap().to_owned(),
                f["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn a_valid_case_is_stored_with_its_attachments_and_a_readable_id() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let log = b"line one\nline two\n".to_vec();
    let case = with_case(|c| {
        c["attachments"] = json!([{ "name": "app.log", "size": 18, "type": "text/plain" }])
    });
    let (status, body) = post(
        &server,
        Some("key-1"),
        &case,
        &[("app.log", "text/plain", log)],
    );
    assert_eq!(status, 201, "{body}");
    let id = body["id"].as_str().unwrap();
    assert!(
        id.starts_with("CASE-") && id.len() == "CASE-20261124-00001".len(),
        "{id}"
    );
    let (status, stored) = get(&server, id);
    assert_eq!(status, 200);
    assert_eq!(stored["case"], case);
    assert_eq!(stored["attachments"][0]["filename"], "app.log");
    assert_eq!(stored["attachments"][0]["size"], 18);
    // From `printf 'line one\nline two\n' | sha256sum`.
    assert_eq!(
        stored["attachments"][0]["sha256"],
        "e9024f1a07d29d52ad3aa5e1a18e94db1f3a9fd32b89e39d47c472cd99071e13"
    );
    let on_disk = std::fs::read(dir.path().join("attachments").join(id).join("0")).unwrap();
    assert_eq!(on_disk, b"line one\nline two\n");
}

#[test]
fn a_repeated_idempotency_key_returns_the_first_case() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let (first, body1) = post(&server, Some("same-key"), &valid_case(), &[]);
    let (second, body2) = post(&server, Some("same-key"), &valid_case(), &[]);
    let (third, body3) = post(&server, Some("other-key"), &valid_case(), &[]);
    assert_eq!((first, second, third), (201, 200, 201));
    assert_eq!(body1["id"], body2["id"]);
    assert_ne!(body1["id"], body3["id"]);
    assert_eq!(Store::open(dir.path()).unwrap().count().unwrap(), 2);
}

/// Posts a case with raw `Idempotency-Key` header bytes.
fn post_with_key_bytes(server: &Server, key: &[u8]) -> (u16, Value) {
    let (content_type, body) = multipart(&valid_case(), &[]);
    let mut stream =
        std::net::TcpStream::connect(server.url.strip_prefix("http://").unwrap()).unwrap();
    use std::io::{Read, Write};
    let mut head = format!(
        "POST /api/cases HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nIdempotency-Key: ",
        body.len()
    )
    .into_bytes();
    head.extend_from_slice(key);
    head.extend_from_slice(b"\r\n\r\n");
    head.extend_from_slice(&body);
    stream.write_all(&head).unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    let answer = String::from_utf8_lossy(&answer);
    let status = answer.split(' ').nth(1).unwrap().parse().unwrap();
    let json = answer
        .split("\r\n\r\n")
        .nth(1)
        .and_then(|b| serde_json::from_str(b).ok())
        .unwrap_or(Value::Null);
    (status, json)
}

#[test]
fn an_idempotency_key_too_long_empty_or_not_visible_ascii_is_refused_with_400_and_nothing_is_filed()
{
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let long = "k".repeat(256);
    for key in [
        long.as_bytes(),
        b"",
        b"caf\xc3\xa9-key",
        b"\xff\xfe",
        b"two words",
    ] {
        let (status, body) = post_with_key_bytes(&server, key);
        assert_eq!(
            (status, body["error"].as_str()),
            (400, Some("bad-idempotency-key")),
            "{key:?}: {body}"
        );
    }
    assert_eq!(Store::open(dir.path()).unwrap().count().unwrap(), 0);
    let (status, _) = post_with_key_bytes(&server, "k".repeat(255).as_bytes());
    assert_eq!(status, 201);
}

#[test]
fn the_same_key_with_another_case_is_refused_with_422_saying_so_and_files_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let (status, first) = post(&server, Some("edited-key"), &valid_case(), &[]);
    assert_eq!(status, 201);
    let edited = with_case(|c| c["subject"] = json!("Instance unreachable since the upgrade"));
    let (status, body) = post(&server, Some("edited-key"), &edited, &[]);
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"], "idempotency-key-reused");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("another request"),
        "{body}"
    );
    assert_eq!(Store::open(dir.path()).unwrap().count().unwrap(), 1);
    // The same case again, shown in another language and with another spam check, is a retry.
    let retried = with_case(|c| {
        c["locale"] = json!("ja");
        c["spam_check"] = json!({ "website": "", "filled_in_ms": 99_000 });
    });
    let (status, again) = post(&server, Some("edited-key"), &retried, &[]);
    assert_eq!((status, &again["id"]), (200, &first["id"]));
}

#[test]
fn the_same_key_with_other_file_bytes_is_refused_with_422() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let case = with_case(|c| {
        c["attachments"] = json!([{ "name": "app.log", "size": 4, "type": "text/plain" }])
    });
    let (status, _) = post(
        &server,
        Some("file-key"),
        &case,
        &[("app.log", "text/plain", b"one\n".to_vec())],
    );
    assert_eq!(status, 201);
    let (status, body) = post(
        &server,
        Some("file-key"),
        &case,
        &[("app.log", "text/plain", b"two\n".to_vec())],
    );
    assert_eq!(
        (status, body["error"].as_str()),
        (422, Some("idempotency-key-reused")),
        "{body}"
    );
    let (status, _) = post(
        &server,
        Some("file-key"),
        &case,
        &[("app.log", "text/plain", b"one\n".to_vec())],
    );
    assert_eq!(status, 200);
    let incoming = files_in(dir.path(), "incoming");
    assert_eq!(incoming, 0, "the retries' files are not left on disk");
}

#[test]
fn every_field_is_validated_again_with_a_4xx_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let case = with_case(|c| {
        c["subject"] = json!("");
        c["contact"]["email"] = json!("not-an-email");
        c["fields"]["instance_id"] = json!("i-1");
    });
    let (status, body) = post(&server, None, &case, &[]);
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        fields(&body),
        [
            ("field.instance_id".to_owned(), "error-too-short".to_owned()),
            ("subject".to_owned(), "error-subject-required".to_owned()),
            ("email".to_owned(), "error-email-invalid".to_owned()),
        ]
    );
    assert_eq!(Store::open(dir.path()).unwrap().count().unwrap(), 0);
}

#[test]
fn plan_gates_hold_on_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let (status, body) = post(
        &server,
        None,
        &with_case(|c| c["plan"] = json!("basic")),
        &[],
    );
    assert_eq!(status, 422);
    assert!(
        fields(&body).contains(&("case_type".into(), "error-case-type-not-in-plan".into())),
        "{body}"
    );
    let (status, body) = post(
        &server,
        None,
        &with_case(|c| c["contact"]["method"] = json!("phone")),
        &[],
    );
    assert_eq!(status, 422);
    assert!(
        fields(&body).contains(&("phone_number".into(), "error-phone-required".into())),
        "{body}"
    );
    let (status, body) = post(
        &server,
        None,
        &with_case(|c| c["plan"] = json!("platinum")),
        &[],
    );
    assert_eq!(
        (status, fields(&body)),
        (422, vec![("plan".into(), "error-choice-unknown".into())])
    );
}

#[test]
fn akamai_business_severity_1_is_refused_online() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let case = json!({
        "catalog": "akamai", "plan": "premium", "locale": "en",
        "case_type": "business", "service": "contracts", "category": "modify", "severity": "1",
        "subject": "Contract change", "description": "Please extend.",
        "contact": { "name": "Ada", "email": "ada@example.com", "method": "web", "language": "en" }
    });
    let (status, body) = post(&server, None, &case, &[]);
    assert_eq!(
        (status, fields(&body)),
        (
            422,
            vec![("severity".into(), "error-severity-call-only".into())]
        )
    );
    let (status, _) = post(&server, None, &with_severity(case, "3"), &[]);
    assert_eq!(status, 201);
}

fn with_severity(mut case: Value, severity: &str) -> Value {
    case["severity"] = json!(severity);
    case
}

#[test]
fn attachment_limits_hold_on_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let meta = |names: &[&str]| {
        json!(names
            .iter()
            .map(|n| json!({"name": n, "size": 1, "type": "text/plain"}))
            .collect::<Vec<_>>())
    };
    let four: Vec<(&str, &str, Vec<u8>)> = ["a", "b", "c", "d"]
        .iter()
        .map(|n| (*n, "text/plain", b"x".to_vec()))
        .collect();
    let (status, body) = post(
        &server,
        None,
        &with_case(|c| c["attachments"] = meta(&["a", "b", "c", "d"])),
        &four,
    );
    assert_eq!(status, 422, "{body}");
    assert!(fields(&body).contains(&("attachments".into(), "error-attachment-too-many".into())));

    let big = vec![7u8; 6 * 1024 * 1024];
    let (status, body) = post(
        &server,
        None,
        &with_case(|c| c["attachments"] = meta(&["big.bin"])),
        &[("big.bin", "application/octet-stream", big)],
    );
    assert_eq!(status, 413, "{body}");
    assert!(
        body["message"].as_str().unwrap().contains("big.bin"),
        "{body}"
    );
    let problem = &body["fields"][0];
    assert_eq!(problem["code"], "error-attachment-over-server-limit");
    assert_eq!(problem["args"]["name"]["text"], "big.bin", "{body}");
    assert_eq!(problem["args"]["max"]["bytes"], 5 * 1024 * 1024, "{body}");

    let (status, body) = post(
        &server,
        None,
        &with_case(|c| c["attachments"] = meta(&["empty.txt"])),
        &[("empty.txt", "text/plain", vec![])],
    );
    assert_eq!(status, 422);
    assert!(fields(&body).contains(&("attachments".into(), "error-attachment-empty".into())));

    let (status, body) = post(
        &server,
        None,
        &with_case(|c| c["attachments"] = meta(&["declared.txt"])),
        &[("other.txt", "text/plain", b"x".to_vec())],
    );
    assert_eq!(status, 422);
    assert!(fields(&body).contains(&("attachments".into(), "error-attachment-mismatch".into())));
    assert_eq!(Store::open(dir.path()).unwrap().count().unwrap(), 0);
    let incoming = files_in(dir.path(), "incoming");
    assert_eq!(incoming, 0, "refused files are not left on disk");
}

#[test]
fn malformed_requests_get_a_clear_400() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let boundary = "b";
    let body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"case\"\r\n\r\n{{not json\r\n--{boundary}--\r\n");
    let mut response = post_multipart(&server, boundary, body.as_bytes());
    assert_eq!(response.status().as_u16(), 400);
    let json: Value = response.body_mut().read_json().unwrap();
    assert_eq!(json["error"], "bad-json");
    let (status, body) = post(&server, None, &json!({ "catalog": "aws" }), &[]);
    assert_eq!(status, 400);
    assert!(
        body["message"].as_str().unwrap().contains("missing"),
        "{body}"
    );
}

#[test]
fn cases_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let server = start(dir.path(), &[]);
        let (status, body) = post(&server, Some("durable"), &valid_case(), &[]);
        assert_eq!(status, 201);
        body["id"].as_str().unwrap().to_owned()
    };
    let server = start(dir.path(), &[]);
    let (status, stored) = get(&server, &id);
    assert_eq!(status, 200);
    assert_eq!(stored["case"]["subject"], "Instance unreachable");
    let (status, again) = post(&server, Some("durable"), &valid_case(), &[]);
    assert_eq!((status, again["id"].as_str()), (200, Some(id.as_str())));
    let (_, next) = post(&server, Some("after-restart"), &valid_case(), &[]);
    assert!(next["id"].as_str().unwrap().ends_with("00002"), "{next}");
}

#[test]
fn cors_allows_only_configured_origins() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &["https://portal.example.com"]);
    let preflight = |origin: &str| {
        agent()
            .options(format!("{}/api/cases", server.url))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header(
                "Access-Control-Request-Headers",
                "idempotency-key, content-type",
            )
            .call()
            .unwrap()
    };
    let allowed = preflight("https://portal.example.com");
    assert_eq!(
        allowed
            .headers()
            .get("access-control-allow-origin")
            .unwrap(),
        "https://portal.example.com"
    );
    let refused = preflight("https://evil.example.net");
    assert!(refused
        .headers()
        .get("access-control-allow-origin")
        .is_none());
}

#[test]
fn a_renamed_executable_claiming_to_be_a_png_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let exe =
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00 rest of a program".to_vec();
    let case = with_case(|c| {
        c["attachments"] =
            json!([{ "name": "screenshot.png", "size": exe.len(), "type": "image/png" }])
    });
    let (status, body) = post(
        &server,
        None,
        &case,
        &[("screenshot.png", "image/png", exe)],
    );
    assert_eq!(status, 422, "{body}");
    assert!(fields(&body).contains(&("attachments".into(), "error-attachment-type".into())));
    assert!(
        body["message"].as_str().unwrap().contains("screenshot.png"),
        "{body}"
    );
}

fn upload(
    server: &Server,
    name: &str,
    content_type: &str,
    bytes: &[u8],
    query: &str,
) -> (u16, Value) {
    let mut response = agent()
        .post(format!("{}/api/uploads?filename={name}{query}", server.url))
        .header("Content-Type", content_type)
        .send(bytes)
        .unwrap();
    let status = response.status().as_u16();
    (
        status,
        response.body_mut().read_json().unwrap_or(Value::Null),
    )
}

fn post_json(server: &Server, key: &str, case: &Value) -> (u16, Value) {
    let mut response = agent()
        .post(format!("{}/api/cases", server.url))
        .header("Idempotency-Key", key)
        .header("Content-Type", "application/json")
        .send(case.to_string().as_bytes())
        .unwrap();
    let status = response.status().as_u16();
    (
        status,
        response.body_mut().read_json().unwrap_or(Value::Null),
    )
}

#[test]
fn two_phase_upload_then_create_stores_the_uploaded_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR pixels".to_vec();
    let (status, uploaded) = upload(
        &server,
        "screen.png",
        "image/png",
        &png,
        "&catalog=aws&case_type=technical",
    );
    assert_eq!(status, 201, "{uploaded}");
    let token = uploaded["token"].as_str().unwrap().to_owned();
    let case = with_case(|c| {
        c["attachments"] = json!([{ "name": "screen.png", "size": png.len(), "type": "image/png", "token": token }])
    });
    let (status, body) = post_json(&server, "two-phase-1", &case);
    assert_eq!(status, 201, "{body}");
    let (_, stored) = get(&server, body["id"].as_str().unwrap());
    assert_eq!(stored["attachments"][0]["sha256"], uploaded["sha256"]);
    assert_eq!(stored["attachments"][0]["size"], png.len());
    // A token is claimed once: a new case cannot take it again.
    let (status, body) = post_json(&server, "two-phase-2", &case);
    assert_eq!(status, 422, "{body}");
    assert!(fields(&body).contains(&(
        "attachments".into(),
        "error-attachment-unknown-token".into()
    )));
}

#[test]
fn uploads_are_refused_by_size_content_and_emptiness() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let (status, body) = upload(
        &server,
        "big.bin",
        "application/octet-stream",
        &vec![1u8; 5 * 1024 * 1024 + 1],
        "&catalog=aws",
    );
    assert_eq!(status, 413, "{body}");
    assert!(body["message"].as_str().unwrap().contains("big.bin"));
    assert_eq!(
        body["fields"][0]["args"]["name"]["text"], "big.bin",
        "{body}"
    );
    let (status, body) = upload(&server, "photo.png", "image/png", b"MZ\x90\x00 program", "");
    assert_eq!(
        (status, fields(&body)),
        (
            422,
            vec![("attachments".into(), "error-attachment-type".into())]
        )
    );
    let (status, _) = upload(&server, "empty.txt", "text/plain", b"", "");
    assert_eq!(status, 422);
    let (status, body) = upload(
        &server,
        "data.bin",
        "application/octet-stream",
        b"\x13\x37",
        "&catalog=akamai&case_type=technical",
    );
    assert_eq!(
        (status, fields(&body)),
        (
            422,
            vec![("attachments".into(), "error-attachment-not-allowed".into())]
        )
    );
}

/// What the server says of one file `shot.png`, declared as a PNG, with these bytes: posted
/// with its case, then uploaded alone.
fn refusals_of_a_png(server: &Server, bytes: &[u8]) -> [(u16, Vec<(String, String)>); 2] {
    let case = with_case(|c| {
        c["attachments"] = json!([{ "name": "shot.png", "size": bytes.len(), "type": "image/png" }])
    });
    let (status, body) = post(
        server,
        None,
        &case,
        &[("shot.png", "image/png", bytes.to_vec())],
    );
    let with_case = (status, fields(&body));
    let (status, body) = upload(server, "shot.png", "image/png", bytes, "&catalog=aws");
    [with_case, (status, fields(&body))]
}

#[test]
fn a_refused_file_gets_one_error_the_first_the_widget_would_give() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let one = |code: &str| (422, vec![("attachments".to_owned(), code.to_owned())]);
    // Empty, and with no bytes showing the PNG it claims to be: empty comes first.
    let [with_case, alone] = refusals_of_a_png(&server, b"");
    assert_eq!(with_case, one("error-attachment-empty"));
    assert_eq!(alone, one("error-attachment-empty"));
    let [with_case, alone] = refusals_of_a_png(&server, b"MZ\x90\x00 a program");
    assert_eq!(with_case, one("error-attachment-type"));
    assert_eq!(alone, one("error-attachment-type"));
}

#[test]
fn a_refused_file_is_named_in_step_order_before_the_contact_details() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let exe = b"MZ\x90\x00 a program".to_vec();
    let case = with_case(|c| {
        c["contact"]["email"] = json!("not an address");
        c["attachments"] = json!([{ "name": "photo.png", "size": exe.len(), "type": "image/png" }]);
    });
    let (status, body) = post(&server, None, &case, &[("photo.png", "image/png", exe)]);
    assert_eq!(
        (status, fields(&body)),
        (
            422,
            vec![
                ("attachments".into(), "error-attachment-type".into()),
                ("email".into(), "error-email-invalid".into())
            ]
        )
    );
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .ends_with("; refused files: photo.png"),
        "{body}"
    );
}

#[test]
fn a_phone_number_is_checked_for_its_country_and_stored_as_typed_with_its_e164_form() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let phone = |number: &str| {
        with_case(|c| {
            c["contact"]["method"] = json!("phone");
            c["contact"]["phone"] = json!({ "country": "JP", "number": number });
        })
    };
    let (status, body) = post(&server, None, &phone("０３－１２３４－５６７８"), &[]);
    assert_eq!(status, 201, "{body}");
    let (_, stored) = get(&server, body["id"].as_str().unwrap());
    assert_eq!(
        stored["case"]["contact"]["phone"]["number"],
        "０３－１２３４－５６７８"
    );
    assert_eq!(stored["case"]["contact"]["phone"]["e164"], "+81312345678");

    let (status, body) = post(&server, None, &phone("03-1234"), &[]);
    assert_eq!(status, 422, "{body}");
    let problem = &body["fields"][0];
    assert_eq!(problem["field"], "phone_number");
    assert_eq!(problem["code"], "error-phone-not-in-country");
    assert_eq!(problem["args"]["country"]["label"]["ja"], "日本", "{body}");
}

/// A server whose spam checks are on: a case needs a form token issued a second before.
fn start_with_spam_checks(data: &Path) -> Server {
    Server::start(&Config {
        spam_checks: true,
        min_fill_ms: 1000,
        ..open_config(data)
    })
}

fn form_token(server: &Server) -> String {
    let mut answer = agent()
        .get(format!("{}/api/form-token", server.url))
        .call()
        .unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.headers()["cache-control"], "no-store");
    let body: Value = answer.body_mut().read_json().unwrap();
    body["token"].as_str().unwrap().to_owned()
}

fn with_spam_check(website: &str, token: &str) -> Value {
    with_case(|c| {
        c["spam_check"] = json!({ "website": website, "filled_in_ms": 95_000, "form_token": token })
    })
}

#[test]
fn a_case_filled_in_by_a_bot_is_refused_and_one_filled_in_by_a_person_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_with_spam_checks(dir.path());
    let token = form_token(&server);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let (status, body) = post(
        &server,
        None,
        &with_spam_check("https://spam.example", &token),
        &[],
    );
    assert_eq!(
        (status, body["error"].as_str()),
        (422, Some("spam-suspected")),
        "{body}"
    );
    assert_eq!(Store::open(dir.path()).unwrap().count().unwrap(), 0);
    let (status, body) = post(&server, None, &with_spam_check("", &token), &[]);
    assert_eq!(status, 201, "{body}");
}

#[test]
fn a_case_without_a_valid_form_token_is_refused_when_spam_checks_are_on() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_with_spam_checks(dir.path());
    let forged = case_server::token::sign(
        &case_server::token::Secret::new(vec![1; 32]).unwrap(),
        &json!({ "iat_ms": 0, "exp": 9_999_999_999i64, "nonce": "n" }),
    );
    for case in [
        valid_case(),
        with_case(|c| c["spam_check"] = json!({ "filled_in_ms": 95_000 })),
        with_spam_check("", "not-a-token"),
        with_spam_check("", &forged),
    ] {
        let (status, body) = post(&server, None, &case, &[]);
        assert_eq!(
            (status, body["error"].as_str()),
            (422, Some("spam-suspected")),
            "{body}"
        );
    }
    assert_eq!(Store::open(dir.path()).unwrap().count().unwrap(), 0);
}

#[test]
fn a_case_sent_sooner_after_its_form_token_than_a_person_could_is_refused_and_each_token_files_one_case(
) {
    let dir = tempfile::tempdir().unwrap();
    let server = start_with_spam_checks(dir.path());
    let token = form_token(&server);
    // What the client says of its own speed counts for nothing.
    let (status, body) = post(&server, Some("a"), &with_spam_check("", &token), &[]);
    assert_eq!(
        (status, body["error"].as_str()),
        (422, Some("spam-suspected")),
        "{body}"
    );
    assert!(
        body["message"].as_str().unwrap().starts_with("filled in "),
        "{body}"
    );
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let (status, first) = post(&server, Some("a"), &with_spam_check("", &token), &[]);
    assert_eq!(status, 201, "{first}");
    // A retry under its key is the same case; another case needs another token.
    let (status, again) = post(&server, Some("a"), &with_spam_check("", &token), &[]);
    assert_eq!((status, &again["id"]), (200, &first["id"]));
    let (status, body) = post(&server, Some("b"), &with_spam_check("", &token), &[]);
    assert_eq!(
        (status, body["error"].as_str()),
        (422, Some("spam-suspected")),
        "{body}"
    );
    assert_eq!(Store::open(dir.path()).unwrap().count().unwrap(), 1);
}

/// One server for the property tests below, which send it hundreds of requests.
fn fuzz_server() -> &'static Server {
    static SERVER: std::sync::OnceLock<(Server, tempfile::TempDir)> = std::sync::OnceLock::new();
    &SERVER
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            (start(dir.path(), &[]), dir)
        })
        .0
}

/// Posts raw bytes; the status and the body as text.
fn post_raw(path: &str, content_type: &str, body: &[u8]) -> (u16, String) {
    let mut response = agent()
        .post(format!("{}{path}", fuzz_server().url))
        .header("Content-Type", content_type)
        .send(body)
        .unwrap();
    let status = response.status().as_u16();
    (
        status,
        response.body_mut().read_to_string().unwrap_or_default(),
    )
}

fn any_json() -> impl proptest::strategy::Strategy<Value = Value> {
    use proptest::prelude::*;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "\\PC{0,20}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(
                prop_oneof![
                    Just("attachments".to_owned()),
                    Just("contact".to_owned()),
                    Just("catalog".to_owned()),
                    "[a-z_]{1,10}"
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 150, ..Default::default() })]

    #[test]
    fn random_bytes_as_multipart_get_a_clear_4xx(body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2000)) {
        let (status, text) = post_raw("/api/cases", "multipart/form-data; boundary=----case-widget-test-boundary", &body);
        proptest::prop_assert!((400..500).contains(&status), "{status} {text}");
        proptest::prop_assert!(!text.is_empty());
    }

    #[test]
    fn a_corrupted_multipart_case_is_stored_whole_or_refused_with_a_4xx_never_a_5xx(
        at in 0usize..4000, byte in proptest::prelude::any::<u8>(), cut in 0usize..4000, repeat in 0usize..4000,
    ) {
        let case = with_case(|c| c["attachments"] = json!([{ "name": "app.log", "size": 18, "type": "text/plain" }]));
        let (content_type, mut body) = multipart(&case, &[("app.log", "text/plain", b"line one\nline two\n".to_vec())]);
        let at = at % body.len();
        body[at] = byte;
        let copy = body[repeat % body.len()..].to_vec();
        body.extend_from_slice(&copy[..copy.len().min(64)]);
        body.truncate(cut.max(at + 1).min(body.len()));
        let (status, text) = post_raw("/api/cases", &content_type, &body);
        proptest::prop_assert!(status < 500, "{status} {text}");
        if status < 300 {
            let id: Value = serde_json::from_str(&text).unwrap();
            let (found, stored) = get(fuzz_server(), id["id"].as_str().unwrap());
            proptest::prop_assert_eq!(found, 200);
            proptest::prop_assert_eq!(stored["attachments"].as_array().unwrap().len(), 1);
        }
    }

    #[test]
    fn any_json_as_a_case_gets_a_clear_4xx(value in any_json()) {
        let (status, text) = post_raw("/api/cases", "application/json", value.to_string().as_bytes());
        proptest::prop_assert!((400..500).contains(&status), "{status} {text}");
        proptest::prop_assert!(!text.is_empty());
    }

    #[test]
    fn any_upload_query_and_body_get_an_answer_never_a_5xx(query in "[a-z_=&%0-9.]{0,40}", body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600)) {
        let (status, text) = post_raw(&format!("/api/uploads?{query}"), "application/octet-stream", &body);
        proptest::prop_assert!(status < 500, "{status} {text}");
    }
}

#[test]
fn after_the_random_requests_the_server_still_files_a_valid_case() {
    for _ in 0..50 {
        let _ = post_raw("/api/cases", "application/json", b"{\"attachments\": [");
    }
    let (status, body) = post(fuzz_server(), None, &valid_case(), &[]);
    assert_eq!(status, 201, "{body}");
}

#[test]
fn a_file_of_a_type_the_case_type_does_not_take_is_refused_with_the_types_it_does_as_the_widget_says(
) {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let (status, body) = upload(
        &server,
        "logs.bin",
        "application/octet-stream",
        &[1, 2, 3],
        "&catalog=aws&case_type=account-billing",
    );
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        body["fields"],
        json!([{
            "field": "attachments",
            "code": "error-attachment-not-allowed",
            "args": {
                "name": { "text": "logs.bin" },
                "types": { "types": ["image/*", "application/pdf", "text/csv", "text/plain", ".csv", ".txt"] }
            }
        }])
    );
}

#[test]
fn others_to_notify_are_refused_from_a_plan_that_does_not_offer_it() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let billing = |plan: &str| {
        with_case(|c| {
            c["plan"] = json!(plan);
            c["case_type"] = json!("account-billing");
            c["service"] = json!("billing");
            c["category"] = json!("invoice");
            c["severity"] = json!("low");
            c["fields"] = json!({});
        })
    };
    let (status, body) = post(&server, None, &billing("developer"), &[]);
    assert_eq!(
        (status, fields(&body)),
        (422, vec![("cc".into(), "error-cc-not-in-plan".into())])
    );
    let (status, body) = post(&server, None, &billing("business"), &[]);
    assert_eq!(status, 201, "{body}");
}

#[test]
fn a_severity_the_plan_must_call_in_is_refused_online() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let technical = |plan: &str, severity: &str| {
        json!({
            "catalog": "akamai", "plan": plan, "locale": "en",
            "case_type": "technical", "service": "dns", "category": "resolution", "severity": severity,
            "fields": { "zone": "example.com" },
            "subject": "Names do not resolve", "description": "Since 09:10.",
            "contact": { "name": "Ada", "email": "ada@example.com", "method": "web", "language": "en" },
            "attachments": []
        })
    };
    let (status, body) = post(&server, None, &technical("premium", "1"), &[]);
    assert_eq!(
        (status, fields(&body)),
        (
            422,
            vec![("severity".into(), "error-severity-call-only".into())]
        )
    );
    let (status, body) = post(&server, None, &technical("priority", "1"), &[]);
    assert_eq!(status, 201, "{body}");
}

#[test]
fn a_case_filed_on_behalf_of_another_account_is_stored_with_the_account() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let case = with_case(|c| {
        c["on_behalf_of"] =
            json!({ "account": "acme-jp", "name": "ACME Japan", "customer_may_see": false })
    });
    let (status, body) = post(&server, None, &case, &[]);
    assert_eq!(status, 201, "{body}");
    let (_, stored) = get(&server, body["id"].as_str().unwrap());
    assert_eq!(stored["case"]["on_behalf_of"], case["on_behalf_of"]);
    let too_long = with_case(|c| {
        c["on_behalf_of"] = json!({ "account": "a".repeat(201), "customer_may_see": true })
    });
    let (status, body) = post(&server, None, &too_long, &[]);
    assert_eq!(
        (status, fields(&body)),
        (
            422,
            vec![("on_behalf_of".into(), "error-choice-unknown".into())]
        )
    );
}

#[test]
fn a_case_type_reserved_for_an_entitlement_is_filed_only_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let catalogs = dir.path().join("catalogs");
    std::fs::create_dir(&catalogs).unwrap();
    let mut catalog: Value = serde_json::from_str(include_str!(
        "../../core/tests/fixtures/minimal-catalog.json"
    ))
    .unwrap();
    catalog["case_types"][0]["entitlement"] = json!("professional-services");
    catalog["case_types"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "id": "general", "label": { "en": "General", "ja": "General" }, "services": ["svc"] }));
    std::fs::write(catalogs.join("mini.json"), catalog.to_string()).unwrap();
    let server = Server::start(&Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        data: dir.path().join("data"),
        catalogs,
        dist: root().join("dist"),
        min_fill_ms: 0,
        rate_limit: 0,
        spam_checks: false,
        ..Config::default()
    });
    let case = |entitlements: Value| {
        json!({
            "catalog": "mini", "plan": "basic", "locale": "en",
            "case_type": "tech", "service": "svc", "category": "cat", "severity": "low",
            "subject": "A workshop", "description": "Two days in March.",
            "contact": { "name": "Ada", "email": "ada@example.com", "method": "web", "language": "en" },
            "entitlements": entitlements
        })
    };
    let (status, body) = post(&server, None, &case(json!([])), &[]);
    assert_eq!(
        (status, fields(&body)),
        (
            422,
            vec![("case_type".into(), "error-case-type-not-in-plan".into())]
        )
    );
    let (status, body) = post(&server, None, &case(json!(["professional-services"])), &[]);
    assert_eq!(status, 201, "{body}");
}

/// A case declaring its file one byte long and a PNG, whatever was sent.
fn declaring_a_tiny_png(token: Option<&str>) -> Value {
    with_case(|c| {
        let mut declared = json!({ "name": "notes.txt", "size": 1, "type": "image/png" });
        if let Some(token) = token {
            declared["token"] = json!(token);
        }
        c["attachments"] = json!([declared]);
    })
}

/// The stored record tells the truth about the file, and keeps what the case declared beside it.
fn assert_stored_as_arrived(server: &Server, id: &str, size: usize) {
    let (_, stored) = get(server, id);
    let record = &stored["case"]["attachments"][0];
    assert_eq!(record["size"], size, "{stored}");
    assert_eq!(record["type"], "text/plain", "{stored}");
    assert_eq!(
        record["declared"],
        json!({ "size": 1, "type": "image/png" })
    );
    assert_eq!(stored["attachments"][0]["size"], size);
    assert_eq!(stored["attachments"][0]["content_type"], "text/plain");
}

#[test]
fn a_file_declared_as_a_one_byte_png_is_stored_with_the_size_received_and_the_type_its_bytes_show()
{
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let text = vec![b'a'; 5000];
    let (status, body) = post(
        &server,
        Some("declared-1"),
        &declaring_a_tiny_png(None),
        &[("notes.txt", "text/plain", text.clone())],
    );
    assert_eq!(status, 201, "{body}");
    assert_stored_as_arrived(&server, body["id"].as_str().unwrap(), text.len());
}

#[test]
fn an_uploaded_file_declared_as_a_one_byte_png_is_stored_with_the_size_received_and_the_type_its_bytes_show(
) {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let text = vec![b'a'; 5000];
    let (status, uploaded) = upload(&server, "notes.txt", "text/plain", &text, "");
    assert_eq!(status, 201, "{uploaded}");
    let case = declaring_a_tiny_png(uploaded["token"].as_str());
    let (status, body) = post_json(&server, "declared-2", &case);
    assert_eq!(status, 201, "{body}");
    assert_stored_as_arrived(&server, body["id"].as_str().unwrap(), text.len());
}
