mod common;

use case_core::draft::AttachmentMeta;
use case_core::msg;
use case_core::outcome::SubmitError;
use case_core::rules::Rules;
use case_core::validate::{
    first_failing_step, is_email, phone_digits, refuse_attachment, validate_all, validate_arrived,
    validate_step,
};
use case_core::wire::{ErrorBody, FieldProblem};
use case_core::{Answers, Step};
use case_core::{Field, FieldError};
use common::{aws_technical, catalog, file as typed, EXE, PNG};

fn codes(errors: &[case_core::FieldError]) -> Vec<(String, &'static str)> {
    errors
        .iter()
        .map(|e| (e.field.id().into_owned(), e.code.as_str()))
        .collect()
}

#[test]
fn a_complete_case_has_no_errors() {
    let aws = catalog("aws");
    assert!(validate_all(&Rules::new(&aws, "business"), &aws_technical()).is_empty());
}

#[test]
fn an_empty_first_step_asks_for_a_case_type() {
    let aws = catalog("aws");
    let errors = validate_step(
        &Rules::new(&aws, "business"),
        &Answers::default(),
        Step::CaseType,
    );
    assert_eq!(
        codes(&errors),
        [("case_type".into(), "error-case-type-required")]
    );
}

#[test]
fn a_case_type_outside_the_plan_is_refused() {
    let aws = catalog("aws");
    let errors = validate_step(&Rules::new(&aws, "basic"), &aws_technical(), Step::CaseType);
    assert_eq!(
        codes(&errors),
        [("case_type".into(), "error-case-type-not-in-plan")]
    );
}

#[test]
fn a_severity_outside_the_plan_is_refused() {
    let aws = catalog("aws");
    let errors = validate_step(
        &Rules::new(&aws, "developer"),
        &aws_technical(),
        Step::Severity,
    );
    assert_eq!(
        codes(&errors),
        [("severity".into(), "error-choice-unknown")]
    );
}

#[test]
fn akamai_business_severity_1_must_be_called_in() {
    let akamai = catalog("akamai");
    let a = Answers {
        case_type: "business".into(),
        severity: "1".into(),
        ..Answers::default()
    };
    let errors = validate_step(&Rules::new(&akamai, "premium"), &a, Step::Severity);
    assert_eq!(
        codes(&errors),
        [("severity".into(), "error-severity-call-only")]
    );
    assert_eq!(errors[0].args[0].1, "+1-877-425-2832".into());
}

#[test]
fn required_extra_fields_are_asked_for() {
    let aws = catalog("aws");
    let mut a = aws_technical();
    a.fields.clear();
    let errors = validate_step(&Rules::new(&aws, "business"), &a, Step::Classification);
    assert_eq!(
        codes(&errors),
        [
            ("field.region".into(), "error-field-choose"),
            ("field.instance_id".into(), "error-field-required")
        ]
    );
    let label = aws.category("ec2", "instance-issue").unwrap().fields[1]
        .label
        .clone();
    assert_eq!(
        errors[1].args,
        [("label", case_core::i18n::Arg::Label(label))]
    );
}

#[test]
fn extra_number_fields_accept_full_width_digits_and_enforce_limits() {
    let aws = catalog("aws");
    let rules = Rules::new(&aws, "business");
    let mut a = Answers {
        case_type: "service-limit-increase".into(),
        service: "ec2-quotas".into(),
        category: "quota-increase".into(),
        ..Answers::default()
    };
    a.fields.insert("region".into(), "ap-northeast-1".into());
    a.fields.insert("limit".into(), "elastic-ips".into());
    for (value, expected) in [
        ("２５６", None),
        ("1,000", None),
        ("abc", Some("error-not-a-number")),
        ("2.5", Some("error-not-whole-number")),
        ("0", Some("error-number-too-small")),
        ("2000000", Some("error-number-too-large")),
    ] {
        a.fields.insert("new_value".into(), value.into());
        let errors = validate_step(&rules, &a, Step::Classification);
        assert_eq!(errors.first().map(|e| e.code.as_str()), expected, "{value}");
    }
}

#[test]
fn extra_choice_and_text_fields_are_checked() {
    let aws = catalog("aws");
    let rules = Rules::new(&aws, "business");
    let mut a = aws_technical();
    a.fields.insert("region".into(), "mars-1".into());
    a.fields.insert("instance_id".into(), "i-1".into());
    let errors = validate_step(&rules, &a, Step::Classification);
    assert_eq!(
        codes(&errors),
        [
            ("field.region".into(), "error-choice-unknown"),
            ("field.instance_id".into(), "error-too-short")
        ]
    );
}

