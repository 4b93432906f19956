//! What a customer on a given support plan may choose. Every gate is read from the catalog; this
//! module only applies them.

use crate::catalog::{
    allows, AttachmentRules, BusinessHours, CaseType, Catalog, ContactLanguage, ContactMethod,
    Notice, ResponseTime, Scope, Service, Severity, TimeTerm,
};
use crate::limits::{BackendAttachments, BackendLimits};
use crate::step::Step;

/// The catalog seen through one customer's plan and the entitlements their page grants.
#[derive(Clone, Copy)]
pub struct Rules<'a> {
    pub catalog: &'a Catalog,
    pub plan: &'a str,
    pub entitlements: &'a [String],
    /// The attachment limits of the backend the case goes to, where its profile states them.
    pub backend: Option<&'a BackendAttachments>,
}

/// A severity as offered to this plan and case type.
pub struct SeverityOption<'a> {
    pub severity: &'a Severity,
    pub response: ResponseTime,
    /// Must be reported by phone: choosing it shows the number instead of filing online.
    pub call_only: bool,
}

impl<'a> Rules<'a> {
    pub fn new(catalog: &'a Catalog, plan: &'a str) -> Self {
        Rules {
            catalog,
            plan,
            entitlements: &[],
            backend: None,
        }
    }

    /// The same rules for a backend with these limits of its own.
    pub fn within(self, limits: &'a BackendLimits) -> Self {
        Rules {
            backend: limits.attachments.as_ref(),
            ..self
        }
    }

    /// The same rules for a customer whose page grants `entitlements`.
    pub fn entitled(self, entitlements: &'a [String]) -> Self {
        Rules {
            entitlements,
            ..self
        }
    }

    pub fn plan_is_known(&self) -> bool {
        self.catalog.plan(self.plan).is_some()
    }

    pub fn case_type_allowed(&self, case_type: &CaseType) -> bool {
        case_type.open_to(self.plan) && self.entitled_to(case_type)
    }

    /// Whether the page grants what the case type needs beyond a plan; one it does not is not
    /// shown at all, as the customer's contract does not have it.
    pub fn entitled_to(&self, case_type: &CaseType) -> bool {
        case_type
            .entitlement
            .as_ref()
            .is_none_or(|e| self.entitlements.contains(e))
    }

    pub fn services(&self, case_type: &str) -> Vec<&'a Service> {
        self.catalog
            .case_type(case_type)
            .map(|t| {
                t.services
                    .iter()
                    .filter_map(|s| self.catalog.service(s))
                    .filter(|s| allows(&s.plans, self.plan))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn severities(&self, case_type: &str) -> Vec<SeverityOption<'a>> {
        let Some(t) = self.catalog.case_type(case_type) else {
            return Vec::new();
        };
        self.catalog
            .severities_offered(case_type, self.plan)
            .map(|(s, response)| SeverityOption {
                severity: s,
                response,
                call_only: t.call_only_severities.contains(&s.id)
                    || self
                        .catalog
                        .call_only
                        .iter()
                        .any(|rule| rule.covers(self.plan, &t.id, &s.id)),
            })
            .collect()
    }

    pub fn severity(&self, case_type: &str, severity: &str) -> Option<SeverityOption<'a>> {
        self.severities(case_type)
            .into_iter()
            .find(|o| o.severity.id == severity)
    }

    /// The case type's default severity, where this plan may choose it.
    pub fn default_severity(&self, case_type: &str) -> Option<&'a str> {
        let t = self.catalog.case_type(case_type)?;
        let id = t.default_severity.as_deref()?;
        self.severity(case_type, id).map(|o| o.severity.id.as_str())
    }

    /// The catalog's notices for this plan at `step`, for a case of this type and severity.
    pub fn notices(&self, step: Step, case_type: &str, severity: &str) -> Vec<&'a Notice> {
        self.catalog
            .notices
            .iter()
            .filter(|n| n.at == step && n.scope.matches(self.plan, case_type, severity))
            .collect()
    }

    /// Whether this customer may file for another account the page lists, as the catalog's
    /// `on_behalf_of` says (everyone where it says nothing).
    pub fn may_file_for_others(&self) -> bool {
        let rule = self.catalog.on_behalf_of.as_ref();
        rule.is_none_or(|r| r.lets(self.plan, self.entitlements))
    }

    /// Whether this plan's customers may name others to notify (CC).
    pub fn cc_offered(&self) -> bool {
        allows(&self.catalog.limits.cc_plans, self.plan)
    }

    /// Whether one of `scopes` covers this plan, case type and severity; no list covers all.
    fn offered(&self, scopes: &Option<Vec<Scope>>, case_type: &str, severity: &str) -> bool {
        scopes.as_ref().is_none_or(|scopes| {
            scopes
                .iter()
                .any(|s| s.matches(self.plan, case_type, severity))
        })
    }

    pub fn contact_methods(&self, case_type: &str, severity: &str) -> Vec<&'a ContactMethod> {
        self.catalog
            .contact_methods
            .iter()
            .filter(|m| self.offered(&m.offered, case_type, severity))
            .collect()
    }

    pub fn contact_languages(&self, case_type: &str, severity: &str) -> Vec<&'a ContactLanguage> {
        self.catalog
            .contact_languages
            .iter()
            .filter(|l| self.offered(&l.offered, case_type, severity))
            .collect()
    }

    /// When the team answering in `language` works for this plan; `None` means around the clock.
    pub fn language_team_hours(&self, language: &str) -> Option<&'a BusinessHours> {
        self.catalog
            .contact_language(language)?
            .team_hours
            .iter()
            .find(|t| allows(&t.plans, self.plan))
            .and_then(|t| self.catalog.hours(&t.hours))
    }

    /// How this case type names its severities' times.
    pub fn time_term(&self, case_type: &str) -> TimeTerm {
        self.catalog
            .case_type(case_type)
            .map(|t| t.time_term)
            .unwrap_or_default()
    }

    pub fn attachments(&self, case_type: Option<&str>) -> &'a AttachmentRules {
        case_type
            .and_then(|id| self.catalog.case_type(id))
            .and_then(|t| t.attachments.as_ref())
            .unwrap_or(&self.catalog.attachments)
    }

    /// The hours a case of this type is worked in: the case type's own, else the plan's.
    pub fn business_hours(&self, case_type: &str) -> Option<&'a BusinessHours> {
        let own = self.catalog.case_type(case_type);
        let hours = own
            .and_then(|t| t.business_hours.as_ref())
            .or_else(|| self.catalog.plan(self.plan)?.business_hours.as_ref())?;
        self.catalog.hours(hours)
    }
}
