//! Keys nobody else will pick: a draft's `Idempotency-Key`.

/// A random UUID from the browser's crypto, else the time as a last resort.
pub fn new_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("{}", js_sys::Date::now()))
}
