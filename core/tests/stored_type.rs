//! The type stored about a file is the one its bytes prove, or a declaration they agree with;
//! never one they contradict.

use case_core::attachment::stored_type;

#[test]
fn a_signature_shows_its_type_whatever_was_declared() {
    assert_eq!(
        stored_type("text/plain", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        "image/png"
    );
    assert_eq!(
        stored_type("", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
        "application/pdf"
    );
    assert_eq!(
        stored_type("image/png", b"RIFF\x10\0\0\0WEBPVP8 "),
        "image/webp"
    );
}

#[test]
fn text_declared_as_a_picture_is_stored_as_plain_text() {
    assert_eq!(stored_type("image/png", b"aaaaaaaaaaaaaaaa"), "text/plain");
    assert_eq!(
        stored_type("application/octet-stream", "状態確認が失敗しま".as_bytes()),
        "text/plain"
    );
    // Sixteen bytes may end inside a character.
    assert_eq!(
        stored_type("", &"ああああああ".as_bytes()[..16]),
        "text/plain"
    );
    assert_eq!(stored_type("", b"\xff\xfeh\0i\0"), "text/plain");
}

#[test]
fn text_keeps_the_text_type_it_was_declared_with() {
    assert_eq!(
        stored_type("application/json", b"{\"a\": 1}"),
        "application/json"
    );
    assert_eq!(
        stored_type("text/csv; charset=utf-8", b"a,b\n1,2\n"),
        "text/csv"
    );
    assert_eq!(
        stored_type("application/ld+json", b"{}"),
        "application/ld+json"
    );
}

#[test]
fn svg_behind_a_byte_order_mark_is_stored_as_svg() {
    assert_eq!(
        stored_type("image/bmp", b"\xef\xbb\xbf <svg xmlns="),
        "image/svg+xml"
    );
    assert_eq!(
        stored_type("text/plain", b"<?xml version="),
        "image/svg+xml"
    );
}

#[test]
fn other_bytes_keep_a_declaration_they_cannot_disprove_and_nothing_else() {
    let binary = b"\0\x01\x02\x03binary\x04";
    assert_eq!(
        stored_type("application/x-7z-compressed", binary),
        "application/x-7z-compressed"
    );
    assert_eq!(stored_type("image/png", binary), "application/octet-stream");
    assert_eq!(
        stored_type("text/plain", binary),
        "application/octet-stream"
    );
    assert_eq!(stored_type("", binary), "application/octet-stream");
    assert_eq!(
        stored_type("x\"; <script>", binary),
        "application/octet-stream"
    );
}
