//! The frame a labelled control sits in: its label, hint and error, and the ids and ARIA state
//! that tie them to the control.

use case_core::msg;
use case_core::Field;
use leptos::prelude::*;

use super::error_message::ErrorMessage;
use super::field_errors::{use_field_errors, FieldErrors};
use crate::i18n::use_i18n;

/// The id of what describes an element with id `id`: its `hint` or its `error`.
fn part_id(id: &str, part: &str) -> String {
    format!("{id}-{part}")
}

pub(super) fn hint_id(id: &str) -> String {
    part_id(id, "hint")
}

pub(super) fn error_id(id: &str) -> String {
    part_id(id, "error")
}

/// A field as its frame and its control share it: its id, its hint, and whether it shows an
/// error now.
#[derive(Clone)]
pub(super) struct FieldWiring {
    pub field: Field,
    pub id: String,
    pub hint: Option<Signal<String>>,
    errors: FieldErrors,
}

impl FieldWiring {
    pub fn new(field: Field, hint: Option<Signal<String>>) -> Self {
        let id = field.id().into_owned();
        FieldWiring {
            field,
            id,
            hint,
            errors: use_field_errors(),
        }
    }

    pub fn has_error(&self) -> impl Fn() -> bool + Clone + Send + Sync + 'static {
        let (errors, field) = (self.errors, self.field.clone());
        move || errors.of(&field).is_some()
    }

    /// `aria-invalid`, while the field shows an error.
    pub fn invalid(&self) -> impl Fn() -> Option<&'static str> + Send + Sync + 'static {
        let has_error = self.has_error();
        move || has_error().then_some("true")
    }

    /// `aria-describedby`: the hint and, while there is one, the error.
    pub fn described_by(&self) -> impl Fn() -> Option<String> + Send + Sync + 'static {
        let (id, has_hint, has_error) = (self.id.clone(), self.hint.is_some(), self.has_error());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id(&id));
            }
            if has_error() {
                ids.push(error_id(&id));
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    }
}

/// The label ("(optional)" where no answer is required), the hint, the error, then the control
/// with whatever goes with it.
#[component]
pub(super) fn FieldFrame(
    wiring: FieldWiring,
    label: Signal<String>,
    optional: bool,
    control: AnyView,
) -> impl IntoView {
    let i18n = use_i18n();
    let has_error = wiring.has_error();
    let FieldWiring {
        field, id, hint, ..
    } = wiring;
    view! {
        <div class="cw-field" class:cw-field-error=has_error>
            <label class="cw-label" for=id.clone()>
                {label}
                {optional.then(|| view! { " " <span class="cw-optional">{move || i18n.t(msg::OPTIONAL)}</span> })}
            </label>
            {hint.map(|text| view! { <p class="cw-hint" id=hint_id(&id)>{text}</p> })}
            <ErrorMessage field=field />
            {control}
        </div>
    }
}
