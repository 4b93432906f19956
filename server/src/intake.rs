//! Receiving cases, in both shapes the widget sends (see `docs/wire-contract.md`):
//! - `POST /api/cases` as `multipart/form-data`: a `case` JSON part and its files;
//! - `POST /api/uploads?filename=…` with one file as the body, answered with a token, then
//!   `POST /api/cases` as `application/json` whose attachments name those tokens.

use case_core::msg;
use case_core::Field;
use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use case_core::attachment::{check, SNIFF_LEN};
use case_core::catalog::AttachmentRules;
use case_core::draft::AttachmentMeta;
use case_core::i18n::Arg;
use case_core::rules::Rules;
use case_core::validate::{validate_arrived, FieldError};
use case_core::wire::{CaseCreated, CasePayload, ErrorBody, FieldProblem};
use futures_util::StreamExt;
use serde::Serialize;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use crate::phone::to_e164;
use crate::store::{Received, StoredCase};
use crate::AppState;

fn error(status: StatusCode, error: &str, message: String, fields: Vec<FieldProblem>) -> Response {
    let body = ErrorBody {
        error: error.to_owned(),
        message,
        fields,
    };
    (status, Json(body)).into_response()
}

fn field(field: &str, code: &str) -> FieldProblem {
    FieldProblem {
        field: field.to_owned(),
        code: code.to_owned(),
        args: Default::default(),
    }
}

fn bad_json(e: serde_json::Error) -> Response {
    error(
        StatusCode::BAD_REQUEST,
        "bad-json",
        format!("case: {e}"),
        vec![field("case", "error-bad-json")],
    )
}

fn storage_error(e: impl ToString) -> Response {
    error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "storage",
        e.to_string(),
        vec![],
    )
}

fn created(case: &StoredCase, new: bool) -> Response {
    let body = CaseCreated {
        id: case.id.clone(),
        created_at: Some(case.created_at.clone()),
        link: None,
    };
    if new {
        (StatusCode::CREATED, Json(body)).into_response()
    } else {
        (
            StatusCode::OK,
            [("idempotent-replayed", "true")],
            Json(body),
        )
            .into_response()
    }
}

/// Files received for one request; those that came in with it are removed from disk unless
/// their case is stored. Uploaded files stay for a retry.
struct Incoming(Vec<Received>);

impl Drop for Incoming {
    fn drop(&mut self) {
        for f in self.0.iter().filter(|f| f.upload_token.is_none()) {
            let _ = std::fs::remove_file(&f.temp_path);
        }
    }
}

fn all_rules(state: &AppState) -> impl Iterator<Item = &AttachmentRules> {
    state.catalogs.values().flat_map(|c| {
        std::iter::once(&c.attachments)
            .chain(c.case_types.iter().filter_map(|t| t.attachments.as_ref()))
    })
}

/// The largest file any catalog accepts: the hard cap while a file streams in.
fn file_cap(state: &AppState) -> u64 {
    all_rules(state).map(|r| r.max_bytes).max().unwrap_or(0)
}

/// One file arriving in chunks: written to disk, hashed, measured and capped as it comes.
struct FileSink {
    file: tokio::fs::File,
    hasher: Sha256,
    received: Received,
    cap: u64,
}

impl FileSink {
    async fn new(
        state: &AppState,
        filename: String,
        content_type: String,
        cap: u64,
    ) -> Result<Self, Response> {
        let temp_path = state.store.incoming_path();
        let file = tokio::fs::File::create(&temp_path)
            .await
            .map_err(storage_error)?;
        Ok(FileSink {
            file,
            hasher: Sha256::new(),
            received: Received {
                filename,
                content_type,
                size: 0,
                sha256: String::new(),
                leading: Vec::new(),
                temp_path,
                upload_token: None,
            },
            cap,
        })
    }

