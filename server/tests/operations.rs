//! What an operator runs the server by: one log line per request (JSON with `--log-format json`)
//! that holds no personal data or secret, Prometheus metrics on `--metrics-addr` that move by
//! exactly what happened, and `/readyz` that follows whether the data folder can be written.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::{agent, root};
use serde_json::{json, Value};

const SERVER: &str = env!("CARGO_BIN_EXE_case-server");

/// The server binary as an operator starts it, with the addresses it printed.
struct Running {
    child: Child,
    url: String,
    metrics: String,
    _data: tempfile::TempDir,
}

impl Running {
    fn start(more: &[&str]) -> Running {
        let data = tempfile::tempdir().unwrap();
        let mut child = Command::new(SERVER)
            .args(["--addr", "127.0.0.1:0", "--metrics-addr", "127.0.0.1:0"])
            .args(["--log-format", "json", "--data"])
            .arg(data.path())
            .arg("--catalogs")
            .arg(root().join("public/catalog"))
            .args(more)
            .env("RUST_LOG", "info")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tell, told) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tell.send(line);
            }
        });
        let said = |prefix: &str| loop {
            let line = told.recv_timeout(Duration::from_secs(10)).unwrap();
            if let Some(rest) = line.strip_prefix(prefix) {
                break rest.to_owned();
            }
        };
        let metrics = said("metrics on ");
        let url = said("listening on ");
        Running {
            child,
            url,
            metrics,
            _data: data,
        }
    }

    fn scrape(&self) -> String {
        agent()
            .get(&self.metrics)
            .call()
            .unwrap()
            .body_mut()
            .read_to_string()
            .unwrap()
    }

    /// Stops the server as an operator would and returns every log line, parsed.
    fn stop(mut self) -> Vec<Value> {
        // SIGTERM, as a service manager stops a service.
        unsafe { libc::kill(self.child.id() as i32, libc::SIGTERM) };
        let _ = self.child.wait();
        let mut said = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut said)
            .unwrap();
        said.lines()
            .filter(|line| !line.is_empty())
            .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
            .collect()
    }
}

/// A test that fails before `stop` leaves no server behind.
impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A backend that answers every request 200, for the proxy.
fn backend() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for mut stream in listener.incoming().map_while(Result::ok) {
            let mut head = [0u8; 4096];
            let _ = stream.read(&mut head);
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok");
        }
    });
    url
}

/// A case whose every field the customer types holds a marker no log may show.
fn marked_case() -> Value {
    json!({
        "catalog": "aws", "plan": "business", "locale": "en",
        "case_type": "technical", "service": "ec2", "category": "instance-issue", "severity": "high",
        "fields": { "region": "us-east-1", "instance_id": "i-0abcd1234ef567890" },
        "subject": "MARKSUBJECT unreachable", "description": "MARKDESCRIPTION since 09:10.",
        "contact": { "name": "Markname Person", "email": "markmail@example.org", "method": "phone",
                     "phone": { "country": "US", "number": "+1 415 555 0199" }, "language": "en" },
        "cc": ["markcc@example.org"],
        "attachments": []
    })
}

const MARKERS: &[&str] = &[
    "MARKSUBJECT",
    "MARKDESCRIPTION",
    "Markname",
    "markmail",
    "markcc",
    "555 0199",
    "5550199",
    "markfile",
    "marktoken",
    "markcookie",
    "@example.org",
];

fn post_case(server: &Running, key: &str, case: &Value) -> (u16, Value) {
    let mut answer = agent()
        .post(format!("{}/api/cases", server.url))
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", key)
        .header("Authorization", "Bearer marktoken.abc.def")
        .header("Cookie", "session=markcookie")
        .send(case.to_string().as_bytes())
        .unwrap();
    let status = answer.status().as_u16();
    (status, answer.body_mut().read_json().unwrap_or(Value::Null))
}

fn request_lines(log: &[Value]) -> Vec<&Value> {
    log.iter().filter(|l| l["message"] == "request").collect()
}

