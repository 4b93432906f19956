//! Atomic storage under `kill -9`: cases with files are submitted from several clients while the
//! server is killed at random moments and started again; every case not answered is sent again
//! under its key, as the widget does. In the end no acknowledged case is lost, none is stored
//! twice, no file is left without its case, and every file's SHA-256 is the one sent.
//!
//! `CRASH_ITERATIONS` sets how many times the server is killed (default 12; `make bench` runs
//! 1,000 against the release build, named by `CASE_SERVER_BIN`).

use std::collections::{BTreeMap, HashSet};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::json;
use sha2::{Digest, Sha256};

/// One case as sent: its key, body, and the SHA-256 of each file.
#[derive(Clone)]
struct Sent {
    key: String,
    content_type: String,
    body: Vec<u8>,
    sha256s: Vec<String>,
}

/// A small random number generator: the test needs no more.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn case_with_files(n: usize, rng: &mut Rng) -> Sent {
    let boundary = "----crash-test-boundary";
    let files: Vec<(String, Vec<u8>)> = (0..1 + rng.below(2) as usize)
        .map(|i| {
            let size = 1 + rng.below(200 * 1024) as usize;
            let bytes: Vec<u8> = (0..size).map(|_| b'a' + (rng.next() % 26) as u8).collect();
            (format!("log-{n}-{i}.txt"), bytes)
        })
        .collect();
    let case = json!({
        "catalog": "aws", "plan": "business", "locale": "en",
        "case_type": "technical", "service": "ec2", "category": "instance-issue", "severity": "high",
        "fields": { "region": "us-east-1", "instance_id": "i-0abcd1234ef567890" },
        "subject": format!("Crash test case {n}"), "description": "Filed while the server is killed.",
        "contact": { "name": "Ada", "email": "ada@example.com", "method": "web", "language": "en" },
        "attachments": files.iter().map(|(name, bytes)| json!({ "name": name, "size": bytes.len(), "type": "text/plain" })).collect::<Vec<_>>(),
    });
    let mut body = Vec::new();
    body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"case\"; filename=\"case.json\"\r\nContent-Type: application/json\r\n\r\n").bytes());
    body.extend(case.to_string().bytes());
    for (name, bytes) in &files {
        body.extend(format!("\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"{name}\"\r\nContent-Type: text/plain\r\n\r\n").bytes());
        body.extend(bytes);
    }
    body.extend(format!("\r\n--{boundary}--\r\n").bytes());
    Sent {
        key: format!("crash-{n}"),
        content_type: format!("multipart/form-data; boundary={boundary}"),
        body,
        sha256s: files
            .iter()
            .map(|(_, b)| hex::encode(Sha256::digest(b)))
            .collect(),
    }
}

fn server_binary() -> PathBuf {
    std::env::var_os("CASE_SERVER_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_case-server")))
}

