//! What a server facing the internet must not do: show demo and test switches to the world or
//! keep quiet about them, answer in its parsers' words, store file names as sent, take an SVG
//! with script for a picture, or leave half-done files and relative paths behind.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use case_server::{Config, Store};
use common::setup::{aws_case as case, multipart, open_config};
use common::{agent, root, Server};
use serde_json::{json, Value};

fn start(data: &Path) -> Server {
    Server::start(&open_config(data))
}

fn post(server: &Server, content_type: &str, body: &[u8]) -> (u16, Value) {
    let mut answer = agent()
        .post(format!("{}/api/cases", server.url))
        .header("Content-Type", content_type)
        .send(body)
        .unwrap();
    let status = answer.status().as_u16();
    (status, answer.body_mut().read_json().unwrap_or(Value::Null))
}

#[test]
fn help_prints_every_option_and_exits_0() {
    let out = Command::new(env!("CARGO_BIN_EXE_case-server"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for option in [
        "--proxy-allow",
        "--identity-secret-file",
        "--rate-limit",
        "--expose-cases",
    ] {
        assert!(text.contains(option), "{option}: {text}");
    }
}

#[test]
fn demo_and_test_switches_are_refused_on_a_public_address_and_said_loudly_on_loopback() {
    for switch in ["--expose-cases", "--faults"] {
        let error =
            Config::from_args(["--addr", "0.0.0.0:8080", switch].map(String::from)).unwrap_err();
        assert!(error.contains("loopback"), "{error}");
    }
    let root = root();
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_case-server"))
        .args([
            "--addr",
            "127.0.0.1:0",
            "--expose-cases",
            "--faults",
            "--data",
        ])
        .arg(dir.path())
        .arg("--catalogs")
        .arg(root.join("public/catalog"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let said: Vec<String> = (0..2).map(|_| lines.next().unwrap().unwrap()).collect();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        said[0].contains("WARNING: --expose-cases") && said[0].contains("personal data"),
        "{said:?}"
    );
    assert!(said[1].contains("WARNING: --faults"), "{said:?}");
}

#[test]
fn a_multipart_body_without_a_boundary_gets_a_json_400() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path());
    let (status, body) = post(&server, "multipart/form-data", b"--x\r\n");
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("bad-request")),
        "{body}"
    );
}

#[test]
fn error_bodies_say_what_is_wrong_in_the_servers_words_not_its_parsers() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path());
    for body in [
        r#"{"catalog": 5}"#,
        "{not json",
        r#"{"catalog":"aws","plan":"business","x":1}"#,
    ] {
        let (status, answer) = post(&server, "application/json", body.as_bytes());
        assert_eq!(status, 400, "{answer}");
        let message = answer["message"].as_str().unwrap();
        for parser_words in [
            "invalid type",
            "expected",
            "line ",
            "column",
            "unknown field",
            "`",
        ] {
            assert!(!message.contains(parser_words), "{parser_words}: {message}");
        }
    }
}

#[test]
fn attachment_names_are_stored_without_path_separators_leading_dots_controls_or_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path());
    let names = [
        "../../etc/passwd.txt",
        "C:\\logs\\app.log",
        "report\u{202e}txt.exe.txt",
    ];
    let meta: Vec<Value> = names
        .iter()
        .map(|n| json!({ "name": n, "size": 2, "type": "text/plain" }))
        .collect();
    let files: Vec<(&str, &str, &[u8])> = names
        .iter()
        .map(|n| (*n, "text/plain", &b"x\n"[..]))
        .collect();
    let (content_type, body) = multipart(&case(json!(meta)), &files);
    let (status, answer) = post(&server, &content_type, &body);
    assert_eq!(status, 201, "{answer}");
    let stored: Value = agent()
        .get(format!(
            "{}/api/cases/{}",
            server.url,
            answer["id"].as_str().unwrap()
        ))
        .call()
        .unwrap()
        .body_mut()
        .read_json()
        .unwrap();
    let kept: Vec<&str> = stored["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["filename"].as_str().unwrap())
        .collect();
    assert_eq!(
        kept,
        ["etc_passwd.txt", "C:_logs_app.log", "reporttxt.exe.txt"]
    );
    assert_eq!(stored["case"]["attachments"][0]["name"], "etc_passwd.txt");
    let (status, uploaded) = {
        let mut answer = agent()
            .post(format!(
                "{}/api/uploads?filename=%00..%2F..%2Fx%E2%80%AE.log",
                server.url
            ))
            .header("Content-Type", "text/plain")
            .send(&b"x\n"[..])
            .unwrap();
        (
            answer.status().as_u16(),
            answer.body_mut().read_json::<Value>().unwrap(),
        )
    };
    assert_eq!(
        (status, uploaded["name"].as_str()),
        (201, Some("x.log")),
        "{uploaded}"
    );
}

