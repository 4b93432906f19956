//! When a first response is due. Plans with business hours count only those hours, in the
//! customer's own time zone; business days skip the days outside the plan's week.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

use crate::catalog::{BusinessHours, ResponseTime};

/// The moment a first response is due for a case filed at `now`.
pub fn first_response_by<Tz: TimeZone>(
    now: DateTime<Tz>,
    response: ResponseTime,
    hours: Option<&BusinessHours>,
) -> DateTime<Tz> {
    match (response, hours) {
        (ResponseTime::Minutes(m), None) => now + Duration::minutes(m.into()),
        (ResponseTime::Hours(h), None) => now + Duration::hours(h.into()),
        (ResponseTime::Minutes(m), Some(hours)) => add_business_time(now, m.into(), hours),
        (ResponseTime::Hours(h), Some(hours)) => add_business_time(now, i64::from(h) * 60, hours),
        (ResponseTime::BusinessDays(d), hours) => {
            add_business_days(now, d, hours.unwrap_or(&BusinessHours::weekdays()))
        }
    }
}

fn local<Tz: TimeZone>(tz: &Tz, naive: NaiveDateTime) -> DateTime<Tz> {
    // A local time skipped by a DST change is read as the first valid instant after it.
    (0..4)
        .find_map(|h| {
            tz.from_local_datetime(&(naive + Duration::hours(h)))
                .earliest()
        })
        .unwrap_or_else(|| tz.from_utc_datetime(&naive))
}

fn is_business_day(hours: &BusinessHours, date: NaiveDate) -> bool {
    hours.days.contains(&date.weekday())
}

fn window<Tz: TimeZone>(
    tz: &Tz,
    hours: &BusinessHours,
    date: NaiveDate,
) -> (DateTime<Tz>, DateTime<Tz>) {
    (
        local(tz, date.and_time(hours.start)),
        local(tz, date.and_time(hours.end)),
    )
}

fn add_business_time<Tz: TimeZone>(
    now: DateTime<Tz>,
    mut minutes: i64,
    hours: &BusinessHours,
) -> DateTime<Tz> {
    let tz = now.timezone();
    let mut cursor = now;
    let mut date = cursor.date_naive();
    // Bounded: a plan has at least one business day a week.
    for _ in 0..(minutes / 60 + 2) * 8 + 16 {
        if is_business_day(hours, date) {
            let (open, close) = window(&tz, hours, date);
            if cursor < open {
                cursor = open;
            }
            if cursor < close {
                let available = (close.clone() - cursor.clone()).num_minutes();
                if minutes <= available {
                    return cursor + Duration::minutes(minutes);
                }
                minutes -= available;
                cursor = close;
            }
        }
        date = date.succ_opt().expect("date in range");
        cursor = cursor.max(local(&tz, date.and_time(NaiveTime::MIN)));
    }
    cursor
}

fn add_business_days<Tz: TimeZone>(
    now: DateTime<Tz>,
    days: u32,
    hours: &BusinessHours,
) -> DateTime<Tz> {
    let tz = now.timezone();
    let mut date = now.date_naive();
    let mut time = now.time();
    if !is_business_day(hours, date) || time >= hours.end {
        // Filed outside the working week: the clock starts at the next opening.
        time = hours.start;
        date = next_business_day(hours, date);
    } else if time < hours.start {
        time = hours.start;
    }
    for _ in 0..days {
        date = next_business_day(hours, date);
    }
    local(&tz, date.and_time(time))
}

fn next_business_day(hours: &BusinessHours, from: NaiveDate) -> NaiveDate {
    let mut date = from;
    for _ in 0..7 {
        date = date.succ_opt().expect("date in range");
        if is_business_day(hours, date) {
            return date;
        }
    }
    date
}