/// Starts the server on `data`; its child process and address.
fn start(data: &Path) -> (Child, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut child = Command::new(server_binary())
        .args(["--addr", "127.0.0.1:0", "--data"])
        .arg(data)
        .arg("--catalogs")
        .arg(root.join("public/catalog"))
        .args(["--no-spam-checks", "--rate-limit", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let address = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap()
        .to_owned();
    (child, address)
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into()
}

/// Sends one case; its ID when the server acknowledged it.
fn send(url: &str, sent: &Sent) -> Option<String> {
    let mut answer = agent()
        .post(format!("{url}/api/cases"))
        .header("Content-Type", &sent.content_type)
        .header("Idempotency-Key", &sent.key)
        .send(&sent.body[..])
        .ok()?;
    let status = answer.status().as_u16();
    assert!(
        status < 400,
        "{status}: {:?}",
        answer.body_mut().read_to_string()
    );
    let body: serde_json::Value = answer.body_mut().read_json().ok()?;
    matches!(status, 200 | 201).then(|| body["id"].as_str().unwrap().to_owned())
}

#[test]
#[allow(clippy::zombie_processes)] // each server is killed and waited for
fn killed_at_random_moments_the_server_loses_no_acknowledged_case_stores_none_twice_and_leaves_no_orphans(
) {
    let iterations: usize = std::env::var("CRASH_ITERATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(12);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ u64::from(std::process::id()));
    let all: Arc<Mutex<Vec<Sent>>> = Arc::default();
    let pending: Arc<Mutex<Vec<Sent>>> = Arc::default();
    let acknowledged: Arc<Mutex<BTreeMap<String, String>>> = Arc::default();
    let started = Instant::now();
    let mut next_case = 0;
    for _ in 0..iterations {
        let (mut child, url) = start(&data);
        // New cases for this round, after the ones not answered before.
        {
            let mut pending = pending.lock().unwrap();
            for _ in 0..6 {
                let sent = case_with_files(next_case, &mut rng);
                next_case += 1;
                all.lock().unwrap().push(sent.clone());
                pending.push(sent);
            }
        }
        let stop = Arc::new(AtomicBool::new(false));
        let workers: Vec<_> = (0..3)
            .map(|_| {
                let (pending, acknowledged, stop, url) = (
                    pending.clone(),
                    acknowledged.clone(),
                    stop.clone(),
                    url.clone(),
                );
                std::thread::spawn(move || {
                    while !stop.load(Ordering::SeqCst) {
                        let Some(sent) = pending.lock().unwrap().pop() else {
                            break;
                        };
                        match send(&url, &sent) {
                            Some(id) => {
                                let mut acked = acknowledged.lock().unwrap();
                                if let Some(before) = acked.insert(sent.key.clone(), id.clone()) {
                                    assert_eq!(before, id, "{} answered with two cases", sent.key);
                                }
                            }
                            None => {
                                pending.lock().unwrap().push(sent);
                                std::thread::sleep(Duration::from_millis(20));
                            }
                        }
                    }
                })
            })
            .collect();
        std::thread::sleep(Duration::from_millis(20 + rng.below(200)));
        child.kill().unwrap();
        child.wait().unwrap();
        stop.store(true, Ordering::SeqCst);
        for worker in workers {
            worker.join().unwrap();
        }
    }
    // The last start: what was never answered is sent again, as the widget would.
    let (mut child, url) = start(&data);
    let rest: Vec<Sent> = std::mem::take(&mut *pending.lock().unwrap());
    for sent in rest {
        let id = send(&url, &sent).expect("answered once the server stays up");
        acknowledged.lock().unwrap().insert(sent.key.clone(), id);
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let (child, _) = start(&data);
    let mut child = child;
    child.kill().unwrap();
    child.wait().unwrap();

    let acknowledged = acknowledged.lock().unwrap().clone();
    let all = all.lock().unwrap().clone();
    let db = rusqlite::Connection::open(data.join("cases.sqlite3")).unwrap();
    let cases: i64 = db
        .query_row("SELECT COUNT(*) FROM cases", [], |r| r.get(0))
        .unwrap();
    let mut referenced = HashSet::new();
    let mut lost = 0;
    for sent in &all {
        let id = &acknowledged[&sent.key];
        let stored: Option<String> = db
            .query_row(
                "SELECT case_id FROM idempotency WHERE key = ?1",
                [&sent.key],
                |r| r.get(0),
            )
            .ok();
        if stored.as_ref() != Some(id) {
            lost += 1;
            continue;
        }
        let mut stmt = db
            .prepare("SELECT sha256, path FROM attachments WHERE case_id = ?1 ORDER BY position")
            .unwrap();
        let files: Vec<(String, String)> = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let recorded: Vec<&String> = files.iter().map(|(sha, _)| sha).collect();
        assert_eq!(recorded, sent.sha256s.iter().collect::<Vec<_>>(), "{id}");
        for (sha, path) in &files {
            assert!(Path::new(path).is_absolute(), "{path}");
            let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{id}: {path}: {e}"));
            assert_eq!(&hex::encode(Sha256::digest(&bytes)), sha, "{path}");
            referenced.insert(PathBuf::from(path));
        }
    }
    let mut on_disk = Vec::new();
    for folder in std::fs::read_dir(data.join("attachments")).unwrap() {
        for file in std::fs::read_dir(folder.unwrap().path()).unwrap() {
            on_disk.push(file.unwrap().path());
        }
    }
    let orphans: Vec<&PathBuf> = on_disk
        .iter()
        .filter(|p| !referenced.contains(*p))
        .collect();
    let left = |folder: &str| std::fs::read_dir(data.join(folder)).unwrap().count();
    println!(
        "crash test: {iterations} kills in {:.1} s, {} cases sent and acknowledged, {cases} stored, {lost} lost, {} orphaned files, {} files checked by SHA-256",
        started.elapsed().as_secs_f64(),
        all.len(),
        orphans.len(),
        referenced.len()
    );
    assert_eq!(lost, 0, "acknowledged cases lost");
    assert_eq!(cases as usize, all.len(), "one case per key, no duplicates");
    assert!(orphans.is_empty(), "files without their case: {orphans:?}");
    assert_eq!((left("incoming"), left("uploads")), (0, 0));
}
