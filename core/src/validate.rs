//! Validation of answers, one step at a time or all at once. Errors carry a message id from the
//! locales and its arguments, never a sentence, so the widget shows them in the customer's
//! language and the server returns them as codes.

use crate::attachment_limits::AttachmentLimits;
use crate::catalog::{ExtraField, FieldKind};
use crate::draft::Answers;
use crate::field::Field;
use crate::iso;
use crate::msg::{self, Arg, MessageId};
use crate::pattern::Pattern;
use crate::rules::Rules;
use crate::step::Step;

// Also named from here by the widget and the server.
pub use crate::attachment::refuse_attachment;
pub use crate::field::FieldError;

/// Every field error code with the arguments its message takes: what a server may answer with.
pub const FIELD_ERRORS: &[(MessageId, &[&str])] = &[
    (msg::ERROR_CASE_TYPE_REQUIRED, &[]),
    (msg::ERROR_CASE_TYPE_NOT_IN_PLAN, &[]),
    (msg::ERROR_CHOICE_UNKNOWN, &[]),
    (msg::ERROR_SERVICE_REQUIRED, &[]),
    (msg::ERROR_CATEGORY_REQUIRED, &[]),
    (msg::ERROR_FIELD_REQUIRED, &["label"]),
    (msg::ERROR_FIELD_CHOOSE, &["label"]),
    (msg::ERROR_FIELD_NOT_IN_CATEGORY, &[]),
    (msg::ERROR_TOO_SHORT, &["min"]),
    (msg::ERROR_TOO_LONG, &["max"]),
    (msg::ERROR_NOT_A_NUMBER, &[]),
    (msg::ERROR_NOT_WHOLE_NUMBER, &[]),
    (msg::ERROR_NUMBER_TOO_SMALL, &["min"]),
    (msg::ERROR_PATTERN, &["message"]),
    (msg::ERROR_PATTERN_DEFAULT, &["label"]),
    (msg::ERROR_NUMBER_TOO_LARGE, &["max"]),
    (msg::ERROR_NOT_A_DATE, &[]),
    (msg::ERROR_DATE_TOO_EARLY, &["min"]),
    (msg::ERROR_DATE_TOO_LATE, &["max"]),
    (msg::ERROR_SEVERITY_REQUIRED, &[]),
    (msg::ERROR_SEVERITY_CALL_ONLY, &["phone"]),
    (msg::ERROR_SUBJECT_REQUIRED, &[]),
    (msg::ERROR_DESCRIPTION_REQUIRED, &[]),
    (msg::ERROR_ATTACHMENT_TOO_MANY, &["name", "max"]),
    (msg::ERROR_ATTACHMENT_EMPTY, &["name"]),
    (msg::ERROR_ATTACHMENT_TOO_LARGE, &["name", "size", "max"]),
    (msg::ERROR_ATTACHMENT_OVER_SERVER_LIMIT, &["name", "max"]),
    (msg::ERROR_ATTACHMENT_TYPE, &["name"]),
    (msg::ERROR_ATTACHMENT_NOT_ALLOWED, &["name", "types"]),
    (msg::ERROR_ATTACHMENT_DUPLICATE, &["name"]),
    (msg::ERROR_ATTACHMENT_BACKEND_TOO_MANY, &["name", "max"]),
    (
        msg::ERROR_ATTACHMENT_BACKEND_TOO_LARGE,
        &["name", "size", "max"],
    ),
    (msg::ERROR_ATTACHMENT_BACKEND_TYPE, &["name", "types"]),
    (msg::ERROR_NAME_REQUIRED, &[]),
    (msg::ERROR_EMAIL_REQUIRED, &[]),
    (msg::ERROR_EMAIL_INVALID, &[]),
    (msg::ERROR_CONTACT_METHOD_REQUIRED, &[]),
    (msg::ERROR_CONTACT_LANGUAGE_REQUIRED, &[]),
    (msg::ERROR_PHONE_COUNTRY_REQUIRED, &[]),
    (msg::ERROR_PHONE_REQUIRED, &[]),
    (msg::ERROR_PHONE_INVALID, &[]),
    (msg::ERROR_PHONE_NOT_IN_COUNTRY, &["country"]),
    (msg::ERROR_EXTENSION_INVALID, &[]),
    (msg::ERROR_CC_TOO_MANY, &["max"]),
    (msg::ERROR_CC_INVALID, &["email"]),
    (msg::ERROR_CC_NOT_IN_PLAN, &[]),
];

