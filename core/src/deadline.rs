//! When a first response is due. Plans with business hours count only those hours, in the
//! hours' own time zone, else the account's, else the customer's; business days skip the days
//! outside the plan's week and its holidays.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

use crate::catalog::{BusinessHours, ResponseTime};
use crate::zone::{NamedZone, OffsetLookup};

/// The moment a first response is due for a case filed at `now`; `None` where no time is
/// promised.
pub fn first_response_by<Tz: TimeZone>(
    now: DateTime<Tz>,
    response: ResponseTime,
    hours: Option<&BusinessHours>,
) -> Option<DateTime<Tz>> {
    Some(match (response, hours) {
        (ResponseTime::Unstated, _) => return None,
        (ResponseTime::Minutes(m), None) => now + Duration::minutes(m.into()),
        (ResponseTime::Hours(h), None) => now + Duration::hours(h.into()),
        (ResponseTime::Minutes(m), Some(hours)) => add_business_time(now, m.into(), hours),
        (ResponseTime::Hours(h), Some(hours)) => add_business_time(now, i64::from(h) * 60, hours),
        (ResponseTime::BusinessDays(d), hours) => {
            add_business_days(now, d, hours.unwrap_or(&BusinessHours::weekdays()))
        }
    })
}

/// The clock business hours are counted on: their own zone, else the account's (a page may name
/// it), else the customer's own. Every zone is named, so the deadline math is built for one
/// kind of zone.
pub struct Clocks<'a> {
    pub account_zone: Option<&'a str>,
    /// The customer's own zone, e.g. the browser's.
    pub customer_zone: &'a str,
    pub lookup: OffsetLookup,
}

impl Clocks<'_> {
    fn zone(&self, hours: Option<&BusinessHours>) -> NamedZone {
        let named = hours.and_then(|h| h.time_zone.as_deref());
        [named, self.account_zone, Some(self.customer_zone)]
            .into_iter()
            .flatten()
            .find_map(|name| NamedZone::new(name, self.lookup))
            .unwrap_or_else(|| NamedZone::utc(self.lookup))
    }

    /// [`first_response_by`], counted on the right clock, as an instant.
    pub fn first_response_by(
        &self,
        now: DateTime<Utc>,
        response: ResponseTime,
        hours: Option<&BusinessHours>,
    ) -> Option<DateTime<Utc>> {
        first_response_by(now.with_timezone(&self.zone(hours)), response, hours)
            .map(|due| due.with_timezone(&Utc))
    }

    /// When a team working `hours` next starts work after `now`; `None` while it is at work.
    pub fn next_opening(&self, now: DateTime<Utc>, hours: &BusinessHours) -> Option<DateTime<Utc>> {
        next_opening(now.with_timezone(&self.zone(Some(hours))), hours)
            .map(|at| at.with_timezone(&Utc))
    }
}

/// When `hours` next open after `now`; `None` while they are open.
pub fn next_opening<Tz: TimeZone>(
    now: DateTime<Tz>,
    hours: &BusinessHours,
) -> Option<DateTime<Tz>> {
    let tz = now.timezone();
    let mut date = now.date_naive();
    for _ in 0..days_to_search(hours) {
        if is_business_day(hours, date) {
            let (open, close) = window(&tz, hours, date);
            if now < open {
                return Some(open);
            }
            if now < close {
                return None;
            }
        }
        date = date.succ_opt()?;
    }
    None
}

/// Enough days to find the next business day past any run of weekends and holidays.
fn days_to_search(hours: &BusinessHours) -> usize {
    8 + hours.holidays.len()
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
    hours.days.contains(&date.weekday()) && !hours.holidays.contains(&date)
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
    for _ in 0..(minutes / 60 + 2) * 8 + 16 + hours.holidays.len() as i64 {
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
    for _ in 0..days_to_search(hours) {
        date = date.succ_opt().expect("date in range");
        if is_business_day(hours, date) {
            return date;
        }
    }
    date
}
