// Types a catalog refuses beside those it allows: programs and scripts by default, the catalog's
// own list where it gives one, in the one check the widget and the server share.
mod common;

use case_core::attachment::check;
use case_core::catalog::AttachmentRules;
use case_core::msg;
use case_core::Catalog;
use common::{file, EXE, PNG};

const SCRIPT: &[u8] = b"@echo off\r\ndel /q";

fn refusal(
    rules: &AttachmentRules,
    name: &str,
    content_type: &str,
    leading: &[u8],
) -> Option<&'static str> {
    check(rules, &[], &file(name, content_type, 100), leading).map(|e| e.code.as_str())
}

fn rules(json: serde_json::Value) -> AttachmentRules {
    serde_json::from_value(json).unwrap()
}

#[test]
fn programs_and_scripts_are_refused_by_default_by_name_and_by_type() {
    let any = AttachmentRules::default();
    let type_error = Some(msg::ERROR_ATTACHMENT_TYPE.as_str());
    assert_eq!(refusal(&any, "clean.bat", "text/plain", SCRIPT), type_error);
    assert_eq!(
        refusal(
            &any,
            "Setup.EXE",
            "application/octet-stream",
            b"not a real one"
        ),
        type_error
    );
    assert_eq!(
        refusal(&any, "run", "application/x-sh", b"#!/bin/sh\n"),
        type_error
    );
    assert_eq!(refusal(&any, "notes.txt", "text/plain", b"hello"), None);
    // Where the catalog allows any text, a script's name still refuses it.
    let text = rules(serde_json::json!({ "allowed_types": ["text/plain", ".sh"] }));
    assert_eq!(
        refusal(&text, "fix.sh", "text/plain", b"#!/bin/sh\n"),
        type_error
    );
}

#[test]
fn a_catalogs_own_list_replaces_the_default() {
    let own = rules(serde_json::json!({
        "allowed_types": ["image/*", ".zip"],
        "refused_types": ["image/gif", ".zip"]
    }));
    let type_error = Some(msg::ERROR_ATTACHMENT_TYPE.as_str());
    assert_eq!(
        refusal(&own, "cat.gif", "image/gif", b"GIF89a\x01\0\x01\0"),
        type_error
    );
    assert_eq!(
        refusal(&own, "logs.zip", "application/zip", b"PK\x03\x04rest"),
        type_error
    );
    assert_eq!(refusal(&own, "shot.png", "image/png", PNG), None);
    // An empty list refuses nothing by name, but a program's bytes are refused whatever it says.
    let none = rules(serde_json::json!({ "refused_types": [] }));
    assert_eq!(refusal(&none, "clean.bat", "text/plain", SCRIPT), None);
    assert!(refusal(&none, "tool.exe", "application/octet-stream", EXE).is_some());
}

#[test]
fn the_shipped_catalogs_refuse_programs_by_default() {
    for name in ["aws", "akamai"] {
        let c: Catalog = common::catalog(name);
        for rules in c.attachment_rules() {
            assert_eq!(rules.refused_types, None, "{name}");
        }
    }
}
