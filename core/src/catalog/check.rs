//! The catalog's own consistency: every id defined once and referred to only where defined,
//! every label in every language, plausible times, numbers and links, and no rule that does
//! nothing. Problems come in document order, each with where it is.

use std::collections::HashSet;
use std::fmt::Display;
use std::ops::Deref;

use super::{
    AttachmentRules, BusinessHours, Catalog, Category, ExtraField, FieldKind, HelpLink, Problem,
    Scope, Text,
};
use crate::msg::{self, MessageId};

mod on_behalf;
mod pattern;
mod times;

impl Catalog {
    /// Everything inconsistent in the catalog, in document order.
    pub fn problems(&self) -> Vec<Problem> {
        let mut check = Checker {
            languages: &self.languages,
            problems: Vec::new(),
        };
        let ids = check.lists(self);
        check.plans(self);
        check.named_hours(self);
        check.case_types(self, &ids);
        check.attachments(&Path::top("attachments"), &self.attachments);
        check.refs(
            &Path::top("limits").at("cc_plans"),
            self.limits.cc_plans.iter().flatten(),
            &ids.plans,
        );
        check.services(self, &ids);
        check.severities(self, &ids);
        check.contact_methods(self, &ids);
        check.contact_languages(self, &ids);
        check.phone_countries(self);
        check.call_only(self, &ids);
        if let Some(phone) = &self.support_phone {
            check.phone(&Path::top("support_phone"), phone);
        }
        check.notices(self, &ids);
        check.on_behalf_of(self, &ids);
        check.patterns(self);
        check.reachable(self);
        check.problems
    }
}

/// Where in the catalog, as a problem names it: `case_types[technical].services`.
struct Path(String);

impl Path {
    fn top(name: &str) -> Path {
        Path(name.to_owned())
    }

    /// An entry of a top-level list, by its id or index: `plans[basic]`.
    fn entry(list: &str, key: impl Display) -> Path {
        Path(format!("{list}[{key}]"))
    }

    /// A member: `plans[basic].label`.
    fn at(&self, member: &str) -> Path {
        Path(format!("{}.{member}", self.0))
    }

    /// An entry of a member list: `services[ec2].categories[billing]`.
    fn item(&self, list: &str, key: impl Display) -> Path {
        Path(format!("{}.{list}[{key}]", self.0))
    }
}

impl Deref for Path {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

/// The ids defined in the catalog's lists, for checking references to them.
struct Ids {
    plans: HashSet<String>,
    case_types: HashSet<String>,
    services: HashSet<String>,
    severities: HashSet<String>,
}

struct Checker<'a> {
    languages: &'a [String],
    problems: Vec<Problem>,
}

