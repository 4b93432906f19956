//! Finding things in a catalog: an entry by its id, the plan a page asks for, and what is
//! gathered from every entry (business hours, attachment rules).

use super::{
    allows, AttachmentRules, BusinessHours, CaseType, Catalog, Category, ContactLanguage,
    ContactMethod, Hours, PhoneCountry, Plan, Problem, ResponseTime, Service, Severity,
};
use crate::msg;

impl Catalog {
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
    pub fn contact_language(&self, id: &str) -> Option<&ContactLanguage> {
        self.contact_languages.iter().find(|l| l.id == id)
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
        let t = self.case_type(case_type);
        self.severities.iter().filter_map(move |s| {
            let t = t?;
            let response = s.response_for(plan, &t.id)?;
            allows(&t.severities, &s.id).then_some((s, response))
        })
    }

    pub fn category(&self, service: &str, category: &str) -> Option<&Category> {
        self.service(service)?
            .categories
            .iter()
            .find(|c| c.id == category)
    }

    /// Every set of business hours in the catalog, with where it is: each named set once, then
    /// the hours written out where they apply.
    pub fn all_business_hours(&self) -> Vec<(String, &BusinessHours)> {
        let named = self
            .business_hours
            .iter()
            .map(|(name, hours)| (format!("business_hours[{name}]"), hours));
        let inline = self.hours_given().filter_map(|(path, hours)| match hours {
            Hours::Inline(hours) => Some((path, hours)),
            Hours::Named(_) => None,
        });
        named.chain(inline).collect()
    }

    /// Every place hours are taken, with what is written there.
    pub(super) fn hours_given(&self) -> impl Iterator<Item = (String, &Hours)> {
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
        plans.chain(case_types).chain(teams)
    }

    /// Every set of attachment rules in the catalog: its own, then each case type's.
    pub fn attachment_rules(&self) -> impl Iterator<Item = &AttachmentRules> {
        std::iter::once(&self.attachments).chain(
            self.case_types
                .iter()
                .filter_map(|t| t.attachments.as_ref()),
        )
    }
}

impl CaseType {
    /// Whether customers of `plan` may open this type, entitlements aside.
    pub fn open_to(&self, plan: &str) -> bool {
        allows(&self.plans, plan)
    }
}
