//! The browser's services the widget uses, each behind plain functions: requests, timers,
//! random keys and the two stores a draft is kept in. Nothing here knows the wizard.

pub mod assets;
pub mod digest;
pub mod fetch;
pub mod file_store;
pub mod random;
pub mod storage;
pub mod timer;
pub mod transport;
pub mod zone;
