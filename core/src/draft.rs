//! The case being written: every answer as the customer typed it, and how changing an early
//! answer drops the later ones it no longer allows.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::rules::Rules;

// Also named from here by the widget and the server.
pub use crate::step::Step;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentMeta {
    pub name: String,
    pub size: u64,
    #[serde(rename = "type")]
    pub content_type: String,
    /// The upload's token, when files are uploaded before the case is created.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub token: String,
}

/// The customer account a case is filed for, where the page lets its user file for others (a
/// direct customer for an indirect one).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OnBehalfOf {
    /// The account's id, as the page named it.
    pub account: String,
    /// The account's name, as the page named it.
    #[serde(default)]
    pub name: String,
    /// Whether that customer may see the case in their own account.
    pub customer_may_see: bool,
}

/// Every answer exactly as typed; an empty string is an unanswered question.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Answers {
    pub case_type: String,
    pub service: String,
    pub category: String,
    /// Answers to the category's extra fields, by field id.
    pub fields: BTreeMap<String, String>,
    pub severity: String,
    pub subject: String,
    pub description: String,
    pub attachments: Vec<AttachmentMeta>,
    pub name: String,
    pub email: String,
    pub contact_method: String,
    pub contact_language: String,
    pub phone_country: String,
    pub phone_number: String,
    pub phone_extension: String,
    pub cc: String,
    /// Filed for another customer's account; `None` for the user's own.
    pub on_behalf_of: Option<OnBehalfOf>,
}

impl Answers {
    /// Chooses a case type and drops the later answers it no longer allows.
    pub fn set_case_type(&mut self, rules: &Rules, id: &str) {
        if self.case_type == id {
            return;
        }
        self.case_type = id.to_owned();
        if !rules.services(id).iter().any(|s| s.id == self.service) {
            self.set_service("");
        }
        if rules.severity(id, &self.severity).is_none() {
            self.severity.clear();
        }
        if self.severity.is_empty() {
            if let Some(default) = rules.default_severity(id) {
                self.severity = default.to_owned();
            }
        }
        if !rules
            .contact_methods(id, &self.severity)
            .iter()
            .any(|m| m.id == self.contact_method)
        {
            self.contact_method.clear();
        }
        if !rules
            .contact_languages(id, &self.severity)
            .iter()
            .any(|l| l.id == self.contact_language)
        {
            self.contact_language.clear();
        }
    }

    pub fn set_service(&mut self, id: &str) {
        if self.service != id {
            self.service = id.to_owned();
            self.category.clear();
            self.fields.clear();
        }
    }

    pub fn set_category(&mut self, id: &str) {
        if self.category != id {
            self.category = id.to_owned();
            self.fields.clear();
        }
    }

    /// The language the customer reads the form in becomes the contact language, where none is
    /// chosen yet and the catalog offers it.
    pub fn default_contact_language(&mut self, rules: &Rules, ui_language: &str) {
        if self.contact_language.is_empty()
            && rules
                .contact_languages(&self.case_type, &self.severity)
                .iter()
                .any(|l| l.id == ui_language)
        {
            self.contact_language = ui_language.to_owned();
        }
    }

    /// The CC list as entered: separated by commas, semicolons or white space.
    pub fn cc_list(&self) -> Vec<&str> {
        self.cc
            .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .collect()
    }
}
