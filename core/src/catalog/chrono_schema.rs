//! chrono's times, dates and weekdays as JSON Schema: what chrono's parsers accept, for the
//! catalog's schema (only with the `schema` feature).

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

/// A time of day as `chrono::NaiveTime` reads it: `H:MM` or `HH:MM`, seconds and a fraction
/// optional, a leap second allowed (chrono also skips spaces around the numbers; this does not).
pub struct Time;

impl JsonSchema for Time {
    fn schema_name() -> Cow<'static, str> {
        "Time".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A time of day, 24-hour, e.g. \"08:00\" or \"18:00:00\".",
            "type": "string",
            "pattern": "^([01]?[0-9]|2[0-3]):[0-5]?[0-9](:([0-5]?[0-9]|60)(\\.[0-9]+)?)?$",
            "examples": ["08:00:00", "18:00:00"],
        })
    }
}

/// A date that can exist: months of 30 days end at 30, February at 29 (whether the year has a
/// 29th is the checker's to say).
const DATE: &str = "^[0-9]{1,4}-(((0?[13578]|1[02])-(0?[1-9]|[12][0-9]|3[01]))|((0?[469]|11)-(0?[1-9]|[12][0-9]|30))|(0?2-(0?[1-9]|1[0-9]|2[0-9])))$";
/// A date as `chrono::NaiveDate` reads it: year, month and day joined by `-`, month and day with
/// one or two digits, the day one the month can have (whether a year has 29 February is
/// chrono's to say). No `format: date`: that is RFC 3339's, which refuses `2026-1-5`, a date
/// the parser reads.
pub struct Date;

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A date, YYYY-MM-DD.",
            "type": "string",
            "pattern": DATE,
            "examples": ["2026-01-31"],
        })
    }
}

/// A day of the week as `chrono::Weekday` reads it: its English name or the name's first three
/// letters, in any case.
pub struct Weekday;

const WEEKDAYS: [(&str, &str); 7] = [
    ("Mon", "day"),
    ("Tue", "sday"),
    ("Wed", "nesday"),
    ("Thu", "rsday"),
    ("Fri", "day"),
    ("Sat", "urday"),
    ("Sun", "day"),
];

/// `word` matched in any case: `Mon` as `[Mm][Oo][Nn]`.
fn any_case(word: &str) -> String {
    word.chars()
        .map(|c| format!("[{}{}]", c.to_ascii_uppercase(), c.to_ascii_lowercase()))
        .collect()
}

impl JsonSchema for Weekday {
    fn schema_name() -> Cow<'static, str> {
        "Weekday".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let names: Vec<String> = WEEKDAYS
            .iter()
            .map(|(short, rest)| format!("{}({})?", any_case(short), any_case(rest)))
            .collect();
        let examples: Vec<&str> = WEEKDAYS.iter().map(|(short, _)| *short).collect();
        json_schema!({
            "description": "A day of the week: \"Mon\" to \"Sun\", or the whole English name, in any case.",
            "type": "string",
            "pattern": format!("^({})$", names.join("|")),
            "examples": examples,
        })
    }
}