#[test]
fn a_filed_case_a_refused_case_a_proxied_request_and_a_panic_each_leave_their_log_line_and_no_marker_of_what_the_customer_typed(
) {
    let helpdesk = backend();
    let proxy = format!("/helpdesk/={helpdesk}/");
    let server = Running::start(&[
        "--no-spam-checks",
        "--faults",
        "--proxy",
        &proxy,
        "--proxy-allow",
        "GET /helpdesk/ping",
        "--proxy-without-session",
    ]);
    let (status, filed) = post_case(&server, "ops-1", &marked_case());
    assert_eq!(status, 201, "{filed}");
    let mut refused = marked_case();
    refused["subject"] = json!("");
    let (status, refusal) = post_case(&server, "ops-2", &refused);
    assert_eq!(status, 422, "{refusal}");
    let request_id = refusal["request_id"].as_str().unwrap().to_owned();
    let upload = agent()
        .post(format!("{}/api/uploads?filename=markfile.txt", server.url))
        .header("Content-Type", "text/plain")
        .send(&b"plain words"[..])
        .unwrap();
    assert_eq!(upload.status(), 201);
    let proxied = agent()
        .get(format!("{}/helpdesk/ping", server.url))
        .call()
        .unwrap();
    assert_eq!(proxied.status(), 200);
    agent()
        .post(format!("{}/api/_faults", server.url))
        .header("Content-Type", "application/json")
        .send(json!({ "kind": "panic" }).to_string().as_bytes())
        .unwrap();
    let (status, _) = post_case(&server, "ops-3", &marked_case());
    assert_eq!(status, 500);

    let log = server.stop();
    let text = log
        .iter()
        .map(Value::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    for marker in MARKERS {
        assert!(!text.contains(marker), "the log shows {marker}:\n{text}");
    }
    assert!(log.iter().any(|l| l["message"] == "started"), "{text}");
    assert!(log.iter().any(|l| l["message"] == "stopped"), "{text}");
    let lines = request_lines(&log);
    let line = |method: &str, path: &str, status: u16| {
        lines
            .iter()
            .find(|l| l["method"] == method && l["path"] == path && l["status"] == status)
            .unwrap_or_else(|| panic!("no {method} {path} {status} line:\n{text}"))
    };
    let case_line = line("POST", "/api/cases", 201);
    assert_eq!(case_line["case_id"], filed["id"]);
    assert!(case_line["duration_ms"].is_u64() && case_line["client"] == "127.0.0.1");
    assert_eq!(case_line["request_id"].as_str().unwrap().len(), 16);
    let refused_line = line("POST", "/api/cases", 422);
    assert_eq!(refused_line["reason"], "validation");
    assert_eq!(refused_line["request_id"], request_id.as_str());
    // The upload's file name came in the query, which no line shows.
    assert_eq!(line("POST", "/api/uploads", 201)["path"], "/api/uploads");
    assert_eq!(line("GET", "/helpdesk/ping", 200)["upstream_status"], 200);
    line("POST", "/api/cases", 500);
    assert!(
        log.iter()
            .any(|l| l["message"] == "panicked" && l["span"]["request_id"].is_string()),
        "{text}"
    );
}

/// A metric's value in a scrape, by its name and labels as the text writes them.
fn value(scrape: &str, series: &str) -> f64 {
    scrape
        .lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .map_or(0.0, |v| v.split(' ').next().unwrap().parse().unwrap())
}

/// Every line of a scrape is a comment, a metric family's help or type, or `name{labels} value`.
fn parses_as_prometheus_text(scrape: &str) {
    for line in scrape.lines() {
        if line.starts_with('#') {
            continue;
        }
        let (series, number) = line.rsplit_once(' ').unwrap_or_else(|| panic!("{line}"));
        let name_end = series.find('{').unwrap_or(series.len());
        let name = &series[..name_end];
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
            "{line}"
        );
        assert!(name_end == series.len() || series.ends_with('}'), "{line}");
        assert!(number.parse::<f64>().is_ok(), "{line}");
    }
}

