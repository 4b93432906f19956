mod common;

use case_core::attachment::{check, effective_type, is_executable, refuse_content, sniff};
use case_core::catalog::AttachmentRules;
use case_core::draft::AttachmentMeta;
use common::{catalog, EXE, PNG};

const PDF: &[u8] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
const ELF: &[u8] = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0";
const TEXT: &[u8] = b"2026-11-24 09:10";

fn file(name: &str, content_type: &str) -> AttachmentMeta {
    common::file(name, content_type, 100)
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

fn sized(name: &str, content_type: &str, size: u64) -> AttachmentMeta {
    AttachmentMeta {
        size,
        ..file(name, content_type)
    }
}

/// The code of the one refusal `check` gives, if any.
fn checked(
    rules: &AttachmentRules,
    attached: &[AttachmentMeta],
    candidate: &AttachmentMeta,
    leading: &[u8],
) -> Option<&'static str> {
    check(rules, attached, candidate, leading).map(|e| e.code.as_str())
}

#[test]
fn a_file_the_catalog_takes_passes_the_check() {
    let akamai = catalog("akamai");
    let shot = file("screen.png", "image/png");
    assert_eq!(checked(&akamai.attachments, &[], &shot, PNG), None);
    assert_eq!(
        checked(
            &akamai.attachments,
            &[file("report.pdf", "application/pdf")],
            &shot,
            PNG
        ),
        None
    );
}

#[test]
fn an_empty_file_is_refused_as_empty_whatever_its_bytes_would_show() {
    let any = AttachmentRules::default();
    let empty_png = sized("shot.png", "image/png", 0);
    assert_eq!(
        checked(&any, &[], &empty_png, b""),
        Some("error-attachment-empty")
    );
    let empty_program = sized("tool.exe", "application/x-msdownload", 0);
    assert_eq!(
        checked(&any, &[], &empty_program, EXE),
        Some("error-attachment-empty")
    );
}

#[test]
fn a_file_too_large_is_refused_as_too_large_before_its_type_is_looked_at() {
    let akamai = catalog("akamai");
    let big = sized("data.bin", "application/octet-stream", 6 * 1024 * 1024);
    assert_eq!(
        checked(&akamai.attachments, &[], &big, b"\x13\x37"),
        Some("error-attachment-too-large")
    );
    let big_program = sized("photo.png", "image/png", 6 * 1024 * 1024);
    assert_eq!(
        checked(&akamai.attachments, &[], &big_program, EXE),
        Some("error-attachment-too-large")
    );
}

#[test]
fn a_file_over_the_count_or_a_duplicate_is_refused_as_such_before_its_type() {
    let any = AttachmentRules::default();
    let three = [
        file("a.txt", "text/plain"),
        file("b.txt", "text/plain"),
        file("c.txt", "text/plain"),
    ];
    let program = file("tool", "application/octet-stream");
    assert_eq!(
        checked(&any, &three, &program, ELF),
        Some("error-attachment-too-many")
    );
    assert_eq!(
        checked(&any, &three[..1], &file("a.txt", "text/plain"), EXE),
        Some("error-attachment-duplicate")
    );
}

#[test]
fn a_file_the_count_size_and_names_allow_is_then_refused_by_its_bytes() {
    let any = AttachmentRules::default();
    let attached = [file("notes.txt", "text/plain")];
    let renamed = file("photo.png", "image/png");
    let refusal = check(&any, &attached, &renamed, EXE).unwrap();
    assert_eq!(
        (&*refusal.field.id(), refusal.code.as_str()),
        ("attachments", "error-attachment-type")
    );
    assert_eq!(refusal.args[0], ("name", "photo.png".into()));
}

#[test]
fn image_star_admits_pictures_but_not_svg_which_can_carry_script() {
    let pictures = AttachmentRules {
        allowed_types: Some(vec!["image/*".into()]),
        ..AttachmentRules::default()
    };
    assert!(!refused(&pictures, "shot.png", "image/png", PNG));
    assert!(refused(
        &pictures,
        "logo.svg",
        "image/svg+xml",
        b"<svg xmlns=\"http"
    ));
    assert!(
        refused(&pictures, "logo.png", "image/png", b"<svg onload=x>"),
        "bytes contradict"
    );
    assert!(refused(
        &pictures,
        "logo",
        "image/svg+xml",
        b"<?xml version="
    ));
    let svg_named = AttachmentRules {
        allowed_types: Some(vec!["image/svg+xml".into()]),
        ..AttachmentRules::default()
    };
    assert!(!refused(
        &svg_named,
        "logo.svg",
        "image/svg+xml",
        b"<svg xmlns=\"http"
    ));
}
