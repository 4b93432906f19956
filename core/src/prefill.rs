//! What the host page fills in for the customer and what it locks: given by the element's
//! attributes when the widget starts, and by the page's `prefill()` later.

use serde::Deserialize;

use crate::draft::Answers;
use crate::field::Field;
use crate::rules::Rules;

/// An account the page's user may file cases for besides their own, e.g. a direct customer's
/// indirect customer.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Account {
    pub id: String,
    #[serde(default)]
    pub name: String,
}

impl Account {
    /// The `accounts` attribute: a JSON array of `{"id", "name"}`; anything else lists none.
    pub fn list_from_json(json: &str) -> Option<Vec<Account>> {
        let accounts: Vec<Account> = serde_json::from_str(json).ok()?;
        Some(
            accounts
                .into_iter()
                .filter(|a| !a.id.trim().is_empty())
                .collect(),
        )
    }

    /// How the account is offered: `Name (id)`, or the id alone.
    pub fn label(&self) -> String {
        if self.name.is_empty() {
            self.id.clone()
        } else {
            format!("{} ({})", self.name, self.id)
        }
    }
}

/// What the page supplies; `None` where it supplies nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Prefill {
    pub case_type: Option<String>,
    pub service: Option<String>,
    pub category: Option<String>,
    pub phone_country: Option<String>,
    /// The phone number.
    pub phone: Option<String>,
    /// Contact details, e.g. the portal's signed-in user. Given by attribute, they are shown
    /// read-only; an empty one from `prefill()` empties the answer.
    pub name: Option<String>,
    pub email: Option<String>,
    /// Answers the customer may not change.
    pub locked: Vec<Field>,
    /// The accounts the user may file for besides their own (`accounts`).
    pub accounts: Option<Vec<Account>>,
}

impl Prefill {
    /// What the element's attributes supply (`attribute(name)` is one's value, if set):
    /// `case-type`, `service`, `category`, `phone-country`, `phone`, `name`, `email` and
    /// `locked`, and `accounts` as JSON. An empty attribute supplies nothing.
    pub fn from_attributes(attribute: impl Fn(&str) -> Option<String>) -> Prefill {
        let given = |name: &str| attribute(name).filter(|value| !value.is_empty());
        Prefill {
            case_type: given("case-type"),
            service: given("service"),
            category: given("category"),
            phone_country: given("phone-country"),
            phone: given("phone"),
            name: given("name"),
            email: given("email"),
            locked: Prefill::locks_from(&attribute("locked").unwrap_or_default()),
            accounts: given("accounts").and_then(|json| Account::list_from_json(&json)),
        }
    }

    /// The answers the `locked` attribute's words lock: `case-type`, `service`, `category`, and
    /// `phone` for the phone's country and number. Other words lock nothing.
    pub fn locks_from(words: &str) -> Vec<Field> {
        let mut locked = Vec::new();
        for word in words.split_whitespace() {
            let fields = match word {
                "case-type" => vec![Field::CaseType],
                "service" => vec![Field::Service],
                "category" => vec![Field::Category],
                "phone" => vec![Field::PhoneCountry, Field::PhoneNumber],
                _ => Vec::new(),
            };
            for field in fields {
                if !locked.contains(&field) {
                    locked.push(field);
                }
            }
        }
        locked
    }

    pub fn is_locked(&self, field: &Field) -> bool {
        self.locked.contains(field)
    }

    /// The case type the customer is held to where the page locks it; empty when the page
    /// locks the case type without naming one.
    pub fn locked_case_type(&self) -> Option<&str> {
        self.is_locked(&Field::CaseType)
            .then(|| self.case_type.as_deref().unwrap_or_default())
    }

    /// Puts the supplied answers in: all of them into a new draft, only the locked ones and the
    /// name and email into a `restored` one. A service the case type does not offer, or a
    /// category the service does not have, is left out.
    pub fn apply(&self, answers: &mut Answers, rules: &Rules, restored: bool) {
        let take = |field: Field, value: &Option<String>| {
            value
                .clone()
                .filter(|v| !v.is_empty() && (!restored || self.is_locked(&field)))
        };
        if let Some(case_type) = take(Field::CaseType, &self.case_type) {
            answers.set_case_type(rules, &case_type);
        }
        let offered = |service: &String| {
            rules
                .services(&answers.case_type)
                .iter()
                .any(|s| s.id == *service)
        };
        if let Some(service) = take(Field::Service, &self.service).filter(offered) {
            answers.set_service(&service);
        }
        let exists =
            |category: &String| rules.catalog.category(&answers.service, category).is_some();
        if let Some(category) = take(Field::Category, &self.category).filter(exists) {
            answers.set_category(&category);
        }
        if let Some(country) = take(Field::PhoneCountry, &self.phone_country) {
            answers.phone_country = country;
        }
        if let Some(number) = take(Field::PhoneNumber, &self.phone) {
            answers.phone_number = number;
        }
        if let Some(name) = &self.name {
            answers.name = name.clone();
        }
        if let Some(email) = &self.email {
            answers.email = email.clone();
        }
        // A case is filed only for an account the page lists now, where the catalog lets it.
        let listed = match rules.may_file_for_others() {
            true => self.accounts.as_deref().unwrap_or_default(),
            false => &[],
        };
        if let Some(chosen) = &answers.on_behalf_of {
            if !listed.iter().any(|a| a.id == chosen.account) {
                answers.on_behalf_of = None;
            }
        }
    }

    /// A new draft: nothing answered but what the page supplies.
    pub fn blank_answers(&self, rules: &Rules) -> Answers {
        let mut answers = Answers::default();
        self.apply(&mut answers, rules, false);
        answers
    }

    /// What a later `prefill()` call may put in, given what the attributes supplied (`self`);
    /// to be applied as to a new draft. A locked answer, and a name or email the attributes
    /// give, stay as the attributes set them; any other answer takes the call's value. What the
    /// call leaves out is not put in again, so the customer's answer stays.
    pub fn allow(&self, later: Prefill) -> Prefill {
        let unless_locked =
            |field: Field, value: Option<String>| value.filter(|_| !self.is_locked(&field));
        let given = |value: &Option<String>| value.clone().filter(|v| !v.is_empty());
        Prefill {
            case_type: unless_locked(Field::CaseType, later.case_type),
            service: unless_locked(Field::Service, later.service),
            category: unless_locked(Field::Category, later.category),
            phone_country: unless_locked(Field::PhoneCountry, later.phone_country),
            phone: unless_locked(Field::PhoneNumber, later.phone),
            name: given(&self.name).or(later.name),
            email: given(&self.email).or(later.email),
            locked: self.locked.clone(),
            accounts: later.accounts.or_else(|| self.accounts.clone()),
        }
    }
}
