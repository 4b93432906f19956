// The shipped AWS catalog against the AWS support guides: severities and their times by plan
// and case type, contact methods and languages, the language teams' hours and holidays, third-
// party software support, prompts and the guides' links.
mod common;

use case_core::catalog::{Catalog, ResponseTime};
use case_core::deadline::{self, Clocks};
use case_core::rules::Rules;
use case_core::Step;
use chrono::{NaiveDate, NaiveTime, Weekday};
use common::{catalog, tz_database, utc};
use ResponseTime::{Hours, Minutes, Unstated};

const PLANS: [&str; 5] = [
    "basic",
    "developer",
    "business",
    "enterprise-on-ramp",
    "enterprise",
];
const LANGUAGES: [&str; 4] = ["en", "ja", "ko", "zh"];

fn aws() -> Catalog {
    catalog("aws")
}

/// Each severity the plan may choose for the case type, with its time.
fn severities(aws: &Catalog, plan: &str, case_type: &str) -> Vec<(String, ResponseTime)> {
    Rules::new(aws, plan)
        .severities(case_type)
        .iter()
        .map(|o| (o.severity.id.clone(), o.response))
        .collect()
}

fn pairs(list: &[(&str, ResponseTime)]) -> Vec<(String, ResponseTime)> {
    list.iter().map(|(id, r)| (id.to_string(), *r)).collect()
}

fn methods(aws: &Catalog, plan: &str, case_type: &str) -> Vec<String> {
    Rules::new(aws, plan)
        .contact_methods(case_type, "")
        .iter()
        .map(|m| m.id.clone())
        .collect()
}

fn languages(aws: &Catalog, plan: &str, case_type: &str) -> Vec<String> {
    Rules::new(aws, plan)
        .contact_languages(case_type, "")
        .iter()
        .map(|l| l.id.clone())
        .collect()
}

fn notices(aws: &Catalog, plan: &str, case_type: &str) -> Vec<String> {
    Rules::new(aws, plan)
        .notices(Step::Severity, case_type, "")
        .iter()
        .map(|n| n.text.get("en").to_owned())
        .collect()
}

/// A customer in New York: the language teams keep their own clocks all the same.
fn clocks_in_new_york() -> Clocks<'static> {
    Clocks {
        account_zone: None,
        customer_zone: "America/New_York",
        lookup: tz_database,
    }
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn account_and_billing_severities_and_times_per_plan_are_the_billing_examples() {
    let aws = aws();
    let paid = [("low", Hours(24)), ("normal", Hours(12))];
    let business = [
        ("low", Hours(24)),
        ("normal", Hours(12)),
        ("high", Hours(4)),
        ("urgent", Hours(1)),
    ];
    let on_ramp = [&business[..], &[("critical", Minutes(30))]].concat();
    let enterprise = [&business[..], &[("critical", Minutes(15))]].concat();
    assert_eq!(
        severities(&aws, "developer", "account-billing"),
        pairs(&paid)
    );
    assert_eq!(
        severities(&aws, "business", "account-billing"),
        pairs(&business)
    );
    assert_eq!(
        severities(&aws, "enterprise-on-ramp", "account-billing"),
        pairs(&on_ramp)
    );
    assert_eq!(
        severities(&aws, "enterprise", "account-billing"),
        pairs(&enterprise)
    );
    let labels: Vec<&str> = aws.severities.iter().map(|s| s.label.get("en")).collect();
    assert_eq!(
        labels,
        [
            "General guidance",
            "System impaired",
            "Production system impaired",
            "Production system down",
            "Business-critical system down"
        ]
    );
}

#[test]
fn basic_is_offered_general_guidance_with_no_time_promised() {
    let aws = aws();
    for case_type in ["account-billing", "service-limit-increase"] {
        assert_eq!(
            severities(&aws, "basic", case_type),
            pairs(&[("low", Unstated)]),
            "{case_type}"
        );
    }
    let now = utc("2026-11-24T09:00:00Z");
    let hours = Rules::new(&aws, "basic").business_hours("account-billing");
    assert_eq!(deadline::first_response_by(now, Unstated, hours), None);
    // Nor does a notice speak of response times to a plan that has none.
    assert_eq!(
        notices(&aws, "basic", "account-billing"),
        ["Severity can't be changed after the case is created. If your situation changes, work with the AWS Support agent."]
    );
}

