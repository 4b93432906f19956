use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::wizard::Wizard;
use case_core::msg;

/// "Back" and "Continue" (or another primary action) at the foot of a step.
#[component]
pub fn StepNav(#[prop(optional)] primary: Option<Signal<String>>) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let i18n = use_i18n();
    let primary = primary.unwrap_or_else(|| Signal::derive(move || i18n.t(msg::ACTION_NEXT)));
    let has_back = move || wizard.step.with(|s| s.prev().is_some());
    view! {
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
