//! The customer's identity as the portal signs it: an HS256 token (see [`crate::token`]) for
//! `aud: "case-widget/identity"` the page sends as `Authorization: Bearer …`, whose claims are
//! the customer's `sub`, `plan`, `name`, `email`, the `accounts` they may file for and their
//! `entitlements`, with an `exp`. Where a case comes with one, what it signs takes the place of
//! what the case says; a token without `plan`, `name` or `email` is refused, so that a case can
//! never choose them itself. With `--require-identity`, a case without one is refused.

use axum::http::{header, HeaderMap};
use serde::Deserialize;

use crate::token::{self, Purpose, Secret};

/// The signed claims of one customer.
#[derive(Clone, Debug, Deserialize)]
pub struct Identity {
    pub sub: String,
    pub plan: String,
    pub name: String,
    pub email: String,
    /// Account ids, or objects with an `id`.
    #[serde(default)]
    pub accounts: Vec<serde_json::Value>,
    #[serde(default)]
    pub entitlements: Vec<String>,
}

impl Identity {
    /// Whether the customer may file for `account`.
    pub fn may_file_for(&self, account: &str) -> bool {
        self.accounts.iter().any(|a| {
            a.as_str()
                .or_else(|| a.get("id").and_then(|id| id.as_str()))
                == Some(account)
        })
    }

    /// The case as the signed claims say it: plan, name, e-mail and entitlements replaced by
    /// theirs (entitlements the case claims alone are dropped).
    pub fn apply(&self, case: &mut serde_json::Value) {
        case["plan"] = self.plan.as_str().into();
        if case["contact"].is_object() {
            case["contact"]["name"] = self.name.as_str().into();
            case["contact"]["email"] = self.email.as_str().into();
        }
        case["entitlements"] = serde_json::json!(self.entitlements);
    }
}

/// Why a request's identity was not taken.
pub enum Refused {
    Missing,
    Invalid,
}

/// The identity a request carries, checked with the portal's secret; `Ok(None)` for a request
/// without one where none is required.
pub fn of(
    headers: &HeaderMap,
    secret: &Secret,
    required: bool,
) -> Result<Option<Identity>, Refused> {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let Some(bearer) = bearer else {
        return if required {
            Err(Refused::Missing)
        } else {
            Ok(None)
        };
    };
    let claims = token::verify_for(secret, Purpose::Identity, bearer, token::now())
        .map_err(|_| Refused::Invalid)?;
    let identity: Identity = serde_json::from_value(claims).map_err(|_| Refused::Invalid)?;
    let signed = [
        &identity.sub,
        &identity.plan,
        &identity.name,
        &identity.email,
    ];
    if signed.iter().any(|claim| claim.trim().is_empty()) {
        return Err(Refused::Invalid);
    }
    Ok(Some(identity))
}
