//! Wire profiles: how a case is sent to one kind of backend, as data. A profile names the
//! request(s) to make — optional uploads first, then the case — their URLs, headers and
//! encoding, and maps the answers onto the backend's fields with small JSON templates. Then it
//! says where the backend's answer keeps the case ID, a link, and a refusal's reason.
//! `docs/wire-profiles.md` describes the format; `public/profiles/` holds the shipped ones.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::catalog::Catalog;
use crate::i18n::Messages;
use crate::suggest::Suggested;
use crate::summary;
use crate::text::Text;
use crate::wire::{CaseCreated, CasePayload};

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub id: String,
    #[serde(default)]
    pub description: String,
    /// The language of `{body}` and of the `*_label` values, for the people reading the case.
    #[serde(default = "english")]
    pub body_language: String,
    /// Sends the portal's cookies to a backend on another origin too.
    #[serde(default)]
    pub with_credentials: bool,
    /// Files sent before the case, each answered with a reference the case then names.
    #[serde(default)]
    pub upload: Option<UploadRequest>,
    pub create: CreateRequest,
    #[serde(default)]
    pub answer: AnswerFields,
    /// Articles the backend suggests for what the customer types, e.g. a help centre's search.
    #[serde(default)]
    pub suggest: Option<SuggestRequest>,
    /// Where the backend issues form tokens (a URL template that may name `endpoint`): the
    /// widget fetches one when a draft begins and sends it in the case's `spam_check`.
    #[serde(default)]
    pub form_token: Option<String>,
}

/// A search for help articles: a GET to `url` (templates may name `query`, `locale`, `service`,
/// `category` and `endpoint`), and where its answer keeps the articles and their fields.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuggestRequest {
    pub url: String,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// The list of articles in the answer, as a JSON pointer, e.g. `/results`.
    pub list: String,
    /// Each article's fields, read against one item of the list, e.g. `{/html_url}`.
    pub id: String,
    pub title: String,
    pub link: String,
    #[serde(default)]
    pub summary: String,
}