#[test]
fn technical_severities_follow_the_severity_table() {
    let aws = aws();
    let ids = |plan| -> Vec<String> {
        severities(&aws, plan, "technical")
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    };
    assert!(!Rules::new(&aws, "basic").case_type_allowed(aws.case_type("technical").unwrap()));
    assert_eq!(ids("developer"), ["low", "normal"]);
    assert_eq!(ids("business"), ["low", "normal", "high", "urgent"]);
    assert_eq!(
        ids("enterprise-on-ramp"),
        ["low", "normal", "high", "urgent", "critical"]
    );
    assert_eq!(
        ids("enterprise"),
        ["low", "normal", "high", "urgent", "critical"]
    );
}

#[test]
fn service_limit_increases_follow_the_same_table_as_the_other_case_types() {
    let aws = aws();
    for plan in PLANS {
        assert_eq!(
            severities(&aws, plan, "service-limit-increase"),
            severities(&aws, plan, "account-billing"),
            "{plan}"
        );
        assert!(Rules::new(&aws, plan)
            .case_type_allowed(aws.case_type("service-limit-increase").unwrap()));
    }
}

#[test]
fn contact_methods_per_plan_and_case_type() {
    let aws = aws();
    let all = ["web", "chat", "phone"];
    // The guide's Basic-plan screen for account and billing: Web, Chat, Phone.
    for plan in PLANS {
        assert_eq!(methods(&aws, plan, "account-billing"), all, "{plan}");
    }
    // Developer technical support is by e-mail through the web, in business hours.
    assert_eq!(methods(&aws, "developer", "technical"), ["web"]);
    assert_eq!(methods(&aws, "basic", "service-limit-increase"), ["web"]);
    assert_eq!(
        methods(&aws, "developer", "service-limit-increase"),
        ["web"]
    );
    // Business and up: e-mail, chat and phone, 24/7.
    for plan in ["business", "enterprise-on-ramp", "enterprise"] {
        for case_type in ["account-billing", "service-limit-increase", "technical"] {
            assert_eq!(methods(&aws, plan, case_type), all, "{plan} {case_type}");
        }
    }
}

#[test]
fn contact_languages_per_case_type() {
    let aws = aws();
    for plan in PLANS {
        // "Currently, you can choose English or Japanese."
        assert_eq!(languages(&aws, plan, "account-billing"), ["en", "ja"]);
        assert_eq!(
            languages(&aws, plan, "service-limit-increase"),
            ["en", "ja"]
        );
    }
    for plan in ["developer", "business", "enterprise-on-ramp", "enterprise"] {
        assert_eq!(
            languages(&aws, plan, "technical"),
            ["en", "ja", "zh", "ko"],
            "{plan}"
        );
    }
}

#[test]
fn developer_language_teams_keep_hours_in_their_zones() {
    let aws = aws();
    let developer = Rules::new(&aws, "developer");
    let weekdays = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ];
    for (language, zone) in [
        ("ja", "Asia/Tokyo"),
        ("zh", "Asia/Shanghai"),
        ("ko", "Asia/Seoul"),
    ] {
        let hours = developer.language_team_hours(language).unwrap();
        assert_eq!(hours.time_zone.as_deref(), Some(zone), "{language}");
        assert_eq!(hours.start, NaiveTime::from_hms_opt(8, 0, 0).unwrap());
        assert_eq!(hours.end, NaiveTime::from_hms_opt(18, 0, 0).unwrap());
        assert_eq!(hours.days, weekdays);
        // Business and up are answered in these languages around the clock.
        for plan in ["business", "enterprise-on-ramp", "enterprise"] {
            assert!(Rules::new(&aws, plan)
                .language_team_hours(language)
                .is_none());
        }
    }
    assert!(developer.language_team_hours("en").is_none());

    let clocks = clocks_in_new_york();
    let saturday_noon_in_seoul = utc("2026-11-28T12:00:00+09:00");
    let opens =
        |language, now| clocks.next_opening(now, developer.language_team_hours(language).unwrap());
    assert_eq!(
        opens("ko", saturday_noon_in_seoul),
        Some(utc("2026-11-30T08:00:00+09:00"))
    );
    assert_eq!(
        opens("ja", saturday_noon_in_seoul),
        Some(utc("2026-11-30T08:00:00+09:00"))
    );
    assert_eq!(
        opens("zh", saturday_noon_in_seoul),
        Some(utc("2026-11-30T08:00:00+08:00"))
    );
    // Monday 10:00 in Seoul the Korean team is at work; in Beijing it is 09:00, in Tokyo 10:00.
    let monday_morning = utc("2026-11-30T10:00:00+09:00");
    for language in ["ja", "zh", "ko"] {
        assert_eq!(opens(language, monday_morning), None, "{language}");
    }
    // Monday 07:30 in Seoul is 06:30 in Beijing: both teams are still to open.
    let early = utc("2026-11-30T07:30:00+09:00");
    assert_eq!(opens("ko", early), Some(utc("2026-11-30T08:00:00+09:00")));
    assert_eq!(opens("zh", early), Some(utc("2026-11-30T08:00:00+08:00")));
}

