//! What crosses the network: the `case` JSON part the widget posts and the server's answers.
//! The schema is documented in `docs/wire-contract.md` and `docs/case.schema.json`.

use crate::msg::{self, Arg};
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::catalog::{Catalog, FieldKind};
use crate::draft::{Answers, AttachmentMeta, OnBehalfOf};
use crate::field::{Field, FieldError};
use crate::map::insert_all;
use crate::validate::{fold_width, parse_number, phone_digits, FIELD_ERRORS};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CasePayload {
    pub catalog: String,
    pub plan: String,
    /// The language the widget was shown in.
    pub locale: String,
    pub case_type: String,
    pub service: String,
    pub category: String,
    pub severity: String,
    /// The category's extra fields: numbers as JSON numbers, everything else as strings.
    #[serde(default)]
    pub fields: BTreeMap<String, Value>,
    pub subject: String,
    pub description: String,
    pub contact: Contact,
    #[serde(default)]
    pub cc: Vec<String>,
    #[serde(default)]
    pub attachments: Vec<AttachmentMeta>,
    /// The account the case is filed for, where it is not the user's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_behalf_of: Option<OnBehalfOf>,
    /// What the page grants beyond the plan (the element's `entitlements`), e.g. consulting its
    /// contract provides for; case types reserved for one need it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entitlements: Vec<String>,
    /// What tells a bot from a person; a backend may ignore it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spam_check: Option<SpamCheck>,
}

/// A hidden field no person sees (`website`, empty unless a bot filled it in), how long the form
/// was open before it was sent, and the form token the server issued when the draft began
/// (the wire profile's `form_token`), which carries when that was, signed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpamCheck {
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub filled_in_ms: u64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub form_token: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    pub email: String,
    pub method: String,
    pub language: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Phone>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phone {
    /// ISO 3166 region, e.g. `JP`.
    pub country: String,
    /// Exactly as the customer typed it.
    pub number: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub extension: String,
    /// `+<dial><digits>`, the number's digits without a national trunk prefix `0`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub e164: String,
}

/// The server's answer to an accepted case.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseCreated {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Where the customer can follow the case, when the backend has such a page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// The server's answer to a refused case: `fields` names each bad field with a message id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: String,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub fields: Vec<FieldProblem>,
}

/// One bad field: its id, a message id, and the message's arguments (e.g. the file's `name`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldProblem {
    pub field: String,
    pub code: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<String, Arg>,
}

impl From<&FieldError> for FieldProblem {
    fn from(error: &FieldError) -> Self {
        FieldProblem {
            field: error.field.id().into_owned(),
            code: error.code.as_str().to_owned(),
            args: insert_all(
                error
                    .args
                    .iter()
                    .map(|(name, value)| ((*name).to_owned(), value.clone())),
            ),
        }
    }
}

impl FieldProblem {
    /// The message to show at the field: the server's own where the widget knows its code and
    /// arguments, else a generic one quoting the code. `None` for a problem with no question of
    /// the case (`catalog`, `plan`, the request as a whole): the failure message covers it.
    pub fn to_field_error(&self) -> Option<FieldError> {
        let field = Field::parse(&self.field)?;
        let known = FIELD_ERRORS
            .iter()
            .find(|(code, _)| code.as_str() == self.code);
        let shown = known.and_then(|(code, names)| {
            let args = names
                .iter()
                .map(|name| Some((*name, self.args.get(*name)?.clone())))
                .collect::<Option<Vec<_>>>()?;
            Some(FieldError {
                field: field.clone(),
                code: *code,
                args,
            })
        });
        Some(shown.unwrap_or_else(|| {
            FieldError::new(field, msg::ERROR_SERVER).arg("code", self.code.clone())
        }))
    }
}

/// A rough E.164 form for the wire; the reference server checks it against the country.
pub fn e164(dial: &str, number: &str) -> String {
    match phone_digits(number) {
        Some(d) if !d.is_empty() => {
            let national = d
                .strip_prefix(dial)
                .filter(|_| number.trim_start().starts_with('+'));
            let national = national.unwrap_or(&d);
            format!("+{dial}{}", national.trim_start_matches('0'))
        }
        _ => String::new(),
    }
}

