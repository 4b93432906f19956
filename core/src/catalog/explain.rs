//! Why a catalog does not parse, said for its author: where (the path of the member at fault,
//! as the checker names paths, and the line and column) and what, in plain words with the
//! value. Only with the `explain` feature: tracking the path costs the widget bytes, and the
//! widget shows the line and column.

use serde_json::Value;
use serde_path_to_error::Segment;

use super::strict::{expected_names, nearest};
use super::Catalog;

/// What is wrong with a catalog that does not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explained {
    /// Where, e.g. `services[s3].categories[recovery].fields[region]`; empty for the whole
    /// file or where the JSON itself is broken.
    pub path: String,
    pub line: usize,
    pub column: usize,
    /// In plain words, with the value at fault.
    pub words: String,
}

impl std::fmt::Display for Explained {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (line, column) = (self.line, self.column);
        if self.path.is_empty() {
            write!(f, "line {line}, column {column}: {}", self.words)
        } else {
            let path = &self.path;
            write!(f, "{path}: {} (line {line}, column {column})", self.words)
        }
    }
}

/// Why `json` is not a catalog; `None` where it parses (its consistency is
/// `Catalog::problems`'s to say).
pub fn explain(json: &str) -> Option<Explained> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let error = match serde_path_to_error::deserialize::<_, Catalog>(&mut deserializer) {
        Ok(_) => deserializer.end().err().map(Tracked::whole)?,
        Err(e) => Tracked {
            segments: e.path().iter().cloned().collect(),
            error: e.into_inner(),
        },
    };
    let detail = error.error.to_string();
    let detail = detail
        .rsplit_once(" at line ")
        .map_or(detail.as_str(), |(words, _)| words);
    let (line, column) = (error.error.line(), error.error.column());
    let Ok(document) = serde_json::from_str::<Value>(json) else {
        // Broken JSON: the ids of the entries around cannot be read, so only the position.
        return Some(Explained {
            path: String::new(),
            line,
            column,
            words: syntax_words(detail),
        });
    };
    let mut at = At::new(&document);
    for segment in &error.segments {
        at.enter(segment);
    }
    Some(Explained {
        words: shape_words(detail, &mut at),
        path: at.path,
        line,
        column,
    })
}

struct Tracked {
    segments: Vec<Segment>,
    error: serde_json::Error,
}

impl Tracked {
    fn whole(error: serde_json::Error) -> Tracked {
        Tracked {
            segments: Vec::new(),
            error,
        }
    }
}

/// A place in the parsed document: its path as the checker writes it and the value there.
struct At<'a> {
    path: String,
    value: Option<&'a Value>,
    /// The member names on the way, for the words that depend on where (a response time).
    names: Vec<String>,
}

impl<'a> At<'a> {
    fn new(document: &'a Value) -> Self {
        At {
            path: String::new(),
            value: Some(document),
            names: Vec::new(),
        }
    }

