//! The draft's attached files, kept in IndexedDB (local storage holds text only), so a reload or
//! a closed tab brings them back with the rest of the draft. One record per draft key: the
//! list of `File` objects, which IndexedDB stores as they are.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, IdbDatabase, IdbObjectStore, IdbRequest, IdbTransactionMode};

const DATABASE: &str = "case-widget";
const FILES: &str = "files";

/// Resolves with the request's result once it succeeds.
async fn finished(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let answered = request.clone();
        let on_success = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &answered.result().unwrap_or_default());
        });
        let failed = request.clone();
        let on_error = Closure::once_into_js(move || {
            let error = failed.error().ok().flatten().map(JsValue::from);
            let _ = reject.call1(&JsValue::NULL, &error.unwrap_or_default());
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise).await
}

async fn open() -> Result<IdbDatabase, JsValue> {
    let factory = web_sys::window()
        .ok_or(JsValue::NULL)?
        .indexed_db()?
        .ok_or(JsValue::NULL)?;
    let request = factory.open_with_u32(DATABASE, 1)?;
    let upgrading = request.clone();
    let on_upgrade = Closure::once_into_js(move || {
        if let Ok(db) = upgrading.result() {
            let _ = db
                .unchecked_into::<IdbDatabase>()
                .create_object_store(FILES);
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    Ok(finished(&request).await?.unchecked_into())
}

async fn files_store(mode: IdbTransactionMode) -> Result<IdbObjectStore, JsValue> {
    open()
        .await?
        .transaction_with_str_and_mode(FILES, mode)?
        .object_store(FILES)
}

/// Keeps `files` as the draft's attachments; an empty list removes them.
pub async fn save(key: &str, files: &[File]) -> Result<(), JsValue> {
    let store = files_store(IdbTransactionMode::Readwrite).await?;
    let request = if files.is_empty() {
        store.delete(&key.into())?
    } else {
        let list: js_sys::Array = files.iter().collect();
        store.put_with_key(&list, &key.into())?
    };
    finished(&request).await.map(drop)
}

/// The draft's files, or none when nothing was kept.
pub async fn load(key: &str) -> Result<Vec<File>, JsValue> {
    let store = files_store(IdbTransactionMode::Readonly).await?;
    let value = finished(&store.get(&key.into())?).await?;
    Ok(value
        .dyn_into::<js_sys::Array>()
        .map(|list| list.iter().filter_map(|f| f.dyn_into().ok()).collect())
        .unwrap_or_default())
}
