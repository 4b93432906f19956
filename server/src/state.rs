//! `AppState`: what every request handler shares, built once by `app` from the configuration.

use std::collections::HashMap;
use std::sync::Arc;

use case_core::catalog::Catalog;

use crate::faults;
use crate::store::Store;
use crate::token;

/// Everything a request handler needs.
pub struct AppState {
    pub catalogs: HashMap<String, Catalog>,
    pub store: Store,
    pub expose_cases: bool,
    /// Failures queued for the next case requests (`--faults`).
    pub faults: Arc<faults::Queue>,
    /// A widget's case filled in faster than this is taken for a bot's.
    pub min_fill_ms: u64,
    /// Bytes one client may keep uploaded and unclaimed.
    pub upload_quota: u64,
    /// Signs form tokens; `None` when spam checks are off.
    pub form_tokens: Option<token::Secret>,
    /// Checks signed identities, and whether a case needs one.
    pub identity: Option<(token::Secret, bool)>,
    /// `/readyz` answers 503 below this many MiB free on the data folder's disk.
    pub ready_min_free_mib: u64,
    /// Each catalog's help articles, by catalog id.
    pub articles: HashMap<String, case_core::suggest::Library>,
}
