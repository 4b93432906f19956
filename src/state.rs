//! The wizard's state, shared by every step through context: the answers, the current step, the
//! errors of the last "Continue", the attached files and the submission's progress.

use std::sync::Arc;

use case_core::rules::Rules;
use case_core::validate::{step_of_field, validate_all, validate_step};
use case_core::wire::{CaseCreated, CasePayload, FieldProblem, SpamCheck};
use case_core::{Answers, Catalog, FieldError, Step};
use leptos::prelude::*;
use web_sys::{File, HtmlElement};

use crate::embed::{dispatch, request_headers, Config, EarlyChoices};
use crate::file_store;
use crate::i18n::{messages, I18n};
use crate::storage::{self, SavedDraft};
use crate::transport::{self, InFlight, SubmitError, Target};

/// What a page's `prefill()` may fill in.
#[derive(Default)]
pub struct Prefill {
    pub case_type: Option<String>,
    pub service: Option<String>,
    pub category: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone_country: Option<String>,
    pub phone: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Editing,
    Submitting,
    Done(CaseCreated),
}

/// How many tries a submission gets before the customer is asked.
pub const MAX_ATTEMPTS: u32 = 4;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Retry {
    Idle,
    /// Waiting `seconds` before try `attempt` of [`MAX_ATTEMPTS`].
    Waiting {
        attempt: u32,
        seconds: u32,
    },
    Now,
    Stop,
}

/// Why the last submission failed, as a message id.
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    pub message: &'static str,
    pub status: Option<u16>,
    /// The backend's own words about why, when it gave any.
    pub said: Option<String>,
}

#[derive(Clone, Copy)]
pub struct Wizard {
    pub catalog: StoredValue<Arc<Catalog>>,
    pub config: StoredValue<Config>,
    pub host: StoredValue<HtmlElement, LocalStorage>,
    pub answers: RwSignal<Answers>,
    pub step: RwSignal<Step>,
    pub errors: RwSignal<Vec<FieldError>>,
    /// Set by a "Change" link on the review: "Continue" then returns to the review.
    pub returning_to_review: RwSignal<bool>,
    pub files: RwSignal<Vec<File>, LocalStorage>,
    /// Bytes sent so far for each file while submitting.
    pub progress: RwSignal<Vec<f64>>,
    in_flight: StoredValue<InFlight, LocalStorage>,
    pub phase: RwSignal<Phase>,
    pub failure: RwSignal<Option<Failure>>,
    /// Automatic retries after a network error, a timeout, 429 or 5xx.
    pub retry: RwSignal<Retry>,
    pub notice: RwSignal<Option<&'static str>>,
    /// Set when the draft, or its files, cannot be kept in this browser.
    pub storage_note: RwSignal<Option<&'static str>>,
    /// False until a restored draft's files are back, so they are not overwritten meanwhile.
    files_restored: StoredValue<bool>,
    idempotency_key: RwSignal<String>,
    started_at: RwSignal<f64>,
    /// The hidden field only bots fill in.
    pub trap: RwSignal<String>,
    draft_key: StoredValue<String>,
}

fn new_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("{}", js_sys::Date::now()))
}

