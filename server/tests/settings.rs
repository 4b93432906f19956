//! Every option `--help` lists is checked at start-up: a wrong value stops the server with exit
//! code 2 and a message naming the option and the value; a good one starts it. The table below
//! must have a row for every option `--help` lists.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const SERVER: &str = env!("CARGO_BIN_EXE_case-server");

/// One option: arguments with a wrong value (none for a switch that cannot be wrong), and
/// arguments with which the server starts. `{dir}`, `{catalogs}`, `{secret}`, `{other}`,
/// `{short}`, `{empty}`, `{auth}` and `{file}` stand for paths the test makes.
struct Row {
    flag: &'static str,
    bad: &'static [&'static [&'static str]],
    good: &'static [&'static str],
}

const PROXY: [&str; 6] = [
    "--proxy",
    "/REST/=http://127.0.0.1:9/REST/",
    "--proxy-allow",
    "POST /REST/ticket",
    "--proxy-session-secret-file",
    "{secret}",
];

const TABLE: &[Row] = &[
    Row {
        flag: "--addr",
        bad: &[&["--addr", "nowhere"], &["--addr", "127.0.0.1"]],
        good: &["--addr", "127.0.0.1:0"],
    },
    Row {
        flag: "--data",
        bad: &[&["--data", "{file}"]],
        good: &["--data", "{dir}/other-data"],
    },
    Row {
        flag: "--catalogs",
        bad: &[&["--catalogs", "{dir}/missing"], &["--catalogs", "{file}"]],
        good: &["--catalogs", "{catalogs}"],
    },
    Row {
        flag: "--dist",
        bad: &[&["--dist", "{dir}/missing"]],
        good: &["--dist", "{dir}"],
    },
    Row {
        flag: "--cors-origin",
        bad: &[
            &["--cors-origin", "*"],
            &["--cors-origin", "portal.example.com"],
            &["--cors-origin", "https://portal.example.com/page"],
            &["--cors-origin", "https://portal.example.com\u{7}"],
            &["--cors-origin", "ftp://portal.example.com"],
        ],
        good: &["--cors-origin", "https://portal.example.com:8443"],
    },
    Row {
        flag: "--min-fill-seconds",
        bad: &[
            &["--min-fill-seconds", "nan"],
            &["--min-fill-seconds", "-5"],
            &["--min-fill-seconds", "inf"],
            &["--min-fill-seconds", "1e9"],
        ],
        good: &["--min-fill-seconds", "1.5"],
    },
    Row {
        flag: "--identity-secret-file",
        bad: &[
            &["--identity-secret-file", "{short}"],
            &["--identity-secret-file", "{dir}/missing"],
        ],
        good: &["--identity-secret-file", "{other}"],
    },
    Row {
        flag: "--require-identity",
        bad: &[&["--require-identity"]],
        good: &["--require-identity", "--identity-secret-file", "{other}"],
    },
    Row {
        flag: "--no-spam-checks",
        bad: &[],
        good: &["--no-spam-checks"],
    },
    Row {
        flag: "--proxy",
        bad: &[
            &["--proxy", "REST=http://x/"],
            &["--proxy", "/REST/=http://"],
        ],
        good: &PROXY,
    },
    Row {
        flag: "--proxy-allow",
        bad: &[
            &["--proxy-allow", "POST"],
            &["--proxy-allow", "POST /a?b c"],
        ],
        good: &["--proxy-allow", "POST /a?name"],
    },
    Row {
        flag: "--proxy-session-secret-file",
        bad: &[
            &["--proxy-session-secret-file", "{short}"],
            &["--proxy-session-secret-file", "{dir}/missing"],
        ],
        good: &["--proxy-session-secret-file", "{secret}"],
    },
    Row {
        flag: "--proxy-session-header",
        bad: &[&["--proxy-session-header", "not a name"]],
        good: &[
            "--proxy-session-header",
            "X-Proof",
            "--proxy-session-secret-file",
            "{secret}",
        ],
    },
    Row {
        flag: "--proxy-session-cookie",
        bad: &[
            &["--proxy-session-cookie", "a;b"],
            &["--proxy-session-cookie", ""],
        ],
        good: &[
            "--proxy-session-cookie",
            "proof",
            "--proxy-session-secret-file",
            "{secret}",
        ],
    },
    Row {
        flag: "--proxy-without-session",
        bad: &[&["--addr", "0.0.0.0:0", "--proxy-without-session"]],
        good: &["--proxy-without-session"],
    },
    Row {
        flag: "--demo-sign-in",
        bad: &[&["--demo-sign-in"]],
        good: &[
            "--demo-sign-in",
            "--proxy-session-cookie",
            "proof",
            "--proxy-session-secret-file",
            "{secret}",
        ],
    },
    Row {
        flag: "--proxy-authorization-file",
        bad: &[
            &["--proxy-authorization-file", "{empty}"],
            &["--proxy-authorization-file", "{dir}/missing"],
        ],
        good: &["--proxy-authorization-file", "{auth}"],
    },
    Row {
        flag: "--proxy-pass-authorization",
        bad: &[],
        good: &["--proxy-pass-authorization"],
    },
    Row {
        flag: "--proxy-timeout-seconds",
        bad: &[
            &["--proxy-timeout-seconds", "0"],
            &["--proxy-timeout-seconds", "1.5"],
        ],
        good: &["--proxy-timeout-seconds", "5"],
    },
    Row {
        flag: "--proxy-rate-limit",
        bad: &[&["--proxy-rate-limit", "-1"]],
        good: &["--proxy-rate-limit", "0"],
    },
    Row {
        flag: "--max-connections",
        bad: &[&["--max-connections", "0"], &["--max-connections", "many"]],
        good: &["--max-connections", "100"],
    },
    Row {
        flag: "--max-connections-per-client",
        bad: &[&["--max-connections-per-client", "-1"]],
        good: &["--max-connections-per-client", "0"],
    },
    Row {
        flag: "--header-timeout-seconds",
        bad: &[
            &["--header-timeout-seconds", "0"],
            &["--header-timeout-seconds", "99999999999999999999"],
        ],
        good: &["--header-timeout-seconds", "5"],
    },
    Row {
        flag: "--body-idle-seconds",
        bad: &[&["--body-idle-seconds", "0"]],
        good: &["--body-idle-seconds", "5"],
    },
    Row {
        flag: "--shutdown-seconds",
        bad: &[&["--shutdown-seconds", "0"]],
        good: &["--shutdown-seconds", "1"],
    },
    Row {
        flag: "--rate-limit",
        bad: &[&["--rate-limit", "lots"]],
        good: &["--rate-limit", "0"],
    },
    Row {
        flag: "--upload-quota-mib",
        bad: &[
            &["--upload-quota-mib", "99999999999999999"],
            &["--upload-quota-mib", "0"],
        ],
        good: &["--upload-quota-mib", "10"],
    },
    Row {
        flag: "--upload-hours",
        bad: &[
            &["--upload-hours", "0"],
            &["--upload-hours", "9999999999999999"],
        ],
        good: &["--upload-hours", "2"],
    },
    Row {
        flag: "--stable-max-age-seconds",
        bad: &[&["--stable-max-age-seconds", "-1"]],
        good: &["--stable-max-age-seconds", "0"],
    },
    Row {
        flag: "--log-format",
        bad: &[&["--log-format", "xml"], &["--log-format", ""]],
        good: &["--log-format", "json"],
    },
    Row {
        flag: "--metrics-addr",
        bad: &[
            &["--metrics-addr", "9090"],
            &["--metrics-addr", "localhost"],
        ],
        good: &["--metrics-addr", "127.0.0.1:0"],
    },
    Row {
        flag: "--ready-min-free-mib",
        bad: &[
            &["--ready-min-free-mib", "-1"],
            &["--ready-min-free-mib", "lots"],
        ],
        good: &["--ready-min-free-mib", "0"],
    },
    Row {
        flag: "--expose-cases",
        bad: &[&["--addr", "0.0.0.0:0", "--expose-cases"]],
        good: &["--expose-cases"],
    },
    Row {
        flag: "--faults",
        bad: &[&["--addr", "0.0.0.0:0", "--faults"]],
        good: &["--faults"],
    },
];

