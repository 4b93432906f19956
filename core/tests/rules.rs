mod common;

use case_core::catalog::ResponseTime;
use case_core::rules::Rules;
use common::{catalog, severity_ids};

fn method_ids(rules: &Rules, case_type: &str) -> Vec<String> {
    rules
        .contact_methods(case_type, "")
        .iter()
        .map(|m| m.id.clone())
        .collect()
}

#[test]
fn aws_basic_plan_cannot_open_technical_cases() {
    let aws = catalog("aws");
    let basic = Rules::new(&aws, "basic");
    let technical = aws.case_type("technical").unwrap();
    assert!(!basic.case_type_allowed(technical));
    assert!(basic.case_type_allowed(aws.case_type("account-billing").unwrap()));
    assert!(Rules::new(&aws, "developer").case_type_allowed(technical));
}

#[test]
fn aws_severities_follow_the_plan() {
    let aws = catalog("aws");
    assert_eq!(
        severity_ids(&Rules::new(&aws, "developer"), "technical"),
        ["low", "normal"]
    );
    assert_eq!(
        severity_ids(&Rules::new(&aws, "business"), "technical"),
        ["low", "normal", "high", "urgent"]
    );
    assert_eq!(
        severity_ids(&Rules::new(&aws, "enterprise"), "technical"),
        ["low", "normal", "high", "urgent", "critical"]
    );
    assert_eq!(
        severity_ids(&Rules::new(&aws, "basic"), "account-billing"),
        ["low"]
    );
}

#[test]
fn aws_first_response_times_are_those_of_the_guide() {
    let aws = catalog("aws");
    let times = |plan| {
        Rules::new(&aws, plan)
            .severities("technical")
            .iter()
            .map(|o| o.response)
            .collect::<Vec<_>>()
    };
    use ResponseTime::*;
    assert_eq!(
        times("enterprise"),
        [Hours(24), Hours(12), Hours(4), Hours(1), Minutes(15)]
    );
    assert_eq!(times("enterprise-on-ramp")[4], Minutes(30));
}

#[test]
fn chat_and_phone_are_offered_for_billing_on_every_plan_and_technical_cases_from_business_up() {
    let aws = catalog("aws");
    assert_eq!(
        method_ids(&Rules::new(&aws, "basic"), "account-billing"),
        ["web", "chat", "phone"]
    );
    assert_eq!(
        method_ids(&Rules::new(&aws, "developer"), "technical"),
        ["web"]
    );
    assert_eq!(
        method_ids(&Rules::new(&aws, "business"), "technical"),
        ["web", "chat", "phone"]
    );
}

#[test]
fn developer_responses_run_in_business_hours() {
    let aws = catalog("aws");
    assert!(Rules::new(&aws, "developer")
        .business_hours("technical")
        .is_some());
    assert!(Rules::new(&aws, "business")
        .business_hours("technical")
        .is_none());
}

#[test]
fn akamai_business_and_billing_default_to_severity_3_and_phone_in_severity_1() {
    let akamai = catalog("akamai");
    let rules = Rules::new(&akamai, "standard");
    assert_eq!(rules.default_severity("business"), Some("3"));
    assert_eq!(rules.default_severity("billing"), Some("3"));
    assert_eq!(rules.default_severity("technical"), None);
    assert!(rules.severity("business", "1").unwrap().call_only);
    assert!(!rules.severity("technical", "1").unwrap().call_only);
    assert_eq!(akamai.support_phone.as_deref(), Some("+1-877-425-2832"));
}

#[test]
fn akamai_severities_are_1_to_3_with_plan_response_times() {
    let akamai = catalog("akamai");
    use ResponseTime::*;
    let times = |plan| {
        Rules::new(&akamai, plan)
            .severities("technical")
            .iter()
            .map(|o| o.response)
            .collect::<Vec<_>>()
    };
    assert_eq!(times("standard"), [Hours(2), Hours(4), BusinessDays(2)]);
    assert_eq!(times("priority"), [Hours(1), Hours(2), BusinessDays(1)]);
    assert_eq!(times("premium"), [Minutes(30), Hours(1), BusinessDays(1)]);
    assert_eq!(
        severity_ids(&Rules::new(&akamai, "premium"), "technical"),
        ["1", "2", "3"]
    );
}

#[test]
fn akamai_phone_callback_is_for_technical_cases_on_priority_and_premium() {
    let akamai = catalog("akamai");
    assert_eq!(
        method_ids(&Rules::new(&akamai, "standard"), "technical"),
        ["web", "email"]
    );
    assert_eq!(
        method_ids(&Rules::new(&akamai, "premium"), "technical"),
        ["web", "email", "phone"]
    );
    assert_eq!(
        method_ids(&Rules::new(&akamai, "premium"), "billing"),
        ["web", "email"]
    );
}

