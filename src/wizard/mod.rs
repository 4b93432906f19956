//! The wizard's state, shared by every step through context: the answers, the current step, the
//! errors of the last "Continue", the attached files and the submission's progress. This file
//! holds the signals and the navigation; the draft, the page's prefill and the submission each
//! have their own file.

mod draft;
mod prefill;
mod submit;
mod suggest;

use case_core::msg;
use std::rc::Rc;
use std::sync::Arc;

use case_core::deadline::Clocks;
use case_core::prefill::Account;
use case_core::suggest::{Library, Suggested};

use case_core::msg::MessageId;
use case_core::outcome::Failure;
use case_core::profile::Profile;
use case_core::rules::Rules;
use case_core::validate::validate_step;
use case_core::{Answers, Catalog, FieldError, Step};
use leptos::prelude::*;
use web_sys::File;

use crate::host::{Config, Host, HostEvent};
use crate::web::transport::InFlight;
use crate::web::{storage, zone};

pub use submit::{Phase, Retry};

/// What the wizard starts from, none of which changes while it runs.
struct Setup {
    catalog: Arc<Catalog>,
    profile: Arc<Profile>,
    plan: String,
    config: Config,
    /// Where the draft is kept.
    draft_key: String,
    /// A new draft: nothing answered but what the host page prefilled.
    blank: Answers,
    /// The browser's time zone, e.g. `Europe/Berlin`.
    customer_zone: String,
}

#[derive(Clone, Copy)]
pub struct Wizard {
    setup: StoredValue<Setup>,
    host: Host,
    pub answers: RwSignal<Answers>,
    pub step: RwSignal<Step>,
    pub errors: RwSignal<Vec<FieldError>>,
    /// Set by a "Change" link on the review: "Continue" then returns to the review.
    returning_to_review: RwSignal<bool>,
    pub files: RwSignal<Vec<File>, LocalStorage>,
    /// Bytes sent so far for each file while submitting.
    pub progress: RwSignal<Vec<f64>>,
    in_flight: StoredValue<InFlight, LocalStorage>,
    pub phase: RwSignal<Phase>,
    pub failure: RwSignal<Option<Failure>>,
    /// Automatic retries after a network error, a timeout, 429 or 5xx.
    pub retry: RwSignal<Retry>,
    pub notice: RwSignal<Option<MessageId>>,
    /// Set when the draft, or its files, cannot be kept in this browser.
    pub storage_note: RwSignal<Option<MessageId>>,
    /// False until a restored draft's files are back, so they are not overwritten meanwhile.
    files_restored: StoredValue<bool>,
    idempotency_key: RwSignal<String>,
    /// The fingerprint of the case last sent under `idempotency_key`.
    sent: RwSignal<String>,
    started_at: RwSignal<f64>,
    /// The form token of a server of the reference contract, and when it came.
    form_token: RwSignal<String>,
    form_token_at: RwSignal<f64>,
    /// The hidden field only bots fill in.
    pub trap: RwSignal<String>,
    /// The accounts the page lets its user file for besides their own.
    pub accounts: RwSignal<Vec<Account>>,
    /// Help articles for what the customer has written, best first.
    pub suggestions: RwSignal<Vec<Suggested>>,
    /// The catalog's help articles, once they arrive.
    articles: RwSignal<Option<Rc<Library>>, LocalStorage>,
    /// "Solve now or contact us" is on screen, between the attachments and the contact step.
    pub solving: RwSignal<bool>,
}

