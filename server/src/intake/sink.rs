//! Files arriving with a request: each streamed to disk, hashed, measured and capped as it comes,
//! and removed again unless its case is stored.

use axum::http::StatusCode;
use axum::response::Response;
use case_core::attachment::SNIFF_LEN;
use case_core::catalog::AttachmentRules;
use case_core::i18n::Arg;
use case_core::msg;
use case_core::validate::FieldError;
use case_core::wire::FieldProblem;
use case_core::Field;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use super::errors::{error, storage_error};
use crate::state::AppState;
use crate::store::{remove_arrived, Received};

/// Files received for one request; those that came in with it are removed from disk unless
/// their case is stored. Uploaded files stay for a retry.
pub(super) struct Incoming(pub(super) Vec<Received>);

impl Drop for Incoming {
    fn drop(&mut self) {
        remove_arrived(&self.0);
    }
}

/// Every catalog's attachment rules, case types' own included.
pub(super) fn all_rules(state: &AppState) -> impl Iterator<Item = &AttachmentRules> {
    state.catalogs.values().flat_map(|c| c.attachment_rules())
}

/// The largest file any catalog accepts: the hard cap while a file streams in.
pub(super) fn file_cap(state: &AppState) -> u64 {
    all_rules(state).map(|r| r.max_bytes).max().unwrap_or(0)
}

/// One file arriving in chunks: written to disk, hashed, measured and capped as it comes.
pub(super) struct FileSink {
    file: tokio::fs::File,
    hasher: Sha256,
    received: Received,
    cap: u64,
}

impl FileSink {
    pub(super) async fn new(
        state: &AppState,
        filename: String,
        content_type: String,
        cap: u64,
    ) -> Result<Self, Response> {
        let temp_path = state.store.incoming_path();
        let file = tokio::fs::File::create(&temp_path)
            .await
            .map_err(storage_error)?;
        Ok(FileSink {
            file,
            hasher: Sha256::new(),
            received: Received {
                filename,
                content_type,
                size: 0,
                sha256: String::new(),
                leading: Vec::new(),
                temp_path,
                upload_token: None,
            },
            cap,
        })
    }

    pub(super) async fn push(&mut self, chunk: &[u8]) -> Result<(), Response> {
        self.received.size += chunk.len() as u64;
        if self.received.size > self.cap {
            self.abandon();
            return Err(self.too_large());
        }
        let want = SNIFF_LEN.saturating_sub(self.received.leading.len());
        self.received
            .leading
            .extend_from_slice(&chunk[..want.min(chunk.len())]);
        self.hasher.update(chunk);
        if let Err(e) = self.file.write_all(chunk).await {
            self.abandon();
            return Err(storage_error(e));
        }
        Ok(())
    }

    fn too_large(&self) -> Response {
        error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-large",
            format!(
                "{} is larger than {} bytes",
                self.received.filename, self.cap
            ),
            vec![FieldProblem::from(
                &FieldError::new(Field::Attachments, msg::ERROR_ATTACHMENT_OVER_SERVER_LIMIT)
                    .arg("name", self.received.filename.as_str())
                    .arg("max", Arg::Bytes(self.cap)),
            )],
        )
    }

    pub(super) fn abandon(&self) {
        let _ = std::fs::remove_file(&self.received.temp_path);
    }

    pub(super) async fn finish(mut self) -> Result<Received, Response> {
        if let Err(e) = self.file.sync_all().await {
            self.abandon();
            return Err(storage_error(e));
        }
        self.received.sha256 = hex::encode(self.hasher.finalize());
        Ok(self.received)
    }
}
