// The shipped Akamai catalog against Akamai's support guide: the SLA table's nine support types
// and its footnotes, the severity tables of each case type, and the contacts the guide gives.
mod common;

use case_core::catalog::{ResponseTime, TimeTerm};
use case_core::rules::Rules;
use case_core::Step;
use common::{catalog, severity_ids};
use ResponseTime::*;

/// The SLA table, row by row: support type, then severity 1, 2 and 3.
const SLA: [(&str, [ResponseTime; 3]); 9] = [
    ("premium-3", [Minutes(15), Hours(1), BusinessDays(1)]),
    ("premium", [Minutes(30), Hours(1), BusinessDays(1)]),
    ("advanced", [Minutes(30), Hours(2), BusinessDays(1)]),
    ("named-enhanced", [Minutes(30), Hours(2), BusinessDays(1)]),
    ("plus", [Hours(1), Hours(2), BusinessDays(1)]),
    (
        "priority-enhanced",
        [Minutes(30), Hours(2), BusinessDays(1)],
    ),
    ("priority", [Hours(1), Hours(2), BusinessDays(1)]),
    (
        "standard-enhanced",
        [Minutes(30), Hours(2), BusinessDays(1)],
    ),
    ("standard", [Hours(2), Hours(4), BusinessDays(2)]),
];

/// Footnote 1, "Request must be opened via phone", marks severity 1 of these rows.
const FOOTNOTE_1: [&str; 4] = [
    "premium-3",
    "premium",
    "named-enhanced",
    "standard-enhanced",
];

/// Footnote 2, "All Support Requests reported via e-mail will be considered as Severity 3".
const FOOTNOTE_2: [&str; 3] = ["premium", "standard-enhanced", "standard"];

const AKATEC: &str = "+1 877-425-2832";

fn call_only(rules: &Rules, case_type: &str) -> Vec<String> {
    rules
        .severities(case_type)
        .iter()
        .filter(|o| o.call_only)
        .map(|o| o.severity.id.clone())
        .collect()
}

fn plan_ids() -> Vec<String> {
    catalog("akamai").plans.into_iter().map(|p| p.id).collect()
}

#[test]
fn the_plans_are_the_nine_support_types_of_the_sla_table() {
    let mut plans = plan_ids();
    let mut table: Vec<String> = SLA.iter().map(|(p, _)| p.to_string()).collect();
    plans.sort();
    table.sort();
    assert_eq!(plans, table);
    let akamai = catalog("akamai");
    let label = |id| akamai.plan(id).unwrap().label.get("en").to_owned();
    assert_eq!(label("premium-3"), "Premium 3.0");
    assert_eq!(label("premium"), "Premium and Premium 2.0");
    assert_eq!(label("named-enhanced"), "Named Enhanced Support");
    assert_eq!(label("priority-enhanced"), "Priority with Enhanced SLA");
    assert_eq!(label("standard-enhanced"), "Standard with Enhanced SLA");
}

#[test]
fn technical_severities_and_times_on_every_plan_are_the_sla_tables() {
    let akamai = catalog("akamai");
    for (plan, times) in SLA {
        let rules = Rules::new(&akamai, plan);
        assert_eq!(severity_ids(&rules, "technical"), ["1", "2", "3"], "{plan}");
        let offered: Vec<ResponseTime> = rules
            .severities("technical")
            .iter()
            .map(|o| o.response)
            .collect();
        assert_eq!(offered, times, "{plan}");
    }
}

#[test]
fn business_billing_and_managed_security_share_the_technical_severities_and_times() {
    let akamai = catalog("akamai");
    for (plan, times) in SLA {
        let rules = Rules::new(&akamai, plan);
        for case_type in ["business", "billing", "managed-security"] {
            let offered: Vec<(String, ResponseTime)> = rules
                .severities(case_type)
                .iter()
                .map(|o| (o.severity.id.clone(), o.response))
                .collect();
            let expected: Vec<(String, ResponseTime)> = ["1", "2", "3"]
                .iter()
                .map(|s| s.to_string())
                .zip(times)
                .collect();
            assert_eq!(offered, expected, "{plan} {case_type}");
        }
    }
}

#[test]
fn severity_1_is_call_only_exactly_on_the_plans_of_footnote_1() {
    let akamai = catalog("akamai");
    for plan in plan_ids() {
        let rules = Rules::new(&akamai, &plan);
        let expected: &[&str] = if FOOTNOTE_1.contains(&plan.as_str()) {
            &["1"]
        } else {
            &[]
        };
        assert_eq!(call_only(&rules, "technical"), expected, "{plan}");
    }
    assert_eq!(akamai.support_phone.as_deref(), Some("+1-877-425-2832"));
}