#[test]
fn developer_language_teams_skip_their_holidays() {
    let aws = aws();
    let developer = Rules::new(&aws, "developer");
    let clocks = clocks_in_new_york();
    let team = |language| developer.language_team_hours(language).unwrap();
    // Christmas Eve 19:00 in Seoul: Christmas is a holiday, then the weekend.
    assert_eq!(
        clocks.next_opening(utc("2026-12-24T19:00:00+09:00"), team("ko")),
        Some(utc("2026-12-28T08:00:00+09:00"))
    );
    // Friday 18 September 2026 in Tokyo: the weekend, then Respect for the Aged Day, the
    // citizens' holiday between, and the Autumnal Equinox.
    assert_eq!(
        clocks.next_opening(utc("2026-09-18T19:00:00+09:00"), team("ja")),
        Some(utc("2026-09-24T08:00:00+09:00"))
    );
    // The eve of National Day in Beijing: closed 1-7 October.
    assert_eq!(
        clocks.next_opening(utc("2026-09-30T19:00:00+08:00"), team("zh")),
        Some(utc("2026-10-08T08:00:00+08:00"))
    );
    // A 12-hour first response asked of the Korean team at 17:00 on Christmas Eve: one hour
    // that day, none on Christmas, ten on Monday, the last on Tuesday.
    assert_eq!(
        clocks.first_response_by(
            utc("2026-12-24T17:00:00+09:00"),
            Hours(12),
            Some(team("ko"))
        ),
        Some(utc("2026-12-29T09:00:00+09:00"))
    );
}

#[test]
fn language_teams_list_their_countrys_public_holidays_for_2026_and_2027() {
    let aws = aws();
    let developer = Rules::new(&aws, "developer");
    for (language, known) in [
        // New Year, Coming of Age Day, Golden Week's substitute holiday, the vernal equinox.
        (
            "ja",
            &[
                "2026-01-01",
                "2026-01-12",
                "2026-05-06",
                "2027-03-22",
                "2027-11-23",
            ][..],
        ),
        // New Year, Spring Festival, National Day.
        (
            "zh",
            &[
                "2026-01-01",
                "2026-02-17",
                "2026-10-01",
                "2027-02-06",
                "2027-10-01",
            ][..],
        ),
        // New Year, Seollal, Chuseok, Christmas and their substitute holidays.
        (
            "ko",
            &[
                "2026-01-01",
                "2026-02-17",
                "2026-09-25",
                "2027-02-09",
                "2027-12-27",
            ][..],
        ),
    ] {
        let holidays = &developer.language_team_hours(language).unwrap().holidays;
        for day in known {
            assert!(holidays.contains(&date(day)), "{language} {day}");
        }
        for year in [2026, 2027] {
            let count = holidays
                .iter()
                .filter(|d| d.format("%Y").to_string() == year.to_string())
                .count();
            assert!(count >= 10, "{language} lists {count} holidays in {year}");
        }
        let mut sorted = holidays.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(&sorted, holidays, "{language}: in order, once each");
    }
}

#[test]
fn developer_business_hours_are_the_customers_local_time() {
    let aws = aws();
    let hours = Rules::new(&aws, "developer")
        .business_hours("technical")
        .unwrap();
    assert_eq!(
        (hours.start, hours.end),
        (
            NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(18, 0, 0).unwrap()
        )
    );
    assert_eq!(
        hours.time_zone, None,
        "local time: the account's or the customer's"
    );
    // Friday 17:30 in New York: 30 minutes that day, then Monday 08:00 + 11:30 of 12 hours.
    let due = clocks_in_new_york().first_response_by(
        utc("2026-11-27T17:30:00-05:00"),
        Hours(12),
        Some(hours),
    );
    assert_eq!(due, Some(utc("2026-12-01T09:30:00-05:00")));
    for plan in ["business", "enterprise-on-ramp", "enterprise"] {
        assert!(Rules::new(&aws, plan).business_hours("technical").is_none());
    }
}

