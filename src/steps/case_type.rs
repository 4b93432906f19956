use case_core::Field;
use leptos::prelude::*;

use super::nav::StepNav;
use crate::i18n::use_i18n;
use crate::ui::{Checkbox, Choice, RadioGroup, Select};
use crate::wizard::Wizard;
use case_core::draft::OnBehalfOf;
use case_core::i18n::Arg;
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
                .filter(|t| rules.entitled_to(t))
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
    let value = Signal::derive(move || wizard.draft.answers.with(|a| a.case_type.clone()));
    let on_change = Callback::new(move |id: String| {
        wizard.with_rules(|rules| wizard.draft.answers.update(|a| a.set_case_type(rules, &id)));
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
        <OnBehalfOfChoice />
        <StepNav />
    }
}

/// Where the page lists other accounts and the catalog lets the customer file for them, which one
/// the case is for and whether that customer may see it.
#[component]
fn OnBehalfOfChoice() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let i18n = use_i18n();
    let choices = Signal::derive(move || {
        wizard
            .draft
            .accounts
            .get()
            .into_iter()
            .map(|a| Choice {
                label: a.label(),
                id: a.id,
                hint: None,
                disabled: false,
                link: None,
            })
            .collect::<Vec<_>>()
    });
    let chosen = move || wizard.draft.answers.with(|a| a.on_behalf_of.clone());
    let value = Signal::derive(move || chosen().map(|o| o.account).unwrap_or_default());
    let choose = Callback::new(move |id: String| {
        let account = wizard
            .draft
            .accounts
            .with(|list| list.iter().find(|a| a.id == id).cloned());
        wizard.draft.answers.update(|a| {
            a.on_behalf_of = account.map(|account| OnBehalfOf {
                account: account.id,
                name: account.name,
                customer_may_see: true,
            })
        });
    });
    // A memo, so ticking the box does not re-create it and take the focus away.
    let name =
        Memo::new(move |_| chosen().map(|o| if o.name.is_empty() { o.account } else { o.name }));
    let may_see = Signal::derive(move || chosen().is_some_and(|o| o.customer_may_see));
    let set_may_see = Callback::new(move |checked: bool| {
        wizard.draft.answers.update(|a| {
            if let Some(o) = a.on_behalf_of.as_mut() {
                o.customer_may_see = checked;
            }
        })
    });
    // Only where the catalog lets this customer file for others.
    let offered = move || {
        !wizard.draft.accounts.with(Vec::is_empty)
            && wizard.with_rules(|rules| rules.may_file_for_others())
    };
    move || {
        offered().then(|| view! {
            <Select
                field=Field::OnBehalfOf
                label=move || i18n.t(msg::ON_BEHALF_OF_LABEL)
                choices=choices
                value=value
                on_change=choose
                empty_label=move || i18n.t(msg::ON_BEHALF_OF_OWN)
            />
            {move || name.get().map(|name| view! {
                <Checkbox
                    id="customer_may_see"
                    label=move || i18n.ta(msg::ON_BEHALF_OF_VISIBLE, &[("name", Arg::Text(name.clone()))])
                    hint=move || i18n.t(msg::ON_BEHALF_OF_VISIBLE_HINT)
                    checked=may_see
                    on_change=set_may_see
                />
            })}
        })
    }
}
