//! Who may file a case for another account the page lists: a catalog's rule, where it sets one.

use serde::Deserialize;

/// The plans, and the entitlements a page may grant, whose customers may file for another
/// account. A member left out lets no one in; the whole rule left out lets everyone.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ForOthers {
    /// Plans whose customers may file for another account.
    #[serde(default)]
    pub plans: Vec<String>,
    /// Entitlements that let a customer of any plan file for another account.
    #[serde(default)]
    pub entitlements: Vec<String>,
}

impl ForOthers {
    /// Whether a customer of `plan`, whose page grants `entitlements`, may file for another
    /// account.
    pub fn lets(&self, plan: &str, entitlements: &[String]) -> bool {
        self.plans.iter().any(|p| p == plan)
            || self.entitlements.iter().any(|e| entitlements.contains(e))
    }
}
