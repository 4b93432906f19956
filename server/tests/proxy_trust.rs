//! The proxy passes on only what the allow-list names, query strings included; shows nothing of
//! the allow-list before the session proof; sends the portal's credential, not the page's,
//! unless told; limits each client's rate; and no cache keeps its answers or a stored case.

mod common;

use std::io::Write;
use std::sync::mpsc;
use std::time::Duration;

use case_server::token::{sign, Secret};
use case_server::Config;
use common::raw::{head, raw};
use common::{root, Server};

const SECRET: &str = "a secret the portal shares, 32 bytes or more";

/// A backend that sends each request's head to the channel and answers 201, cacheable.
fn backend() -> (String, mpsc::Receiver<String>) {
    let (seen, heard) = mpsc::channel();
    let url = common::raw::backend(move |stream, head, _| {
        let _ = seen.send(head);
        let _ = write!(
            stream,
            "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\
             Cache-Control: public, max-age=600\r\nConnection: close\r\n\r\n{{}}"
        );
    });
    (url, heard)
}

/// The server proxying `/REST/2.0/` to `backend`, with the portal's credential and `more`.
fn portal(backend: &str, more: &[&str]) -> Server {
    let root = root();
    let data = tempfile::tempdir().unwrap();
    let secret = data.path().join("session-secret");
    std::fs::write(&secret, SECRET).unwrap();
    let credential = data.path().join("authorization");
    std::fs::write(&credential, "token portal-credential").unwrap();
    let mut args: Vec<String> = [
        "--addr",
        "127.0.0.1:0",
        "--expose-cases",
        "--no-spam-checks",
        "--proxy-allow",
        "POST /REST/2.0/ticket",
    ]
    .map(String::from)
    .to_vec();
    args.extend([
        "--data".into(),
        data.path().join("data").display().to_string(),
        "--catalogs".into(),
        root.join("public/catalog").display().to_string(),
        "--proxy-session-secret-file".into(),
        secret.display().to_string(),
        "--proxy-authorization-file".into(),
        credential.display().to_string(),
        "--proxy".into(),
        format!("/REST/2.0/={backend}/REST/2.0/"),
    ]);
    args.extend(more.iter().map(|s| s.to_string()));
    Server::with_data(&Config::from_args(args).unwrap(), data)
}

fn proof_for(aud: &str) -> String {
    let secret = Secret::new(SECRET.as_bytes().to_vec()).unwrap();
    let exp = chrono::Utc::now().timestamp() + 600;
    sign(
        &secret,
        &serde_json::json!({ "sub": "ada", "aud": aud, "exp": exp }),
    )
}

fn proof() -> String {
    proof_for("case-widget/session")
}

/// A raw request; the status and the answer's head, lower-cased.
fn send(server: &Server, method: &str, path: &str, headers: &[(&str, &str)]) -> (u16, String) {
    let (status, answer) = raw(server.host(), method, path, headers, "{}");
    (status, head(&answer))
}

fn nothing_heard(heard: &mpsc::Receiver<String>) {
    assert!(
        heard.recv_timeout(Duration::from_millis(200)).is_err(),
        "the backend got the request"
    );
}

#[test]
fn a_query_string_passes_only_where_the_allow_list_permits_it() {
    let (backend, heard) = backend();
    let server = portal(
        &backend,
        &["--proxy-allow", "POST /REST/2.0/queue?fields&limit"],
    );
    let session = proof();
    let with_proof = [("X-Portal-Session", session.as_str())];
    for path in [
        "/REST/2.0/ticket?fields=id",
        "/REST/2.0/ticket?",
        "/REST/2.0/queue?fields=id&admin=1",
    ] {
        let (status, head) = send(&server, "POST", path, &with_proof);
        assert_eq!(status, 403, "{path}: {head}");
    }
    nothing_heard(&heard);
    let (status, head) = send(
        &server,
        "POST",
        "/REST/2.0/queue?fields=id&limit=2",
        &with_proof,
    );
    assert_eq!(status, 201, "{head}");
    assert!(heard
        .recv()
        .unwrap()
        .starts_with("POST /REST/2.0/queue?fields=id&limit=2 "));
}

#[test]
fn without_a_session_proof_every_request_gets_the_same_401() {
    let (backend, heard) = backend();
    let server = portal(&backend, &[]);
    let identity = proof_for("case-widget/identity");
    for (method, path, headers) in [
        ("POST", "/REST/2.0/ticket", vec![]),
        ("POST", "/REST/2.0/user", vec![]),
        ("GET", "/REST/2.0/ticket", vec![]),
        ("DELETE", "/REST/2.0/queue/1", vec![]),
        (
            "POST",
            "/REST/2.0/ticket",
            vec![("X-Portal-Session", identity.as_str())],
        ),
    ] {
        let (status, head) = send(&server, method, path, &headers);
        assert_eq!(status, 401, "{method} {path}: {head}");
    }
    nothing_heard(&heard);
}

#[test]
fn the_pages_own_authorization_goes_on_only_when_the_portal_says_so() {
    let (backend, heard) = backend();
    let server = portal(&backend, &[]);
    let session = proof();
    let headers = [
        ("X-Portal-Session", session.as_str()),
        ("Authorization", "token page-user"),
    ];
    let (status, _) = send(&server, "POST", "/REST/2.0/ticket", &headers);
    assert_eq!(status, 201);
    let head = heard.recv().unwrap().to_ascii_lowercase();
    assert!(
        head.contains("authorization: token portal-credential"),
        "{head}"
    );
    assert!(!head.contains("page-user"), "{head}");

    let server = portal(&backend, &["--proxy-pass-authorization"]);
    let (status, _) = send(&server, "POST", "/REST/2.0/ticket", &headers);
    assert_eq!(status, 201);
    let head = heard.recv().unwrap().to_ascii_lowercase();
    assert!(head.contains("authorization: token page-user"), "{head}");
}

#[test]
fn a_client_sending_too_many_proxied_requests_gets_429() {
    let (backend, heard) = backend();
    let server = portal(&backend, &["--proxy-rate-limit", "4"]);
    let session = proof();
    let with_proof = [("X-Portal-Session", session.as_str())];
    let statuses: Vec<u16> = (0..4)
        .map(|_| send(&server, "POST", "/REST/2.0/ticket", &with_proof).0)
        .collect();
    assert_eq!(&statuses[..2], [201, 201], "{statuses:?}");
    assert!(statuses[2..].contains(&429), "{statuses:?}");
    let (_, head) = send(&server, "POST", "/REST/2.0/ticket", &with_proof);
    assert!(head.contains("retry-after:"), "{head}");
    while heard.recv_timeout(Duration::from_millis(100)).is_ok() {}
}

#[test]
fn no_cache_keeps_a_proxied_answer_or_a_stored_case() {
    let (backend, _heard) = backend();
    let server = portal(&backend, &[]);
    let session = proof();
    let (status, head) = send(
        &server,
        "POST",
        "/REST/2.0/ticket",
        &[("X-Portal-Session", session.as_str())],
    );
    assert_eq!(status, 201);
    assert!(head.contains("cache-control: no-store"), "{head}");
    assert!(!head.contains("max-age"), "{head}");
    for path in ["/api/cases", "/api/cases/CASE-00001"] {
        let (_, head) = send(&server, "GET", path, &[]);
        assert!(head.contains("cache-control: no-store"), "{path}: {head}");
    }
}
