mod common;

use case_core::i18n::Arg;
use case_core::msg;
use case_core::rules::Rules;
use case_core::validate::validate_all;
use case_core::validate::{refuse_attachment, FieldError};
use case_core::wire::{e164, CasePayload, FieldProblem};
use case_core::Field;
use common::{aws_technical, catalog};

#[test]
fn the_payload_carries_every_answer_normalised() {
    let aws = catalog("aws");
    let mut a = aws_technical();
    a.subject = "  Instance unreachable ".into();
    a.contact_method = "phone".into();
    a.phone_country = "JP".into();
    a.phone_number = "090-1234-5678".into();
    a.phone_extension = "１２".into();
    a.cc = "ops@example.com; cto@example.com".into();
    let p = CasePayload::from_answers(&aws, "business", "ja", &a);
    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(json["catalog"], "aws");
    assert_eq!(json["plan"], "business");
    assert_eq!(json["locale"], "ja");
    assert_eq!(json["subject"], "Instance unreachable");
    assert_eq!(json["fields"]["instance_id"], "i-0abcd1234ef567890");
    assert_eq!(
        json["contact"]["phone"]["number"], "090-1234-5678",
        "kept as typed"
    );
    assert_eq!(json["contact"]["phone"]["extension"], "12");
    assert_eq!(json["contact"]["phone"]["e164"], "+819012345678");
    assert_eq!(
        json["cc"],
        serde_json::json!(["ops@example.com", "cto@example.com"])
    );
}

#[test]
fn numbers_in_extra_fields_travel_as_json_numbers() {
    let aws = catalog("aws");
    let mut a = aws_technical();
    a.case_type = "service-limit-increase".into();
    a.service = "ec2-quotas".into();
    a.category = "quota-increase".into();
    a.fields.clear();
    a.fields.insert("new_value".into(), "1,024".into());
    let p = CasePayload::from_answers(&aws, "business", "en", &a);
    assert_eq!(p.fields["new_value"], serde_json::json!(1024));
}

#[test]
fn no_phone_is_sent_unless_phone_is_the_method() {
    let aws = catalog("aws");
    let mut a = aws_technical();
    a.phone_number = "090-1234-5678".into();
    let p = CasePayload::from_answers(&aws, "business", "en", &a);
    assert!(p.contact.phone.is_none());
}

#[test]
fn a_payload_reads_back_into_the_same_valid_answers() {
    let aws = catalog("aws");
    let a = aws_technical();
    let p = CasePayload::from_answers(&aws, "business", "en", &a);
    let json = serde_json::to_string(&p).unwrap();
    let back: CasePayload = serde_json::from_str(&json).unwrap();
    assert_eq!(back, p);
    let answers = back.to_answers();
    assert_eq!(answers, a);
    assert!(validate_all(&Rules::new(&aws, "business"), &answers).is_empty());
}

#[test]
fn e164_drops_the_national_prefix_and_a_repeated_country_code() {
    assert_eq!(e164("81", "090-1234-5678"), "+819012345678");
    assert_eq!(e164("81", "+81 90-1234-5678"), "+819012345678");
    assert_eq!(e164("1", "(415) 555-0134"), "+14155550134");
    assert_eq!(e164("44", "nonsense"), "");
}

#[test]
fn unknown_keys_in_a_payload_are_refused() {
    let err = serde_json::from_str::<CasePayload>(r#"{"catalog":"aws","surprise":1}"#).unwrap_err();
    assert!(err.to_string().contains("surprise"), "{err}");
}

#[test]
fn a_field_error_crosses_the_wire_with_its_arguments_and_reads_back_whole() {
    let rules = catalog("aws").attachments.clone();
    let big = case_core::draft::AttachmentMeta {
        name: "dump \"1\".bin".into(),
        size: 6 << 20,
        content_type: "application/octet-stream".into(),
        token: String::new(),
    };
    let error = refuse_attachment(&rules, &[], &big).unwrap();
    let json = serde_json::to_value(FieldProblem::from(&error)).unwrap();
    assert_eq!(json["code"], "error-attachment-too-large");
    assert_eq!(json["args"]["name"]["text"], "dump \"1\".bin");
    assert_eq!(json["args"]["size"]["bytes"], 6 << 20);
    let back: FieldProblem = serde_json::from_value(json).unwrap();
    let mut shown = back.to_field_error().unwrap();
    let mut expected = error;
    shown.args.sort_by_key(|(name, _)| *name);
    expected.args.sort_by_key(|(name, _)| *name);
    assert_eq!(shown, expected);
}

#[test]
fn a_server_code_the_widget_does_not_know_or_without_its_arguments_shows_as_a_generic_refusal() {
    let unknown: FieldProblem =
        serde_json::from_str(r#"{"field": "subject", "code": "spam-suspected"}"#).unwrap();
    assert_eq!(
        unknown.to_field_error(),
        Some(FieldError::new(Field::Subject, msg::ERROR_SERVER).arg("code", "spam-suspected"))
    );
    let bare: FieldProblem =
        serde_json::from_str(r#"{"field": "attachments", "code": "error-attachment-type"}"#)
            .unwrap();
    assert_eq!(bare.to_field_error().unwrap().code, "error-server");
    let plain: FieldProblem =
        serde_json::from_str(r#"{"field": "email", "code": "error-email-invalid"}"#).unwrap();
    assert_eq!(
        plain.to_field_error(),
        Some(FieldError::new(Field::Email, msg::ERROR_EMAIL_INVALID))
    );
    let label: FieldProblem = serde_json::from_str(
        r#"{"field": "field.region", "code": "error-field-required", "args": {"label": {"label": {"en": "Region", "ja": "リージョン"}}}}"#,
    )
    .unwrap();
    assert!(matches!(
        label.to_field_error().unwrap().args[0].1,
        Arg::Label(_)
    ));
}

#[test]
fn a_cases_fingerprint_ignores_the_language_shown_the_spam_check_and_upload_tokens_but_not_an_edit()
{
    use case_core::wire::SpamCheck;
    let case: CasePayload = serde_json::from_value(serde_json::json!({
        "catalog": "aws", "plan": "business", "locale": "en",
        "case_type": "technical", "service": "ec2", "category": "instance-issue", "severity": "high",
        "subject": "Down", "description": "Since 09:10.",
        "contact": { "name": "Ada", "email": "ada@example.com", "method": "web", "language": "en" },
        "attachments": [{ "name": "a.log", "size": 3, "type": "text/plain" }]
    }))
    .unwrap();
    let mut retried = case.clone();
    retried.locale = "ja".into();
    retried.spam_check = Some(SpamCheck {
        website: String::new(),
        filled_in_ms: 9,
        form_token: "t".into(),
    });
    retried.attachments[0].token = "upload-1".into();
    assert_eq!(case.fingerprint(), retried.fingerprint());
    let mut edited = case.clone();
    edited.subject = "Down again".into();
    assert_ne!(case.fingerprint(), edited.fingerprint());
}
