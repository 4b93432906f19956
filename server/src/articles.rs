//! `GET /api/articles?q=&locale=&service=&category=&catalog=`: help articles for what a customer
//! types, from the articles files the catalogs name, matched as the widget matches them.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::Json;
use case_core::suggest::{Library, Query as Typed};
use case_core::Catalog;
use serde_json::{json, Value};

use crate::state::AppState;

/// Each catalog's articles, by catalog id; a catalog names its file relative to `dir`.
pub fn load(
    dir: &Path,
    catalogs: &HashMap<String, Catalog>,
) -> Result<HashMap<String, Library>, String> {
    let mut libraries = HashMap::new();
    for catalog in catalogs.values() {
        let Some(file) = &catalog.articles else {
            continue;
        };
        let path = dir.join(file);
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let library = Library::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        libraries.insert(catalog.id.clone(), library);
    }
    Ok(libraries)
}

pub async fn search(
    State(state): State<Arc<AppState>>,
    Query(query): Query<HashMap<String, String>>,
) -> Json<Value> {
    let get = |name: &str| query.get(name).map(String::as_str).unwrap_or_default();
    let typed = Typed {
        text: get("q"),
        service: get("service"),
        category: get("category"),
    };
    let locale = get("locale");
    let wanted = get("catalog");
    let mut found: Vec<Value> = state
        .articles
        .iter()
        .filter(|(catalog, _)| wanted.is_empty() || *catalog == wanted)
        .flat_map(|(_, library)| library.suggest(&typed))
        .map(|article| {
            let shown = article.shown_in(locale);
            json!({ "id": shown.id, "title": shown.title, "url": shown.url, "summary": shown.summary })
        })
        .collect();
    found.truncate(case_core::suggest::MAX_SUGGESTIONS);
    Json(json!({ "articles": found }))
}
