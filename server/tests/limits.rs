//! Limits a server facing the internet needs: slow and stalled clients are cut off, one client
//! cannot take every connection, the rate and the unclaimed uploads of one client are bounded
//! (429 with Retry-After), oversized heads and bodies with thousands of parts are refused early,
//! a handler's panic is a 500, and the server stops within its deadline.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use case_server::{Config, Store};
use common::setup::{aws_case, files_in, post_multipart};
use common::{agent, root, Server};
use serde_json::{json, Value};

fn config(data: &Path) -> Config {
    let root = root();
    Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        data: data.to_owned(),
        catalogs: root.join("public/catalog"),
        dist: root.join("dist"),
        expose_cases: true,
        min_fill_ms: 0,
        spam_checks: false,
        ..Config::default()
    }
}

fn start(config: Config) -> Server {
    Server::start(&config)
}

/// Reads until the server closes the connection or `limit` passes; what came and when it ended.
fn read_until_closed(stream: &mut TcpStream, limit: Duration) -> (String, Option<Duration>) {
    let started = Instant::now();
    stream
        .set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    let mut got = Vec::new();
    let mut buffer = [0u8; 4096];
    while started.elapsed() < limit {
        match stream.read(&mut buffer) {
            Ok(0) => {
                return (
                    String::from_utf8_lossy(&got).into(),
                    Some(started.elapsed()),
                )
            }
            Ok(n) => got.extend_from_slice(&buffer[..n]),
            Err(e)
                if e.kind() == std::io::ErrorKind::WouldBlock
                    || e.kind() == std::io::ErrorKind::TimedOut => {}
            Err(_) => {
                return (
                    String::from_utf8_lossy(&got).into(),
                    Some(started.elapsed()),
                )
            }
        }
    }
    (String::from_utf8_lossy(&got).into(), None)
}

#[test]
fn a_request_head_trickled_in_byte_by_byte_is_cut_off_at_the_header_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = config(dir.path());
    config.limits.header_timeout = Duration::from_secs(1);
    let server = start(config);
    let mut stream = TcpStream::connect(server.host()).unwrap();
    stream
        .write_all(b"POST /api/cases HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    let started = Instant::now();
    let mut closed = false;
    while started.elapsed() < Duration::from_secs(6) {
        if stream.write_all(b"X").is_err() {
            closed = true;
            break;
        }
        let (_, ended) = read_until_closed(&mut stream, Duration::from_millis(300));
        if ended.is_some() {
            closed = true;
            break;
        }
    }
    assert!(closed, "still open after {:?}", started.elapsed());
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_request_body_that_stalls_is_cut_off_after_the_idle_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = config(dir.path());
    config.body_idle = Duration::from_secs(1);
    let server = start(config);
    let mut stream = TcpStream::connect(server.host()).unwrap();
    stream
        .write_all(b"POST /api/uploads?filename=a.log HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\nthe first bytes")
        .unwrap();
    let (answer, ended) = read_until_closed(&mut stream, Duration::from_secs(6));
    let ended = ended.expect("the server kept waiting for the body");
    assert!(ended < Duration::from_secs(4), "{ended:?}");
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 4"),
        "{answer}"
    );
    let incoming = files_in(dir.path(), "incoming");
    assert_eq!(incoming, 0, "the part received is not left on disk");
}

#[test]
fn one_client_cannot_hold_more_connections_than_its_share_and_others_are_still_served() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = config(dir.path());
    config.limits.max_connections_per_client = 4;
    let server = start(config);
    let held: Vec<TcpStream> = (0..4)
        .map(|_| {
            let mut s = TcpStream::connect(server.host()).unwrap();
            s.write_all(b"GET /healthz HTTP/1.1\r\n").unwrap();
            s
        })
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    let mut fifth = TcpStream::connect(server.host()).unwrap();
    let _ = fifth.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    let (answer, ended) = read_until_closed(&mut fifth, Duration::from_secs(2));
    assert!(
        ended.is_some() && answer.is_empty(),
        "the fifth was served: {answer}"
    );
    // Another address on this machine is another client.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let answer = runtime.block_on(async {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.bind("127.0.0.2:0".parse().unwrap()).unwrap();
        let mut stream = socket
            .connect(server.host().parse().unwrap())
            .await
            .unwrap();
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .await
            .unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.unwrap();
        answer
    });
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    drop(held);
}