#[test]
fn severity_1_reported_through_technical_support_on_advanced_and_plus_is_filed_online_with_the_number(
) {
    let akamai = catalog("akamai");
    for plan in ["advanced", "plus"] {
        let rules = Rules::new(&akamai, plan);
        assert!(
            !rules.severity("technical", "1").unwrap().call_only,
            "{plan}"
        );
        let notices = rules.notices(Step::Severity, "technical", "1");
        let through = notices
            .iter()
            .find(|n| {
                n.text
                    .get("en")
                    .contains("reported through Akamai Technical Support")
            })
            .unwrap_or_else(|| panic!("{plan}: {notices:?}"));
        assert_eq!(through.phones[0].number, AKATEC);
        assert_eq!(through.phones[0].label.as_deref(), Some("1-877-4-AKATEC"));
    }
    for plan in ["priority", "standard", "premium"] {
        let rules = Rules::new(&akamai, plan);
        let notices = rules.notices(Step::Severity, "technical", "1");
        assert!(
            notices
                .iter()
                .all(|n| !n.text.get("en").contains("reported through")),
            "{plan}"
        );
    }
}

#[test]
fn severities_1_and_2_recommend_calling_akatec_where_they_may_be_filed_online() {
    let akamai = catalog("akamai");
    let calls = |plan: &str, case_type: &str, severity: &str| {
        Rules::new(&akamai, plan)
            .notices(Step::Severity, case_type, severity)
            .iter()
            .any(|n| n.phones.iter().any(|p| p.number == AKATEC))
    };
    for plan in plan_ids() {
        for case_type in ["technical", "business", "billing", "managed-security"] {
            assert!(calls(&plan, case_type, "2"), "{plan} {case_type} 2");
        }
        // Severity 1 on the plans of footnote 1 shows the call-only callout instead.
        let online = !FOOTNOTE_1.contains(&plan.as_str());
        assert_eq!(calls(&plan, "technical", "1"), online, "{plan}");
    }
    assert!(!calls("standard", "technical", "3"));
}

#[test]
fn business_and_billing_default_to_3_and_managed_security_to_2_with_severity_1_called_in_on_every_plan(
) {
    let akamai = catalog("akamai");
    for plan in plan_ids() {
        let rules = Rules::new(&akamai, &plan);
        assert_eq!(rules.default_severity("business"), Some("3"), "{plan}");
        assert_eq!(rules.default_severity("billing"), Some("3"), "{plan}");
        assert_eq!(
            rules.default_severity("managed-security"),
            Some("2"),
            "{plan}"
        );
        assert_eq!(rules.default_severity("technical"), None, "{plan}");
        for case_type in ["business", "billing", "managed-security"] {
            assert_eq!(call_only(&rules, case_type), ["1"], "{plan} {case_type}");
        }
    }
}

#[test]
fn business_and_billing_are_worked_monday_to_friday() {
    use chrono::Weekday::*;
    let akamai = catalog("akamai");
    for plan in plan_ids() {
        let rules = Rules::new(&akamai, &plan);
        for case_type in ["business", "billing"] {
            let hours = rules.business_hours(case_type).unwrap();
            assert_eq!(hours.days, [Mon, Tue, Wed, Thu, Fri], "{plan} {case_type}");
        }
        assert!(rules.business_hours("technical").is_none(), "{plan}");
    }
}

#[test]
fn emerging_products_offer_four_severities_with_no_stated_time() {
    let akamai = catalog("akamai");
    for plan in plan_ids() {
        let rules = Rules::new(&akamai, &plan);
        let offered = rules.severities("emerging");
        let ids: Vec<&str> = offered.iter().map(|o| o.severity.id.as_str()).collect();
        assert_eq!(
            ids,
            ["emerging-1", "emerging-2", "emerging-3", "emerging-4"],
            "{plan}"
        );
        assert!(offered.iter().all(|o| o.response == Unstated), "{plan}");
        assert!(offered.iter().all(|o| !o.call_only), "{plan}");
        let labels: Vec<&str> = offered.iter().map(|o| o.severity.label.get("en")).collect();
        assert_eq!(
            labels,
            [
                "1 - Critical impact",
                "2 - Major impact",
                "3 - Moderate impact",
                "4 - Low impact"
            ]
        );
    }
}

