//! Durable storage: one SQLite database for cases, one file per attachment. A case's files are
//! written and synced before its row commits, so a stored case always has its bytes.

mod cases;
mod error;
mod files;
mod idempotency;
mod recover;
mod uploads;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::Connection;
use serde::Serialize;

pub use error::StoreError;
pub use files::remove_arrived;

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

const SCHEMA: &str = "PRAGMA journal_mode = WAL;
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
         WHERE idempotency_key IS NOT NULL;";

/// How long a statement waits for another connection's lock: rusqlite's own default.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

pub struct Store {
    db: Mutex<Connection>,
    root: PathBuf,
}

impl Store {
    pub fn open(root: &Path) -> Result<Store, StoreError> {
        fs::create_dir_all(root.join("attachments"))?;
        fs::create_dir_all(root.join("incoming"))?;
        fs::create_dir_all(root.join("uploads"))?;
        // Stored paths are absolute, whatever folder the server is started from next.
        let root = &fs::canonicalize(root)?;
        let db = Connection::open(root.join("cases.sqlite3"))?;
        db.execute_batch(SCHEMA)?;
        // Uploads kept before they were counted per client belong to no client, and those kept
        // before they had an owner to no signed-in customer.
        for column in ["client", "owner"] {
            let has: bool = db
                .prepare("SELECT 1 FROM pragma_table_info('uploads') WHERE name = ?1")
                .and_then(|mut s| s.exists([column]))?;
            if !has {
                db.execute_batch(&format!(
                    "ALTER TABLE uploads ADD COLUMN {column} TEXT NOT NULL DEFAULT ''"
                ))?;
            }
        }
        let store = Store {
            db: Mutex::new(db),
            root: root.to_owned(),
        };
        store.recover()?;
        Ok(store)
    }

    /// The data folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Whether a case could be written now: the database grants a write lock within `bound`.
    pub fn writable_within(&self, bound: std::time::Duration) -> bool {
        let until = std::time::Instant::now() + bound;
        loop {
            if let Ok(db) = self.db.try_lock() {
                let _ = db.busy_timeout(until.saturating_duration_since(std::time::Instant::now()));
                let granted = db.execute_batch("BEGIN IMMEDIATE; ROLLBACK;").is_ok();
                let _ = db.busy_timeout(BUSY_TIMEOUT);
                return granted;
            }
            if std::time::Instant::now() >= until {
                return false;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }

    /// The database, for one request at a time.
    fn db(&self) -> Result<MutexGuard<'_, Connection>, StoreError> {
        Ok(self.db.lock()?)
    }

    /// A fresh path for an incoming file, removed again if its case is not stored.
    pub fn incoming_path(&self) -> PathBuf {
        self.root
            .join("incoming")
            .join(uuid::Uuid::new_v4().simple().to_string())
    }
}
