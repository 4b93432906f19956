use case_core::Field;
use leptos::prelude::*;

use super::nav::StepNav;
use crate::i18n::{use_i18n, I18n};
use crate::ui::{Choice, InputKind, RadioGroup, Select, StepHeading, TextField};
use crate::wizard::Wizard;
use case_core::i18n::Arg;
use case_core::msg;
use chrono::Utc;

#[component]
pub fn ContactStep() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let i18n = use_i18n();
    let (name, set_name) = bind!(wizard, name);
    let (name_given, email_given) = wizard.contact_given();
    let cc_offered = wizard.with_rules(|rules| rules.cc_offered());
    let shown_in = untrack(|| i18n.lang());
    wizard
        .draft
        .answers
        .update(|a| wizard.with_rules(|rules| a.default_contact_language(rules, shown_in)));
    let (email, set_email) = bind!(wizard, email);
    let (cc, set_cc) = bind!(wizard, cc);
    let (method, set_method) = bind!(wizard, contact_method);
    let (language, set_language) = bind!(wizard, contact_language);
    view! {
        <StepHeading text=move || i18n.t(msg::STEP_CONTACT) />
        <TextField field=Field::Name label=move || i18n.t(msg::NAME_LABEL) value=name on_input=set_name autocomplete="name" readonly=name_given />
        <TextField field=Field::Email label=move || i18n.t(msg::EMAIL_LABEL) value=email on_input=set_email kind=InputKind::Email autocomplete="email" readonly=email_given />
        <RadioGroup
            field=Field::ContactMethod
            legend=move || i18n.t(msg::CONTACT_METHOD_LEGEND)
            choices=contact_methods(wizard, i18n)
            value=method
            on_change=set_method
        />
        {phone_fields(wizard, i18n, method)}
        <Select field=Field::ContactLanguage label=move || i18n.t(msg::CONTACT_LANGUAGE_LABEL) choices=contact_languages(wizard, i18n) value=language on_change=set_language />
        <p class="cw-hint cw-team-hours" aria-live="polite">{move || team_away(wizard, i18n, &language.get())}</p>
        {cc_offered.then(|| view! {
            <TextField field=Field::Cc label=move || i18n.t(msg::CC_LABEL) hint=move || i18n.t(msg::CC_HINT) value=cc on_input=set_cc kind=InputKind::Email optional=true />
        })}
        <StepNav />
    }
}

/// The phone number, its country and extension, shown while the chosen method is a call.
fn phone_fields(wizard: Wizard, i18n: I18n, method: Signal<String>) -> impl IntoView {
    let phone_locked = wizard.is_locked(&Field::PhoneNumber);
    let (number, set_number) = bind!(wizard, phone_number);
    let (extension, set_extension) = bind!(wizard, phone_extension);
    let (country, set_country) = bind!(wizard, phone_country);
    let countries = Signal::from(Memo::new(move |_| {
        wizard.with_catalog(|c| {
            c.phone_countries
                .iter()
                .map(|p| {
                    let label = format!("{} (+{})", i18n.text(&p.label), p.dial);
                    choice(p.region.clone(), label, None)
                })
                .collect()
        })
    }));
    let wants_phone = move || {
        let method = method.get();
        wizard.with_catalog(|c| c.contact_method(&method).is_some_and(|m| m.phone))
    };
    view! {
        <Show when=wants_phone>
            <div class="cw-phone">
                <Select field=Field::PhoneCountry label=move || i18n.t(msg::PHONE_COUNTRY_LABEL) choices=countries value=country on_change=set_country autocomplete="tel-country-code" disabled=phone_locked />
                <TextField field=Field::PhoneNumber label=move || i18n.t(msg::PHONE_NUMBER_LABEL) hint=move || i18n.t(msg::PHONE_NUMBER_HINT) value=number on_input=set_number kind=InputKind::Tel autocomplete="tel" readonly=phone_locked />
                <TextField field=Field::PhoneExtension label=move || i18n.t(msg::PHONE_EXTENSION_LABEL) value=extension on_input=set_extension kind=InputKind::Tel autocomplete="tel-extension" optional=true />
            </div>
        </Show>
    }
}

/// The ways of contact offered for the case type and severity chosen.
fn contact_methods(wizard: Wizard, i18n: I18n) -> Signal<Vec<Choice>> {
    Signal::from(Memo::new(move |_| {
        let (case_type, severity) = wizard.draft.case_type_and_severity();
        wizard.with_rules(|rules| {
            rules
                .contact_methods(&case_type, &severity)
                .into_iter()
                .map(|m| {
                    let hint = m.description.as_ref().map(|d| i18n.text(d));
                    choice(m.id.clone(), i18n.text(&m.label), hint)
                })
                .collect()
        })
    }))
}

/// The languages support answers in for the case type and severity chosen.
fn contact_languages(wizard: Wizard, i18n: I18n) -> Signal<Vec<Choice>> {
    Signal::from(Memo::new(move |_| {
        let (case_type, severity) = wizard.draft.case_type_and_severity();
        wizard.with_rules(|rules| {
            rules
                .contact_languages(&case_type, &severity)
                .into_iter()
                .map(|l| choice(l.id.clone(), i18n.text(&l.label), None))
                .collect()
        })
    }))
}

fn choice(id: String, label: String, hint: Option<String>) -> Choice {
    Choice {
        id,
        label,
        hint,
        disabled: false,
        link: None,
    }
}

/// Outside its team's hours, a language says when the team is next at work.
fn team_away(wizard: Wizard, i18n: I18n, language: &str) -> Option<String> {
    wizard.with_rules(|rules| {
        let hours = rules.language_team_hours(language)?;
        let opens = wizard.with_clocks(|c| c.next_opening(Utc::now(), hours))?;
        let label = rules.catalog.contact_language(language)?;
        Some(i18n.moment(
            msg::CONTACT_LANGUAGE_TEAM_CLOSED,
            opens,
            &[("language", Arg::Label(label.label.clone()))],
        ))
    })
}
