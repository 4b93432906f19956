//! Reading a backend's answers: an upload's reference and digest, the case ID and link, a
//! refusal's reason, and the articles of a search.

use serde_json::Value;

use super::template::{text_of, Names};
use super::Profile;
use crate::suggest::Suggested;
use crate::wire::CaseCreated;

impl Profile {
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
    let at = Names {
        root: &root,
        item: None,
        answer: Some(answer),
    };
    let text = text_of(&at.eval(&Value::String(template.to_owned())));
    Some(text).filter(|t| !t.trim().is_empty())
}
