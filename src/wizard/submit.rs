//! Filing the case: validation of every step, then the requests the wire profile asks for, tried
//! again automatically after a network error, a timeout, 429 or 5xx, under the same
//! `Idempotency-Key`; then the outcome, told to the customer and to the page.

use std::rc::Rc;
use std::sync::Arc;

use case_core::i18n::Messages;
use case_core::outcome::{Failure, SubmitError, Told};
use case_core::profile::{Context, Profile};
use case_core::validate::{first_failing_step, validate_all};
use case_core::wire::{CaseCreated, CasePayload};
use case_core::Catalog;
use leptos::prelude::*;
use web_sys::File;

use super::Wizard;
use crate::host::{Config, HostEvent};
use crate::i18n::messages;
use crate::web::random;
use crate::web::timer::sleep_ms;
use crate::web::transport::{self, InFlight, OnProgress, Target};

/// How a submission ended: the case filed with the backend's answer, or why not.
type Sent = Result<(CaseCreated, serde_json::Value), SubmitError>;

/// What every try of one case sends.
struct Case {
    catalog: Arc<Catalog>,
    profile: Arc<Profile>,
    config: Config,
    payload: CasePayload,
    files: Vec<File>,
    key: String,
    messages: Rc<Messages>,
}

impl Case {
    /// Where and how one try sends the case, with the page's `headers` for it.
    fn target(&self, headers: Vec<(String, String)>) -> Target<'_> {
        let config = &self.config;
        Target {
            profile: &self.profile,
            context: Context {
                catalog: &self.catalog,
                payload: &self.payload,
                messages: &self.messages,
                endpoint: &config.endpoint,
                upload_endpoint: config.upload_endpoint.as_deref().unwrap_or_default(),
                idempotency_key: &self.key,
            },
            headers,
            timeout_ms: config.timeout_ms,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Editing,
    Submitting,
    Done(CaseCreated),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Retry {
    Idle,
    /// Waiting `seconds` before try `attempt` of `MAX_ATTEMPTS`.
    Waiting {
        attempt: u32,
        seconds: u32,
    },
    Now,
    Stop,
}

/// The case on its way: its phase, the last failure, the retries, the bytes sent, and the
/// `Idempotency-Key` a retry of the same case keeps.
#[derive(Clone, Copy)]
pub struct Submission {
    pub phase: RwSignal<Phase>,
    pub failure: RwSignal<Option<Failure>>,
    /// Automatic retries after a network error, a timeout, 429 or 5xx.
    pub retry: RwSignal<Retry>,
    /// Bytes sent so far for each file while submitting.
    pub progress: RwSignal<Vec<f64>>,
    in_flight: StoredValue<InFlight, LocalStorage>,
    pub(super) idempotency_key: RwSignal<String>,
    /// The fingerprint of the case last sent under `idempotency_key`.
    pub(super) sent: RwSignal<String>,
}

impl Submission {
    pub(super) fn new() -> Self {
        Submission {
            phase: RwSignal::new(Phase::Editing),
            failure: RwSignal::new(None),
            retry: RwSignal::new(Retry::Idle),
            progress: RwSignal::new(Vec::new()),
            in_flight: StoredValue::new_local(InFlight::default()),
            idempotency_key: RwSignal::new(String::new()),
            sent: RwSignal::new(String::new()),
        }
    }

    /// Whether the case has been filed.
    pub fn is_done(&self) -> bool {
        matches!(self.phase.get(), Phase::Done(_))
    }

    /// Carries on under a stored draft's key, or a new one's.
    pub(super) fn resume(&self, idempotency_key: String, sent: String) {
        self.idempotency_key.set(idempotency_key);
        self.sent.set(sent);
    }

    /// A new case: a key of its own, nothing sent under it yet.
    pub(super) fn start_again(&self) {
        self.idempotency_key.set(random::new_key());
        self.sent.set(String::new());
    }

    /// The key to send `fingerprint` under: a retry of the same case keeps its key, so the
    /// server files it once; a case edited since it was last sent is another request, and gets
    /// a key of its own.
    fn key_for(&self, fingerprint: String) -> String {
        if self.sent.get_untracked() != fingerprint {
            if !self.sent.get_untracked().is_empty() {
                self.idempotency_key.set(random::new_key());
            }
            self.sent.set(fingerprint);
        }
        self.idempotency_key.get_untracked()
    }
}

impl Wizard {
    /// Sends the case once; a second press while sending does nothing.
    pub fn submit(&self, locale: &'static str) {
        let submission = self.submission;
        if submission.phase.get_untracked() != Phase::Editing {
            return;
        }
        let answers = self.draft.answers.get_untracked();
        let errors = self.with_rules(|rules| validate_all(rules, &answers));
        if let Some((step, errors)) = first_failing_step(errors) {
            self.nav.show_errors(step, errors);
            return;
        }
        let (catalog, profile, plan, config) = self.setup.with_value(|s| {
            (
                s.catalog.clone(),
                s.profile.clone(),
                s.plan.clone(),
                s.config.clone(),
            )
        });
        let mut payload = CasePayload::from_answers(&catalog, &plan, locale, &answers);
        payload.entitlements = config.entitlements.clone();
        payload.spam_check = Some(self.proof.spam_check());
        let files = self.draft.files.get_untracked();
        let key = submission.key_for(payload.fingerprint());
        submission.failure.set(None);
        submission.progress.set(vec![0.0; files.len()]);
        submission.phase.set(Phase::Submitting);
        let case = Case {
            catalog,
            profile,
            config,
            payload,
            files,
            key,
            messages: messages(),
        };
        leptos::task::spawn_local(self.send(case));
    }

    /// Sends the case, tried again while its failure says a later try may pass and the customer
    /// does not keep it for later; then tells how it went.
    async fn send(self, mut case: Case) {
        let (host, progress) = (self.host, self.submission.progress);
        let total: f64 = case.files.iter().map(|f| f.size()).sum();
        let on_progress: OnProgress = Rc::new(move |sent: Vec<f64>| {
            let loaded = sent.iter().sum();
            host.emit(HostEvent::Progress { loaded, total });
            progress.set(sent);
        });
        // The backend's form token, where the draft has none yet.
        let spam_check = case.payload.spam_check.as_mut();
        if let Some(check) = spam_check.filter(|c| c.form_token.is_empty()) {
            check.form_token = self.form_token_now().await;
        }
        // Uploaded files keep their references in the answers, so a retry, or a submit after a
        // reload, sends only what is missing.
        let on_uploaded = |index: usize, reference: &str| {
            self.draft.answers.update(|a| {
                if let Some(meta) = a.attachments.get_mut(index) {
                    meta.token = reference.to_owned();
                }
            });
        };
        let in_flight = self.submission.in_flight.get_value();
        let mut attempt = 1;
        let result = loop {
            case.payload.attachments = self.draft.answers.with_untracked(|a| a.attachments.clone());
            // Asked for on every try, so a page can hand out a fresh token each time.
            let result = match self.host.request_headers().await {
                Ok(headers) => {
                    let target = case.target(headers);
                    let progress = on_progress.clone();
                    transport::submit(&target, &case.files, &in_flight, progress, on_uploaded).await
                }
                Err(_) => Err(SubmitError::SignIn(None)),
            };
            let wait = result
                .as_ref()
                .err()
                .and_then(|e| e.next_try_in_ms(attempt));
            let Some(ms) = wait else {
                break result;
            };
            self.submission.retry.set(Retry::Waiting {
                attempt: attempt + 1,
                seconds: ms.div_ceil(1000),
            });
            if !self.wait_to_retry(ms).await {
                break Err(SubmitError::KeptForLater);
            }
            attempt += 1;
        };
        self.submission.retry.set(Retry::Idle);
        self.finish(result);
    }

    /// Waits before the next try; false when the customer chose to keep the case for later.
    async fn wait_to_retry(&self, ms: u32) -> bool {
        let mut waited = 0;
        while waited < ms {
            match self.submission.retry.get_untracked() {
                Retry::Now => return true,
                Retry::Stop => return false,
                _ => {}
            }
            sleep_ms(100).await;
            waited += 100;
        }
        true
    }

    /// "Try now" while waiting to retry.
    pub fn retry_now(&self) {
        self.submission.retry.set(Retry::Now);
    }

    /// "Keep for later": stops retrying; the draft stays.
    pub fn keep_for_later(&self) {
        self.submission.retry.set(Retry::Stop);
        self.cancel();
    }

    /// Stops the upload under way; the draft stays as it is.
    pub fn cancel(&self) {
        if let Some(xhr) = self.submission.in_flight.get_value().borrow().as_ref() {
            let _ = xhr.abort();
        }
    }

    fn finish(&self, result: Sent) {
        match result {
            Ok((created, response)) => {
                self.forget_draft();
                self.submission.phase.set(Phase::Done(created.clone()));
                self.host.emit(HostEvent::Submitted {
                    created: &created,
                    response: &response,
                });
            }
            Err(error) => {
                self.submission.phase.set(Phase::Editing);
                let Told { failure, back_to } = error.told();
                if let Some((step, errors)) = back_to {
                    self.nav.returning_to_review.set(true);
                    self.nav.show_errors(step, errors);
                }
                let (reason, status) = (failure.message, failure.status);
                self.submission.failure.set(Some(failure));
                self.host.emit(HostEvent::Failed { reason, status });
            }
        }
    }
}
