use case_core::msg;
use case_core::Field;
use leptos::prelude::*;

use super::choice::Choice;
use super::field_frame::{FieldFrame, FieldWiring};
use crate::i18n::use_i18n;

#[component]
pub fn Select(
    field: Field,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] choices: Signal<Vec<Choice>>,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(optional)] optional: bool,
    #[prop(optional)] autocomplete: &'static str,
    /// What choosing nothing is called, where it is an answer; "Choose…" otherwise.
    #[prop(optional, into)]
    empty_label: Option<Signal<String>>,
    /// Locked by the host page: shown, sent, not changeable.
    #[prop(optional)]
    disabled: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let wiring = FieldWiring::new(field, hint);
    let (describedby, invalid) = (wiring.described_by(), wiring.invalid());
    let id = wiring.id.clone();
    let autocomplete = (!autocomplete.is_empty()).then_some(autocomplete);
    let control = view! {
        <select
            id=id.clone()
            data-field=id
            class="cw-select"
            autocomplete=autocomplete
            aria-describedby=describedby
            aria-invalid=invalid
            disabled=disabled
            on:change=move |ev| on_change.run(event_target_value(&ev))
        >
            <option value="" selected=move || value.with(String::is_empty)>
                {move || empty_label.map_or_else(|| i18n.t(msg::CHOOSE_OPTION), |l| l.get())}
            </option>
            {move || {
                choices
                    .get()
                    .into_iter()
                    .map(|c| {
                        let id = c.id.clone();
                        view! {
                            <option value=c.id.clone() selected=move || value.with(|v| *v == id)>{c.label}</option>
                        }
                    })
                    .collect_view()
            }}
        </select>
    }
    .into_any();
    view! { <FieldFrame wiring=wiring label=label optional=optional control=control /> }
}