/// Where to take the customer back to: the step of the first error, and every error on that step,
/// in their order. `None` when there are no errors.
pub fn first_failing_step(errors: Vec<FieldError>) -> Option<(Step, Vec<FieldError>)> {
    let step = errors.first()?.field.step();
    let errors = errors
        .into_iter()
        .filter(|e| e.field.step() == step)
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
        None if a.case_type.is_empty() => errors.push(FieldError::new(
            Field::CaseType,
            msg::ERROR_CASE_TYPE_REQUIRED,
        )),
        None => errors.push(FieldError::new(Field::CaseType, msg::ERROR_CHOICE_UNKNOWN)),
        Some(t) if !rules.case_type_allowed(t) => errors.push(FieldError::new(
            Field::CaseType,
            msg::ERROR_CASE_TYPE_NOT_IN_PLAN,
        )),
        Some(_) => {}
    }
    if let Some(account) = &a.on_behalf_of {
        let id = account.account.trim();
        if id.is_empty()
            || !rules.may_file_for_others()
            || id.chars().count() > ACCOUNT_MAX
            || account.name.chars().count() > ACCOUNT_MAX
        {
            errors.push(FieldError::new(
                Field::OnBehalfOf,
                msg::ERROR_CHOICE_UNKNOWN,
            ));
        }
    }
}

/// The longest account id or name a page may pass.
const ACCOUNT_MAX: usize = 200;

