//! Answers that come from outside the wizard: the page's attributes and `prefill()` calls, and
//! what the customer did in a prerendered first step before the wizard took it over.

use case_core::rules::Rules;
use case_core::{Answers, Step};
use leptos::prelude::*;

use super::Wizard;
use crate::host::Config;
use crate::i18n::I18n;
use crate::prerender::EarlyChoices;

/// What a page's `prefill()` may fill in.
#[derive(Default)]
pub struct Prefill {
    pub case_type: Option<String>,
    pub service: Option<String>,
    pub category: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone_country: Option<String>,
    pub phone: Option<String>,
}

impl Wizard {
    /// A new draft: nothing answered but what the host page prefilled.
    pub(super) fn blank_answers(&self) -> Answers {
        let mut answers = Answers::default();
        self.config.with_value(|config| {
            self.with_rules(|rules| apply(&mut answers, rules, config, false))
        });
        answers
    }

    /// Puts the page's prefilled answers into a restored draft: the locked ones and the supplied
    /// contact details.
    pub(super) fn apply_to_restored(&self, answers: &mut Answers) {
        self.config
            .with_value(|config| self.with_rules(|rules| apply(answers, rules, config, true)));
    }

    /// Answers filled in by the page's `prefill()`; locked answers stay as the page set them.
    pub fn prefill(&self, values: Prefill) {
        let mut config = self.config.get_value();
        let locked = config.locked.clone();
        let take = |field: &str, value: Option<String>| {
            value.filter(|_| !locked.iter().any(|l| l == field))
        };
        config.case_type = take("case-type", values.case_type).unwrap_or_default();
        config.service = take("service", values.service).unwrap_or_default();
        config.category = take("category", values.category).unwrap_or_default();
        config.phone_country = take("phone", values.phone_country).unwrap_or_default();
        config.phone = take("phone", values.phone).unwrap_or_default();
        self.answers.update(|a| {
            self.with_rules(|rules| apply(a, rules, &config, false));
            if let Some(name) = values.name.filter(|_| config.name.is_empty()) {
                a.name = name;
            }
            if let Some(email) = values.email.filter(|_| config.email.is_empty()) {
                a.email = email;
            }
        });
    }

    /// Carries on from what the customer did in a prerendered first step before the wizard was
    /// ready, unless a restored draft has moved on from that step.
    pub fn carry_on(&self, early: EarlyChoices, i18n: I18n) {
        if let Some(language) = early.language {
            i18n.set(&language);
        }
        if self.step.get_untracked() != Step::CaseType {
            return;
        }
        if early.case_type.is_some() {
            self.prefill(Prefill {
                case_type: early.case_type,
                ..Prefill::default()
            });
        }
        if early.continued {
            self.next();
        }
    }
}

/// Puts the page's prefilled answers in: all of them into a new draft (`restored` false), only
/// the locked ones and the supplied contact details into a restored one.
fn apply(answers: &mut Answers, rules: &Rules, config: &Config, restored: bool) {
    let take =
        |field: &str, value: &str| !value.is_empty() && (!restored || config.is_locked(field));
    if take("case-type", &config.case_type) {
        answers.set_case_type(rules, &config.case_type);
    }
    if take("service", &config.service)
        && rules
            .services(&answers.case_type)
            .iter()
            .any(|s| s.id == config.service)
    {
        answers.set_service(&config.service);
    }
    if take("category", &config.category)
        && rules
            .catalog
            .category(&answers.service, &config.category)
            .is_some()
    {
        answers.set_category(&config.category);
    }
    if take("phone", &config.phone_country) {
        answers.phone_country = config.phone_country.clone();
    }
    if take("phone", &config.phone) {
        answers.phone_number = config.phone.clone();
    }
    if !config.name.is_empty() {
        answers.name = config.name.clone();
    }
    if !config.email.is_empty() {
        answers.email = config.email.clone();
    }
}
