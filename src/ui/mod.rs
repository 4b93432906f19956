//! Form controls, one per file: the frame a labelled control sits in with its hint and error
//! (`field_frame.rs`), text fields, selects, radio groups, a checkbox, the error summary, a step's
//! heading and an action asked about before it is taken. They follow the GOV.UK question-page
//! pattern. A control reads its field's errors from the `FieldErrors` context, whoever provides
//! it; none of them knows what a wizard is.

mod checkbox;
mod choice;
mod confirmed;
mod error_message;
mod error_summary;
mod field_errors;
mod field_frame;
mod radio_group;
mod select;
mod step_heading;
mod text_field;

pub use checkbox::Checkbox;
pub use choice::Choice;
pub use confirmed::Confirmed;
pub use error_message::ErrorMessage;
pub use error_summary::ErrorSummary;
pub use field_errors::FieldErrors;
pub use radio_group::RadioGroup;
pub use select::Select;
pub use step_heading::StepHeading;
pub use text_field::{InputKind, TextField};
