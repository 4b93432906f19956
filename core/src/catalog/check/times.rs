//! The checks of times: response times that differ by case type, and business hours named once
//! or written where they apply.

use super::{Checker, Ids, Path};
use crate::catalog::{Catalog, Hours, ResponseTime, Severity};
use crate::keyed::Keyed;
use crate::msg;

/// Response times that differ by case type.
impl Checker<'_> {
    /// Each time plausible, e.g. not `{"minutes": 0}`.
    pub(super) fn response_times(&mut self, path: &Path, times: &Keyed<ResponseTime>) {
        for (plan, response) in times {
            // As the catalog writes it, e.g. `{"minutes": 0}`.
            let (unit, n) = match response {
                _ if response.is_plausible() => continue,
                ResponseTime::Minutes(n) => ("minutes", n),
                ResponseTime::Hours(n) => ("hours", n),
                ResponseTime::BusinessDays(n) => ("business_days", n),
                ResponseTime::Unstated => continue,
            };
            let value = format!("{{\"{unit}\": {n}}}");
            self.problem(msg::CATALOG_BAD_RESPONSE, &path.at(plan), &value);
        }
    }

    /// A severity's times per case type: for defined case types, for plans its `response`
    /// offers it to (a time cannot offer a severity), each plausible.
    pub(super) fn response_by_case_type(&mut self, path: &Path, s: &Severity, ids: &Ids) {
        let path = path.at("response_by_case_type");
        self.refs(&path, s.response_by_case_type.keys(), &ids.case_types);
        for (case_type, times) in &s.response_by_case_type {
            let path = path.at(case_type);
            for plan in times.keys().filter(|p| !s.response.contains_key(p)) {
                self.problem(msg::CATALOG_RESPONSE_NOT_OFFERED, &path, plan);
            }
            self.response_times(&path, times);
        }
    }
}

/// Business hours, named once or written where they apply.
impl Checker<'_> {
    /// Each named set, and each place hours are taken: a defined name, or hours that form a
    /// working day.
    pub(super) fn named_hours(&mut self, c: &Catalog) {
        for (name, hours) in &c.business_hours {
            self.hours(&Path::entry("business_hours", name), hours);
        }
        for (path, hours) in c.hours_given() {
            match hours {
                Hours::Named(name) if !c.business_hours.contains_key(name) => {
                    self.problem(msg::CATALOG_UNKNOWN_REF, &path, name);
                }
                Hours::Named(_) => {}
                Hours::Inline(hours) => self.hours(&Path(path), hours),
            }
        }
    }
}
