//! The small JSON template language of wire profiles: `"{path}"` takes a value (keeping its
//! type), `"text {path}"` fills text in, `{"$map": path, "values": {…}, "default": …}` picks by a
//! value, `{"$each": path, "as": template}` repeats for every item, `{"$merge": [templates]}`
//! joins objects, and `{/json/pointer}` reads the backend's answer. Whatever comes out empty is
//! left out.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::Body;
use crate::map::insert_all;

/// Where a template's names are looked up: the scope, the current `$each` item, and the
/// backend's answer for `{/json/pointer}`.
pub(super) struct Names<'a> {
    pub(super) root: &'a Value,
    pub(super) item: Option<&'a Value>,
    pub(super) answer: Option<&'a Value>,
}

impl Names<'_> {
    pub(super) fn lookup(&self, path: &str) -> Option<Value> {
        if path.starts_with('/') {
            return self.answer?.pointer(path).cloned();
        }
        let mut names = path.split('.');
        let first = names.next()?;
        let mut value = if first == "item" {
            self.item?
        } else {
            self.root.get(first)?
        };
        for name in names {
            value = match value {
                Value::Array(items) => items.get(name.parse::<usize>().ok()?)?,
                other => other.get(name)?,
            };
        }
        Some(value.clone())
    }

    pub(super) fn eval(&self, template: &Value) -> Value {
        match template {
            Value::String(s) => self.string(s),
            Value::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|t| self.eval(t))
                    .filter(|v| !v.is_null())
                    .collect(),
            ),
            Value::Object(object) => self.object(object),
            other => other.clone(),
        }
    }

    fn object(&self, object: &Map<String, Value>) -> Value {
        if let Some(Value::String(path)) = object.get("$map") {
            let key = self.lookup(path).map(|v| text_of(&v)).unwrap_or_default();
            let chosen = object
                .get("values")
                .and_then(|values| values.get(&key))
                .or_else(|| object.get("default"));
            return chosen.map_or(Value::Null, |t| self.eval(t));
        }
        if let Some(Value::String(path)) = object.get("$each") {
            let template = object.get("as").cloned().unwrap_or(Value::Null);
            let items = match self.lookup(path) {
                Some(Value::Array(items)) => items,
                _ => Vec::new(),
            };
            return Value::Array(
                items
                    .iter()
                    .map(|item| {
                        Names {
                            root: self.root,
                            item: Some(item),
                            answer: self.answer,
                        }
                        .eval(&template)
                    })
                    .filter(|v| !v.is_null())
                    .collect(),
            );
        }
        if let Some(Value::Array(parts)) = object.get("$merge") {
            let mut merged = Map::new();
            for part in parts {
                if let Value::Object(part) = self.eval(part) {
                    merged.extend(part);
                }
            }
            return Value::Object(merged);
        }
        Value::Object(insert_all(
            object
                .iter()
                .map(|(k, t)| (k.clone(), self.eval(t)))
                .filter(|(_, v)| !v.is_null()),
        ))
    }

    /// `"{path}"` alone keeps the value's type (an empty one is left out); anything else is
    /// text with each `{path}` replaced.
    fn string(&self, s: &str) -> Value {
        let holes = placeholders(s);
        if let [(0, end, path)] = holes.as_slice() {
            if *end == s.len() {
                return match self.lookup(path) {
                    Some(Value::String(t)) if t.is_empty() => Value::Null,
                    Some(Value::Array(a)) if a.is_empty() => Value::Null,
                    Some(v) => v,
                    None => Value::Null,
                };
            }
        }
        Value::String(self.fill(s, &holes, |v| v))
    }

    fn fill(
        &self,
        s: &str,
        holes: &[(usize, usize, &str)],
        encode: impl Fn(String) -> String,
    ) -> String {
        let mut out = String::new();
        let mut at = 0;
        for (start, end, path) in holes {
            out.push_str(&s[at..*start]);
            let value = self.lookup(path).map(|v| text_of(&v)).unwrap_or_default();
            // The endpoints are URLs already; every other value is data inside one.
            if path.ends_with("endpoint") {
                out.push_str(&value);
            } else {
                out.push_str(&encode(value));
            }
            at = *end;
        }
        out.push_str(&s[at..]);
        out
    }

    /// A URL template with its values percent-encoded; a `?` after the first one is read as `&`,
    /// so a query can follow an endpoint that has one.
    pub(super) fn url(&self, template: &str) -> String {
        let url = self.fill(template, &placeholders(template), |v| percent_encode(&v));
        match url.split_once('?') {
            Some((path, query)) => format!("{path}?{}", query.replace('?', "&")),
            None => url,
        }
    }

    /// Header templates; a header that comes out empty is not sent. JSON bodies get
    /// `Content-Type: application/json` unless the profile names another.
    pub(super) fn headers(
        &self,
        templates: &BTreeMap<String, String>,
        body: &Body,
    ) -> Vec<(String, String)> {
        let mut headers: Vec<(String, String)> = templates
            .iter()
            .map(|(name, t)| (name.clone(), self.fill(t, &placeholders(t), |v| v)))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        let has_type = headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("content-type"));
        if !has_type && matches!(body, Body::Text(_)) {
            headers.push(("Content-Type".into(), "application/json".into()));
        }
        headers
    }
}

