//! A severity's response time: the units a catalog writes it in, and the time for one plan and
//! case type (the case type's own where the catalog sets one, else the plan's).

use serde::Deserialize;

use super::Severity;

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ResponseTime {
    Minutes(u32),
    Hours(u32),
    BusinessDays(u32),
    /// Offered with no time promised.
    Unstated,
}

impl ResponseTime {
    /// The longest promise in each unit, about a quarter; the shortest is 1. The schema states
    /// the same ranges.
    pub const MAX_MINUTES: u32 = 90 * 24 * 60;
    pub const MAX_HOURS: u32 = 90 * 24;
    pub const MAX_BUSINESS_DAYS: u32 = 60;

    /// Between zero and about a quarter: a promise a support plan could make.
    pub fn is_plausible(self) -> bool {
        match self {
            ResponseTime::Unstated => true,
            ResponseTime::Minutes(m) => (1..=Self::MAX_MINUTES).contains(&m),
            ResponseTime::Hours(h) => (1..=Self::MAX_HOURS).contains(&h),
            ResponseTime::BusinessDays(d) => (1..=Self::MAX_BUSINESS_DAYS).contains(&d),
        }
    }
}

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
