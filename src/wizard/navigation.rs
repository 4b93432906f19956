//! Where the customer is: the step, the errors of the last "Continue", "Solve now or contact us"
//! between the attachments and the contact step, and the way back to the review after a
//! "Change" link.

use case_core::validate::validate_step;
use case_core::{FieldError, Step};
use leptos::prelude::*;

use super::Wizard;
use crate::host::HostEvent;

#[derive(Clone, Copy)]
pub struct Navigation {
    pub step: RwSignal<Step>,
    pub errors: RwSignal<Vec<FieldError>>,
    /// Set by a "Change" link on the review: "Continue" then returns to the review.
    pub(super) returning_to_review: RwSignal<bool>,
    /// "Solve now or contact us" is on screen, between the attachments and the contact step.
    pub solving: RwSignal<bool>,
}

impl Navigation {
    pub(super) fn new() -> Self {
        Navigation {
            step: RwSignal::new(Step::CaseType),
            errors: RwSignal::new(Vec::new()),
            returning_to_review: RwSignal::new(false),
            solving: RwSignal::new(false),
        }
    }

    /// Shows `step` with the `errors` that send the customer back to it.
    pub(super) fn show_errors(&self, step: Step, errors: Vec<FieldError>) {
        self.step.set(step);
        self.errors.set(errors);
    }
}

impl Wizard {
    pub fn go_to(&self, step: Step) {
        self.nav.solving.set(false);
        self.nav.errors.set(Vec::new());
        self.submission.failure.set(None);
        self.nav.step.set(step);
    }

    /// "Continue": validates the step and moves on, or shows its errors.
    pub fn next(&self) {
        let nav = self.nav;
        let step = nav.step.get_untracked();
        let errors = self.with_rules(|rules| {
            self.draft
                .answers
                .with_untracked(|a| validate_step(rules, a, step))
        });
        if !errors.is_empty() {
            nav.errors.set(errors);
            return;
        }
        self.notes.notice.set(None);
        // Before the contact step, the best articles get a moment of their own.
        let offer = step == Step::Attachments && !nav.returning_to_review.get_untracked();
        let has_articles = !self.suggestions.shown.with_untracked(Vec::is_empty);
        if offer && has_articles && !nav.solving.get_untracked() {
            nav.solving.set(true);
            return;
        }
        nav.solving.set(false);
        let next = if nav.returning_to_review.get_untracked() {
            Step::Review
        } else {
            step.next().unwrap_or(Step::Review)
        };
        if next == Step::Review {
            nav.returning_to_review.set(false);
        }
        self.go_to(next);
    }

    pub fn back(&self) {
        if self.nav.solving.get_untracked() {
            self.nav.solving.set(false);
            return;
        }
        if let Some(prev) = self.nav.step.get_untracked().prev() {
            self.nav.returning_to_review.set(false);
            self.go_to(prev);
        }
    }

    /// A "Change" link on the review.
    pub fn change(&self, step: Step) {
        self.nav.returning_to_review.set(true);
        self.go_to(step);
    }

    /// Tells the page where the customer is, on every change of step.
    pub(super) fn tell_steps(&self) {
        let (step, host) = (self.nav.step, self.host);
        Effect::new(move |previous: Option<Step>| {
            let current = step.get();
            if previous.is_some_and(|p| p != current) {
                host.emit(HostEvent::Step(current));
            }
            current
        });
    }
}
