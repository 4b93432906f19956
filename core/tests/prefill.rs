mod common;

use case_core::draft::OnBehalfOf;
use case_core::prefill::Account;
use case_core::rules::Rules;
use case_core::{Answers, Catalog, Field, Prefill};
use common::catalog;

fn attributes(pairs: &[(&str, &str)]) -> Prefill {
    Prefill::from_attributes(|name| {
        pairs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.to_string())
    })
}

/// A page supplying a whole EC2 technical case, a phone and the signed-in user.
fn ec2_page(locked: &str) -> Prefill {
    attributes(&[
        ("case-type", "technical"),
        ("service", "ec2"),
        ("category", "connectivity"),
        ("phone-country", "JP"),
        ("phone", "03-1234-5678"),
        ("name", "Ada"),
        ("email", "ada@example.com"),
        ("locked", locked),
    ])
}

fn business(aws: &Catalog) -> Rules<'_> {
    Rules::new(aws, "business")
}

/// A new draft for `page` on the AWS Business plan.
fn blank(page: &Prefill) -> Answers {
    page.blank_answers(&business(&catalog("aws")))
}

/// `answers` after the page's later `prefill()` call, on the AWS Business plan.
fn prefilled_later(page: &Prefill, mut answers: Answers, later: Prefill) -> Answers {
    page.allow(later)
        .apply(&mut answers, &business(&catalog("aws")), false);
    answers
}

/// A draft the customer wrote on another visit: an S3 case, called back in Korea.
fn restored_draft() -> Answers {
    Answers {
        case_type: "technical".into(),
        service: "s3".into(),
        category: "performance".into(),
        subject: "Slow reads".into(),
        phone_country: "KR".into(),
        phone_number: "02-123-4567".into(),
        name: "Grace".into(),
        email: "grace@example.com".into(),
        ..Answers::default()
    }
}

#[test]
fn the_locked_attribute_locks_case_type_service_category_and_the_whole_phone() {
    assert_eq!(
        Prefill::locks_from("case-type service category phone"),
        [
            Field::CaseType,
            Field::Service,
            Field::Category,
            Field::PhoneCountry,
            Field::PhoneNumber
        ]
    );
    assert_eq!(
        Prefill::locks_from("  phone\tphone  "),
        [Field::PhoneCountry, Field::PhoneNumber]
    );
}

#[test]
fn other_words_in_the_locked_attribute_lock_nothing() {
    assert!(Prefill::locks_from("").is_empty());
    assert!(Prefill::locks_from("name email case_type severity Service phone-country").is_empty());
}

#[test]
fn only_what_is_locked_is_locked() {
    let page = ec2_page("service phone");
    assert!(page.is_locked(&Field::Service));
    assert!(page.is_locked(&Field::PhoneCountry) && page.is_locked(&Field::PhoneNumber));
    assert!(!page.is_locked(&Field::CaseType) && !page.is_locked(&Field::Category));
    assert!(!page.is_locked(&Field::Name) && !page.is_locked(&Field::Email));
}

#[test]
fn the_attributes_supply_what_they_say_and_an_empty_one_supplies_nothing() {
    let page = attributes(&[("case-type", "technical"), ("service", ""), ("name", "Ada")]);
    assert_eq!(
        page,
        Prefill {
            case_type: Some("technical".into()),
            name: Some("Ada".into()),
            ..Prefill::default()
        }
    );
}

#[test]
fn a_locked_case_type_is_the_one_the_page_names() {
    assert_eq!(ec2_page("case-type").locked_case_type(), Some("technical"));
    assert_eq!(ec2_page("service").locked_case_type(), None);
}

#[test]
fn a_case_type_locked_without_one_named_holds_the_customer_to_none() {
    let page = attributes(&[("locked", "case-type")]);
    assert_eq!(page.locked_case_type(), Some(""));
}

#[test]
fn a_new_draft_takes_everything_the_page_supplies() {
    let answers = blank(&ec2_page(""));
    assert_eq!(
        answers,
        Answers {
            case_type: "technical".into(),
            service: "ec2".into(),
            category: "connectivity".into(),
            phone_country: "JP".into(),
            phone_number: "03-1234-5678".into(),
            name: "Ada".into(),
            email: "ada@example.com".into(),
            ..Answers::default()
        }
    );
}

