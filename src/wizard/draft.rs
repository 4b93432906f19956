//! The draft: brought back when the wizard starts, kept while the customer works, forgotten once
//! the case is filed or the customer discards it. Its answers are in local storage, its files
//! in IndexedDB.

use case_core::msg;
use case_core::prefill::Account;
use case_core::{Answers, Step};
use leptos::prelude::*;
use web_sys::File;

use super::{Phase, Wizard};
use crate::web::storage::{self, SavedDraft};
use crate::web::{file_store, random, timer};

/// The case being written: the answers, the attached files, and the accounts it may be filed for.
#[derive(Clone, Copy)]
pub struct Draft {
    pub answers: RwSignal<Answers>,
    pub files: RwSignal<Vec<File>, LocalStorage>,
    /// False until a restored draft's files are back, so they are not overwritten meanwhile.
    pub(super) files_restored: StoredValue<bool>,
    /// The accounts the page lets its user file for besides their own.
    pub accounts: RwSignal<Vec<Account>>,
}

impl Draft {
    /// The case type and severity chosen: what the catalog's notices and phone-only rules
    /// depend on.
    pub fn case_type_and_severity(&self) -> (String, String) {
        self.answers
            .with(|a| (a.case_type.clone(), a.severity.clone()))
    }

    pub(super) fn new(accounts: Vec<Account>) -> Self {
        Draft {
            answers: RwSignal::new(Answers::default()),
            files: RwSignal::new_local(Vec::new()),
            files_restored: StoredValue::new(true),
            accounts: RwSignal::new(accounts),
        }
    }
}

impl Wizard {
    /// The stored draft under `key`, or a new one; true when it was restored.
    pub(super) fn saved_or_new(&self, key: &str) -> (SavedDraft, bool) {
        let (user, keep_ms) = self
            .setup
            .with_value(|s| (s.config.user.clone(), s.config.draft_ms));
        let now = timer::now_ms();
        let stored = storage::load(key);
        // Another person's draft on a shared browser, or one left too long, goes with its files.
        let gone = stored.as_ref().is_some_and(|saved| {
            let changed = if saved.saved_at > 0.0 {
                saved.saved_at
            } else {
                saved.started_at
            };
            saved.user != user || now - changed > keep_ms
        });
        if gone {
            self.forget_draft();
        }
        match stored.filter(|_| !gone) {
            Some(mut saved) => {
                if saved.started_at <= 0.0 {
                    saved.started_at = timer::now_ms();
                }
                (saved, true)
            }
            None => (
                SavedDraft {
                    answers: self.setup.with_value(|s| s.blank.clone()),
                    step: Step::CaseType,
                    idempotency_key: random::new_key(),
                    started_at: timer::now_ms(),
                    sent: String::new(),
                    form_token: String::new(),
                    form_token_at: 0.0,
                    user,
                    saved_at: now,
                },
                false,
            ),
        }
    }

    /// Saves the answers on every change, and the files when they change.
    pub(super) fn keep_saving(self) {
        Effect::new(move |_| self.save());
        // Only changes are saved: at the start, what is stored is what `restore_files` brings
        // back, and a page without a draft need not open IndexedDB at all.
        Effect::new(move |started: Option<()>| {
            let files = self.draft.files.get();
            if started.is_some() {
                self.save_files(files);
            }
        });
    }

    /// Brings back the files of a restored draft; an attachment whose file is gone is dropped.
    pub(super) fn restore_files(self) {
        let key = self.setup.with_value(|s| s.draft_key.clone());
        leptos::task::spawn_local(async move {
            let loaded = file_store::load(&key).await;
            if loaded.is_err() {
                self.notes.storage_failed(msg::STORAGE_FILES_UNAVAILABLE);
            }
            let mut loaded: Vec<Option<File>> =
                loaded.unwrap_or_default().into_iter().map(Some).collect();
            let mut files = Vec::new();
            self.draft.answers.update(|a| {
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
            self.draft.files_restored.set_value(true);
            self.draft.files.set(files);
        });
    }

    fn save_files(&self, files: Vec<File>) {
        let editing = self.submission.phase.get_untracked() == Phase::Editing;
        if !self.draft.files_restored.get_value() || !editing {
            return;
        }
        let key = self.setup.with_value(|s| s.draft_key.clone());
        let notes = self.notes;
        leptos::task::spawn_local(async move {
            let failed = file_store::save(&key, &files).await.is_err();
            if failed && !files.is_empty() {
                notes.storage_failed(msg::STORAGE_FILES_UNAVAILABLE);
            }
        });
    }

    /// Keeps the draft in storage while it holds anything the customer entered.
    fn save(&self) {
        let (submission, proof) = (self.submission, self.proof);
        let draft = SavedDraft {
            answers: self.draft.answers.get(),
            step: self.nav.step.get(),
            idempotency_key: submission.idempotency_key.get(),
            started_at: proof.started_at.get(),
            sent: submission.sent.get(),
            form_token: proof.form_token.get(),
            form_token_at: proof.form_token_at.get(),
            user: self.setup.with_value(|s| s.config.user.clone()),
            saved_at: timer::now_ms(),
        };
        // Tracked: the upload tokens a failed submission got are saved once it is over, so a
        // reload does not send those files again.
        if submission.phase.with(|p| *p != Phase::Editing) {
            return;
        }
        let key = self.setup.with_value(|s| s.draft_key.clone());
        if self.setup.with_value(|s| draft.answers == s.blank) && draft.step == Step::CaseType {
            storage::clear(&key);
        } else if !storage::save(&key, &draft) {
            self.notes.storage_failed(msg::STORAGE_UNAVAILABLE);
        }
    }

    /// Removes the stored draft, answers and files.
    pub(super) fn forget_draft(&self) {
        let key = self.setup.with_value(|s| s.draft_key.clone());
        storage::clear(&key);
        leptos::task::spawn_local(async move {
            let _ = file_store::save(&key, &[]).await;
        });
    }

    /// "Discard draft", once confirmed: a new, empty case, and a note that the old one is gone.
    pub fn discard(&self) {
        self.forget_draft();
        self.draft.files.set(Vec::new());
        self.draft
            .answers
            .set(self.setup.with_value(|s| s.blank.clone()));
        self.submission.start_again();
        self.proof.start_again();
        self.fetch_form_token();
        self.nav.returning_to_review.set(false);
        self.go_to(Step::CaseType);
        self.submission.phase.set(Phase::Editing);
        self.notes.notice.set(Some(msg::DRAFT_DISCARDED));
    }

    /// A new case at once, without a note: "New case" after filing, and the page's `reset()`.
    pub fn start_over(&self) {
        self.discard();
        self.notes.notice.set(None);
    }
}
