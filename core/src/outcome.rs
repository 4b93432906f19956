//! How a submission ends: what a backend's answer means, when a request is tried again, and what
//! the customer is told. This is the retry contract of `docs/wire-contract.md`; the widget only
//! carries the requests out.

use serde_json::Value;

use crate::field::FieldError;
use crate::msg::{self, MessageId};
use crate::profile::Profile;
use crate::step::Step;
use crate::validate::first_failing_step;
use crate::wire::{ErrorBody, FieldProblem};

/// How many tries a submission gets before the customer is asked.
pub const MAX_ATTEMPTS: u32 = 4;

/// How many tries one upload gets, within one try of the submission.
pub const UPLOAD_ATTEMPTS: u32 = 3;

/// The longest wait before trying again, whatever `Retry-After` asks for.
const LONGEST_WAIT_MS: u32 = 30_000;

#[derive(Clone, Debug, PartialEq)]
pub enum SubmitError {
    /// No answer: offline, refused, CORS, timeout.
    Network,
    /// The customer cancelled.
    Cancelled,
    /// The customer stopped the automatic retries and kept the case for later.
    KeptForLater,
    /// The page could not supply its sign-in headers, or the backend refused them (401).
    SignIn(Option<u16>),
    /// 429 or 5xx: worth trying again, after `Retry-After` seconds where the server said.
    Unavailable {
        status: u16,
        retry_after: Option<u32>,
    },
    /// Any other answer than 2xx: the reference server's error body where it sent one, and the
    /// backend's own words as the profile reads them.
    Status {
        status: u16,
        body: Option<ErrorBody>,
        said: Option<String>,
    },
}

impl SubmitError {
    /// A 2xx whose body is not what the profile expects.
    pub fn unexpected(status: u16) -> SubmitError {
        SubmitError::Status {
            status,
            body: None,
            said: None,
        }
    }

    /// Milliseconds to wait before trying attempt `attempt + 1`, if it is worth trying again:
    /// 1, 2, 4 … seconds, or what the server asked for (at most 30 s).
    pub fn retry_in_ms(&self, attempt: u32) -> Option<u32> {
        let backoff = 1000 * 2u32.pow(attempt.saturating_sub(1).min(5));
        match self {
            SubmitError::Network => Some(backoff),
            SubmitError::Unavailable { retry_after, .. } => Some(
                retry_after
                    .map_or(backoff, |s| s.saturating_mul(1000))
                    .min(LONGEST_WAIT_MS),
            ),
            _ => None,
        }
    }

    /// Milliseconds to wait before the whole submission tries again after try `attempt`
    /// (counted from 1); `None` when it does not, because the error is not worth it or the
    /// tries are used up.
    pub fn next_try_in_ms(&self, attempt: u32) -> Option<u32> {
        self.retry_in_ms(attempt).filter(|_| attempt < MAX_ATTEMPTS)
    }

    /// What the customer is told, and where the backend's field errors take them.
    pub fn told(self) -> Told {
        let failed = |message, status| Failure {
            message,
            status,
            said: None,
        };
        let (failure, fields) = match self {
            SubmitError::Network => (failed(msg::SUBMIT_NETWORK, None), Vec::new()),
            SubmitError::Cancelled => (failed(msg::SUBMIT_CANCELLED, None), Vec::new()),
            SubmitError::KeptForLater => (failed(msg::SUBMIT_KEPT, None), Vec::new()),
            SubmitError::SignIn(status) => (failed(msg::SUBMIT_SIGN_IN, status), Vec::new()),
            SubmitError::Unavailable { status, .. } => {
                (failed(msg::SUBMIT_FAILED, Some(status)), Vec::new())
            }
            SubmitError::Status {
                body: Some(body), ..
            } if body.error == "spam-suspected" => {
                (failed(msg::SUBMIT_SPAM_SUSPECTED, None), Vec::new())
            }
            SubmitError::Status {
                status: 413, body, ..
            } => (
                failed(msg::SUBMIT_TOO_LARGE, Some(413)),
                body.map(|b| b.fields).unwrap_or_default(),
            ),
            SubmitError::Status {
                status,
                body: Some(body),
                ..
            } if !body.fields.is_empty() => {
                (failed(msg::SUBMIT_REJECTED, Some(status)), body.fields)
            }
            SubmitError::Status { status, said, .. } => (
                Failure {
                    said,
                    ..failed(msg::SUBMIT_REFUSED, Some(status))
                },
                Vec::new(),
            ),
        };
        let errors = fields
            .iter()
            .filter_map(FieldProblem::to_field_error)
            .collect();
        Told {
            failure,
            back_to: first_failing_step(errors),
        }
    }
}

/// Why the last submission failed, as a message id.
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    pub message: MessageId,
    pub status: Option<u16>,
    /// The backend's own words about why, when it gave any.
    pub said: Option<String>,
}

/// What the customer is told when a submission fails.
#[derive(Clone, Debug, PartialEq)]
pub struct Told {
    pub failure: Failure,
    /// Where the backend's field errors take the customer: the step of the first, with the
    /// errors to show there.
    pub back_to: Option<(Step, Vec<FieldError>)>,
}

/// A backend's answer to one request.
#[derive(Clone, Debug, PartialEq)]
pub struct Reply {
    pub status: u16,
    pub text: String,
    /// `Retry-After` in seconds, where the answer asks to try again later and says when.
    pub retry_after: Option<u32>,
}

/// 429 and 5xx: the backend cannot take the request now, but may later.
fn unavailable(status: u16) -> bool {
    status == 429 || status >= 500
}

impl Reply {
    /// An answer as received; `retry_after` reads the `Retry-After` header, and is called only
    /// for an answer worth trying again after (a cross-origin backend may not expose it).
    pub fn new(status: u16, text: String, retry_after: impl FnOnce() -> Option<String>) -> Reply {
        Reply {
            status,
            text,
            retry_after: unavailable(status)
                .then(retry_after)
                .flatten()
                .and_then(|s| s.trim().parse().ok()),
        }
    }

    /// The answer's JSON and status where it is a success; else why it failed, with the
    /// reference server's error body and the backend's words as `profile` reads them.
    pub fn read(self, profile: &Profile) -> Result<(Value, u16), SubmitError> {
        let Reply {
            status,
            text,
            retry_after,
        } = self;
        let json: Option<Value> = serde_json::from_str(&text).ok();
        match status {
            200..=299 => json
                .map(|j| (j, status))
                .ok_or_else(|| SubmitError::unexpected(status)),
            401 => Err(SubmitError::SignIn(Some(status))),
            s if unavailable(s) => Err(SubmitError::Unavailable {
                status,
                retry_after,
            }),
            _ => Err(SubmitError::Status {
                status,
                body: serde_json::from_str(&text).ok(),
                said: json.and_then(|j| profile.error_in(&j)),
            }),
        }
    }
}

/// Milliseconds to wait before sending an upload again once its try number `attempt` (the
/// first is 1) came to `result`: after a network error or a 5xx, 500 ms × `attempt`, up to
/// [`UPLOAD_ATTEMPTS`] tries. `None` when it is not sent again.
pub fn upload_retry_in_ms(result: &Result<Reply, SubmitError>, attempt: u32) -> Option<u32> {
    let retryable = match result {
        Err(SubmitError::Network) => true,
        Ok(reply) => reply.status >= 500,
        Err(_) => false,
    };
    (retryable && attempt < UPLOAD_ATTEMPTS).then(|| 500 * attempt)
}
