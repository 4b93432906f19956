//! Answers that come from outside the wizard: the page's attributes and `prefill()` calls, and
//! what the customer did in a prerendered first step before the wizard took it over. The rules
//! are `case_core::prefill`'s.

use case_core::prefill::Prefill;
use case_core::{Answers, Field, Step};
use leptos::prelude::*;

use super::Wizard;
use crate::i18n::I18n;
use crate::prerender::EarlyChoices;

impl Wizard {
    /// Puts the page's prefilled answers into a restored draft: the locked ones and the supplied
    /// contact details.
    pub(super) fn apply_to_restored(&self, answers: &mut Answers) {
        self.setup
            .with_value(|s| self.with_rules(|rules| s.config.prefill.apply(answers, rules, true)));
    }

    /// Whether the page locked this answer.
    pub fn is_locked(&self, field: &Field) -> bool {
        self.setup.with_value(|s| s.config.prefill.is_locked(field))
    }

    /// The case type the page locked the customer to, if it did.
    pub fn locked_case_type(&self) -> Option<String> {
        self.setup
            .with_value(|s| s.config.prefill.locked_case_type().map(str::to_owned))
    }

    /// Whether the page supplied the customer's name and e-mail (then shown read-only).
    pub fn contact_given(&self) -> (bool, bool) {
        self.setup.with_value(|s| {
            (
                s.config.prefill.name.is_some(),
                s.config.prefill.email.is_some(),
            )
        })
    }

    /// Answers filled in by the page's `prefill()`; locked answers stay as the page set them.
    pub fn prefill(&self, later: Prefill) {
        if let Some(accounts) = &later.accounts {
            self.draft.accounts.set(accounts.clone());
        }
        let allowed = self.setup.with_value(|s| s.config.prefill.allow(later));
        self.draft
            .answers
            .update(|a| self.with_rules(|rules| allowed.apply(a, rules, false)));
    }

    /// Carries on from what the customer did in a prerendered first step before the wizard was
    /// ready, unless a restored draft has moved on from that step.
    pub fn carry_on(&self, early: EarlyChoices, i18n: I18n) {
        if let Some(language) = early.language {
            i18n.set(&language);
        }
        if self.nav.step.get_untracked() != Step::CaseType {
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
