// Helpers shared by the host tests.
#![allow(dead_code)]

use case_core::profile::Profile;
use case_core::{Answers, Catalog};

pub fn catalog(name: &str) -> Catalog {
    let path = format!(
        "{}/../public/catalog/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    Catalog::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The first bytes of a PNG image.
pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

/// The first bytes of a Windows program.
pub const EXE: &[u8] = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0";

/// A shipped wire profile, by its file name.
pub fn profile(name: &str) -> Profile {
    let path = format!(
        "{}/../public/profiles/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    Profile::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A complete, valid AWS technical case for the Business plan.
pub fn aws_technical() -> Answers {
    let mut a = Answers {
        case_type: "technical".into(),
        service: "ec2".into(),
        category: "instance-issue".into(),
        severity: "high".into(),
        subject: "Instance unreachable".into(),
        description: "It stopped answering at 09:10.".into(),
        name: "Ada".into(),
        email: "ada@example.com".into(),
        contact_method: "web".into(),
        contact_language: "en".into(),
        ..Answers::default()
    };
    a.fields.insert("region".into(), "us-east-1".into());
    a.fields
        .insert("instance_id".into(), "i-0abcd1234ef567890".into());
    a
}

/// The ids of the severities `rules` offer for a case type, in catalog order.
pub fn severity_ids(rules: &case_core::rules::Rules, case_type: &str) -> Vec<String> {
    rules
        .severities(case_type)
        .iter()
        .map(|o| o.severity.id.clone())
        .collect()
}
