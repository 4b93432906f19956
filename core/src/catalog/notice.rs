//! A catalog's notices: a note at one step for the cases its scope covers, with numbers to call
//! and an address to write to.

use serde::Deserialize;

use super::Scope;
use crate::step::Step;
use crate::text::Text;

/// A note shown at one step to the customers it concerns: those of the listed plans, case
/// types and chosen severities (every one where a list is absent).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct Notice {
    pub text: Text,
    /// The step it is shown at, at the foot of the step's questions.
    pub at: Step,
    /// Whom it concerns: `plans`, `case_types` and `severities` beside the text.
    #[cfg_attr(feature = "schema", schemars(flatten))]
    pub scope: Scope,
    /// Numbers to call about such cases, shown with the text as `tel:` links.
    #[cfg_attr(feature = "schema", schemars(default))]
    pub phones: Vec<Phone>,
    /// An address to write to about such cases, shown as a `mailto:` link.
    #[cfg_attr(feature = "schema", schemars(default))]
    pub email: Option<String>,
}

/// A notice as its JSON lists it, the scope's lists beside the text: read without
/// `#[serde(flatten)]`, whose buffering of every field costs the widget's wasm bytes.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoticeJson {
    text: Text,
    at: Step,
    #[serde(default)]
    plans: Option<Vec<String>>,
    #[serde(default)]
    case_types: Option<Vec<String>>,
    #[serde(default)]
    severities: Option<Vec<String>>,
    #[serde(default)]
    phones: Vec<Phone>,
    #[serde(default)]
    email: Option<String>,
}

impl<'de> Deserialize<'de> for Notice {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let n = NoticeJson::deserialize(deserializer)?;
        let scope = Scope {
            plans: n.plans,
            case_types: n.case_types,
            severities: n.severities,
        };
        Ok(Notice {
            text: n.text,
            at: n.at,
            scope,
            phones: n.phones,
            email: n.email,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Phone {
    /// As it is dialled and shown, e.g. `+1 877-425-2832`.
    pub number: String,
    /// Another way of writing it, shown beside it, e.g. `1-877-4-AKATEC`.
    #[serde(default)]
    pub label: Option<String>,
}
