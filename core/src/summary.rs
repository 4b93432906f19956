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
    let review = Review {
        messages,
        lang,
        catalog,
        a,
    };
    let mut rows = review.choices();
    rows.extend(review.details());
    rows.extend(review.contact());
    rows
}

fn row(key: &'static str, question: String, answer: String, step: Step) -> Row {
    Row {
        key,
        question,
        answer: vec![answer],
        step,
    }
}

/// The answers of one case, put in words of one language.
struct Review<'a> {
    messages: &'a Messages,
    lang: &'a str,
    catalog: &'a Catalog,
    a: &'a Answers,
}

impl Review<'_> {
    fn t(&self, id: MessageId) -> String {
        self.messages.format(self.lang, id, &[])
    }

    fn none(&self) -> String {
        self.t(msg::REVIEW_NONE)
    }

    /// A catalog entry's label, else its id as given.
    fn label(&self, text: Option<&Text>, id: &str) -> String {
        text.map(|t| t.get(self.lang).to_owned())
            .unwrap_or_else(|| id.to_owned())
    }

    /// What the case is about: its type, for whom, the service, the category and its fields.
    fn choices(&self) -> Vec<Row> {
        let (a, catalog) = (self.a, self.catalog);
        let category = catalog.category(&a.service, &a.category);
        let mut rows = vec![row(
            "case_type",
            self.t(msg::REVIEW_CASE_TYPE),
            self.label(
                catalog.case_type(&a.case_type).map(|t| &t.label),
                &a.case_type,
            ),
            Step::CaseType,
        )];
        rows.extend(self.on_behalf_of());
        rows.push(row(
            "service",
            self.t(msg::REVIEW_SERVICE),
            self.label(catalog.service(&a.service).map(|s| &s.label), &a.service),
            Step::Classification,
        ));
        rows.push(row(
            "category",
            self.t(msg::REVIEW_CATEGORY),
            self.label(category.map(|c| &c.label), &a.category),
            Step::Classification,
        ));
        for field in category.iter().flat_map(|c| &c.fields) {
            let value = a.fields.get(&field.id).cloned().unwrap_or_default();
            let shown = match &field.kind {
                _ if value.is_empty() => self.none(),
                FieldKind::Choice { options } => self.label(
                    options.iter().find(|o| o.id == value).map(|o| &o.label),
                    &value,
                ),
                _ => value,
            };
            let question = field.label.get(self.lang).to_owned();
            rows.push(row("field", question, shown, Step::Classification));
        }
        rows
    }

    fn on_behalf_of(&self) -> Option<Row> {
        let account = self.a.on_behalf_of.as_ref()?;
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
        Some(Row {
            key: "on_behalf_of",
            question: self.t(msg::REVIEW_ON_BEHALF_OF),
            answer: vec![name, self.t(seen)],
            step: Step::CaseType,
        })
    }

    /// The severity, the subject and description, and the files.
    fn details(&self) -> Vec<Row> {
        let a = self.a;
        let attachments: Vec<String> = a
            .attachments
            .iter()
            .map(|f| format!("{} ({})", f.name, self.messages.size(self.lang, f.size)))
            .collect();
        vec![
            row(
                "severity",
                self.t(msg::REVIEW_SEVERITY),
                self.label(
                    self.catalog.severity(&a.severity).map(|s| &s.label),
                    &a.severity,
                ),
                Step::Severity,
            ),
            row(
                "subject",
                self.t(msg::REVIEW_SUBJECT),
                a.subject.trim().to_owned(),
                Step::Details,
            ),
            row(
                "description",
                self.t(msg::REVIEW_DESCRIPTION),
                a.description.trim_end().to_owned(),
                Step::Details,
            ),
            Row {
                key: "attachments",
                question: self.t(msg::REVIEW_ATTACHMENTS),
                answer: if attachments.is_empty() {
                    vec![self.none()]
                } else {
                    attachments
                },
                step: Step::Attachments,
            },
        ]
    }

    /// Who to answer, how, in which language, and whom to copy.
    fn contact(&self) -> Vec<Row> {
        let (a, catalog) = (self.a, self.catalog);
        let text =
            |key, id, answer: &str| row(key, self.t(id), answer.trim().to_owned(), Step::Contact);
        let mut rows = vec![
            text("name", msg::REVIEW_NAME, &a.name),
            text("email", msg::REVIEW_EMAIL, &a.email),
            row(
                "contact_method",
                self.t(msg::REVIEW_CONTACT_METHOD),
                self.label(
                    catalog.contact_method(&a.contact_method).map(|m| &m.label),
                    &a.contact_method,
                ),
                Step::Contact,
            ),
        ];
        if let Some(phone) = phone(self.messages, self.lang, catalog, a) {
            rows.push(row(
                "phone",
                self.t(msg::REVIEW_PHONE),
                phone,
                Step::Contact,
            ));
        }
        let cc = a.cc_list().join(", ");
        rows.extend([
            row(
                "contact_language",
                self.t(msg::REVIEW_CONTACT_LANGUAGE),
                self.label(
                    catalog
                        .contact_language(&a.contact_language)
                        .map(|l| &l.label),
                    &a.contact_language,
                ),
                Step::Contact,
            ),
            row(
                "cc",
                self.t(msg::REVIEW_CC),
                if cc.is_empty() { self.none() } else { cc },
                Step::Contact,
            ),
        ]);
        rows
    }
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
