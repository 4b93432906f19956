//! Receiving cases, in both shapes the widget sends (see `docs/wire-contract.md`):
//! - `POST /api/cases` as `multipart/form-data`: a `case` JSON part and its files;
//! - `POST /api/uploads?filename=…` with one file as the body, answered with a token, then
//!   `POST /api/cases` as `application/json` whose attachments name those tokens.

// A refusal is the response itself, made where the request is read.
#![allow(clippy::result_large_err)]

use case_core::msg;
use case_core::Field;
use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
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
use std::net::SocketAddr;
use tokio::io::AsyncWriteExt;

use crate::phone::to_e164;
use crate::store::{IdempotencyKey, Received, Stored, StoredCase};
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

/// A case that is not JSON, or not a case: said in our words, not the parser's.
fn bad_json(e: serde_json::Error) -> Response {
    let message = match e.classify() {
        serde_json::error::Category::Data => {
            "case: a member is missing, unknown or of the wrong type (see docs/case.schema.json)"
        }
        _ => "case: not valid JSON",
    };
    error(
        StatusCode::BAD_REQUEST,
        "bad-json",
        message.into(),
        vec![field("case", "error-bad-json")],
    )
}

/// The largest `case` JSON, as a part or as a whole body.
const CASE_JSON_MAX: usize = 1024 * 1024;

/// A failure to store: the details go to the server's log, not to the client.
fn storage_error(e: impl std::fmt::Display) -> Response {
    eprintln!("case-server: storage: {e}");
    error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "storage",
        "The case could not be stored. Try again later.".into(),
        vec![],
    )
}

/// A multipart body that could not be read, said without the parser's own words.
fn multipart_error(e: axum::extract::multipart::MultipartError) -> Response {
    let status = e.status();
    let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
        "The request is larger than any case may be."
    } else {
        "The multipart body is malformed or was cut off."
    };
    error(status, "bad-request", message.into(), vec![])
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
        crate::store::remove_arrived(&self.0);
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

/// The request's `Idempotency-Key`: 1 to 255 visible ASCII characters (a UUID, say), or none.
/// Anything else is refused rather than ignored, which would file a retry twice.
fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, Response> {
    let mut values = headers.get_all("idempotency-key").iter();
    let Some(value) = values.next() else {
        return Ok(None);
    };
    let key = value.as_bytes();
    if values.next().is_some()
        || key.is_empty()
        || key.len() > 255
        || !key.iter().all(|b| b.is_ascii_graphic())
    {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "bad-idempotency-key",
            "An Idempotency-Key is one value of 1 to 255 visible ASCII characters, such as a UUID."
                .into(),
            vec![],
        ));
    }
    Ok(Some(String::from_utf8_lossy(key).into_owned()))
}

/// What makes two requests the same: the case as sent but for the language it was shown in and
/// its spam check, which may differ between tries, and the bytes of the files that came with it.
fn fingerprint(case_json: &serde_json::Value, files: &Incoming) -> String {
    let mut case = case_json.clone();
    if let Some(case) = case.as_object_mut() {
        case.remove("spam_check");
        case.remove("locale");
    }
    let mut hasher = Sha256::new();
    hasher.update(canonical(&case).as_bytes());
    for file in &files.0 {
        hasher.update(b"\n");
        hasher.update(file.sha256.as_bytes());
    }
    hex::encode(hasher.finalize())
}

/// JSON with every object's members in order of their names.
fn canonical(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Object(members) => {
            let mut names: Vec<&String> = members.keys().collect();
            names.sort();
            let inner: Vec<String> = names
                .into_iter()
                .map(|name| {
                    format!(
                        "{}:{}",
                        serde_json::Value::from(name.as_str()),
                        canonical(&members[name])
                    )
                })
                .collect();
            format!("{{{}}}", inner.join(","))
        }
        serde_json::Value::Array(items) => {
            let inner: Vec<String> = items.iter().map(canonical).collect();
            format!("[{}]", inner.join(","))
        }
        other => other.to_string(),
    }
}

