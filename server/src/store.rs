//! Durable storage: one SQLite database for cases, one file per attachment. A case's files are
//! written and synced before its row commits, so a stored case always has its bytes.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::Utc;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

/// A file received with a case, already on disk in the store's incoming folder.
pub struct Received {
    pub filename: String,
    pub content_type: String,
    pub size: u64,
    pub sha256: String,
    pub temp_path: PathBuf,
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

pub struct Store {
    db: Mutex<Connection>,
    root: PathBuf,
}

impl Store {
    pub fn open(root: &Path) -> Result<Store, String> {
        fs::create_dir_all(root.join("attachments")).map_err(|e| e.to_string())?;
        fs::create_dir_all(root.join("incoming")).map_err(|e| e.to_string())?;
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
             );",
        )
        .map_err(|e| e.to_string())?;
        Ok(Store {
            db: Mutex::new(db),
            root: root.to_owned(),
        })
    }

    /// A fresh path for an incoming file, removed again if its case is not stored.
    pub fn incoming_path(&self) -> PathBuf {
        let n: u64 = rand_suffix();
        self.root.join("incoming").join(format!("{n:016x}"))
    }

    fn case_id_for_key(db: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
        db.query_row(
            "SELECT id FROM cases WHERE idempotency_key = ?1",
            params![key],
            |row| row.get(0),
        )
        .optional()
    }

    /// The case already stored under `key`, if any.
    pub fn find_by_key(&self, key: &str) -> Result<Option<StoredCase>, String> {
        let id = {
            let db = self.db.lock().map_err(|e| e.to_string())?;
            Self::case_id_for_key(&db, key).map_err(|e| e.to_string())?
        };
        match id {
            Some(id) => self.get(&id),
            None => Ok(None),
        }
    }

    /// Stores a case and moves its files into place. Returns the case and whether it was new:
    /// a repeated idempotency key returns the case stored first.
    pub fn insert(
        &self,
        key: Option<&str>,
        payload: &serde_json::Value,
        files: Vec<Received>,
    ) -> Result<(StoredCase, bool), String> {
        let mut db = self.db.lock().map_err(|e| e.to_string())?;
        if let Some(existing) = key
            .map(|k| Self::case_id_for_key(&db, k))
            .transpose()
            .map_err(|e| e.to_string())?
            .flatten()
        {
            drop(db);
            for f in &files {
                let _ = fs::remove_file(&f.temp_path);
            }
            let case = self.get(&existing)?.ok_or("case vanished")?;
            return Ok((case, false));
        }
        let now = Utc::now();
        let tx = db.transaction().map_err(|e| e.to_string())?;
        let seq: i64 = tx
            .query_row("SELECT COALESCE(MAX(seq), 0) + 1 FROM cases", [], |r| {
                r.get(0)
            })
            .map_err(|e| e.to_string())?;
        let id = format!("CASE-{}-{seq:05}", now.format("%Y%m%d"));
        let dir = self.root.join("attachments").join(&id);
        fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let created_at = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        tx.execute(
            "INSERT INTO cases (seq, id, idempotency_key, created_at, payload) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![seq, id, key, created_at, payload.to_string()],
        )
        .map_err(|e| e.to_string())?;
        let mut stored = Vec::new();
        for (position, file) in files.into_iter().enumerate() {
            let path = dir.join(position.to_string());
            fs::rename(&file.temp_path, &path).map_err(|e| e.to_string())?;
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
                    path.to_string_lossy()
                ],
            )
            .map_err(|e| e.to_string())?;
            stored.push(StoredAttachment {
                filename: file.filename,
                content_type: file.content_type,
                size: file.size,
                sha256: file.sha256,
            });
        }
        sync_dir(&dir);
        tx.commit().map_err(|e| e.to_string())?;
        Ok((
            StoredCase {
                id,
                created_at,
                case: payload.clone(),
                attachments: stored,
            },
            true,
        ))
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

fn rand_suffix() -> u64 {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    let mut h = RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
    );
    h.finish()
}
