use case_core::msg;
use case_core::FieldError;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::field_errors::use_field_errors;
use crate::i18n::use_i18n;

/// GOV.UK's error summary: every error of the step, each a link that focuses its field.
#[component]
pub fn ErrorSummary() -> impl IntoView {
    let errors = use_field_errors();
    let i18n = use_i18n();
    let summary = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if !errors.0.with(Vec::is_empty) {
            request_animation_frame(move || {
                if let Some(el) = summary.get_untracked() {
                    let _ = el.focus();
                }
            });
        }
    });
    move || {
        let errors: Vec<FieldError> = errors.0.get();
        (!errors.is_empty()).then(|| {
            view! {
                <div class="cw-error-summary" role="alert" tabindex="-1" node_ref=summary>
                    <h2 class="cw-error-summary-title">{i18n.t(msg::ERROR_SUMMARY_TITLE)}</h2>
                    <ul class="cw-error-summary-list">
                        {errors
                            .into_iter()
                            .map(|e| {
                                let field = e.field.id().into_owned();
                                view! {
                                    <li>
                                        <a
                                            href=format!("#{}", e.field)
                                            on:click=move |ev| {
                                                ev.prevent_default();
                                                if let Some(el) = summary.get_untracked() {
                                                    focus_field(&el, &field);
                                                }
                                            }
                                        >
                                            {i18n.error(&e)}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// Moves focus to the first control of `field` inside the widget.
fn focus_field(anchor: &web_sys::Element, field: &str) {
    let Some(root) = anchor
        .get_root_node()
        .dyn_into::<web_sys::DocumentFragment>()
        .ok()
    else {
        return;
    };
    let selector = format!("[data-field=\"{field}\"]");
    if let Ok(Some(el)) = root.query_selector(&selector) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}
