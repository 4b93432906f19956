//! What the portal signs is all a case or a proxied request is trusted for: an identity token
//! must sign the plan, name and e-mail; each token is taken only for the purpose it names in
//! `aud` and for at most a day; and one secret is never taken for two purposes.

mod common;

use std::path::Path;
use std::process::Command;

use case_server::token::{sign, Secret};
use case_server::Config;
use common::setup::open_config;
use common::{agent, root, Server};
use serde_json::{json, Value};

const IDENTITY_SECRET: &str = "the secret the portal signs identities with";
const SESSION_SECRET: &str = "the secret the portal signs session proofs with";

fn secret(text: &str) -> Secret {
    Secret::new(text.as_bytes().to_vec()).unwrap()
}

/// A server taking identities signed with `IDENTITY_SECRET`, requiring one when `required`.
fn start(required: bool) -> Server {
    let data = tempfile::tempdir().unwrap();
    let config = Config {
        identity_secret: Some(secret(IDENTITY_SECRET)),
        require_identity: required,
        ..open_config(data.path())
    };
    Server::with_data(&config, data)
}

fn in_minutes(minutes: i64) -> i64 {
    chrono::Utc::now().timestamp() + minutes * 60
}

/// A case choosing the plan, severity and e-mail it would like.
fn ambitious_case() -> Value {
    json!({
        "catalog": "aws", "plan": "enterprise", "locale": "en",
        "case_type": "technical", "service": "ec2", "category": "instance-issue",
        "severity": "critical",
        "fields": { "region": "us-east-1", "instance_id": "i-0abcd1234ef567890" },
        "subject": "Instance unreachable", "description": "Down since 09:10.",
        "contact": { "name": "Somebody Else", "email": "ceo@example.com", "method": "web",
                     "language": "en" },
        "attachments": []
    })
}

fn post(server: &Server, token: &str, case: &Value) -> (u16, Value) {
    let mut answer = agent()
        .post(format!("{}/api/cases", server.url))
        .header("Content-Type", "application/json")
        .header("Authorization", format!("Bearer {token}"))
        .send(case.to_string().as_bytes())
        .unwrap();
    let status = answer.status().as_u16();
    (status, answer.body_mut().read_json().unwrap_or(Value::Null))
}

#[test]
fn an_identity_that_does_not_sign_plan_name_and_email_is_refused() {
    for required in [true, false] {
        let server = start(required);
        let full = json!({ "sub": "u-1", "aud": "case-widget/identity", "exp": in_minutes(10),
                           "plan": "developer", "name": "Grace", "email": "grace@example.com" });
        for missing in ["plan", "name", "email"] {
            let mut claims = full.clone();
            claims.as_object_mut().unwrap().remove(missing);
            let (status, body) = post(
                &server,
                &sign(&secret(IDENTITY_SECRET), &claims),
                &ambitious_case(),
            );
            assert_eq!(
                (status, body["error"].as_str()),
                (401, Some("sign-in")),
                "without {missing} (required: {required}): {body}"
            );
        }
        let bare = json!({ "sub": "u-1", "aud": "case-widget/identity", "exp": in_minutes(10) });
        let (status, body) = post(
            &server,
            &sign(&secret(IDENTITY_SECRET), &bare),
            &ambitious_case(),
        );
        assert_eq!(status, 401, "sub and exp alone: {body}");
    }
}

#[test]
fn a_token_made_for_another_purpose_or_none_is_not_an_identity() {
    let server = start(true);
    let claims = |aud: Option<&str>| {
        let mut c = json!({ "sub": "u-1", "exp": in_minutes(10), "plan": "business",
                            "name": "Ada", "email": "ada@example.com" });
        if let Some(aud) = aud {
            c["aud"] = json!(aud);
        }
        c
    };
    let mut case = ambitious_case();
    case["plan"] = json!("business");
    case["severity"] = json!("low");
    for aud in [None, Some("case-widget/session"), Some("someone-else")] {
        let token = sign(&secret(IDENTITY_SECRET), &claims(aud));
        let (status, body) = post(&server, &token, &case);
        assert_eq!(status, 401, "aud {aud:?}: {body}");
    }
    let token = sign(
        &secret(IDENTITY_SECRET),
        &claims(Some("case-widget/identity")),
    );
    let (status, body) = post(&server, &token, &case);
    assert_eq!(status, 201, "{body}");
}

#[test]
fn an_identity_valid_for_more_than_a_day_is_refused() {
    let server = start(true);
    let mut case = ambitious_case();
    case["plan"] = json!("business");
    case["severity"] = json!("low");
    for exp in [
        json!(in_minutes(25 * 60)),
        json!(9_999_999_999i64),
        json!(1e300),
    ] {
        let claims = json!({ "sub": "u-1", "aud": "case-widget/identity", "exp": exp,
                             "plan": "business", "name": "Ada", "email": "ada@example.com" });
        let (status, body) = post(&server, &sign(&secret(IDENTITY_SECRET), &claims), &case);
        assert_eq!(status, 401, "exp {exp}: {body}");
    }
}

/// The server started on `data` with `args`: its exit code and what it said on stderr. It must
/// stop by itself: a server that starts would keep the test waiting.
fn start_up(data: &Path, args: &[&Path]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_case-server"))
        .args(["--addr", "127.0.0.1:0", "--data"])
        .arg(data)
        .arg("--catalogs")
        .arg(root().join("public/catalog"))
        .args(args)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code(), said)
}

#[test]
fn one_secret_for_identities_and_session_proofs_stops_the_server_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let (identity, session) = (dir.path().join("identity"), dir.path().join("session"));
    std::fs::write(&identity, format!("{SESSION_SECRET}\n")).unwrap();
    std::fs::write(&session, SESSION_SECRET).unwrap();
    let (code, said) = start_up(
        &dir.path().join("data"),
        &[
            Path::new("--identity-secret-file"),
            &identity,
            Path::new("--proxy-session-secret-file"),
            &session,
        ],
    );
    assert_eq!(code, Some(2), "{said}");
    assert!(
        said.contains("--identity-secret-file") && said.contains("--proxy-session-secret-file"),
        "{said}"
    );
    assert!(said.contains("same secret"), "{said}");
}

#[test]
fn the_servers_own_form_token_key_is_refused_as_a_portal_secret() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let key = data.join("form-token.key");
    std::fs::write(&key, "the form token key of this server, 32 bytes").unwrap();
    for flag in ["--identity-secret-file", "--proxy-session-secret-file"] {
        let (code, said) = start_up(&data, &[Path::new(flag), &key]);
        assert_eq!(code, Some(2), "{flag}: {said}");
        assert!(
            said.contains(flag) && said.contains("form token key"),
            "{said}"
        );
    }
}