/// Each part of the catalog, in document order.
impl Checker<'_> {
    /// The languages, the name, and the lists every catalog needs, each without duplicate ids.
    fn lists(&mut self, c: &Catalog) -> Ids {
        if c.languages.is_empty() {
            self.problem(msg::CATALOG_NO_LANGUAGES, "languages", "");
        }
        self.text("name", &c.name);
        let lengths = [
            ("plans", c.plans.len()),
            ("case_types", c.case_types.len()),
            ("services", c.services.len()),
            ("severities", c.severities.len()),
            ("contact_methods", c.contact_methods.len()),
            ("contact_languages", c.contact_languages.len()),
        ];
        for (list, len) in lengths {
            self.non_empty(list, len);
        }
        let plans = self.unique("plans", c.plans.iter().map(|p| &p.id));
        let services = self.unique("services", c.services.iter().map(|s| &s.id));
        let severities = self.unique("severities", c.severities.iter().map(|s| &s.id));
        let case_types = self.unique("case_types", c.case_types.iter().map(|t| &t.id));
        self.unique("contact_methods", c.contact_methods.iter().map(|m| &m.id));
        self.unique(
            "contact_languages",
            c.contact_languages.iter().map(|l| &l.id),
        );
        self.unique(
            "phone_countries",
            c.phone_countries.iter().map(|p| &p.region),
        );
        Ids {
            plans,
            case_types,
            services,
            severities,
        }
    }

    fn plans(&mut self, c: &Catalog) {
        for plan in &c.plans {
            let path = Path::entry("plans", &plan.id);
            self.text(&path.at("label"), &plan.label);
        }
    }

    fn case_types(&mut self, c: &Catalog, ids: &Ids) {
        for t in &c.case_types {
            let path = Path::entry("case_types", &t.id);
            self.text(&path.at("label"), &t.label);
            self.opt_text(&path.at("description"), &t.description);
            self.non_empty(&path.at("services"), t.services.len());
            self.refs(&path.at("plans"), t.plans.iter().flatten(), &ids.plans);
            self.refs(&path.at("services"), &t.services, &ids.services);
            let severities = [
                (
                    "severities",
                    t.severities.iter().flatten().collect::<Vec<_>>(),
                ),
                ("default_severity", t.default_severity.iter().collect()),
                (
                    "call_only_severities",
                    t.call_only_severities.iter().collect(),
                ),
            ];
            for (member, list) in severities {
                self.refs(&path.at(member), list, &ids.severities);
            }
            if !t.call_only_severities.is_empty() && c.support_phone.is_none() {
                self.problem(msg::CATALOG_NO_SUPPORT_PHONE, &path, "");
            }
            if let Some(rules) = &t.attachments {
                self.attachments(&path.at("attachments"), rules);
            }
            if let Some(link) = &t.unavailable_link {
                self.link(&path.at("unavailable_link"), link);
            }
        }
    }

    fn services(&mut self, c: &Catalog, ids: &Ids) {
        for s in &c.services {
            let path = Path::entry("services", &s.id);
            self.text(&path.at("label"), &s.label);
            self.refs(&path.at("plans"), s.plans.iter().flatten(), &ids.plans);
            self.non_empty(&path.at("categories"), s.categories.len());
            self.unique(&path.at("categories"), s.categories.iter().map(|c| &c.id));
            for category in &s.categories {
                self.category(&path.item("categories", &category.id), category);
            }
        }
    }

    fn severities(&mut self, c: &Catalog, ids: &Ids) {
        for s in &c.severities {
            let path = Path::entry("severities", &s.id);
            self.text(&path.at("label"), &s.label);
            self.opt_text(&path.at("description"), &s.description);
            self.refs(&path.at("response"), s.response.keys(), &ids.plans);
            self.response_times(&path.at("response"), &s.response);
            self.response_by_case_type(&path, s, ids);
        }
    }

    fn contact_methods(&mut self, c: &Catalog, ids: &Ids) {
        for m in &c.contact_methods {
            let path = Path::entry("contact_methods", &m.id);
            self.text(&path.at("label"), &m.label);
            self.opt_text(&path.at("description"), &m.description);
            self.offered(&path, &m.offered, ids);
            if m.phone && c.phone_countries.is_empty() {
                self.problem(msg::CATALOG_NO_PHONE_COUNTRIES, &path, "");
            }
        }
    }

    fn contact_languages(&mut self, c: &Catalog, ids: &Ids) {
        for l in &c.contact_languages {
            let path = Path::entry("contact_languages", &l.id);
            self.text(&path.at("label"), &l.label);
            self.offered(&path, &l.offered, ids);
            for (i, team) in l.team_hours.iter().enumerate() {
                let path = path.item("team_hours", i);
                self.refs(&path.at("plans"), team.plans.iter().flatten(), &ids.plans);
            }
        }
    }

    fn phone_countries(&mut self, c: &Catalog) {
        for country in &c.phone_countries {
            let path = Path::entry("phone_countries", &country.region);
            self.text(&path.at("label"), &country.label);
            let dial = &country.dial;
            if dial.is_empty() || !dial.bytes().all(|b| b.is_ascii_digit()) {
                self.problem(msg::CATALOG_BAD_DIAL_CODE, &path, dial);
            }
        }
    }

    fn call_only(&mut self, c: &Catalog, ids: &Ids) {
        for (i, rule) in c.call_only.iter().enumerate() {
            let path = Path::entry("call_only", i);
            self.non_empty(&path.at("severities"), rule.severities.len());
            self.refs(&path.at("severities"), &rule.severities, &ids.severities);
            self.refs(&path.at("plans"), rule.plans.iter().flatten(), &ids.plans);
            let case_types = rule.case_types.iter().flatten();
            self.refs(&path.at("case_types"), case_types, &ids.case_types);
            if c.support_phone.is_none() {
                self.problem(msg::CATALOG_NO_SUPPORT_PHONE, &path, "");
            }
        }
    }

    fn notices(&mut self, c: &Catalog, ids: &Ids) {
        for (i, n) in c.notices.iter().enumerate() {
            let path = Path::entry("notices", i);
            self.text(&path.at("text"), &n.text);
            for (j, phone) in n.phones.iter().enumerate() {
                self.phone(&path.item("phones", j), &phone.number);
            }
            if let Some(email) = &n.email {
                self.email(&path.at("email"), email);
            }
            self.scope(&path, &n.scope, ids);
        }
    }

    /// Plans whose customers could choose no case type, and severities no customer could ever
    /// choose: each is a rule written that does nothing.
    /// A plan counts as offering a case type a page must grant an entitlement for, as some page
    /// can.
    fn reachable(&mut self, c: &Catalog) {
        let mut reachable = HashSet::new();
        for plan in &c.plans {
            let case_types: Vec<&str> = c
                .case_types
                .iter()
                .filter(|t| t.open_to(&plan.id))
                .map(|t| t.id.as_str())
                .collect();
            if case_types.is_empty() {
                let path = Path::entry("plans", &plan.id);
                self.problem(msg::CATALOG_PLAN_WITHOUT_CASE_TYPES, &path, &plan.id);
            }
            for case_type in case_types {
                for (severity, _) in c.severities_offered(case_type, &plan.id) {
                    reachable.insert(severity.id.as_str());
                }
            }
        }
        for s in &c.severities {
            if !reachable.contains(s.id.as_str()) {
                let path = Path::entry("severities", &s.id);
                self.problem(msg::CATALOG_UNREACHABLE_SEVERITY, &path, &s.id);
            }
        }
    }
}

