// A third catalog, for an invented accounting service, written from docs/catalog.md alone: times
// by case type, patterns, named hours, filing for client accounts and refused file types. It is
// checked clean, and each of those rules reads as the guide says.
mod common;

use case_core::attachment::check;
use case_core::catalog::ResponseTime::{self, BusinessDays, Hours, Minutes};
use case_core::field::Field;
use case_core::rules::Rules;
use case_core::validate::validate_step;
use case_core::{Answers, Catalog, Step};
use chrono::NaiveTime;
use common::file;

fn kumo() -> Catalog {
    Catalog::from_json(include_str!("fixtures/kumo-ledger-catalog.json"))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn time(c: &Catalog, plan: &str, case_type: &str, severity: &str) -> Option<ResponseTime> {
    Rules::new(c, plan)
        .severity(case_type, severity)
        .map(|o| o.response)
}

#[test]
fn the_catalog_is_clean() {
    assert_eq!(kumo().problems(), []);
}

#[test]
fn a_question_is_answered_sooner_about_billing_and_a_blocked_filing_sooner_still() {
    let c = kumo();
    assert_eq!(
        time(&c, "starter", "technical", "question"),
        Some(BusinessDays(2))
    );
    assert_eq!(
        time(&c, "starter", "billing", "question"),
        Some(BusinessDays(1))
    );
    assert_eq!(time(&c, "team", "billing", "question"), Some(Hours(4)));
    assert_eq!(time(&c, "partner", "billing", "question"), Some(Hours(8)));
    assert_eq!(time(&c, "starter", "technical", "blocked"), None);
    assert_eq!(time(&c, "team", "technical", "blocked"), Some(Hours(4)));
    assert_eq!(
        time(&c, "partner", "tax-filing", "blocked"),
        Some(Minutes(30))
    );
    // Billing offers only questions, whatever the plan.
    assert_eq!(time(&c, "partner", "billing", "blocked"), None);
}

#[test]
fn named_hours_apply_to_plans_case_types_and_the_english_team() {
    let c = kumo();
    let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
    let eight = NaiveTime::from_hms_opt(8, 0, 0).unwrap();
    let team = Rules::new(&c, "team");
    assert_eq!(team.business_hours("technical").unwrap().start, eight);
    assert_eq!(team.business_hours("billing").unwrap().start, nine);
    assert_eq!(
        Rules::new(&c, "starter")
            .language_team_hours("en")
            .unwrap()
            .start,
        nine
    );
    assert!(team.language_team_hours("en").is_none());
    assert_eq!(c.all_business_hours().len(), 2);
}

#[test]
fn only_partners_and_accountants_file_for_client_accounts() {
    let c = kumo();
    let accountant = vec!["accountant".to_owned()];
    assert!(Rules::new(&c, "partner").may_file_for_others());
    assert!(!Rules::new(&c, "team").may_file_for_others());
    assert!(Rules::new(&c, "team")
        .entitled(&accountant)
        .may_file_for_others());
}

#[test]
fn codes_are_checked_against_their_patterns() {
    let c = kumo();
    let rules = Rules::new(&c, "team");
    let errors = |service: &str, category: &str, field: &str, value: &str| {
        let mut a = Answers {
            case_type: if service == "subscription" {
                "billing"
            } else {
                "technical"
            }
            .into(),
            service: service.into(),
            category: category.into(),
            ..Answers::default()
        };
        a.fields.insert(field.into(), value.into());
        validate_step(&rules, &a, Step::Classification)
            .into_iter()
            .filter(|e| e.field == Field::Extra(field.into()))
            .map(|e| e.code.as_str())
            .collect::<Vec<_>>()
    };
    assert!(errors("ledger", "entries", "company_code", "KL-TK0042").is_empty());
    assert_eq!(
        errors("ledger", "entries", "company_code", "kl-tk0042"),
        ["error-pattern"]
    );
    assert!(errors(
        "subscription",
        "invoice",
        "invoice_number",
        "CRN-2026-00123"
    )
    .is_empty());
    assert_eq!(
        errors("subscription", "invoice", "invoice_number", "INV-26-123"),
        ["error-pattern"]
    );
    assert_eq!(
        errors("bank-sync", "failed-sync", "bank_code", "12345"),
        ["error-pattern-default"]
    );
}

#[test]
fn web_pages_and_pictures_in_svg_are_refused_beside_the_allowed_types() {
    let c = kumo();
    let rules = Rules::new(&c, "team").attachments(None);
    let refused = |name: &str, content_type: &str, leading: &[u8]| {
        check(rules, &[], &file(name, content_type, 100), leading).is_some()
    };
    assert!(refused("invoice.html", "text/html", b"<!doctype html>"));
    assert!(refused("logo.svg", "image/svg+xml", b"<svg xmlns="));
    assert!(refused("notes.txt.js", "text/plain", b"alert(1)"));
    assert!(!refused("notes.txt", "text/plain", b"a note"));
    assert!(!refused("receipt.png", "image/png", common::PNG));
}
