use case_core::catalog::{BusinessHours, ResponseTime};
use case_core::deadline::first_response_by;
use chrono::{DateTime, FixedOffset, NaiveTime, TimeZone, Weekday};
use chrono_tz::America::New_York;
use chrono_tz::Asia::Tokyo;

fn developer_hours() -> BusinessHours {
    BusinessHours {
        start: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
        end: NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
        days: vec![
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ],
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
