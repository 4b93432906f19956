//! Why storage failed. Said in the server's log only: a client hears that its case could not be
//! stored, in no system's words.

use std::fmt;

#[derive(Debug)]
pub enum StoreError {
    Database(rusqlite::Error),
    File(std::io::Error),
    /// A request panicked while it held the database.
    Poisoned,
    /// A stored case's payload is not JSON.
    Payload(serde_json::Error),
    /// The case an idempotency key names is not there.
    CaseVanished,
    /// How long uploads are kept is beyond what a date can count.
    TtlOutOfRange,
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Database(e) => e.fmt(f),
            StoreError::File(e) => e.fmt(f),
            StoreError::Poisoned => f.write_str("the database was left locked by a panic"),
            StoreError::Payload(e) => write!(f, "a stored case is not JSON: {e}"),
            StoreError::CaseVanished => f.write_str("case vanished"),
            StoreError::TtlOutOfRange => f.write_str("the upload lifetime is out of range"),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Database(e)
    }
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> Self {
        StoreError::File(e)
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Payload(e)
    }
}

impl<T> From<std::sync::PoisonError<T>> for StoreError {
    fn from(_: std::sync::PoisonError<T>) -> Self {
        StoreError::Poisoned
    }
}
