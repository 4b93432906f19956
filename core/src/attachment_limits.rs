//! Attachment limits as the customer meets them: the stricter of the catalog's and the
//! backend's. A file the backend would refuse at submit is refused when it is attached, in words
//! that name the backend's limit where that is the one it is over.

use crate::attachment::{check, refuse_attachment};
use crate::catalog::AttachmentRules;
use crate::draft::AttachmentMeta;
use crate::field::FieldError;
use crate::limits::BackendAttachments;
use crate::msg::{self, Arg, MessageId};
use crate::rules::Rules;

/// Attachment limits as the customer meets them: the catalog's, narrowed by the backend's.
#[derive(Clone, Debug, PartialEq)]
pub struct AttachmentLimits {
    /// The stricter size and count, and the catalog's types.
    pub rules: AttachmentRules,
    /// The size is the backend's, lower than the catalog's.
    pub backend_size: bool,
    /// The count is the backend's, lower than the catalog's.
    pub backend_count: bool,
    /// The types the backend takes, besides the catalog's.
    pub backend_types: Option<Vec<String>>,
}

/// A sentence of the hint: a message id with its arguments.
pub type Hint = (MessageId, Vec<(&'static str, Arg)>);

impl AttachmentLimits {
    /// The limits for a case of this type, with the backend's that `rules` are within.
    pub fn of(rules: &Rules, case_type: Option<&str>) -> Self {
        Self::new(rules.attachments(case_type), rules.backend)
    }

    pub fn new(catalog: &AttachmentRules, backend: Option<&BackendAttachments>) -> Self {
        let backend = backend.cloned().unwrap_or_default();
        let max_bytes = backend.max_bytes.filter(|b| *b < catalog.max_bytes);
        let max_files = backend.max_files.filter(|n| *n < catalog.max_files);
        AttachmentLimits {
            rules: AttachmentRules {
                max_bytes: max_bytes.unwrap_or(catalog.max_bytes),
                max_files: max_files.unwrap_or(catalog.max_files),
                allowed_types: catalog.allowed_types.clone(),
                refused_types: catalog.refused_types.clone(),
            },
            backend_size: max_bytes.is_some(),
            backend_count: max_files.is_some(),
            backend_types: backend.types,
        }
    }

    /// Whether a file may be attached: the catalog's [`check`] with the stricter size and count,
    /// then the backend's types. A refusal over a limit of the backend's names the backend.
    pub fn check(
        &self,
        attached: &[AttachmentMeta],
        file: &AttachmentMeta,
        leading: Option<&[u8]>,
    ) -> Option<FieldError> {
        let refusal = match leading {
            Some(leading) => check(&self.rules, attached, file, leading),
            None => refuse_attachment(&self.rules, attached, file),
        };
        if let Some(error) = refusal {
            return Some(self.as_backends(error));
        }
        // Without its bytes a file's type is unproven: it is checked once they are read.
        let (types, leading) = (self.backend_types.as_ref()?, leading?);
        let backend = AttachmentRules {
            allowed_types: Some(types.clone()),
            ..self.rules.clone()
        };
        // Only the type can differ here: size, count and duplicates passed above.
        check(&backend, attached, file, leading).map(|mut error| {
            error.code = msg::ERROR_ATTACHMENT_BACKEND_TYPE;
            error
        })
    }

    fn as_backends(&self, mut error: FieldError) -> FieldError {
        if error.code == msg::ERROR_ATTACHMENT_TOO_LARGE && self.backend_size {
            error.code = msg::ERROR_ATTACHMENT_BACKEND_TOO_LARGE;
        } else if error.code == msg::ERROR_ATTACHMENT_TOO_MANY && self.backend_count {
            error.code = msg::ERROR_ATTACHMENT_BACKEND_TOO_MANY;
        }
        error
    }

    /// The hint's sentences about limits: the count and size, each limit of the backend's that is
    /// stricter, and the types.
    pub fn hints(&self) -> Vec<Hint> {
        let r = &self.rules;
        let mut hints = vec![(
            msg::ATTACHMENTS_LIMITS,
            vec![
                ("max", r.max_files.into()),
                ("size", Arg::Bytes(r.max_bytes)),
            ],
        )];
        if self.backend_size {
            hints.push((
                msg::ATTACHMENTS_BACKEND_SIZE,
                vec![("size", Arg::Bytes(r.max_bytes))],
            ));
        }
        if self.backend_count {
            hints.push((
                msg::ATTACHMENTS_BACKEND_COUNT,
                vec![("max", r.max_files.into())],
            ));
        }
        if let Some(types) = &r.allowed_types {
            hints.push((
                msg::ATTACHMENTS_TYPES,
                vec![("types", Arg::Types(types.clone()))],
            ));
        }
        if let Some(types) = &self.backend_types {
            hints.push((
                msg::ATTACHMENTS_BACKEND_TYPES,
                vec![("types", Arg::Types(types.clone()))],
            ));
        }
        hints
    }

    /// The file input's `accept`: the types both lists take where both name some, else the one
    /// list there is.
    pub fn accept(&self) -> Option<String> {
        let types = match (&self.rules.allowed_types, &self.backend_types) {
            (None, None) => return None,
            (Some(only), None) | (None, Some(only)) => only.clone(),
            (Some(catalog), Some(backend)) => {
                let mut both: Vec<String> = Vec::new();
                let taken = backend.iter().filter(|t| admits(catalog, t));
                for t in taken.chain(catalog.iter().filter(|t| admits(backend, t))) {
                    if !both.contains(t) {
                        both.push(t.clone());
                    }
                }
                both
            }
        };
        Some(types.join(","))
    }
}

/// Whether `list` takes every file `entry` names: the same entry, or its whole `type/*`.
fn admits(list: &[String], entry: &str) -> bool {
    let entry = entry.to_ascii_lowercase();
    list.iter().any(|t| {
        let t = t.to_ascii_lowercase();
        t == entry
            || t.strip_suffix("/*")
                .is_some_and(|top| entry.split_once('/').is_some_and(|(e, _)| e == top))
    })
}