impl Wizard {
    /// The wizard for one loaded catalog, with the stored draft where there is one.
    pub fn new(
        catalog: Arc<Catalog>,
        profile: Arc<Profile>,
        plan: String,
        config: Config,
        host: Host,
    ) -> Self {
        let draft_key = storage::draft_key(&catalog.id, &config.instance);
        let rules = Rules::new(&catalog, &plan).entitled(&config.entitlements);
        let blank = config.prefill.blank_answers(&rules);
        let accounts = config.prefill.accounts.clone().unwrap_or_default();
        let wizard = Wizard {
            setup: StoredValue::new(Setup {
                catalog,
                profile,
                plan,
                config,
                draft_key: draft_key.clone(),
                blank,
                customer_zone: zone::browser_zone(),
            }),
            host,
            answers: RwSignal::new(Answers::default()),
            step: RwSignal::new(Step::CaseType),
            errors: RwSignal::new(Vec::new()),
            returning_to_review: RwSignal::new(false),
            files: RwSignal::new_local(Vec::new()),
            progress: RwSignal::new(Vec::new()),
            in_flight: StoredValue::new_local(InFlight::default()),
            phase: RwSignal::new(Phase::Editing),
            failure: RwSignal::new(None),
            retry: RwSignal::new(Retry::Idle),
            notice: RwSignal::new(None),
            storage_note: RwSignal::new(None),
            files_restored: StoredValue::new(true),
            idempotency_key: RwSignal::new(String::new()),
            sent: RwSignal::new(String::new()),
            form_token: RwSignal::new(String::new()),
            form_token_at: RwSignal::new(0.0),
            started_at: RwSignal::new(0.0),
            trap: RwSignal::new(String::new()),
            accounts: RwSignal::new(accounts),
            suggestions: RwSignal::new(Vec::new()),
            articles: RwSignal::new_local(None),
            solving: RwSignal::new(false),
        };
        let (mut saved, restored) = wizard.saved_or_new(&draft_key);
        // An older draft keeps its answers but for what the page supplies or locks.
        if restored {
            wizard.apply_to_restored(&mut saved.answers);
            wizard.notice.set(Some(msg::DRAFT_RESTORED));
        }
        // A draft kept under another plan may name others to notify where this plan cannot.
        if !wizard.with_rules(|rules| rules.cc_offered()) {
            saved.answers.cc.clear();
        }
        let files_to_restore = !saved.answers.attachments.is_empty();
        wizard.answers.set(saved.answers);
        wizard.step.set(saved.step);
        wizard.idempotency_key.set(saved.idempotency_key);
        wizard.sent.set(saved.sent);
        wizard.form_token.set(saved.form_token);
        wizard.form_token_at.set(saved.form_token_at);
        wizard.started_at.set(saved.started_at);
        if files_to_restore {
            wizard.files_restored.set_value(false);
            wizard.restore_files();
        }
        wizard.fetch_form_token();
        wizard.keep_saving();
        wizard.tell_steps();
        wizard
    }

    pub fn with_rules<T>(&self, f: impl FnOnce(&Rules) -> T) -> T {
        self.setup
            .with_value(|s| f(&Rules::new(&s.catalog, &s.plan).entitled(&s.config.entitlements)))
    }

    /// The clocks deadlines are counted on: the catalog's zones, the account's, the customer's.
    pub fn with_clocks<T>(&self, f: impl FnOnce(&Clocks) -> T) -> T {
        self.setup.with_value(|s| {
            f(&Clocks {
                account_zone: s.config.time_zone.as_deref(),
                customer_zone: &s.customer_zone,
                lookup: zone::offset,
            })
        })
    }

    pub fn with_catalog<T>(&self, f: impl FnOnce(&Catalog) -> T) -> T {
        self.setup.with_value(|s| f(&s.catalog))
    }

    pub fn go_to(&self, step: Step) {
        self.solving.set(false);
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
        // Before the contact step, the best articles get a moment of their own.
        let offer = step == Step::Attachments && !self.returning_to_review.get_untracked();
        let has_articles = !self.suggestions.with_untracked(Vec::is_empty);
        if offer && has_articles && !self.solving.get_untracked() {
            self.solving.set(true);
            return;
        }
        self.solving.set(false);
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
        if self.solving.get_untracked() {
            self.solving.set(false);
            return;
        }
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

    /// Tells the host page something happened.
    pub fn tell_page(&self, event: HostEvent) {
        self.host.emit(event);
    }

    /// Tells the page where the customer is, on every change of step.
    fn tell_steps(&self) {
        let (step, host) = (self.step, self.host);
        Effect::new(move |previous: Option<Step>| {
            let current = step.get();
            if previous.is_some_and(|p| p != current) {
                host.emit(HostEvent::Step(current));
            }
            current
        });
    }
}