#[test]
fn a_request_head_larger_than_the_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(config(dir.path()));
    let big = "x".repeat(100 * 1024);
    let mut stream = TcpStream::connect(server.host()).unwrap();
    let _ = stream
        .write_all(format!("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: {big}\r\n\r\n").as_bytes());
    let (answer, _) = read_until_closed(&mut stream, Duration::from_secs(3));
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 431"),
        "{answer}"
    );
    let mut many = String::from("GET /healthz HTTP/1.1\r\nHost: x\r\n");
    for i in 0..200 {
        many.push_str(&format!("X-H{i}: y\r\n"));
    }
    many.push_str("\r\n");
    let mut stream = TcpStream::connect(server.host()).unwrap();
    let _ = stream.write_all(many.as_bytes());
    let (answer, _) = read_until_closed(&mut stream, Duration::from_secs(3));
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 431"),
        "{answer}"
    );
}

#[test]
fn a_multipart_body_of_twenty_thousand_parts_is_refused_early_with_nothing_left_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(config(dir.path()));
    let boundary = "b";
    let mut body =
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"case\"\r\n\r\n{{}}\r\n");
    for i in 0..20_000 {
        body.push_str(&format!("--{boundary}\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"{i}.txt\"\r\n\r\nx\r\n"));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    let started = Instant::now();
    let mut answer = post_multipart(&server, boundary, body.as_bytes());
    assert_eq!(answer.status(), 413);
    let text = answer.body_mut().read_to_string().unwrap();
    assert!(text.len() < 1000, "a short answer: {} bytes", text.len());
    assert!(text.contains("too-many-parts"), "{text}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    let incoming = files_in(dir.path(), "incoming");
    assert_eq!(incoming, 0);
}

fn upload(server: &Server, bytes: &[u8]) -> ureq::http::Response<ureq::Body> {
    agent()
        .post(format!("{}/api/uploads?filename=a.log", server.url))
        .header("Content-Type", "text/plain")
        .send(bytes)
        .unwrap()
}

#[test]
fn one_client_may_keep_only_so_many_unclaimed_upload_bytes_then_gets_429_with_retry_after() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = config(dir.path());
    config.upload_quota = 1024 * 1024;
    let server = start(config);
    let file = vec![b'a'; 600 * 1024];
    assert_eq!(upload(&server, &file).status(), 201);
    assert_eq!(upload(&server, &file).status(), 201);
    // A small body, all sent before the answer: the refusal does not wait for a large one.
    let refused = upload(&server, b"x\n");
    assert_eq!(refused.status(), 429);
    let retry: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 0);
    let uploads = files_in(dir.path(), "uploads");
    assert_eq!(uploads, 2);
}

#[test]
fn unclaimed_uploads_expire_with_their_files() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(config(dir.path()));
    let mut answer = upload(&server, b"some log lines\n");
    assert_eq!(answer.status(), 201);
    let token = answer.body_mut().read_json::<Value>().unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.expire_uploads(Duration::from_secs(3600)).unwrap(), 0);
    assert_eq!(store.expire_uploads(Duration::ZERO).unwrap(), 1);
    assert_eq!(files_in(dir.path(), "uploads"), 0);
    let case = aws_case(json!([
        { "name": "a.log", "size": 15, "type": "text/plain", "token": token }
    ]));
    let answer = agent()
        .post(format!("{}/api/cases", server.url))
        .header("Content-Type", "application/json")
        .send(case.to_string().as_bytes())
        .unwrap();
    assert_eq!(answer.status(), 422, "an expired token is unknown");
}

#[test]
fn a_client_over_its_rate_gets_429_with_retry_after_and_others_are_not_held_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = config(dir.path());
    config.rate_limit = 4;
    let server = start(config);
    let statuses: Vec<u16> = (0..3)
        .map(|_| upload(&server, b"x\n").status().as_u16())
        .collect();
    assert_eq!(statuses[..2], [201, 201]);
    assert_eq!(statuses[2], 429);
    let refused = upload(&server, b"x\n");
    let retry: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=15).contains(&retry), "{retry}");
    // Pages and health checks are not counted.
    let answer = agent()
        .get(format!("{}/healthz", server.url))
        .call()
        .unwrap();
    assert_eq!(answer.status(), 200);
}

