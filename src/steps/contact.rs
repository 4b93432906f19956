use case_core::Field;
use leptos::prelude::*;

use super::nav::StepNav;
use crate::i18n::use_i18n;
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
    let phone_locked = wizard.is_locked(&Field::PhoneNumber);
    let cc_offered = wizard.with_rules(|rules| rules.cc_offered());
    let shown_in = untrack(|| i18n.lang());
    wizard
        .draft
        .answers
        .update(|a| wizard.with_rules(|rules| a.default_contact_language(rules, shown_in)));
    let (email, set_email) = bind!(wizard, email);
    let (number, set_number) = bind!(wizard, phone_number);
    let (extension, set_extension) = bind!(wizard, phone_extension);
    let (cc, set_cc) = bind!(wizard, cc);
    let (method, set_method) = bind!(wizard, contact_method);
    let (country, set_country) = bind!(wizard, phone_country);
    let (language, set_language) = bind!(wizard, contact_language);
    let case_and_severity = move || {
        wizard
            .draft
            .answers
            .with(|a| (a.case_type.clone(), a.severity.clone()))
    };
    let methods = Signal::from(Memo::new(move |_| {
        let (case_type, severity) = case_and_severity();
        wizard.with_rules(|rules| {
            rules
                .contact_methods(&case_type, &severity)
                .into_iter()
                .map(|m| Choice {
                    id: m.id.clone(),
                    label: i18n.text(&m.label),
                    hint: m.description.as_ref().map(|d| i18n.text(d)),
                    disabled: false,
                    link: None,
                })
                .collect()
        })
    }));
    let countries = Signal::from(Memo::new(move |_| {
        wizard.with_catalog(|c| {
            c.phone_countries
                .iter()
                .map(|p| Choice {
                    id: p.region.clone(),
                    label: format!("{} (+{})", i18n.text(&p.label), p.dial),
                    hint: None,
                    disabled: false,
                    link: None,
                })
                .collect()
        })
    }));
    let languages = Signal::from(Memo::new(move |_| {
        let (case_type, severity) = case_and_severity();
        wizard.with_rules(|rules| {
            rules
                .contact_languages(&case_type, &severity)
                .into_iter()
                .map(|l| Choice {
                    id: l.id.clone(),
                    label: i18n.text(&l.label),
                    hint: None,
                    disabled: false,
                    link: None,
                })
                .collect()
        })
    }));
    // Outside its team's hours, a language says when the team is next at work.
    let team_away = move || {
        let language = language.get();
        wizard.with_rules(|rules| {
            let hours = rules.language_team_hours(&language)?;
            let opens = wizard.with_clocks(|c| c.next_opening(Utc::now(), hours))?;
            let label = rules.catalog.contact_language(&language)?;
            Some(i18n.moment(
                msg::CONTACT_LANGUAGE_TEAM_CLOSED,
                opens,
                &[("language", Arg::Label(label.label.clone()))],
            ))
        })
    };
    let wants_phone = move || {
        let method = method.get();
        wizard.with_catalog(|c| c.contact_method(&method).is_some_and(|m| m.phone))
    };
    view! {
        <StepHeading text=move || i18n.t(msg::STEP_CONTACT) />
        <TextField field=Field::Name label=move || i18n.t(msg::NAME_LABEL) value=name on_input=set_name autocomplete="name" readonly=name_given />
        <TextField field=Field::Email label=move || i18n.t(msg::EMAIL_LABEL) value=email on_input=set_email kind=InputKind::Email autocomplete="email" readonly=email_given />
        <RadioGroup
            field=Field::ContactMethod
            legend=move || i18n.t(msg::CONTACT_METHOD_LEGEND)
            choices=methods
            value=method
            on_change=set_method
        />
        <Show when=wants_phone>
            <div class="cw-phone">
                <Select field=Field::PhoneCountry label=move || i18n.t(msg::PHONE_COUNTRY_LABEL) choices=countries value=country on_change=set_country autocomplete="tel-country-code" disabled=phone_locked />
                <TextField field=Field::PhoneNumber label=move || i18n.t(msg::PHONE_NUMBER_LABEL) hint=move || i18n.t(msg::PHONE_NUMBER_HINT) value=number on_input=set_number kind=InputKind::Tel autocomplete="tel" readonly=phone_locked />
                <TextField field=Field::PhoneExtension label=move || i18n.t(msg::PHONE_EXTENSION_LABEL) value=extension on_input=set_extension kind=InputKind::Tel autocomplete="tel-extension" optional=true />
            </div>
        </Show>
        <Select field=Field::ContactLanguage label=move || i18n.t(msg::CONTACT_LANGUAGE_LABEL) choices=languages value=language on_change=set_language />
        <p class="cw-hint cw-team-hours" aria-live="polite">{team_away}</p>
        {cc_offered.then(|| view! {
            <TextField field=Field::Cc label=move || i18n.t(msg::CC_LABEL) hint=move || i18n.t(msg::CC_HINT) value=cc on_input=set_cc kind=InputKind::Email optional=true />
        })}
        <StepNav />
    }
}
