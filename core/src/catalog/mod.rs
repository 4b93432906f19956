//! The catalog: case types, services, categories, severities, contact methods and the plan gates
//! between them, read from JSON. `Catalog::from_json` parses and then checks the catalog's own
//! consistency, so a widget never starts on a catalog that refers to things it does not define.

use chrono::{NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use crate::iso;
use crate::keyed::Keyed;

// Also named from here by the widget and the server.
pub use crate::text::Text;
pub use check::{looks_like_time_zone, PHONE_DIGITS};

mod check;
#[cfg(feature = "schema")]
mod chrono_schema;
#[cfg(feature = "explain")]
mod explain;
mod hours;
mod lookup;
mod notice;
mod on_behalf;
mod parse;
mod response;
mod strict;
mod warn;

#[cfg(feature = "explain")]
pub use explain::{explain, Explained};
pub use hours::Hours;
pub use notice::{Notice, Phone};
pub use on_behalf::ForOthers;
pub use parse::{CatalogError, Problem};
pub use response::ResponseTime;
pub use warn::{is_web_address, Level};

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// The JSON Schema an editor checks this file against; the widget ignores it.
    #[serde(default, rename = "$schema")]
    pub schema: Option<String>,
    pub id: String,
    pub name: Text,
    /// Languages every label must be given in.
    pub languages: Vec<String>,
    pub plans: Vec<Plan>,
    pub case_types: Vec<CaseType>,
    pub services: Vec<Service>,
    pub severities: Vec<Severity>,
    pub contact_methods: Vec<ContactMethod>,
    pub contact_languages: Vec<ContactLanguage>,
    #[serde(default)]
    pub phone_countries: Vec<PhoneCountry>,
    #[serde(default)]
    pub attachments: AttachmentRules,
    #[serde(default)]
    pub limits: TextLimits,
    /// The number to call where a severity cannot be filed online.
    #[serde(default)]
    pub support_phone: Option<String>,
    /// What the guides tell customers at a step, e.g. that severity cannot be changed later.
    #[serde(default)]
    pub notices: Vec<Notice>,
    /// Severities that must be reported by phone, for some plans or case types.
    #[serde(default)]
    pub call_only: Vec<CallOnly>,
    /// Help articles suggested while the customer types: an articles file's URL, relative to the
    /// catalog's.
    #[serde(default)]
    pub articles: Option<String>,
    /// Business hours defined once by name, e.g. `"emea"`, for plans, case types and language
    /// teams to refer to instead of writing them out.
    #[serde(default)]
    pub business_hours: Keyed<BusinessHours>,
    /// Who may file for another account the page lists; everyone where absent.
    #[serde(default)]
    pub on_behalf_of: Option<ForOthers>,
}

/// Severities a customer must report by phone rather than online: for the listed plans and
/// case types (every one where a list is absent). A case type's own `call_only_severities`
/// apply on every plan.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CallOnly {
    pub severities: Vec<String>,
    #[serde(default)]
    pub plans: Option<Vec<String>>,
    #[serde(default)]
    pub case_types: Option<Vec<String>>,
}

impl CallOnly {
    /// Whether a case of this plan and type must report `severity` by phone.
    pub fn covers(&self, plan: &str, case_type: &str, severity: &str) -> bool {
        self.severities.iter().any(|s| s == severity)
            && allows(&self.plans, plan)
            && allows(&self.case_types, case_type)
    }
}

/// Where something applies: to the listed plans, case types and severities (every one where a
/// list is absent).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Scope {
    #[serde(default)]
    pub plans: Option<Vec<String>>,
    #[serde(default)]
    pub case_types: Option<Vec<String>>,
    #[serde(default)]
    pub severities: Option<Vec<String>>,
}