#[test]
fn third_party_software_is_for_business_and_up() {
    let aws = aws();
    let service = aws.service("third-party-software").unwrap();
    assert!(service.label.get("en").contains("third-party software"));
    let offered = |plan| {
        Rules::new(&aws, plan)
            .services("technical")
            .iter()
            .any(|s| s.id == "third-party-software")
    };
    assert!(!offered("developer"));
    for plan in ["business", "enterprise-on-ramp", "enterprise"] {
        assert!(offered(plan), "{plan}");
    }
    // Where it is offered, the severity step says third-party issues can take longer.
    let says_longer = |plan| {
        notices(&aws, plan, "technical")
            .iter()
            .any(|n| n.contains("For third-party issues, response times can be longer"))
    };
    assert!(!says_longer("basic") && !says_longer("developer"));
    assert!(["business", "enterprise-on-ramp", "enterprise"]
        .into_iter()
        .all(says_longer));
}

#[test]
fn the_severity_step_says_how_response_times_are_counted() {
    let aws = aws();
    let first = "Response times are for the first response from AWS Support";
    let around_the_clock = "24/7 access";
    let business_hours = "counted in business hours, typically 08:00–18:00 local time, excluding weekends and holidays";
    let says = |plan, text: &str| {
        notices(&aws, plan, "account-billing")
            .iter()
            .any(|n| n.contains(text))
    };
    assert!(!says("basic", first) && !says("basic", around_the_clock));
    for plan in ["developer", "business", "enterprise-on-ramp", "enterprise"] {
        assert!(says(plan, first), "{plan}");
        assert_eq!(says(plan, around_the_clock), plan != "developer", "{plan}");
        assert_eq!(says(plan, business_hours), plan == "developer", "{plan}");
    }
}

#[test]
fn every_category_has_a_prompt_in_all_four_languages() {
    let aws = aws();
    let mut seen = std::collections::HashSet::new();
    for service in &aws.services {
        for category in &service.categories {
            let at = format!("{}/{}", service.id, category.id);
            let prompt = category
                .prompt
                .as_ref()
                .unwrap_or_else(|| panic!("{at}: no prompt"));
            for lang in LANGUAGES {
                let text = prompt.0.get(lang).map(|s| s.trim()).unwrap_or("");
                // A few things to include, not a word: CJK says as much in fewer characters.
                let least = if lang == "en" { 30 } else { 10 };
                assert!(
                    text.chars().count() >= least,
                    "{at}: {lang} prompt {text:?}"
                );
            }
            // Specific to the category: no two share one.
            assert!(
                seen.insert(prompt.get("en").to_owned()),
                "{at}: prompt repeated"
            );
        }
    }
}

#[test]
fn the_guides_links_are_where_they_belong() {
    let aws = aws();
    let links = |service: &str, category: &str| -> Vec<String> {
        aws.category(service, category)
            .unwrap()
            .help_links
            .iter()
            .map(|l| l.url.clone())
            .collect()
    };
    let knowledge_center = "https://aws.amazon.com/premiumsupport/knowledge-center/".to_owned();
    let change_plan =
        "https://docs.aws.amazon.com/premiumsupport/latest/user/change-support-plan.html";
    let technical = aws.case_type("technical").unwrap();
    for service in &technical.services {
        for category in &aws.service(service).unwrap().categories {
            assert!(
                links(service, &category.id).contains(&knowledge_center),
                "{service}/{}",
                category.id
            );
        }
    }
    assert_eq!(
        technical.unavailable_link.as_ref().unwrap().url,
        change_plan
    );
    assert_eq!(
        links("account", "support-plan"),
        [
            change_plan,
            "https://aws.amazon.com/premiumsupport/features/"
        ]
    );
    assert_eq!(
        links("account", "closure"),
        ["https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/close-account.html"]
    );
    for service in &aws.case_type("service-limit-increase").unwrap().services {
        for category in &aws.service(service).unwrap().categories {
            assert_eq!(
                links(service, &category.id),
                ["https://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html"]
            );
        }
    }
}

#[test]
fn others_are_notified_on_business_enterprise_on_ramp_and_enterprise_only() {
    let aws = aws();
    let offered: Vec<&str> = PLANS
        .into_iter()
        .filter(|plan| Rules::new(&aws, plan).cc_offered())
        .collect();
    assert_eq!(offered, ["business", "enterprise-on-ramp", "enterprise"]);
}
