//! The JSON Schema of a catalog, generated from the types in `catalog.rs` (only with the `schema`
//! feature: the widget leaves it off). `case-server catalog-schema` prints it, and
//! `docs/catalog.schema.json` is its committed copy, for editors.
//!
//! It describes what `Catalog::from_json` parses, not the consistency checked after that
//! (references between ids, every label in every language, ranges): those are
//! `Catalog::problems`. Where serde does not derive the parsing, chrono's times, dates and weekdays,
//! the schemas below say what chrono's parsers accept.

use std::borrow::Cow;

use schemars::{generate::SchemaSettings, json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::Value;

use crate::Catalog;

/// The catalog's schema as JSON Schema draft 7, which editors know best.
pub fn catalog() -> Schema {
    let mut schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<Catalog>();
    schema.insert(
        "description".into(),
        "A catalog of the case widget: plans, case types, services with their categories, \
         severities, contact methods and limits. Only its shape is checked here; that ids \
         refer to defined ones and labels are given in every language is checked by \
         `case-server check-catalog` and when the widget or the server loads it."
            .into(),
    );
    if let Some(object) = schema.as_object_mut() {
        object.values_mut().for_each(unwrap_descriptions);
    }
    schema
}

/// Joins the lines of every description taken from a doc comment, which wraps them at the
/// source's width; an editor wraps them at its own. Paragraphs stay apart.
fn unwrap_descriptions(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                match value {
                    Value::String(text) if key == "description" => {
                        let paragraphs: Vec<String> =
                            text.split("\n\n").map(|p| p.replace('\n', " ")).collect();
                        *text = paragraphs.join("\n\n");
                    }
                    _ => unwrap_descriptions(value),
                }
            }
        }
        Value::Array(list) => list.iter_mut().for_each(unwrap_descriptions),
        _ => {}
    }
}

/// The catalog's schema as the pretty JSON of `docs/catalog.schema.json`, with a final newline.
pub fn catalog_json() -> String {
    let mut json = serde_json::to_string_pretty(&catalog()).expect("a schema is JSON");
    json.push('\n');
    json
}

/// A time of day as `chrono::NaiveTime` reads it: `H:MM` or `HH:MM`, seconds and a fraction
/// optional, a leap second allowed (chrono also skips spaces around the numbers; this does not).
pub(crate) struct Time;

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

/// A date as `chrono::NaiveDate` reads it: year, month and day joined by `-`, month and day with
/// one or two digits. Whether the day exists in that month is chrono's to say.
pub(crate) struct Date;

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A date, YYYY-MM-DD.",
            "type": "string",
            "pattern": "^[0-9]{1,4}-(0?[1-9]|1[0-2])-(0?[1-9]|[12][0-9]|3[01])$",
            "examples": ["2026-01-31"],
        })
    }
}

/// A day of the week as `chrono::Weekday` reads it: its English name or the name's first three
/// letters, in any case.
pub(crate) struct Weekday;

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
