//! The signs that a person, not a bot, writes the case: the hidden field only bots fill in, when
//! the writing began, and the backend's form token, which says so in a way the browser cannot
//! forge (see `docs/wire-contract.md`).

use case_core::wire::SpamCheck;
use leptos::prelude::*;

use super::Wizard;
use crate::web::fetch::fetch_text;
use crate::web::timer;

/// A form token older than this is fetched again: the reference server takes them for 8 days.
const FORM_TOKEN_KEPT_MS: f64 = 6.0 * 24.0 * 3600.0 * 1000.0;

#[derive(Clone, Copy)]
pub struct Proof {
    /// The hidden field only bots fill in.
    pub trap: RwSignal<String>,
    pub(super) started_at: RwSignal<f64>,
    /// The form token of a server of the reference contract, and when it came.
    pub(super) form_token: RwSignal<String>,
    pub(super) form_token_at: RwSignal<f64>,
}

impl Proof {
    pub(super) fn new() -> Self {
        Proof {
            trap: RwSignal::new(String::new()),
            started_at: RwSignal::new(0.0),
            form_token: RwSignal::new(String::new()),
            form_token_at: RwSignal::new(0.0),
        }
    }

    /// Carries on from a stored draft's, or a new one's, start and token.
    pub(super) fn resume(&self, started_at: f64, form_token: String, form_token_at: f64) {
        self.form_token.set(form_token);
        self.form_token_at.set(form_token_at);
        self.started_at.set(started_at);
    }

    /// A new case begins now, without a token yet.
    pub(super) fn start_again(&self) {
        self.started_at.set(timer::now_ms());
        self.form_token.set(String::new());
    }

    /// What the case says to the server's spam check, as of now.
    pub(super) fn spam_check(&self) -> SpamCheck {
        SpamCheck {
            website: self.trap.get_untracked(),
            filled_in_ms: (timer::now_ms() - self.started_at.get_untracked()).max(0.0) as u64,
            form_token: self.form_token.get_untracked(),
        }
    }
}

impl Wizard {
    /// Asks the backend for a form token, which says when the draft began (see
    /// `docs/wire-contract.md`), where the wire profile names `form_token`, unless the draft holds
    /// one fresh enough. A server without them answers 404 and the case goes without.
    pub(super) fn fetch_form_token(self) {
        let proof = self.proof;
        let age = timer::now_ms() - proof.form_token_at.get_untracked();
        let fresh = !proof.form_token.get_untracked().is_empty() && age < FORM_TOKEN_KEPT_MS;
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
            self.proof.form_token.set(token.clone());
            self.proof.form_token_at.set(timer::now_ms());
        }
        token
    }
}
