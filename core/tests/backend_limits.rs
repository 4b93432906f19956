//! A backend's own attachment limits, stated by its wire profile: the stricter of them and the
//! catalog's applies, and the refusals and the hint name the backend's where it is stricter.

mod common;

use case_core::attachment_limits::AttachmentLimits;
use case_core::catalog::AttachmentRules;
use case_core::i18n::Messages;
use case_core::limits::BackendAttachments;
use case_core::msg;
use case_core::profile::Profile;
use case_core::rules::Rules;
use common::{catalog, file, profile, PNG};

const MB: u64 = 1024 * 1024;

fn backend(max_bytes: Option<u64>, max_files: Option<usize>) -> BackendAttachments {
    BackendAttachments {
        max_bytes,
        max_files,
        types: None,
    }
}

#[test]
fn a_lower_backend_size_applies_and_its_refusal_names_the_support_system() {
    let limits = AttachmentLimits::new(&AttachmentRules::default(), Some(&backend(Some(MB), None)));
    assert_eq!(limits.rules.max_bytes, MB);
    assert!(limits.backend_size && !limits.backend_count);
    let error = limits
        .check(&[], &file("shot.png", "image/png", 2 * MB), Some(PNG))
        .unwrap();
    assert_eq!(error.code, msg::ERROR_ATTACHMENT_BACKEND_TOO_LARGE);
    let m = Messages::load().unwrap();
    let shown = m.format("en", error.code, &error.args);
    assert!(
        shown.contains("the support system takes files up to 1 MB each"),
        "{shown}"
    );
    assert!(limits
        .check(&[], &file("shot.png", "image/png", MB), Some(PNG))
        .is_none());
}

#[test]
fn a_higher_backend_limit_changes_nothing_and_the_catalogs_refusal_stays_its_own() {
    let catalog_rules = AttachmentRules::default();
    let limits = AttachmentLimits::new(&catalog_rules, Some(&backend(Some(10 * MB), Some(50))));
    assert_eq!(limits, AttachmentLimits::new(&catalog_rules, None));
    assert_eq!(limits.rules, catalog_rules);
    let error = limits
        .check(&[], &file("shot.png", "image/png", 6 * MB), Some(PNG))
        .unwrap();
    assert_eq!(error.code, msg::ERROR_ATTACHMENT_TOO_LARGE);
    assert_eq!(limits.hints().len(), 1);
}

#[test]
fn a_lower_backend_count_refuses_the_file_past_it_in_the_backends_name() {
    let limits = AttachmentLimits::new(&AttachmentRules::default(), Some(&backend(None, Some(1))));
    let first = file("a.png", "image/png", 10);
    let error = limits
        .check(&[first], &file("b.png", "image/png", 10), Some(PNG))
        .unwrap();
    assert_eq!(error.code, msg::ERROR_ATTACHMENT_BACKEND_TOO_MANY);
    let hints: Vec<_> = limits.hints().into_iter().map(|(id, _)| id).collect();
    assert_eq!(
        hints,
        [msg::ATTACHMENTS_LIMITS, msg::ATTACHMENTS_BACKEND_COUNT]
    );
}

#[test]
fn the_backends_types_narrow_the_catalogs_in_the_check_the_hint_and_accept() {
    let catalog_rules = AttachmentRules {
        allowed_types: Some(vec!["image/*".into(), ".log".into()]),
        ..AttachmentRules::default()
    };
    let only_png = BackendAttachments {
        types: Some(vec!["image/png".into(), ".pdf".into()]),
        ..BackendAttachments::default()
    };
    let limits = AttachmentLimits::new(&catalog_rules, Some(&only_png));
    assert_eq!(limits.accept().as_deref(), Some("image/png"));
    let log = file("app.log", "text/plain", 10);
    let error = limits.check(&[], &log, Some(b"started")).unwrap();
    assert_eq!(error.code, msg::ERROR_ATTACHMENT_BACKEND_TYPE);
    // Unread bytes prove no type: the backend's types wait for them.
    assert!(limits.check(&[], &log, None).is_none());
    assert!(limits
        .check(&[], &file("a.png", "image/png", 10), Some(PNG))
        .is_none());
    let last = limits.hints().pop().unwrap().0;
    assert_eq!(last, msg::ATTACHMENTS_BACKEND_TYPES);
}

#[test]
fn validation_applies_the_backends_limits_where_rules_are_within_a_profile() {
    let aws = catalog("aws");
    let strict = Profile::from_json(
        r#"{"id": "strict", "create": {"url": "{endpoint}", "encoding": "json", "body": {}},
            "limits": {"attachments": {"max_bytes": 1048576}}}"#,
    )
    .unwrap();
    let mut answers = common::aws_technical();
    answers.attachments = vec![file("big.png", "image/png", 2 * MB)];
    let rules = Rules::new(&aws, "business");
    let step = case_core::step::Step::Attachments;
    assert!(case_core::validate::validate_step(&rules, &answers, step).is_empty());
    let errors = case_core::validate::validate_step(&rules.within(&strict.limits), &answers, step);
    assert_eq!(errors[0].code, msg::ERROR_ATTACHMENT_BACKEND_TOO_LARGE);
}

#[test]
fn the_shipped_profiles_state_their_backends_defaults_and_old_profiles_state_none() {
    let attachments = |name| profile(name).limits.attachments.unwrap();
    assert_eq!(attachments("rt5").max_bytes, Some(10 * MB));
    assert_eq!(attachments("rt5-json").max_bytes, Some(10 * MB));
    assert_eq!(attachments("redmine5").max_bytes, Some(5120 * 1024));
    assert_eq!(profile("reference").limits.attachments, None);
}