    async fn push(&mut self, chunk: &[u8]) -> Result<(), Response> {
        self.received.size += chunk.len() as u64;
        if self.received.size > self.cap {
            let _ = std::fs::remove_file(&self.received.temp_path);
            return Err(error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too-large",
                format!(
                    "{} is larger than {} bytes",
                    self.received.filename, self.cap
                ),
                vec![FieldProblem::from(
                    &FieldError::new(Field::Attachments, msg::ERROR_ATTACHMENT_OVER_SERVER_LIMIT)
                        .arg("name", self.received.filename.as_str())
                        .arg("max", Arg::Bytes(self.cap)),
                )],
            ));
        }
        let want = SNIFF_LEN.saturating_sub(self.received.leading.len());
        self.received
            .leading
            .extend_from_slice(&chunk[..want.min(chunk.len())]);
        self.hasher.update(chunk);
        if let Err(e) = self.file.write_all(chunk).await {
            let _ = std::fs::remove_file(&self.received.temp_path);
            return Err(storage_error(e));
        }
        Ok(())
    }

    fn abandon(&self) {
        let _ = std::fs::remove_file(&self.received.temp_path);
    }

    async fn finish(mut self) -> Result<Received, Response> {
        if let Err(e) = self.file.sync_all().await {
            self.abandon();
            return Err(storage_error(e));
        }
        self.received.sha256 = hex::encode(self.hasher.finalize());
        Ok(self.received)
    }
}

fn idempotency_key(headers: &HeaderMap) -> Option<String> {
    headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= 255)
        .map(str::to_owned)
}

pub async fn create_case(State(state): State<Arc<AppState>>, request: Request) -> Response {
    let fault = state.faults.next();
    if let Some(response) = fault.and_then(crate::faults::answer) {
        return response;
    }
    if let Some(fault) = fault.filter(|f| f.kind == crate::faults::Kind::Delay) {
        tokio::time::sleep(std::time::Duration::from_millis(fault.ms)).await;
    }
    let response = receive_case(state, request).await;
    match fault.map(|f| f.kind) {
        Some(crate::faults::Kind::DropAfterStore) => crate::faults::broken_connection(),
        _ => response,
    }
}

async fn receive_case(state: Arc<AppState>, request: Request) -> Response {
    let key = idempotency_key(request.headers());
    if let Some(key) = &key {
        match state.store.find_by_key(key) {
            Ok(Some(case)) => {
                // Read the retry's body to the end first: answering while a browser is still
                // sending makes it see a broken connection instead of the answer.
                drain(request.into_body()).await;
                return created(&case, false);
            }
            Ok(None) => {}
            Err(e) => return storage_error(e),
        }
    }
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let received = if content_type.starts_with("multipart/form-data") {
        match Multipart::from_request(request, &()).await {
            Ok(multipart) => receive_multipart(&state, multipart).await,
            Err(e) => return e.into_response(),
        }
    } else if content_type.starts_with("application/json") {
        receive_json(&state, request).await
    } else {
        return error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            "send multipart/form-data, or application/json after uploading the files".into(),
            vec![],
        );
    };
    match received {
        Ok((case_json, files)) => accept(state, key, case_json, files).await,
        Err(response) => response,
    }
}

async fn receive_multipart(
    state: &AppState,
    mut multipart: Multipart,
) -> Result<(serde_json::Value, Incoming), Response> {
    let cap = file_cap(state);
    let mut case_json = None;
    let mut files = Incoming(Vec::new());
    loop {
        let mut part = match multipart.next_field().await {
            Ok(Some(part)) => part,
            Ok(None) => break,
            Err(e) => return Err(error(e.status(), "bad-request", e.body_text(), vec![])),
        };
        match part.name() {
            Some("case") => {
                let bytes = part
                    .bytes()
                    .await
                    .map_err(|e| error(e.status(), "bad-request", e.body_text(), vec![]))?;
                case_json = Some(serde_json::from_slice(&bytes).map_err(bad_json)?);
            }
            Some("attachments") => {
                let filename = part.file_name().unwrap_or("attachment").to_owned();
                let content_type = part.content_type().unwrap_or_default().to_owned();
                let mut sink = FileSink::new(state, filename, content_type, cap).await?;
                loop {
                    match part.chunk().await {
                        Ok(Some(chunk)) => sink.push(&chunk).await?,
                        Ok(None) => break,
                        Err(e) => {
                            sink.abandon();
                            return Err(error(e.status(), "bad-request", e.body_text(), vec![]));
                        }
                    }
                }
                files.0.push(sink.finish().await?);
            }
            other => {
                let name = other.unwrap_or_default().to_owned();
                return Err(error(
                    StatusCode::BAD_REQUEST,
                    "unknown-part",
                    format!("unknown part {name:?}"),
                    vec![],
                ));
            }
        }
    }
    let case_json = case_json.ok_or_else(|| {
        error(
            StatusCode::BAD_REQUEST,
            "missing-case",
            "no \"case\" part".into(),
            vec![field("case", "error-missing")],
        )
    })?;
    Ok((case_json, files))
}

