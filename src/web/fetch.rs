//! Plain GETs: the widget's own files (catalogs, wire profiles, texts, articles) and a
//! backend's article search.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, RequestInit, Response};

/// The body of `url`, or why it could not be had (a network error or an HTTP status).
pub async fn fetch_text(url: &str) -> Result<String, String> {
    fetch_text_with(url, &[]).await
}

/// A GET with `headers`, answered with JSON; any failure is only that.
pub async fn fetch_json(url: &str, headers: &[(String, String)]) -> Result<serde_json::Value, ()> {
    let text = fetch_text_with(url, headers).await.map_err(|_| ())?;
    serde_json::from_str(&text).map_err(|_| ())
}

/// By the browser's `fetch` itself: a wrapper crate would only add bytes to the wasm.
async fn fetch_text_with(url: &str, headers: &[(String, String)]) -> Result<String, String> {
    // A failure as the browser words it, e.g. "TypeError: Failed to fetch".
    let said = |e: JsValue| String::from(e.unchecked_into::<js_sys::Object>().to_string());
    let request_headers = Headers::new().map_err(said)?;
    for (name, value) in headers {
        request_headers.append(name, value).map_err(said)?;
    }
    let init = RequestInit::new();
    init.set_headers(&request_headers);
    let window = web_sys::window().ok_or("no window")?;
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(said)?
        .unchecked_into();
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(said)?)
        .await
        .map_err(said)?;
    Ok(text.as_string().unwrap_or_default())
}

/// `relative` read against `base`, itself read against the page's address.
pub fn resolve(relative: &str, base: &str) -> Option<String> {
    let page = web_sys::window()?.location().href().ok()?;
    let base = web_sys::Url::new_with_base(base, &page).ok()?;
    Some(
        web_sys::Url::new_with_base(relative, &base.href())
            .ok()?
            .href(),
    )
}
