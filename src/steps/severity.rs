use case_core::catalog::{ResponseTime, TimeTerm};
use case_core::msg;
use case_core::Field;
use chrono::{Timelike, Utc};
use leptos::prelude::*;

use super::nav::StepNav;
use crate::i18n::{hours_minutes, use_i18n, I18n};
use crate::ui::{Choice, RadioGroup};
use crate::wizard::Wizard;

/// "4 hours"; `None` where no time is promised.
pub fn response_label(i18n: I18n, response: ResponseTime) -> Option<String> {
    let (id, n) = match response {
        ResponseTime::Unstated => return None,
        ResponseTime::Minutes(n) if n % 60 == 0 => (msg::DURATION_HOURS, n / 60),
        ResponseTime::Minutes(n) => (msg::DURATION_MINUTES, n),
        ResponseTime::Hours(n) => (msg::DURATION_HOURS, n),
        ResponseTime::BusinessDays(n) => (msg::DURATION_BUSINESS_DAYS, n),
    };
    Some(i18n.ta(id, &[("n", n.into())]))
}

#[component]
pub fn SeverityStep() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let i18n = use_i18n();
    view! {
        <RadioGroup
            field=Field::Severity
            legend=move || i18n.t(msg::SEVERITY_LEGEND)
            choices=severity_choices(wizard, i18n)
            value=move || wizard.draft.answers.with(|a| a.severity.clone())
            on_change=Callback::new(move |id: String| wizard.draft.answers.update(|a| a.severity = id))
            heading=true
        />
        {move || business_hours(wizard, i18n).map(|text| view! { <p class="cw-hint">{text}</p> })}
        {move || call_only_phone(wizard).map(|phone| call_only_callout(i18n, phone))}
        <StepNav />
    }
}

/// The severities of the case type, each with what it means, the time promised and by when.
fn severity_choices(wizard: Wizard, i18n: I18n) -> Signal<Vec<Choice>> {
    Signal::from(Memo::new(move |_| {
        let case_type = wizard.draft.answers.with(|a| a.case_type.clone());
        let now = Utc::now();
        wizard.with_rules(|rules| {
            let hours = rules.business_hours(&case_type);
            let promise = match rules.time_term(&case_type) {
                TimeTerm::FirstResponse => msg::SEVERITY_RESPONSE,
                TimeTerm::InitialContact => msg::SEVERITY_INITIAL_CONTACT,
            };
            rules
                .severities(&case_type)
                .into_iter()
                .map(|o| {
                    let mut hint = Vec::new();
                    if let Some(d) = &o.severity.description {
                        hint.push(i18n.text(d));
                    }
                    if let Some(duration) = response_label(i18n, o.response) {
                        hint.push(i18n.ta(promise, &[("duration", duration.into())]));
                    }
                    let due = wizard.with_clocks(|c| c.first_response_by(now, o.response, hours));
                    if let Some(due) = due.filter(|_| !o.call_only) {
                        hint.push(i18n.moment(msg::SEVERITY_DEADLINE, due, &[]));
                    }
                    Choice {
                        id: o.severity.id.clone(),
                        label: i18n.text(&o.severity.label),
                        hint: Some(hint.join(" · ")),
                        disabled: false,
                        link: None,
                    }
                })
                .collect()
        })
    }))
}

/// The case type's business hours, which the promised times count in; `None` where it has none.
fn business_hours(wizard: Wizard, i18n: I18n) -> Option<String> {
    let case_type = wizard.draft.answers.with(|a| a.case_type.clone());
    wizard.with_rules(|rules| {
        rules.business_hours(&case_type).map(|h| {
            // Whole days: only which days count is worth saying.
            if h.start == chrono::NaiveTime::MIN && h.end.hour() == 23 && h.end.minute() == 59 {
                return i18n.t(msg::SEVERITY_WORKING_DAYS);
            }
            let span = [
                ("start", hours_minutes(h.start).into()),
                ("end", hours_minutes(h.end).into()),
            ];
            let account_zone = wizard.with_clocks(|c| c.account_zone.map(str::to_owned));
            match h.time_zone.clone().or(account_zone) {
                Some(zone) => {
                    let mut args = span.to_vec();
                    args.push(("zone", zone.replace('_', " ").into()));
                    i18n.ta(msg::SEVERITY_BUSINESS_HOURS_ZONED, &args)
                }
                None => i18n.ta(msg::SEVERITY_BUSINESS_HOURS, &span),
            }
        })
    })
}

/// The support phone number, where the severity chosen must be called in rather than sent.
fn call_only_phone(wizard: Wizard) -> Option<String> {
    let (case_type, severity) = wizard.draft.case_type_and_severity();
    wizard.with_rules(|rules| {
        rules
            .severity(&case_type, &severity)
            .filter(|o| o.call_only)
            .map(|_| rules.catalog.support_phone.clone().unwrap_or_default())
    })
}

/// "Call us at …", with the number as a link that dials it.
fn call_only_callout(i18n: I18n, phone: String) -> impl IntoView {
    let tel = format!("tel:{}", phone.replace([' ', '-'], ""));
    view! {
        <div class="cw-callout" role="alert">
            <p>{i18n.ta(msg::SEVERITY_CALL_ONLY, &[("phone", phone.as_str().into())])}</p>
            <p><a class="cw-phone-link" href=tel>{phone.clone()}</a></p>
        </div>
    }
}