#[test]
fn attachment_limits_default_to_three_files_of_five_megabytes() {
    let aws = catalog("aws");
    let limits = Rules::new(&aws, "business").attachments(Some("technical"));
    assert_eq!((limits.max_files, limits.max_bytes), (3, 5 * 1024 * 1024));
}

#[test]
fn a_case_type_may_set_its_own_attachment_rules() {
    let aws = catalog("aws");
    let rules = Rules::new(&aws, "business");
    let billing = rules.attachments(Some("account-billing"));
    assert!(billing
        .allowed_types
        .as_ref()
        .unwrap()
        .contains(&"application/pdf".to_owned()));
    assert!(rules.attachments(Some("technical")).allowed_types.is_none());
    assert!(rules.attachments(None).allowed_types.is_none());
}

#[test]
fn notifying_others_is_offered_on_aws_business_enterprise_on_ramp_and_enterprise_only() {
    let aws = catalog("aws");
    let offered: Vec<&str> = aws
        .plans
        .iter()
        .filter(|p| Rules::new(&aws, &p.id).cc_offered())
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(offered, ["business", "enterprise-on-ramp", "enterprise"]);
    let akamai = catalog("akamai");
    assert!(akamai
        .plans
        .iter()
        .all(|p| Rules::new(&akamai, &p.id).cc_offered()));
}

fn notice_texts(
    rules: &Rules,
    step: case_core::Step,
    case_type: &str,
    severity: &str,
) -> Vec<String> {
    rules
        .notices(step, case_type, severity)
        .iter()
        .map(|n| n.text.get("en").to_owned())
        .collect()
}

#[test]
fn notices_show_at_their_step_for_the_plans_they_concern() {
    use case_core::Step;
    let aws = catalog("aws");
    let severity = notice_texts(
        &Rules::new(&aws, "developer"),
        Step::Severity,
        "technical",
        "",
    );
    assert_eq!(severity.len(), 3, "{severity:?}");
    assert!(severity[0].starts_with("Severity can't be changed"));
    assert!(severity[1].starts_with("Response times are for the first response"));
    assert!(severity[2].contains("business hours"));
    let business = notice_texts(
        &Rules::new(&aws, "business"),
        Step::Severity,
        "technical",
        "",
    );
    assert!(business[2].contains("third-party issues"), "{business:?}");
    assert!(notice_texts(
        &Rules::new(&aws, "developer"),
        Step::Contact,
        "technical",
        "low"
    )
    .is_empty());
    let akamai = catalog("akamai");
    let email = |plan| notice_texts(&Rules::new(&akamai, plan), Step::Contact, "technical", "2");
    assert_eq!(
        email("premium"),
        ["Support requests sent by e-mail are treated as severity 3, whatever severity they state."]
    );
    assert_eq!(email("standard").len(), 1);
    assert!(email("priority").is_empty());
}

#[test]
fn a_notice_for_some_severities_shows_only_once_one_of_them_is_chosen() {
    use case_core::Step;
    let mut akamai = catalog("akamai");
    // Only the notice that the contract takes precedence, narrowed to severity 1: the catalog's
    // own notices for single severities would show beside it.
    akamai.notices.truncate(1);
    akamai.notices[0].scope.severities = Some(vec!["1".into()]);
    let rules = Rules::new(&akamai, "premium");
    assert!(notice_texts(&rules, Step::Severity, "technical", "").is_empty());
    assert!(notice_texts(&rules, Step::Severity, "technical", "2").is_empty());
    assert_eq!(
        notice_texts(&rules, Step::Severity, "technical", "1").len(),
        1
    );
}

#[test]
fn severity_1_on_akamai_premium_must_be_called_in_whatever_the_case_type() {
    let akamai = catalog("akamai");
    let call_only = |plan: &str, case_type: &str| -> Vec<String> {
        Rules::new(&akamai, plan)
            .severities(case_type)
            .iter()
            .filter(|o| o.call_only)
            .map(|o| o.severity.id.clone())
            .collect()
    };
    assert_eq!(call_only("premium", "technical"), ["1"]);
    assert!(call_only("priority", "technical").is_empty());
    assert!(call_only("standard", "technical").is_empty());
    // Business and billing cases are called in at severity 1 on every plan.
    assert_eq!(call_only("priority", "business"), ["1"]);
}