#[test]
fn metrics_move_by_exactly_what_was_filed_refused_replayed_uploaded_and_proxied() {
    let helpdesk = backend();
    let proxy = format!("/helpdesk/={helpdesk}/");
    let server = Running::start(&[
        "--min-fill-seconds",
        "0",
        "--proxy",
        &proxy,
        "--proxy-allow",
        "GET /helpdesk/ping",
        "--proxy-without-session",
    ]);
    let before = server.scrape();
    parses_as_prometheus_text(&before);
    let token = |server: &Running| {
        let mut answer = agent()
            .get(format!("{}/api/form-token", server.url))
            .call()
            .unwrap();
        answer.body_mut().read_json::<Value>().unwrap()["token"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let mut case = marked_case();
    case["spam_check"] = json!({ "form_token": token(&server) });
    assert_eq!(post_case(&server, "m-1", &case).0, 201);
    assert_eq!(post_case(&server, "m-1", &case).0, 200);
    let mut invalid = case.clone();
    invalid["spam_check"] = json!({ "form_token": token(&server) });
    invalid["subject"] = json!("");
    assert_eq!(post_case(&server, "m-2", &invalid).0, 422);
    let mut unsigned = marked_case();
    unsigned["spam_check"] = json!({ "form_token": "forged" });
    assert_eq!(post_case(&server, "m-3", &unsigned).0, 422);
    let upload = agent()
        .post(format!("{}/api/uploads?filename=notes.txt", server.url))
        .header("Content-Type", "text/plain")
        .send(&b"eleven byte"[..])
        .unwrap();
    assert_eq!(upload.status(), 201);
    for _ in 0..2 {
        let proxied = agent()
            .get(format!("{}/helpdesk/ping", server.url))
            .call()
            .unwrap();
        assert_eq!(proxied.status(), 200);
    }
    let after = server.scrape();
    parses_as_prometheus_text(&after);
    let moved = |series: &str| value(&after, series) - value(&before, series);
    assert_eq!(moved("case_server_cases_filed_total"), 1.0, "{after}");
    assert_eq!(
        moved("case_server_idempotent_replays_total"),
        1.0,
        "{after}"
    );
    assert_eq!(
        moved("case_server_cases_refused_total{reason=\"validation\"}"),
        1.0,
        "{after}"
    );
    assert_eq!(
        moved("case_server_cases_refused_total{reason=\"spam-suspected\"}"),
        1.0,
        "{after}"
    );
    assert_eq!(moved("case_server_spam_refused_total"), 1.0, "{after}");
    assert_eq!(moved("case_server_uploads_total"), 1.0, "{after}");
    assert_eq!(moved("case_server_upload_bytes_total"), 11.0, "{after}");
    assert_eq!(
        moved("case_server_upstream_answers_total{status=\"200\"}"),
        2.0,
        "{after}"
    );
    assert_eq!(
        moved("case_server_upstream_duration_seconds_count"),
        2.0,
        "{after}"
    );
    assert_eq!(
        moved("case_server_request_duration_seconds_count{route=\"/api/cases\"}"),
        4.0,
        "{after}"
    );
    server.stop();
}

#[test]
fn readyz_answers_503_while_the_data_folder_cannot_be_written_and_200_again_after() {
    let server = Running::start(&["--no-spam-checks"]);
    let ready = |server: &Running| {
        let mut answer = agent()
            .get(format!("{}/readyz", server.url))
            .call()
            .unwrap();
        (
            answer.status().as_u16(),
            answer.body_mut().read_json::<Value>().unwrap(),
        )
    };
    assert_eq!(ready(&server).0, 200);
    // A file where the folder for arriving files was: no write there can succeed, for root too.
    let incoming = server._data.path().join("incoming");
    std::fs::rename(&incoming, server._data.path().join("incoming-away")).unwrap();
    std::fs::write(&incoming, b"in the way").unwrap();
    let (status, body) = ready(&server);
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["reason"], "data-folder-not-writable");
    let health = agent()
        .get(format!("{}/healthz", server.url))
        .call()
        .unwrap();
    assert_eq!(health.status(), 200, "liveness stays apart from readiness");
    std::fs::remove_file(&incoming).unwrap();
    std::fs::rename(server._data.path().join("incoming-away"), &incoming).unwrap();
    assert_eq!(ready(&server).0, 200);
    let log = server.stop();
    assert!(log
        .iter()
        .any(|l| l["message"] == "not ready" && l["reason"] == "data-folder-not-writable"));
}

#[test]
fn a_floor_above_the_free_space_makes_the_server_not_ready() {
    let server = Running::start(&["--no-spam-checks", "--ready-min-free-mib", "1048576"]);
    let mut answer = agent()
        .get(format!("{}/readyz", server.url))
        .call()
        .unwrap();
    assert_eq!(answer.status(), 503);
    assert_eq!(
        answer.body_mut().read_json::<Value>().unwrap()["reason"],
        "disk-below-floor"
    );
    server.stop();
}
