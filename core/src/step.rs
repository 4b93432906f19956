//! The wizard's steps, in the order the customer meets them.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Step {
    CaseType,
    Classification,
    Severity,
    Details,
    Attachments,
    Contact,
    Review,
}

impl Step {
    pub const ALL: [Step; 7] = [
        Step::CaseType,
        Step::Classification,
        Step::Severity,
        Step::Details,
        Step::Attachments,
        Step::Contact,
        Step::Review,
    ];

    /// 1-based position, as shown to the customer ("Step 3 of 7").
    pub fn number(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0) + 1
    }

    pub fn next(self) -> Option<Step> {
        Step::ALL.get(self.number()).copied()
    }

    pub fn prev(self) -> Option<Step> {
        self.number().checked_sub(2).map(|i| Step::ALL[i])
    }

    /// Stable name, used for message ids (`step-<id>`), DOM ids and events.
    pub fn id(self) -> &'static str {
        match self {
            Step::CaseType => "case-type",
            Step::Classification => "classification",
            Step::Severity => "severity",
            Step::Details => "details",
            Step::Attachments => "attachments",
            Step::Contact => "contact",
            Step::Review => "review",
        }
    }
}