#[test]
fn a_handler_that_panics_answers_500_and_the_server_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = config(dir.path());
    config.faults = true;
    let server = start(config);
    let queued = agent()
        .post(format!("{}/api/_faults", server.url))
        .header("Content-Type", "application/json")
        .send(r#"{"kind":"panic"}"#)
        .unwrap();
    assert_eq!(queued.status(), 204);
    let mut answer = agent()
        .post(format!("{}/api/cases", server.url))
        .header("Content-Type", "application/json")
        .send("{}")
        .unwrap();
    assert_eq!(answer.status(), 500);
    let body: Value = answer.body_mut().read_json().unwrap();
    assert_eq!(body["error"], "internal");
    assert_eq!(
        agent()
            .get(format!("{}/healthz", server.url))
            .call()
            .unwrap()
            .status(),
        200
    );
}

#[test]
fn asked_to_stop_by_ctrl_c_or_sigterm_the_server_exits_by_its_deadline_even_with_a_stalled_client()
{
    for signal in ["INT", "TERM"] {
        let waited = stop_with_a_stalled_client(signal);
        assert!(waited < Duration::from_secs(4), "SIG{signal}: {waited:?}");
    }
}

/// Starts the release server, stalls a request body on it, sends `signal`; how long it took to
/// exit (or a failed test if it is still running 8 s later).
#[allow(clippy::zombie_processes)] // waited for once it exits, or killed and waited for
fn stop_with_a_stalled_client(signal: &str) -> Duration {
    let root = root();
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_case-server"))
        .args(["--addr", "127.0.0.1:0", "--data"])
        .arg(dir.path())
        .arg("--catalogs")
        .arg(root.join("public/catalog"))
        .args(["--shutdown-seconds", "1", "--body-idle-seconds", "60"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    std::io::BufRead::read_line(&mut out, &mut line).unwrap();
    let host = line
        .trim()
        .strip_prefix("listening on http://")
        .unwrap()
        .to_owned();
    let mut stalled = TcpStream::connect(&host).unwrap();
    stalled
        .write_all(b"POST /api/uploads?filename=a.log HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nabc")
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let stopped = Instant::now();
    let pid = child.id().to_string();
    std::process::Command::new("kill")
        .args([&format!("-{signal}"), &pid])
        .status()
        .unwrap();
    while stopped.elapsed() < Duration::from_secs(8) {
        if child.try_wait().unwrap().is_some() {
            return stopped.elapsed();
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("still running 8 s after SIG{signal}");
}

#[test]
#[allow(clippy::zombie_processes)] // killed and waited for
fn with_96_file_descriptors_120_half_sent_requests_do_not_stop_the_server_answering_others() {
    let root = root();
    let dir = tempfile::tempdir().unwrap();
    let command = format!(
        "ulimit -n 96 && exec '{}' --addr 127.0.0.1:0 --data '{}' --catalogs '{}'",
        env!("CARGO_BIN_EXE_case-server"),
        dir.path().display(),
        root.join("public/catalog").display()
    );
    let mut child = std::process::Command::new("sh")
        .args(["-c", &command])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().unwrap()),
        &mut line,
    )
    .unwrap();
    let host = line
        .trim()
        .strip_prefix("listening on http://")
        .unwrap()
        .to_owned();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let answered = runtime.block_on(async {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let connect_from = |from: &str| {
            let socket = tokio::net::TcpSocket::new_v4().unwrap();
            socket.bind(format!("{from}:0").parse().unwrap()).unwrap();
            socket.connect(host.parse().unwrap())
        };
        let mut held = Vec::new();
        for i in 0..120 {
            let from = if i % 2 == 0 { "127.0.0.2" } else { "127.0.0.3" };
            if let Ok(Ok(mut stream)) =
                tokio::time::timeout(Duration::from_millis(200), connect_from(from)).await
            {
                let _ = stream
                    .write_all(b"POST /api/cases HTTP/1.1\r\nHost: x\r\n")
                    .await;
                held.push(stream);
            }
        }
        let started = Instant::now();
        let mut stream = connect_from("127.0.0.4").await.unwrap();
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .await
            .unwrap();
        let mut answer = String::new();
        let read =
            tokio::time::timeout(Duration::from_secs(5), stream.read_to_string(&mut answer)).await;
        drop(held);
        (read.is_ok(), answer, started.elapsed())
    });
    child.kill().unwrap();
    child.wait().unwrap();
    let (in_time, answer, took) = answered;
    assert!(
        in_time && answer.starts_with("HTTP/1.1 200"),
        "{answer:?} after {took:?}"
    );
}