/// The checks one value gets wherever it appears.
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

    fn attachments(&mut self, path: &Path, rules: &AttachmentRules) {
        if rules.max_bytes == 0 {
            self.problem(msg::CATALOG_BAD_LIMIT, &path.at("max_bytes"), "0");
        }
    }

    /// A contact method's or language's scopes: `offered[0]`, `offered[1]`…
    fn offered(&mut self, path: &Path, scopes: &Option<Vec<Scope>>, ids: &Ids) {
        for (i, scope) in scopes.iter().flatten().enumerate() {
            self.scope(&path.item("offered", i), scope, ids);
        }
    }

    fn scope(&mut self, path: &Path, scope: &Scope, ids: &Ids) {
        let lists = [
            ("plans", &scope.plans, &ids.plans),
            ("case_types", &scope.case_types, &ids.case_types),
            ("severities", &scope.severities, &ids.severities),
        ];
        for (name, list, defined) in lists {
            self.refs(&path.at(name), list.iter().flatten(), defined);
        }
    }

    fn hours(&mut self, path: &Path, hours: &BusinessHours) {
        if hours.start >= hours.end || hours.days.is_empty() {
            let value = format!("{}-{}", hours.start, hours.end);
            self.problem(msg::CATALOG_BAD_HOURS, path, &value);
        }
        if let Some(zone) = &hours.time_zone {
            if !looks_like_time_zone(zone) {
                self.problem(msg::CATALOG_BAD_TIME_ZONE, &path.at("time_zone"), zone);
            }
        }
    }

    fn phone(&mut self, path: &str, number: &str) {
        let digits = number.bytes().filter(u8::is_ascii_digit).count();
        let allowed = |c: char| c.is_ascii_digit() || " +-().".contains(c);
        if !PHONE_DIGITS.contains(&digits) || !number.chars().all(allowed) {
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

    fn link(&mut self, path: &Path, link: &HelpLink) {
        self.text(&path.at("label"), &link.label);
        if !(link.url.starts_with("https://") || link.url.starts_with("http://")) {
            self.problem(msg::CATALOG_BAD_URL, &path.at("url"), &link.url);
        }
    }

    fn category(&mut self, path: &Path, c: &Category) {
        self.text(&path.at("label"), &c.label);
        self.opt_text(&path.at("prompt"), &c.prompt);
        for (i, link) in c.help_links.iter().enumerate() {
            self.link(&path.item("help_links", i), link);
        }
        self.unique(&path.at("fields"), c.fields.iter().map(|f| &f.id));
        for f in &c.fields {
            self.extra_field(&path.item("fields", &f.id), f);
        }
    }

    fn extra_field(&mut self, path: &Path, f: &ExtraField) {
        self.text(&path.at("label"), &f.label);
        self.opt_text(&path.at("hint"), &f.hint);
        let range = match &f.kind {
            FieldKind::Choice { options } => {
                self.non_empty(&path.at("options"), options.len());
                self.unique(&path.at("options"), options.iter().map(|o| &o.id));
                for o in options {
                    self.text(&path.item("options", &o.id).at("label"), &o.label);
                }
                None
            }
            FieldKind::Number {
                min: Some(min),
                max: Some(max),
                ..
            } => (min > max).then(|| format!("{min} > {max}")),
            FieldKind::Text {
                min_length: Some(min),
                max_length: Some(max),
                ..
            } => (min > max).then(|| format!("{min} > {max}")),
            FieldKind::Date {
                min: Some(min),
                max: Some(max),
            } => (min > max).then(|| format!("{min} > {max}")),
            _ => None,
        };
        if let Some(range) = range {
            self.problem(msg::CATALOG_BAD_RANGE, path, &range);
        }
    }
}

/// How many digits a phone number has, between the spaces and `+ - ( ) .` it may have.
pub const PHONE_DIGITS: std::ops::RangeInclusive<usize> = 6..=20;

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
