//! One component per step of the wizard, in the order the customer meets them, and the
//! navigation at each step's foot.

/// Reads and writes one text answer: `bind!(wizard, subject)`.
macro_rules! bind {
    ($wizard:expr, $($field:tt)+) => {{
        let answers = $wizard.draft.answers;
        (
            Signal::derive(move || answers.with(|a| a.$($field)+.clone())),
            Callback::new(move |v: String| answers.update(|a| a.$($field)+ = v)),
        )
    }};
}

mod attachments;
mod case_type;
mod classification;
mod confirmation;
mod contact;
mod details;
mod nav;
mod review;
mod severity;
mod solve_now;
mod suggestions;

pub use attachments::AttachmentsStep;
pub use case_type::CaseTypeStep;
pub use classification::ClassificationStep;
pub use confirmation::Confirmation;
pub use contact::ContactStep;
pub use details::DetailsStep;
pub use review::ReviewStep;
pub use severity::SeverityStep;
pub use solve_now::SolveNow;
