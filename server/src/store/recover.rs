//! Start-up after a crash: what was half done is finished or undone, so cases and files agree.

use std::fs;
use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};

use super::files::{entries, sync_dir};
use super::{Store, StoreError};

impl Store {
    /// Finishes or undoes what a crash interrupted, so that cases and files agree: files still
    /// arriving are removed; a case folder whose case was not committed goes, and the pending
    /// files of a committed one take their names; uploaded files without their row go, and rows
    /// without their file.
    pub(super) fn recover(&self) -> Result<(), StoreError> {
        let db = self.db()?;
        for path in entries(&self.root.join("incoming")) {
            let _ = fs::remove_file(&path).or_else(|_| fs::remove_dir_all(&path));
        }
        self.recover_cases(&db)?;
        self.recover_uploads(&db)
    }

    fn recover_cases(&self, db: &Connection) -> Result<(), StoreError> {
        let attachments = self.root.join("attachments");
        for dir in entries(&attachments) {
            let id = dir.file_name().unwrap_or_default().to_string_lossy();
            let committed = db
                .query_row("SELECT 1 FROM cases WHERE id = ?1", params![id], |_| Ok(()))
                .optional()?
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
        Ok(())
    }

    fn recover_uploads(&self, db: &Connection) -> Result<(), StoreError> {
        let uploads = self.root.join("uploads");
        for path in entries(&uploads) {
            let token = path.file_name().unwrap_or_default().to_string_lossy();
            if !super::uploads::is_kept(db, &token)? {
                let _ = fs::remove_file(&path);
            }
        }
        sync_dir(&uploads);
        let rows: Vec<(String, String)> = db
            .prepare("SELECT token, path FROM uploads")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        for (token, path) in rows {
            if !Path::new(&path).exists() {
                db.execute("DELETE FROM uploads WHERE token = ?1", params![token])?;
            }
        }
        Ok(())
    }
}
