//! What the attachments step tells a customer about its limits: the kinds of file a catalog
//! allows, in words, and sizes that never read as if they were within the limit.

mod common;

use case_core::attachment::{check, kind_of, refuse_content};
use case_core::catalog::AttachmentRules;
use case_core::i18n::{Arg, Messages};
use case_core::msg;
use common::{catalog, file, EXE};

const MB5: u64 = 5 * 1024 * 1024;

fn billing_rules() -> AttachmentRules {
    let aws = catalog("aws");
    let billing = aws
        .case_types
        .iter()
        .find(|t| t.id == "account-billing")
        .unwrap();
    billing.attachments.clone().unwrap()
}

fn shown(messages: &Messages, lang: &str, error: &case_core::FieldError) -> String {
    messages.format(lang, error.code, &error.args)
}

#[test]
fn the_billing_catalogs_types_read_as_kinds_of_file_in_every_language() {
    let m = Messages::load().unwrap();
    let types = billing_rules().allowed_types.unwrap();
    assert_eq!(m.file_kinds("en", &types), "images, PDF, CSV or text files");
    assert_eq!(
        m.file_kinds("ja", &types),
        "画像、PDF、CSV、またはテキストファイル"
    );
    assert_eq!(
        m.file_kinds("ko", &types),
        "이미지, PDF, CSV 또는 텍스트 파일"
    );
    assert_eq!(m.file_kinds("zh", &types), "图片、PDF、CSV或文本文件");
}

#[test]
fn each_kind_is_named_once_however_many_entries_admit_it() {
    let m = Messages::load().unwrap();
    let types: Vec<String> = ["text/plain", ".txt", "image/png", ".jpg", "image/*"]
        .map(String::from)
        .into();
    assert_eq!(m.file_kinds("en", &types), "text files or images");
}

#[test]
fn a_type_with_no_name_of_its_own_is_shown_as_the_catalog_writes_it() {
    let m = Messages::load().unwrap();
    assert_eq!(kind_of(".xyz"), None);
    assert_eq!(kind_of(" Image/* "), Some(msg::FILE_KIND_IMAGES));
    let one = vec![".xyz".to_owned()];
    assert_eq!(m.file_kinds("en", &one), ".xyz");
    let two = vec!["application/pdf".to_owned(), "video/mp4".to_owned()];
    assert_eq!(m.file_kinds("en", &two), "PDF or video/mp4");
}

#[test]
fn a_file_of_a_type_the_catalog_does_not_list_is_told_which_types_it_takes() {
    let m = Messages::load().unwrap();
    let rules = billing_rules();
    let error = refuse_content(&rules, &file("logs.bin", "", 3), &[1, 2, 3]).unwrap();
    assert_eq!(error.code, msg::ERROR_ATTACHMENT_NOT_ALLOWED);
    assert_eq!(
        shown(&m, "en", &error),
        "“logs.bin” can’t be attached here: you can attach images, PDF, CSV or text files"
    );
    assert_eq!(
        shown(&m, "ja", &error),
        "「logs.bin」はここには添付できません。添付できるのは画像、PDF、CSV、またはテキストファイルです"
    );
}

#[test]
fn a_renamed_program_is_told_the_allowed_types_where_the_catalog_lists_them() {
    let listed = refuse_content(&billing_rules(), &file("photo.png", "image/png", 9), EXE).unwrap();
    assert_eq!(listed.code, msg::ERROR_ATTACHMENT_NOT_ALLOWED);
    let any = refuse_content(
        &AttachmentRules::default(),
        &file("photo.png", "image/png", 9),
        EXE,
    );
    assert_eq!(any.unwrap().code, msg::ERROR_ATTACHMENT_TYPE);
}

#[test]
fn a_file_one_byte_over_the_limit_is_told_to_the_byte() {
    let m = Messages::load().unwrap();
    let rules = billing_rules();
    let error = check(
        &rules,
        &[],
        &file("too-big.log", "text/plain", MB5 + 1),
        b"text",
    )
    .unwrap();
    assert_eq!(error.code, msg::ERROR_ATTACHMENT_TOO_LARGE);
    assert_eq!(
        shown(&m, "en", &error),
        "“too-big.log” is 5,242,881 bytes: files can be 5,242,880 bytes at most"
    );
    assert_eq!(
        shown(&m, "ja", &error),
        "「too-big.log」は 5,242,881 バイト です。添付できるのは 5,242,880 バイト までです"
    );
}

#[test]
fn a_size_near_the_limit_is_never_rounded_onto_it() {
    let m = Messages::load().unwrap();
    for size in [MB5 + 1, MB5 + 50_000, MB5 + 52_000] {
        let args = [("size", Arg::Bytes(size)), ("max", Arg::Bytes(MB5))];
        let text = m.format(
            "en",
            msg::ERROR_ATTACHMENT_TOO_LARGE,
            &[("name", "a".into()), args[0].clone(), args[1].clone()],
        );
        let (said, limit) = text.split_once(": files can be ").unwrap();
        assert_ne!(
            said.trim_start_matches("“a” is "),
            limit.trim_end_matches(" at most"),
            "{text}"
        );
    }
}

#[test]
fn sizes_that_read_differently_keep_their_short_form() {
    let m = Messages::load().unwrap();
    let text = m.format(
        "en",
        msg::ERROR_ATTACHMENT_TOO_LARGE,
        &[
            ("name", "video.mp4".into()),
            ("size", Arg::Bytes(12 * 1024 * 1024)),
            ("max", Arg::Bytes(MB5)),
        ],
    );
    assert_eq!(text, "“video.mp4” is 12 MB: files can be 5 MB at most");
}

#[test]
fn the_allowed_types_travel_to_and_from_the_wire_as_written() {
    let arg = Arg::Types(vec!["image/*".into(), ".log".into()]);
    let json = serde_json::to_value(&arg).unwrap();
    assert_eq!(json, serde_json::json!({"types": ["image/*", ".log"]}));
    assert_eq!(serde_json::from_value::<Arg>(json).unwrap(), arg);
}
