//! What an operator sees of the server: one log line per request and the start-up and shutdown
//! lines (`log`), Prometheus metrics (`metrics`), and the middleware that measures every answer
//! for both (`request`). Handlers say what happened by answering; the few things an answer does
//! not show (an upstream's status, a quota) they add as an `Event` extension.

pub mod log;
pub mod metrics;
pub mod request;

pub use metrics::Metrics;
pub use request::Event;
