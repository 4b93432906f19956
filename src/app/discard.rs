use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::wizard::Wizard;
use case_core::msg;

/// "Discard draft", confirmed inline before anything is removed.
#[component]
pub fn DiscardDraft() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    view! {
        <div class="cw-discard">
            <Show
                when=move || confirming.get()
                fallback=move || view! {
                    <button type="button" class="cw-link-button" data-action="discard" on:click=move |_| confirming.set(true)>
                        {move || i18n.t(msg::ACTION_DISCARD)}
                    </button>
                }
            >
                <div class="cw-discard-confirm" role="alertdialog" aria-labelledby="cw-discard-question">
                    <p id="cw-discard-question">{move || i18n.t(msg::DISCARD_CONFIRM)}</p>
                    <button type="button" class="cw-button cw-button-warning" data-action="discard-yes" on:click=move |_| { confirming.set(false); wizard.discard(); }>
                        {move || i18n.t(msg::ACTION_DISCARD_YES)}
                    </button>
                    <button type="button" class="cw-button cw-button-secondary" data-action="discard-no" on:click=move |_| confirming.set(false)>
                        {move || i18n.t(msg::ACTION_DISCARD_NO)}
                    </button>
                </div>
            </Show>
        </div>
    }
}