fn english() -> String {
    "en".into()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
    /// The file itself is the body (uploads only).
    Raw,
    /// The body template as JSON; files travel inside it as base64 (`{item.base64}`).
    Json,
    /// `multipart/form-data`: the body template as a JSON part, and one part per file.
    Multipart,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Per {
    /// One request per file, each answered with that file's reference.
    #[default]
    File,
    /// One request with every file, answered with one reference for them all.
    Case,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UploadRequest {
    pub url: String,
    #[serde(default)]
    pub per: Per,
    pub encoding: Encoding,
    /// The part each file goes in (multipart).
    #[serde(default)]
    pub file_part: String,
    /// The JSON body's template (json).
    #[serde(default)]
    pub body: Value,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// Where the answer keeps the reference, e.g. `{/upload/token}`.
    pub reference: String,
    /// Where the answer states the SHA-256 of the bytes it stored, e.g. `{/upload/token}` for
    /// Redmine's `<id>.<sha256>`: it must end with the file's digest in hex, or the file is
    /// uploaded again before the case is created.
    #[serde(default)]
    pub sha256: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateRequest {
    pub url: String,
    pub encoding: Encoding,
    /// The part the JSON goes in (multipart); with a file name it is sent as a file.
    #[serde(default)]
    pub json_part: Option<JsonPart>,
    /// The part each file goes in (multipart).
    #[serde(default)]
    pub file_part: String,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    pub body: Value,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonPart {
    pub name: String,
    #[serde(default)]
    pub filename: String,
}

/// Where the backend's answers keep what the customer is shown.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AnswerFields {
    pub case_id: String,
    /// A link to the case, e.g. `https://help.example.com/requests/{/request/id}`.
    pub link: String,
    /// A refusal's reason in the backend's words, e.g. `{/message}`.
    pub error: String,
}

impl Default for AnswerFields {
    fn default() -> Self {
        AnswerFields {
            case_id: "{/id}".into(),
            link: String::new(),
            error: "{/message}".into(),
        }
    }
}

/// Everything a profile's templates can name, besides the backend's answer.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub catalog: &'a Catalog,
    pub payload: &'a CasePayload,
    pub messages: &'a Messages,
    /// The element's `endpoint` and `upload-endpoint` attributes.
    pub endpoint: &'a str,
    pub upload_endpoint: &'a str,
    pub idempotency_key: &'a str,
}

/// One request to make.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Body,
    /// The attachments this request carries, by index.
    pub files: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    /// Attachment `n` itself.
    File(usize),
    /// Text with files' base64 in between.
    Text(Vec<Segment>),
    Form(Vec<Part>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Segment {
    Text(String),
    /// Attachment `n`'s bytes in base64.
    Base64(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    /// A plain form field.
    Field { name: String, value: Vec<Segment> },
    /// JSON sent as a file, e.g. the reference contract's `case.json`.
    Json {
        name: String,
        filename: String,
        value: Vec<Segment>,
    },
    /// Attachment `index`, under its own name and type.
    File { name: String, index: usize },
}

/// A profile that cannot be used, with the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileError(pub String);

const REFERENCE: &str = include_str!("../../public/profiles/reference.json");
const REFERENCE_TWO_PHASE: &str = include_str!("../../public/profiles/reference-two-phase.json");

impl Profile {
    pub fn from_json(json: &str) -> Result<Profile, ProfileError> {
        let profile: Profile =
            serde_json::from_str(json).map_err(|e| ProfileError(e.to_string()))?;
        profile.check()?;
        Ok(profile)
    }

    /// The reference server's own contract: one multipart request, or with `two_phase` each
    /// file first and then the case as JSON naming the files' tokens. Parsed once, then shared.
    pub fn reference(two_phase: bool) -> Arc<Profile> {
        static PARSED: [OnceLock<Arc<Profile>>; 2] = [OnceLock::new(), OnceLock::new()];
        let json = if two_phase {
            REFERENCE_TWO_PHASE
        } else {
            REFERENCE
        };
        PARSED[usize::from(two_phase)]
            .get_or_init(|| {
                Arc::new(
                    Profile::from_json(json)
                        .expect("the shipped reference profiles are valid (a test checks)"),
                )
            })
            .clone()
    }

    fn check(&self) -> Result<(), ProfileError> {
        let fail = |what: &str| Err(ProfileError(format!("{}: {what}", self.id)));
        if let Some(upload) = &self.upload {
            match upload.encoding {
                Encoding::Raw if upload.per == Per::Case => {
                    return fail("a raw upload carries one file: use \"per\": \"file\"")
                }
                Encoding::Multipart if upload.file_part.is_empty() => {
                    return fail("a multipart upload needs \"file_part\"")
                }
                _ => {}
            }
            if upload.reference.is_empty() {
                return fail("an upload needs \"reference\"");
            }
            if !upload.sha256.is_empty() && upload.per == Per::Case {
                return fail("\"sha256\" checks one file's digest: use \"per\": \"file\"");
            }
        }
        match self.create.encoding {
            Encoding::Raw => return fail("a case cannot be sent raw"),
            Encoding::Multipart if self.create.json_part.is_none() => {
                return fail("a multipart case needs \"json_part\"")
            }
            Encoding::Multipart if self.create.file_part.is_empty() && self.upload.is_none() => {
                return fail("a multipart case needs \"file_part\" for its files")
            }
            _ => {}
        }
        if self.answer.case_id.is_empty() {
            return fail("\"answer.case_id\" is empty");
        }
        Ok(())
    }

    /// The uploads still to make: files without a reference yet.
    pub fn uploads(&self, ctx: &Context) -> Vec<Request> {
        let Some(upload) = &self.upload else {
            return Vec::new();
        };
        let scope = scope(self, ctx);
        let missing: Vec<usize> = ctx
            .payload
            .attachments
            .iter()
            .enumerate()
            .filter(|(_, a)| a.token.is_empty())
            .map(|(i, _)| i)
            .collect();
        let request = |item: Option<&Value>, files: Vec<usize>| {
            let at = Scope {
                root: &scope,
                item,
                answer: None,
            };
            let body = match upload.encoding {
                Encoding::Raw => Body::File(files[0]),
                Encoding::Json => Body::Text(segments(&at.eval(&upload.body), ctx)),
                Encoding::Multipart => Body::Form(
                    files
                        .iter()
                        .map(|&index| Part::File {
                            name: upload.file_part.clone(),
                            index,
                        })
                        .collect(),
                ),
            };
            Request {
                url: at.url(&upload.url),
                headers: at.headers(&upload.headers, &body),
                body,
                files,
            }
        };
        match upload.per {
            Per::File => missing
                .into_iter()
                .map(|i| request(scope["files"].get(i), vec![i]))
                .collect(),
            Per::Case if missing.is_empty() => Vec::new(),
            Per::Case => vec![request(None, (0..ctx.payload.attachments.len()).collect())],
        }
    }

    /// The reference an upload's answer gives its file(s).
    pub fn reference_in(&self, answer: &Value) -> Option<String> {
        let upload = self.upload.as_ref()?;
        read_with(&upload.reference, answer, "")
    }

    /// Whether uploads' answers are checked against the files' SHA-256.
    pub fn checks_upload_digest(&self) -> bool {
        self.upload.as_ref().is_some_and(|u| !u.sha256.is_empty())
    }

    /// Whether an upload's answer states the digest `sha256_hex` of the file sent; true where
    /// the profile reads none.
    pub fn upload_digest_agrees(&self, answer: &Value, sha256_hex: &str) -> bool {
        let Some(upload) = self.upload.as_ref().filter(|u| !u.sha256.is_empty()) else {
            return true;
        };
        read_with(&upload.sha256, answer, "").is_some_and(|stated| {
            let tail = stated.len().checked_sub(sha256_hex.len());
            tail.and_then(|at| stated.get(at..))
                .is_some_and(|tail| !tail.is_empty() && tail.eq_ignore_ascii_case(sha256_hex))
        })
    }

    /// The request that files the case.
    pub fn create(&self, ctx: &Context) -> Request {
        let scope = scope(self, ctx);
        let at = Scope {
            root: &scope,
            item: None,
            answer: None,
        };
        let json = segments(&at.eval(&self.create.body), ctx);
        let files: Vec<usize> = if self.upload.is_some() {
            Vec::new()
        } else {
            (0..ctx.payload.attachments.len()).collect()
        };
        let body = match (self.create.encoding, &self.create.json_part) {
            (Encoding::Multipart, Some(part)) => {
                let mut parts = vec![if part.filename.is_empty() {
                    Part::Field {
                        name: part.name.clone(),
                        value: json,
                    }
                } else {
                    Part::Json {
                        name: part.name.clone(),
                        filename: part.filename.clone(),
                        value: json,
                    }
                }];
                parts.extend(files.iter().map(|&index| Part::File {
                    name: self.create.file_part.clone(),
                    index,
                }));
                Body::Form(parts)
            }
            _ => Body::Text(json),
        };
        let files = match body {
            Body::Text(ref segments) => segments
                .iter()
                .filter_map(|s| match s {
                    Segment::Base64(i) => Some(*i),
                    Segment::Text(_) => None,
                })
                .collect(),
            _ => files,
        };
        Request {
            url: at.url(&self.create.url),
            headers: at.headers(&self.create.headers, &body),
            body,
            files,
        }
    }

    /// Where to fetch a form token for a case posted to `endpoint`, if the backend issues them.
    pub fn form_token_url(&self, endpoint: &str) -> Option<String> {
        let template = self.form_token.as_deref().filter(|t| !t.is_empty())?;
        Some(template.replace("{endpoint}", endpoint))
    }

    /// The case ID and link from the backend's answer to the case; `None` when the answer lacks
    /// an ID. A link that is not http(s) or a path on the page's own site is left out.
    pub fn created_in(&self, answer: &Value, endpoint: &str) -> Option<CaseCreated> {
        let id = read_with(&self.answer.case_id, answer, endpoint)?;
        let link = read_with(&self.answer.link, answer, endpoint).filter(|l| safe_link(l));
        Some(CaseCreated {
            id,
            created_at: None,
            link,
        })
    }

    /// A refusal's reason in the backend's own words.
    pub fn error_in(&self, answer: &Value) -> Option<String> {
        read_with(&self.answer.error, answer, "")
    }

    /// The article search for what the customer typed, where the profile names one.
    pub fn suggest_request(&self, endpoint: &str, query: &SuggestQuery) -> Option<Request> {
        let suggest = self.suggest.as_ref()?;
        let root = serde_json::json!({
            "endpoint": endpoint,
            "query": query.text,
            "locale": query.locale,
            "service": query.service,
            "category": query.category,
        });
        let at = Scope {
            root: &root,
            item: None,
            answer: None,
        };
        let body = Body::Text(Vec::new());
        let mut headers = at.headers(&suggest.headers, &body);
        headers.retain(|(name, _)| !name.eq_ignore_ascii_case("content-type"));
        Some(Request {
            url: at.url(&suggest.url),
            headers,
            body,
            files: Vec::new(),
        })
    }

    /// The articles in a search's answer; those without an id, title or http(s) link are left
    /// out.
    pub fn suggested_in(&self, answer: &Value) -> Vec<Suggested> {
        let Some(suggest) = &self.suggest else {
            return Vec::new();
        };
        let Some(Value::Array(items)) = answer.pointer(&suggest.list) else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| {
                let link = read_with(&suggest.link, item, "")?;
                if !(link.starts_with("https://") || link.starts_with("http://")) {
                    return None;
                }
                Some(Suggested {
                    id: read_with(&suggest.id, item, "")?,
                    title: read_with(&suggest.title, item, "")?,
                    url: link,
                    summary: read_with(&suggest.summary, item, "").unwrap_or_default(),
                })
            })
            .collect()
    }
}

/// What an article search is asked.
pub struct SuggestQuery<'a> {
    pub text: &'a str,
    pub locale: &'a str,
    pub service: &'a str,
    pub category: &'a str,
}

/// Whether a link from a backend's answer may be shown: an `http(s)://` address, or a path on
/// the page's own site. Browsers read `\\` as `/` and drop tabs and line breaks, so `/\\host`
/// or `/<tab>/host` would open another site: any backslash, control character or space is
/// refused, and so is a path starting with two slashes.
pub fn safe_link(link: &str) -> bool {
    if link
        .chars()
        .any(|c| c == '\\' || c.is_control() || c.is_whitespace())
    {
        return false;
    }
    let lower = link.to_ascii_lowercase();
    let web = ["https://", "http://"].iter().any(|scheme| {
        lower
            .strip_prefix(scheme)
            .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
    });
    web || (link.starts_with('/') && !link.starts_with("//"))
}

/// A template read against a backend's answer (and `{endpoint}`), as text; `None` when it comes
/// out empty.
fn read_with(template: &str, answer: &Value, endpoint: &str) -> Option<String> {
    let root = serde_json::json!({ "endpoint": endpoint });
    let at = Scope {
        root: &root,
        item: None,
        answer: Some(answer),
    };
    let text = text_of(&at.eval(&Value::String(template.to_owned())));
    Some(text).filter(|t| !t.trim().is_empty())
}

fn nonce_marker(ctx: &Context, index: usize) -> String {
    format!("@@file-{}-{index}@@", ctx.idempotency_key)
}

/// Everything the templates can name.
fn scope(profile: &Profile, ctx: &Context) -> Value {
    let p = ctx.payload;
    let c = ctx.catalog;
    let lang = profile.body_language.as_str();
    let answers = p.to_answers();
    let label = |text: Option<&Text>| text.map(|t| t.get(lang).to_owned());
    let files: Vec<Value> = p
        .attachments
        .iter()
        .enumerate()
        .map(|(index, a)| {
            serde_json::json!({
                "index": index,
                "name": a.name,
                "size": a.size,
                "type": if a.content_type.is_empty() { "application/octet-stream" } else { &a.content_type },
                "reference": a.token,
                "base64": nonce_marker(ctx, index),
            })
        })
        .collect();
    let references: Vec<&str> = p
        .attachments
        .iter()
        .map(|a| a.token.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    let phone = p.contact.phone.as_ref();
    serde_json::json!({
        "case": p,
        "endpoint": ctx.endpoint,
        "upload_endpoint": ctx.upload_endpoint,
        "idempotency_key": ctx.idempotency_key,
        "catalog": p.catalog,
        "plan": p.plan,
        "locale": p.locale,
        "case_type": p.case_type,
        "case_type_label": label(c.case_type(&p.case_type).map(|t| &t.label)),
        "service": p.service,
        "service_label": label(c.service(&p.service).map(|s| &s.label)),
        "category": p.category,
        "category_label": label(c.category(&p.service, &p.category).map(|x| &x.label)),
        "severity": p.severity,
        "severity_label": label(c.severity(&p.severity).map(|s| &s.label)),
        "fields": p.fields,
        "subject": p.subject,
        "description": p.description,
        "body": summary::readable_body(ctx.messages, lang, c, &answers),
        "name": p.contact.name,
        "email": p.contact.email,
        "contact_method": p.contact.method,
        "contact_method_label": label(c.contact_method(&p.contact.method).map(|m| &m.label)),
        "contact_language": p.contact.language,
        "contact_language_label": label(c.contact_language(&p.contact.language).map(|l| &l.label)),
        "phone": summary::phone(ctx.messages, lang, c, &answers),
        "phone_country": phone.map(|p| p.country.as_str()),
        "phone_e164": phone.map(|p| p.e164.as_str()),
        "phone_extension": phone.map(|p| p.extension.as_str()),
        "cc": p.cc,
        "on_behalf_of": p.on_behalf_of.as_ref().map(|o| o.account.as_str()),
        "on_behalf_of_name": p.on_behalf_of.as_ref().map(|o| o.name.as_str()),
        "customer_may_see": p.on_behalf_of.as_ref().map(|o| o.customer_may_see),
        "entitlements": p.entitlements,
        "files": files,
        "references": references,
        "reference": references.first(),
    })
}

/// Where a template's names are looked up: the scope, the current `$each` item, and the
/// backend's answer for `{/json/pointer}`.
struct Scope<'a> {
    root: &'a Value,
    item: Option<&'a Value>,
    answer: Option<&'a Value>,
}

impl Scope<'_> {
    fn lookup(&self, path: &str) -> Option<Value> {
        if path.starts_with('/') {
            return self.answer?.pointer(path).cloned();
        }
        let mut names = path.split('.');
        let first = names.next()?;
        let mut value = if first == "item" {
            self.item?
        } else {
            self.root.get(first)?
        };
        for name in names {
            value = match value {
                Value::Array(items) => items.get(name.parse::<usize>().ok()?)?,
                other => other.get(name)?,
            };
        }
        Some(value.clone())
    }

    fn eval(&self, template: &Value) -> Value {
        match template {
            Value::String(s) => self.string(s),
            Value::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|t| self.eval(t))
                    .filter(|v| !v.is_null())
                    .collect(),
            ),
            Value::Object(object) => self.object(object),
            other => other.clone(),
        }
    }

    fn object(&self, object: &Map<String, Value>) -> Value {
        if let Some(Value::String(path)) = object.get("$map") {
            let key = self.lookup(path).map(|v| text_of(&v)).unwrap_or_default();
            let chosen = object
                .get("values")
                .and_then(|values| values.get(&key))
                .or_else(|| object.get("default"));
            return chosen.map_or(Value::Null, |t| self.eval(t));
        }
        if let Some(Value::String(path)) = object.get("$each") {
            let template = object.get("as").cloned().unwrap_or(Value::Null);
            let items = match self.lookup(path) {
                Some(Value::Array(items)) => items,
                _ => Vec::new(),
            };
            return Value::Array(
                items
                    .iter()
                    .map(|item| {
                        Scope {
                            root: self.root,
                            item: Some(item),
                            answer: self.answer,
                        }
                        .eval(&template)
                    })
                    .filter(|v| !v.is_null())
                    .collect(),
            );
        }
        if let Some(Value::Array(parts)) = object.get("$merge") {
            let mut merged = Map::new();
            for part in parts {
                if let Value::Object(part) = self.eval(part) {
                    merged.extend(part);
                }
            }
            return Value::Object(merged);
        }
        Value::Object(
            object
                .iter()
                .map(|(k, t)| (k.clone(), self.eval(t)))
                .filter(|(_, v)| !v.is_null())
                .collect(),
        )
    }

    /// `"{path}"` alone keeps the value's type (an empty one is left out); anything else is
    /// text with each `{path}` replaced.
    fn string(&self, s: &str) -> Value {
        let holes = placeholders(s);
        if let [(0, end, path)] = holes.as_slice() {
            if *end == s.len() {
                return match self.lookup(path) {
                    Some(Value::String(t)) if t.is_empty() => Value::Null,
                    Some(Value::Array(a)) if a.is_empty() => Value::Null,
                    Some(v) => v,
                    None => Value::Null,
                };
            }
        }
        Value::String(self.fill(s, &holes, |v| v))
    }

    fn fill(
        &self,
        s: &str,
        holes: &[(usize, usize, &str)],
        encode: impl Fn(String) -> String,
    ) -> String {
        let mut out = String::new();
        let mut at = 0;
        for (start, end, path) in holes {
            out.push_str(&s[at..*start]);
            let value = self.lookup(path).map(|v| text_of(&v)).unwrap_or_default();
            // The endpoints are URLs already; every other value is data inside one.
            if path.ends_with("endpoint") {
                out.push_str(&value);
            } else {
                out.push_str(&encode(value));
            }
            at = *end;
        }
        out.push_str(&s[at..]);
        out
    }

    /// A URL template with its values percent-encoded; a `?` after the first one is read as `&`,
    /// so a query can follow an endpoint that has one.
    fn url(&self, template: &str) -> String {
        let url = self.fill(template, &placeholders(template), |v| percent_encode(&v));
        match url.split_once('?') {
            Some((path, query)) => format!("{path}?{}", query.replace('?', "&")),
            None => url,
        }
    }

    /// Header templates; a header that comes out empty is not sent. JSON bodies get
    /// `Content-Type: application/json` unless the profile names another.
    fn headers(&self, templates: &BTreeMap<String, String>, body: &Body) -> Vec<(String, String)> {
        let mut headers: Vec<(String, String)> = templates
            .iter()
            .map(|(name, t)| (name.clone(), self.fill(t, &placeholders(t), |v| v)))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        let has_type = headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("content-type"));
        if !has_type && matches!(body, Body::Text(_)) {
            headers.push(("Content-Type".into(), "application/json".into()));
        }
        headers
    }
}

