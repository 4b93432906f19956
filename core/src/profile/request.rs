//! The requests a profile makes: the uploads still to make, the request that files the case,
//! and an article search, each with its URL, headers and body filled in from the answers.

use serde_json::Value;

use super::template::Names;
use super::{Body, Context, Encoding, Part, Per, Profile, Request, Segment};
use crate::summary;
use crate::text::Text;

impl Profile {
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
            let at = Names {
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

    /// The request that files the case.
    pub fn create(&self, ctx: &Context) -> Request {
        let scope = scope(self, ctx);
        let at = Names {
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
        let at = Names {
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
}

/// What an article search is asked.
pub struct SuggestQuery<'a> {
    pub text: &'a str,
    pub locale: &'a str,
    pub service: &'a str,
    pub category: &'a str,
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