#[test]
fn emerging_products_give_their_e_mail_at_every_level_and_their_phones_for_critical_issues() {
    let akamai = catalog("akamai");
    let rules = Rules::new(&akamai, "standard");
    for severity in ["", "emerging-1", "emerging-2", "emerging-3", "emerging-4"] {
        let notices = rules.notices(Step::Severity, "emerging", severity);
        assert!(
            notices
                .iter()
                .any(|n| n.email.as_deref() == Some("epe-support@akamai.com")),
            "{severity}"
        );
        let phones: Vec<(&str, Option<&str>)> = notices
            .iter()
            .flat_map(|n| &n.phones)
            .map(|p| (p.number.as_str(), p.label.as_deref()))
            .collect();
        if severity == "emerging-1" {
            assert_eq!(
                phones,
                [
                    ("+1-855-625-2624", Some("1-855-6-AKAMAI")),
                    ("+1-617-444-4605", None)
                ]
            );
        } else {
            assert!(phones.is_empty(), "{severity}: {phones:?}");
        }
    }
}

#[test]
fn aura_times_are_initial_contact_within_30_minutes_2_hours_and_1_business_day() {
    let akamai = catalog("akamai");
    for plan in plan_ids() {
        let rules = Rules::new(&akamai, &plan);
        assert_eq!(rules.time_term("aura"), TimeTerm::InitialContact);
        assert_eq!(rules.time_term("technical"), TimeTerm::FirstResponse);
        let offered: Vec<(String, ResponseTime)> = rules
            .severities("aura")
            .iter()
            .map(|o| (o.severity.id.clone(), o.response))
            .collect();
        assert_eq!(
            offered,
            [
                ("aura-1".to_owned(), Minutes(30)),
                ("aura-2".to_owned(), Hours(2)),
                ("aura-3".to_owned(), BusinessDays(1))
            ],
            "{plan}"
        );
        assert!(call_only(&rules, "aura").is_empty(), "{plan}");
    }
}

#[test]
fn the_e_mail_notice_of_footnote_2_shows_on_exactly_those_plans() {
    let akamai = catalog("akamai");
    for plan in plan_ids() {
        let rules = Rules::new(&akamai, &plan);
        for case_type in ["technical", "business", "billing", "managed-security"] {
            let shown = rules
                .notices(Step::Contact, case_type, "2")
                .iter()
                .any(|n| {
                    n.text
                        .get("en")
                        .contains("sent by e-mail are treated as severity 3")
                });
            assert_eq!(
                shown,
                FOOTNOTE_2.contains(&plan.as_str()),
                "{plan} {case_type}"
            );
        }
    }
}

#[test]
fn severity_definitions_are_worded_as_in_the_guide() {
    let akamai = catalog("akamai");
    let definition = |id| {
        akamai
            .severity(id)
            .unwrap()
            .description
            .as_ref()
            .unwrap()
            .get("en")
            .to_owned()
    };
    assert!(definition("1").starts_with(
        "Akamai system or major application is down or seriously impacted and there is no reasonable workaround currently available."
    ));
    assert!(definition("2").contains("a single incidence of failure is reported"));
    assert!(definition("3").starts_with("Routine maintenance, configuration change requests"));
    assert!(definition("emerging-1").starts_with("An existing network or environment is down"));
    assert!(
        definition("emerging-4").contains("Software capabilities, installation, or configuration")
    );
    assert!(definition("aura-1").starts_with("Critical Service Impact - Catastrophic impact"));
    assert!(definition("aura-2").contains("loss of redundancy"));
    assert!(definition("aura-3").contains("clarification of documentation"));
}

#[test]
fn every_plan_offers_the_guides_case_types() {
    let akamai = catalog("akamai");
    for plan in plan_ids() {
        let rules = Rules::new(&akamai, &plan);
        let offered: Vec<&str> = akamai
            .case_types
            .iter()
            .filter(|t| rules.case_type_allowed(t))
            .map(|t| t.id.as_str())
            .collect();
        assert_eq!(
            offered,
            [
                "technical",
                "business",
                "billing",
                "managed-security",
                "emerging",
                "aura"
            ],
            "{plan}"
        );
    }
}

#[test]
fn professional_services_are_offered_only_where_the_page_grants_the_contracts_entitlement() {
    let akamai = common::catalog("akamai");
    let consulting = akamai.case_type("professional-services").unwrap();
    let granted = ["professional-services".to_owned()];
    for plan in akamai.plans.iter().map(|p| p.id.as_str()) {
        let rules = case_core::rules::Rules::new(&akamai, plan);
        assert!(
            !rules.case_type_allowed(consulting),
            "{plan} without the entitlement"
        );
        assert!(
            rules.entitled(&granted).case_type_allowed(consulting),
            "{plan}"
        );
    }
}