/// The files the table's placeholders stand for.
struct Files {
    dir: tempfile::TempDir,
}

impl Files {
    fn new() -> Files {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        write(
            "secret",
            "the secret of the session proofs, 32 bytes or more",
        );
        write(
            "other",
            "the secret of the customers' identities, 32 bytes or more",
        );
        write("short", "password");
        write("empty", "");
        write("auth", "token portal-credential");
        write("file", "a file, not a folder");
        Files { dir }
    }

    fn arg(&self, text: &str) -> String {
        let path = |name: &str| self.dir.path().join(name).display().to_string();
        let catalogs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/catalog");
        text.replace("{dir}", &self.dir.path().display().to_string())
            .replace("{catalogs}", &catalogs.display().to_string())
            .replace("{secret}", &path("secret"))
            .replace("{other}", &path("other"))
            .replace("{short}", &path("short"))
            .replace("{empty}", &path("empty"))
            .replace("{auth}", &path("auth"))
            .replace("{file}", &path("file"))
    }

    /// The server with the usual test settings, then `args`.
    fn server(&self, args: &[&str]) -> Child {
        let data: PathBuf = self.dir.path().join("data");
        Command::new(SERVER)
            .args(["--addr", "127.0.0.1:0", "--data"])
            .arg(data)
            .arg("--catalogs")
            .arg(self.arg("{catalogs}"))
            .args(args.iter().map(|a| self.arg(a)))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    }
}

