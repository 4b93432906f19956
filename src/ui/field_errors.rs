use case_core::{Field, FieldError};
use leptos::prelude::*;

/// The errors of the last "Continue", which every control reads for its own field. Whoever owns
/// them provides this context; the controls never know what a wizard is.
#[derive(Clone, Copy)]
pub struct FieldErrors(pub ReadSignal<Vec<FieldError>>);

impl FieldErrors {
    /// The error shown at `field`, if any.
    pub fn of(&self, field: &Field) -> Option<FieldError> {
        self.0
            .with(|errors| errors.iter().find(|e| e.field == *field).cloned())
    }
}

pub(super) fn use_field_errors() -> FieldErrors {
    expect_context::<FieldErrors>()
}
