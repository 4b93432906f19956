//! What is stored about a file's type comes from its bytes, never from what a client declared.

use case_core::attachment::shown_type;

#[test]
fn a_signature_shows_its_type_whatever_the_name() {
    assert_eq!(shown_type(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), "image/png");
    assert_eq!(
        shown_type(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
        "application/pdf"
    );
    assert_eq!(shown_type(b"RIFF\x10\0\0\0WEBPVP8 "), "image/webp");
}

#[test]
fn text_shows_as_plain_text_even_declared_as_a_picture() {
    assert_eq!(shown_type(b"aaaaaaaaaaaaaaaa"), "text/plain");
    assert_eq!(shown_type("状態確認が失敗しま".as_bytes()), "text/plain");
    // Sixteen bytes may end inside a character.
    assert_eq!(shown_type(&"ああああああ".as_bytes()[..16]), "text/plain");
    assert_eq!(shown_type(b"\xff\xfeh\0i\0"), "text/plain");
}

#[test]
fn svg_behind_a_byte_order_mark_shows_as_svg() {
    assert_eq!(shown_type(b"\xef\xbb\xbf <svg xmlns="), "image/svg+xml");
    assert_eq!(shown_type(b"<?xml version="), "image/svg+xml");
}

#[test]
fn other_bytes_show_as_unknown_binary() {
    assert_eq!(
        shown_type(b"\0\x01\x02\x03binary\x04"),
        "application/octet-stream"
    );
    assert_eq!(shown_type(b""), "application/octet-stream");
}
