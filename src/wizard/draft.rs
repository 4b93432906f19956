//! The draft: brought back when the wizard starts, kept while the customer works, forgotten once
//! the case is filed or the customer discards it. Its answers are in local storage, its files
//! in IndexedDB.

use case_core::msg;
use case_core::Step;
use leptos::prelude::*;
use web_sys::File;

use super::{Phase, Wizard};
use crate::web::fetch::fetch_text;
use crate::web::storage::{self, SavedDraft};
use crate::web::{file_store, random, timer};

/// A form token older than this is fetched again: the reference server takes them for 8 days.
const FORM_TOKEN_KEPT_MS: f64 = 6.0 * 24.0 * 3600.0 * 1000.0;

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
            let files = self.files.get();
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
            if loaded.is_err() && self.storage_note.get_untracked().is_none() {
                self.storage_note.set(Some(msg::STORAGE_FILES_UNAVAILABLE));
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
        let key = self.setup.with_value(|s| s.draft_key.clone());
        let note = self.storage_note;
        leptos::task::spawn_local(async move {
            let failed = file_store::save(&key, &files).await.is_err();
            if failed && !files.is_empty() && note.get_untracked().is_none() {
                note.set(Some(msg::STORAGE_FILES_UNAVAILABLE));
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
            sent: self.sent.get(),
            form_token: self.form_token.get(),
            form_token_at: self.form_token_at.get(),
            user: self.setup.with_value(|s| s.config.user.clone()),
            saved_at: timer::now_ms(),
        };
        // Tracked: the upload tokens a failed submission got are saved once it is over, so a
        // reload does not send those files again.
        if self.phase.with(|p| *p != Phase::Editing) {
            return;
        }
        let key = self.setup.with_value(|s| s.draft_key.clone());
        if self.setup.with_value(|s| draft.answers == s.blank) && draft.step == Step::CaseType {
            storage::clear(&key);
        } else if !storage::save(&key, &draft) && self.storage_note.get_untracked().is_none() {
            self.storage_note.set(Some(msg::STORAGE_UNAVAILABLE));
        }
    }

    /// Asks the backend for a form token, which says when the draft began (see
    /// `docs/wire-contract.md`), where the wire profile names `form_token`, unless the draft holds
    /// one fresh enough. A server without them answers 404 and the case goes without.
    pub(super) fn fetch_form_token(self) {
        let age = timer::now_ms() - self.form_token_at.get_untracked();
        let fresh = !self.form_token.get_untracked().is_empty() && age < FORM_TOKEN_KEPT_MS;
        if fresh {
            return;
        }
        leptos::task::spawn_local(async move {
            let _ = self.form_token_now().await;
        });
    }

    /// Fetches a form token at once, where the wire profile names where; the token, or empty
    /// when there is none.
    pub(super) async fn form_token_now(self) -> String {
        let url = self
            .setup
            .with_value(|s| s.profile.form_token_url(&s.config.endpoint));
        let Some(url) = url else {
            return String::new();
        };
        let token = fetch_text(&url)
            .await
            .ok()
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
            .and_then(|v| v["token"].as_str().map(str::to_owned))
            .unwrap_or_default();
        if !token.is_empty() {
            self.form_token.set(token.clone());
            self.form_token_at.set(timer::now_ms());
        }
        token
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
        self.files.set(Vec::new());
        self.answers.set(self.setup.with_value(|s| s.blank.clone()));
        self.idempotency_key.set(random::new_key());
        self.sent.set(String::new());
        self.started_at.set(timer::now_ms());
        self.form_token.set(String::new());
        self.fetch_form_token();
        self.returning_to_review.set(false);
        self.go_to(Step::CaseType);
        self.phase.set(Phase::Editing);
        self.notice.set(Some(msg::DRAFT_DISCARDED));
    }

    /// A new case at once, without a note: "New case" after filing, and the page's `reset()`.
    pub fn start_over(&self) {
        self.discard();
        self.notice.set(None);
    }
}