#[test]
fn extra_date_fields_want_year_month_day() {
    let akamai = catalog("akamai");
    let rules = Rules::new(&akamai, "premium");
    let mut a = Answers {
        case_type: "technical".into(),
        service: "security".into(),
        category: "attack".into(),
        ..Answers::default()
    };
    a.fields.insert("started".into(), "31/01/2026".into());
    assert_eq!(
        validate_step(&rules, &a, Step::Classification)[0].code,
        "error-not-a-date"
    );
    a.fields.insert("started".into(), "2026-01-31".into());
    assert!(validate_step(&rules, &a, Step::Classification).is_empty());
}

#[test]
fn subject_and_description_are_required_and_limited() {
    let aws = catalog("aws");
    let rules = Rules::new(&aws, "business");
    let mut a = aws_technical();
    a.subject = "   ".into();
    a.description = "x".repeat(8001);
    let errors = validate_step(&rules, &a, Step::Details);
    assert_eq!(
        codes(&errors),
        [
            ("subject".into(), "error-subject-required"),
            ("description".into(), "error-too-long")
        ]
    );
}

#[test]
fn limits_count_characters_not_bytes() {
    let aws = catalog("aws");
    let mut a = aws_technical();
    a.subject = "障".repeat(250);
    assert!(validate_step(&Rules::new(&aws, "business"), &a, Step::Details).is_empty());
}

#[test]
fn contact_details_are_checked() {
    let aws = catalog("aws");
    let rules = Rules::new(&aws, "business");
    let mut a = aws_technical();
    a.email = "ada@".into();
    a.contact_method = "phone".into();
    a.phone_number = "call me".into();
    a.phone_extension = "12a".into();
    a.cc = "ops@example.com, not-an-email".into();
    let errors = validate_step(&rules, &a, Step::Contact);
    assert_eq!(
        codes(&errors),
        [
            ("email".into(), "error-email-invalid"),
            ("phone_country".into(), "error-phone-country-required"),
            ("phone_number".into(), "error-phone-invalid"),
            ("phone_extension".into(), "error-extension-invalid"),
            ("cc".into(), "error-cc-invalid"),
        ]
    );
}

#[test]
fn a_method_the_plan_does_not_offer_is_refused() {
    let aws = catalog("aws");
    let mut a = aws_technical();
    a.contact_method = "chat".into();
    let errors = validate_step(&Rules::new(&aws, "developer"), &a, Step::Contact);
    assert_eq!(
        codes(&errors),
        [("contact_method".into(), "error-choice-unknown")]
    );
}

#[test]
fn emails_are_recognised() {
    for ok in ["a@example.com", "first.last+tag@sub.example.co.jp"] {
        assert!(is_email(ok), "{ok}");
    }
    for bad in [
        "",
        "a",
        "a@b",
        "a@@b.com",
        "a b@c.com",
        "a@b..com",
        "<a@b.com>",
        "a@.com",
    ] {
        assert!(!is_email(bad), "{bad}");
    }
}

#[test]
fn phone_numbers_are_read_as_people_type_them() {
    assert_eq!(
        phone_digits("(415) 555-0134").as_deref(),
        Some("4155550134")
    );
    assert_eq!(
        phone_digits("+81 90-1234-5678").as_deref(),
        Some("819012345678")
    );
    assert_eq!(
        phone_digits("０９０−１２３４−５６７８").as_deref(),
        Some("09012345678")
    );
    assert_eq!(
        phone_digits("090ー1234ー5678").as_deref(),
        Some("09012345678")
    );
    assert_eq!(phone_digits("call me"), None);
    assert_eq!(phone_digits("12+34"), None);
}

fn file(name: &str, size: u64) -> AttachmentMeta {
    common::file(name, "text/plain", size)
}

#[test]
fn attachments_are_refused_with_the_reason_and_the_file_name() {
    let aws = catalog("aws");
    let rules = Rules::new(&aws, "business").attachments(None).clone();
    let three = [file("a", 1), file("b", 1), file("c", 1)];
    let refusal = |attached: &[AttachmentMeta], f: AttachmentMeta| {
        refuse_attachment(&rules, attached, &f).map(|e| e.code.as_str())
    };
    assert_eq!(
        refusal(&three, file("d", 1)),
        Some("error-attachment-too-many")
    );
    assert_eq!(
        refusal(&[], file("empty", 0)),
        Some("error-attachment-empty")
    );
    assert_eq!(
        refusal(&[], file("big", 5 * 1024 * 1024 + 1)),
        Some("error-attachment-too-large")
    );
    assert_eq!(refusal(&[], file("max", 5 * 1024 * 1024)), None);
    let e = refuse_attachment(&rules, &[], &file("big.log", 6 * 1024 * 1024)).unwrap();
    assert_eq!(e.args[0], ("name", "big.log".into()));
}

fn fields_of(errors: &[FieldError]) -> Vec<String> {
    errors.iter().map(|e| e.field.id().into_owned()).collect()
}

#[test]
fn no_errors_leave_the_customer_where_they_are() {
    assert_eq!(first_failing_step(Vec::new()), None);
}

