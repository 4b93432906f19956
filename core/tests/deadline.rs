mod common;

use case_core::catalog::{BusinessHours, ResponseTime};
use case_core::deadline::{self, Clocks};
use case_core::zone::NamedZone;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Offset, TimeZone};
use chrono_tz::America::New_York;
use chrono_tz::Asia::Tokyo;
use common::{tz_database, utc};

/// A stated time's deadline.
fn first_response_by<Tz: TimeZone>(
    now: DateTime<Tz>,
    response: ResponseTime,
    hours: Option<&BusinessHours>,
) -> DateTime<Tz> {
    deadline::first_response_by(now, response, hours).expect("a stated time has a deadline")
}

fn developer_hours() -> BusinessHours {
    BusinessHours {
        start: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
        end: NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
        ..BusinessHours::weekdays()
    }
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

#[test]
fn round_the_clock_plans_add_the_time_as_is() {
    let due = first_response_by(
        at("2026-11-28T23:50:00+09:00"),
        ResponseTime::Minutes(15),
        None,
    );
    assert_eq!(due, at("2026-11-29T00:05:00+09:00"));
    let due = first_response_by(
        at("2026-11-27T17:00:00+09:00"),
        ResponseTime::Hours(4),
        None,
    );
    assert_eq!(due, at("2026-11-27T21:00:00+09:00"));
}

#[test]
fn business_hours_within_one_day() {
    // Tuesday 09:00 + 4 business hours = Tuesday 13:00.
    let due = first_response_by(
        at("2026-11-24T09:00:00+09:00"),
        ResponseTime::Hours(4),
        Some(&developer_hours()),
    );
    assert_eq!(due, at("2026-11-24T13:00:00+09:00"));
}

#[test]
fn business_hours_skip_evenings() {
    // Wednesday 20:00 + 12 h: Thursday 08-18 (10 h), then Friday 08:00 + 2 h.
    let due = first_response_by(
        at("2026-11-25T20:00:00+09:00"),
        ResponseTime::Hours(12),
        Some(&developer_hours()),
    );
    assert_eq!(due, at("2026-11-27T10:00:00+09:00"));
}

#[test]
fn business_hours_skip_weekends() {
    // Friday 17:00 + 12 h: 1 h on Friday, 10 h on Monday, 1 h on Tuesday.
    let due = first_response_by(
        at("2026-11-27T17:00:00+09:00"),
        ResponseTime::Hours(12),
        Some(&developer_hours()),
    );
    assert_eq!(due, at("2026-12-01T09:00:00+09:00"));
    // Filed on Saturday: the clock starts on Monday at 08:00.
    let due = first_response_by(
        at("2026-11-28T10:00:00+09:00"),
        ResponseTime::Hours(24),
        Some(&developer_hours()),
    );
    assert_eq!(due, at("2026-12-02T12:00:00+09:00"));
}

#[test]
fn early_mornings_wait_for_opening_time() {
    let due = first_response_by(
        at("2026-11-24T06:30:00+09:00"),
        ResponseTime::Minutes(30),
        Some(&developer_hours()),
    );
    assert_eq!(due, at("2026-11-24T08:30:00+09:00"));
}

#[test]
fn business_hours_are_the_customers_own() {
    // The same instant: Friday 17:00 in Tokyo is Friday 03:00 in New York.
    let instant = Tokyo.with_ymd_and_hms(2026, 11, 27, 17, 0, 0).unwrap();
    let tokyo = first_response_by(instant, ResponseTime::Hours(4), Some(&developer_hours()));
    assert_eq!(
        tokyo,
        Tokyo.with_ymd_and_hms(2026, 11, 30, 11, 0, 0).unwrap()
    );
    let new_york = first_response_by(
        instant.with_timezone(&New_York),
        ResponseTime::Hours(4),
        Some(&developer_hours()),
    );
    assert_eq!(
        new_york,
        New_York.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap()
    );
}

#[test]
fn business_hours_survive_a_daylight_saving_change() {
    // New York moves to summer time on Sunday 8 March 2026.
    let friday = New_York.with_ymd_and_hms(2026, 3, 6, 17, 0, 0).unwrap();
    let due = first_response_by(friday, ResponseTime::Hours(12), Some(&developer_hours()));
    assert_eq!(
        due,
        New_York.with_ymd_and_hms(2026, 3, 10, 9, 0, 0).unwrap()
    );
    assert_eq!(due.to_rfc3339(), "2026-03-10T09:00:00-04:00");
}

#[test]
fn business_days_skip_weekends() {
    // Thursday 10:00 + 2 business days = Monday 10:00.
    let due = first_response_by(
        at("2026-11-26T10:00:00+09:00"),
        ResponseTime::BusinessDays(2),
        None,
    );
    assert_eq!(due, at("2026-11-30T10:00:00+09:00"));
    // Filed on Saturday: Monday and Tuesday count, due when Wednesday starts.
    let due = first_response_by(
        at("2026-11-28T11:00:00+09:00"),
        ResponseTime::BusinessDays(2),
        None,
    );
    assert_eq!(due, at("2026-12-02T00:00:00+09:00"));
}

#[test]
fn an_unstated_time_has_no_deadline() {
    let now = at("2026-11-26T10:00:00+09:00");
    assert_eq!(
        deadline::first_response_by(now, ResponseTime::Unstated, None),
        None
    );
    assert_eq!(
        deadline::first_response_by(now, ResponseTime::Unstated, Some(&developer_hours())),
        None
    );
}

#[test]
fn a_deadline_that_crosses_a_listed_holiday_skips_it() {
    let mut hours = developer_hours();
    // Monday 23 November 2026 is Labour Thanksgiving Day in Japan.
    hours.holidays = vec![NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()];
    // Friday 17:00 + 4 business hours: 1 h on Friday, Monday off, 3 h on Tuesday.
    let due = first_response_by(
        at("2026-11-20T17:00:00+09:00"),
        ResponseTime::Hours(4),
        Some(&hours),
    );
    assert_eq!(due, at("2026-11-24T11:00:00+09:00"));
    // Thursday + 2 business days: Friday, then Tuesday.
    let due = first_response_by(
        at("2026-11-19T10:00:00+09:00"),
        ResponseTime::BusinessDays(2),
        Some(&hours),
    );
    assert_eq!(due, at("2026-11-24T10:00:00+09:00"));
    // Without the holiday, Monday counts.
    let due = first_response_by(
        at("2026-11-20T17:00:00+09:00"),
        ResponseTime::Hours(4),
        Some(&developer_hours()),
    );
    assert_eq!(due, at("2026-11-23T11:00:00+09:00"));
}

#[test]
fn a_named_zone_agrees_with_the_tz_database_across_daylight_saving_changes() {
    let zone = NamedZone::new("America/New_York", tz_database).unwrap();
    // An hour each side of both 2026 changes, and the wall times inside them.
    for (wall, expected) in [
        ("2026-03-08T01:30:00", Some(-5)),
        ("2026-03-08T02:30:00", None),
        ("2026-03-08T03:30:00", Some(-4)),
        ("2026-11-01T00:30:00", Some(-4)),
        ("2026-11-01T02:30:00", Some(-5)),
    ] {
        let naive = wall.parse().unwrap();
        let ours = zone
            .from_local_datetime(&naive)
            .single()
            .map(|t| t.offset().fix().local_minus_utc() / 3600);
        assert_eq!(ours, expected, "{wall}");
        let theirs = New_York
            .from_local_datetime(&naive)
            .single()
            .map(|t| t.offset().fix().local_minus_utc() / 3600);
        assert_eq!(ours, theirs, "{wall}");
    }
    // 01:30 on 1 November happens twice: first in summer time, then in winter time.
    let twice = zone
        .from_local_datetime(&"2026-11-01T01:30:00".parse().unwrap())
        .map(|t| t.offset().fix().local_minus_utc() / 3600);
    assert_eq!(twice, chrono::MappedLocalTime::Ambiguous(-4, -5));
    assert!(NamedZone::new("Mars/Olympus_Mons", tz_database).is_none());
}

#[test]
fn hours_kept_in_a_named_zone_are_counted_there_whatever_the_customers_zone() {
    let mut hours = developer_hours();
    hours.time_zone = Some("America/New_York".into());
    // A customer in Tokyo (UTC+9, no DST) files on Friday 6 March 2026 at 22:00 New York time.
    let clocks = Clocks {
        account_zone: None,
        customer_zone: "Asia/Tokyo",
        lookup: tz_database,
    };
    let due = clocks
        .first_response_by(
            utc("2026-03-07T12:00:00+09:00"),
            ResponseTime::Hours(2),
            Some(&hours),
        )
        .unwrap();
    // New York's Monday 10:00, in summer time since Sunday, is 23:00 in Tokyo.
    assert_eq!(due, utc("2026-03-09T10:00:00-04:00"));
    assert_eq!(
        due.with_timezone(&Tokyo).to_rfc3339(),
        "2026-03-09T23:00:00+09:00"
    );
}

#[test]
fn hours_without_a_zone_use_the_accounts_zone_else_the_customers() {
    let hours = developer_hours();
    let now = utc("2026-11-27T17:30:00+09:00");
    let in_tokyo = Clocks {
        account_zone: None,
        customer_zone: "Asia/Tokyo",
        lookup: tz_database,
    };
    // Friday 17:30 in Tokyo: 30 minutes left, then Monday.
    assert_eq!(
        in_tokyo.first_response_by(now, ResponseTime::Hours(1), Some(&hours)),
        Some(utc("2026-11-30T08:30:00+09:00"))
    );
    let account_in_berlin = Clocks {
        account_zone: Some("Europe/Berlin"),
        ..in_tokyo
    };
    // The same instant is Friday 09:30 in Berlin.
    assert_eq!(
        account_in_berlin.first_response_by(now, ResponseTime::Hours(1), Some(&hours)),
        Some(utc("2026-11-27T10:30:00+01:00"))
    );
}

#[test]
fn a_team_outside_its_hours_says_when_it_next_opens() {
    let mut hours = developer_hours();
    hours.time_zone = Some("Asia/Seoul".into());
    let clocks = Clocks {
        account_zone: None,
        customer_zone: "America/New_York",
        lookup: tz_database,
    };
    // Friday 19:00 in Seoul: closed until Monday 08:00 there.
    assert_eq!(
        clocks.next_opening(utc("2026-11-27T19:00:00+09:00"), &hours),
        Some(utc("2026-11-30T08:00:00+09:00"))
    );
    // Monday 07:00 in Seoul: opens in an hour.
    assert_eq!(
        clocks.next_opening(utc("2026-11-30T07:00:00+09:00"), &hours),
        Some(utc("2026-11-30T08:00:00+09:00"))
    );
    // Monday 10:00 in Seoul: open now.
    assert_eq!(
        clocks.next_opening(utc("2026-11-30T10:00:00+09:00"), &hours),
        None
    );
}
