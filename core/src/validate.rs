//! Validation of answers, one step at a time or all at once. Errors carry a message id from the
//! locales and its arguments, never a sentence, so the widget shows them in the customer's
//! language and the server returns them as codes.

use chrono::NaiveDate;

use crate::attachment::check;
use crate::catalog::{ExtraField, FieldKind};
use crate::draft::{Answers, Step};
use crate::field::Field;
use crate::i18n::Arg;
use crate::rules::Rules;

#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    /// The field's id, also its element id in the widget: `subject`, `field.region`, …
    pub field: String,
    /// Message id in the locales, e.g. `error-subject-required`.
    pub code: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &'static str) -> Self {
        FieldError {
            field: field.into(),
            code,
            args: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }
}

/// Every field error code with the arguments its message takes: what a server may answer with.
pub const FIELD_ERRORS: &[(&str, &[&str])] = &[
    ("error-case-type-required", &[]),
    ("error-case-type-not-in-plan", &[]),
    ("error-choice-unknown", &[]),
    ("error-service-required", &[]),
    ("error-category-required", &[]),
    ("error-field-required", &["label"]),
    ("error-field-choose", &["label"]),
    ("error-field-not-in-category", &[]),
    ("error-too-short", &["min"]),
    ("error-too-long", &["max"]),
    ("error-not-a-number", &[]),
    ("error-not-whole-number", &[]),
    ("error-number-too-small", &["min"]),
    ("error-number-too-large", &["max"]),
    ("error-not-a-date", &[]),
    ("error-date-too-early", &["min"]),
    ("error-date-too-late", &["max"]),
    ("error-severity-required", &[]),
    ("error-severity-call-only", &["phone"]),
    ("error-subject-required", &[]),
    ("error-description-required", &[]),
    ("error-attachment-too-many", &["name", "max"]),
    ("error-attachment-empty", &["name"]),
    ("error-attachment-too-large", &["name", "size", "max"]),
    ("error-attachment-over-server-limit", &["name", "max"]),
    ("error-attachment-type", &["name"]),
    ("error-attachment-duplicate", &["name"]),
    ("error-name-required", &[]),
    ("error-email-required", &[]),
    ("error-email-invalid", &[]),
    ("error-contact-method-required", &[]),
    ("error-contact-language-required", &[]),
    ("error-phone-country-required", &[]),
    ("error-phone-required", &[]),
    ("error-phone-invalid", &[]),
    ("error-phone-not-in-country", &["country"]),
    ("error-extension-invalid", &[]),
    ("error-cc-too-many", &["max"]),
    ("error-cc-invalid", &["email"]),
];

/// The step whose form holds `field`, to take the customer back to it; the contact step for an
/// id of no field.
pub fn step_of_field(field: &str) -> Step {
    Field::parse(field).map_or(Step::Contact, |f| f.step())
}

/// Where to take the customer back to: the step of the first error, and every error on that step,
/// in their order. `None` when there are no errors.
pub fn first_failing_step(errors: Vec<FieldError>) -> Option<(Step, Vec<FieldError>)> {
    let step = step_of_field(&errors.first()?.field);
    let errors = errors
        .into_iter()
        .filter(|e| step_of_field(&e.field) == step)
        .collect();
    Some((step, errors))
}

/// Every error on every step, in step order.
pub fn validate_all(rules: &Rules, answers: &Answers) -> Vec<FieldError> {
    every_step(rules, answers, None)
}

/// Every error on every step, as [`validate_all`], for a case whose files have arrived:
/// `leading[i]` are the first bytes of `answers.attachments[i]`, and each file goes through
/// [`attachment::check`](crate::attachment::check) (a file without them, as if it had none).
pub fn validate_arrived(rules: &Rules, answers: &Answers, leading: &[&[u8]]) -> Vec<FieldError> {
    every_step(rules, answers, Some(leading))
}

fn every_step(rules: &Rules, answers: &Answers, leading: Option<&[&[u8]]>) -> Vec<FieldError> {
    Step::ALL
        .iter()
        .flat_map(|step| step_errors(rules, answers, *step, leading))
        .collect()
}

pub fn validate_step(rules: &Rules, a: &Answers, step: Step) -> Vec<FieldError> {
    step_errors(rules, a, step, None)
}

fn step_errors(
    rules: &Rules,
    a: &Answers,
    step: Step,
    leading: Option<&[&[u8]]>,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    match step {
        Step::CaseType => case_type(rules, a, &mut errors),
        Step::Classification => classification(rules, a, &mut errors),
        Step::Severity => severity(rules, a, &mut errors),
        Step::Details => details(rules, a, &mut errors),
        Step::Attachments => attachments(rules, a, leading, &mut errors),
        Step::Contact => contact(rules, a, &mut errors),
        Step::Review => {}
    }
    errors
}

fn case_type(rules: &Rules, a: &Answers, errors: &mut Vec<FieldError>) {
    match rules.catalog.case_type(&a.case_type) {
        None if a.case_type.is_empty() => {
            errors.push(FieldError::new("case_type", "error-case-type-required"))
        }
        None => errors.push(FieldError::new("case_type", "error-choice-unknown")),
        Some(t) if !rules.case_type_allowed(t) => {
            errors.push(FieldError::new("case_type", "error-case-type-not-in-plan"))
        }
        Some(_) => {}
    }
}

