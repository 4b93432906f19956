//! The catalog: case types, services, categories, severities, contact methods and the plan gates
//! between them, read from JSON. `Catalog::from_json` parses and then checks the catalog's own
//! consistency, so a widget never starts on a catalog that refers to things it does not define.

use crate::msg::{self, MessageId};
use crate::step::Step;
use std::collections::{BTreeMap, HashSet};

use chrono::{NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

// Also named from here by the widget and the server.
pub use crate::text::Text;

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

/// A note shown at one step to the customers it concerns: those of the listed plans, case
/// types and chosen severities (every one where a list is absent).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Notice {
    pub text: Text,
    /// The step it is shown at, at the foot of the step's questions.
    pub at: Step,
    #[serde(default)]
    pub plans: Option<Vec<String>>,
    #[serde(default)]
    pub case_types: Option<Vec<String>>,
    #[serde(default)]
    pub severities: Option<Vec<String>>,
    /// Numbers to call about such cases, shown with the text as `tel:` links.
    #[serde(default)]
    pub phones: Vec<Phone>,
    /// An address to write to about such cases, shown as a `mailto:` link.
    #[serde(default)]
    pub email: Option<String>,
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

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub id: String,
    pub label: Text,
    /// Where set, first-response times count only these hours, in the customer's time zone.
    #[serde(default)]
    pub business_hours: Option<BusinessHours>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BusinessHours {
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Time"))]
    pub start: NaiveTime,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Time"))]
    pub end: NaiveTime,
    #[cfg_attr(feature = "schema", schemars(with = "Vec<crate::schema::Weekday>"))]
    pub days: Vec<Weekday>,
    /// The IANA time zone the hours are kept in, e.g. `America/New_York`; absent means the
    /// account's zone where the page names one, else the customer's own.
    #[serde(default)]
    pub time_zone: Option<String>,
    /// Days off, skipped like a weekend.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<crate::schema::Date>"))]
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
    pub business_hours: Option<BusinessHours>,
}

impl CaseType {
    /// Whether customers of `plan` may open this type, entitlements aside.
    pub fn open_to(&self, plan: &str) -> bool {
        allows(&self.plans, plan)
    }
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
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ExtraField {
    pub id: String,
    pub label: Text,
    #[serde(default)]
    pub hint: Option<Text>,
    #[serde(default)]
    pub required: bool,
    #[serde(flatten)]
    pub kind: FieldKind,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldKind {
    Text {
        #[serde(default)]
        min_length: Option<usize>,
        #[serde(default)]
        max_length: Option<usize>,
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
        #[serde(default)]
        #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Date>"))]
        min: Option<NaiveDate>,
        #[serde(default)]
        #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Date>"))]
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
    pub response: BTreeMap<String, ResponseTime>,
}

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
    /// Between zero and about a quarter: a promise a support plan could make.
    pub fn is_plausible(self) -> bool {
        match self {
            ResponseTime::Unstated => true,
            ResponseTime::Minutes(m) => (1..=90 * 24 * 60).contains(&m),
            ResponseTime::Hours(h) => (1..=90 * 24).contains(&h),
            ResponseTime::BusinessDays(d) => (1..=60).contains(&d),
        }
    }
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
    pub hours: BusinessHours,
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

    /// The plan a customer works in: the one the page asks for, or the catalog's first when it
    /// asks for none. A plan the catalog does not define is refused as `catalog-unknown-plan`.
    pub fn resolve_plan(&self, requested: &str) -> Result<String, Problem> {
        let problem = |code, path: &str| Problem {
            code,
            path: path.to_owned(),
            value: requested.to_owned(),
        };
        if requested.is_empty() {
            return self
                .plans
                .first()
                .map(|p| p.id.clone())
                .ok_or_else(|| problem(msg::CATALOG_EMPTY_LIST, "plans"));
        }
        match self.plan(requested) {
            Some(plan) => Ok(plan.id.clone()),
            None => Err(problem(msg::CATALOG_UNKNOWN_PLAN, "plan")),
        }
    }

    pub fn plan(&self, id: &str) -> Option<&Plan> {
        self.plans.iter().find(|p| p.id == id)
    }
    pub fn case_type(&self, id: &str) -> Option<&CaseType> {
        self.case_types.iter().find(|t| t.id == id)
    }
    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }
    pub fn severity(&self, id: &str) -> Option<&Severity> {
        self.severities.iter().find(|s| s.id == id)
    }
    pub fn contact_method(&self, id: &str) -> Option<&ContactMethod> {
        self.contact_methods.iter().find(|m| m.id == id)
    }
    pub fn phone_country(&self, region: &str) -> Option<&PhoneCountry> {
        self.phone_countries.iter().find(|c| c.region == region)
    }
    /// The severities a case of this type offers on `plan`, each with its response time there;
    /// none for a case type the catalog does not define.
    pub fn severities_offered<'a>(
        &'a self,
        case_type: &str,
        plan: &'a str,
    ) -> impl Iterator<Item = (&'a Severity, ResponseTime)> {
        let offered = self.case_type(case_type).map(|t| &t.severities);
        self.severities.iter().filter_map(move |s| {
            let response = *s.response.get(plan)?;
            offered
                .is_some_and(|list| allows(list, &s.id))
                .then_some((s, response))
        })
    }

    pub fn category(&self, service: &str, category: &str) -> Option<&Category> {
        self.service(service)?
            .categories
            .iter()
            .find(|c| c.id == category)
    }

    /// Every set of business hours in the catalog, with where it is.
    pub fn all_business_hours(&self) -> Vec<(String, &BusinessHours)> {
        let plans = self.plans.iter().filter_map(|p| {
            let hours = p.business_hours.as_ref()?;
            Some((format!("plans[{}].business_hours", p.id), hours))
        });
        let case_types = self.case_types.iter().filter_map(|t| {
            let hours = t.business_hours.as_ref()?;
            Some((format!("case_types[{}].business_hours", t.id), hours))
        });
        let teams = self.contact_languages.iter().flat_map(|l| {
            l.team_hours.iter().enumerate().map(move |(i, t)| {
                let path = format!("contact_languages[{}].team_hours[{i}].hours", l.id);
                (path, &t.hours)
            })
        });
        plans.chain(case_types).chain(teams).collect()
    }

    /// Everything inconsistent in the catalog, in document order.
    pub fn problems(&self) -> Vec<Problem> {
        let mut check = Checker {
            languages: &self.languages,
            problems: Vec::new(),
        };
        if self.languages.is_empty() {
            check.problem(msg::CATALOG_NO_LANGUAGES, "languages", "");
        }
        check.text("name", &self.name);
        check.non_empty("plans", self.plans.len());
        check.non_empty("case_types", self.case_types.len());
        check.non_empty("services", self.services.len());
        check.non_empty("severities", self.severities.len());
        check.non_empty("contact_methods", self.contact_methods.len());
        check.non_empty("contact_languages", self.contact_languages.len());

        let plans = check.unique("plans", self.plans.iter().map(|p| &p.id));
        let services = check.unique("services", self.services.iter().map(|s| &s.id));
        let severities = check.unique("severities", self.severities.iter().map(|s| &s.id));
        let case_types = check.unique("case_types", self.case_types.iter().map(|t| &t.id));
        let ids = Ids {
            plans: plans.clone(),
            case_types: case_types.clone(),
            severities: severities.clone(),
        };
        check.unique(
            "contact_methods",
            self.contact_methods.iter().map(|m| &m.id),
        );
        check.unique(
            "contact_languages",
            self.contact_languages.iter().map(|l| &l.id),
        );
        check.unique(
            "phone_countries",
            self.phone_countries.iter().map(|c| &c.region),
        );

        for plan in &self.plans {
            let path = format!("plans[{}]", plan.id);
            check.text(&format!("{path}.label"), &plan.label);
            if let Some(hours) = &plan.business_hours {
                check.hours(&format!("{path}.business_hours"), hours);
            }
        }
        for t in &self.case_types {
            let path = format!("case_types[{}]", t.id);
            check.text(&format!("{path}.label"), &t.label);
            check.opt_text(&format!("{path}.description"), &t.description);
            check.non_empty(&format!("{path}.services"), t.services.len());
            check.refs(&format!("{path}.plans"), t.plans.iter().flatten(), &plans);
            check.refs(&format!("{path}.services"), &t.services, &services);
            check.refs(
                &format!("{path}.severities"),
                t.severities.iter().flatten(),
                &severities,
            );
            check.refs(
                &format!("{path}.default_severity"),
                &t.default_severity,
                &severities,
            );
            check.refs(
                &format!("{path}.call_only_severities"),
                &t.call_only_severities,
                &severities,
            );
            if !t.call_only_severities.is_empty() && self.support_phone.is_none() {
                check.problem(msg::CATALOG_NO_SUPPORT_PHONE, &path, "");
            }
            if let Some(rules) = &t.attachments {
                check.attachments(&format!("{path}.attachments"), rules);
            }
            if let Some(link) = &t.unavailable_link {
                check.link(&format!("{path}.unavailable_link"), link);
            }
            if let Some(hours) = &t.business_hours {
                check.hours(&format!("{path}.business_hours"), hours);
            }
        }
        check.attachments("attachments", &self.attachments);
        check.refs(
            "limits.cc_plans",
            self.limits.cc_plans.iter().flatten(),
            &plans,
        );
        for s in &self.services {
            let path = format!("services[{}]", s.id);
            check.text(&format!("{path}.label"), &s.label);
            check.refs(&format!("{path}.plans"), s.plans.iter().flatten(), &plans);
            check.non_empty(&format!("{path}.categories"), s.categories.len());
            check.unique(
                &format!("{path}.categories"),
                s.categories.iter().map(|c| &c.id),
            );
            for c in &s.categories {
                check.category(&format!("{path}.categories[{}]", c.id), c);
            }
        }
        for s in &self.severities {
            let path = format!("severities[{}]", s.id);
            check.text(&format!("{path}.label"), &s.label);
            check.opt_text(&format!("{path}.description"), &s.description);
            check.refs(&format!("{path}.response"), s.response.keys(), &plans);
            for (plan, response) in &s.response {
                if !response.is_plausible() {
                    // As the catalog writes it, e.g. `{"minutes": 0}`.
                    let (unit, n) = match response {
                        ResponseTime::Minutes(n) => ("minutes", n),
                        ResponseTime::Hours(n) => ("hours", n),
                        ResponseTime::BusinessDays(n) => ("business_days", n),
                        ResponseTime::Unstated => continue,
                    };
                    let value = format!("{{\"{unit}\": {n}}}");
                    check.problem(
                        msg::CATALOG_BAD_RESPONSE,
                        &format!("{path}.response.{plan}"),
                        &value,
                    );
                }
            }
        }
        for m in &self.contact_methods {
            let path = format!("contact_methods[{}]", m.id);
            check.text(&format!("{path}.label"), &m.label);
            check.opt_text(&format!("{path}.description"), &m.description);
            for (i, scope) in m.offered.iter().flatten().enumerate() {
                check.scope(&format!("{path}.offered[{i}]"), scope, &ids);
            }
            if m.phone && self.phone_countries.is_empty() {
                check.problem(msg::CATALOG_NO_PHONE_COUNTRIES, &path, "");
            }
        }
        for l in &self.contact_languages {
            let path = format!("contact_languages[{}]", l.id);
            check.text(&format!("{path}.label"), &l.label);
            for (i, scope) in l.offered.iter().flatten().enumerate() {
                check.scope(&format!("{path}.offered[{i}]"), scope, &ids);
            }
            for (i, team) in l.team_hours.iter().enumerate() {
                let path = format!("{path}.team_hours[{i}]");
                check.refs(
                    &format!("{path}.plans"),
                    team.plans.iter().flatten(),
                    &plans,
                );
                check.hours(&format!("{path}.hours"), &team.hours);
            }
        }
        for c in &self.phone_countries {
            let path = format!("phone_countries[{}]", c.region);
            check.text(&format!("{path}.label"), &c.label);
            if c.dial.is_empty() || !c.dial.bytes().all(|b| b.is_ascii_digit()) {
                check.problem(msg::CATALOG_BAD_DIAL_CODE, &path, &c.dial);
            }
        }
        for (i, rule) in self.call_only.iter().enumerate() {
            let path = format!("call_only[{i}]");
            check.non_empty(&format!("{path}.severities"), rule.severities.len());
            check.refs(&format!("{path}.severities"), &rule.severities, &severities);
            check.refs(
                &format!("{path}.plans"),
                rule.plans.iter().flatten(),
                &plans,
            );
            check.refs(
                &format!("{path}.case_types"),
                rule.case_types.iter().flatten(),
                &case_types,
            );
            if self.support_phone.is_none() {
                check.problem(msg::CATALOG_NO_SUPPORT_PHONE, &path, "");
            }
        }
        if let Some(phone) = &self.support_phone {
            check.phone("support_phone", phone);
        }
        for (i, n) in self.notices.iter().enumerate() {
            let path = format!("notices[{i}]");
            check.text(&format!("{path}.text"), &n.text);
            for (j, phone) in n.phones.iter().enumerate() {
                check.phone(&format!("{path}.phones[{j}]"), &phone.number);
            }
            if let Some(email) = &n.email {
                check.email(&format!("{path}.email"), email);
            }
            check.refs(&format!("{path}.plans"), n.plans.iter().flatten(), &plans);
            check.refs(
                &format!("{path}.case_types"),
                n.case_types.iter().flatten(),
                &case_types,
            );
            check.refs(
                &format!("{path}.severities"),
                n.severities.iter().flatten(),
                &severities,
            );
        }
        self.check_reachable(&mut check);
        check.problems
    }

    /// Plans whose customers could choose no case type, and severities no customer could ever
    /// choose: each is a rule written that does nothing.
    /// A plan counts as offering a case type a page must grant an entitlement for, as some page
    /// can.
    fn check_reachable(&self, check: &mut Checker) {
        let mut reachable = HashSet::new();
        for plan in &self.plans {
            let case_types: Vec<&CaseType> = self
                .case_types
                .iter()
                .filter(|t| t.open_to(&plan.id))
                .collect();
            if case_types.is_empty() {
                check.problem(
                    msg::CATALOG_PLAN_WITHOUT_CASE_TYPES,
                    &format!("plans[{}]", plan.id),
                    &plan.id,
                );
            }
            for t in case_types {
                for (severity, _) in self.severities_offered(&t.id, &plan.id) {
                    reachable.insert(severity.id.as_str());
                }
            }
        }
        for s in &self.severities {
            if !reachable.contains(s.id.as_str()) {
                check.problem(
                    msg::CATALOG_UNREACHABLE_SEVERITY,
                    &format!("severities[{}]", s.id),
                    &s.id,
                );
            }
        }
    }
}

/// The ids a scope may name.
struct Ids {
    plans: HashSet<String>,
    case_types: HashSet<String>,
    severities: HashSet<String>,
}

struct Checker<'a> {
    languages: &'a [String],
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn problem(&mut self, code: MessageId, path: &str, value: &str) {
        self.problems.push(Problem {
            code,
            path: path.to_owned(),
            value: value.to_owned(),
        });
    }

    fn non_empty(&mut self, path: &str, len: usize) {
        if len == 0 {
            self.problem(msg::CATALOG_EMPTY_LIST, path, "");
        }
    }

    fn unique<'s>(&mut self, path: &str, ids: impl Iterator<Item = &'s String>) -> HashSet<String> {
        let mut seen = HashSet::new();
        for id in ids {
            if id.trim().is_empty() {
                self.problem(msg::CATALOG_EMPTY_ID, path, id);
            } else if !seen.insert(id.clone()) {
                self.problem(msg::CATALOG_DUPLICATE_ID, path, id);
            }
        }
        seen
    }

    fn refs<'s>(
        &mut self,
        path: &str,
        ids: impl IntoIterator<Item = &'s String>,
        defined: &HashSet<String>,
    ) {
        for id in ids {
            if !defined.contains(id) {
                self.problem(msg::CATALOG_UNKNOWN_REF, path, id);
            }
        }
    }

    fn text(&mut self, path: &str, text: &Text) {
        for lang in self.languages {
            if text.0.get(lang).is_none_or(|s| s.trim().is_empty()) {
                self.problem(msg::CATALOG_MISSING_TRANSLATION, path, lang);
            }
        }
    }

    fn opt_text(&mut self, path: &str, text: &Option<Text>) {
        if let Some(text) = text {
            self.text(path, text);
        }
    }

    fn attachments(&mut self, path: &str, rules: &AttachmentRules) {
        if rules.max_bytes == 0 {
            self.problem(msg::CATALOG_BAD_LIMIT, &format!("{path}.max_bytes"), "0");
        }
    }

    fn scope(&mut self, path: &str, scope: &Scope, ids: &Ids) {
        let lists = [
            ("plans", &scope.plans, &ids.plans),
            ("case_types", &scope.case_types, &ids.case_types),
            ("severities", &scope.severities, &ids.severities),
        ];
        for (name, list, defined) in lists {
            self.refs(&format!("{path}.{name}"), list.iter().flatten(), defined);
        }
    }

    fn hours(&mut self, path: &str, hours: &BusinessHours) {
        if hours.start >= hours.end || hours.days.is_empty() {
            self.problem(
                msg::CATALOG_BAD_HOURS,
                path,
                &format!("{}-{}", hours.start, hours.end),
            );
        }
        if let Some(zone) = &hours.time_zone {
            if !looks_like_time_zone(zone) {
                self.problem(
                    msg::CATALOG_BAD_TIME_ZONE,
                    &format!("{path}.time_zone"),
                    zone,
                );
            }
        }
    }

    fn phone(&mut self, path: &str, number: &str) {
        let digits = number.bytes().filter(u8::is_ascii_digit).count();
        let allowed = |c: char| c.is_ascii_digit() || " +-().".contains(c);
        if !(6..=20).contains(&digits) || !number.chars().all(allowed) {
            self.problem(msg::CATALOG_BAD_PHONE, path, number);
        }
    }

    fn email(&mut self, path: &str, address: &str) {
        let valid = address
            .split_once('@')
            .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'))
            && !address.contains(char::is_whitespace);
        if !valid {
            self.problem(msg::CATALOG_BAD_EMAIL, path, address);
        }
    }

    fn link(&mut self, path: &str, link: &HelpLink) {
        self.text(&format!("{path}.label"), &link.label);
        if !(link.url.starts_with("https://") || link.url.starts_with("http://")) {
            self.problem(msg::CATALOG_BAD_URL, &format!("{path}.url"), &link.url);
        }
    }

    fn category(&mut self, path: &str, c: &Category) {
        self.text(&format!("{path}.label"), &c.label);
        self.opt_text(&format!("{path}.prompt"), &c.prompt);
        for (i, link) in c.help_links.iter().enumerate() {
            self.link(&format!("{path}.help_links[{i}]"), link);
        }
        self.unique(&format!("{path}.fields"), c.fields.iter().map(|f| &f.id));
        for f in &c.fields {
            let fpath = format!("{path}.fields[{}]", f.id);
            self.text(&format!("{fpath}.label"), &f.label);
            self.opt_text(&format!("{fpath}.hint"), &f.hint);
            match &f.kind {
                FieldKind::Choice { options } => {
                    self.non_empty(&format!("{fpath}.options"), options.len());
                    self.unique(&format!("{fpath}.options"), options.iter().map(|o| &o.id));
                    for o in options {
                        self.text(&format!("{fpath}.options[{}].label", o.id), &o.label);
                    }
                }
                FieldKind::Number {
                    min: Some(min),
                    max: Some(max),
                    ..
                } if min > max => {
                    self.problem(msg::CATALOG_BAD_RANGE, &fpath, &format!("{min} > {max}"));
                }
                FieldKind::Text {
                    min_length: Some(min),
                    max_length: Some(max),
                } if min > max => {
                    self.problem(msg::CATALOG_BAD_RANGE, &fpath, &format!("{min} > {max}"));
                }
                FieldKind::Date {
                    min: Some(min),
                    max: Some(max),
                } if min > max => {
                    self.problem(msg::CATALOG_BAD_RANGE, &fpath, &format!("{min} > {max}"));
                }
                _ => {}
            }
        }
    }
}

/// An IANA zone name in shape (`Area/Location`, or `UTC`); whether the zone exists is for a
/// time-zone database to say, which the server's catalog check consults.
pub fn looks_like_time_zone(name: &str) -> bool {
    let part = |p: &str| {
        !p.is_empty()
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_+-".contains(c))
    };
    name == "UTC" || (name.contains('/') && name.split('/').all(part))
}
