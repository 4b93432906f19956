//! Sending a case, in one of two shapes the host page chooses:
//! - multipart (default): one `multipart/form-data` POST with a `case` JSON part and one
//!   `attachments` part per file;
//! - two-phase (`upload-endpoint` set): each file is POSTed alone and answered with a token, then
//!   the case is POSTed as JSON naming the tokens, as AWS, Zendesk and Jira do. A failed upload is
//!   retried alone.
//!
//! Requests go through `XMLHttpRequest` because only it reports upload progress. Files travel
//! from the browser's `File` objects straight into the request: their bytes never enter wasm.

use std::cell::RefCell;
use std::rc::Rc;

use case_core::wire::{CaseCreated, CasePayload, ErrorBody};
use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, Event, File, FormData, ProgressEvent, XmlHttpRequest};

#[derive(Clone, Debug)]
pub enum SubmitError {
    /// No answer: offline, refused, CORS, timeout.
    Network,
    /// The customer cancelled.
    Cancelled,
    /// The customer stopped the automatic retries and kept the case for later.
    KeptForLater,
    /// 429 or 5xx: worth trying again, after `Retry-After` seconds where the server said.
    Unavailable {
        status: u16,
        retry_after: Option<u32>,
    },
    /// Any other answer than 2xx, with the server's error body where it sent one.
    Status(u16, Option<ErrorBody>),
}

impl SubmitError {
    /// Milliseconds to wait before trying attempt `attempt + 1`, if it is worth trying again:
    /// 1, 2, 4 … seconds, or what the server asked for (at most 30 s).
    pub fn retry_in_ms(&self, attempt: u32) -> Option<u32> {
        let backoff = 1000 * 2u32.pow(attempt.saturating_sub(1).min(5));
        match self {
            SubmitError::Network => Some(backoff),
            SubmitError::Unavailable { retry_after, .. } => Some(
                retry_after
                    .map_or(backoff, |s| s.saturating_mul(1000))
                    .min(30_000),
            ),
            _ => None,
        }
    }
}

/// What came back.
struct Reply {
    status: u16,
    text: String,
    retry_after: Option<u32>,
}

/// The request under way, so it can be cancelled.
pub type InFlight = Rc<RefCell<Option<XmlHttpRequest>>>;

/// Bytes sent so far for each file, in order.
pub type OnProgress = Rc<dyn Fn(Vec<f64>)>;