#[test]
fn a_page_that_supplies_nothing_starts_a_blank_draft() {
    assert_eq!(blank(&Prefill::default()), Answers::default());
}

#[test]
fn a_prefilled_case_type_brings_its_default_severity_as_choosing_it_does() {
    let akamai = catalog("akamai");
    let page = attributes(&[("case-type", "business")]);
    let answers = page.blank_answers(&Rules::new(&akamai, "premium"));
    assert_eq!(answers.severity, "3");
}

#[test]
fn a_blank_draft_is_an_empty_draft_with_the_prefill_applied() {
    let aws = catalog("aws");
    let page = ec2_page("case-type");
    let mut applied = Answers::default();
    page.apply(&mut applied, &business(&aws), false);
    assert_eq!(page.blank_answers(&business(&aws)), applied);
}

#[test]
fn a_restored_draft_keeps_its_answers_but_for_the_locked_ones_and_the_contact_details() {
    let aws = catalog("aws");
    let mut answers = restored_draft();
    ec2_page("").apply(&mut answers, &business(&aws), true);
    assert_eq!(
        answers,
        Answers {
            name: "Ada".into(),
            email: "ada@example.com".into(),
            ..restored_draft()
        }
    );
}

#[test]
fn a_restored_draft_takes_the_locked_answers() {
    let aws = catalog("aws");
    let mut answers = restored_draft();
    ec2_page("service phone").apply(&mut answers, &business(&aws), true);
    assert_eq!(answers.service, "ec2");
    assert_eq!(answers.category, "", "a new service drops the old category");
    assert_eq!(answers.subject, "Slow reads");
    assert_eq!(
        (
            answers.phone_country.as_str(),
            answers.phone_number.as_str()
        ),
        ("JP", "03-1234-5678")
    );
}

#[test]
fn a_restored_draft_keeps_its_contact_details_when_the_page_gives_none() {
    let aws = catalog("aws");
    let mut answers = restored_draft();
    attributes(&[("locked", "case-type")]).apply(&mut answers, &business(&aws), true);
    assert_eq!(answers, restored_draft());
}

#[test]
fn a_service_the_case_type_does_not_offer_is_left_out() {
    let page = attributes(&[
        ("case-type", "account-billing"),
        ("service", "ec2"),
        ("category", "connectivity"),
    ]);
    let answers = blank(&page);
    assert_eq!(answers.case_type, "account-billing");
    assert_eq!(
        (answers.service.as_str(), answers.category.as_str()),
        ("", "")
    );
}

#[test]
fn a_category_the_service_does_not_have_is_left_out() {
    let page = attributes(&[
        ("case-type", "technical"),
        ("service", "s3"),
        ("category", "connectivity"),
    ]);
    let answers = blank(&page);
    assert_eq!(
        (answers.service.as_str(), answers.category.as_str()),
        ("s3", "")
    );
}

#[test]
fn a_later_prefill_changes_the_answers_that_are_not_locked() {
    let page = attributes(&[("locked", "")]);
    let later = Prefill {
        case_type: Some("technical".into()),
        service: Some("rds".into()),
        category: Some("backup-restore".into()),
        phone_country: Some("US".into()),
        phone: Some("212 555 0100".into()),
        name: Some("Ada".into()),
        email: Some("ada@example.com".into()),
        locked: Vec::new(),
        accounts: None,
    };
    let answers = prefilled_later(&page, blank(&page), later);
    assert_eq!(
        answers,
        Answers {
            case_type: "technical".into(),
            service: "rds".into(),
            category: "backup-restore".into(),
            phone_country: "US".into(),
            phone_number: "212 555 0100".into(),
            name: "Ada".into(),
            email: "ada@example.com".into(),
            ..Answers::default()
        }
    );
}

#[test]
fn a_later_prefill_leaves_locked_answers_as_the_page_set_them() {
    let page = ec2_page("case-type service phone");
    let later = Prefill {
        case_type: Some("account-billing".into()),
        service: Some("s3".into()),
        phone_country: Some("US".into()),
        phone: Some("212 555 0100".into()),
        ..Prefill::default()
    };
    let allowed = page.allow(later.clone());
    assert_eq!(
        [
            allowed.case_type,
            allowed.service,
            allowed.phone_country,
            allowed.phone
        ],
        [None, None, None, None]
    );
    assert_eq!(prefilled_later(&page, blank(&page), later), blank(&page));
}

