//! Durable storage: one SQLite database for cases, one file per attachment. A case's files are
//! written and synced before its row commits, so a stored case always has its bytes.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::Utc;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

/// A file received for a case, already on disk: in the incoming folder when it came with the
/// case, in the uploads folder when it was uploaded first (then `upload_token` is set).
pub struct Received {
    pub filename: String,
    pub content_type: String,
    pub size: u64,
    pub sha256: String,
    /// The file's first bytes, to tell its type.
    pub leading: Vec<u8>,
    pub temp_path: PathBuf,
    pub upload_token: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct StoredAttachment {
    pub filename: String,
    pub content_type: String,
    pub size: u64,
    pub sha256: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct StoredCase {
    pub id: String,
    pub created_at: String,
    pub case: serde_json::Value,
    pub attachments: Vec<StoredAttachment>,
}

/// An `Idempotency-Key`, within the identity that sent it, and the fingerprint of its request.
pub struct IdempotencyKey {
    /// The signed-in customer the key belongs to; empty without one.
    pub scope: String,
    pub key: String,
    pub fingerprint: String,
}

/// What became of a case sent to be stored.
pub enum Stored {
    New(StoredCase),
    /// The case stored first under the same key, for the same request.
    Replayed(StoredCase),
    /// The key was used before for another request.
    KeyReused,
    /// The case's form token filed another case before.
    FormTokenUsed,
    /// An uploaded file the case names was claimed by another case meanwhile.
    UploadGone,
}

/// The secret this server signs its form tokens with, kept in the data folder so tokens outlive
/// a restart; made on first use.
pub fn form_token_secret(root: &Path) -> Result<crate::token::Secret, String> {
    use std::io::Write;
    let path = root.join("form-token.key");
    if !path.exists() {
        fs::create_dir_all(root).map_err(|e| format!("{}: {e}", root.display()))?;
        let secret = format!(
            "{}{}",
            uuid::Uuid::new_v4().simple(),
            uuid::Uuid::new_v4().simple()
        );
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        if let Ok(mut file) = options.open(&path) {
            file.write_all(secret.as_bytes())
                .and_then(|()| file.sync_all())
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    crate::token::Secret::from_file(&path.to_string_lossy())
}

pub struct Store {
    db: Mutex<Connection>,
    root: PathBuf,
}

impl Store {
    pub fn open(root: &Path) -> Result<Store, String> {
        fs::create_dir_all(root.join("attachments")).map_err(|e| e.to_string())?;
        fs::create_dir_all(root.join("incoming")).map_err(|e| e.to_string())?;
        fs::create_dir_all(root.join("uploads")).map_err(|e| e.to_string())?;
        // Stored paths are absolute, whatever folder the server is started from next.
        let root = &fs::canonicalize(root).map_err(|e| e.to_string())?;
        let db = Connection::open(root.join("cases.sqlite3")).map_err(|e| e.to_string())?;
        db.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = FULL;
             CREATE TABLE IF NOT EXISTS cases (
                 seq INTEGER PRIMARY KEY AUTOINCREMENT,
                 id TEXT NOT NULL UNIQUE,
                 idempotency_key TEXT UNIQUE,
                 created_at TEXT NOT NULL,
                 payload TEXT NOT NULL
             );
             CREATE TABLE IF NOT EXISTS attachments (
                 case_id TEXT NOT NULL REFERENCES cases(id),
                 position INTEGER NOT NULL,
                 filename TEXT NOT NULL,
                 content_type TEXT NOT NULL,
                 size INTEGER NOT NULL,
                 sha256 TEXT NOT NULL,
                 path TEXT NOT NULL,
                 PRIMARY KEY (case_id, position)
             );
             CREATE TABLE IF NOT EXISTS uploads (
                 token TEXT PRIMARY KEY,
                 filename TEXT NOT NULL,
                 content_type TEXT NOT NULL,
                 size INTEGER NOT NULL,
                 sha256 TEXT NOT NULL,
                 path TEXT NOT NULL,
                 created_at TEXT NOT NULL
             );
             CREATE TABLE IF NOT EXISTS idempotency (
                 scope TEXT NOT NULL,
                 key TEXT NOT NULL,
                 fingerprint TEXT,
                 case_id TEXT NOT NULL REFERENCES cases(id),
                 PRIMARY KEY (scope, key)
             );
             CREATE TABLE IF NOT EXISTS used_form_tokens (
                 nonce TEXT PRIMARY KEY,
                 used_at TEXT NOT NULL
             );
             CREATE INDEX IF NOT EXISTS uploads_by_age ON uploads (created_at);
             INSERT OR IGNORE INTO idempotency (scope, key, fingerprint, case_id)
                 SELECT '', idempotency_key, NULL, id FROM cases
                 WHERE idempotency_key IS NOT NULL;",
        )
        .map_err(|e| e.to_string())?;
        // Uploads kept before they were counted per client belong to no client.
        let has_client: bool = db
            .prepare("SELECT 1 FROM pragma_table_info('uploads') WHERE name = 'client'")
            .and_then(|mut s| s.exists([]))
            .map_err(|e| e.to_string())?;
        if !has_client {
            db.execute_batch("ALTER TABLE uploads ADD COLUMN client TEXT NOT NULL DEFAULT ''")
                .map_err(|e| e.to_string())?;
        }
        let store = Store {
            db: Mutex::new(db),
            root: root.to_owned(),
        };
        store.recover()?;
        Ok(store)
    }

    /// Finishes or undoes what a crash interrupted, so that cases and files agree: files still
    /// arriving are removed; a case folder whose case was not committed goes, and the pending
    /// files of a committed one take their names; uploaded files without their row go, and rows
    /// without their file.
    fn recover(&self) -> Result<(), String> {
        let db = self.db.lock().map_err(|e| e.to_string())?;
        let entries = |dir: &Path| -> Vec<PathBuf> {
            fs::read_dir(dir)
                .map(|d| d.flatten().map(|e| e.path()).collect())
                .unwrap_or_default()
        };
        for path in entries(&self.root.join("incoming")) {
            let _ = fs::remove_file(&path).or_else(|_| fs::remove_dir_all(&path));
        }
        let attachments = self.root.join("attachments");
        for dir in entries(&attachments) {
            let id = dir.file_name().unwrap_or_default().to_string_lossy();
            let committed: bool = db
                .query_row("SELECT 1 FROM cases WHERE id = ?1", params![id], |_| Ok(()))
                .optional()
                .map_err(|e| e.to_string())?
                .is_some();
            if !committed {
                let _ = fs::remove_dir_all(&dir);
                continue;
            }
            for pending in entries(&dir) {
                if pending.extension().is_some_and(|e| e == "pending") {
                    let _ = fs::rename(&pending, pending.with_extension(""));
                }
            }
            sync_dir(&dir);
        }
        sync_dir(&attachments);
        let uploads = self.root.join("uploads");
        for path in entries(&uploads) {
            let token = path.file_name().unwrap_or_default().to_string_lossy();
            let kept: bool = db
                .query_row(
                    "SELECT 1 FROM uploads WHERE token = ?1",
                    params![token],
                    |_| Ok(()),
                )
                .optional()
                .map_err(|e| e.to_string())?
                .is_some();
            if !kept {
                let _ = fs::remove_file(&path);
            }
        }
        sync_dir(&uploads);
        let rows: Vec<(String, String)> = {
            let mut stmt = db
                .prepare("SELECT token, path FROM uploads")
                .map_err(|e| e.to_string())?;
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(|e| e.to_string())?
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| e.to_string())?;
            rows
        };
        for (token, path) in rows {
            if !Path::new(&path).exists() {
                db.execute("DELETE FROM uploads WHERE token = ?1", params![token])
                    .map_err(|e| e.to_string())?;
            }
        }
        Ok(())
    }

    /// A fresh path for an incoming file, removed again if its case is not stored.
    pub fn incoming_path(&self) -> PathBuf {
        self.root
            .join("incoming")
            .join(uuid::Uuid::new_v4().simple().to_string())
    }

    /// Bytes `client` has uploaded that no case has claimed yet.
    pub fn unclaimed_bytes(&self, client: &str) -> Result<u64, String> {
        let db = self.db.lock().map_err(|e| e.to_string())?;
        db.query_row(
            "SELECT COALESCE(SUM(size), 0) FROM uploads WHERE client = ?1",
            params![client],
            |r| r.get::<_, i64>(0),
        )
        .map(|n| n as u64)
        .map_err(|e| e.to_string())
    }

    /// Removes uploads no case claimed within `ttl`, rows and files; returns how many.
    pub fn expire_uploads(&self, ttl: std::time::Duration) -> Result<usize, String> {
        let cutoff = Utc::now() - chrono::Duration::from_std(ttl).map_err(|e| e.to_string())?;
        let expired: Vec<(String, String)> = {
            let db = self.db.lock().map_err(|e| e.to_string())?;
            let mut stmt = db
                .prepare("SELECT token, path FROM uploads WHERE created_at < ?1")
                .map_err(|e| e.to_string())?;
            let rows = stmt
                .query_map(params![cutoff.to_rfc3339()], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(|e| e.to_string())?
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| e.to_string())?;
            for (token, _) in &rows {
                db.execute("DELETE FROM uploads WHERE token = ?1", params![token])
                    .map_err(|e| e.to_string())?;
            }
            rows
        };
        for (_, path) in &expired {
            let _ = fs::remove_file(path);
        }
        Ok(expired.len())
    }

    /// Keeps an uploaded file until a case claims it; returns its token.
    pub fn insert_upload(&self, file: Received, client: &str) -> Result<String, String> {
        let token = uuid::Uuid::new_v4().simple().to_string();
        let path = self.root.join("uploads").join(&token);
        fs::rename(&file.temp_path, &path).map_err(|e| e.to_string())?;
        // A crash before the row commits leaves a file without a row, which `recover` removes.
        sync_dir(&self.root.join("uploads"));
        let db = self.db.lock().map_err(|e| e.to_string())?;
        db.execute(
            "INSERT INTO uploads (token, filename, content_type, size, sha256, path, created_at, client)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                token,
                file.filename,
                file.content_type,
                file.size as i64,
                file.sha256,
                path.to_string_lossy(),
                Utc::now().to_rfc3339(),
                client
            ],
        )
        .map_err(|e| e.to_string())?;
        Ok(token)
    }

    /// An uploaded file not yet claimed by a case.
    pub fn upload(&self, token: &str) -> Result<Option<Received>, String> {
        let db = self.db.lock().map_err(|e| e.to_string())?;
        let row = db
            .query_row(
                "SELECT filename, content_type, size, sha256, path FROM uploads WHERE token = ?1",
                params![token],
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
            .optional()
            .map_err(|e| e.to_string())?;
        let Some((filename, content_type, size, sha256, path)) = row else {
            return Ok(None);
        };
        let mut leading = vec![0; case_core::attachment::SNIFF_LEN];
        let read = fs::File::open(&path)
            .and_then(|mut f| std::io::Read::read(&mut f, &mut leading))
            .map_err(|e| e.to_string())?;
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

    fn case_for_key(
        db: &Connection,
        key: &IdempotencyKey,
    ) -> rusqlite::Result<Option<(String, Option<String>)>> {
        db.query_row(
            "SELECT case_id, fingerprint FROM idempotency WHERE scope = ?1 AND key = ?2",
            params![key.scope, key.key],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()
    }

    /// What a request under `key` with this fingerprint gets: the case stored under the key
    /// first, or a refusal when the key was used for another request; `None` for a new key.
    pub fn find_by_key(&self, key: &IdempotencyKey) -> Result<Option<Stored>, String> {
        let found = {
            let db = self.db.lock().map_err(|e| e.to_string())?;
            Self::case_for_key(&db, key).map_err(|e| e.to_string())?
        };
        match found {
            Some((id, fingerprint)) => self.replay(&id, fingerprint, key).map(Some),
            None => Ok(None),
        }
    }

    fn replay(
        &self,
        id: &str,
        fingerprint: Option<String>,
        key: &IdempotencyKey,
    ) -> Result<Stored, String> {
        // Keys stored before fingerprints were kept match any request.
        if fingerprint.is_some_and(|f| f != key.fingerprint) {
            return Ok(Stored::KeyReused);
        }
        let case = self.get(id)?.ok_or("case vanished")?;
        Ok(Stored::Replayed(case))
    }

    /// Stores a case and moves its files into place. A key already stored returns the case
    /// stored first, or a refusal when it was used for another request.
    pub fn insert(
        &self,
        key: Option<&IdempotencyKey>,
        form_token: Option<&str>,
        payload: &serde_json::Value,
        files: Vec<Received>,
    ) -> Result<Stored, String> {
        let mut db = self.db.lock().map_err(|e| e.to_string())?;
        if let Some((existing, fingerprint)) = key
            .map(|k| Self::case_for_key(&db, k))
            .transpose()
            .map_err(|e| e.to_string())?
            .flatten()
        {
            drop(db);
            for f in files.iter().filter(|f| f.upload_token.is_none()) {
                let _ = fs::remove_file(&f.temp_path);
            }
            return self.replay(&existing, fingerprint, key.expect("found by key"));
        }
        // Another case may have claimed an uploaded file since it was looked up.
        for token in files.iter().filter_map(|f| f.upload_token.as_deref()) {
            let kept = db
                .query_row(
                    "SELECT 1 FROM uploads WHERE token = ?1",
                    params![token],
                    |_| Ok(()),
                )
                .optional()
                .map_err(|e| e.to_string())?
                .is_some();
            if !kept {
                for f in files.iter().filter(|f| f.upload_token.is_none()) {
                    let _ = fs::remove_file(&f.temp_path);
                }
                return Ok(Stored::UploadGone);
            }
        }
        let now = Utc::now();
        let tx = db.transaction().map_err(|e| e.to_string())?;
        let seq: i64 = tx
            .query_row("SELECT COALESCE(MAX(seq), 0) + 1 FROM cases", [], |r| {
                r.get(0)
            })
            .map_err(|e| e.to_string())?;
        let id = format!("CASE-{}-{seq:05}", now.format("%Y%m%d"));
        let attachments = self.root.join("attachments");
        let dir = attachments.join(&id);
        let created_at = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        // Until the row commits, the case's files are in its folder under temporary names;
        // uploaded files are linked there, so they stay claimable should the case fail.
        let fail = |dir: &Path, files: &[Received], e: String| {
            let _ = fs::remove_dir_all(dir);
            for f in files.iter().filter(|f| f.upload_token.is_none()) {
                let _ = fs::remove_file(&f.temp_path);
            }
            e
        };
        // A case without files has no folder, and costs no folder syncs.
        let with_files = !files.is_empty();
        if with_files {
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).map_err(|e| fail(&dir, &files, e.to_string()))?;
        }
        for (position, file) in files.iter().enumerate() {
            let pending = dir.join(format!("{position}.pending"));
            let placed = match file.upload_token {
                Some(_) => fs::hard_link(&file.temp_path, &pending),
                None => fs::rename(&file.temp_path, &pending),
            };
            placed.map_err(|e| fail(&dir, &files, e.to_string()))?;
        }
        if with_files {
            sync_dir(&dir);
            sync_dir(&attachments);
        }
        let rows = (|| -> Result<Option<Stored>, String> {
            if let Some(nonce) = form_token {
                let fresh = tx
                    .execute(
                        "INSERT OR IGNORE INTO used_form_tokens (nonce, used_at) VALUES (?1, ?2)",
                        params![nonce, created_at],
                    )
                    .map_err(|e| e.to_string())?;
                if fresh == 0 {
                    return Ok(Some(Stored::FormTokenUsed));
                }
            }
            tx.execute(
                "INSERT INTO cases (seq, id, created_at, payload) VALUES (?1, ?2, ?3, ?4)",
                params![seq, id, created_at, payload.to_string()],
            )
            .map_err(|e| e.to_string())?;
            if let Some(key) = key {
                tx.execute(
                    "INSERT INTO idempotency (scope, key, fingerprint, case_id) VALUES (?1, ?2, ?3, ?4)",
                    params![key.scope, key.key, key.fingerprint, id],
                )
                .map_err(|e| e.to_string())?;
            }
            for (position, file) in files.iter().enumerate() {
                if let Some(token) = &file.upload_token {
                    let claimed = tx
                        .execute("DELETE FROM uploads WHERE token = ?1", params![token])
                        .map_err(|e| e.to_string())?;
                    if claimed == 0 {
                        return Ok(Some(Stored::UploadGone));
                    }
                }
                tx.execute(
                    "INSERT INTO attachments (case_id, position, filename, content_type, size, sha256, path)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![
                        id,
                        position as i64,
                        file.filename,
                        file.content_type,
                        file.size as i64,
                        file.sha256,
                        dir.join(position.to_string()).to_string_lossy()
                    ],
                )
                .map_err(|e| e.to_string())?;
            }
            Ok(None)
        })();
        match rows {
            Ok(None) => {}
            Ok(Some(refused)) => {
                drop(tx);
                fail(&dir, &files, String::new());
                return Ok(refused);
            }
            Err(e) => {
                drop(tx);
                return Err(fail(&dir, &files, e));
            }
        }
        if let Err(e) = tx.commit() {
            return Err(fail(&dir, &files, e.to_string()));
        }
        // Committed: the files take their names (or `recover` gives them after a crash), and
        // the uploads claimed leave the uploads folder.
        for position in 0..files.len() {
            let _ = fs::rename(
                dir.join(format!("{position}.pending")),
                dir.join(position.to_string()),
            );
        }
        if with_files {
            sync_dir(&dir);
        }
        let mut claimed = files.iter().filter(|f| f.upload_token.is_some()).peekable();
        if claimed.peek().is_some() {
            for file in claimed {
                let _ = fs::remove_file(&file.temp_path);
            }
            sync_dir(&self.root.join("uploads"));
        }
        drop(db);
        let stored = files
            .into_iter()
            .map(|file| StoredAttachment {
                filename: file.filename,
                content_type: file.content_type,
                size: file.size,
                sha256: file.sha256,
            })
            .collect();
        Ok(Stored::New(StoredCase {
            id,
            created_at,
            case: payload.clone(),
            attachments: stored,
        }))
    }

    pub fn get(&self, id: &str) -> Result<Option<StoredCase>, String> {
        let db = self.db.lock().map_err(|e| e.to_string())?;
        let row: Option<(String, String)> = db
            .query_row(
                "SELECT created_at, payload FROM cases WHERE id = ?1",
                params![id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| e.to_string())?;
        let Some((created_at, payload)) = row else {
            return Ok(None);
        };
        let mut stmt = db
            .prepare(
                "SELECT filename, content_type, size, sha256 FROM attachments WHERE case_id = ?1 ORDER BY position",
            )
            .map_err(|e| e.to_string())?;
        let attachments = stmt
            .query_map(params![id], |r| {
                Ok(StoredAttachment {
                    filename: r.get(0)?,
                    content_type: r.get(1)?,
                    size: r.get::<_, i64>(2)? as u64,
                    sha256: r.get(3)?,
                })
            })
            .map_err(|e| e.to_string())?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| e.to_string())?;
        Ok(Some(StoredCase {
            id: id.to_owned(),
            created_at,
            case: serde_json::from_str(&payload).map_err(|e| e.to_string())?,
            attachments,
        }))
    }

    pub fn ids(&self) -> Result<Vec<String>, String> {
        let db = self.db.lock().map_err(|e| e.to_string())?;
        let mut stmt = db
            .prepare("SELECT id FROM cases ORDER BY seq")
            .map_err(|e| e.to_string())?;
        let ids = stmt
            .query_map([], |r| r.get(0))
            .map_err(|e| e.to_string())?
            .collect::<Result<Vec<String>, _>>()
            .map_err(|e| e.to_string());
        ids
    }

    pub fn count(&self) -> Result<i64, String> {
        let db = self.db.lock().map_err(|e| e.to_string())?;
        db.query_row("SELECT COUNT(*) FROM cases", [], |r| r.get(0))
            .map_err(|e| e.to_string())
    }
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}
