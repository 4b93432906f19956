//! The wizard's state, shared by every step through context, in groups by concern: where the
//! customer is (`navigation.rs`), the case being written (`draft.rs`), the signs that a person
//! writes it (`proof.rs`), its submission (`submit.rs`), the suggested articles (`suggest.rs`) and
//! the notes shown above the steps. This file holds what the wizard starts from and puts the
//! groups together; the page's prefill has its own file too.

mod draft;
mod navigation;
mod prefill;
mod proof;
mod submit;
mod suggest;

use std::sync::Arc;

use case_core::deadline::Clocks;
use case_core::msg::{self, MessageId};
use case_core::profile::Profile;
use case_core::rules::Rules;
use case_core::{Answers, Catalog};
use leptos::prelude::*;

use crate::host::{Config, Host, HostEvent};
use crate::web::{storage, zone};

pub use draft::Draft;
pub use navigation::Navigation;
pub use proof::Proof;
pub use submit::{Phase, Retry, Submission};
pub use suggest::Suggestions;

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
}

/// Notes shown above the steps.
#[derive(Clone, Copy)]
pub struct Notes {
    /// What just happened to the draft: restored, discarded, solved.
    pub notice: RwSignal<Option<MessageId>>,
    /// Set when the draft, or its files, cannot be kept in this browser.
    pub storage_note: RwSignal<Option<MessageId>>,
}

impl Notes {
    /// Shows `note` about storage unless one is shown already.
    fn storage_failed(&self, note: MessageId) {
        if self.storage_note.get_untracked().is_none() {
            self.storage_note.set(Some(note));
        }
    }
}

#[derive(Clone, Copy)]
pub struct Wizard {
    setup: StoredValue<Setup>,
    host: Host,
    pub nav: Navigation,
    pub draft: Draft,
    pub proof: Proof,
    pub submission: Submission,
    pub suggestions: Suggestions,
    pub notes: Notes,
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
            }),
            host,
            nav: Navigation::new(),
            draft: Draft::new(accounts),
            proof: Proof::new(),
            submission: Submission::new(),
            suggestions: Suggestions::new(),
            notes: Notes {
                notice: RwSignal::new(None),
                storage_note: RwSignal::new(None),
            },
        };
        let (mut saved, restored) = wizard.saved_or_new(&draft_key);
        // An older draft keeps its answers but for what the page supplies or locks.
        if restored {
            wizard.apply_to_restored(&mut saved.answers);
            wizard.notes.notice.set(Some(msg::DRAFT_RESTORED));
        }
        // A draft kept under another plan may name others to notify where this plan cannot.
        if !wizard.with_rules(|rules| rules.cc_offered()) {
            saved.answers.cc.clear();
        }
        let files_to_restore = !saved.answers.attachments.is_empty();
        wizard.nav.step.set(saved.step);
        wizard.submission.resume(saved.idempotency_key, saved.sent);
        wizard
            .proof
            .resume(saved.started_at, saved.form_token, saved.form_token_at);
        wizard.draft.answers.set(saved.answers);
        if files_to_restore {
            wizard.draft.files_restored.set_value(false);
            wizard.restore_files();
        }
        wizard.fetch_form_token();
        wizard.keep_saving();
        wizard.tell_steps();
        wizard
    }

    /// The catalog's rules for this customer, within the backend's own limits.
    pub fn with_rules<T>(&self, f: impl FnOnce(&Rules) -> T) -> T {
        self.setup.with_value(|s| {
            let rules = Rules::new(&s.catalog, &s.plan).entitled(&s.config.entitlements);
            f(&rules.within(&s.profile.limits))
        })
    }

    /// The clocks deadlines are counted on: the catalog's zones, the account's, the customer's.
    /// The customer's is asked of the browser only here, so taking the first step over makes
    /// no date formatter: the first step shows no time.
    pub fn with_clocks<T>(&self, f: impl FnOnce(&Clocks) -> T) -> T {
        let customer_zone = zone::browser_zone();
        self.setup.with_value(|s| {
            f(&Clocks {
                account_zone: s.config.time_zone.as_deref(),
                customer_zone: &customer_zone,
                lookup: zone::offset,
            })
        })
    }

    pub fn with_catalog<T>(&self, f: impl FnOnce(&Catalog) -> T) -> T {
        self.setup.with_value(|s| f(&s.catalog))
    }

    /// Tells the host page something happened.
    pub fn tell_page(&self, event: HostEvent) {
        self.host.emit(event);
    }
}
