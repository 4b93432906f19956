//! Signed tokens (HS256 JSON Web Tokens): what the portal hands the page to prove a session or an
//! identity, and the form tokens this server issues. A token is `header.claims.signature`, each
//! part base64url without padding; the signature is HMAC-SHA256 of `header.claims` with a shared
//! secret. Only `alg: HS256` is taken, and every token must carry `exp` (seconds since the epoch).
//!
//! A portal's tokens also say what they are for in `aud` ([`Purpose`]), so that a session proof is
//! never taken for an identity or the other way round, and may not live longer than
//! [`MAX_LIFETIME_SECONDS`].

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// A shared secret, as read from a file: at least 32 bytes, so it cannot be guessed.
#[derive(Clone)]
pub struct Secret(Vec<u8>);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

impl Secret {
    pub fn new(bytes: impl Into<Vec<u8>>) -> Result<Secret, String> {
        let bytes = bytes.into();
        if bytes.len() < 32 {
            return Err("a secret needs at least 32 bytes".into());
        }
        Ok(Secret(bytes))
    }

    /// Reads a secret from a file; surrounding white space is not part of it.
    pub fn from_file(path: &str) -> Result<Secret, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
        let text = String::from_utf8_lossy(&bytes);
        Secret::new(text.trim().as_bytes().to_vec()).map_err(|e| format!("{path}: {e}"))
    }

    /// Whether two secrets are one: the same secret must not serve two purposes.
    pub fn same_as(&self, other: &Secret) -> bool {
        self.0 == other.0
    }

    fn mac(&self) -> HmacSha256 {
        HmacSha256::new_from_slice(&self.0).expect("HMAC takes keys of any length")
    }
}

/// Why a token was not taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// Not three base64url parts of JSON, or not HS256.
    Malformed,
    /// The signature does not match the secret.
    BadSignature,
    /// No `exp`, or `exp` has passed.
    Expired,
    /// Made for another purpose, or for none (`aud`).
    WrongPurpose,
    /// `exp` further ahead than [`MAX_LIFETIME_SECONDS`].
    TooLong,
}

/// What a portal's token is for, said in its `aud` claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// A session proof for the proxy (`--proxy-session-secret-file`).
    Session,
    /// A customer's signed identity (`--identity-secret-file`).
    Identity,
}

impl Purpose {
    /// The `aud` a token for this purpose carries.
    pub const fn audience(self) -> &'static str {
        match self {
            Purpose::Session => "case-widget/session",
            Purpose::Identity => "case-widget/identity",
        }
    }
}

/// The longest a portal's token may be valid for: one day. A token that lives longer would,
/// once copied, stand for its customer long after they signed out.
pub const MAX_LIFETIME_SECONDS: i64 = 24 * 3600;

/// `claims` signed with `secret`.
pub fn sign(secret: &Secret, claims: &Value) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let claims = URL_SAFE_NO_PAD.encode(claims.to_string());
    let signed = format!("{header}.{claims}");
    let mut mac = secret.mac();
    mac.update(signed.as_bytes());
    let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
    format!("{signed}.{signature}")
}

/// The claims of a token signed with `secret` whose `exp` is after `now` (seconds since the
/// epoch).
pub fn verify(secret: &Secret, token: &str, now: i64) -> Result<Value, Refused> {
    let mut parts = token.trim().split('.');
    let (Some(header), Some(claims), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Refused::Malformed);
    };
    let json = |part: &str| -> Result<Value, Refused> {
        let bytes = URL_SAFE_NO_PAD
            .decode(part)
            .map_err(|_| Refused::Malformed)?;
        serde_json::from_slice(&bytes).map_err(|_| Refused::Malformed)
    };
    if json(header)?.get("alg").and_then(Value::as_str) != Some("HS256") {
        return Err(Refused::Malformed);
    }
    let signature = URL_SAFE_NO_PAD
        .decode(signature)
        .map_err(|_| Refused::Malformed)?;
    let mut mac = secret.mac();
    mac.update(header.as_bytes());
    mac.update(b".");
    mac.update(claims.as_bytes());
    mac.verify_slice(&signature)
        .map_err(|_| Refused::BadSignature)?;
    let claims = json(claims)?;
    match claims.get("exp").and_then(Value::as_i64) {
        Some(exp) if exp > now => Ok(claims),
        _ => Err(Refused::Expired),
    }
}