impl Scope {
    /// Whether it covers a case of this plan, type and severity.
    pub fn matches(&self, plan: &str, case_type: &str, severity: &str) -> bool {
        allows(&self.plans, plan)
            && allows(&self.case_types, case_type)
            && allows(&self.severities, severity)
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub id: String,
    pub label: Text,
    /// Where set, first-response times count only these hours: on the clock of their own
    /// `time_zone`, else the account's zone where the page names one, else the customer's.
    #[serde(default)]
    pub business_hours: Option<Hours>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BusinessHours {
    #[serde(deserialize_with = "iso::de_time")]
    #[cfg_attr(feature = "schema", schemars(with = "chrono_schema::Time"))]
    pub start: NaiveTime,
    #[serde(deserialize_with = "iso::de_time")]
    #[cfg_attr(feature = "schema", schemars(with = "chrono_schema::Time"))]
    pub end: NaiveTime,
    #[cfg_attr(feature = "schema", schemars(with = "Vec<chrono_schema::Weekday>"))]
    pub days: Vec<Weekday>,
    /// The IANA time zone the hours are kept in, e.g. `America/New_York`; absent means the
    /// account's zone where the page names one, else the customer's own.
    #[serde(default)]
    pub time_zone: Option<String>,
    /// Days off, skipped like a weekend.
    #[serde(default, deserialize_with = "iso::de_dates")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<chrono_schema::Date>"))]
    pub holidays: Vec<NaiveDate>,
}

impl BusinessHours {
    /// Monday to Friday, all day: what "business day" means for a plan without set hours.
    pub fn weekdays() -> Self {
        BusinessHours {
            start: NaiveTime::MIN,
            end: NaiveTime::from_hms_opt(23, 59, 59).expect("valid time"),
            days: vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ],
            time_zone: None,
            holidays: Vec::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CaseType {
    pub id: String,
    pub label: Text,
    #[serde(default)]
    pub description: Option<Text>,
    /// Plans that may open this type; absent means every plan.
    #[serde(default)]
    pub plans: Option<Vec<String>>,
    /// Offered only where the page grants this entitlement (its `entitlements` attribute), e.g.
    /// consulting a customer's contract provides for.
    #[serde(default)]
    pub entitlement: Option<String>,
    pub services: Vec<String>,
    /// Severities this type offers; absent means all.
    #[serde(default)]
    pub severities: Option<Vec<String>>,
    #[serde(default)]
    pub default_severity: Option<String>,
    /// Severities that must be reported by phone, not online.
    #[serde(default)]
    pub call_only_severities: Vec<String>,
    #[serde(default)]
    pub attachments: Option<AttachmentRules>,
    /// Offered beside the case type where the customer's plan does not include it, e.g. how to
    /// change the support plan.
    #[serde(default)]
    pub unavailable_link: Option<HelpLink>,
    /// How the times of this type's severities are named.
    #[serde(default)]
    pub time_term: TimeTerm,
    /// The hours this type's cases are worked in, where they differ from the plan's.
    #[serde(default)]
    pub business_hours: Option<Hours>,
}

/// Whether `id` is on `list`, where an absent list allows every id.
pub fn allows(list: &Option<Vec<String>>, id: &str) -> bool {
    list.as_ref().is_none_or(|ids| ids.iter().any(|i| i == id))
}

/// What a severity's time promises: a first response (the default) or an initial contact.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TimeTerm {
    #[default]
    FirstResponse,
    InitialContact,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub id: String,
    pub label: Text,
    /// Plans that may choose this service; absent means every plan.
    #[serde(default)]
    pub plans: Option<Vec<String>>,
    pub categories: Vec<Category>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub label: Text,
    #[serde(default)]
    pub help_links: Vec<HelpLink>,
    /// Suggests what to write in the description.
    #[serde(default)]
    pub prompt: Option<Text>,
    #[serde(default)]
    pub fields: Vec<ExtraField>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HelpLink {
    pub label: Text,
    pub url: String,
}

/// A question a category adds once it is chosen.
// Read in `strict.rs`, which refuses members its type does not have.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ExtraField {
    pub id: String,
    pub label: Text,
    #[cfg_attr(feature = "schema", serde(default))]
    pub hint: Option<Text>,
    #[cfg_attr(feature = "schema", serde(default))]
    pub required: bool,
    #[cfg_attr(feature = "schema", serde(flatten))]
    pub kind: FieldKind,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum FieldKind {
    Text {
        #[serde(default)]
        min_length: Option<usize>,
        #[serde(default)]
        max_length: Option<usize>,
        /// What the whole value must match, in the subset of regular expressions `pattern.rs` reads.
        #[serde(default)]
        pattern: Option<String>,
        /// What is said, in each language, of a value the pattern does not match.
        #[serde(default)]
        pattern_error: Option<Text>,
    },
    Number {
        #[serde(default)]
        min: Option<f64>,
        #[serde(default)]
        max: Option<f64>,
        #[serde(default)]
        integer: bool,
    },
    Choice {
        options: Vec<Choice>,
    },
    Date {
        #[serde(default, deserialize_with = "iso::de_optional_date")]
        #[cfg_attr(feature = "schema", schemars(with = "Option<chrono_schema::Date>"))]
        min: Option<NaiveDate>,
        #[serde(default, deserialize_with = "iso::de_optional_date")]
        #[cfg_attr(feature = "schema", schemars(with = "Option<chrono_schema::Date>"))]
        max: Option<NaiveDate>,
    },
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Severity {
    pub id: String,
    pub label: Text,
    #[serde(default)]
    pub description: Option<Text>,
    /// First-response time per plan; a plan not listed cannot choose this severity, and
    /// `"unstated"` offers it without a promised time.
    pub response: Keyed<ResponseTime>,
    /// Times that differ by case type, then by plan; they cannot offer the severity to a plan.
    #[serde(default)]
    pub response_by_case_type: Keyed<Keyed<ResponseTime>>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ContactMethod {
    pub id: String,
    pub label: Text,
    #[serde(default)]
    pub description: Option<Text>,
    /// Where it is offered: wherever one of these scopes applies; everywhere when absent.
    #[serde(default)]
    pub offered: Option<Vec<Scope>>,
    /// Asks for a callback number.
    #[serde(default)]
    pub phone: bool,
}

/// A language support can answer in.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ContactLanguage {
    pub id: String,
    pub label: Text,
    /// Where it is offered: wherever one of these scopes applies; everywhere when absent.
    #[serde(default)]
    pub offered: Option<Vec<Scope>>,
    /// When the team answering in it works, for some plans (around the clock elsewhere).
    #[serde(default)]
    pub team_hours: Vec<TeamHours>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TeamHours {
    /// The plans these hours apply to; every plan when absent.
    #[serde(default)]
    pub plans: Option<Vec<String>>,
    pub hours: Hours,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub label: Text,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PhoneCountry {
    /// ISO 3166 region code, e.g. `JP`.
    pub region: String,
    /// Country calling code without `+`, e.g. `81`.
    pub dial: String,
    pub label: Text,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AttachmentRules {
    #[serde(default = "AttachmentRules::default_max_files")]
    pub max_files: usize,
    #[serde(default = "AttachmentRules::default_max_bytes")]
    pub max_bytes: u64,
    /// MIME types or `.ext` suffixes allowed; absent means any.
    #[serde(default)]
    pub allowed_types: Option<Vec<String>>,
    /// MIME types, `type/*` or `.ext` suffixes refused even where allowed; absent means programs
    /// and scripts (`attachment::PROGRAMS`).
    #[serde(default)]
    pub refused_types: Option<Vec<String>>,
}

impl AttachmentRules {
    fn default_max_files() -> usize {
        3
    }
    fn default_max_bytes() -> u64 {
        5 * 1024 * 1024
    }
}

impl Default for AttachmentRules {
    fn default() -> Self {
        AttachmentRules {
            max_files: Self::default_max_files(),
            max_bytes: Self::default_max_bytes(),
            allowed_types: None,
            refused_types: None,
        }
    }
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct TextLimits {
    pub subject_max: usize,
    pub description_max: usize,
    pub name_max: usize,
    pub cc_max: usize,
    /// The plans whose customers may name others to notify of the case (CC); every plan when
    /// absent.
    pub cc_plans: Option<Vec<String>>,
}

impl Default for TextLimits {
    fn default() -> Self {
        TextLimits {
            subject_max: 250,
            description_max: 8000,
            name_max: 200,
            cc_max: 10,
            cc_plans: None,
        }
    }
}
