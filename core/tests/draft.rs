mod common;

use case_core::rules::Rules;
use case_core::{Answers, Step};
use common::{aws_technical, catalog};

#[test]
fn steps_run_in_order_and_count_from_one() {
    assert_eq!(Step::CaseType.number(), 1);
    assert_eq!(Step::Review.number(), 7);
    assert_eq!(Step::Severity.next(), Some(Step::Details));
    assert_eq!(Step::CaseType.prev(), None);
    assert_eq!(Step::Review.next(), None);
}

#[test]
fn changing_the_case_type_keeps_answers_it_still_allows() {
    let aws = catalog("aws");
    let rules = Rules::new(&aws, "business");
    let mut a = aws_technical();
    a.set_case_type(&rules, "account-billing");
    assert_eq!(a.service, "", "EC2 is not a billing service");
    assert_eq!(a.category, "");
    assert!(a.fields.is_empty());
    assert_eq!(
        a.severity, "high",
        "billing offers Business production system impaired too"
    );
    assert_eq!(a.contact_method, "web");
    assert_eq!(a.subject, "Instance unreachable", "later answers stay");
    // A severity the plan does not offer gives way to the type's default.
    let mut b = aws_technical();
    b.severity = "critical".into();
    b.set_case_type(&rules, "account-billing");
    assert_eq!(
        b.severity, "low",
        "Business has no business-critical severity"
    );
}

#[test]
fn choosing_a_type_with_a_default_severity_preselects_it() {
    let akamai = catalog("akamai");
    let mut a = Answers::default();
    a.set_case_type(&Rules::new(&akamai, "standard"), "business");
    assert_eq!(a.severity, "3");
    a.set_case_type(&Rules::new(&akamai, "standard"), "technical");
    assert_eq!(a.severity, "3", "still offered, so the choice is kept");
}

#[test]
fn changing_service_or_category_drops_the_extra_answers() {
    let mut a = aws_technical();
    a.set_category("connectivity");
    assert!(a.fields.is_empty());
    a.set_service("s3");
    assert_eq!(a.category, "");
}

#[test]
fn cc_lists_split_on_commas_semicolons_and_spaces() {
    let a = Answers {
        cc: " a@x.com,b@x.com ; c@x.com\nd@x.com ".into(),
        ..Answers::default()
    };
    assert_eq!(a.cc_list(), ["a@x.com", "b@x.com", "c@x.com", "d@x.com"]);
}

#[test]
fn the_contact_language_starts_as_the_form_language_where_the_catalog_offers_it() {
    let aws = catalog("aws");
    let rules = Rules::new(&aws, "business");
    let mut answers = Answers::default();
    answers.default_contact_language(&rules, "ja");
    assert_eq!(answers.contact_language, "ja");
    // A choice the customer made stays.
    answers.contact_language = "en".into();
    answers.default_contact_language(&rules, "ko");
    assert_eq!(answers.contact_language, "en");
    // A language the catalog's support team does not offer is not chosen for them.
    let mut answers = Answers::default();
    answers.default_contact_language(&rules, "fr");
    assert_eq!(answers.contact_language, "");
}
