//! A severity's response time for one plan and case type: the case type's own where the
//! catalog sets one, else the plan's.

use super::{ResponseTime, Severity};

impl Severity {
    /// The time promised to `plan` for a case of `case_type`; `None` where the plan cannot
    /// choose this severity at all.
    pub fn response_for(&self, plan: &str, case_type: &str) -> Option<ResponseTime> {
        let general = *self.response.get(plan)?;
        let special = self
            .response_by_case_type
            .get(case_type)
            .and_then(|plans| plans.get(plan));
        Some(special.copied().unwrap_or(general))
    }
}
