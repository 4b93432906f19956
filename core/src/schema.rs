//! The JSON Schema of a catalog, generated from the types in `catalog/mod.rs` (only with the `schema`
//! feature: the widget leaves it off). `case-server catalog-schema` prints it, and
//! `docs/catalog.schema.json` is its committed copy, for editors.
//!
//! It describes what `Catalog::from_json` parses, and the ranges, patterns and non-empty lists
//! `Catalog::problems` enforces after that (`schema/constraints.rs`); not references between
//! ids or every label in every language. Where serde does not derive the parsing, chrono's times, dates and weekdays,
//! `catalog/chrono_schema.rs` says what chrono's parsers accept.

mod constraints;

use schemars::{generate::SchemaSettings, Schema};
use serde_json::Value;

use crate::catalog::Catalog;

/// The catalog's schema as JSON Schema draft 7, which editors know best.
pub fn catalog() -> Schema {
    let mut schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<Catalog>();
    schema.insert(
        "description".into(),
        "A catalog of the case widget: plans, case types, services with their categories, \
         severities, contact methods and limits. Its shape and ranges are checked here; that \
         ids refer to defined ones and labels are given in every language is checked by \
         `case-server check-catalog` and when the widget or the server loads it."
            .into(),
    );
    if let Some(object) = schema.as_object_mut() {
        object.values_mut().for_each(unwrap_descriptions);
    }
    if let Some(field) = schema.pointer_mut("/definitions/ExtraField") {
        refuse_unknown_field_members(field);
    }
    let mut value = schema.to_value();
    constraints::add(&mut value);
    Schema::try_from(value).expect("a schema with constraints is a schema")
}

/// An extra field refuses members its type does not have, as the parser does: each type's
/// schema lists the members every field has beside its own, and allows no other.
fn refuse_unknown_field_members(field: &mut Value) {
    let common: Vec<String> = field["properties"]
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    let kinds = field.get_mut("oneOf").and_then(Value::as_array_mut);
    for kind in kinds.into_iter().flatten() {
        if let Some(properties) = kind["properties"].as_object_mut() {
            for name in &common {
                properties.insert(name.clone(), Value::Bool(true));
            }
        }
        kind["additionalProperties"] = Value::Bool(false);
    }
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