impl Wizard {
    pub fn new(
        catalog: Arc<Catalog>,
        config: Config,
        host: StoredValue<HtmlElement, LocalStorage>,
    ) -> Self {
        let draft_key = storage::draft_key(&catalog.id, &config.instance);
        let saved = storage::load(&draft_key);
        let restored = saved.is_some();
        let mut saved = saved.unwrap_or_else(|| SavedDraft {
            answers: blank_answers(&config),
            step: Step::CaseType,
            idempotency_key: new_key(),
            started_at: js_sys::Date::now(),
        });
        if saved.started_at <= 0.0 {
            saved.started_at = js_sys::Date::now();
        }
        // A new draft takes everything the host page prefilled; an older one keeps its answers
        // but for what the page supplies or locks.
        apply_prefill(&mut saved.answers, &catalog, &config, restored);
        let files_to_restore = !saved.answers.attachments.is_empty();
        let wizard = Wizard {
            catalog: StoredValue::new(catalog),
            config: StoredValue::new(config),
            host,
            answers: RwSignal::new(saved.answers),
            step: RwSignal::new(saved.step),
            errors: RwSignal::new(Vec::new()),
            returning_to_review: RwSignal::new(false),
            files: RwSignal::new_local(Vec::new()),
            progress: RwSignal::new(Vec::new()),
            in_flight: StoredValue::new_local(InFlight::default()),
            phase: RwSignal::new(Phase::Editing),
            failure: RwSignal::new(None),
            retry: RwSignal::new(Retry::Idle),
            notice: RwSignal::new(restored.then_some("draft-restored")),
            storage_note: RwSignal::new(None),
            files_restored: StoredValue::new(!files_to_restore),
            idempotency_key: RwSignal::new(saved.idempotency_key),
            started_at: RwSignal::new(saved.started_at),
            trap: RwSignal::new(String::new()),
            draft_key: StoredValue::new(draft_key),
        };
        if files_to_restore {
            wizard.restore_files();
        }
        Effect::new(move |_| wizard.save());
        // Only changes are saved: at the start, what is stored is what `restore_files` brings
        // back, and a page without a draft need not open IndexedDB at all.
        Effect::new(move |started: Option<()>| {
            let files = wizard.files.get();
            if started.is_some() {
                wizard.save_files(files);
            }
        });
        wizard
    }

    /// Brings back the files of a restored draft; an attachment whose file is gone is dropped.
    fn restore_files(self) {
        let key = self.draft_key.get_value();
        leptos::task::spawn_local(async move {
            let loaded = file_store::load(&key).await;
            if loaded.is_err() && self.storage_note.get_untracked().is_none() {
                self.storage_note.set(Some("storage-files-unavailable"));
            }
            let mut loaded: Vec<Option<File>> =
                loaded.unwrap_or_default().into_iter().map(Some).collect();
            let mut files = Vec::new();
            self.answers.update(|a| {
                a.attachments.retain(|meta| {
                    let found = loaded.iter_mut().find(|f| {
                        f.as_ref()
                            .is_some_and(|f| f.name() == meta.name && f.size() as u64 == meta.size)
                    });
                    found
                        .and_then(Option::take)
                        .map(|f| files.push(f))
                        .is_some()
                });
            });
            self.files_restored.set_value(true);
            self.files.set(files);
        });
    }

    fn save_files(&self, files: Vec<File>) {
        if !self.files_restored.get_value() || self.phase.get_untracked() != Phase::Editing {
            return;
        }
        let key = self.draft_key.get_value();
        let note = self.storage_note;
        leptos::task::spawn_local(async move {
            let failed = file_store::save(&key, &files).await.is_err();
            if failed && !files.is_empty() && note.get_untracked().is_none() {
                note.set(Some("storage-files-unavailable"));
            }
        });
    }

    /// Keeps the draft in storage while it holds anything the customer entered.
    fn save(&self) {
        let draft = SavedDraft {
            answers: self.answers.get(),
            step: self.step.get(),
            idempotency_key: self.idempotency_key.get(),
            started_at: self.started_at.get(),
        };
        if self.phase.get_untracked() != Phase::Editing {
            return;
        }
        let key = self.draft_key.get_value();
        let catalog = self.catalog.get_value();
        let blank = self.config.with_value(|config| {
            let mut answers = blank_answers(config);
            apply_prefill(&mut answers, &catalog, config, false);
            answers
        });
        if draft.answers == blank && draft.step == Step::CaseType {
            storage::clear(&key);
        } else if !storage::save(&key, &draft) && self.storage_note.get_untracked().is_none() {
            self.storage_note.set(Some("storage-unavailable"));
        }
    }

    pub fn with_rules<T>(&self, f: impl FnOnce(&Rules) -> T) -> T {
        let catalog = self.catalog.get_value();
        let plan = self.config.with_value(|c| c.plan.clone());
        f(&Rules::new(&catalog, &plan))
    }

    /// The error shown at `field`, if the last "Continue" found one.
    pub fn error_for(&self, field: &str) -> Option<FieldError> {
        self.errors
            .with(|errors| errors.iter().find(|e| e.field == field).cloned())
    }

