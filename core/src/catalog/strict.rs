//! A catalog refuses members it does not know: a misspelt `min_lenght` is an error that names
//! the member and the nearest known one, never a rule silently ignored.

use serde::de::{Deserializer, Error};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::{ExtraField, FieldKind, Text};
use crate::map::insert_all;

#[cfg(any(feature = "explain", test))]
/// The known name closest to `name`: one or two letters off (a third of a long name), or
/// the same name in another case.
pub fn nearest<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    let allowed = (name.chars().count() / 3).clamp(1, 3);
    known
        .iter()
        .map(|k| (distance(&name.to_lowercase(), &k.to_lowercase()), *k))
        .filter(|(d, _)| *d <= allowed)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(any(feature = "explain", test))]
/// Edits (insert, delete, replace, swap two neighbours) from `a` to `b`.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![(0..=b.len()).collect::<Vec<usize>>()];
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let prev = &rows[i - 1];
            row[j] = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(rows[i - 2][j - 2] + 1);
            }
        }
        rows.push(row);
    }
    rows[a.len()][b.len()]
}

/// An extra field's members besides those of its type.
const COMMON: [&str; 5] = ["id", "label", "hint", "required", "type"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Common {
    id: String,
    label: Text,
    #[serde(default)]
    hint: Option<Text>,
    #[serde(default)]
    required: bool,
}

/// Read by hand because serde cannot refuse unknown members next to a flattened enum: the
/// members every field has are taken out, and the type's own refuses the rest.
impl<'de> Deserialize<'de> for ExtraField {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut rest = Map::deserialize(deserializer)?;
        let common: Map<String, Value> =
            insert_all(COMMON[..4].iter().filter_map(|k| rest.remove_entry(*k)));
        let kind = FieldKind::deserialize(Value::Object(rest))
            .map_err(|e| D::Error::custom(with_common_members(&e.to_string())))?;
        let common = Common::deserialize(Value::Object(common)).map_err(D::Error::custom)?;
        Ok(ExtraField {
            id: common.id,
            label: common.label,
            hint: common.hint,
            required: common.required,
            kind,
        })
    }
}

/// serde's "unknown field `x`, expected …" of a field's type, listing every member a field of
/// that type may have.
fn with_common_members(detail: &str) -> String {
    let Some(rest) = detail.strip_prefix("unknown field `") else {
        return detail.to_owned();
    };
    let Some((name, expected)) = rest.split_once("`, ") else {
        return detail.to_owned();
    };
    let mut known: Vec<&str> = COMMON.to_vec();
    known.extend(expected_names(expected));
    let list: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
    format!(
        "unknown field `{name}`, expected one of {}",
        list.join(", ")
    )
}

/// The names in serde's "expected one of `a`, `b`", "expected `a` or `b`" or "expected `a`".
pub fn expected_names(expected: &str) -> Vec<&str> {
    expected.split('`').skip(1).step_by(2).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_name_is_one_or_two_letters_off() {
        let known = ["min_length", "max_length", "label", "hint"];
        assert_eq!(nearest("min_lenght", &known), Some("min_length"));
        assert_eq!(nearest("lable", &known), Some("label"));
        assert_eq!(nearest("Hint", &known), Some("hint"));
        assert_eq!(nearest("pattern", &known), None);
    }

    #[test]
    fn serde_expected_lists_are_read() {
        assert_eq!(expected_names("expected one of `a`, `b`"), ["a", "b"]);
        assert_eq!(expected_names("expected `a` or `b`"), ["a", "b"]);
        assert_eq!(expected_names("there are no fields"), Vec::<&str>::new());
    }
}
