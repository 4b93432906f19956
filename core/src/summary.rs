//! Every answer as a question and its answer in one language: the review step and the
//! confirmation show it, and a wire profile's readable `body` is built from it.

use crate::catalog::{Catalog, FieldKind};
use crate::draft::Answers;
use crate::i18n::Messages;
use crate::msg::{self, Arg, MessageId};
use crate::step::Step;
use crate::text::Text;

/// One answer: its question, the answer's lines, and the step that asks it.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub key: &'static str,
    pub question: String,
    pub answer: Vec<String>,
    pub step: Step,
}

/// The rows of the review, in the order the steps ask them.
pub fn rows(messages: &Messages, lang: &str, catalog: &Catalog, a: &Answers) -> Vec<Row> {
    let t = |id: MessageId| messages.format(lang, id, &[]);
    let none = || t(msg::REVIEW_NONE);
    let label = |text: Option<&Text>, id: &str| {
        text.map(|t| t.get(lang).to_owned())
            .unwrap_or_else(|| id.to_owned())
    };
    let row = |key, question: String, answer: String, step| Row {
        key,
        question,
        answer: vec![answer],
        step,
    };
    let mut rows = vec![
        row(
            "case_type",
            t(msg::REVIEW_CASE_TYPE),
            label(
                catalog.case_type(&a.case_type).map(|t| &t.label),
                &a.case_type,
            ),
            Step::CaseType,
        ),
        row(
            "service",
            t(msg::REVIEW_SERVICE),
            label(catalog.service(&a.service).map(|s| &s.label), &a.service),
            Step::Classification,
        ),
        row(
            "category",
            t(msg::REVIEW_CATEGORY),
            label(
                catalog.category(&a.service, &a.category).map(|c| &c.label),
                &a.category,
            ),
            Step::Classification,
        ),
    ];
    if let Some(account) = &a.on_behalf_of {
        let name = if account.name.is_empty() {
            account.account.clone()
        } else {
            format!("{} ({})", account.name, account.account)
        };
        let seen = if account.customer_may_see {
            msg::REVIEW_CUSTOMER_MAY_SEE
        } else {
            msg::REVIEW_HIDDEN_FROM_CUSTOMER
        };
        rows.insert(
            1,
            Row {
                key: "on_behalf_of",
                question: t(msg::REVIEW_ON_BEHALF_OF),
                answer: vec![name, t(seen)],
                step: Step::CaseType,
            },
        );
    }
    if let Some(category) = catalog.category(&a.service, &a.category) {
        for field in &category.fields {
            let value = a.fields.get(&field.id).cloned().unwrap_or_default();
            let shown = match &field.kind {
                _ if value.is_empty() => none(),
                FieldKind::Choice { options } => label(
                    options.iter().find(|o| o.id == value).map(|o| &o.label),
                    &value,
                ),
                _ => value,
            };
            rows.push(row(
                "field",
                field.label.get(lang).to_owned(),
                shown,
                Step::Classification,
            ));
        }
    }
    let attachments: Vec<String> = a
        .attachments
        .iter()
        .map(|f| format!("{} ({})", f.name, messages.size(lang, f.size)))
        .collect();
    let cc = a.cc_list().join(", ");
    rows.extend([
        row(
            "severity",
            t(msg::REVIEW_SEVERITY),
            label(catalog.severity(&a.severity).map(|s| &s.label), &a.severity),
            Step::Severity,
        ),
        row(
            "subject",
            t(msg::REVIEW_SUBJECT),
            a.subject.trim().to_owned(),
            Step::Details,
        ),
        row(
            "description",
            t(msg::REVIEW_DESCRIPTION),
            a.description.trim_end().to_owned(),
            Step::Details,
        ),
        Row {
            key: "attachments",
            question: t(msg::REVIEW_ATTACHMENTS),
            answer: if attachments.is_empty() {
                vec![none()]
            } else {
                attachments
            },
            step: Step::Attachments,
        },
        row(
            "name",
            t(msg::REVIEW_NAME),
            a.name.trim().to_owned(),
            Step::Contact,
        ),
        row(
            "email",
            t(msg::REVIEW_EMAIL),
            a.email.trim().to_owned(),
            Step::Contact,
        ),
        row(
            "contact_method",
            t(msg::REVIEW_CONTACT_METHOD),
            label(
                catalog.contact_method(&a.contact_method).map(|m| &m.label),
                &a.contact_method,
            ),
            Step::Contact,
        ),
    ]);
    if let Some(phone) = phone(messages, lang, catalog, a) {
        rows.push(row("phone", t(msg::REVIEW_PHONE), phone, Step::Contact));
    }
    rows.extend([
        row(
            "contact_language",
            t(msg::REVIEW_CONTACT_LANGUAGE),
            label(
                catalog
                    .contact_language(&a.contact_language)
                    .map(|l| &l.label),
                &a.contact_language,
            ),
            Step::Contact,
        ),
        row(
            "cc",
            t(msg::REVIEW_CC),
            if cc.is_empty() { none() } else { cc },
            Step::Contact,
        ),
    ]);
    rows
}

/// The phone number as a person reads it, `+81 03-1234-5678 ext. 12`, when the contact method
/// is by phone.
pub fn phone(messages: &Messages, lang: &str, catalog: &Catalog, a: &Answers) -> Option<String> {
    catalog
        .contact_method(&a.contact_method)
        .filter(|m| m.phone)?;
    let country = catalog
        .phone_country(&a.phone_country)
        .map(|c| format!("+{} ", c.dial))
        .unwrap_or_default();
    let extension = a.phone_extension.trim();
    let ext = if extension.is_empty() {
        String::new()
    } else {
        format!(
            " {}",
            messages.format(
                lang,
                msg::REVIEW_PHONE_EXTENSION,
                &[("ext", Arg::Text(extension.to_owned()))]
            )
        )
    };
    Some(format!("{country}{}{ext}", a.phone_number.trim()))
}

/// The case as plain text for a person reading it in a helpdesk: the description, then every
/// other answer as `question: answer`.
pub fn readable_body(messages: &Messages, lang: &str, catalog: &Catalog, a: &Answers) -> String {
    let mut body = a.description.trim_end().to_owned();
    body.push_str("\n\n");
    for row in rows(messages, lang, catalog, a) {
        if matches!(row.key, "subject" | "description") {
            continue;
        }
        body.push_str(&format!("{}: {}\n", row.question, row.answer.join(", ")));
    }
    body
}