    /// One step down: a list entry by its id (or region) where it has one, else its index.
    fn enter(&mut self, segment: &Segment) {
        match segment {
            Segment::Seq { index } => {
                self.value = self.value.and_then(|v| v.get(index));
                let id = self
                    .value
                    .and_then(|v| v.get("id").or_else(|| v.get("region")));
                match id.and_then(Value::as_str) {
                    Some(id) => self.path.push_str(&format!("[{id}]")),
                    None => self.path.push_str(&format!("[{index}]")),
                }
            }
            Segment::Map { key } => self.member(key),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }

    fn member(&mut self, key: &str) {
        self.value = self.value.and_then(|v| v.get(key));
        if !self.path.is_empty() {
            self.path.push('.');
        }
        self.path.push_str(key);
        self.names.push(key.to_owned());
    }

    /// Back up from the unknown member `name` to the object it is in.
    fn leave(&mut self, name: &str) {
        if self.names.last().is_some_and(|n| n == name) {
            self.names.pop();
            let cut = self.path.len() - name.len();
            self.path.truncate(cut.saturating_sub(1));
        }
    }

    /// The value here as the catalog writes it, shortened where long.
    fn shown(&self) -> String {
        let text = self.value.map_or_else(String::new, Value::to_string);
        match text.char_indices().nth(60) {
            Some((cut, _)) => format!("{}…", &text[..cut]),
            None => text,
        }
    }

    /// Whether this is a severity's response time for a plan.
    fn is_response_time(&self) -> bool {
        let n = self.names.len();
        self.names.first().is_some_and(|s| s == "severities")
            && (n >= 2 && self.names[n - 2] == "response"
                || n >= 3 && self.names[n - 3] == "response")
    }
}

const RESPONSE_TIME: &str = "a response time is one unit and a whole number, e.g. \
    {\"hours\": 4}, {\"minutes\": 30} or {\"business_days\": 2}, or \"unstated\"";

/// serde's words for a value of the wrong shape, said for an author with the value.
fn shape_words(detail: &str, at: &mut At) -> String {
    if at.is_response_time() {
        if at.names.len() >= 3 && at.names[at.names.len() - 2] != "response" {
            // Inside `{"hours": …}`: the whole response time is what to show.
            at.names.pop();
        }
        return format!(
            "{} is not a response time: {RESPONSE_TIME}",
            shown_response(at)
        );
    }
    if let Some(rest) = detail.strip_prefix("unknown field `") {
        let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
        at.leave(name);
        let known = expected_names(expected);
        return unknown_member(name, &known);
    }
    if let Some(rest) = detail.strip_prefix("missing field `") {
        let name = rest.trim_end_matches('`');
        return format!("the member `{name}` is missing: it is required here");
    }
    if let Some(rest) = detail.strip_prefix("unknown variant `") {
        let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known = expected_names(expected);
        let list: Vec<String> = known.iter().map(|k| format!("\"{k}\"")).collect();
        let hint =
            nearest(name, &known).map_or_else(String::new, |k| format!(" — did you mean \"{k}\"?"));
        return format!("\"{name}\" is not one of {}{hint}", list.join(", "));
    }
    if let Some(words) = chrono_words(detail, at) {
        return words;
    }
    if let Some(rest) = detail.strip_prefix("invalid type: ") {
        let expected = rest.split_once(", expected ").map_or("", |(_, e)| e);
        let expected = expected_in_words(expected);
        return format!(
            "{} is not of the right kind: {expected} is expected",
            at.shown()
        );
    }
    if let Some(rest) = detail.strip_prefix("invalid value: ") {
        let expected = rest.split_once(", expected ").map_or("", |(_, e)| e);
        let expected = expected_in_words(expected);
        return format!("{} is not allowed here: {expected} is expected", at.shown());
    }
    format!("{} is not what is expected here: {detail}", at.shown())
}

fn shown_response(at: &At) -> String {
    at.value.map_or_else(String::new, |v| match v {
        Value::Object(_) | Value::String(_) => at.shown(),
        other => other.to_string(),
    })
}

/// An unknown member, with the known one it is probably a misspelling of.
fn unknown_member(name: &str, known: &[&str]) -> String {
    match nearest(name, known) {
        Some(k) => format!("unknown member `{name}` — did you mean `{k}`?"),
        None if known.is_empty() => format!("unknown member `{name}`"),
        None => {
            let list: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
            format!(
                "unknown member `{name}`: the members here are {}",
                list.join(", ")
            )
        }
    }
}

/// What serde names as expected, e.g. `a map` or `usize`, as an author would say it.
fn expected_in_words(expected: &str) -> &str {
    match expected {
        "a map" | "struct Text" => "an object { … }",
        "a sequence" => "a list [ … ]",
        "a string" => "a string in double quotes",
        "a boolean" => "true or false",
        "usize" | "u64" | "u32" => "a whole number of 0 or more",
        "f64" => "a number",
        other if other.starts_with("struct ") || other.starts_with("enum ") => "an object { … }",
        other => other,
    }
}

/// chrono's terse words about a date, time or weekday, said with the value.
fn chrono_words(detail: &str, at: &mut At) -> Option<String> {
    if detail.contains("weekday") {
        let how = "write \"Mon\" to \"Sun\" or the whole English name";
        return Some(format!("{} is not a day of the week: {how}", at.shown()));
    }
    let exists = match detail {
        "input is out of range" => false,
        "input contains invalid characters"
        | "premature end of input"
        | "trailing input"
        | "input is not enough for unique date and time" => true,
        _ => return None,
    };
    if let Some(Value::Object(members)) = at.value {
        // An extra field's `min` or `max`: the field is read whole, so find the member.
        let member = members.iter().find(|(k, v)| {
            matches!(k.as_str(), "min" | "max")
                && v.as_str()
                    .is_some_and(|s| s.parse::<chrono::NaiveDate>().is_err())
        });
        if let Some((key, _)) = member {
            let key = key.clone();
            at.member(&key);
        }
    }
    let (kind, how) = match at.names.last().map(String::as_str) {
        Some("start" | "end") => ("time of day", "HH:MM, e.g. \"09:00\""),
        _ => ("date", "YYYY-MM-DD, e.g. \"2026-12-31\""),
    };
    let value = at.shown();
    Some(if exists {
        format!("{value} is not written as a {kind}: write {how}")
    } else {
        format!("{value} is not a {kind} that exists")
    })
}

/// serde_json's words for JSON that is not JSON, with how to mend it.
fn syntax_words(detail: &str) -> String {
    let words = match detail {
        "trailing comma" => "a comma too many before a closing `}` or `]`",
        "expected value" => "a value is missing here, or a word is not in double quotes",
        "expected `,` or `}`" => "a comma or a closing `}` is missing",
        "expected `,` or `]`" => "a comma or a closing `]` is missing",
        "expected `:`" => "a colon is missing after a member's name",
        "key must be a string" => "a member's name must be in double quotes",
        "trailing characters" => "there is more after the catalog's closing `}`",
        "expected ident" => "a word that is not true, false or null: strings need double quotes",
        other if other.starts_with("EOF while parsing") => {
            "the file ends too early: a closing `}` or `]` or quote is missing"
        }
        other if other.starts_with("control character") => {
            "a string has a line break or tab inside: write it as \\n or \\t"
        }
        other => return format!("not JSON: {other}"),
    };
    format!("not JSON: {words} ({detail})")
}
