//! `--proxy`: the portal's own signed-in customers, on its own page, reach another backend on the
//! page's origin for the requests the portal allows; nobody else does, and only a few headers
//! cross either way.

mod common;

use std::io::Write;
use std::net::TcpListener;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use case_server::token::{sign, Secret};
use case_server::Config;
use common::raw::raw;
use common::{agent, root, Server};

const SECRET: &str = "a secret the portal shares, 32 bytes or more";

/// A backend that records each request's head and body and answers `201 {"id":"7"}` after
/// `delay`, with headers a page must not see.
fn backend_after(delay: Duration) -> (String, mpsc::Receiver<(String, Vec<u8>)>) {
    let (seen, heard) = mpsc::channel();
    let url = common::raw::backend(move |stream, head, body| {
        let _ = seen.send((head, body));
        std::thread::sleep(delay);
        let answer = r#"{"id":"7"}"#;
        let _ = write!(
            stream,
            "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
             Set-Cookie: rt_session=backend-secret; Path=/\r\nAccess-Control-Allow-Origin: *\r\n\
             Access-Control-Allow-Credentials: true\r\nX-Internal-Host: rt-7.internal\r\n\
             WWW-Authenticate: Basic realm=\"rt\"\r\nServer: RT/5.0.3\r\nConnection: close\r\n\r\n{answer}",
            answer.len()
        );
    });
    (url, heard)
}

fn backend() -> (String, mpsc::Receiver<(String, Vec<u8>)>) {
    backend_after(Duration::ZERO)
}

fn start(args: &[String]) -> Server {
    let root = root();
    let data = tempfile::tempdir().unwrap();
    let secret = data.path().join("session-secret");
    std::fs::write(&secret, format!("{SECRET}\n")).unwrap();
    let config = Config::from_args(
        [
            "--addr",
            "127.0.0.1:0",
            "--data",
            data.path().join("data").to_str().unwrap(),
            "--catalogs",
            root.join("public/catalog").to_str().unwrap(),
            "--proxy-session-secret-file",
            secret.to_str().unwrap(),
        ]
        .map(String::from)
        .into_iter()
        .chain(args.iter().cloned()),
    )
    .unwrap();
    Server::with_data(&config, data)
}

/// A proxy for RT's ticket creation at `backend`, with extra arguments.
fn rt_proxy(backend: &str, more: &[&str]) -> Server {
    let mut args = vec![
        "--proxy".to_string(),
        format!("/REST/2.0/={backend}/REST/2.0/"),
        "--proxy-allow".into(),
        "POST /REST/2.0/ticket".into(),
    ];
    args.extend(more.iter().map(|s| s.to_string()));
    start(&args)
}

/// A session proof signed with the shared secret, valid for `seconds` more.
fn proof(seconds: i64) -> String {
    let secret = Secret::new(SECRET.as_bytes().to_vec()).unwrap();
    let exp = chrono::Utc::now().timestamp() + seconds;
    let claims = serde_json::json!({ "sub": "ada", "exp": exp, "aud": "case-widget/session" });
    sign(&secret, &claims)
}

fn nothing_heard(heard: &mpsc::Receiver<(String, Vec<u8>)>) {
    assert!(
        heard.recv_timeout(Duration::from_millis(200)).is_err(),
        "the backend got the request"
    );
}

