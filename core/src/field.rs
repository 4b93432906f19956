//! The questions a case asks, by the ids that name them everywhere: an answer's element id in the
//! widget, a field error's `field`, and `fields[].field` in a server's refusal.

use std::borrow::Cow;
use std::fmt;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

use crate::msg::{Arg, MessageId};
use crate::step::Step;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    CaseType,
    /// The account a case is filed for, where the page offers others.
    OnBehalfOf,
    Service,
    Category,
    /// One of the category's extra fields, by its id in the catalog.
    Extra(String),
    Severity,
    Subject,
    Description,
    Attachments,
    Name,
    Email,
    ContactMethod,
    ContactLanguage,
    PhoneCountry,
    PhoneNumber,
    PhoneExtension,
    Cc,
}

/// The ids of the fields other than the extra ones.
const IDS: [(Field, &str); 16] = [
    (Field::CaseType, "case_type"),
    (Field::OnBehalfOf, "on_behalf_of"),
    (Field::Service, "service"),
    (Field::Category, "category"),
    (Field::Severity, "severity"),
    (Field::Subject, "subject"),
    (Field::Description, "description"),
    (Field::Attachments, "attachments"),
    (Field::Name, "name"),
    (Field::Email, "email"),
    (Field::ContactMethod, "contact_method"),
    (Field::ContactLanguage, "contact_language"),
    (Field::PhoneCountry, "phone_country"),
    (Field::PhoneNumber, "phone_number"),
    (Field::PhoneExtension, "phone_extension"),
    (Field::Cc, "cc"),
];

/// How an extra field's id starts: `field.region`.
const EXTRA: &str = "field.";

impl Field {
    /// The field's id: `case_type`, `field.region`, `phone_number`, …
    pub fn id(&self) -> Cow<'static, str> {
        match self {
            Field::Extra(id) => Cow::Owned(format!("{EXTRA}{id}")),
            field => Cow::Borrowed(
                IDS.iter()
                    .find(|(f, _)| f == field)
                    .map_or("", |(_, id)| id),
            ),
        }
    }

    /// The field an id names; `None` for ids of no field, such as `catalog` or `plan`.
    pub fn parse(id: &str) -> Option<Field> {
        if let Some(extra) = id.strip_prefix(EXTRA) {
            return Some(Field::Extra(extra.to_owned()));
        }
        IDS.iter()
            .find(|(_, known)| *known == id)
            .map(|(field, _)| field.clone())
    }

    /// The step whose form holds the field, to take the customer back to it.
    pub fn step(&self) -> Step {
        match self {
            Field::CaseType | Field::OnBehalfOf => Step::CaseType,
            Field::Service | Field::Category | Field::Extra(_) => Step::Classification,
            Field::Severity => Step::Severity,
            Field::Subject | Field::Description => Step::Details,
            Field::Attachments => Step::Attachments,
            Field::Name
            | Field::Email
            | Field::ContactMethod
            | Field::ContactLanguage
            | Field::PhoneCountry
            | Field::PhoneNumber
            | Field::PhoneExtension
            | Field::Cc => Step::Contact,
        }
    }
}

impl PartialEq<&str> for Field {
    fn eq(&self, other: &&str) -> bool {
        self.id() == *other
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id())
    }
}

impl Serialize for Field {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.id())
    }
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let id = Cow::<str>::deserialize(deserializer)?;
        Field::parse(&id).ok_or_else(|| de::Error::custom(format!("no field is called {id:?}")))
    }
}

/// What is wrong with an answer: the question, and a message id with its arguments, never a
/// sentence, so the widget shows it in the customer's language and the server returns it as a
/// code.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    /// The question the error is about.
    pub field: Field,
    /// Its message, e.g. `error-subject-required`.
    pub code: MessageId,
    pub args: Vec<(&'static str, Arg)>,
}

impl FieldError {
    pub fn new(field: Field, code: MessageId) -> Self {
        FieldError {
            field,
            code,
            args: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }
}
