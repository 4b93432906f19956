//! `/healthz` says the process answers (liveness); `/readyz` says whether it can take a case now
//! (readiness): the data folder takes a write, the disk has room above the floor, and the
//! database grants a write lock within a bound. A load balancer sends cases only where it is 200.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::state::AppState;

/// Why the server cannot take a case now, for the 503's body and the log.
#[derive(Debug, PartialEq, Eq)]
pub enum NotReady {
    FolderNotWritable,
    DiskLow { free_mib: u64, floor_mib: u64 },
    DatabaseBusy,
}

impl NotReady {
    fn code(&self) -> &'static str {
        match self {
            NotReady::FolderNotWritable => "data-folder-not-writable",
            NotReady::DiskLow { .. } => "disk-below-floor",
            NotReady::DatabaseBusy => "database-busy",
        }
    }
}

/// How long `/readyz` waits for the database's write lock.
const DATABASE_BOUND: Duration = Duration::from_secs(2);

/// `GET /readyz`.
pub async fn readyz(State(state): State<Arc<AppState>>) -> Response {
    let checked = tokio::task::spawn_blocking(move || {
        let folder = state.store.root().join("incoming");
        folder_writable(&folder)?;
        disk_room(&folder, state.ready_min_free_mib)?;
        if !state.store.writable_within(DATABASE_BOUND) {
            return Err(NotReady::DatabaseBusy);
        }
        Ok(())
    })
    .await
    .unwrap_or(Err(NotReady::DatabaseBusy));
    answer(checked)
}

/// Writes, syncs and removes a small file in `folder`.
fn folder_writable(folder: &Path) -> Result<(), NotReady> {
    let probe = folder.join(format!(".ready-{}", uuid::Uuid::new_v4().simple()));
    let written = std::fs::File::create(&probe).and_then(|mut file| {
        use std::io::Write;
        file.write_all(b"ready")?;
        file.sync_all()
    });
    let _ = std::fs::remove_file(&probe);
    written.map_err(|_| NotReady::FolderNotWritable)
}

/// The space left to an unprivileged writer on `folder`'s file system, in MiB.
fn free_mib(folder: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let path = std::ffi::CString::new(folder.as_os_str().as_bytes()).ok()?;
    let mut stat: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: `path` is a valid C string and `stat` a writable statvfs.
    if unsafe { libc::statvfs(path.as_ptr(), &mut stat) } != 0 {
        return None;
    }
    Some(stat.f_bavail as u64 * stat.f_frsize as u64 / (1024 * 1024))
}

fn disk_room(folder: &Path, floor_mib: u64) -> Result<(), NotReady> {
    match free_mib(folder) {
        Some(free_mib) if free_mib < floor_mib => Err(NotReady::DiskLow {
            free_mib,
            floor_mib,
        }),
        _ => Ok(()),
    }
}

/// The `/readyz` answer for a check's outcome.
fn answer(checked: Result<(), NotReady>) -> Response {
    match checked {
        Ok(()) => (StatusCode::OK, axum::Json(json!({ "ready": true }))).into_response(),
        Err(why) => {
            tracing::warn!(reason = why.code(), "not ready");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                axum::Json(json!({ "ready": false, "reason": why.code() })),
            )
                .into_response()
        }
    }
}
