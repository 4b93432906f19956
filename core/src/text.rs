//! Words a catalog gives in several languages.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A label in several languages, keyed by language code (`en`, `ja`, `ko`, `zh`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Text(pub BTreeMap<String, String>);

impl Text {
    /// The text in `lang`, else English, else any language given.
    pub fn get(&self, lang: &str) -> &str {
        self.0
            .get(lang)
            .or_else(|| self.0.get("en"))
            .or_else(|| self.0.values().next())
            .map(String::as_str)
            .unwrap_or("")
    }
}
