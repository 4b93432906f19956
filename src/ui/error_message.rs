use case_core::msg;
use case_core::Field;
use leptos::prelude::*;

use super::field_errors::use_field_errors;
use super::field_frame::error_id;
use crate::i18n::use_i18n;

/// The error of `field`, while it has one, under the id its control's `aria-describedby` names.
#[component]
pub fn ErrorMessage(field: Field) -> impl IntoView {
    let errors = use_field_errors();
    let i18n = use_i18n();
    let id = error_id(&field.id());
    move || {
        errors.of(&field).map(|e| {
            view! {
                <p class="cw-error-message" id=id.clone()>
                    <span class="cw-visually-hidden">{i18n.t(msg::ERROR_SUMMARY_TITLE)}": "</span>
                    {i18n.error(&e)}
                </p>
            }
        })
    }
}
