use leptos::prelude::*;

use super::review::Summary;
use crate::i18n::use_i18n;
use crate::wizard::{Phase, Wizard};
use case_core::msg;

#[component]
pub fn Confirmation() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let i18n = use_i18n();
    let id = move || match wizard.submission.phase.get() {
        Phase::Done(created) => created.id,
        _ => String::new(),
    };
    let link = move || match wizard.submission.phase.get() {
        Phase::Done(created) => created.link,
        _ => None,
    };
    view! {
        <div class="cw-confirmation" role="status">
            <h2 class="cw-heading cw-confirmation-heading" tabindex="-1" data-step-heading>{move || i18n.t(msg::DONE_HEADING)}</h2>
            <p class="cw-case-id">{move || i18n.ta(msg::DONE_CASE_ID, &[("id", id().into())])}</p>
            {move || link().map(|href| view! {
                <p><a class="cw-link cw-case-link" href=href target="_blank" rel="noopener noreferrer">{i18n.t(msg::DONE_LINK)}</a></p>
            })}
            <p class="cw-hint">{move || i18n.t(msg::DONE_HINT)}</p>
        </div>
        <h3 class="cw-subheading">{move || i18n.t(msg::DONE_SUMMARY)}</h3>
        <Summary />
        <button type="button" class="cw-button cw-button-secondary" data-action="new-case" on:click=move |_| wizard.start_over()>
            {move || i18n.t(msg::ACTION_NEW_CASE)}
        </button>
    }
}