#[test]
fn a_signed_in_customers_post_reaches_the_backend_with_the_portals_credential_and_without_its_cookies(
) {
    let (backend, heard) = backend();
    let dir = tempfile::tempdir().unwrap();
    let credential = dir.path().join("authorization");
    std::fs::write(&credential, "token 1-2-portal\n").unwrap();
    let server = rt_proxy(
        &backend,
        &[
            "--proxy-authorization-file",
            credential.to_str().unwrap(),
            "--proxy-allow",
            "POST /REST/2.0/ticket?fields",
            "--proxy-pass-authorization",
        ],
    );
    let body = r#"{"Queue":"Technical","Subject":"接続できません"}"#;
    let mut answer = agent()
        .post(format!("{}/REST/2.0/ticket?fields=id", server.url))
        .header("Content-Type", "application/json")
        .header("Cookie", "portal_session=secret")
        .header("User-Agent", "Mozilla/5.0")
        .header("X-Portal-Session", proof(60))
        .header("Origin", &server.url)
        .header("Sec-Fetch-Site", "same-origin")
        .send(body)
        .unwrap();
    assert_eq!(answer.status(), 201);
    assert_eq!(answer.body_mut().read_to_string().unwrap(), r#"{"id":"7"}"#);
    let (head, sent) = heard.recv().unwrap();
    let head_lower = head.to_ascii_lowercase();
    assert!(
        head.starts_with("POST /REST/2.0/ticket?fields=id HTTP/1.1"),
        "{head}"
    );
    assert!(
        head_lower.contains("authorization: token 1-2-portal"),
        "{head}"
    );
    assert!(
        !head_lower.contains("portal_session"),
        "cookies stay: {head}"
    );
    assert!(
        !head_lower.contains("x-portal-session"),
        "the proof stays: {head}"
    );
    assert!(
        head_lower.contains("user-agent: case-server-proxy"),
        "{head}"
    );
    assert_eq!(sent, body.as_bytes());

    // The page's own sign-in wins over the portal's.
    agent()
        .post(format!("{}/REST/2.0/ticket", server.url))
        .header("Authorization", "token page-user")
        .header("X-Portal-Session", proof(60))
        .send("{}")
        .unwrap();
    let (head, _) = heard.recv().unwrap();
    assert!(
        head.to_ascii_lowercase()
            .contains("authorization: token page-user"),
        "{head}"
    );
    assert!(!head.contains("1-2-portal"), "{head}");
}

#[test]
fn identity_hop_by_hop_and_cookie_headers_are_stripped_both_ways() {
    let (backend, heard) = backend();
    let server = rt_proxy(&backend, &[]);
    let session = proof(60);
    let (status, answer) = raw(
        server.host(),
        "POST",
        "/REST/2.0/ticket",
        &[
            ("X-Portal-Session", &session),
            ("Content-Type", "application/json"),
            ("Proxy-Authorization", "Basic cm9vdDpwYXNzd29yZA=="),
            ("X-Forwarded-For", "10.0.0.1"),
            ("X-Forwarded-User", "root"),
            ("Forwarded", "for=10.0.0.1"),
            ("X-Remote-User", "root"),
            ("Remote-User", "root"),
            ("X-Real-IP", "10.0.0.1"),
            ("Cookie", "RT_SID=stolen"),
            ("Keep-Alive", "timeout=5"),
            ("X-Custom-Admin", "yes"),
        ],
        "{}",
    );
    assert_eq!(status, 201, "{answer}");
    let (head, _) = heard.recv().unwrap();
    let head = head.to_ascii_lowercase();
    for gone in [
        "proxy-authorization",
        "x-forwarded",
        "forwarded:",
        "remote-user",
        "x-real-ip",
        "cookie",
        "keep-alive",
        "x-custom-admin",
        "x-portal-session",
    ] {
        assert!(!head.contains(gone), "{gone} passed on: {head}");
    }
    let answer = answer.to_ascii_lowercase();
    let head_of_answer = answer.split("\r\n\r\n").next().unwrap();
    for gone in [
        "set-cookie",
        "access-control-",
        "x-internal-host",
        "www-authenticate",
        "rt/5.0.3",
    ] {
        assert!(
            !head_of_answer.contains(gone),
            "{gone} passed back: {head_of_answer}"
        );
    }
    assert!(head_of_answer.contains("content-type: application/json"));
}

#[test]
fn a_post_from_another_site_is_refused_and_never_reaches_the_backend() {
    let (backend, heard) = backend();
    let server = rt_proxy(&backend, &[]);
    let session = proof(60);
    for headers in [
        vec![
            ("Origin", "https://evil.example"),
            ("Content-Type", "text/plain"),
        ],
        vec![("Sec-Fetch-Site", "cross-site")],
        vec![("Sec-Fetch-Site", "same-site")],
        vec![("Origin", "null")],
    ] {
        let mut all = headers.clone();
        all.push(("X-Portal-Session", &session));
        let (status, answer) = raw(server.host(), "POST", "/REST/2.0/ticket", &all, "{}");
        assert_eq!(status, 403, "{headers:?}: {answer}");
        assert!(answer.contains("cross-origin"), "{answer}");
    }
    nothing_heard(&heard);
}

#[test]
fn without_a_valid_session_proof_nothing_is_passed_on() {
    let (backend, heard) = backend();
    let server = rt_proxy(&backend, &[]);
    let other = Secret::new(b"another secret of at least 32 bytes".to_vec()).unwrap();
    let forged = sign(
        &other,
        &serde_json::json!({ "sub": "ada", "exp": 9_999_999_999i64 }),
    );
    let expired = proof(-5);
    for headers in [
        vec![],
        vec![("X-Portal-Session", "not a token")],
        vec![("X-Portal-Session", forged.as_str())],
        vec![("X-Portal-Session", expired.as_str())],
        vec![("Authorization", "token a-stolen-rt-token")],
    ] {
        let (status, answer) = raw(server.host(), "POST", "/REST/2.0/ticket", &headers, "{}");
        assert_eq!(status, 401, "{headers:?}: {answer}");
    }
    nothing_heard(&heard);
}

#[test]
fn the_session_proof_may_be_a_cookie_the_portal_sets() {
    let (backend, heard) = backend();
    let server = rt_proxy(&backend, &["--proxy-session-cookie", "portal_proof"]);
    let cookie = format!("theme=dark; portal_proof={}", proof(60));
    let (status, _) = raw(
        server.host(),
        "POST",
        "/REST/2.0/ticket",
        &[("Cookie", &cookie)],
        "{}",
    );
    assert_eq!(status, 201);
    let (head, _) = heard.recv().unwrap();
    assert!(
        !head.to_ascii_lowercase().contains("portal_proof"),
        "{head}"
    );
    let (status, _) = raw(
        server.host(),
        "POST",
        "/REST/2.0/ticket",
        &[("Cookie", "theme=dark")],
        "{}",
    );
    assert_eq!(status, 401);
}

#[test]
fn only_allowed_requests_on_plain_paths_pass() {
    let (backend, heard) = backend();
    let server = rt_proxy(&backend, &[]);
    let session = proof(60);
    let with_proof = [("X-Portal-Session", session.as_str())];
    for (method, path, expected) in [
        ("POST", "/REST/2.0/ticket/1/comment", 403),
        ("POST", "/REST/2.0/tickets", 403),
        ("GET", "/REST/2.0/ticket", 405),
        ("PUT", "/REST/2.0/ticket", 405),
        ("POST", "/REST/2.0/../2.0/ticket", 400),
        ("POST", "/REST/2.0/%2e%2e/2.0/ticket", 400),
        ("POST", "/REST/2.0/%2E%2E/2.0/ticket", 400),
        ("POST", "/REST/2.0/ticket%2f..%2fuser", 400),
        ("POST", "/REST/2.0/./ticket", 400),
        ("POST", "/REST/2.0//ticket", 400),
        ("POST", "/REST/2.0/ticket\\..\\user", 400),
    ] {
        let (status, answer) = raw(server.host(), method, path, &with_proof, "{}");
        assert_eq!(status, expected, "{method} {path}: {answer}");
    }
    nothing_heard(&heard);
}

#[test]
fn a_body_over_the_limit_is_refused_with_413() {
    let (backend, heard) = backend();
    let server = rt_proxy(&backend, &[]);
    let big = "x".repeat(30 * 1024 * 1024);
    let answer = agent()
        .post(format!("{}/REST/2.0/ticket", server.url))
        .header("X-Portal-Session", proof(60))
        .send(big.as_bytes());
    match answer {
        Ok(answer) => assert_eq!(answer.status(), 413),
        // Refused before the body was read: the connection may close under the sender.
        Err(e) => assert!(
            e.to_string().contains("reset")
                || e.to_string().contains("pipe")
                || e.to_string().contains("closed"),
            "{e}"
        ),
    }
    nothing_heard(&heard);
}

#[test]
fn a_backend_that_does_not_answer_in_time_gets_a_504_and_one_that_is_down_a_502() {
    let (backend, _heard) = backend_after(Duration::from_secs(5));
    let server = rt_proxy(&backend, &["--proxy-timeout-seconds", "1"]);
    let started = Instant::now();
    let mut answer = agent()
        .post(format!("{}/REST/2.0/ticket", server.url))
        .header("X-Portal-Session", proof(60))
        .send("{}")
        .unwrap();
    assert_eq!(answer.status(), 504);
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    assert!(answer
        .body_mut()
        .read_to_string()
        .unwrap()
        .contains("upstream-timeout"));

    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let down = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let server = rt_proxy(&down, &[]);
    let mut answer = agent()
        .post(format!("{}/REST/2.0/ticket", server.url))
        .header("X-Portal-Session", proof(60))
        .send("{}")
        .unwrap();
    assert_eq!(answer.status(), 502);
    assert!(answer
        .body_mut()
        .read_to_string()
        .unwrap()
        .contains("upstream-unreachable"));
}

#[test]
fn a_proxy_needs_a_path_an_http_address_an_allow_list_and_a_session_secret() {
    for bad in ["REST=http://x/", "/REST/", "/REST/=ftp://x/"] {
        let error = Config::from_args(["--proxy".to_string(), bad.to_string()]);
        assert!(error.is_err(), "{bad}");
    }
    let proxy = ["--proxy", "/REST/2.0/=http://127.0.0.1:1/REST/2.0/"].map(String::from);
    let error = Config::from_args(proxy.clone()).unwrap_err();
    assert!(error.contains("--proxy-allow"), "{error}");
    let allowed = ["--proxy-allow", "POST /REST/2.0/ticket"].map(String::from);
    let error = Config::from_args(proxy.iter().chain(&allowed).cloned()).unwrap_err();
    assert!(error.contains("--proxy-session-secret-file"), "{error}");
    for bad in [
        "POST",
        "POST REST/2.0/ticket",
        "POST /REST/../ticket",
        "POST /a%2fb",
    ] {
        let error = Config::from_args(["--proxy-allow".to_string(), bad.to_string()]);
        assert!(error.is_err(), "{bad}");
    }
    let dir = tempfile::tempdir().unwrap();
    let short = dir.path().join("short");
    std::fs::write(&short, "password").unwrap();
    let error = Config::from_args([
        "--proxy-session-secret-file".to_string(),
        short.to_str().unwrap().to_string(),
    ]);
    assert!(error.is_err());
}

#[test]
fn the_demo_sign_in_hands_out_a_session_cookie_the_proxy_takes() {
    let (backend, heard) = backend();
    let server = rt_proxy(
        &backend,
        &["--proxy-session-cookie", "portal_session", "--demo-sign-in"],
    );
    let answer = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .new_agent()
        .get(format!("{}/demo/sign-in", server.url))
        .call()
        .unwrap();
    assert_eq!(answer.status(), 303);
    let cookie = answer
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let pair = cookie.split(';').next().unwrap();
    let (status, _) = raw(
        server.host(),
        "POST",
        "/REST/2.0/ticket",
        &[("Cookie", pair)],
        "{}",
    );
    assert_eq!(status, 201);
    heard.recv().unwrap();
    let page = |query: &str| {
        let answer = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .new_agent()
            .get(format!("{}/demo/sign-in{query}", server.url))
            .call()
            .unwrap();
        let location = answer
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_owned());
        (answer.status().as_u16(), location)
    };
    assert_eq!(page("").1.as_deref(), Some("/case-widget/demo-rt.html"));
    assert_eq!(
        page("?page=redmine").1.as_deref(),
        Some("/case-widget/demo-redmine.html")
    );
    assert_eq!(page("?page=..%2Fevil").0, 404, "only a demo page's name");
    assert_eq!(page("?page=%2F%2Fevil.example").0, 404);
}
