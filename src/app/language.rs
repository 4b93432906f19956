use leptos::prelude::*;

use crate::i18n::use_i18n;
use case_core::msg;

/// The UI language, switchable at any time without losing an answer.
#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="cw-language">
            <label for="cw-language" class="cw-language-label">{move || i18n.t(msg::LANGUAGE_LABEL)}</label>
            <select id="cw-language" class="cw-select cw-select-small" on:change=move |ev| i18n.set(&event_target_value(&ev))>
                {i18n
                    .choices()
                    .into_iter()
                    .map(|(lang, name)| view! { <option value=lang lang=lang selected=move || i18n.lang() == lang>{name}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}
