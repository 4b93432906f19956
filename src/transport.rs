//! Sending a case: the default wire contract, one `multipart/form-data` POST with a `case` JSON
//! part and one `attachments` part per file, under an `Idempotency-Key` kept for the draft.

use case_core::wire::{CaseCreated, CasePayload, ErrorBody};
use gloo_net::http::Request;
use wasm_bindgen::JsValue;
use web_sys::{Blob, BlobPropertyBag, File, FormData};

#[derive(Clone, Debug)]
pub enum SubmitError {
    /// No answer: offline, refused, CORS.
    Network,
    /// An answer other than 2xx, with the server's error body where it sent one.
    Status(u16, Option<ErrorBody>),
}

fn form_data(payload: &CasePayload, files: &[File]) -> Result<FormData, JsValue> {
    let form = FormData::new()?;
    let json = serde_json::to_string(payload).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let parts = js_sys::Array::of1(&JsValue::from_str(&json));
    let options = BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    form.append_with_blob_and_filename("case", &blob, "case.json")?;
    for file in files {
        form.append_with_blob_and_filename("attachments", file, &file.name())?;
    }
    Ok(form)
}

pub async fn submit(
    endpoint: &str,
    idempotency_key: &str,
    headers: &[(String, String)],
    payload: &CasePayload,
    files: &[File],
) -> Result<(CaseCreated, serde_json::Value), SubmitError> {
    let form = form_data(payload, files).map_err(|_| SubmitError::Network)?;
    let mut request = Request::post(endpoint).header("Idempotency-Key", idempotency_key);
    for (name, value) in headers {
        request = request.header(name, value);
    }
    let response = request
        .body(form)
        .map_err(|_| SubmitError::Network)?
        .send()
        .await
        .map_err(|_| SubmitError::Network)?;
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    if (200..300).contains(&status) {
        let body: serde_json::Value =
            serde_json::from_str(&text).map_err(|_| SubmitError::Status(status, None))?;
        let created: CaseCreated =
            serde_json::from_value(body.clone()).map_err(|_| SubmitError::Status(status, None))?;
        Ok((created, body))
    } else {
        Err(SubmitError::Status(
            status,
            serde_json::from_str(&text).ok(),
        ))
    }
}
