//! Cases: stored with their files together or not at all, read back, counted.

use std::path::Path;

use chrono::Utc;
use rusqlite::{params, Connection, OptionalExtension};

use super::files::{kept, place, remove_arrived, settle, undo};
use super::idempotency::{case_for_key, record};
use super::uploads::{claim, is_kept};
use super::{IdempotencyKey, Received, Store, StoreError, Stored, StoredAttachment, StoredCase};

/// A case about to be written: its row's values and where its files go.
struct NewCase<'a> {
    seq: i64,
    id: String,
    created_at: String,
    dir: &'a Path,
    payload: &'a serde_json::Value,
    key: Option<&'a IdempotencyKey>,
    form_token: Option<&'a str>,
}

impl Store {
    /// Stores a case and moves its files into place. A key already stored returns the case
    /// stored first, or a refusal when it was used for another request.
    pub fn insert(
        &self,
        key: Option<&IdempotencyKey>,
        form_token: Option<&str>,
        payload: &serde_json::Value,
        files: Vec<Received>,
    ) -> Result<Stored, StoreError> {
        let mut db = self.db()?;
        if let Some(key) = key {
            if let Some((existing, fingerprint)) = case_for_key(&db, key)? {
                drop(db);
                remove_arrived(&files);
                return self.replay(&existing, fingerprint, key);
            }
        }
        // Another case may have claimed an uploaded file since it was looked up.
        for token in files.iter().filter_map(|f| f.upload_token.as_deref()) {
            if !is_kept(&db, token)? {
                remove_arrived(&files);
                return Ok(Stored::UploadGone);
            }
        }
        let now = Utc::now();
        let tx = db.transaction()?;
        let seq: i64 = tx.query_row("SELECT COALESCE(MAX(seq), 0) + 1 FROM cases", [], |r| {
            r.get(0)
        })?;
        let id = format!("CASE-{}-{seq:05}", now.format("%Y%m%d"));
        let dir = self.root.join("attachments").join(&id);
        let case = NewCase {
            seq,
            id,
            created_at: now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            dir: &dir,
            payload,
            key,
            form_token,
        };
        // Until the row commits, the case's files are in its folder under temporary names.
        let written = place(&dir, &files).and_then(|()| write_rows(&tx, &case, &files));
        let refused = match written {
            Ok(refused) => refused,
            Err(e) => {
                drop(tx);
                undo(&dir, &files);
                return Err(e);
            }
        };
        if let Some(refused) = refused {
            drop(tx);
            undo(&dir, &files);
            return Ok(refused);
        }
        if let Err(e) = tx.commit() {
            undo(&dir, &files);
            return Err(e.into());
        }
        settle(&dir, &self.root.join("uploads"), &files);
        drop(db);
        Ok(Stored::New(stored(case, files)))
    }

    pub fn get(&self, id: &str) -> Result<Option<StoredCase>, StoreError> {
        let db = self.db()?;
        let row: Option<(String, String)> = db
            .query_row(
                "SELECT created_at, payload FROM cases WHERE id = ?1",
                params![id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((created_at, payload)) = row else {
            return Ok(None);
        };
        let attachments = db
            .prepare(
                "SELECT filename, content_type, size, sha256 FROM attachments WHERE case_id = ?1 ORDER BY position",
            )?
            .query_map(params![id], |r| {
                Ok(StoredAttachment {
                    filename: r.get(0)?,
                    content_type: r.get(1)?,
                    size: r.get::<_, i64>(2)? as u64,
                    sha256: r.get(3)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Some(StoredCase {
            id: id.to_owned(),
            created_at,
            case: serde_json::from_str(&payload)?,
            attachments,
        }))
    }

    pub fn ids(&self) -> Result<Vec<String>, StoreError> {
        let db = self.db()?;
        let ids = db
            .prepare("SELECT id FROM cases ORDER BY seq")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(ids)
    }

    pub fn count(&self) -> Result<i64, StoreError> {
        Ok(self
            .db()?
            .query_row("SELECT COUNT(*) FROM cases", [], |r| r.get(0))?)
    }
}

/// The case's rows, within its transaction: its form token marked used, the case, its key and
/// its files with the uploads they claim. A refusal when the form token or an upload was used
/// meanwhile.
fn write_rows(
    tx: &Connection,
    case: &NewCase,
    files: &[Received],
) -> Result<Option<Stored>, StoreError> {
    if let Some(nonce) = case.form_token {
        let fresh = tx.execute(
            "INSERT OR IGNORE INTO used_form_tokens (nonce, used_at) VALUES (?1, ?2)",
            params![nonce, case.created_at],
        )?;
        if fresh == 0 {
            return Ok(Some(Stored::FormTokenUsed));
        }
    }
    tx.execute(
        "INSERT INTO cases (seq, id, created_at, payload) VALUES (?1, ?2, ?3, ?4)",
        params![case.seq, case.id, case.created_at, case.payload.to_string()],
    )?;
    if let Some(key) = case.key {
        record(tx, key, &case.id)?;
    }
    for (position, file) in files.iter().enumerate() {
        if let Some(token) = &file.upload_token {
            if !claim(tx, token)? {
                return Ok(Some(Stored::UploadGone));
            }
        }
        tx.execute(
            "INSERT INTO attachments (case_id, position, filename, content_type, size, sha256, path)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                case.id,
                position as i64,
                file.filename,
                file.content_type,
                file.size as i64,
                file.sha256,
                kept(case.dir, position).to_string_lossy()
            ],
        )?;
    }
    Ok(None)
}

/// The case as stored, for the answer.
fn stored(case: NewCase, files: Vec<Received>) -> StoredCase {
    let attachments = files
        .into_iter()
        .map(|file| StoredAttachment {
            filename: file.filename,
            content_type: file.content_type,
            size: file.size,
            sha256: file.sha256,
        })
        .collect();
    StoredCase {
        id: case.id,
        created_at: case.created_at,
        case: case.payload.clone(),
        attachments,
    }
}