impl CasePayload {
    pub fn from_answers(catalog: &Catalog, plan: &str, locale: &str, a: &Answers) -> Self {
        let method = catalog.contact_method(&a.contact_method);
        let phone = method.filter(|m| m.phone).map(|_| Phone {
            country: a.phone_country.clone(),
            number: a.phone_number.trim().to_owned(),
            extension: fold_width(a.phone_extension.trim()),
            e164: catalog
                .phone_country(&a.phone_country)
                .map(|c| e164(&c.dial, &a.phone_number))
                .unwrap_or_default(),
        });
        let extra = catalog.category(&a.service, &a.category);
        let fields = insert_all(a.fields.iter().filter(|(_, v)| !v.trim().is_empty()).map(
            |(id, v)| {
                let is_number = extra
                    .and_then(|c| c.fields.iter().find(|f| &f.id == id))
                    .is_some_and(|f| matches!(f.kind, FieldKind::Number { .. }));
                let value = match parse_number(v).filter(|_| is_number) {
                    Some(n) => serde_json::Number::from_f64(n)
                        .map(|n| match n.as_f64() {
                            Some(f) if f.fract() == 0.0 && f.abs() < 9e15 => Value::from(f as i64),
                            _ => Value::Number(n),
                        })
                        .unwrap_or_else(|| Value::String(v.trim().to_owned())),
                    None => Value::String(v.trim().to_owned()),
                };
                (id.clone(), value)
            },
        ));
        CasePayload {
            catalog: catalog.id.clone(),
            plan: plan.to_owned(),
            locale: locale.to_owned(),
            case_type: a.case_type.clone(),
            service: a.service.clone(),
            category: a.category.clone(),
            severity: a.severity.clone(),
            fields,
            subject: a.subject.trim().to_owned(),
            description: a.description.trim_end().to_owned(),
            contact: Contact {
                name: a.name.trim().to_owned(),
                email: a.email.trim().to_owned(),
                method: a.contact_method.clone(),
                language: a.contact_language.clone(),
                phone,
            },
            cc: a.cc_list().into_iter().map(str::to_owned).collect(),
            attachments: a.attachments.clone(),
            on_behalf_of: a.on_behalf_of.clone(),
            entitlements: Vec::new(),
            spam_check: None,
        }
    }

    /// What tells one version of a case from another, for choosing its `Idempotency-Key`: the
    /// case as it would be sent, but for the language it is shown in, the spam check and the
    /// upload tokens, which change between tries of the same case. A server refuses a key that
    /// comes back with another case, so a case edited after a failed try needs a new key.
    pub fn fingerprint(&self) -> String {
        let mut same = self.clone();
        same.locale.clear();
        same.spam_check = None;
        for attachment in &mut same.attachments {
            attachment.token.clear();
        }
        let text = serde_json::to_string(&same).unwrap_or_default();
        // FNV-1a, 64 bits: enough to tell edits apart, and small in the widget.
        let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        });
        format!("{hash:016x}")
    }

    /// The answers this payload carries, for validating it with the same rules as the widget.
    pub fn to_answers(&self) -> Answers {
        let phone = self.contact.phone.as_ref();
        Answers {
            case_type: self.case_type.clone(),
            service: self.service.clone(),
            category: self.category.clone(),
            fields: insert_all(self.fields.iter().map(|(k, v)| {
                let s = match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                (k.clone(), s)
            })),
            severity: self.severity.clone(),
            subject: self.subject.clone(),
            description: self.description.clone(),
            attachments: self.attachments.clone(),
            name: self.contact.name.clone(),
            email: self.contact.email.clone(),
            contact_method: self.contact.method.clone(),
            contact_language: self.contact.language.clone(),
            phone_country: phone.map(|p| p.country.clone()).unwrap_or_default(),
            phone_number: phone.map(|p| p.number.clone()).unwrap_or_default(),
            phone_extension: phone.map(|p| p.extension.clone()).unwrap_or_default(),
            cc: self.cc.join(", "),
            on_behalf_of: self.on_behalf_of.clone(),
        }
    }
}