/// `(start, end, path)` of every `{path}` in `s`; a brace around anything else is literal.
fn placeholders(s: &str) -> Vec<(usize, usize, &str)> {
    let mut found = Vec::new();
    let mut rest = 0;
    while let Some(open) = s[rest..].find('{').map(|i| i + rest) {
        let close = s[open..].find('}').map(|i| i + open);
        match close {
            Some(close)
                if close > open + 1
                    && s[open + 1..close]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "_./-".contains(c)) =>
            {
                found.push((open, close + 1, &s[open + 1..close]));
                rest = close + 1;
            }
            _ => rest = open + 1,
        }
    }
    found
}

/// A value as text: strings as they are, lists joined by ", ", nothing as empty.
fn text_of(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(text_of).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// JSON text split where a file's base64 goes.
fn segments(value: &Value, ctx: &Context) -> Vec<Segment> {
    let text = value.to_string();
    let prefix = format!("@@file-{}-", ctx.idempotency_key);
    let mut out = Vec::new();
    let mut rest = text.as_str();
    while let Some(start) = rest.find(&prefix) {
        let after = &rest[start + prefix.len()..];
        let Some(end) = after.find("@@") else { break };
        let Ok(index) = after[..end].parse::<usize>() else {
            break;
        };
        out.push(Segment::Text(rest[..start].to_owned()));
        out.push(Segment::Base64(index));
        rest = &after[end + 2..];
    }
    out.push(Segment::Text(rest.to_owned()));
    out.retain(|s| !matches!(s, Segment::Text(t) if t.is_empty()));
    out
}

impl Segment {
    /// The text of segments that carry no file, for tests and logs.
    pub fn join(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|s| match s {
                Segment::Text(t) => t.clone(),
                Segment::Base64(i) => format!("<base64 of file {i}>"),
            })
            .collect()
    }
}
