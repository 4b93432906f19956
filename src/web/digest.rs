//! A file's SHA-256, by the browser's own Web Crypto: its bytes never enter wasm.

use js_sys::{ArrayBuffer, Uint8Array};
use wasm_bindgen_futures::JsFuture;
use web_sys::File;

/// The file's SHA-256 in lower-case hex; `None` where the browser cannot say (Web Crypto is
/// only offered to secure pages) or the file cannot be read.
pub async fn sha256_hex(file: &File) -> Option<String> {
    let subtle = web_sys::window()?.crypto().ok()?.subtle();
    let bytes: ArrayBuffer = JsFuture::from(file.array_buffer()).await.ok()?.into();
    let promise = subtle
        .digest_with_str_and_buffer_source("SHA-256", &bytes)
        .ok()?;
    let digest = Uint8Array::new(&JsFuture::from(promise).await.ok()?).to_vec();
    Some(digest.iter().map(|b| format!("{b:02x}")).collect())
}
