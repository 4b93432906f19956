//! A backend's own limits, as its wire profile states them. The stricter of them and the
//! catalog's applies ([`crate::attachment_limits`]).

use serde::Deserialize;

/// What the backend itself takes (a profile's `limits`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackendLimits {
    #[serde(default)]
    pub attachments: Option<BackendAttachments>,
}

/// The backend's attachment limits; an absent one is no limit of the backend's.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BackendAttachments {
    /// Bytes per file.
    pub max_bytes: Option<u64>,
    /// Files per case.
    pub max_files: Option<usize>,
    /// MIME types or `.ext` suffixes, as a catalog's `allowed_types`.
    pub types: Option<Vec<String>>,
}