fn key_reused() -> Response {
    error(
        StatusCode::UNPROCESSABLE_ENTITY,
        "idempotency-key-reused",
        "This Idempotency-Key was used before for another request: send a changed case under a new key."
            .into(),
        vec![],
    )
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
    let key = match idempotency_key(request.headers()) {
        Ok(key) => key,
        Err(response) => return response,
    };
    let identity = match &state.identity {
        Some((secret, required)) => match crate::identity::of(request.headers(), secret, *required)
        {
            Ok(identity) => identity,
            Err(refused) => {
                let message = match refused {
                    crate::identity::Refused::Missing => "Sign in to the portal to file a case.",
                    crate::identity::Refused::Invalid => {
                        "The sign-in the page sent is not valid or has expired: sign in again."
                    }
                };
                return error(StatusCode::UNAUTHORIZED, "sign-in", message.into(), vec![]);
            }
        },
        None => None,
    };
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let json = content_type.starts_with("application/json");
    let received = if content_type.starts_with("multipart/form-data") {
        match Multipart::from_request(request, &()).await {
            Ok(multipart) => receive_multipart(&state, multipart).await,
            Err(_) => {
                return error(
                    StatusCode::BAD_REQUEST,
                    "bad-request",
                    "multipart/form-data needs a boundary in its Content-Type.".into(),
                    vec![],
                )
            }
        }
    } else if json {
        receive_json(request).await
    } else {
        return error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            "send multipart/form-data, or application/json after uploading the files".into(),
            vec![],
        );
    };
    let (case_json, mut files) = match received {
        Ok(received) => received,
        Err(response) => return response,
    };
    let key = key.map(|key| IdempotencyKey {
        scope: identity.as_ref().map(|i| i.sub.clone()).unwrap_or_default(),
        key,
        fingerprint: fingerprint(&case_json, &files),
    });
    if let Some(key) = &key {
        match state.store.find_by_key(key) {
            Ok(Some(Stored::Replayed(case))) => return created(&case, false),
            Ok(Some(Stored::KeyReused)) => return key_reused(),
            Ok(_) => {}
            Err(e) => return storage_error(e),
        }
    }
    if json {
        if let Err(response) = claim_uploads(&state, &case_json, &mut files) {
            return response;
        }
    }
    accept(state, key, identity, case_json, files).await
}