/// How the server ended within a few seconds: its exit code and what it said on stderr.
fn ended(mut child: Child) -> (Option<i32>, String) {
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            child.wait().unwrap();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut said = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut said)
        .unwrap();
    (status.and_then(|s| s.code()), said)
}

/// Whether the server says it is listening within a few seconds; it is stopped after.
fn starts(mut child: Child) -> Result<(), String> {
    let stdout = child.stdout.take().unwrap();
    let (tell, told) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.starts_with("listening on ") {
                let _ = tell.send(());
            }
        }
    });
    let listening = told.recv_timeout(Duration::from_secs(10)).is_ok();
    let _ = child.kill();
    let _ = child.wait();
    let mut said = String::new();
    let _ = child.stderr.take().unwrap().read_to_string(&mut said);
    if listening {
        Ok(())
    } else {
        Err(said)
    }
}

/// Every option of the server `--help` lists (not `check-catalog`'s own `--strict`).
fn options_in_help() -> BTreeSet<String> {
    let out = Command::new(SERVER).arg("--help").output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    help.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|word| word.starts_with("--") && word.len() > 2)
        .filter(|word| !["--help", "--strict"].contains(word))
        .map(String::from)
        .collect()
}

#[test]
fn the_table_has_a_row_for_every_option_in_help() {
    let in_table: BTreeSet<String> = TABLE.iter().map(|row| row.flag.to_owned()).collect();
    let missing: Vec<_> = options_in_help().difference(&in_table).cloned().collect();
    assert!(missing.is_empty(), "options without a row: {missing:?}");
    let unknown: Vec<_> = in_table.difference(&options_in_help()).cloned().collect();
    assert!(
        unknown.is_empty(),
        "rows for options --help does not list: {unknown:?}"
    );
}

#[test]
fn a_wrong_value_for_any_option_stops_the_server_with_exit_2_naming_it() {
    let files = Files::new();
    for row in TABLE {
        for bad in row.bad {
            let (code, said) = ended(files.server(bad));
            assert_eq!(code, Some(2), "{bad:?}: {said}");
            assert!(
                said.contains(row.flag),
                "{bad:?} should name {}: {said}",
                row.flag
            );
            let at = bad.iter().position(|a| *a == row.flag).unwrap();
            if let Some(value) = bad.get(at + 1) {
                let value = files.arg(value);
                let shown = format!("{value:?}");
                assert!(
                    said.contains(&value) || said.contains(&shown),
                    "{bad:?} should name {value:?}: {said}"
                );
            }
        }
    }
}

#[test]
fn a_good_value_for_any_option_starts_the_server() {
    let files = Files::new();
    for row in TABLE {
        if let Err(said) = starts(files.server(row.good)) {
            panic!("{:?} did not start: {said}", row.good);
        }
    }
}