#[test]
fn the_whole_case_goes_back_to_the_first_step_with_errors_showing_only_its_errors() {
    let aws = catalog("aws");
    let mut a = aws_technical();
    a.subject.clear();
    a.description.clear();
    a.email.clear();
    let (step, errors) =
        first_failing_step(validate_all(&Rules::new(&aws, "business"), &a)).unwrap();
    assert_eq!(step, Step::Details);
    assert_eq!(fields_of(&errors), ["subject", "description"]);
}

#[test]
fn a_servers_errors_go_back_to_the_step_of_the_first_one_named() {
    let errors = vec![
        FieldError::new(Field::Email, msg::ERROR_EMAIL_INVALID),
        FieldError::new(Field::Attachments, msg::ERROR_ATTACHMENT_TYPE),
        FieldError::new(Field::PhoneNumber, msg::ERROR_PHONE_NOT_IN_COUNTRY),
    ];
    let (step, errors) = first_failing_step(errors).unwrap();
    assert_eq!(
        step,
        Step::Contact,
        "the first named, not the earliest step"
    );
    assert_eq!(fields_of(&errors), ["email", "phone_number"]);
}

#[test]
fn an_error_about_the_request_as_a_whole_is_shown_at_no_field_and_goes_back_to_no_step() {
    let plan = FieldProblem {
        field: "plan".into(),
        code: "error-choice-unknown".into(),
        args: Default::default(),
    };
    assert_eq!(plan.to_field_error(), None);
    let told = SubmitError::Status {
        status: 422,
        body: Some(ErrorBody {
            error: "validation".into(),
            message: "unknown plan".into(),
            fields: vec![plan],
        }),
        said: None,
    }
    .told();
    assert_eq!(told.back_to, None);
}

#[test]
fn files_that_arrived_are_checked_by_their_bytes_too_with_one_error_each() {
    let aws = catalog("aws");
    let mut a = aws_technical();
    a.attachments = vec![
        typed("shot.png", "image/png", 0),
        typed("photo.png", "image/png", 100),
        typed("screen.png", "image/png", 200),
    ];
    let rules = Rules::new(&aws, "business");
    assert_eq!(
        codes(&validate_arrived(&rules, &a, &[b"", EXE, PNG])),
        [
            ("attachments".into(), "error-attachment-empty"),
            ("attachments".into(), "error-attachment-type")
        ]
    );
    assert_eq!(
        codes(&validate_all(&rules, &a)),
        [("attachments".into(), "error-attachment-empty")],
        "without the bytes, only what the names and sizes show"
    );
}

#[test]
fn refused_files_come_in_step_order_before_contact_errors() {
    let aws = catalog("aws");
    let mut a = aws_technical();
    a.email = "not an address".into();
    a.attachments = vec![typed("photo.png", "image/png", 100)];
    let errors = validate_arrived(&Rules::new(&aws, "business"), &a, &[EXE]);
    assert_eq!(
        codes(&errors),
        [
            ("attachments".into(), "error-attachment-type"),
            ("email".into(), "error-email-invalid")
        ]
    );
}

#[test]
fn a_case_whose_files_pass_has_the_errors_validate_all_finds() {
    let aws = catalog("aws");
    let rules = Rules::new(&aws, "business");
    let mut a = aws_technical();
    a.subject.clear();
    assert_eq!(validate_arrived(&rules, &a, &[]), validate_all(&rules, &a));
    a.attachments = vec![typed("screen.png", "image/png", 200)];
    assert_eq!(
        validate_arrived(&rules, &a, &[PNG]),
        validate_all(&rules, &a)
    );
}

#[test]
fn a_file_that_arrived_without_its_bytes_is_checked_as_having_none() {
    let aws = catalog("aws");
    let mut a = aws_technical();
    a.attachments = vec![typed("screen.png", "image/png", 200)];
    let errors = validate_arrived(&Rules::new(&aws, "business"), &a, &[]);
    assert_eq!(
        codes(&errors),
        [("attachments".into(), "error-attachment-type")],
        "bytes that do not show a PNG"
    );
}

#[test]
fn others_to_notify_are_refused_from_a_plan_that_does_not_offer_it() {
    let aws = catalog("aws");
    let mut answers = aws_technical();
    answers.case_type = "account-billing".into();
    answers.service = "billing".into();
    answers.category = "invoice".into();
    answers.severity = "low".into();
    answers.fields.clear();
    answers.cc = "ops@example.com".into();
    let cc_errors = |plan: &str, answers: &Answers| -> Vec<&'static str> {
        validate_all(&Rules::new(&aws, plan), answers)
            .iter()
            .filter(|e| e.field == Field::Cc)
            .map(|e| e.code.as_str())
            .collect()
    };
    assert_eq!(cc_errors("developer", &answers), ["error-cc-not-in-plan"]);
    assert_eq!(cc_errors("basic", &answers), ["error-cc-not-in-plan"]);
    assert!(cc_errors("business", &answers).is_empty());
    answers.cc.clear();
    assert!(cc_errors("developer", &answers).is_empty());
}
