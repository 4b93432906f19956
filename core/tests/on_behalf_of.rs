// Filing for another account only where the catalog's `on_behalf_of` lets the customer: by plan
// or by an entitlement the page grants; everyone where the catalog says nothing.
mod common;

use case_core::catalog::Problem;
use case_core::draft::OnBehalfOf;
use case_core::field::Field;
use case_core::prefill::{Account, Prefill};
use case_core::rules::Rules;
use case_core::validate::validate_all;
use case_core::{Catalog, CatalogError};
use serde_json::json;

fn minimal() -> serde_json::Value {
    serde_json::from_str(include_str!("fixtures/minimal-catalog.json")).unwrap()
}

/// The minimal catalog with a second plan, `pro`, and the rule given.
fn with_rule(rule: serde_json::Value) -> Catalog {
    let mut json = minimal();
    json["plans"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "id": "pro", "label": { "en": "Pro", "ja": "Pro" } }));
    json["severities"][0]["response"]["pro"] = json!({ "hours": 4 });
    json["on_behalf_of"] = rule;
    Catalog::from_json(&json.to_string()).unwrap()
}

#[test]
fn the_rule_lets_its_plans_and_entitlements_and_no_one_else() {
    let c = with_rule(json!({ "plans": ["pro"], "entitlements": ["partner"] }));
    let partner = vec!["partner".to_owned()];
    assert!(Rules::new(&c, "pro").may_file_for_others());
    assert!(!Rules::new(&c, "basic").may_file_for_others());
    assert!(Rules::new(&c, "basic")
        .entitled(&partner)
        .may_file_for_others());
    let nobody = with_rule(json!({}));
    assert!(!Rules::new(&nobody, "pro")
        .entitled(&partner)
        .may_file_for_others());
}

#[test]
fn the_shipped_catalogs_let_every_plan_as_before() {
    for name in ["aws", "akamai"] {
        let c = common::catalog(name);
        assert_eq!(c.on_behalf_of, None, "{name}");
        for plan in &c.plans {
            assert!(Rules::new(&c, &plan.id).may_file_for_others(), "{name}");
        }
    }
}

#[test]
fn a_case_for_another_account_is_refused_where_the_rule_does_not_let_the_customer() {
    let c = with_rule(json!({ "plans": ["pro"] }));
    let mut answers = common::aws_technical();
    answers.on_behalf_of = Some(OnBehalfOf {
        account: "acme-jp".into(),
        name: "ACME Japan".into(),
        customer_may_see: true,
    });
    let refused = |plan| {
        validate_all(&Rules::new(&c, plan), &answers)
            .iter()
            .any(|e| e.field == Field::OnBehalfOf)
    };
    assert!(refused("basic"));
    assert!(!refused("pro"));
}

#[test]
fn a_pages_accounts_are_not_taken_where_the_rule_does_not_let_the_customer() {
    let c = with_rule(json!({ "plans": ["pro"] }));
    let prefill = Prefill {
        accounts: Some(vec![Account {
            id: "acme-jp".into(),
            name: "ACME Japan".into(),
        }]),
        ..Prefill::default()
    };
    for (plan, kept) in [("basic", false), ("pro", true)] {
        let mut answers = common::aws_technical();
        answers.on_behalf_of = Some(OnBehalfOf {
            account: "acme-jp".into(),
            name: "ACME Japan".into(),
            customer_may_see: true,
        });
        prefill.apply(&mut answers, &Rules::new(&c, plan), false);
        assert_eq!(answers.on_behalf_of.is_some(), kept, "{plan}");
    }
}

#[test]
fn a_rule_naming_an_undefined_plan_is_a_problem() {
    let mut json = minimal();
    json["on_behalf_of"] = json!({ "plans": ["gold"] });
    let problems: Vec<Problem> = match Catalog::from_json(&json.to_string()) {
        Err(CatalogError::Inconsistent(p)) => p,
        other => panic!("{other:?}"),
    };
    assert!(problems
        .iter()
        .any(|p| p.path == "on_behalf_of.plans" && p.value == "gold"));
}
