//! The check of text fields' patterns.

use super::{Checker, Path};
use crate::catalog::{Catalog, FieldKind};
use crate::msg;
use crate::pattern::Pattern;

impl Checker<'_> {
    /// Each text field's pattern can be read, and its error is given in every language.
    pub(super) fn patterns(&mut self, c: &Catalog) {
        for s in &c.services {
            for category in &s.categories {
                let path = Path::entry("services", &s.id).item("categories", &category.id);
                for f in &category.fields {
                    let FieldKind::Text {
                        pattern,
                        pattern_error,
                        ..
                    } = &f.kind
                    else {
                        continue;
                    };
                    let path = path.item("fields", &f.id);
                    if let Some(pattern) = pattern {
                        if let Err(e) = Pattern::parse(pattern) {
                            let marked = e.marked(pattern);
                            self.problem(msg::CATALOG_BAD_PATTERN, &path.at("pattern"), &marked);
                        }
                    }
                    self.opt_text(&path.at("pattern_error"), pattern_error);
                }
            }
        }
    }
}
