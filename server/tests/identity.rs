//! Identity from the portal, signed: with `--identity-secret-file`, a case sent with a token the
//! portal signed is filed with the plan, name, e-mail, accounts and entitlements it signs, not
//! those the case claims; with `--require-identity`, nothing is filed without one; and
//! Idempotency-Keys belong to the customer who sent them.

mod common;

use case_server::token::{sign, sign_for, Purpose, Secret};
use case_server::Config;
use common::setup::{aws_case, open_config};
use common::{agent, Server};
use serde_json::{json, Value};

const SECRET: &str = "the secret the portal signs identities with";

fn start(required: bool) -> Server {
    let data = tempfile::tempdir().unwrap();
    let config = Config {
        identity_secret: Some(Secret::new(SECRET.as_bytes().to_vec()).unwrap()),
        require_identity: required,
        ..open_config(data.path())
    };
    Server::with_data(&config, data)
}

/// A token as a portal signs it: for identities, with an expiry, plan, name and e-mail unless
/// `claims` gives them.
fn identity(claims: Value) -> String {
    let mut claims = claims;
    let defaults = [
        ("exp", json!(chrono::Utc::now().timestamp() + 600)),
        ("plan", json!("business")),
        ("name", json!("Ada")),
        ("email", json!("ada@example.com")),
    ];
    for (claim, value) in defaults {
        if claims.get(claim).is_none() {
            claims[claim] = value;
        }
    }
    let secret = Secret::new(SECRET.as_bytes().to_vec()).unwrap();
    sign_for(&secret, Purpose::Identity, &claims)
}

fn case() -> Value {
    aws_case(json!([]))
}

fn post(server: &Server, token: Option<&str>, key: Option<&str>, case: &Value) -> (u16, Value) {
    let mut request = agent()
        .post(format!("{}/api/cases", server.url))
        .header("Content-Type", "application/json");
    if let Some(token) = token {
        request = request.header("Authorization", format!("Bearer {token}"));
    }
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    let mut answer = request.send(case.to_string().as_bytes()).unwrap();
    let status = answer.status().as_u16();
    (status, answer.body_mut().read_json().unwrap_or(Value::Null))
}

fn stored(server: &Server, id: &Value) -> Value {
    agent()
        .get(format!("{}/api/cases/{}", server.url, id.as_str().unwrap()))
        .call()
        .unwrap()
        .body_mut()
        .read_json()
        .unwrap()
}

#[test]
fn where_identity_is_required_a_case_without_a_valid_signed_one_is_refused_with_401() {
    let server = start(true);
    let forged = sign(
        &Secret::new(b"not the portal's secret, but 32 bytes long".to_vec()).unwrap(),
        &json!({ "sub": "ada", "plan": "enterprise", "exp": 9_999_999_999i64 }),
    );
    let expired = identity(json!({ "sub": "ada", "exp": 1 }));
    for token in [
        None,
        Some("not-a-token"),
        Some(forged.as_str()),
        Some(expired.as_str()),
    ] {
        let (status, body) = post(&server, token, None, &case());
        assert_eq!(
            (status, body["error"].as_str()),
            (401, Some("sign-in")),
            "{token:?}: {body}"
        );
    }
    let (status, body) = post(
        &server,
        Some(&identity(json!({ "sub": "ada" }))),
        None,
        &case(),
    );
    assert_eq!(status, 201, "{body}");
}

#[test]
fn the_signed_plan_name_and_email_take_the_place_of_those_the_case_claims() {
    let server = start(true);
    let token = identity(
        json!({ "sub": "user-7", "plan": "developer", "name": "Grace Hopper", "email": "grace@example.com" }),
    );
    // A case claiming Enterprise to reach a severity the signed plan does not have.
    let claimed = {
        let mut c = case();
        c["plan"] = json!("enterprise");
        c["severity"] = json!("critical");
        c
    };
    let (status, body) = post(&server, Some(&token), None, &claimed);
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("severity"), "{body}");
    let mut low = case();
    low["severity"] = json!("low");
    low["contact"]["name"] = json!("Somebody Else");
    low["contact"]["email"] = json!("else@example.com");
    low["entitlements"] = json!(["professional-services"]);
    low["cc"] = json!([]);
    let (status, body) = post(&server, Some(&token), None, &low);
    assert_eq!(status, 201, "{body}");
    let stored = stored(&server, &body["id"]);
    assert_eq!(stored["case"]["plan"], "developer");
    assert_eq!(stored["case"]["contact"]["name"], "Grace Hopper");
    assert_eq!(stored["case"]["contact"]["email"], "grace@example.com");
    assert_eq!(
        stored["case"]["entitlements"],
        json!([]),
        "unsigned entitlements are dropped"
    );
    assert_eq!(stored["case"]["identity"]["sub"], "user-7");
}