async fn receive_multipart(
    state: &AppState,
    mut multipart: Multipart,
) -> Result<(serde_json::Value, Incoming), Response> {
    let cap = file_cap(state);
    let most_files = all_rules(state).map(|r| r.max_files).max().unwrap_or(0);
    let mut case_json = None;
    let mut files = Incoming(Vec::new());
    loop {
        if files.0.len() > most_files + 1 {
            // One too many is for the catalog's rules to name; past that, the body is refused
            // before more files are written.
            return Err(error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too-many-parts",
                format!("A case may carry {most_files} files at most."),
                vec![],
            ));
        }
        let mut part = match multipart.next_field().await {
            Ok(Some(part)) => part,
            Ok(None) => break,
            Err(e) => return Err(multipart_error(e)),
        };
        match part.name() {
            Some("case") if case_json.is_none() => {
                let mut bytes = Vec::new();
                loop {
                    match part.chunk().await {
                        Ok(Some(chunk)) if bytes.len() + chunk.len() <= CASE_JSON_MAX => {
                            bytes.extend_from_slice(&chunk)
                        }
                        Ok(Some(_)) => {
                            return Err(error(
                                StatusCode::PAYLOAD_TOO_LARGE,
                                "too-large",
                                "The case part may be 1 MiB at most.".into(),
                                vec![],
                            ))
                        }
                        Ok(None) => break,
                        Err(e) => return Err(multipart_error(e)),
                    }
                }
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
                            return Err(multipart_error(e));
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

async fn receive_json(request: Request) -> Result<(serde_json::Value, Incoming), Response> {
    let bytes = axum::body::to_bytes(request.into_body(), 1024 * 1024)
        .await
        .map_err(|_| {
            error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too-large",
                "A case sent as JSON may be 1 MiB at most.".into(),
                vec![],
            )
        })?;
    let case_json: serde_json::Value = serde_json::from_slice(&bytes).map_err(bad_json)?;
    Ok((case_json, Incoming(Vec::new())))
}

/// The uploaded files a case sent as JSON names by their tokens.
fn claim_uploads(
    state: &AppState,
    case_json: &serde_json::Value,
    files: &mut Incoming,
) -> Result<(), Response> {
    let tokens: Vec<String> = case_json["attachments"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|a| a["token"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default();
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
    Ok(())
}

/// A file name safe to store and show: no path separators (each becomes `_`), no control
/// characters or bidirectional overrides, no leading dots, 200 characters at most; `attachment`
/// when nothing is left.
pub fn clean_name(name: &str) -> String {
    let kept: String = name
        .chars()
        .filter(|c| {
            !c.is_control()
                && !matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
        })
        .map(|c| if c == '/' || c == '\\' { '_' } else { c })
        .collect();
    let trimmed = kept.trim().trim_start_matches(['.', '_', ' ']).trim_end();
    let short: String = trimmed.chars().take(200).collect();
    if short.is_empty() {
        "attachment".to_owned()
    } else {
        short
    }
}

/// Whether a file is SVG, by its declared type, its name or its first bytes.
fn is_svg(name: &str, content_type: &str, leading: &[u8]) -> bool {
    let start = String::from_utf8_lossy(leading)
        .trim_start_matches('\u{feff}')
        .trim_start()
        .to_ascii_lowercase();
    content_type.eq_ignore_ascii_case("image/svg+xml")
        || name.to_ascii_lowercase().ends_with(".svg")
        || start.starts_with("<svg")
        || (start.starts_with("<?xml") && name.to_ascii_lowercase().ends_with("svg"))
}

/// Whether an SVG file carries script: a `<script>`, an event handler or a `javascript:` link,
/// anywhere in it.
fn svg_has_script(path: &std::path::Path) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return true;
    };
    let text = String::from_utf8_lossy(&bytes).to_ascii_lowercase();
    let handler = text
        .match_indices(" on")
        .chain(text.match_indices("\non"))
        .chain(text.match_indices("\ton"))
        .any(|(at, _)| {
            let rest = &text[at + 3..];
            let name_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
            name_len > 0 && rest[name_len..].trim_start().starts_with('=')
        });
    text.contains("<script")
        || text.contains("javascript:")
        || text.contains("<foreignobject")
        || handler
}

/// The refusal of a file for what its bytes hold.
fn refused_type(name: &str) -> FieldProblem {
    FieldProblem::from(
        &FieldError::new(Field::Attachments, msg::ERROR_ATTACHMENT_TYPE).arg("name", name),
    )
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
    key: Option<IdempotencyKey>,
    identity: Option<crate::identity::Identity>,
    mut case_json: serde_json::Value,
    mut files: Incoming,
) -> Response {
    // What the portal signed takes the place of what the case says.
    if let Some(identity) = &identity {
        identity.apply(&mut case_json);
    }
    let mut payload: CasePayload = match serde_json::from_value(case_json.clone()) {
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
    let form_token = match spam_check(&state, payload.spam_check.as_ref()) {
        Ok(nonce) => nonce,
        Err(hint) => {
            return error(
                StatusCode::UNPROCESSABLE_ENTITY,
                "spam-suspected",
                hint,
                vec![],
            )
        }
    };
    if let (Some(identity), Some(account)) = (&identity, &payload.on_behalf_of) {
        if !identity.may_file_for(&account.account) {
            return error(
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
                "the signed-in customer may not file for this account".into(),
                vec![field("on_behalf_of", msg::ERROR_CHOICE_UNKNOWN.as_str())],
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
    // Names are stored and shown cleaned, the declared ones as the arrived ones.
    for (i, declared) in payload.attachments.iter_mut().enumerate() {
        declared.name = clean_name(&declared.name);
        case_json["attachments"][i]["name"] = declared.name.as_str().into();
    }
    for file in files.0.iter_mut() {
        file.filename = clean_name(&file.filename);
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
    for file in &files.0 {
        let svg = is_svg(&file.filename, &file.content_type, &file.leading);
        if svg
            && svg_has_script(&file.temp_path)
            && !problems.iter().any(|p| p.field == "attachments")
        {
            problems.insert(0, refused_type(&file.filename));
        }
    }
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

    // Stored with the case: who the portal signed it for.
    if let Some(identity) = &identity {
        case_json["identity"] = serde_json::json!({ "sub": identity.sub });
    }
    let received = std::mem::take(&mut files.0);
    let stored = tokio::task::spawn_blocking(move || {
        state
            .store
            .insert(key.as_ref(), form_token.as_deref(), &case_json, received)
    })
    .await;
    match stored {
        Ok(Ok(Stored::New(case))) => created(&case, true),
        Ok(Ok(Stored::Replayed(case))) => created(&case, false),
        Ok(Ok(Stored::KeyReused)) => key_reused(),
        Ok(Ok(Stored::UploadGone)) => error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            "an uploaded file was claimed by another case".into(),
            vec![field("attachments", "error-attachment-unknown-token")],
        ),
        Ok(Ok(Stored::FormTokenUsed)) => error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "spam-suspected",
            "this form token filed a case already".into(),
            vec![],
        ),
        Ok(Err(e)) => storage_error(e),
        Err(e) => storage_error(e),
    }
}

/// How long a form token is good for: a draft may wait a week.
const FORM_TOKEN_DAYS: i64 = 8;

/// `GET /api/form-token`: a token signed by this server, saying when it was issued; a case
/// carries it in `spam_check.form_token`, and each token files one case.
pub async fn form_token(State(state): State<Arc<AppState>>) -> Response {
    let Some(secret) = &state.form_tokens else {
        return error(
            StatusCode::NOT_FOUND,
            "not-found",
            "Spam checks are off.".into(),
            vec![],
        );
    };
    let now = chrono::Utc::now().timestamp_millis();
    let claims = serde_json::json!({
        "iat_ms": now,
        "exp": now / 1000 + FORM_TOKEN_DAYS * 24 * 3600,
        "nonce": uuid::Uuid::new_v4().simple().to_string(),
    });
    (
        [(header::CACHE_CONTROL, "no-store")],
        Json(serde_json::json!({ "token": crate::token::sign(secret, &claims) })),
    )
        .into_response()
}

/// The spam checks a case must pass where they are on: its hidden field empty, a form token this
/// server issued and not used before, issued at least the minimum time to fill in ago. The
/// token's nonce, to be marked used with the case; a hint for the log when refused.
fn spam_check(
    state: &AppState,
    check: Option<&case_core::wire::SpamCheck>,
) -> Result<Option<String>, String> {
    let Some(secret) = &state.form_tokens else {
        return Ok(None);
    };
    let Some(check) = check else {
        return Err("no spam check".into());
    };
    if !check.website.is_empty() {
        return Err("a field hidden from people was filled in".into());
    }
    let claims = crate::token::verify(secret, &check.form_token, crate::token::now())
        .map_err(|_| "no valid form token".to_owned())?;
    let issued = claims["iat_ms"].as_i64().unwrap_or(i64::MAX);
    let took = chrono::Utc::now().timestamp_millis() - issued;
    if took < state.min_fill_ms as i64 {
        return Err(format!("filled in {} ms", took.max(0)));
    }
    let nonce = claims["nonce"].as_str().unwrap_or_default();
    Ok(Some(nonce.to_owned()))
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
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let client = peer
        .map(|p| crate::serve::client_of(p.0 .0.ip()).to_string())
        .unwrap_or_default();
    match state.store.unclaimed_bytes(&client) {
        Ok(used) if used >= state.upload_quota => {
            return crate::quota::too_many(
                600,
                "This address has uploaded as many files as a case may wait for: file the case, or try again later.",
            )
        }
        Ok(_) => {}
        Err(e) => return storage_error(e),
    }
    let filename = query.get("filename").cloned().unwrap_or_default();
    let given = !filename.trim().is_empty();
    let filename = clean_name(&filename);
    if !given {
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
            Err(_) => {
                sink.abandon();
                return error(
                    StatusCode::BAD_REQUEST,
                    "bad-request",
                    "The file's body broke off or stalled.".into(),
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
    let svg_script =
        is_svg(&filename, &content_type, &received.leading) && svg_has_script(&received.temp_path);
    if svg_script {
        let _ = std::fs::remove_file(&received.temp_path);
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            format!("{filename} refused"),
            vec![refused_type(&filename)],
        );
    }
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
    let stored =
        tokio::task::spawn_blocking(move || state.store.insert_upload(received, &client)).await;
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
