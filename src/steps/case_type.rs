use case_core::Field;
use leptos::prelude::*;

use super::nav::StepNav;
use crate::i18n::use_i18n;
use crate::ui::{Choice, RadioGroup};
use crate::wizard::Wizard;
use case_core::msg;

#[component]
pub fn CaseTypeStep() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let i18n = use_i18n();
    // Depends on the page's fixed value, not the current answer: re-rendering the radios on
    // each choice would take keyboard focus away from them.
    let locked_to = wizard.locked_case_type();
    let choices = Signal::from(Memo::new(move |_| {
        wizard.with_rules(|rules| {
            let plan = rules
                .catalog
                .plan(rules.plan)
                .map(|p| i18n.text(&p.label))
                .unwrap_or_default();
            rules
                .catalog
                .case_types
                .iter()
                .map(|t| {
                    let allowed = rules.case_type_allowed(t);
                    Choice {
                        id: t.id.clone(),
                        label: i18n.text(&t.label),
                        hint: if allowed {
                            t.description.as_ref().map(|d| i18n.text(d))
                        } else {
                            Some(i18n.ta(
                                msg::CASE_TYPE_NOT_IN_PLAN,
                                &[("plan", plan.as_str().into())],
                            ))
                        },
                        disabled: !allowed || locked_to.as_ref().is_some_and(|id| *id != t.id),
                        link: t
                            .unavailable_link
                            .as_ref()
                            .filter(|_| !allowed)
                            .map(|l| (i18n.text(&l.label), l.url.clone())),
                    }
                })
                .collect()
        })
    }));
    let value = Signal::derive(move || wizard.answers.with(|a| a.case_type.clone()));
    let on_change = Callback::new(move |id: String| {
        wizard.with_rules(|rules| wizard.answers.update(|a| a.set_case_type(rules, &id)));
    });
    view! {
        <RadioGroup
            field=Field::CaseType
            legend=move || i18n.t(msg::CASE_TYPE_LEGEND)
            choices=choices
            value=value
            on_change=on_change
            heading=true
        />
        <StepNav />
    }
}