#[test]
fn a_later_prefill_leaves_the_name_and_email_the_attributes_give() {
    let page = ec2_page("");
    let later = Prefill {
        name: Some("Mallory".into()),
        email: Some("".into()),
        ..Prefill::default()
    };
    let answers = prefilled_later(&page, blank(&page), later);
    assert_eq!(
        (answers.name.as_str(), answers.email.as_str()),
        ("Ada", "ada@example.com")
    );
}

#[test]
fn a_later_prefill_may_empty_a_name_or_email_the_attributes_do_not_give() {
    let later = Prefill {
        name: Some(String::new()),
        ..Prefill::default()
    };
    let answers = prefilled_later(&Prefill::default(), restored_draft(), later);
    assert_eq!(answers.name, "");
    assert_eq!(
        answers.email, "grace@example.com",
        "left out, left as it is"
    );
}

#[test]
fn a_later_prefill_puts_in_only_what_it_names_not_the_attributes_again() {
    let page = ec2_page("");
    // The customer moved on from the page's EC2 case to S3.
    let mut answers = blank(&page);
    answers.set_service("s3");
    answers.set_category("performance");
    let later = Prefill {
        phone: Some("03-9876-5432".into()),
        ..Prefill::default()
    };
    let answers = prefilled_later(&page, answers, later);
    assert_eq!(
        (answers.service.as_str(), answers.category.as_str()),
        ("s3", "performance")
    );
    assert_eq!(answers.phone_number, "03-9876-5432");
}

#[test]
fn an_empty_choice_in_a_later_prefill_changes_nothing() {
    let later = Prefill {
        case_type: Some(String::new()),
        service: Some(String::new()),
        phone: Some(String::new()),
        ..Prefill::default()
    };
    let answers = prefilled_later(&Prefill::default(), restored_draft(), later);
    assert_eq!(answers, restored_draft());
}

#[test]
fn a_locked_category_is_not_put_in_again_under_a_service_chosen_later() {
    // RDS has a category with the locked one's id too.
    let page = ec2_page("category");
    let later = Prefill {
        service: Some("rds".into()),
        ..Prefill::default()
    };
    let answers = prefilled_later(&page, blank(&page), later);
    assert_eq!(
        (answers.service.as_str(), answers.category.as_str()),
        ("rds", "")
    );
}

#[test]
fn the_accounts_attribute_lists_the_accounts_a_user_may_file_for() {
    let page = attributes(&[(
        "accounts",
        r#"[{"id": "acme-jp", "name": "ACME Japan"}, {"id": "beta"}, {"id": " "}]"#,
    )]);
    let accounts = page.accounts.clone().unwrap();
    let labels: Vec<String> = accounts.iter().map(|a| a.label()).collect();
    assert_eq!(labels, ["ACME Japan (acme-jp)", "beta"]);
    assert_eq!(attributes(&[("accounts", "not json")]).accounts, None);
}

#[test]
fn a_case_is_kept_for_an_account_only_while_the_page_lists_it() {
    let page = attributes(&[("accounts", r#"[{"id": "acme-jp", "name": "ACME Japan"}]"#)]);
    let mut answers = blank(&page);
    answers.on_behalf_of = Some(OnBehalfOf {
        account: "acme-jp".into(),
        name: "ACME Japan".into(),
        customer_may_see: false,
    });
    // A later prefill() without accounts keeps the list, so the choice stays.
    let later = Prefill {
        name: Some("Ada".into()),
        ..Prefill::default()
    };
    let kept = prefilled_later(&page, answers.clone(), later);
    assert_eq!(kept.on_behalf_of, answers.on_behalf_of);
    // One that lists other accounts drops it.
    let later = Prefill {
        accounts: Some(vec![Account {
            id: "beta".into(),
            name: String::new(),
        }]),
        ..Prefill::default()
    };
    let dropped = prefilled_later(&page, answers.clone(), later);
    assert_eq!(dropped.on_behalf_of, None);
    // A draft restored on a page that lists no accounts is for the user's own account.
    let mut restored = answers;
    attributes(&[]).apply(
        &mut restored,
        &Rules::new(&catalog("aws"), "business"),
        true,
    );
    assert_eq!(restored.on_behalf_of, None);
}