    pub fn go_to(&self, step: Step) {
        self.errors.set(Vec::new());
        self.failure.set(None);
        self.step.set(step);
    }

    /// "Continue": validates the step and moves on, or shows its errors.
    pub fn next(&self) {
        let step = self.step.get_untracked();
        let errors = self.with_rules(|rules| {
            self.answers
                .with_untracked(|a| validate_step(rules, a, step))
        });
        if !errors.is_empty() {
            self.errors.set(errors);
            return;
        }
        self.notice.set(None);
        let next = if self.returning_to_review.get_untracked() {
            Step::Review
        } else {
            step.next().unwrap_or(Step::Review)
        };
        if next == Step::Review {
            self.returning_to_review.set(false);
        }
        self.go_to(next);
    }

    pub fn back(&self) {
        if let Some(prev) = self.step.get_untracked().prev() {
            self.returning_to_review.set(false);
            self.go_to(prev);
        }
    }

    /// A "Change" link on the review.
    pub fn change(&self, step: Step) {
        self.returning_to_review.set(true);
        self.go_to(step);
    }

    /// Starts over at once, as the page's `reset()` asks.
    pub fn reset(&self) {
        self.discard();
        self.notice.set(None);
    }

    /// Answers filled in by the page's `prefill()`; locked answers stay as the page set them.
    pub fn prefill(&self, values: Prefill) {
        let mut config = self.config.get_value();
        let locked = config.locked.clone();
        let take = |field: &str, value: Option<String>| {
            value.filter(|_| !locked.iter().any(|l| l == field))
        };
        config.case_type = take("case-type", values.case_type).unwrap_or_default();
        config.service = take("service", values.service).unwrap_or_default();
        config.category = take("category", values.category).unwrap_or_default();
        config.phone_country = take("phone", values.phone_country).unwrap_or_default();
        config.phone = take("phone", values.phone).unwrap_or_default();
        let catalog = self.catalog.get_value();
        self.answers.update(|a| {
            apply_prefill(a, &catalog, &config, false);
            if let Some(name) = values.name.filter(|_| config.name.is_empty()) {
                a.name = name;
            }
            if let Some(email) = values.email.filter(|_| config.email.is_empty()) {
                a.email = email;
            }
        });
    }

    /// Carries on from what the customer did in a prerendered first step before the wizard was
    /// ready, unless a restored draft has moved on from that step.
    pub fn carry_on(&self, early: EarlyChoices, i18n: I18n) {
        if let Some(language) = early.language {
            i18n.set(&language);
        }
        if self.step.get_untracked() != Step::CaseType {
            return;
        }
        if early.case_type.is_some() {
            self.prefill(Prefill {
                case_type: early.case_type,
                ..Prefill::default()
            });
        }
        if early.continued {
            self.next();
        }
    }

    /// Removes the stored draft, answers and files.
    fn forget_draft(&self) {
        let key = self.draft_key.get_value();
        storage::clear(&key);
        leptos::task::spawn_local(async move {
            let _ = file_store::save(&key, &[]).await;
        });
    }

    pub fn discard(&self) {
        self.forget_draft();
        self.files.set(Vec::new());
        let catalog = self.catalog.get_value();
        let answers = self.config.with_value(|config| {
            let mut answers = blank_answers(config);
            apply_prefill(&mut answers, &catalog, config, false);
            answers
        });
        self.answers.set(answers);
        self.idempotency_key.set(new_key());
        self.started_at.set(js_sys::Date::now());
        self.returning_to_review.set(false);
        self.go_to(Step::CaseType);
        self.phase.set(Phase::Editing);
        self.notice.set(Some("draft-discarded"));
    }

