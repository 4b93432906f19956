use case_core::catalog::{Category, ExtraField, FieldKind};
use case_core::msg;
use case_core::Field;
use leptos::prelude::*;

use super::nav::StepNav;
use crate::i18n::use_i18n;
use crate::ui::{Choice, InputKind, Select, StepHeading, TextField};
use crate::wizard::Wizard;

#[component]
pub fn ClassificationStep() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let i18n = use_i18n();
    let services = Signal::from(Memo::new(move |_| {
        let case_type = wizard.draft.answers.with(|a| a.case_type.clone());
        wizard.with_rules(|rules| {
            rules
                .services(&case_type)
                .iter()
                .map(|s| Choice {
                    id: s.id.clone(),
                    label: i18n.text(&s.label),
                    hint: None,
                    disabled: false,
                    link: None,
                })
                .collect()
        })
    }));
    let category = Memo::new(move |_| {
        wizard
            .draft
            .answers
            .with(|a| wizard.with_catalog(|c| c.category(&a.service, &a.category).cloned()))
    });
    let categories = Signal::from(Memo::new(move |_| {
        let service = wizard.draft.answers.with(|a| a.service.clone());
        wizard.with_catalog(|c| {
            c.service(&service)
                .map(|s| {
                    s.categories
                        .iter()
                        .map(|c| Choice {
                            id: c.id.clone(),
                            label: i18n.text(&c.label),
                            hint: None,
                            disabled: false,
                            link: None,
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
    }));
    let has_service = move || wizard.draft.answers.with(|a| !a.service.is_empty());
    let service_locked = wizard.is_locked(&Field::Service);
    let category_locked = wizard.is_locked(&Field::Category);
    view! {
        <StepHeading text=move || i18n.t(msg::STEP_CLASSIFICATION) />
        <Select
            field=Field::Service
            label=move || i18n.t(msg::SERVICE_LABEL)
            hint=move || i18n.t(msg::SERVICE_HINT)
            choices=services
            value=move || wizard.draft.answers.with(|a| a.service.clone())
            on_change=Callback::new(move |id: String| wizard.draft.answers.update(|a| a.set_service(&id)))
            disabled=service_locked
        />
        <Show when=has_service>
            <Select
                field=Field::Category
                label=move || i18n.t(msg::CATEGORY_LABEL)
                choices=categories
                value=move || wizard.draft.answers.with(|a| a.category.clone())
                on_change=Callback::new(move |id: String| wizard.draft.answers.update(|a| a.set_category(&id)))
                disabled=category_locked
            />
        </Show>
        {move || category.get().map(|c| view! { <CategoryDetails category=c /> })}
        <StepNav />
    }
}

/// What a chosen category brings: help links, and the extra questions it asks.
#[component]
fn CategoryDetails(category: Category) -> impl IntoView {
    let i18n = use_i18n();
    let links = category.help_links.clone();
    view! {
        {(!links.is_empty()).then(|| view! {
            <aside class="cw-help">
                <p class="cw-help-heading">{move || i18n.t(msg::HELP_LINKS_HEADING)}</p>
                <ul>
                    {links.iter().map(|l| {
                        let label = l.label.clone();
                        view! { <li><a href=l.url.clone() target="_blank" rel="noopener noreferrer">{move || i18n.text(&label)}</a></li> }
                    }).collect_view()}
                </ul>
            </aside>
        })}
        {category.fields.into_iter().map(|f| view! { <ExtraFieldInput field=f /> }).collect_view()}
    }
}

#[component]
fn ExtraFieldInput(field: ExtraField) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let i18n = use_i18n();
    let id = Field::Extra(field.id.clone());
    let key = field.id.clone();
    let value = Signal::derive(move || {
        wizard
            .draft
            .answers
            .with(|a| a.fields.get(&key).cloned().unwrap_or_default())
    });
    let key = field.id.clone();
    let on_input = Callback::new(move |v: String| {
        wizard.draft.answers.update(|a| {
            if v.is_empty() {
                a.fields.remove(&key);
            } else {
                a.fields.insert(key.clone(), v);
            }
        })
    });
    let label_text = field.label.clone();
    let label = Signal::derive(move || i18n.text(&label_text));
    let hint = field
        .hint
        .clone()
        .map(|h| Signal::derive(move || i18n.text(&h)));
    let optional = !field.required;
    match field.kind {
        FieldKind::Choice { options } => {
            let choices = Signal::from(Memo::new(move |_| {
                options
                    .iter()
                    .map(|o| Choice {
                        id: o.id.clone(),
                        label: i18n.text(&o.label),
                        hint: None,
                        disabled: false,
                        link: None,
                    })
                    .collect()
            }));
            match hint {
                Some(hint) => view! { <Select field=id.clone() label=label hint=hint optional=optional choices=choices value=value on_change=on_input /> }.into_any(),
                None => view! { <Select field=id.clone() label=label optional=optional choices=choices value=value on_change=on_input /> }.into_any(),
            }
        }
        kind => {
            let kind = match kind {
                FieldKind::Number { .. } => InputKind::Number,
                FieldKind::Date { .. } => InputKind::Date,
                _ => InputKind::Text,
            };
            match hint {
                Some(hint) => view! { <TextField field=id.clone() label=label hint=hint optional=optional kind=kind value=value on_input=on_input /> }.into_any(),
                None => view! { <TextField field=id.clone() label=label optional=optional kind=kind value=value on_input=on_input /> }.into_any(),
            }
        }
    }
}
