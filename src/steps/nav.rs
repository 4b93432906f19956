use case_core::catalog::{Notice, Phone};
use case_core::msg;
use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::wizard::Wizard;

/// The foot of a step: the catalog's notices for it, then "Back" and "Continue" (or another
/// primary action).
#[component]
pub fn StepNav(#[prop(optional, into)] primary: Option<Signal<String>>) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let i18n = use_i18n();
    let primary = primary.unwrap_or_else(|| Signal::derive(move || i18n.t(msg::ACTION_NEXT)));
    let has_back = move || wizard.nav.step.with(|s| s.prev().is_some());
    let notices = Memo::new(move |_| {
        let step = wizard.nav.step.get();
        let (case_type, severity) = wizard.draft.case_type_and_severity();
        wizard.with_rules(|rules| {
            rules
                .notices(step, &case_type, &severity)
                .into_iter()
                .cloned()
                .collect::<Vec<Notice>>()
        })
    });
    view! {
        {move || notices.get().into_iter().map(|n| view! {
            <p class="cw-catalog-notice" role="note">
                {i18n.text(&n.text)}
                {n.phones.iter().enumerate().map(|(i, phone)| phone_link(phone, i > 0)).collect_view()}
                {n.email.map(|email| view! {
                    " "<a class="cw-email-link" href=format!("mailto:{email}")>{email.clone()}</a>
                })}
            </p>
        }).collect_view()}
        <div class="cw-nav">
            <button type="submit" class="cw-button cw-button-primary" data-action="next">{primary}</button>
            <Show when=has_back>
                <button type="button" class="cw-button cw-button-secondary" data-action="back" on:click=move |_| wizard.back()>
                    {move || i18n.t(msg::ACTION_BACK)}
                </button>
            </Show>
        </div>
    }
}

/// ` +1 877-425-2832 (1-877-4-AKATEC)`, the number a link to call; after another number,
/// ` / +1 617-444-4605`.
fn phone_link(phone: &Phone, after_another: bool) -> impl IntoView {
    let dial: String = phone
        .number
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    let alias = phone
        .label
        .as_ref()
        .map(|label| view! { " "<span class="cw-phone-alias">{format!("({label})")}</span> });
    let separator = if after_another { " / " } else { " " };
    view! {
        {separator}<a class="cw-phone-link" href=format!("tel:{dial}")>{phone.number.clone()}</a>{alias}
    }
}
