//! The case widget's domain: everything that decides what a customer may choose, what counts as
//! a valid answer, what crosses the network and when a first response is due. Plain Rust with no
//! browser types, shared by the widget (compiled to wasm) and the reference server, and tested
//! on the host.

pub mod attachment;
pub mod attachment_limits;
pub mod catalog;
pub mod deadline;
pub mod draft;
pub mod field;
pub mod i18n;
pub mod iso;
pub mod keyed;
pub mod limits;
pub mod map;
pub mod msg;
pub mod outcome;
pub mod pattern;
pub mod prefill;
pub mod profile;
pub mod rules;
#[cfg(feature = "schema")]
pub mod schema;
pub mod step;
pub mod suggest;
pub mod summary;
pub mod text;
pub mod validate;
pub mod wire;
pub mod zone;

pub use catalog::{Catalog, CatalogError};
pub use draft::{Answers, Step};
pub use field::Field;
pub use prefill::Prefill;
pub use validate::FieldError;
