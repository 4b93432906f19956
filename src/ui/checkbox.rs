use leptos::prelude::*;

use super::field_frame::hint_id;

/// One checkbox with its label and hint, in the radios' layout.
#[component]
pub fn Checkbox(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] hint: Signal<String>,
    #[prop(into)] checked: Signal<bool>,
    on_change: Callback<bool>,
) -> impl IntoView {
    let hint_id = hint_id(id);
    view! {
        <div class="cw-field cw-radio">
            <input
                type="checkbox"
                class="cw-radio-input"
                id=id
                prop:checked=checked
                aria-describedby=hint_id.clone()
                on:change=move |ev| on_change.run(event_target_checked(&ev))
            />
            <label class="cw-radio-label" for=id>{label}</label>
            <p class="cw-hint cw-radio-hint" id=hint_id>{hint}</p>
        </div>
    }
}
