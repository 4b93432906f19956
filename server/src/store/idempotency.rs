//! Idempotency keys: the case a key stored first, and whether a request under it is the same.

use rusqlite::{params, Connection, OptionalExtension};

use super::{IdempotencyKey, Store, StoreError, Stored};

/// The case stored under `key`, and the fingerprint of the request that stored it.
pub(super) fn case_for_key(
    db: &Connection,
    key: &IdempotencyKey,
) -> Result<Option<(String, Option<String>)>, StoreError> {
    let found = db
        .query_row(
            "SELECT case_id, fingerprint FROM idempotency WHERE scope = ?1 AND key = ?2",
            params![key.scope, key.key],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    Ok(found)
}

/// Records that `key` stored the case `id`, within the case's transaction.
pub(super) fn record(db: &Connection, key: &IdempotencyKey, id: &str) -> Result<(), StoreError> {
    db.execute(
        "INSERT INTO idempotency (scope, key, fingerprint, case_id) VALUES (?1, ?2, ?3, ?4)",
        params![key.scope, key.key, key.fingerprint, id],
    )?;
    Ok(())
}

impl Store {
    /// What a request under `key` with this fingerprint gets: the case stored under the key
    /// first, or a refusal when the key was used for another request; `None` for a new key.
    pub fn find_by_key(&self, key: &IdempotencyKey) -> Result<Option<Stored>, StoreError> {
        let found = case_for_key(&*self.db()?, key)?;
        match found {
            Some((id, fingerprint)) => self.replay(&id, fingerprint, key).map(Some),
            None => Ok(None),
        }
    }

    pub(super) fn replay(
        &self,
        id: &str,
        fingerprint: Option<String>,
        key: &IdempotencyKey,
    ) -> Result<Stored, StoreError> {
        // Keys stored before fingerprints were kept match any request.
        if fingerprint.is_some_and(|f| f != key.fingerprint) {
            return Ok(Stored::KeyReused);
        }
        let case = self.get(id)?.ok_or(StoreError::CaseVanished)?;
        Ok(Stored::Replayed(case))
    }
}
