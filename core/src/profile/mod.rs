//! Wire profiles: how a case is sent to one kind of backend, as data. A profile names the
//! request(s) to make — optional uploads first, then the case — their URLs, headers and
//! encoding, and maps the answers onto the backend's fields with small JSON templates. Then it
//! says where the backend's answer keeps the case ID, a link, and a refusal's reason.
//! `docs/wire-profiles.md` describes the format; `public/profiles/` holds the shipped ones.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use serde::Deserialize;
use serde_json::Value;

use crate::catalog::Catalog;
use crate::i18n::Messages;
use crate::limits::BackendLimits;
use crate::wire::CasePayload;

mod answer;
mod request;
mod template;

pub use answer::safe_link;
pub use request::SuggestQuery;

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
    /// The backend's own limits, e.g. on attachments: the widget applies the stricter of these
    /// and the catalog's.
    #[serde(default)]
    pub limits: BackendLimits,
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

const REFERENCE: &str = include_str!("../../../public/profiles/reference.json");
const REFERENCE_TWO_PHASE: &str = include_str!("../../../public/profiles/reference-two-phase.json");

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
}
