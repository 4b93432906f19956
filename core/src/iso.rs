//! Dates and times as a catalog and a date field write them, `2025-12-25` and `09:00` (or
//! `09:00:30`, `09:00:30.5`), read exactly as chrono's `FromStr` and `Deserialize` read them: the
//! same values and the same errors, word for word. By hand because chrono reads them with its
//! general format-string parser, which the widget's wasm would carry for these two formats
//! alone; a test holds both to chrono's answers.

use std::fmt;
use std::marker::PhantomData;
use std::ops::RangeInclusive;

use chrono::{NaiveDate, NaiveTime};
use serde::de::{self, Deserialize, Deserializer, Visitor};

/// Why a date or time does not read; shown as chrono shows its `ParseError`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Error {
    OutOfRange,
    Invalid,
    TooShort,
    TooLong,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self {
            Error::OutOfRange => "input is out of range",
            Error::Invalid => "input contains invalid characters",
            Error::TooShort => "premature end of input",
            Error::TooLong => "trailing input",
        })
    }
}

type Read<'a, T> = Result<(&'a str, T), Error>;

/// At least one and at most `max` ASCII digits.
fn number(s: &str, max: usize) -> Read<'_, i64> {
    if s.is_empty() {
        return Err(Error::TooShort);
    }
    let mut n = 0i64;
    for (i, c) in s.bytes().take(max).enumerate() {
        if !c.is_ascii_digit() {
            return if i == 0 {
                Err(Error::Invalid)
            } else {
                Ok((&s[i..], n))
            };
        }
        n = n
            .checked_mul(10)
            .and_then(|n| n.checked_add(i64::from(c - b'0')))
            .ok_or(Error::OutOfRange)?;
    }
    Ok((&s[max.min(s.len())..], n))
}

/// A number after any white space, refused outside `range`.
fn field(s: &str, max: usize, range: RangeInclusive<i64>) -> Read<'_, u32> {
    let (rest, n) = number(s.trim_start(), max)?;
    match u32::try_from(n) {
        Ok(n) if range.contains(&i64::from(n)) => Ok((rest, n)),
        _ => Err(Error::OutOfRange),
    }
}

/// `c` after any white space.
fn literal(s: &str, c: char) -> Result<&str, Error> {
    let s = s.trim_start();
    match s.strip_prefix(c) {
        Some(rest) => Ok(rest),
        None if s.is_empty() => Err(Error::TooShort),
        None => Err(Error::Invalid),
    }
}

/// Nothing but white space is left.
fn end(s: &str) -> Result<(), Error> {
    if s.trim_start().is_empty() {
        Ok(())
    } else {
        Err(Error::TooLong)
    }
}

/// `YYYY-MM-DD`: four digits of year, or any number of them after a sign.
pub fn date(s: &str) -> Result<NaiveDate, Error> {
    let s = s.trim_start();
    let (s, year) = match s.as_bytes().first() {
        Some(b'-') => number(&s[1..], usize::MAX).map(|(s, y)| (s, -y))?,
        Some(b'+') => number(&s[1..], usize::MAX)?,
        _ => number(s, 4)?,
    };
    let year = i32::try_from(year).map_err(|_| Error::OutOfRange)?;
    let (s, month) = field(literal(s, '-')?, 2, 1..=12)?;
    let (s, day) = field(literal(s, '-')?, 2, 1..=31)?;
    end(s)?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or(Error::OutOfRange)
}

/// `HH:MM`, then perhaps `:SS` (60 for a leap second) and a fraction of a second.
pub fn time(s: &str) -> Result<NaiveTime, Error> {
    let (s, hour) = field(s, 2, 0..=23)?;
    let (s, minute) = field(literal(s, ':')?, 2, 0..=59)?;
    let (second, nano) = match seconds(s) {
        Ok((rest, seconds)) => {
            end(rest)?;
            seconds
        }
        Err(_) => {
            end(s)?;
            (0, 0)
        }
    };
    let (second, leap) = if second == 60 {
        (59, 1_000_000_000)
    } else {
        (second, 0)
    };
    NaiveTime::from_hms_nano_opt(hour, minute, second, leap + nano).ok_or(Error::OutOfRange)
}

/// `:SS` and perhaps `.` and digits, the first nine of which count.
fn seconds(s: &str) -> Read<'_, (u32, u32)> {
    let (s, second) = field(literal(s, ':')?, 2, 0..=60)?;
    let Some(fraction) = s.strip_prefix('.') else {
        return Ok((s.trim_start(), (second, 0)));
    };
    let (rest, digits) = number(fraction, 9)?;
    let nano = digits as u32 * 10u32.pow(9 - (fraction.len() - rest.len()) as u32);
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    Ok((rest.trim_start(), (second, nano)))
}

/// A value written in one of these formats.
trait Written: Sized {
    const EXPECTING: &'static str;
    fn read(s: &str) -> Result<Self, Error>;
}

impl Written for NaiveDate {
    const EXPECTING: &'static str = "a formatted date string";
    fn read(s: &str) -> Result<Self, Error> {
        date(s)
    }
}

impl Written for NaiveTime {
    const EXPECTING: &'static str = "a formatted time string";
    fn read(s: &str) -> Result<Self, Error> {
        time(s)
    }
}

/// A date or time in JSON, read as chrono's own `Deserialize` reads it.
struct Iso<T>(T);

impl<'de, T: Written> Deserialize<'de> for Iso<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Text<T>(PhantomData<T>);

        impl<T: Written> Visitor<'_> for Text<T> {
            type Value = Iso<T>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(T::EXPECTING)
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Iso<T>, E> {
                T::read(value).map(Iso).map_err(E::custom)
            }
        }

        deserializer.deserialize_str(Text(PhantomData))
    }
}

/// For `#[serde(deserialize_with)]`: a time.
pub fn de_time<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveTime, D::Error> {
    Iso::deserialize(deserializer).map(|t| t.0)
}

/// For `#[serde(deserialize_with)]`: a list of dates.
pub fn de_dates<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<NaiveDate>, D::Error> {
    Vec::<Iso<NaiveDate>>::deserialize(deserializer).map(|d| d.into_iter().map(|d| d.0).collect())
}

/// For `#[serde(deserialize_with)]`: a date or `null`.
pub fn de_optional_date<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<NaiveDate>, D::Error> {
    Option::<Iso<NaiveDate>>::deserialize(deserializer).map(|d| d.map(|d| d.0))
}

#[cfg(test)]
mod tests;