/// `claims` signed with `secret` for `purpose`: its `aud` added.
pub fn sign_for(secret: &Secret, purpose: Purpose, claims: &Value) -> String {
    let mut claims = claims.clone();
    claims["aud"] = purpose.audience().into();
    sign(secret, &claims)
}

/// The claims of a token `verify` takes, made for `purpose` (its `aud`), whose `exp` is at most
/// [`MAX_LIFETIME_SECONDS`] after `now`.
pub fn verify_for(
    secret: &Secret,
    purpose: Purpose,
    token: &str,
    now: i64,
) -> Result<Value, Refused> {
    let claims = verify(secret, token, now)?;
    if claims.get("aud").and_then(Value::as_str) != Some(purpose.audience()) {
        return Err(Refused::WrongPurpose);
    }
    match claims.get("exp").and_then(Value::as_i64) {
        Some(exp) if exp - now <= MAX_LIFETIME_SECONDS => Ok(claims),
        _ => Err(Refused::TooLong),
    }
}

/// Seconds since the epoch.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret() -> Secret {
        Secret::new(vec![7; 32]).unwrap()
    }

    #[test]
    fn a_signed_token_verifies_until_it_expires() {
        let token = sign(&secret(), &serde_json::json!({ "sub": "ada", "exp": 100 }));
        assert_eq!(verify(&secret(), &token, 99).unwrap()["sub"], "ada");
        assert_eq!(verify(&secret(), &token, 100), Err(Refused::Expired));
    }

    #[test]
    fn another_secret_an_edited_claim_or_another_algorithm_is_refused() {
        let token = sign(&secret(), &serde_json::json!({ "sub": "ada", "exp": 100 }));
        let other = Secret::new(vec![8; 32]).unwrap();
        assert_eq!(verify(&other, &token, 1), Err(Refused::BadSignature));
        let parts: Vec<&str> = token.split('.').collect();
        let edited = URL_SAFE_NO_PAD.encode(r#"{"sub":"root","exp":100}"#);
        let forged = format!("{}.{edited}.{}", parts[0], parts[2]);
        assert_eq!(verify(&secret(), &forged, 1), Err(Refused::BadSignature));
        let none = URL_SAFE_NO_PAD.encode(r#"{"alg":"none"}"#);
        let unsigned = format!("{none}.{}.", parts[1]);
        assert_eq!(verify(&secret(), &unsigned, 1), Err(Refused::Malformed));
        let no_exp = sign(&secret(), &serde_json::json!({ "sub": "ada" }));
        assert_eq!(verify(&secret(), &no_exp, 1), Err(Refused::Expired));
    }

    #[test]
    fn a_token_is_taken_only_for_its_purpose_and_a_bounded_lifetime() {
        let claims = serde_json::json!({ "sub": "ada", "exp": 1000 });
        let session = sign_for(&secret(), Purpose::Session, &claims);
        assert!(verify_for(&secret(), Purpose::Session, &session, 999).is_ok());
        assert_eq!(
            verify_for(&secret(), Purpose::Identity, &session, 999),
            Err(Refused::WrongPurpose)
        );
        let unmarked = sign(&secret(), &claims);
        assert_eq!(
            verify_for(&secret(), Purpose::Session, &unmarked, 999),
            Err(Refused::WrongPurpose)
        );
        let far = serde_json::json!({ "sub": "ada", "exp": 1000 + MAX_LIFETIME_SECONDS + 1 });
        let far = sign_for(&secret(), Purpose::Session, &far);
        assert_eq!(
            verify_for(&secret(), Purpose::Session, &far, 999),
            Err(Refused::TooLong)
        );
        let huge = sign_for(
            &secret(),
            Purpose::Session,
            &serde_json::json!({ "exp": 1e300 }),
        );
        assert!(verify_for(&secret(), Purpose::Session, &huge, 999).is_err());
    }

    #[test]
    fn a_short_secret_is_refused() {
        assert!(Secret::new(b"short".to_vec()).is_err());
    }
}
