//! Files uploaded before their case: kept under a token until a case claims them, counted per
//! client, and expired when no case does.

use std::fs;

use chrono::Utc;
use rusqlite::{params, Connection, OptionalExtension};

use super::files::sync_dir;
use super::{Received, Store, StoreError};

/// Whether an upload's row is still there, unclaimed.
pub(super) fn is_kept(db: &Connection, token: &str) -> Result<bool, StoreError> {
    let kept = db
        .query_row(
            "SELECT 1 FROM uploads WHERE token = ?1",
            params![token],
            |_| Ok(()),
        )
        .optional()?;
    Ok(kept.is_some())
}

/// Claims an upload for the case being written; false when another case claimed it first.
pub(super) fn claim(db: &Connection, token: &str) -> Result<bool, StoreError> {
    Ok(db.execute("DELETE FROM uploads WHERE token = ?1", params![token])? > 0)
}

impl Store {
    /// Bytes `client` has uploaded that no case has claimed yet.
    pub fn unclaimed_bytes(&self, client: &str) -> Result<u64, StoreError> {
        let used = self.db()?.query_row(
            "SELECT COALESCE(SUM(size), 0) FROM uploads WHERE client = ?1",
            params![client],
            |r| r.get::<_, i64>(0),
        )?;
        Ok(used as u64)
    }

    /// Removes uploads no case claimed within `ttl`, rows and files; returns how many.
    pub fn expire_uploads(&self, ttl: std::time::Duration) -> Result<usize, StoreError> {
        let ttl = chrono::Duration::from_std(ttl).map_err(|_| StoreError::TtlOutOfRange)?;
        let cutoff = Utc::now() - ttl;
        let expired: Vec<(String, String)> = {
            let db = self.db()?;
            let rows: Vec<(String, String)> = db
                .prepare("SELECT token, path FROM uploads WHERE created_at < ?1")?
                .query_map(params![cutoff.to_rfc3339()], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            for (token, _) in &rows {
                claim(&db, token)?;
            }
            rows
        };
        for (_, path) in &expired {
            let _ = fs::remove_file(path);
        }
        Ok(expired.len())
    }

    /// Keeps an uploaded file until a case of its `owner` (the signed-in customer's id, empty
    /// for none) claims it; returns its token.
    pub fn insert_upload(
        &self,
        file: Received,
        client: &str,
        owner: &str,
    ) -> Result<String, StoreError> {
        let token = uuid::Uuid::new_v4().simple().to_string();
        let path = self.root.join("uploads").join(&token);
        fs::rename(&file.temp_path, &path)?;
        // A crash before the row commits leaves a file without a row, which `recover` removes.
        sync_dir(&self.root.join("uploads"));
        self.db()?.execute(
            "INSERT INTO uploads (token, filename, content_type, size, sha256, path, created_at, client, owner)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                token,
                file.filename,
                file.content_type,
                file.size as i64,
                file.sha256,
                path.to_string_lossy(),
                Utc::now().to_rfc3339(),
                client,
                owner
            ],
        )?;
        Ok(token)
    }

    /// An uploaded file not yet claimed by a case, for a case of the customer who uploaded it.
    pub fn upload(&self, token: &str, owner: &str) -> Result<Option<Received>, StoreError> {
        let row = self
            .db()?
            .query_row(
                "SELECT filename, content_type, size, sha256, path FROM uploads
                 WHERE token = ?1 AND owner = ?2",
                params![token, owner],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                    ))
                },
            )
            .optional()?;
        let Some((filename, content_type, size, sha256, path)) = row else {
            return Ok(None);
        };
        let mut leading = vec![0; case_core::attachment::SNIFF_LEN];
        let read =
            fs::File::open(&path).and_then(|mut f| std::io::Read::read(&mut f, &mut leading))?;
        leading.truncate(read);
        Ok(Some(Received {
            filename,
            content_type,
            size: size as u64,
            sha256,
            leading,
            temp_path: path.into(),
            upload_token: Some(token.to_owned()),
        }))
    }
}