async fn receive_json(
    state: &AppState,
    request: Request,
) -> Result<(serde_json::Value, Incoming), Response> {
    let bytes = axum::body::to_bytes(request.into_body(), 1024 * 1024)
        .await
        .map_err(|e| {
            error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too-large",
                e.to_string(),
                vec![],
            )
        })?;
    let case_json: serde_json::Value = serde_json::from_slice(&bytes).map_err(bad_json)?;
    let tokens: Vec<String> = case_json["attachments"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|a| a["token"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default();
    let mut files = Incoming(Vec::new());
    for token in tokens {
        match state.store.upload(&token).map_err(storage_error)? {
            Some(received) => files.0.push(received),
            None => {
                return Err(error(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "validation",
                    format!("no upload with token {token:?}"),
                    vec![field("attachments", "error-attachment-unknown-token")],
                ))
            }
        }
    }
    Ok((case_json, files))
}

/// Reads and discards a request body, up to what any case may hold.
async fn drain(body: Body) {
    let mut stream = body.into_data_stream();
    let mut read = 0usize;
    while let Some(Ok(chunk)) = stream.next().await {
        read += chunk.len();
        if read > 64 * 1024 * 1024 {
            break;
        }
    }
}

/// A file name as browsers write it in a multipart body (HTML's form-data encoding).
fn form_data_name(name: &str) -> String {
    name.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Validates a received case with the catalog's rules and stores it.
async fn accept(
    state: Arc<AppState>,
    key: Option<String>,
    mut case_json: serde_json::Value,
    mut files: Incoming,
) -> Response {
    let payload: CasePayload = match serde_json::from_value(case_json.clone()) {
        Ok(p) => p,
        Err(e) => return bad_json(e),
    };
    let Some(catalog) = state.catalogs.get(&payload.catalog) else {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            "unknown catalog".into(),
            vec![field("catalog", msg::ERROR_CHOICE_UNKNOWN.as_str())],
        );
    };
    if let Some(check) = &payload.spam_check {
        let hint = if !check.website.is_empty() {
            Some("a field hidden from people was filled in".to_owned())
        } else if check.filled_in_ms < state.min_fill_ms {
            Some(format!("filled in {} ms", check.filled_in_ms))
        } else {
            None
        };
        if let Some(hint) = hint {
            return error(
                StatusCode::UNPROCESSABLE_ENTITY,
                "spam-suspected",
                hint,
                vec![],
            );
        }
    }
    let rules = Rules::new(catalog, &payload.plan).entitled(&payload.entitlements);
    if !rules.plan_is_known() {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            "unknown plan".into(),
            vec![field("plan", msg::ERROR_CHOICE_UNKNOWN.as_str())],
        );
    }
    // Browsers escape quotes and line breaks in multipart file names: read them back as declared.
    for (declared, file) in payload.attachments.iter().zip(files.0.iter_mut()) {
        if form_data_name(&declared.name) == file.filename {
            file.filename = declared.name.clone();
        }
    }
    // What arrived is the truth about the files; the declared metadata must agree with it.
    let mut answers = payload.to_answers();
    answers.attachments = files
        .0
        .iter()
        .map(|f| AttachmentMeta {
            name: f.filename.clone(),
            size: f.size,
            content_type: f.content_type.clone(),
            token: String::new(),
        })
        .collect();
    let leading: Vec<&[u8]> = files.0.iter().map(|f| f.leading.as_slice()).collect();
    let mut problems: Vec<FieldProblem> = validate_arrived(&rules, &answers, &leading)
        .into_iter()
        .map(|e| FieldProblem::from(&e))
        .collect();
    let refused_files: Vec<String> = problems
        .iter()
        .filter(|p| p.field == "attachments")
        .filter_map(|p| match p.args.get("name") {
            Some(Arg::Text(name)) => Some(name.clone()),
            _ => None,
        })
        .collect();
    if let Some(phone) = &payload.contact.phone {
        let country = catalog.phone_country(&phone.country);
        match country.and_then(|c| to_e164(&c.region, &phone.number)) {
            Some(e164) => case_json["contact"]["phone"]["e164"] = e164.into(),
            None if !problems.iter().any(|p| p.field.starts_with("phone_")) => {
                let label = country.map(|c| c.label.clone()).unwrap_or_default();
                problems.push(FieldProblem::from(
                    &FieldError::new(Field::PhoneNumber, msg::ERROR_PHONE_NOT_IN_COUNTRY)
                        .arg("country", Arg::Label(label)),
                ));
            }
            None => {}
        }
    }
    let declared: Vec<&str> = payload
        .attachments
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    let arrived: Vec<&str> = answers
        .attachments
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    if declared != arrived {
        problems.push(field("attachments", "error-attachment-mismatch"));
    }
    if !problems.is_empty() {
        let status = if problems
            .iter()
            .any(|p| p.code == msg::ERROR_ATTACHMENT_TOO_LARGE.as_str())
        {
            StatusCode::PAYLOAD_TOO_LARGE
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let names: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        let mut message = format!("invalid: {}", names.join(", "));
        if !refused_files.is_empty() {
            message.push_str(&format!("; refused files: {}", refused_files.join(", ")));
        }
        return error(status, "validation", message, problems);
    }

    let received = std::mem::take(&mut files.0);
    let stored = tokio::task::spawn_blocking(move || {
        state.store.insert(key.as_deref(), &case_json, received)
    })
    .await;
    match stored {
        Ok(Ok((case, new))) => created(&case, new),
        Ok(Err(e)) => storage_error(e),
        Err(e) => storage_error(e),
    }
}

#[derive(Serialize)]
struct Uploaded {
    token: String,
    name: String,
    size: u64,
    #[serde(rename = "type")]
    content_type: String,
    sha256: String,
}

/// `POST /api/uploads?filename=…[&catalog=…&case_type=…]`: one file as the request body.
pub async fn upload(
    State(state): State<Arc<AppState>>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let filename = query.get("filename").cloned().unwrap_or_default();
    if filename.trim().is_empty() {
        return error(
            StatusCode::BAD_REQUEST,
            "missing-filename",
            "give the file's name as ?filename=".into(),
            vec![field("attachments", "error-missing")],
        );
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    // Without a catalog, any type up to the largest file any catalog accepts.
    let limits = match query.get("catalog").and_then(|id| state.catalogs.get(id)) {
        Some(catalog) => {
            let case_type = query.get("case_type").cloned().unwrap_or_default();
            Rules::new(catalog, "")
                .attachments(Some(&case_type))
                .clone()
        }
        None => AttachmentRules {
            max_bytes: file_cap(&state),
            ..AttachmentRules::default()
        },
    };
    let cap = limits.max_bytes;
    let mut sink = match FileSink::new(&state, filename.clone(), content_type.clone(), cap).await {
        Ok(sink) => sink,
        Err(response) => return response,
    };
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        match chunk {
            Ok(chunk) => {
                if let Err(response) = sink.push(&chunk).await {
                    return response;
                }
            }
            Err(e) => {
                sink.abandon();
                return error(
                    StatusCode::BAD_REQUEST,
                    "bad-request",
                    e.to_string(),
                    vec![],
                );
            }
        }
    }
    let received = match sink.finish().await {
        Ok(received) => received,
        Err(response) => return response,
    };
    let meta = AttachmentMeta {
        name: filename.clone(),
        size: received.size,
        content_type: content_type.clone(),
        token: String::new(),
    };
    // One file on its own: nothing attached before it.
    if let Some(refusal) = check(&limits, &[], &meta, &received.leading) {
        let _ = std::fs::remove_file(&received.temp_path);
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            format!("{filename} refused"),
            vec![FieldProblem::from(&refusal)],
        );
    }
    let (size, sha256) = (received.size, received.sha256.clone());
    let stored = tokio::task::spawn_blocking(move || state.store.insert_upload(received)).await;
    match stored {
        Ok(Ok(token)) => (
            StatusCode::CREATED,
            Json(Uploaded {
                token,
                name: filename,
                size,
                content_type,
                sha256,
            }),
        )
            .into_response(),
        Ok(Err(e)) => storage_error(e),
        Err(e) => storage_error(e),
    }
}

pub async fn read_case(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    match state.store.get(&id) {
        Ok(Some(case)) => Json(case).into_response(),
        Ok(None) => error(StatusCode::NOT_FOUND, "not-found", id, vec![]),
        Err(e) => storage_error(e),
    }
}

/// `GET /api/cases` (with `--expose-cases`): how many cases are stored, and their IDs.
pub async fn list_cases(State(state): State<Arc<AppState>>) -> Response {
    match state.store.ids() {
        Ok(ids) => Json(serde_json::json!({ "count": ids.len(), "ids": ids })).into_response(),
        Err(e) => storage_error(e),
    }
}
