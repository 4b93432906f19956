//! Plain GETs: the widget's own files (catalogs, wire profiles, texts, articles) and a
//! backend's article search.

/// The body of `url`, or why it could not be had (a network error or an HTTP status).
pub async fn fetch_text(url: &str) -> Result<String, String> {
    fetch_text_with(url, &[]).await
}

/// A GET with `headers`, answered with JSON; any failure is only that.
pub async fn fetch_json(url: &str, headers: &[(String, String)]) -> Result<serde_json::Value, ()> {
    let text = fetch_text_with(url, headers).await.map_err(|_| ())?;
    serde_json::from_str(&text).map_err(|_| ())
}

async fn fetch_text_with(url: &str, headers: &[(String, String)]) -> Result<String, String> {
    let mut request = gloo_net::http::Request::get(url);
    for (name, value) in headers {
        request = request.header(name, value);
    }
    let response = request.send().await.map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    response.text().await.map_err(|e| e.to_string())
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
