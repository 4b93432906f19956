//! A case's files on disk: placed under temporary names in its folder until its row commits,
//! then given their names; removed again when it is not stored.

use std::fs;
use std::path::{Path, PathBuf};

use super::{Received, StoreError};

/// Removes the files that arrived with a request; uploaded files stay, claimable by a retry.
pub fn remove_arrived(files: &[Received]) {
    for f in files.iter().filter(|f| f.upload_token.is_none()) {
        let _ = fs::remove_file(&f.temp_path);
    }
}

/// Undoes a case that was not stored: its folder goes, and the files that came with it.
pub(super) fn undo(dir: &Path, files: &[Received]) {
    let _ = fs::remove_dir_all(dir);
    remove_arrived(files);
}

fn pending(dir: &Path, position: usize) -> PathBuf {
    dir.join(format!("{position}.pending"))
}

/// Where a case's file is kept once its case is stored.
pub(super) fn kept(dir: &Path, position: usize) -> PathBuf {
    dir.join(position.to_string())
}

/// Puts a case's files in its folder under temporary names, synced. Uploaded files are linked
/// there, so they stay claimable should the case fail. A case without files has no folder, and
/// costs no folder syncs.
pub(super) fn place(dir: &Path, files: &[Received]) -> Result<(), StoreError> {
    if files.is_empty() {
        return Ok(());
    }
    let _ = fs::remove_dir_all(dir);
    fs::create_dir_all(dir)?;
    for (position, file) in files.iter().enumerate() {
        match file.upload_token {
            Some(_) => fs::hard_link(&file.temp_path, pending(dir, position))?,
            None => fs::rename(&file.temp_path, pending(dir, position))?,
        }
    }
    sync_dir(dir);
    if let Some(attachments) = dir.parent() {
        sync_dir(attachments);
    }
    Ok(())
}

/// After the case's row committed: its files take their names (or `recover` gives them after a
/// crash), and the uploads claimed leave the uploads folder.
pub(super) fn settle(dir: &Path, uploads: &Path, files: &[Received]) {
    if files.is_empty() {
        return;
    }
    for position in 0..files.len() {
        let _ = fs::rename(pending(dir, position), kept(dir, position));
    }
    sync_dir(dir);
    let mut claimed = files.iter().filter(|f| f.upload_token.is_some()).peekable();
    if claimed.peek().is_some() {
        for file in claimed {
            let _ = fs::remove_file(&file.temp_path);
        }
        sync_dir(uploads);
    }
}

/// The entries of a folder; none when it cannot be read.
pub(super) fn entries(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default()
}

pub(super) fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}
