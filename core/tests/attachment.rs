mod common;

use case_core::attachment::{effective_type, is_executable, refuse_content, sniff};
use case_core::catalog::AttachmentRules;
use case_core::draft::AttachmentMeta;
use common::catalog;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
const PDF: &[u8] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
const EXE: &[u8] = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0";
const ELF: &[u8] = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0";
const TEXT: &[u8] = b"2026-11-24 09:10";

fn file(name: &str, content_type: &str) -> AttachmentMeta {
    AttachmentMeta {
        name: name.into(),
        size: 100,
        content_type: content_type.into(),
        token: String::new(),
    }
}

fn refused(rules: &AttachmentRules, name: &str, content_type: &str, leading: &[u8]) -> bool {
    refuse_content(rules, &file(name, content_type), leading).is_some()
}

#[test]
fn signatures_are_recognised() {
    assert_eq!(sniff(PNG), Some("image/png"));
    assert_eq!(sniff(PDF), Some("application/pdf"));
    assert_eq!(sniff(b"\xff\xd8\xff\xe0\0\x10JFIF"), Some("image/jpeg"));
    assert_eq!(sniff(b"RIFF\x10\0\0\0WEBPVP8 "), Some("image/webp"));
    assert_eq!(sniff(TEXT), None);
    assert!(is_executable(EXE) && is_executable(ELF) && !is_executable(PNG));
}

#[test]
fn a_renamed_program_is_refused_whatever_it_claims() {
    let any = AttachmentRules::default();
    assert!(refused(&any, "photo.png", "image/png", EXE));
    assert!(refused(&any, "tool", "application/octet-stream", ELF));
    assert!(refused(&any, "notes.txt", "text/plain", EXE));
}

#[test]
fn bytes_must_match_the_type_a_file_claims() {
    let any = AttachmentRules::default();
    assert!(
        refused(&any, "photo.png", "image/png", PDF),
        "a PDF named .png"
    );
    assert!(refused(&any, "scan.pdf", "", TEXT), "text named .pdf");
    assert!(!refused(&any, "photo.png", "image/png", PNG));
    assert!(!refused(
        &any,
        "random.bin",
        "application/octet-stream",
        b"\x13\x37\xc0\xde"
    ));
}

#[test]
fn the_allow_list_uses_the_proven_type() {
    let akamai = catalog("akamai");
    let rules = &akamai.attachments;
    assert!(
        !refused(rules, "screen.png", "image/png", PNG),
        "image/* admits PNG"
    );
    assert!(!refused(rules, "report.pdf", "application/pdf", PDF));
    assert!(!refused(rules, "server.log", "", TEXT), "by extension");
    assert!(
        refused(rules, "data.bin", "application/octet-stream", b"\x13\x37"),
        "not listed"
    );
    let har_only = AttachmentRules {
        allowed_types: Some(vec![".har".into()]),
        ..AttachmentRules::default()
    };
    assert!(!refused(&har_only, "trace.har", "", b"{\"log\": {"));
    assert!(
        refused(&har_only, "trace.har", "", PDF),
        "an extension does not admit content proven to be another type"
    );
    assert_eq!(
        effective_type(&file("x.dat", "text/plain"), PNG),
        "image/png"
    );
}
