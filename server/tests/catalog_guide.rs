//! `docs/catalog.md` shows every catalog rule with an example: each example, added to the guide's
//! starting catalog, passes `case-server check-catalog`, the broken one gets the very output the
//! guide shows for it, and its articles file reads as one.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

const GUIDE: &str = include_str!("../../docs/catalog.md");

/// The guide's code blocks whose fence says `json` (or `json broken`, or `json articles`), with
/// what the fence says after `json`, as JSON objects: a block of members without braces is read
/// as an object of them.
fn blocks() -> Vec<(&'static str, Value)> {
    let mut examples = Vec::new();
    let mut lines = GUIDE.lines();
    while let Some(line) = lines.next() {
        let info = match line.strip_prefix("```") {
            Some(info @ ("json" | "json broken" | "json articles")) => info,
            _ => continue,
        };
        let body: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
        let text = body.join("\n");
        let text = if text.trim_start().starts_with('{') {
            text
        } else {
            format!("{{{text}}}")
        };
        let value: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("an example in docs/catalog.md is not JSON: {e}\n{text}"));
        examples.push((info.trim_start_matches("json").trim(), value));
    }
    examples
}

/// The catalog examples, and whether each is the broken one.
fn examples() -> Vec<(bool, Value)> {
    blocks()
        .into_iter()
        .filter(|(kind, _)| *kind != "articles")
        .map(|(kind, value)| (kind == "broken", value))
        .collect()
}

/// Adds `example` to `catalog`: a list item with the id (or region) of one already there takes
/// its place, any other is added; every other member is replaced.
fn add(catalog: &mut Value, example: &Value) {
    for (key, value) in example.as_object().unwrap() {
        match (catalog.get_mut(key), value) {
            (Some(Value::Array(list)), Value::Array(items)) if items.iter().all(has_id) => {
                for item in items {
                    match list.iter_mut().find(|old| id(old) == id(item)) {
                        Some(old) => *old = item.clone(),
                        None => list.push(item.clone()),
                    }
                }
            }
            _ => {
                catalog
                    .as_object_mut()
                    .unwrap()
                    .insert(key.clone(), value.clone());
            }
        }
    }
}

fn id(item: &Value) -> Option<&Value> {
    item.get("id").or_else(|| item.get("region"))
}

fn has_id(item: &Value) -> bool {
    id(item).is_some()
}

fn check(dir: &Path, names: &[String]) -> (String, i32) {
    let output = Command::new(env!("CARGO_BIN_EXE_case-server"))
        .current_dir(dir)
        .arg("check-catalog")
        .args(names)
        .output()
        .unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        output.status.code().unwrap(),
    )
}

/// The lines the guide shows `check-catalog FILE` printing for this one file.
fn shown_output(file: &str) -> String {
    let command = format!("$ target/release/case-server check-catalog {file}\n");
    let start = GUIDE.find(&command).expect("the guide shows the command") + command.len();
    GUIDE[start..]
        .lines()
        .take_while(|l| !l.starts_with('$') && !l.starts_with("```"))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn every_example_in_the_catalog_guide_passes_the_checker() {
    let examples = examples();
    let starter = examples
        .iter()
        .find(|(_, e)| e.get("id").is_some())
        .map(|(_, e)| e.clone())
        .expect("the guide has a whole catalog to start from");
    let dir = tempfile::tempdir().unwrap();
    // The guide's articles file, where its example catalog names it, for the check to read.
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    let (_, articles) = blocks()
        .into_iter()
        .find(|(kind, _)| *kind == "articles")
        .unwrap();
    std::fs::write(
        dir.path().join("articles/example.json"),
        articles.to_string(),
    )
    .unwrap();
    let mut good = Vec::new();
    for (i, (broken, example)) in examples.iter().enumerate() {
        let mut catalog = starter.clone();
        add(&mut catalog, example);
        let name = if *broken {
            "my-catalog.json".to_owned()
        } else {
            format!("example-{i:02}.json")
        };
        let text = serde_json::to_string_pretty(&catalog).unwrap();
        std::fs::write(dir.path().join(&name), text).unwrap();
        if !*broken {
            good.push(name);
        }
    }
    assert!(good.len() > 20, "only {} examples found", good.len());
    let (report, code) = check(dir.path(), &good);
    let problems: Vec<&str> = report
        .lines()
        .filter(|l| !l.ends_with(": no problems"))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(code, 0);

    let (report, code) = check(dir.path(), &["my-catalog.json".to_owned()]);
    assert_eq!(report, shown_output("my-catalog.json"));
    assert_eq!(code, 1);
}

#[test]
fn the_articles_file_in_the_catalog_guide_is_one() {
    let files: Vec<Value> = blocks()
        .into_iter()
        .filter(|(kind, _)| *kind == "articles")
        .map(|(_, value)| value)
        .collect();
    assert_eq!(files.len(), 1);
    for file in files {
        case_core::suggest::Library::from_json(&file.to_string()).unwrap();
    }
}

#[test]
fn the_guide_adds_list_items_by_id() {
    let mut catalog = serde_json::json!({ "plans": [{ "id": "a", "n": 1 }], "id": "x" });
    let example = serde_json::json!({ "plans": [{ "id": "a", "n": 2 }, { "id": "b" }], "id": "y" });
    add(&mut catalog, &example);
    let expected =
        serde_json::json!({ "plans": [{ "id": "a", "n": 2 }, { "id": "b" }], "id": "y" });
    assert_eq!(catalog, expected);
}