fn classification(rules: &Rules, a: &Answers, errors: &mut Vec<FieldError>) {
    if a.service.is_empty() {
        errors.push(FieldError::new(Field::Service, msg::ERROR_SERVICE_REQUIRED));
        return;
    }
    if !rules
        .services(&a.case_type)
        .iter()
        .any(|s| s.id == a.service)
    {
        errors.push(FieldError::new(Field::Service, msg::ERROR_CHOICE_UNKNOWN));
        return;
    }
    let Some(category) = rules.catalog.category(&a.service, &a.category) else {
        let code = if a.category.is_empty() {
            msg::ERROR_CATEGORY_REQUIRED
        } else {
            msg::ERROR_CHOICE_UNKNOWN
        };
        errors.push(FieldError::new(Field::Category, code));
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
                Field::Extra(id.clone()),
                msg::ERROR_FIELD_NOT_IN_CATEGORY,
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
    let id = Field::Extra(field.id.clone());
    if value.is_empty() {
        let code = match field.kind {
            FieldKind::Choice { .. } => msg::ERROR_FIELD_CHOOSE,
            _ => msg::ERROR_FIELD_REQUIRED,
        };
        return field
            .required
            .then(|| FieldError::new(id, code).arg("label", Arg::Label(field.label.clone())));
    }
    match &field.kind {
        FieldKind::Text {
            min_length,
            max_length,
            pattern,
            pattern_error,
        } => {
            let len = value.chars().count();
            if let Some(min) = min_length.filter(|m| len < *m) {
                return Some(FieldError::new(id, msg::ERROR_TOO_SHORT).arg("min", min));
            }
            if let Some(max) = max_length.filter(|m| len > *m) {
                return Some(FieldError::new(id, msg::ERROR_TOO_LONG).arg("max", max));
            }
            let pattern = pattern.as_deref().and_then(|p| Pattern::parse(p).ok());
            if pattern.is_some_and(|p| !p.matches(value)) {
                return Some(match pattern_error {
                    Some(text) => FieldError::new(id, msg::ERROR_PATTERN)
                        .arg("message", Arg::Label(text.clone())),
                    None => FieldError::new(id, msg::ERROR_PATTERN_DEFAULT)
                        .arg("label", Arg::Label(field.label.clone())),
                });
            }
        }
        FieldKind::Number { min, max, integer } => {
            let Some(n) = parse_number(value) else {
                return Some(FieldError::new(id, msg::ERROR_NOT_A_NUMBER));
            };
            if *integer && n.fract() != 0.0 {
                return Some(FieldError::new(id, msg::ERROR_NOT_WHOLE_NUMBER));
            }
            if let Some(min) = min.filter(|m| n < *m) {
                return Some(FieldError::new(id, msg::ERROR_NUMBER_TOO_SMALL).arg("min", min));
            }
            if let Some(max) = max.filter(|m| n > *m) {
                return Some(FieldError::new(id, msg::ERROR_NUMBER_TOO_LARGE).arg("max", max));
            }
        }
        FieldKind::Choice { options } => {
            if !options.iter().any(|o| o.id == value) {
                return Some(FieldError::new(id, msg::ERROR_CHOICE_UNKNOWN));
            }
        }
        FieldKind::Date { min, max } => {
            let Ok(date) = iso::date(&fold_width(value)) else {
                return Some(FieldError::new(id, msg::ERROR_NOT_A_DATE));
            };
            if let Some(min) = min.filter(|m| date < *m) {
                return Some(
                    FieldError::new(id, msg::ERROR_DATE_TOO_EARLY).arg("min", min.to_string()),
                );
            }
            if let Some(max) = max.filter(|m| date > *m) {
                return Some(
                    FieldError::new(id, msg::ERROR_DATE_TOO_LATE).arg("max", max.to_string()),
                );
            }
        }
    }
    None
}

fn severity(rules: &Rules, a: &Answers, errors: &mut Vec<FieldError>) {
    if a.severity.is_empty() {
        errors.push(FieldError::new(
            Field::Severity,
            msg::ERROR_SEVERITY_REQUIRED,
        ));
        return;
    }
    match rules.severity(&a.case_type, &a.severity) {
        None => errors.push(FieldError::new(Field::Severity, msg::ERROR_CHOICE_UNKNOWN)),
        Some(option) if option.call_only => errors.push(
            FieldError::new(Field::Severity, msg::ERROR_SEVERITY_CALL_ONLY).arg(
                "phone",
                rules.catalog.support_phone.clone().unwrap_or_default(),
            ),
        ),
        Some(_) => {}
    }
}

fn required_text(
    field: Field,
    value: &str,
    max: usize,
    required_code: MessageId,
    errors: &mut Vec<FieldError>,
) {
    if value.trim().is_empty() {
        errors.push(FieldError::new(field, required_code));
    } else if value.chars().count() > max {
        errors.push(FieldError::new(field, msg::ERROR_TOO_LONG).arg("max", max));
    }
}

fn details(rules: &Rules, a: &Answers, errors: &mut Vec<FieldError>) {
    let limits = &rules.catalog.limits;
    required_text(
        Field::Subject,
        &a.subject,
        limits.subject_max,
        msg::ERROR_SUBJECT_REQUIRED,
        errors,
    );
    required_text(
        Field::Description,
        &a.description,
        limits.description_max,
        msg::ERROR_DESCRIPTION_REQUIRED,
        errors,
    );
}

/// Each file against those before it; with their leading bytes, also by what they show.
fn attachments(
    rules: &Rules,
    a: &Answers,
    leading: Option<&[&[u8]]>,
    errors: &mut Vec<FieldError>,
) {
    let limits = AttachmentLimits::of(rules, Some(&a.case_type));
    for (i, file) in a.attachments.iter().enumerate() {
        let attached = &a.attachments[..i];
        let leading = leading.map(|l| l.get(i).copied().unwrap_or_default());
        errors.extend(limits.check(attached, file, leading));
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
        Field::Name,
        &a.name,
        limits.name_max,
        msg::ERROR_NAME_REQUIRED,
        errors,
    );
    if a.email.trim().is_empty() {
        errors.push(FieldError::new(Field::Email, msg::ERROR_EMAIL_REQUIRED));
    } else if !is_email(a.email.trim()) {
        errors.push(FieldError::new(Field::Email, msg::ERROR_EMAIL_INVALID));
    }
    let methods = rules.contact_methods(&a.case_type, &a.severity);
    match methods.iter().find(|m| m.id == a.contact_method) {
        None if a.contact_method.is_empty() => errors.push(FieldError::new(
            Field::ContactMethod,
            msg::ERROR_CONTACT_METHOD_REQUIRED,
        )),
        None => errors.push(FieldError::new(
            Field::ContactMethod,
            msg::ERROR_CHOICE_UNKNOWN,
        )),
        Some(m) if m.phone => phone(rules, a, errors),
        Some(_) => {}
    }
    if a.contact_language.is_empty() {
        errors.push(FieldError::new(
            Field::ContactLanguage,
            msg::ERROR_CONTACT_LANGUAGE_REQUIRED,
        ));
    } else if !rules
        .contact_languages(&a.case_type, &a.severity)
        .iter()
        .any(|l| l.id == a.contact_language)
    {
        errors.push(FieldError::new(
            Field::ContactLanguage,
            msg::ERROR_CHOICE_UNKNOWN,
        ));
    }
    let cc = a.cc_list();
    if !cc.is_empty() && !rules.cc_offered() {
        errors.push(FieldError::new(Field::Cc, msg::ERROR_CC_NOT_IN_PLAN));
    } else if cc.len() > limits.cc_max {
        errors.push(FieldError::new(Field::Cc, msg::ERROR_CC_TOO_MANY).arg("max", limits.cc_max));
    } else if let Some(bad) = cc.iter().find(|e| !is_email(e)) {
        errors
            .push(FieldError::new(Field::Cc, msg::ERROR_CC_INVALID).arg("email", bad.to_string()));
    }
}

fn phone(rules: &Rules, a: &Answers, errors: &mut Vec<FieldError>) {
    if rules.catalog.phone_country(&a.phone_country).is_none() {
        errors.push(FieldError::new(
            Field::PhoneCountry,
            msg::ERROR_PHONE_COUNTRY_REQUIRED,
        ));
    }
    match phone_digits(&a.phone_number) {
        _ if a.phone_number.trim().is_empty() => errors.push(FieldError::new(
            Field::PhoneNumber,
            msg::ERROR_PHONE_REQUIRED,
        )),
        Some(d) if (4..=15).contains(&d.len()) => {}
        _ => errors.push(FieldError::new(
            Field::PhoneNumber,
            msg::ERROR_PHONE_INVALID,
        )),
    }
    let ext = fold_width(a.phone_extension.trim());
    if ext.len() > 10 || !ext.bytes().all(|b| b.is_ascii_digit()) {
        errors.push(FieldError::new(
            Field::PhoneExtension,
            msg::ERROR_EXTENSION_INVALID,
        ));
    }
}
