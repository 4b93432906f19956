//! Named time zones (`Europe/Berlin`) as a chrono [`TimeZone`], with their offsets looked up by
//! whatever the platform has: the browser's `Intl` in the widget, a tz database on a server or in
//! tests. The deadline math then runs in a support team's own zone, across its DST changes.

use std::rc::Rc;

use chrono::{FixedOffset, MappedLocalTime, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone};

/// The offset east of UTC, in seconds, that `zone` has at `utc_seconds` after the epoch; `None`
/// for a zone the platform does not know.
pub type OffsetLookup = fn(zone: &str, utc_seconds: i64) -> Option<i32>;

/// The offset in seconds east of UTC that a date formatted with its zone's long offset ends
/// with, as the browser's `Intl.DateTimeFormat` writes it: `3/8/2026, GMT-04:00`, `GMT+05:30`,
/// or a bare `GMT` for UTC itself; `None` where the text names no offset.
pub fn offset_in_formatted(text: &str) -> Option<i32> {
    let offset = text[text.rfind("GMT")? + 3..].trim();
    let Some(signed) = offset.get(1..) else {
        return Some(0);
    };
    let sign = match offset.as_bytes()[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (hours, minutes) = signed.split_once(':').unwrap_or((signed, "0"));
    Some(sign * (hours.parse::<i32>().ok()? * 3600 + minutes.parse::<i32>().ok()? * 60))
}

#[derive(Clone, Debug)]
pub struct NamedZone {
    name: Rc<str>,
    lookup: OffsetLookup,
}

#[derive(Clone, Debug)]
pub struct NamedOffset {
    zone: NamedZone,
    fixed: FixedOffset,
}

impl Offset for NamedOffset {
    fn fix(&self) -> FixedOffset {
        self.fixed
    }
}

impl NamedZone {
    /// The zone `name`, where the platform knows it.
    pub fn new(name: &str, lookup: OffsetLookup) -> Option<NamedZone> {
        lookup(name, 0)?;
        Some(NamedZone {
            name: name.into(),
            lookup,
        })
    }

    /// UTC itself, whatever the lookup knows.
    pub fn utc(lookup: OffsetLookup) -> NamedZone {
        NamedZone {
            name: "UTC".into(),
            lookup,
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    fn fixed_at(&self, utc_seconds: i64) -> FixedOffset {
        (self.lookup)(&self.name, utc_seconds)
            .and_then(FixedOffset::east_opt)
            .unwrap_or(FixedOffset::east_opt(0).expect("zero offset"))
    }

    fn offset(&self, fixed: FixedOffset) -> NamedOffset {
        NamedOffset {
            zone: self.clone(),
            fixed,
        }
    }
}

impl TimeZone for NamedZone {
    type Offset = NamedOffset;

    fn from_offset(offset: &NamedOffset) -> Self {
        offset.zone.clone()
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> MappedLocalTime<NamedOffset> {
        self.offset_from_local_datetime(&local.and_time(NaiveTime::MIN))
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> MappedLocalTime<NamedOffset> {
        let wall = local.and_utc().timestamp();
        // The offsets in force a day either side are the only ones this wall time can have; each
        // fits where the instant it gives has that offset itself.
        let mut fits: Vec<FixedOffset> = Vec::with_capacity(2);
        for probe in [wall - 86_400, wall + 86_400] {
            let offset = self.fixed_at(probe);
            let instant = wall - i64::from(offset.local_minus_utc());
            if self.fixed_at(instant) == offset && !fits.contains(&offset) {
                fits.push(offset);
            }
        }
        // The larger offset is the earlier instant (two at most, and never equal).
        if let [a, b] = fits.as_mut_slice() {
            if a.local_minus_utc() < b.local_minus_utc() {
                std::mem::swap(a, b);
            }
        }
        match fits.as_slice() {
            [] => MappedLocalTime::None,
            [one] => MappedLocalTime::Single(self.offset(*one)),
            [earlier, later, ..] => {
                MappedLocalTime::Ambiguous(self.offset(*earlier), self.offset(*later))
            }
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> NamedOffset {
        self.offset_from_utc_datetime(&utc.and_time(NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> NamedOffset {
        self.offset(self.fixed_at(utc.and_utc().timestamp()))
    }
}

#[cfg(test)]
mod tests {
    use super::offset_in_formatted;

    #[test]
    fn a_long_offset_is_read_as_seconds_east_of_utc() {
        assert_eq!(offset_in_formatted("3/8/2026, GMT-04:00"), Some(-4 * 3600));
        assert_eq!(
            offset_in_formatted("3/8/2026, GMT+05:30"),
            Some(5 * 3600 + 30 * 60)
        );
        assert_eq!(
            offset_in_formatted("1/1/2026, GMT+13:45"),
            Some(13 * 3600 + 45 * 60)
        );
        assert_eq!(offset_in_formatted("1/1/2026, GMT+9"), Some(9 * 3600));
    }

    #[test]
    fn utc_itself_is_written_as_a_bare_gmt() {
        assert_eq!(offset_in_formatted("1/1/2026, GMT"), Some(0));
        assert_eq!(offset_in_formatted("1/1/2026, GMT "), Some(0));
    }

    #[test]
    fn a_text_without_an_offset_names_none() {
        assert_eq!(offset_in_formatted("1/1/2026"), None);
        assert_eq!(offset_in_formatted("1/1/2026, GMT?04:00"), None);
        assert_eq!(offset_in_formatted("1/1/2026, GMT+xx"), None);
    }
}
