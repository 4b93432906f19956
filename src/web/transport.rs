//! Sending a case the way the page's wire profile says (`case_core::profile`): the uploads it
//! asks for first, each retried alone after a network error or a 5xx, then the case. Files
//! already uploaded keep their reference, so a retry sends only what is missing.
//!
//! Requests go through `XMLHttpRequest` because only it reports upload progress. Files travel
//! from the browser's `File` objects straight into the request, or through the browser's own
//! base64 encoder where a profile wants them inside JSON: their bytes never enter wasm.

use std::cell::RefCell;
use std::rc::Rc;

use case_core::outcome::{upload_retry_in_ms, Reply, SubmitError};
use case_core::profile::{Body, Context, Part, Profile, Request, Segment};
use case_core::wire::CaseCreated;
use js_sys::{Array, JsString, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::XmlHttpRequest;
use web_sys::{Blob, BlobPropertyBag, Event, File, FileReader, FormData, ProgressEvent};

use super::digest::sha256_hex;
use super::timer::sleep_ms;

/// The request under way, so it can be cancelled.
pub type InFlight = Rc<RefCell<Option<XmlHttpRequest>>>;

/// Bytes sent so far for each file, in order.
pub type OnProgress = Rc<dyn Fn(Vec<f64>)>;

/// Where and how to send, as the host page configured it.
pub struct Target<'a> {
    pub profile: &'a Profile,
    /// What the profile's templates read, with the case as this try starts it.
    pub context: Context<'a>,
    /// The page's own headers, e.g. its sign-in.
    pub headers: Vec<(String, String)>,
    /// How long one request may take before it counts as failed.
    pub timeout_ms: u32,
}

/// What every request of one submission shares: the files, the bytes sent of each, the
/// request under way and who hears of progress.
struct Sending<'a> {
    files: &'a [File],
    sent: Rc<RefCell<Vec<f64>>>,
    in_flight: &'a InFlight,
    on_progress: OnProgress,
}

/// Sends the case with its files as the profile says; the answer's case ID and link, and the
/// answer itself. Each file uploaded is told to `on_uploaded` with its reference, so a later try
/// sends only what is missing.
pub async fn submit(
    target: &Target<'_>,
    files: &[File],
    in_flight: &InFlight,
    on_progress: OnProgress,
    on_uploaded: impl Fn(usize, &str),
) -> Result<(CaseCreated, serde_json::Value), SubmitError> {
    let mut payload = target.context.payload.clone();
    let sending = Sending {
        files,
        sent: Rc::new(RefCell::new(
            payload
                .attachments
                .iter()
                .zip(files)
                .map(|(a, f)| if a.token.is_empty() { 0.0 } else { f.size() })
                .collect(),
        )),
        in_flight,
        on_progress: on_progress.clone(),
    };
    let uploads = target.profile.uploads(&target.context);
    for upload in uploads {
        let reference = upload_checked(target, &upload, &sending).await?;
        for &index in &upload.files {
            payload.attachments[index].token = reference.clone();
            on_uploaded(index, &reference);
        }
    }
    let create = target.profile.create(&Context {
        payload: &payload,
        ..target.context
    });
    let reply = send(target, &create, &sending).await?;
    on_progress(files.iter().map(|f| f.size()).collect());
    let (answer, status) = reply.read(target.profile)?;
    let created = target
        .profile
        .created_in(&answer, target.context.endpoint)
        .ok_or_else(|| SubmitError::unexpected(status))?;
    Ok((created, answer))
}

/// An upload's reference. Where the profile reads the digest the backend stored, a file that
/// did not arrive intact is sent again, and after `DIGEST_TRIES` counts as a network failure.
async fn upload_checked(
    target: &Target<'_>,
    upload: &Request,
    sending: &Sending<'_>,
) -> Result<String, SubmitError> {
    let digest = match upload.files.as_slice() {
        [one] if target.profile.checks_upload_digest() => match sending.files.get(*one) {
            Some(file) => sha256_hex(file).await,
            None => None,
        },
        _ => None,
    };
    for _ in 0..DIGEST_TRIES {
        let reply = send_retrying(target, upload, sending).await?;
        let (answer, status) = reply.read(target.profile)?;
        let Some(reference) = target.profile.reference_in(&answer) else {
            return Err(SubmitError::unexpected(status));
        };
        let intact = digest
            .as_deref()
            .is_none_or(|d| target.profile.upload_digest_agrees(&answer, d));
        if intact {
            return Ok(reference);
        }
    }
    Err(SubmitError::Network)
}

/// How many times a file is sent whose stored digest is not its own.
const DIGEST_TRIES: usize = 3;

/// An upload, sent again as `case_core::outcome` says after a network error or a 5xx.
async fn send_retrying(
    target: &Target<'_>,
    request: &Request,
    sending: &Sending<'_>,
) -> Result<Reply, SubmitError> {
    let mut attempt = 1;
    loop {
        let result = send(target, request, sending).await;
        match upload_retry_in_ms(&result, attempt) {
            Some(ms) => sleep_ms(ms as i32).await,
            None => return result,
        }
        attempt += 1;
    }
}

