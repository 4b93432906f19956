//! The draft kept in the browser's local storage, so a reload brings the customer back to the
//! same step with every typed answer (its files are in [`super::file_store`]). Where storage is
//! full or unavailable the draft lives in memory only, and the wizard says so.

use case_core::{Answers, Step};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SavedDraft {
    pub answers: Answers,
    pub step: Step,
    pub idempotency_key: String,
    /// When the customer started, in ms since the epoch: how long they took tells them from a bot.
    #[serde(default)]
    pub started_at: f64,
    /// The fingerprint of the case last sent under `idempotency_key`, empty before the first
    /// try: a case edited since then goes under a new key.
    #[serde(default)]
    pub sent: String,
    /// The form token the server issued when the draft began, and when it came (ms since the
    /// epoch); empty with a wire profile, which has none.
    #[serde(default)]
    pub form_token: String,
    #[serde(default)]
    pub form_token_at: f64,
    /// Who the draft belongs to, as the page named them; empty where it named nobody.
    #[serde(default)]
    pub user: String,
    /// When the draft last changed, in ms since the epoch.
    #[serde(default)]
    pub saved_at: f64,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// One draft per catalog, portal page and widget on it.
pub fn draft_key(catalog_id: &str, instance: &str) -> String {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    format!("case-widget:draft:{catalog_id}:{path}:{instance}")
}

pub fn load(key: &str) -> Option<SavedDraft> {
    let json = storage()?.get_item(key).ok()??;
    serde_json::from_str(&json).ok()
}

/// False when the draft could not be kept: storage full, or none at all.
#[must_use]
pub fn save(key: &str, draft: &SavedDraft) -> bool {
    match (storage(), serde_json::to_string(draft)) {
        (Some(storage), Ok(json)) => storage.set_item(key, &json).is_ok(),
        _ => false,
    }
}

/// Removes the draft's answers; its files go with [`super::file_store`].
pub fn clear(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}
