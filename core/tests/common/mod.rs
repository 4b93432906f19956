// Helpers shared by the host tests.
#![allow(dead_code)]

use case_core::draft::AttachmentMeta;
use case_core::profile::Profile;
use case_core::{Answers, Catalog};
use chrono::{DateTime, Offset, Utc};

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

/// A file as the customer picked it, before any upload.
pub fn file(name: &str, content_type: &str, size: u64) -> AttachmentMeta {
    AttachmentMeta {
        name: name.into(),
        size,
        content_type: content_type.into(),
        token: String::new(),
    }
}

/// Offsets from the tz database, as the browser's `Intl` gives them in the widget.
pub fn tz_database(zone: &str, utc_seconds: i64) -> Option<i32> {
    let tz: chrono_tz::Tz = zone.parse().ok()?;
    let instant = DateTime::from_timestamp(utc_seconds, 0)?;
    Some(instant.with_timezone(&tz).offset().fix().local_minus_utc())
}

/// An RFC 3339 time, in UTC.
pub fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}