/// One request; resolves with the status and text of the answer. Progress is shared out among
/// the files the request carries, in order.
async fn send(
    target: &Target<'_>,
    request: &Request,
    sending: &Sending<'_>,
) -> Result<Reply, SubmitError> {
    let xhr = open(target, request)?;
    let progress = share_progress(request, sending);
    xhr.upload()
        .map_err(|_| SubmitError::Network)?
        .set_onprogress(Some(progress.as_ref().unchecked_ref()));
    let done = Promise::new(&mut |resolve, reject| {
        xhr.set_onload(Some(&resolve));
        xhr.set_onerror(Some(&reject));
        xhr.set_onabort(Some(&reject));
        xhr.set_ontimeout(Some(&reject));
    });
    send_body(&xhr, request, sending.files).await?;
    sending.in_flight.replace(Some(xhr.clone()));
    let outcome = JsFuture::from(done).await;
    sending.in_flight.replace(None);
    drop(progress);
    match outcome {
        Ok(_) => Ok(Reply::new(
            xhr.status().unwrap_or(0),
            xhr.response_text().ok().flatten().unwrap_or_default(),
            || xhr.get_response_header("Retry-After").ok().flatten(),
        )),
        Err(event) => match event.dyn_ref::<Event>().map(Event::type_).as_deref() {
            Some("abort") => Err(SubmitError::Cancelled),
            _ => Err(SubmitError::Network),
        },
    }
}

/// A request opened to its URL with its headers and the page's, its timeout and credentials.
fn open(target: &Target<'_>, request: &Request) -> Result<XmlHttpRequest, SubmitError> {
    let network = |_| SubmitError::Network;
    let xhr = XmlHttpRequest::new().map_err(network)?;
    xhr.open_with_async("POST", &request.url, true)
        .map_err(network)?;
    xhr.set_timeout(target.timeout_ms);
    xhr.set_with_credentials(target.profile.with_credentials);
    for (name, value) in request.headers.iter().chain(&target.headers) {
        xhr.set_request_header(name, value).map_err(network)?;
    }
    Ok(xhr)
}

/// Hears the upload's progress and shares the bytes sent out among the files the request
/// carries, each filled up in order, then tells the bytes sent of every file.
fn share_progress(request: &Request, sending: &Sending<'_>) -> Closure<dyn Fn(ProgressEvent)> {
    let carried: Vec<(usize, f64)> = request
        .files
        .iter()
        .filter_map(|&i| Some((i, sending.files.get(i)?.size())))
        .collect();
    let (report, sent_now) = (sending.on_progress.clone(), sending.sent.clone());
    Closure::<dyn Fn(ProgressEvent)>::new(move |e: ProgressEvent| {
        let size: f64 = carried.iter().map(|(_, s)| s).sum();
        let total = e.total();
        let mut left = if total > 0.0 {
            e.loaded() / total * size
        } else {
            0.0
        };
        for (index, file_size) in &carried {
            let part = left.min(*file_size);
            left -= part;
            sent_now.borrow_mut()[*index] = part;
        }
        report(sent_now.borrow().clone());
    })
}

/// Starts sending the request's body: one file as it is, text with files in base64, or a form.
async fn send_body(
    xhr: &XmlHttpRequest,
    request: &Request,
    files: &[File],
) -> Result<(), SubmitError> {
    let content_type = request
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-type"))
        .map_or("", |(_, v)| v.as_str());
    let started = match &request.body {
        Body::File(index) => match files.get(*index) {
            Some(file) => xhr.send_with_opt_blob(Some(file)),
            None => return Err(SubmitError::Network),
        },
        Body::Text(segments) => {
            let blob = blob_of(segments, files, content_type).await?;
            xhr.send_with_opt_blob(Some(&blob))
        }
        Body::Form(parts) => {
            let form = form_of(parts, files).await?;
            xhr.send_with_opt_form_data(Some(&form))
        }
    };
    started.map_err(|_| SubmitError::Network)
}

async fn form_of(parts: &[Part], files: &[File]) -> Result<FormData, SubmitError> {
    let network = |_| SubmitError::Network;
    let form = FormData::new().map_err(network)?;
    for part in parts {
        match part {
            Part::Field { name, value } => match value.as_slice() {
                [Segment::Text(text)] => form.append_with_str(name, text),
                _ => form.append_with_blob(name, &blob_of(value, files, "").await?),
            },
            Part::Json {
                name,
                filename,
                value,
            } => form.append_with_blob_and_filename(
                name,
                &blob_of(value, files, "application/json").await?,
                filename,
            ),
            Part::File { name, index } => {
                let file = files.get(*index).ok_or(SubmitError::Network)?;
                form.append_with_blob_and_filename(name, file, &file.name())
            }
        }
        .map_err(network)?;
    }
    Ok(form)
}

/// Text with each file's base64 in its place, as a `Blob` the browser assembles.
async fn blob_of(
    segments: &[Segment],
    files: &[File],
    content_type: &str,
) -> Result<Blob, SubmitError> {
    let pieces = Array::new();
    for segment in segments {
        match segment {
            Segment::Text(text) => pieces.push(&JsValue::from_str(text)),
            Segment::Base64(index) => {
                let file = files.get(*index).ok_or(SubmitError::Network)?;
                pieces.push(&base64_of(file).await?.into())
            }
        };
    }
    let options = BlobPropertyBag::new();
    options.set_type(content_type);
    Blob::new_with_str_sequence_and_options(&pieces, &options).map_err(|_| SubmitError::Network)
}

/// A file's bytes in base64, read by the browser and kept on the JavaScript side.
async fn base64_of(file: &File) -> Result<JsString, SubmitError> {
    let reader = FileReader::new().map_err(|_| SubmitError::Network)?;
    let loaded = Promise::new(&mut |resolve, reject| {
        reader.set_onload(Some(&resolve));
        reader.set_onerror(Some(&reject));
    });
    reader
        .read_as_data_url(file)
        .map_err(|_| SubmitError::Network)?;
    JsFuture::from(loaded)
        .await
        .map_err(|_| SubmitError::Network)?;
    let url: JsString = reader
        .result()
        .map_err(|_| SubmitError::Network)?
        .unchecked_into();
    // `data:<type>;base64,<data>`
    let comma = url.index_of(",", 0);
    Ok(url.slice(comma as u32 + 1, url.length()))
}
