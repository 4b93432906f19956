//! The check of who may file for another account.

use super::{Checker, Ids, Path};
use crate::catalog::Catalog;

impl Checker<'_> {
    /// The plans the rule names are defined.
    pub(super) fn on_behalf_of(&mut self, c: &Catalog, ids: &Ids) {
        if let Some(rule) = &c.on_behalf_of {
            let path = Path::top("on_behalf_of").at("plans");
            self.refs(&path, &rule.plans, &ids.plans);
        }
    }
}