fn classification(rules: &Rules, a: &Answers, errors: &mut Vec<FieldError>) {
    if a.service.is_empty() {
        errors.push(FieldError::new("service", "error-service-required"));
        return;
    }
    if !rules
        .services(&a.case_type)
        .iter()
        .any(|s| s.id == a.service)
    {
        errors.push(FieldError::new("service", "error-choice-unknown"));
        return;
    }
    let Some(category) = rules.catalog.category(&a.service, &a.category) else {
        let code = if a.category.is_empty() {
            "error-category-required"
        } else {
            "error-choice-unknown"
        };
        errors.push(FieldError::new("category", code));
        return;
    };
    for field in &category.fields {
        let value = a.fields.get(&field.id).map(|v| v.trim()).unwrap_or("");
        if let Some(e) = extra_field(field, value) {
            errors.push(e);
        }
    }
    for id in a.fields.keys() {
        if !category.fields.iter().any(|f| &f.id == id) {
            errors.push(FieldError::new(
                format!("field.{id}"),
                "error-field-not-in-category",
            ));
        }
    }
}

/// Full-width digits and signs, as typed with a CJK input method, read as ASCII.
pub fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// The number a number field holds, read leniently: full-width digits, group separators.
pub fn parse_number(value: &str) -> Option<f64> {
    let folded: String = fold_width(value)
        .chars()
        .filter(|c| *c != ',' && *c != '_' && !c.is_whitespace())
        .collect();
    folded.parse::<f64>().ok().filter(|n| n.is_finite())
}

fn extra_field(field: &ExtraField, value: &str) -> Option<FieldError> {
    let id = format!("field.{}", field.id);
    if value.is_empty() {
        let code = match field.kind {
            FieldKind::Choice { .. } => "error-field-choose",
            _ => "error-field-required",
        };
        return field
            .required
            .then(|| FieldError::new(id, code).arg("label", Arg::Label(field.label.clone())));
    }
    match &field.kind {
        FieldKind::Text {
            min_length,
            max_length,
        } => {
            let len = value.chars().count();
            if let Some(min) = min_length.filter(|m| len < *m) {
                return Some(FieldError::new(id, "error-too-short").arg("min", min));
            }
            if let Some(max) = max_length.filter(|m| len > *m) {
                return Some(FieldError::new(id, "error-too-long").arg("max", max));
            }
        }
        FieldKind::Number { min, max, integer } => {
            let Some(n) = parse_number(value) else {
                return Some(FieldError::new(id, "error-not-a-number"));
            };
            if *integer && n.fract() != 0.0 {
                return Some(FieldError::new(id, "error-not-whole-number"));
            }
            if let Some(min) = min.filter(|m| n < *m) {
                return Some(FieldError::new(id, "error-number-too-small").arg("min", min));
            }
            if let Some(max) = max.filter(|m| n > *m) {
                return Some(FieldError::new(id, "error-number-too-large").arg("max", max));
            }
        }
        FieldKind::Choice { options } => {
            if !options.iter().any(|o| o.id == value) {
                return Some(FieldError::new(id, "error-choice-unknown"));
            }
        }
        FieldKind::Date { min, max } => {
            let Ok(date) = fold_width(value).parse::<NaiveDate>() else {
                return Some(FieldError::new(id, "error-not-a-date"));
            };
            if let Some(min) = min.filter(|m| date < *m) {
                return Some(
                    FieldError::new(id, "error-date-too-early").arg("min", min.to_string()),
                );
            }
            if let Some(max) = max.filter(|m| date > *m) {
                return Some(
                    FieldError::new(id, "error-date-too-late").arg("max", max.to_string()),
                );
            }
        }
    }
    None
}

fn severity(rules: &Rules, a: &Answers, errors: &mut Vec<FieldError>) {
    if a.severity.is_empty() {
        errors.push(FieldError::new("severity", "error-severity-required"));
        return;
    }
    match rules.severity(&a.case_type, &a.severity) {
        None => errors.push(FieldError::new("severity", "error-choice-unknown")),
        Some(option) if option.call_only => {
            errors.push(FieldError::new("severity", "error-severity-call-only").arg(
                "phone",
                rules.catalog.support_phone.clone().unwrap_or_default(),
            ))
        }
        Some(_) => {}
    }
}

fn required_text(
    field: &'static str,
    value: &str,
    max: usize,
    required_code: &'static str,
    errors: &mut Vec<FieldError>,
) {
    if value.trim().is_empty() {
        errors.push(FieldError::new(field, required_code));
    } else if value.chars().count() > max {
        errors.push(FieldError::new(field, "error-too-long").arg("max", max));
    }
}

fn details(rules: &Rules, a: &Answers, errors: &mut Vec<FieldError>) {
    let limits = &rules.catalog.limits;
    required_text(
        "subject",
        &a.subject,
        limits.subject_max,
        "error-subject-required",
        errors,
    );
    required_text(
        "description",
        &a.description,
        limits.description_max,
        "error-description-required",
        errors,
    );
}

