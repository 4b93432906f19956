//! A plain GET for the widget's own files: catalogs, wire profiles, texts.

/// The body of `url`, or why it could not be had (a network error or an HTTP status).
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let response = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    response.text().await.map_err(|e| e.to_string())
}
