// What many of the server's tests start from, so each says only how it differs.

use std::path::Path;

use case_server::Config;
use serde_json::{json, Value};

use super::{agent, root, Server};

/// Loopback on a free port with the shipped catalogs; stored cases readable back, and no spam
/// checks or rate limit in the way of the many requests a test sends.
pub fn open_config(data: &Path) -> Config {
    Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        data: data.to_owned(),
        catalogs: root().join("public/catalog"),
        expose_cases: true,
        spam_checks: false,
        rate_limit: 0,
        ..Config::default()
    }
}

/// A valid case for AWS's business plan as the widget sends it, with `attachments`.
pub fn aws_case(attachments: Value) -> Value {
    json!({
        "catalog": "aws", "plan": "business", "locale": "en",
        "case_type": "technical", "service": "ec2", "category": "instance-issue", "severity": "high",
        "fields": { "region": "us-east-1", "instance_id": "i-0abcd1234ef567890" },
        "subject": "Instance unreachable", "description": "Down since 09:10.",
        "contact": { "name": "Ada", "email": "ada@example.com", "method": "web", "language": "en" },
        "attachments": attachments
    })
}

/// How many files are left in the data folder's `folder`.
pub fn files_in(data: &Path, folder: &str) -> usize {
    std::fs::read_dir(data.join(folder)).unwrap().count()
}

/// Posts `body` to the intake as multipart with `boundary`: the answer, whatever its status.
pub fn post_multipart(
    server: &Server,
    boundary: &str,
    body: &[u8],
) -> ureq::http::Response<ureq::Body> {
    agent()
        .post(format!("{}/api/cases", server.url))
        .header(
            "Content-Type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .send(body)
        .unwrap()
}

/// A multipart body with a `case` part and one `attachments` part per file, as the widget sends
/// it: the content type with its boundary, and the body.
pub fn multipart(case: &Value, files: &[(&str, &str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----case-widget-test-boundary";
    let mut body = Vec::new();
    body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"case\"; filename=\"case.json\"\r\nContent-Type: application/json\r\n\r\n").bytes());
    body.extend(case.to_string().bytes());
    for (name, content_type, bytes) in files {
        body.extend(format!("\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"{name}\"\r\nContent-Type: {content_type}\r\n\r\n").bytes());
        body.extend(*bytes);
    }
    body.extend(format!("\r\n--{boundary}--\r\n").bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}
