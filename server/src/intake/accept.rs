//! A received case checked with its catalog's rules, as the widget checks it, against what
//! arrived, then stored with its files.

use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::Response;
use case_core::attachment::stored_type;
use case_core::catalog::Catalog;
use case_core::draft::{Answers, AttachmentMeta};
use case_core::i18n::Arg;
use case_core::msg;
use case_core::rules::Rules;
use case_core::validate::{validate_arrived, FieldError};
use case_core::wire::{CasePayload, FieldProblem};
use case_core::Field;

use super::errors::{bad_json, created, error, field, invalid, key_reused, storage_error};
use super::form_token::spam_check;
use super::names::{clean_name, form_data_name};
use super::script::refuse_script;
use super::sink::Incoming;
use crate::identity::Identity;
use crate::phone::to_e164;
use crate::state::AppState;
use crate::store::{IdempotencyKey, Received, Stored};

/// Validates a received case with the catalog's rules and stores it.
pub(super) async fn accept(
    state: Arc<AppState>,
    key: Option<IdempotencyKey>,
    identity: Option<Identity>,
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
    let (catalog, form_token) = match admit(&state, &payload, identity.as_ref()) {
        Ok(admitted) => admitted,
        Err(response) => return response,
    };
    clean_names(&mut payload, &mut case_json, &mut files);
    let problems = problems(catalog, &payload, &mut case_json, &files);
    if !problems.is_empty() {
        return refusal(problems);
    }
    // Stored with the case: who the portal signed it for.
    if let Some(identity) = &identity {
        case_json["identity"] = serde_json::json!({ "sub": identity.sub });
    }
    store(state, key, form_token, case_json, files).await
}

/// What a case must pass before its answers are looked at: a catalog this server has, the spam
/// checks, an account the signed-in customer may file for, a plan the catalog knows. The
/// catalog, and the form token's nonce to mark used.
fn admit<'s>(
    state: &'s AppState,
    payload: &CasePayload,
    identity: Option<&Identity>,
) -> Result<(&'s Catalog, Option<String>), Response> {
    let Some(catalog) = state.catalogs.get(&payload.catalog) else {
        return Err(invalid(
            "unknown catalog".into(),
            vec![field("catalog", msg::ERROR_CHOICE_UNKNOWN.as_str())],
        ));
    };
    let form_token = spam_check(state, payload.spam_check.as_ref()).map_err(|hint| {
        error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "spam-suspected",
            hint,
            vec![],
        )
    })?;
    if let (Some(identity), Some(account)) = (identity, &payload.on_behalf_of) {
        if !identity.may_file_for(&account.account) {
            return Err(invalid(
                "the signed-in customer may not file for this account".into(),
                vec![field("on_behalf_of", msg::ERROR_CHOICE_UNKNOWN.as_str())],
            ));
        }
    }
    if !Rules::new(catalog, &payload.plan).plan_is_known() {
        return Err(invalid(
            "unknown plan".into(),
            vec![field("plan", msg::ERROR_CHOICE_UNKNOWN.as_str())],
        ));
    }
    Ok((catalog, form_token))
}

/// Names are stored and shown cleaned, the declared ones as the arrived ones.
fn clean_names(payload: &mut CasePayload, case_json: &mut serde_json::Value, files: &mut Incoming) {
    // Browsers escape quotes and line breaks in multipart file names: read them back as declared.
    for (declared, file) in payload.attachments.iter().zip(files.0.iter_mut()) {
        if form_data_name(&declared.name) == file.filename {
            file.filename = declared.name.clone();
        }
    }
    for (i, declared) in payload.attachments.iter_mut().enumerate() {
        declared.name = clean_name(&declared.name);
        case_json["attachments"][i]["name"] = declared.name.as_str().into();
    }
    for file in files.0.iter_mut() {
        file.filename = clean_name(&file.filename);
    }
}

/// The answers with the files as they arrived: what arrived is the truth about the files, and
/// the declared metadata must agree with it.
fn arrived_answers(payload: &CasePayload, files: &Incoming) -> Answers {
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
    answers
}

