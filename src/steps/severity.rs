use case_core::catalog::ResponseTime;
use case_core::deadline::first_response_by;
use case_core::msg;
use case_core::Field;
use chrono::{Datelike, Local, Timelike};
use leptos::prelude::*;

use super::nav::StepNav;
use crate::i18n::{use_i18n, I18n};
use crate::ui::{Choice, RadioGroup};
use crate::wizard::Wizard;

pub fn response_label(i18n: I18n, response: ResponseTime) -> String {
    let (id, n) = match response {
        ResponseTime::Minutes(n) if n % 60 == 0 => (msg::DURATION_HOURS, n / 60),
        ResponseTime::Minutes(n) => (msg::DURATION_MINUTES, n),
        ResponseTime::Hours(n) => (msg::DURATION_HOURS, n),
        ResponseTime::BusinessDays(n) => (msg::DURATION_BUSINESS_DAYS, n),
    };
    i18n.ta(id, &[("n", n.into())])
}

fn deadline_label(
    i18n: I18n,
    response: ResponseTime,
    hours: Option<&case_core::catalog::BusinessHours>,
) -> String {
    let due = first_response_by(Local::now(), response, hours);
    let weekday = i18n.ta(
        msg::WEEKDAY,
        &[("day", due.weekday().to_string().to_lowercase().into())],
    );
    i18n.ta(
        msg::SEVERITY_DEADLINE,
        &[
            ("weekday", weekday.into()),
            ("month", due.month().into()),
            ("day", due.day().into()),
            (
                "time",
                format!("{:02}:{:02}", due.hour(), due.minute()).into(),
            ),
        ],
    )
}

#[component]
pub fn SeverityStep() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let i18n = use_i18n();
    let choices = Signal::from(Memo::new(move |_| {
        let case_type = wizard.answers.with(|a| a.case_type.clone());
        wizard.with_rules(|rules| {
            let hours = rules.business_hours();
            rules
                .severities(&case_type)
                .into_iter()
                .map(|o| {
                    let mut hint = Vec::new();
                    if let Some(d) = &o.severity.description {
                        hint.push(i18n.text(d));
                    }
                    hint.push(i18n.ta(
                        msg::SEVERITY_RESPONSE,
                        &[("duration", response_label(i18n, o.response).into())],
                    ));
                    if !o.call_only {
                        hint.push(deadline_label(i18n, o.response, hours));
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
    }));
    let business_hours = move || {
        wizard.with_rules(|rules| {
            rules.business_hours().map(|h| {
                i18n.ta(
                    msg::SEVERITY_BUSINESS_HOURS,
                    &[
                        ("start", hours_minutes(h.start).into()),
                        ("end", hours_minutes(h.end).into()),
                    ],
                )
            })
        })
    };
    let call_only = move || {
        let (case_type, severity) = wizard
            .answers
            .with(|a| (a.case_type.clone(), a.severity.clone()));
        wizard.with_rules(|rules| {
            rules
                .severity(&case_type, &severity)
                .filter(|o| o.call_only)
                .map(|_| rules.catalog.support_phone.clone().unwrap_or_default())
        })
    };
    view! {
        <RadioGroup
            field=Field::Severity
            legend=move || i18n.t(msg::SEVERITY_LEGEND)
            choices=choices
            value=move || wizard.answers.with(|a| a.severity.clone())
            on_change=Callback::new(move |id: String| wizard.answers.update(|a| a.severity = id))
            heading=true
        />
        {move || business_hours().map(|text| view! { <p class="cw-hint">{text}</p> })}
        {move || call_only().map(|phone| {
            let tel = format!("tel:{}", phone.replace([' ', '-'], ""));
            view! {
                <div class="cw-callout" role="alert">
                    <p>{i18n.ta(msg::SEVERITY_CALL_ONLY, &[("phone", phone.as_str().into())])}</p>
                    <p><a class="cw-phone-link" href=tel>{phone.clone()}</a></p>
                </div>
            }
        })}
        <StepNav />
    }
}

/// "09:00", written out rather than with `format("%H:%M")`, which would ship chrono's format parser.
fn hours_minutes(time: chrono::NaiveTime) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}
