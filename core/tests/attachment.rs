mod common;

use case_core::attachment::{check, effective_type, is_executable, is_svg, refuse_content, sniff};
use case_core::catalog::AttachmentRules;
use case_core::draft::AttachmentMeta;
use case_core::rules::Rules;
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

/// The first 16 bytes of an SVG behind a UTF-8 byte order mark.
const SVG_AFTER_BOM: &[u8] = b"\xef\xbb\xbf<svg onload=al";
/// The first 16 bytes of an SVG behind an XML declaration.
const SVG_AFTER_XML_DECLARATION: &[u8] = b"<?xml version=\"1";

/// The attachment rules of the shipped catalogs that take `image/*`.
fn image_star_rules() -> Vec<(&'static str, AttachmentRules)> {
    let aws = catalog("aws");
    let billing = Rules::new(&aws, "business")
        .attachments(Some("account-billing"))
        .clone();
    let akamai = catalog("akamai").attachments;
    for rules in [&billing, &akamai] {
        assert!(rules
            .allowed_types
            .as_ref()
            .unwrap()
            .contains(&"image/*".into()));
    }
    vec![("aws", billing), ("akamai", akamai)]
}

/// What `check` answers for an SVG sent as a picture, beside a plain SVG's answer.
fn svg_refusals(leading: &[u8]) {
    for (name, rules) in image_star_rules() {
        let plain = checked(
            &rules,
            &[],
            &file("logo.svg", "image/svg+xml"),
            b"<svg xmlns=\"http",
        );
        assert_eq!(plain, Some("error-attachment-not-allowed"), "{name}");
        for (file_name, declared) in [("photo.png", "image/png"), ("photo.bmp", "image/bmp")] {
            let disguised = checked(&rules, &[], &file(file_name, declared), leading);
            assert_eq!(disguised, plain, "{name}: {file_name}");
        }
    }
}

#[test]
fn an_svg_behind_a_byte_order_mark_is_refused_by_image_star_as_a_plain_svg_is() {
    svg_refusals(SVG_AFTER_BOM);
}

#[test]
fn an_svg_behind_an_xml_declaration_is_refused_by_image_star_as_a_plain_svg_is() {
    svg_refusals(SVG_AFTER_XML_DECLARATION);
}

#[test]
fn svg_is_told_by_its_type_its_name_or_how_its_first_bytes_begin() {
    assert!(is_svg("logo", "image/svg+xml; charset=utf-8", b""));
    assert!(is_svg("LOGO.SVG", "", b""));
    assert!(is_svg("x", "", b"  \n<SVG xmlns="));
    assert!(is_svg("x", "", b"\xff\xfe<\0?\0x\0m\0l\0 \0"), "UTF-16");
    assert!(is_svg("x", "", b"<!DOCTYPE svg PU"));
    assert!(is_svg("x", "", b"<!-- drawn by -->"));
    assert!(
        is_svg("x", "", b"              <s"),
        "cut off inside padding and an opening: what follows is unseen"
    );
    assert!(!is_svg("notes.txt", "text/plain", b"<html> is a tag"));
    assert!(!is_svg("short.txt", "text/plain", b"  \n"), "all of a file");
    assert!(!is_svg("shot.png", "image/png", PNG));
    assert!(!is_svg("data.csv", "text/csv", b"a,b,c\n1,2,3\n4,5,"));
}