#[test]
fn an_svg_with_script_is_refused_however_it_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path());
    let svg =
        br#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"><rect/></svg>"#;
    let (content_type, body) = multipart(
        &case(json!([{ "name": "diagram.svg", "size": svg.len(), "type": "image/svg+xml" }])),
        &[("diagram.svg", "image/svg+xml", svg)],
    );
    let (status, answer) = post(&server, &content_type, &body);
    assert_eq!(status, 422, "{answer}");
    assert_eq!(answer["fields"][0]["field"], "attachments", "{answer}");
    let answer = agent()
        .post(format!("{}/api/uploads?filename=diagram.svg", server.url))
        .header("Content-Type", "image/svg+xml")
        .send(&svg[..])
        .unwrap();
    assert_eq!(answer.status(), 422);
}

/// The field code a file gets, sent with a case and uploaded on its own.
fn refusals(server: &Server, name: &str, content_type: &str, bytes: &[u8]) -> (String, String) {
    let (multipart_type, body) = multipart(
        &case(json!([{ "name": name, "size": bytes.len(), "type": content_type }])),
        &[(name, content_type, bytes)],
    );
    let (status, answer) = post(server, &multipart_type, &body);
    assert_eq!(status, 422, "{name}: {answer}");
    assert_eq!(answer["fields"][0]["field"], "attachments", "{answer}");
    let with_case = answer["fields"][0]["code"].as_str().unwrap().to_owned();
    let mut answer = agent()
        .post(format!("{}/api/uploads?filename={name}", server.url))
        .header("Content-Type", content_type)
        .send(bytes)
        .unwrap();
    assert_eq!(answer.status(), 422, "{name}");
    let answer: Value = answer.body_mut().read_json().unwrap();
    assert_eq!(answer["fields"][0]["field"], "attachments", "{answer}");
    let alone = answer["fields"][0]["code"].as_str().unwrap().to_owned();
    (with_case, alone)
}

#[test]
fn an_svg_with_script_behind_a_byte_order_mark_or_an_xml_declaration_is_refused_as_a_plain_one() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path());
    let plain =
        br#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"><rect/></svg>"#;
    let expected = refusals(&server, "diagram.svg", "image/svg+xml", plain);
    assert_eq!(expected.0, expected.1);
    let after_bom = [&b"\xef\xbb\xbf"[..], plain].concat();
    let after_declaration = [&b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"[..], plain].concat();
    for bytes in [after_bom, after_declaration] {
        for (name, content_type) in [("photo.png", "image/png"), ("picture.bmp", "image/bmp")] {
            assert_eq!(
                refusals(&server, name, content_type, &bytes),
                expected,
                "{name}: {}",
                String::from_utf8_lossy(&bytes)
            );
        }
    }
}