#[test]
fn a_case_for_an_account_the_token_does_not_sign_is_refused() {
    let server = start(false);
    let token = identity(
        json!({ "sub": "ada", "accounts": ["acme-jp", { "id": "beta-kr", "name": "Beta" }] }),
    );
    let for_account = |account: &str| {
        let mut c = case();
        c["on_behalf_of"] = json!({ "account": account, "name": "X", "customer_may_see": true });
        c
    };
    let (status, body) = post(&server, Some(&token), None, &for_account("gamma-cn"));
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["fields"][0]["field"], "on_behalf_of");
    for account in ["acme-jp", "beta-kr"] {
        let (status, body) = post(&server, Some(&token), None, &for_account(account));
        assert_eq!(status, 201, "{account}: {body}");
    }
    // Where identity is not required, a case without one is taken as it says.
    let (status, body) = post(&server, None, None, &for_account("gamma-cn"));
    assert_eq!(status, 201, "{body}");
}

#[test]
fn an_idempotency_key_belongs_to_the_customer_who_sent_it() {
    let server = start(true);
    let ada = identity(json!({ "sub": "ada" }));
    let bob = identity(json!({ "sub": "bob" }));
    let (status, first) = post(&server, Some(&ada), Some("shared-key"), &case());
    assert_eq!(status, 201);
    let (status, again) = post(&server, Some(&ada), Some("shared-key"), &case());
    assert_eq!((status, &again["id"]), (200, &first["id"]));
    let (status, other) = post(&server, Some(&bob), Some("shared-key"), &case());
    assert_eq!(
        status, 201,
        "another customer's key files another case: {other}"
    );
    assert_ne!(other["id"], first["id"]);
}

/// A picture uploaded ahead of its case, as the customer `token` signs for (none: anonymous).
fn upload(server: &Server, token: Option<&str>) -> (u16, Value) {
    let mut request = agent()
        .post(format!(
            "{}/api/uploads?filename=screen.png&catalog=aws&case_type=technical",
            server.url
        ))
        .header("Content-Type", "image/png");
    if let Some(token) = token {
        request = request.header("Authorization", &format!("Bearer {token}"));
    }
    let mut answer = request
        .send(&b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR pixels"[..])
        .unwrap();
    let status = answer.status().as_u16();
    (status, answer.body_mut().read_json().unwrap_or(Value::Null))
}

/// The case naming an upload by its token.
fn naming(uploaded: &Value) -> Value {
    let mut case = case();
    case["attachments"] = json!([{ "name": "screen.png", "size": 19, "type": "image/png", "token": uploaded["token"] }]);
    case
}

#[test]
fn where_cases_need_a_signed_identity_uploads_need_one_too() {
    let server = start(true);
    let (status, body) = upload(&server, None);
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["error"], "sign-in");
    let forged = sign_for(
        &Secret::new(b"another secret, not the portal's own".to_vec()).unwrap(),
        Purpose::Identity,
        &json!({ "sub": "ada", "plan": "business", "name": "Ada", "email": "ada@example.com",
                 "exp": chrono::Utc::now().timestamp() + 600 }),
    );
    assert_eq!(upload(&server, Some(&forged)).0, 401);
    let (status, body) = upload(&server, Some(&identity(json!({ "sub": "ada" }))));
    assert_eq!(status, 201, "{body}");
}

#[test]
fn an_upload_is_claimed_only_by_a_case_of_the_customer_who_uploaded_it() {
    let server = start(false);
    let ada = identity(json!({ "sub": "ada" }));
    let bob = identity(json!({ "sub": "bob" }));
    let (_, anonymous) = upload(&server, None);
    let (_, adas) = upload(&server, Some(&ada));
    let unknown = |(status, body): (u16, Value)| {
        assert_eq!(status, 422, "{body}");
        assert_eq!(
            body["fields"][0]["code"], "error-attachment-unknown-token",
            "{body}"
        );
    };
    unknown(post(
        &server,
        Some(&ada),
        Some("claim-1"),
        &naming(&anonymous),
    ));
    unknown(post(&server, Some(&bob), Some("claim-2"), &naming(&adas)));
    unknown(post(&server, None, Some("claim-3"), &naming(&adas)));
    let (status, body) = post(&server, Some(&ada), Some("claim-4"), &naming(&adas));
    assert_eq!(status, 201, "{body}");
    let (status, body) = post(&server, None, Some("claim-5"), &naming(&anonymous));
    assert_eq!(status, 201, "{body}");
}