/// `(start, end, path)` of every `{path}` in `s`; a brace around anything else is literal.
fn placeholders(s: &str) -> Vec<(usize, usize, &str)> {
    let mut found = Vec::new();
    let mut rest = 0;
    while let Some(open) = s[rest..].find('{').map(|i| i + rest) {
        let close = s[open..].find('}').map(|i| i + open);
        match close {
            Some(close)
                if close > open + 1
                    && s[open + 1..close]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "_./-".contains(c)) =>
            {
                found.push((open, close + 1, &s[open + 1..close]));
                rest = close + 1;
            }
            _ => rest = open + 1,
        }
    }
    found
}

/// A value as text: strings as they are, lists joined by ", ", nothing as empty.
pub(super) fn text_of(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(text_of).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::{Body, Names};

    fn eval(root: &Value, template: Value) -> Value {
        Names {
            root,
            item: None,
            answer: None,
        }
        .eval(&template)
    }

    #[test]
    fn a_placeholder_alone_keeps_the_values_type() {
        let root = json!({"n": 3, "yes": true, "list": ["a"]});
        assert_eq!(eval(&root, json!("{n}")), json!(3));
        assert_eq!(eval(&root, json!("{yes}")), json!(true));
        assert_eq!(eval(&root, json!("{list}")), json!(["a"]));
    }

    #[test]
    fn text_around_placeholders_is_filled_in_with_lists_joined_by_commas() {
        let root = json!({"id": 7, "tags": ["a", "b"], "none": null});
        let filled = eval(&root, json!("Case {id}: {tags}{none}{missing}."));
        assert_eq!(filled, json!("Case 7: a, b."));
    }

    #[test]
    fn a_brace_around_anything_but_a_path_is_literal() {
        let root = json!({"id": 7});
        let filled = eval(&root, json!("{} { id } {a b} {id}"));
        assert_eq!(filled, json!("{} { id } {a b} 7"));
    }

    #[test]
    fn what_comes_out_empty_is_left_out_of_objects_and_lists() {
        let root = json!({"empty": "", "nothing": [], "x": "x"});
        let template = json!({
            "a": "{empty}", "b": "{nothing}", "c": "{missing}", "d": "{x}",
            "list": ["{empty}", "{x}", "{missing}"],
        });
        assert_eq!(eval(&root, template), json!({"d": "x", "list": ["x"]}));
    }

    #[test]
    fn a_dotted_path_reaches_into_objects_and_into_lists_by_index() {
        let root = json!({"files": [{"name": "a.log"}, {"name": "b.png"}]});
        assert_eq!(eval(&root, json!("{files.1.name}")), json!("b.png"));
        assert_eq!(eval(&root, json!("{files.2.name}")), Value::Null);
    }

    #[test]
    fn map_picks_the_template_named_by_a_value_else_the_default() {
        let template =
            json!({"$map": "severity", "values": {"1": "urgent {severity}"}, "default": "normal"});
        assert_eq!(
            eval(&json!({"severity": "1"}), template.clone()),
            json!("urgent 1")
        );
        assert_eq!(eval(&json!({"severity": "4"}), template), json!("normal"));
        let without_default = json!({"$map": "severity", "values": {"1": "urgent"}});
        let root = json!({"severity": "4"});
        assert_eq!(eval(&root, json!({"p": without_default})), json!({}));
    }

    #[test]
    fn each_repeats_its_template_for_every_item_named_item() {
        let root = json!({"id": 9, "files": [{"name": "a"}, {"name": "b"}]});
        let template = json!({"$each": "files", "as": {"file": "{item.name}", "case": "{id}"}});
        let expected = json!([{"file": "a", "case": 9}, {"file": "b", "case": 9}]);
        assert_eq!(eval(&root, template), expected);
        assert_eq!(
            eval(&root, json!({"$each": "missing", "as": "{item}"})),
            json!([])
        );
    }

    #[test]
    fn merge_joins_objects_with_later_keys_winning() {
        let root = json!({"a": "A"});
        let template = json!({"$merge": [{"x": "{a}", "y": 1}, {"y": 2}, "not an object"]});
        assert_eq!(eval(&root, template), json!({"x": "A", "y": 2}));
    }

    #[test]
    fn a_json_pointer_reads_the_backends_answer() {
        let answer = json!({"data": {"id": "C-1", "links": ["https://x.example"]}});
        let names = Names {
            root: &Value::Null,
            item: None,
            answer: Some(&answer),
        };
        assert_eq!(names.eval(&json!("{/data/id}")), json!("C-1"));
        assert_eq!(
            names.eval(&json!("see {/data/links/0}")),
            json!("see https://x.example")
        );
        let no_answer = json!({});
        assert_eq!(eval(&no_answer, json!("{/data/id}")), Value::Null);
    }

    #[test]
    fn a_url_percent_encodes_values_but_not_endpoints_and_reads_a_second_question_mark_as_ampersand(
    ) {
        let root = json!({"endpoint": "https://h.example/api?key=1", "query": "a b&c/é"});
        let names = Names {
            root: &root,
            item: None,
            answer: None,
        };
        assert_eq!(
            names.url("{endpoint}?q={query}"),
            "https://h.example/api?key=1&q=a%20b%26c%2F%C3%A9"
        );
    }

    #[test]
    fn a_header_that_comes_out_empty_is_not_sent_and_a_json_body_gets_its_content_type() {
        let root = json!({"token": "t1"});
        let names = Names {
            root: &root,
            item: None,
            answer: None,
        };
        let templates = [
            ("Authorization", "Bearer {token}"),
            ("X-Empty", "{missing}"),
        ]
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .into();
        let json_headers = names.headers(&templates, &Body::Text(Vec::new()));
        assert_eq!(
            json_headers,
            [
                ("Authorization", "Bearer t1"),
                ("Content-Type", "application/json")
            ]
            .map(|(n, v)| (n.to_owned(), v.to_owned()))
        );
        let form_headers = names.headers(&templates, &Body::Form(Vec::new()));
        assert_eq!(
            form_headers,
            [("Authorization".to_owned(), "Bearer t1".to_owned())]
        );
    }

    #[test]
    fn a_content_type_the_profile_names_is_kept() {
        let root = json!({});
        let names = Names {
            root: &root,
            item: None,
            answer: None,
        };
        let templates = [("content-type".to_owned(), "text/plain".to_owned())].into();
        let headers = names.headers(&templates, &Body::Text(Vec::new()));
        assert_eq!(
            headers,
            [("content-type".to_owned(), "text/plain".to_owned())]
        );
    }
}
