//! One component per step of the wizard, in the order the customer meets them.

mod attachments;
mod case_type;
mod classification;
mod confirmation;
mod contact;
mod details;
mod review;
mod severity;

pub use attachments::AttachmentsStep;
pub use case_type::CaseTypeStep;
pub use classification::ClassificationStep;
pub use confirmation::Confirmation;
pub use contact::ContactStep;
pub use details::DetailsStep;
pub use review::ReviewStep;
pub use severity::SeverityStep;
