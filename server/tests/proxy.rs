//! `--proxy`: a page's POSTs reach another backend on the page's origin, with the page's sign-in
//! or the portal's own, without the portal's cookies, and never GETs.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::mpsc;

use case_server::Config;
use common::{agent, serve};

/// A backend that records each request's head and body and answers `201 {"id":"7"}`.
fn backend() -> (String, mpsc::Receiver<(String, Vec<u8>)>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (seen, heard) = mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let mut stream = stream.unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut head = String::new();
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if line == "\r\n" || line.is_empty() {
                    break;
                }
                head.push_str(&line);
            }
            let length = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length: ")
                        .map(|n| n.trim().parse::<usize>().unwrap())
                })
                .unwrap_or(0);
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            seen.send((head, body)).unwrap();
            let answer = r#"{"id":"7"}"#;
            write!(
                stream,
                "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                answer.len()
            )
            .unwrap();
        }
    });
    (url, heard)
}

struct Server {
    url: String,
    _runtime: tokio::runtime::Runtime,
    _data: tempfile::TempDir,
}

fn start(args: &[String]) -> Server {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let data = tempfile::tempdir().unwrap();
    let config = Config::from_args(
        [
            "--addr",
            "127.0.0.1:0",
            "--data",
            data.path().to_str().unwrap(),
            "--catalogs",
            root.join("public/catalog").to_str().unwrap(),
        ]
        .map(String::from)
        .into_iter()
        .chain(args.iter().cloned()),
    )
    .unwrap();
    let (url, runtime) = serve(&config);
    Server {
        url,
        _runtime: runtime,
        _data: data,
    }
}

#[test]
fn a_post_reaches_the_backend_with_the_portals_credential_and_without_its_cookies() {
    let (backend, heard) = backend();
    let dir = tempfile::tempdir().unwrap();
    let credential = dir.path().join("authorization");
    std::fs::write(&credential, "token 1-2-portal\n").unwrap();
    let server = start(&[
        "--proxy".into(),
        format!("/REST/2.0/={backend}/REST/2.0/"),
        "--proxy-authorization-file".into(),
        credential.to_str().unwrap().into(),
    ]);
    let body = r#"{"Queue":"Technical","Subject":"接続できません"}"#;
    let mut answer = agent()
        .post(format!("{}/REST/2.0/ticket?fields=id", server.url))
        .header("Content-Type", "application/json")
        .header("Cookie", "portal_session=secret")
        .header("User-Agent", "Mozilla/5.0")
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
        head_lower.contains("user-agent: case-server-proxy"),
        "{head}"
    );
    assert_eq!(sent, body.as_bytes());

    // The page's own sign-in wins over the portal's.
    agent()
        .post(format!("{}/REST/2.0/ticket", server.url))
        .header("Authorization", "token page-user")
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
fn only_posts_pass_and_a_backend_that_is_down_gets_a_502_with_a_reason() {
    let (backend, _heard) = backend();
    let server = start(&["--proxy".into(), format!("/up/={backend}/")]);
    let answer = agent()
        .get(format!("{}/up/ticket/1", server.url))
        .call()
        .unwrap();
    assert_eq!(answer.status(), 405);

    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let down = format!("http://{}/", closed.local_addr().unwrap());
    drop(closed);
    let server = start(&["--proxy".into(), format!("/down/={down}")]);
    let mut answer = agent()
        .post(format!("{}/down/ticket", server.url))
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
fn a_proxy_needs_a_path_and_an_http_address() {
    for bad in ["REST=http://x/", "/REST/", "/REST/=ftp://x/"] {
        let error = Config::from_args(["--proxy".to_string(), bad.to_string()]);
        assert!(error.is_err(), "{bad}");
    }
}
