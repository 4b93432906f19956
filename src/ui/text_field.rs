use case_core::msg;
use case_core::Field;
use leptos::prelude::*;

use super::field_frame::{FieldFrame, FieldWiring};
use crate::i18n::use_i18n;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Text,
    Email,
    Tel,
    Number,
    Date,
    Multiline,
}

#[component]
pub fn TextField(
    field: Field,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(optional)] optional: bool,
    #[prop(default = InputKind::Text)] kind: InputKind,
    #[prop(optional)] autocomplete: &'static str,
    /// Shows a live count of characters left against this limit.
    #[prop(optional)]
    max_chars: Option<usize>,
    /// Supplied by the host page: shown, sent, not editable.
    #[prop(optional)]
    readonly: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let wiring = FieldWiring::new(field, hint);
    let (describedby, invalid) = (wiring.described_by(), wiring.invalid());
    let id = wiring.id.clone();
    let input = move |ev: web_sys::Event| on_input.run(event_target_value(&ev));
    let autocomplete = (!autocomplete.is_empty()).then_some(autocomplete);
    let control = if kind == InputKind::Multiline {
        view! {
            <textarea
                id=id.clone()
                data-field=id.clone()
                class="cw-textarea"
                rows="8"
                prop:value=value
                on:input=input
                aria-describedby=describedby
                aria-invalid=invalid
            ></textarea>
        }
        .into_any()
    } else {
        let (input_type, mode) = match kind {
            InputKind::Email => ("email", None),
            InputKind::Tel => ("tel", Some("tel")),
            InputKind::Number => ("text", Some("decimal")),
            InputKind::Date => ("date", None),
            _ => ("text", None),
        };
        view! {
            <input
                id=id.clone()
                data-field=id.clone()
                class="cw-input"
                type=input_type
                inputmode=mode
                autocomplete=autocomplete
                spellcheck=(kind == InputKind::Email).then_some("false")
                readonly=readonly
                prop:value=value
                on:input=input
                aria-describedby=describedby
                aria-invalid=invalid
            />
        }
        .into_any()
    };
    let counter = max_chars.map(|max| {
        let left = move || {
            let used = value.with(|v| v.chars().count());
            if used > max {
                i18n.ta(msg::CHARS_OVER, &[("n", (used - max).into())])
            } else {
                i18n.ta(msg::CHARS_LEFT, &[("n", (max - used).into())])
            }
        };
        view! { <p class="cw-counter" aria-live="polite">{left}</p> }
    });
    let control = view! { {control} {counter} }.into_any();
    view! { <FieldFrame wiring=wiring label=label optional=optional control=control /> }
}
