//! Everything the wizard needs before it exists: the catalog, the wire profile, the plan and
//! the texts of the languages shown and written in, each fetched once and checked.

use std::sync::Arc;

use case_core::profile::Profile;
use case_core::{Catalog, CatalogError};

use crate::host::Config;
use crate::i18n::I18n;
use crate::web::fetch::fetch_text;

/// What the wizard starts from.
#[derive(Clone)]
pub struct Loaded {
    pub catalog: Arc<Catalog>,
    pub profile: Arc<Profile>,
    /// The page's plan, or the catalog's first where it named none.
    pub plan: String,
}

#[derive(Clone, Debug)]
pub enum LoadError {
    Fetch(String),
    Catalog(CatalogError),
    /// The wire profile at this URL is unusable, for this reason.
    Profile(String, String),
    /// A language's texts could not be loaded from this URL.
    Texts(String),
}

/// Loads the catalog, the profile and the shown language's texts at once, then the texts of the
/// language cases are written in.
pub async fn load(config: Config, i18n: I18n) -> Result<Loaded, LoadError> {
    let (catalog, profile, texts) = futures::future::join3(
        load_catalog(&config.catalog_url),
        load_profile(&config),
        i18n.load_shown(),
    )
    .await;
    texts.map_err(LoadError::Texts)?;
    let catalog = catalog?;
    let plan = catalog
        .resolve_plan(&config.plan)
        .map_err(|problem| LoadError::Catalog(CatalogError::Inconsistent(vec![problem])))?;
    let profile = profile?;
    i18n.load(&profile.body_language)
        .await
        .map_err(LoadError::Texts)?;
    Ok(Loaded {
        catalog,
        profile,
        plan,
    })
}

/// The page's wire profile, or the reference contract when it names none.
async fn load_profile(config: &Config) -> Result<Arc<Profile>, LoadError> {
    if config.profile_url.is_empty() {
        return Ok(Profile::reference(config.upload_endpoint.is_some()));
    }
    let failed = |reason: String| LoadError::Profile(config.profile_url.clone(), reason);
    let text = fetch_text(&config.profile_url).await.map_err(failed)?;
    Profile::from_json(&text)
        .map(Arc::new)
        .map_err(|e| failed(e.0))
}

async fn load_catalog(url: &str) -> Result<Arc<Catalog>, LoadError> {
    let text = fetch_text(url).await.map_err(LoadError::Fetch)?;
    let catalog = Catalog::from_json(&text).map_err(LoadError::Catalog)?;
    Ok(Arc::new(catalog))
}