    /// Sends the case once; a second press while sending does nothing.
    pub fn submit(&self, locale: &'static str) {
        if self.phase.get_untracked() != Phase::Editing {
            return;
        }
        let answers = self.answers.get_untracked();
        let errors = self.with_rules(|rules| validate_all(rules, &answers));
        if let Some(first) = errors.first() {
            let step = step_of_field(&first.field);
            self.errors.set(Vec::new());
            self.step.set(step);
            self.errors.set(
                errors
                    .into_iter()
                    .filter(|e| step_of_field(&e.field) == step)
                    .collect(),
            );
            return;
        }
        let catalog = self.catalog.get_value();
        let config = self.config.get_value();
        let mut payload = CasePayload::from_answers(&catalog, &config.plan, locale, &answers);
        payload.spam_check = Some(SpamCheck {
            website: self.trap.get_untracked(),
            filled_in_ms: (js_sys::Date::now() - self.started_at.get_untracked()).max(0.0) as u64,
        });
        let files = self.files.get_untracked();
        let host = self.host.get_value();
        let key = self.idempotency_key.get_untracked();
        let in_flight = self.in_flight.get_value();
        let wizard = *self;
        self.failure.set(None);
        self.progress.set(vec![0.0; files.len()]);
        self.phase.set(Phase::Submitting);
        leptos::task::spawn_local(async move {
            let messages = messages();
            let target = |headers| Target {
                profile: &config.profile,
                catalog: &catalog,
                messages: &messages,
                endpoint: &config.endpoint,
                upload_endpoint: config.upload_endpoint.as_deref().unwrap_or_default(),
                headers,
                idempotency_key: &key,
                timeout_ms: config.timeout_ms,
            };
            let progress = wizard.progress;
            let total: f64 = files.iter().map(|f| f.size()).sum();
            let reporter = host.clone();
            let on_progress = std::rc::Rc::new(move |sent: Vec<f64>| {
                let detail = js_sys::Object::new();
                let loaded: f64 = sent.iter().sum();
                let _ = js_sys::Reflect::set(&detail, &"loaded".into(), &loaded.into());
                let _ = js_sys::Reflect::set(&detail, &"total".into(), &total.into());
                dispatch(&reporter, "case-progress", &detail);
                progress.set(sent);
            });
            let mut attempt = 1;
            let result = loop {
                // Asked for on every try, so a page can hand out a fresh token each time.
                let result = match request_headers(&host).await {
                    Ok(headers) => {
                        transport::submit(
                            &target(headers),
                            &mut payload,
                            &files,
                            &in_flight,
                            on_progress.clone(),
                        )
                        .await
                    }
                    Err(_) => Err(SubmitError::SignIn(None)),
                };
                // Uploaded files keep their tokens, so a retry sends only what is missing.
                wizard.answers.update(|a| {
                    for (meta, sent) in a.attachments.iter_mut().zip(&payload.attachments) {
                        meta.token = sent.token.clone();
                    }
                });
                let wait = result.as_ref().err().and_then(|e| e.retry_in_ms(attempt));
                match wait {
                    Some(ms) if attempt < MAX_ATTEMPTS => {
                        wizard.retry.set(Retry::Waiting {
                            attempt: attempt + 1,
                            seconds: ms.div_ceil(1000),
                        });
                        if !wizard.wait_to_retry(ms).await {
                            break Err(SubmitError::KeptForLater);
                        }
                        attempt += 1;
                    }
                    _ => break result,
                }
            };
            wizard.retry.set(Retry::Idle);
            wizard.finish(result, &host);
        });
    }

    /// Waits before the next try; false when the customer chose to keep the case for later.
    async fn wait_to_retry(&self, ms: u32) -> bool {
        let mut waited = 0;
        while waited < ms {
            match self.retry.get_untracked() {
                Retry::Now => return true,
                Retry::Stop => return false,
                _ => {}
            }
            transport::sleep_ms(100).await;
            waited += 100;
        }
        true
    }

    /// "Try now" while waiting to retry.
    pub fn retry_now(&self) {
        self.retry.set(Retry::Now);
    }

    /// "Keep for later": stops retrying; the draft stays.
    pub fn keep_for_later(&self) {
        self.retry.set(Retry::Stop);
        self.cancel();
    }

    /// Stops the upload under way; the draft stays as it is.
    pub fn cancel(&self) {
        if let Some(xhr) = self.in_flight.get_value().borrow().as_ref() {
            let _ = xhr.abort();
        }
    }