#[test]
#[allow(clippy::zombie_processes)] // killed and waited for
fn start_up_clears_what_a_crash_left_and_stored_paths_are_absolute_with_a_relative_data_folder() {
    let root = root();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("incoming")).unwrap();
    std::fs::write(data.join("incoming/half-received"), b"half").unwrap();
    let stale = data.join("attachments/CASE-20990101-00007");
    std::fs::create_dir_all(&stale).unwrap();
    std::fs::write(stale.join("0.pending"), b"never committed").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_case-server"))
        .current_dir(dir.path())
        .args([
            "--addr",
            "127.0.0.1:0",
            "--data",
            "data",
            "--no-spam-checks",
            "--catalogs",
        ])
        .arg(root.join("public/catalog"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap()
        .to_owned();
    assert_eq!(std::fs::read_dir(data.join("incoming")).unwrap().count(), 0);
    assert!(!stale.exists(), "a case folder without its case is removed");
    let (content_type, body) = multipart(
        &case(json!([{ "name": "a.log", "size": 2, "type": "text/plain" }])),
        &[("a.log", "text/plain", b"x\n")],
    );
    let answer = agent()
        .post(format!("{url}/api/cases"))
        .header("Content-Type", &content_type)
        .send(&body[..])
        .unwrap();
    assert_eq!(answer.status(), 201);
    child.kill().unwrap();
    child.wait().unwrap();
    let db = rusqlite::Connection::open(data.join("cases.sqlite3")).unwrap();
    let path: String = db
        .query_row("SELECT path FROM attachments", [], |r| r.get(0))
        .unwrap();
    assert!(Path::new(&path).is_absolute(), "{path}");
    assert_eq!(std::fs::read(&path).unwrap(), b"x\n");
    drop(Store::open(&data).unwrap());
}

#[test]
fn cases_racing_for_one_uploaded_file_file_it_once_and_the_others_are_told_it_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path());
    // A race is lost only now and then: ten of them, each for a fresh upload.
    for round in 0..10 {
        let mut answer = agent()
            .post(format!("{}/api/uploads?filename=a.log", server.url))
            .header("Content-Type", "text/plain")
            .send(&b"one file\n"[..])
            .unwrap();
        let token = answer.body_mut().read_json::<Value>().unwrap()["token"]
            .as_str()
            .unwrap()
            .to_owned();
        let claim =
            case(json!([{ "name": "a.log", "size": 9, "type": "text/plain", "token": token }]));
        let statuses: Vec<u16> = std::thread::scope(|scope| {
            let racers: Vec<_> = (0..8)
                .map(|i| {
                    let (url, claim) = (&server.url, &claim);
                    scope.spawn(move || {
                        agent()
                            .post(format!("{url}/api/cases"))
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", format!("racer-{round}-{i}"))
                            .send(claim.to_string().as_bytes())
                            .unwrap()
                            .status()
                            .as_u16()
                    })
                })
                .collect();
            racers.into_iter().map(|r| r.join().unwrap()).collect()
        });
        assert_eq!(
            statuses.iter().filter(|s| **s == 201).count(),
            1,
            "round {round}: {statuses:?}"
        );
        assert!(
            statuses.iter().all(|s| *s == 201 || *s == 422),
            "round {round}: {statuses:?}"
        );
    }
    let folders: Vec<_> = std::fs::read_dir(dir.path().join("attachments"))
        .unwrap()
        .map(|f| std::fs::read_dir(f.unwrap().path()).unwrap().count())
        .collect();
    assert_eq!(
        folders, [1; 10],
        "ten case folders, each holding its one file"
    );
    assert_eq!(
        std::fs::read_dir(dir.path().join("uploads"))
            .unwrap()
            .count(),
        0
    );
}

#[test]
fn a_storage_failure_answers_500_without_the_systems_words() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path());
    // The folder files arrive in is gone, and a file stands in its place.
    std::fs::remove_dir_all(dir.path().join("incoming")).unwrap();
    std::fs::write(dir.path().join("incoming"), b"not a folder").unwrap();
    let (content_type, body) = multipart(
        &case(json!([{ "name": "a.log", "size": 2, "type": "text/plain" }])),
        &[("a.log", "text/plain", b"x\n")],
    );
    let (status, answer) = post(&server, &content_type, &body);
    assert_eq!(
        (status, answer["error"].as_str()),
        (500, Some("storage")),
        "{answer}"
    );
    let message = answer["message"].as_str().unwrap();
    for system_words in ["os error", "Not a directory", "No such file", "/incoming"] {
        assert!(!message.contains(system_words), "{system_words}: {message}");
    }
}