/// Why one file cannot be attached, given those already attached.
pub fn refuse_attachment(
    rules: &crate::catalog::AttachmentRules,
    attached: &[crate::draft::AttachmentMeta],
    file: &crate::draft::AttachmentMeta,
) -> Option<FieldError> {
    let error = |code| FieldError::new("attachments", code).arg("name", file.name.clone());
    if attached.len() >= rules.max_files {
        return Some(error("error-attachment-too-many").arg("max", rules.max_files));
    }
    if file.size == 0 {
        return Some(error("error-attachment-empty"));
    }
    if file.size > rules.max_bytes {
        return Some(
            error("error-attachment-too-large")
                .arg("size", Arg::Bytes(file.size))
                .arg("max", Arg::Bytes(rules.max_bytes)),
        );
    }
    if attached
        .iter()
        .any(|f| f.name == file.name && f.size == file.size)
    {
        return Some(error("error-attachment-duplicate"));
    }
    None
}

/// Each file against those before it; with their leading bytes, also by what they show.
fn attachments(
    rules: &Rules,
    a: &Answers,
    leading: Option<&[&[u8]]>,
    errors: &mut Vec<FieldError>,
) {
    let limits = rules.attachments(Some(&a.case_type));
    for (i, file) in a.attachments.iter().enumerate() {
        let attached = &a.attachments[..i];
        let refusal = match leading {
            Some(leading) => check(
                limits,
                attached,
                file,
                leading.get(i).copied().unwrap_or_default(),
            ),
            None => refuse_attachment(limits, attached, file),
        };
        errors.extend(refusal);
    }
}

pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local.len() <= 64
        && s.len() <= 254
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.contains("..")
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>()[]\\,;:\"".contains(c))
}

/// The digits of a phone number as typed (spaces, dashes, dots, brackets, full-width digits
/// allowed), or `None` when it holds anything else.
pub fn phone_digits(s: &str) -> Option<String> {
    let folded = fold_width(s);
    let mut digits = String::new();
    for c in folded.chars() {
        match c {
            '0'..='9' => digits.push(c),
            // Dashes as CJK input methods type them: hyphens, minus, long vowel mark.
            ' '
            | '-'
            | '.'
            | '('
            | ')'
            | '/'
            | '\u{2010}'..='\u{2015}'
            | '\u{2212}'
            | '\u{30FC}' => {}
            '+' if digits.is_empty() => {}
            _ => return None,
        }
    }
    Some(digits)
}

fn contact(rules: &Rules, a: &Answers, errors: &mut Vec<FieldError>) {
    let limits = &rules.catalog.limits;
    required_text(
        "name",
        &a.name,
        limits.name_max,
        "error-name-required",
        errors,
    );
    if a.email.trim().is_empty() {
        errors.push(FieldError::new("email", "error-email-required"));
    } else if !is_email(a.email.trim()) {
        errors.push(FieldError::new("email", "error-email-invalid"));
    }
    let methods = rules.contact_methods(&a.case_type);
    match methods.iter().find(|m| m.id == a.contact_method) {
        None if a.contact_method.is_empty() => errors.push(FieldError::new(
            "contact_method",
            "error-contact-method-required",
        )),
        None => errors.push(FieldError::new("contact_method", "error-choice-unknown")),
        Some(m) if m.phone => phone(rules, a, errors),
        Some(_) => {}
    }
    if a.contact_language.is_empty() {
        errors.push(FieldError::new(
            "contact_language",
            "error-contact-language-required",
        ));
    } else if !rules
        .catalog
        .contact_languages
        .iter()
        .any(|l| l.id == a.contact_language)
    {
        errors.push(FieldError::new("contact_language", "error-choice-unknown"));
    }
    let cc = a.cc_list();
    if cc.len() > limits.cc_max {
        errors.push(FieldError::new("cc", "error-cc-too-many").arg("max", limits.cc_max));
    } else if let Some(bad) = cc.iter().find(|e| !is_email(e)) {
        errors.push(FieldError::new("cc", "error-cc-invalid").arg("email", bad.to_string()));
    }
}

fn phone(rules: &Rules, a: &Answers, errors: &mut Vec<FieldError>) {
    if rules.catalog.phone_country(&a.phone_country).is_none() {
        errors.push(FieldError::new(
            "phone_country",
            "error-phone-country-required",
        ));
    }
    match phone_digits(&a.phone_number) {
        _ if a.phone_number.trim().is_empty() => {
            errors.push(FieldError::new("phone_number", "error-phone-required"))
        }
        Some(d) if (4..=15).contains(&d.len()) => {}
        _ => errors.push(FieldError::new("phone_number", "error-phone-invalid")),
    }
    let ext = fold_width(a.phone_extension.trim());
    if ext.len() > 10 || !ext.bytes().all(|b| b.is_ascii_digit()) {
        errors.push(FieldError::new(
            "phone_extension",
            "error-extension-invalid",
        ));
    }
}
