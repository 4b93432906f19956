//! Reading a catalog from JSON, and what is wrong with one that cannot be used.

use super::Catalog;
use crate::msg::MessageId;

/// One thing wrong with a catalog: a message id (`catalog-…` in the locales) and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub code: MessageId,
    /// Where in the catalog, e.g. `case_types[technical].services`.
    pub path: String,
    /// The offending value, e.g. the id that is not defined.
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CatalogError {
    /// Not JSON, or JSON of the wrong shape; `detail` is the parser's own words.
    Syntax {
        line: usize,
        column: usize,
        detail: String,
    },
    Inconsistent(Vec<Problem>),
}

impl std::fmt::Display for CatalogError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CatalogError::Syntax {
                line,
                column,
                detail,
            } => write!(f, "line {line}, column {column}: {detail}"),
            CatalogError::Inconsistent(problems) => {
                for p in problems {
                    writeln!(f, "{} at {}: {}", p.code, p.path, p.value)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for CatalogError {}

impl Catalog {
    pub fn from_json(json: &str) -> Result<Catalog, CatalogError> {
        let catalog: Catalog = serde_json::from_str(json).map_err(|e| CatalogError::Syntax {
            line: e.line(),
            column: e.column(),
            detail: e.to_string(),
        })?;
        let problems = catalog.problems();
        if problems.is_empty() {
            Ok(catalog)
        } else {
            Err(CatalogError::Inconsistent(problems))
        }
    }
}