    fn finish(
        &self,
        result: Result<(CaseCreated, serde_json::Value), SubmitError>,
        host: &HtmlElement,
    ) {
        match result {
            Ok((created, body)) => {
                self.forget_draft();
                let detail = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&detail, &"id".into(), &created.id.as_str().into());
                if let Some(link) = &created.link {
                    let _ = js_sys::Reflect::set(&detail, &"link".into(), &link.as_str().into());
                }
                let response = serde_json::to_string(&body)
                    .ok()
                    .and_then(|s| js_sys::JSON::parse(&s).ok())
                    .unwrap_or(wasm_bindgen::JsValue::NULL);
                let _ = js_sys::Reflect::set(&detail, &"response".into(), &response);
                self.phase.set(Phase::Done(created));
                dispatch(host, "case-submitted", &detail);
            }
            Err(error) => {
                self.phase.set(Phase::Editing);
                let failed = |message, status| Failure {
                    message,
                    status,
                    said: None,
                };
                let (failure, field_errors) = match error {
                    SubmitError::Network => (failed("submit-network", None), Vec::new()),
                    SubmitError::Cancelled => (failed("submit-cancelled", None), Vec::new()),
                    SubmitError::KeptForLater => (failed("submit-kept", None), Vec::new()),
                    SubmitError::SignIn(status) => (failed("submit-sign-in", status), Vec::new()),
                    SubmitError::Unavailable { status, .. } => {
                        (failed("submit-failed", Some(status)), Vec::new())
                    }
                    SubmitError::Status {
                        body: Some(body), ..
                    } if body.error == "spam-suspected" => {
                        (failed("submit-spam-suspected", None), Vec::new())
                    }
                    SubmitError::Status {
                        status: 413, body, ..
                    } => (
                        failed("submit-too-large", Some(413)),
                        body.map(|b| b.fields).unwrap_or_default(),
                    ),
                    SubmitError::Status {
                        status,
                        body: Some(body),
                        ..
                    } if !body.fields.is_empty() => {
                        (failed("submit-rejected", Some(status)), body.fields)
                    }
                    SubmitError::Status { status, said, .. } => (
                        Failure {
                            said,
                            ..failed("submit-refused", Some(status))
                        },
                        Vec::new(),
                    ),
                };
                let detail = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&detail, &"reason".into(), &failure.message.into());
                if let Some(status) = failure.status {
                    let _ = js_sys::Reflect::set(&detail, &"status".into(), &status.into());
                }
                if let Some(first) = field_errors.first() {
                    let step = step_of_field(&first.field);
                    let errors = field_errors
                        .iter()
                        .filter(|f| step_of_field(&f.field) == step)
                        .map(FieldProblem::to_field_error)
                        .collect();
                    self.returning_to_review.set(true);
                    self.step.set(step);
                    self.errors.set(errors);
                }
                self.failure.set(Some(failure));
                dispatch(host, "case-failed", &detail);
            }
        }
    }

    pub fn start_over(&self) {
        self.discard();
        self.notice.set(None);
    }
}

/// A new draft: nothing answered but what the host page prefilled.
fn blank_answers(config: &Config) -> Answers {
    Answers {
        name: config.name.clone(),
        email: config.email.clone(),
        ..Answers::default()
    }
}

/// Puts the page's prefilled answers in: all of them into a new draft (`restored` false), only
/// the locked ones and the supplied contact details into a restored one.
fn apply_prefill(answers: &mut Answers, catalog: &Catalog, config: &Config, restored: bool) {
    let rules = Rules::new(catalog, &config.plan);
    let take =
        |field: &str, value: &str| !value.is_empty() && (!restored || config.is_locked(field));
    if take("case-type", &config.case_type) {
        answers.set_case_type(&rules, &config.case_type);
    }
    if take("service", &config.service)
        && rules
            .services(&answers.case_type)
            .iter()
            .any(|s| s.id == config.service)
    {
        answers.set_service(&config.service);
    }
    if take("category", &config.category)
        && catalog
            .category(&answers.service, &config.category)
            .is_some()
    {
        answers.set_category(&config.category);
    }
    if take("phone", &config.phone_country) {
        answers.phone_country = config.phone_country.clone();
    }
    if take("phone", &config.phone) {
        answers.phone_number = config.phone.clone();
    }
    if !config.name.is_empty() {
        answers.name = config.name.clone();
    }
    if !config.email.is_empty() {
        answers.email = config.email.clone();
    }
}