enum Body<'a> {
    Form(&'a FormData),
    Blob(&'a Blob),
    Text(&'a str),
}

/// One request; resolves with the status and text of the answer.
async fn send(
    url: &str,
    headers: &[(String, String)],
    body: Body<'_>,
    in_flight: &InFlight,
    timeout_ms: u32,
    on_upload: impl Fn(f64) + 'static,
) -> Result<Reply, SubmitError> {
    let network = |_| SubmitError::Network;
    let xhr = XmlHttpRequest::new().map_err(network)?;
    xhr.open_with_async("POST", url, true).map_err(network)?;
    xhr.set_timeout(timeout_ms);
    for (name, value) in headers {
        xhr.set_request_header(name, value).map_err(network)?;
    }
    let progress =
        Closure::<dyn Fn(ProgressEvent)>::new(move |e: ProgressEvent| on_upload(e.loaded()));
    xhr.upload()
        .map_err(network)?
        .set_onprogress(Some(progress.as_ref().unchecked_ref()));
    let done = Promise::new(&mut |resolve, reject| {
        xhr.set_onload(Some(&resolve));
        xhr.set_onerror(Some(&reject));
        xhr.set_onabort(Some(&reject));
        xhr.set_ontimeout(Some(&reject));
    });
    let sent = match body {
        Body::Form(form) => xhr.send_with_opt_form_data(Some(form)),
        Body::Blob(blob) => xhr.send_with_opt_blob(Some(blob)),
        Body::Text(text) => xhr.send_with_opt_str(Some(text)),
    };
    sent.map_err(network)?;
    in_flight.replace(Some(xhr.clone()));
    let outcome = JsFuture::from(done).await;
    in_flight.replace(None);
    drop(progress);
    match outcome {
        Ok(_) => {
            let status = xhr.status().unwrap_or(0);
            // Read only where it matters: a cross-origin backend may not expose it.
            let retry_after = (status == 429 || status >= 500)
                .then(|| xhr.get_response_header("Retry-After").ok().flatten())
                .flatten()
                .and_then(|s| s.trim().parse().ok());
            Ok(Reply {
                status,
                text: xhr.response_text().ok().flatten().unwrap_or_default(),
                retry_after,
            })
        }
        Err(event) => match event.dyn_ref::<Event>().map(Event::type_).as_deref() {
            Some("abort") => Err(SubmitError::Cancelled),
            _ => Err(SubmitError::Network),
        },
    }
}

fn answer<T: serde::de::DeserializeOwned>(
    reply: Reply,
) -> Result<(T, serde_json::Value), SubmitError> {
    let Reply {
        status,
        text,
        retry_after,
    } = reply;
    if status == 429 || status >= 500 {
        return Err(SubmitError::Unavailable {
            status,
            retry_after,
        });
    }
    if (200..300).contains(&status) {
        let body: serde_json::Value =
            serde_json::from_str(&text).map_err(|_| SubmitError::Status(status, None))?;
        let value =
            serde_json::from_value(body.clone()).map_err(|_| SubmitError::Status(status, None))?;
        Ok((value, body))
    } else {
        Err(SubmitError::Status(
            status,
            serde_json::from_str(&text).ok(),
        ))
    }
}

fn json_blob(json: &str) -> Result<Blob, JsValue> {
    let options = BlobPropertyBag::new();
    options.set_type("application/json");
    Blob::new_with_str_sequence_and_options(&js_sys::Array::of1(&JsValue::from_str(json)), &options)
}

/// Where and how to send, as the host page configured it.
pub struct Target<'a> {
    pub endpoint: &'a str,
    /// Set for the two-phase shape.
    pub upload_endpoint: Option<&'a str>,
    pub headers: Vec<(String, String)>,
    pub idempotency_key: &'a str,
    /// How long one request may take before it counts as failed.
    pub timeout_ms: u32,
}

/// Sends the case with its files in the target's shape.
pub async fn submit(
    target: &Target<'_>,
    payload: &mut CasePayload,
    files: &[File],
    in_flight: &InFlight,
    on_progress: OnProgress,
) -> Result<(CaseCreated, serde_json::Value), SubmitError> {
    let mut headers = target.headers.clone();
    headers.push(("Idempotency-Key".into(), target.idempotency_key.into()));
    match target.upload_endpoint {
        None => {
            let json = serde_json::to_string(payload).map_err(|_| SubmitError::Network)?;
            let form = FormData::new().map_err(|_| SubmitError::Network)?;
            let blob = json_blob(&json).map_err(|_| SubmitError::Network)?;
            form.append_with_blob_and_filename("case", &blob, "case.json")
                .map_err(|_| SubmitError::Network)?;
            for file in files {
                form.append_with_blob_and_filename("attachments", file, &file.name())
                    .map_err(|_| SubmitError::Network)?;
            }
            // The body's bytes before each file, to share the progress out among the files.
            let sizes: Vec<f64> = files.iter().map(|f| f.size()).collect();
            let head = json.len() as f64 + 400.0;
            let report = on_progress.clone();
            let response = send(
                target.endpoint,
                &headers,
                Body::Form(&form),
                in_flight,
                target.timeout_ms,
                move |loaded| {
                    let mut left = (loaded - head).max(0.0);
                    report(
                        sizes
                            .iter()
                            .map(|size| {
                                let sent = left.min(*size);
                                left -= sent;
                                sent
                            })
                            .collect(),
                    );
                },
            )
            .await?;
            on_progress(files.iter().map(|f| f.size()).collect());
            answer(response)
        }
        Some(upload_endpoint) => {
            let done: Rc<RefCell<Vec<f64>>> = Rc::new(RefCell::new(vec![0.0; files.len()]));
            for (index, file) in files.iter().enumerate() {
                if !payload.attachments[index].token.is_empty() {
                    done.borrow_mut()[index] = file.size();
                    continue;
                }
                let token = upload(
                    target,
                    upload_endpoint,
                    payload,
                    file,
                    index,
                    &done,
                    in_flight,
                    &on_progress,
                )
                .await?;
                payload.attachments[index].token = token;
            }
            let json = serde_json::to_string(payload).map_err(|_| SubmitError::Network)?;
            headers.push(("Content-Type".into(), "application/json".into()));
            answer(
                send(
                    target.endpoint,
                    &headers,
                    Body::Text(&json),
                    in_flight,
                    target.timeout_ms,
                    |_| {},
                )
                .await?,
            )
        }
    }
}

#[derive(serde::Deserialize)]
struct Uploaded {
    token: String,
}

/// Uploads one file, retrying it alone after a network error or a 5xx, up to three tries.
#[allow(clippy::too_many_arguments)]
async fn upload(
    target: &Target<'_>,
    upload_endpoint: &str,
    payload: &CasePayload,
    file: &File,
    index: usize,
    done: &Rc<RefCell<Vec<f64>>>,
    in_flight: &InFlight,
    on_progress: &OnProgress,
) -> Result<String, SubmitError> {
    let separator = if upload_endpoint.contains('?') {
        '&'
    } else {
        '?'
    };
    let url = format!(
        "{upload_endpoint}{separator}filename={}&catalog={}&case_type={}",
        js_sys::encode_uri_component(&file.name()),
        js_sys::encode_uri_component(&payload.catalog),
        js_sys::encode_uri_component(&payload.case_type),
    );
    let mut headers = target.headers.clone();
    let content_type = file.type_();
    headers.push((
        "Content-Type".into(),
        if content_type.is_empty() {
            "application/octet-stream".into()
        } else {
            content_type
        },
    ));
    let mut attempt = 0;
    loop {
        attempt += 1;
        let (report, done_now) = (on_progress.clone(), done.clone());
        let result = send(
            &url,
            &headers,
            Body::Blob(file),
            in_flight,
            target.timeout_ms,
            move |loaded| {
                done_now.borrow_mut()[index] = loaded;
                report(done_now.borrow().clone());
            },
        )
        .await;
        let retryable = match &result {
            Err(SubmitError::Network) => true,
            Ok(reply) => reply.status >= 500,
            _ => false,
        };
        if retryable && attempt < 3 {
            sleep_ms(500 * attempt).await;
            continue;
        }
        let (uploaded, _): (Uploaded, _) = answer(result?)?;
        done.borrow_mut()[index] = file.size();
        on_progress(done.borrow().clone());
        return Ok(uploaded.token);
    }
}

pub async fn sleep_ms(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}