/// Everything wrong with a case: the catalog's rules, script in its SVG files, a phone number
/// its country does not dial, declared files that are not those that arrived. The phone number
/// goes into the case in E.164 when it is right.
fn problems(
    catalog: &Catalog,
    payload: &CasePayload,
    case_json: &mut serde_json::Value,
    files: &Incoming,
) -> Vec<FieldProblem> {
    let rules = Rules::new(catalog, &payload.plan).entitled(&payload.entitlements);
    let answers = arrived_answers(payload, files);
    let leading: Vec<&[u8]> = files.0.iter().map(|f| f.leading.as_slice()).collect();
    let mut problems: Vec<FieldProblem> = validate_arrived(&rules, &answers, &leading)
        .into_iter()
        .map(|e| FieldProblem::from(&e))
        .collect();
    if !problems.iter().any(|p| p.field == "attachments") {
        if let Some(refused) = files.0.iter().find_map(refuse_script) {
            problems.insert(0, refused);
        }
    }
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
    let declared = payload.attachments.iter().map(|a| a.name.as_str());
    if !declared.eq(answers.attachments.iter().map(|a| a.name.as_str())) {
        problems.push(field("attachments", "error-attachment-mismatch"));
    }
    problems
}

/// What is stored about each file is what arrived: the size received, and the type its bytes
/// prove or agree with (core's `stored_type`). Where the case declared otherwise, the declaration is kept beside them, and a
/// declaration that claimed another kind of file, or another size, is logged.
fn record_as_arrived(case_json: &mut serde_json::Value, files: &mut [Received]) {
    for (position, file) in files.iter_mut().enumerate() {
        // What arrived with the file says its type; the bytes decide whether that stands.
        let stored = stored_type(&file.content_type, &file.leading);
        let entry = &mut case_json["attachments"][position];
        let declared_size = entry["size"].as_u64();
        let declared_type = entry["type"].as_str().unwrap_or_default().to_owned();
        let stored = stored.as_str();
        if declared_size != Some(file.size) || declared_type != stored {
            // The declared type is the client's text: only its kind, as a MIME token, is logged.
            let kind = |t: &str| {
                let kind = t.split('/').next().unwrap_or_default();
                let token = kind.len() <= 32
                    && kind.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
                if token {
                    kind.to_ascii_lowercase()
                } else {
                    "?".into()
                }
            };
            if declared_size != Some(file.size) || kind(&declared_type) != kind(stored) {
                tracing::warn!(
                    position,
                    declared_size,
                    received_size = file.size,
                    declared_kind = kind(&declared_type),
                    stored_kind = kind(stored),
                    "a file's declared size or type disagreed with its bytes"
                );
            }
            entry["declared"] = serde_json::json!({ "size": declared_size, "type": declared_type });
        }
        entry["size"] = file.size.into();
        entry["type"] = stored.into();
        file.content_type = stored.to_owned();
    }
}

/// The answer to a case with problems, naming the files refused.
fn refusal(problems: Vec<FieldProblem>) -> Response {
    let too_large = msg::ERROR_ATTACHMENT_TOO_LARGE.as_str();
    let status = if problems.iter().any(|p| p.code == too_large) {
        StatusCode::PAYLOAD_TOO_LARGE
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let refused_files: Vec<String> = problems
        .iter()
        .filter(|p| p.field == "attachments")
        .filter_map(|p| match p.args.get("name") {
            Some(Arg::Text(name)) => Some(name.clone()),
            _ => None,
        })
        .collect();
    let names: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    let mut message = format!("invalid: {}", names.join(", "));
    if !refused_files.is_empty() {
        message.push_str(&format!("; refused files: {}", refused_files.join(", ")));
    }
    error(status, "validation", message, problems)
}

/// Stores a valid case with its files, and answers with its ID.
async fn store(
    state: Arc<AppState>,
    key: Option<IdempotencyKey>,
    form_token: Option<String>,
    mut case_json: serde_json::Value,
    mut files: Incoming,
) -> Response {
    let mut received = std::mem::take(&mut files.0);
    record_as_arrived(&mut case_json, &mut received);
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
        Ok(Ok(Stored::UploadGone)) => invalid(
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
