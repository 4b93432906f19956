//! The locales: complete in every language, with the same variables, and every message id the
//! code uses exists.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use case_core::i18n::{negotiate, Arg, Messages, LANGUAGES, SOURCES};
use case_core::msg::{self, MessageId};
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn collect_vars(pattern: &Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            collect_expression(expression, vars);
        }
    }
}

fn collect_expression(expression: &Expression<&str>, vars: &mut BTreeSet<String>) {
    match expression {
        Expression::Inline(inline) => collect_inline(inline, vars),
        Expression::Select { selector, variants } => {
            collect_inline(selector, vars);
            for v in variants {
                collect_vars(&v.value, vars);
            }
        }
    }
}

fn collect_inline(inline: &InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        InlineExpression::Placeable { expression } => collect_expression(expression, vars),
        _ => {}
    }
}

/// Message id -> the variables it uses, over every file of one language.
fn messages_of(lang: &str) -> BTreeMap<String, BTreeSet<String>> {
    let dir = root().join("locales").join(lang);
    let mut messages = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ftl") {
            let source = std::fs::read_to_string(&path).unwrap();
            let resource = fluent_syntax::parser::parse(source.as_str())
                .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", path.display()));
            for entry in resource.body {
                if let Entry::Message(m) = entry {
                    let mut vars = BTreeSet::new();
                    if let Some(value) = &m.value {
                        collect_vars(value, &mut vars);
                    }
                    let previous = messages.insert(m.id.name.to_owned(), vars);
                    assert!(previous.is_none(), "{lang}: {} defined twice", m.id.name);
                }
            }
        }
    }
    messages
}

#[test]
fn every_locale_has_every_english_message_with_the_same_variables() {
    let english = messages_of("en");
    assert!(
        english.len() > 100,
        "English has {} messages",
        english.len()
    );
    for lang in LANGUAGES.iter().filter(|l| **l != "en") {
        let other = messages_of(lang);
        for (id, vars) in &english {
            match other.get(id) {
                None => panic!("{lang} lacks {id}"),
                Some(v) => assert_eq!(v, vars, "{lang}: {id} uses other variables"),
            }
        }
        for id in other.keys() {
            assert!(
                english.contains_key(id),
                "{lang} has {id}, which English lacks"
            );
        }
    }
}

#[test]
fn every_locale_is_translated_not_copied() {
    let english = messages_of("en");
    let messages = Messages::load().unwrap();
    for lang in ["ja", "ko", "zh"] {
        for id in [
            msg::WIDGET_TITLE,
            msg::ACTION_NEXT,
            msg::ERROR_SUBJECT_REQUIRED,
            msg::CATALOG_UNKNOWN_REF,
        ] {
            assert!(english.contains_key(id.as_str()));
            assert_ne!(
                messages.format(lang, id, &[]),
                messages.format("en", id, &[]),
                "{lang}: {id}"
            );
        }
    }
}

/// The ids English lacks, of those given.
fn missing_in_english<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let english = messages_of("en");
    ids.into_iter()
        .filter(|id| !english.contains_key(*id))
        .collect()
}

#[test]
fn every_message_id_the_code_can_ask_for_exists_in_english() {
    // Every lookup takes a `MessageId`, and `msg::ALL` holds every one there is.
    assert!(msg::ALL.len() > 150, "{} ids", msg::ALL.len());
    let missing = missing_in_english(msg::ALL.iter().map(|id| id.as_str()));
    assert!(missing.is_empty(), "missing in locales/en: {missing:?}");
}

#[test]
fn a_mistyped_message_id_is_reported_missing() {
    let ids = [msg::LOADING.as_str(), "loadnig", "error-subject-requried"];
    assert_eq!(
        missing_in_english(ids),
        vec!["loadnig", "error-subject-requried"]
    );
}

#[test]
fn every_english_message_is_one_the_code_can_ask_for() {
    let unused: Vec<String> = messages_of("en")
        .into_keys()
        .filter(|id| MessageId::parse(id).is_none())
        .collect();
    assert!(unused.is_empty(), "never shown: {unused:?}");
}

#[test]
fn plurals_and_sizes_follow_the_language() {
    let m = Messages::load().unwrap();
    assert_eq!(
        m.format("en", msg::CHARS_LEFT, &[("n", Arg::Number(1.0))]),
        "1 character left"
    );
    assert_eq!(
        m.format("en", msg::CHARS_LEFT, &[("n", Arg::Number(5.0))]),
        "5 characters left"
    );
    assert_eq!(
        m.format("ja", msg::CHARS_LEFT, &[("n", Arg::Number(5.0))]),
        "残り 5 文字"
    );
    assert_eq!(m.size("en", 5 * 1024 * 1024), "5 MB");
    assert_eq!(m.size("en", 1536), "1.5 KB");
    assert_eq!(
        m.format(
            "en",
            msg::ATTACHMENTS_LIMITS,
            &[("max", Arg::Number(3.0)), ("size", Arg::Bytes(5 << 20))]
        ),
        "Up to 3 files, 5 MB each at most."
    );
    assert_eq!(
        m.format(
            "ko",
            msg::ATTACHMENTS_LIMITS,
            &[("max", Arg::Number(3.0)), ("size", Arg::Bytes(5 << 20))]
        ),
        "최대 3개 파일, 파일당 5 MB까지."
    );
}

#[test]
fn a_missing_message_falls_back_to_english_then_to_its_id() {
    let m = Messages::load().unwrap();
    assert_eq!(m.format("fr", msg::ACTION_NEXT, &[]), "Continue");
    // Every id the code has is in the complete English, so only texts not yet loaded lack one.
    let neither_loaded = Messages::basics();
    assert_eq!(
        neither_loaded.format("ja", msg::ACTION_NEXT, &[]),
        "action-next"
    );
}

#[test]
fn the_language_comes_from_the_first_preference_we_speak() {
    assert_eq!(negotiate(["ja-JP", "en-US"]), "ja");
    assert_eq!(negotiate(["fr-FR", "ko-KR"]), "ko");
    assert_eq!(negotiate(["zh-Hant-TW"]), "zh");
    assert_eq!(negotiate(["ZH_cn"]), "zh");
    assert_eq!(negotiate(["pt-BR"]), "en");
    assert_eq!(negotiate(std::iter::empty::<&str>()), "en");
}

#[test]
fn every_field_error_a_server_may_send_has_a_message_with_exactly_its_arguments() {
    let english = messages_of("en");
    let listed: BTreeMap<String, BTreeSet<String>> = case_core::validate::FIELD_ERRORS
        .iter()
        .map(|(code, args)| {
            let args = args.iter().map(|a| (*a).to_owned()).collect();
            (code.as_str().to_owned(), args)
        })
        .collect();
    let messages: BTreeMap<String, BTreeSet<String>> = english
        .into_iter()
        .filter(|(id, _)| id.starts_with("error-"))
        .filter(|(id, _)| {
            id != msg::ERROR_SUMMARY_TITLE.as_str() && id != msg::ERROR_SERVER.as_str()
        })
        .collect();
    assert_eq!(listed, messages);
}

#[test]
fn before_a_language_loads_only_its_basics_are_known_and_every_language_is_named_in_itself() {
    let m = Messages::basics();
    let names: Vec<String> = LANGUAGES
        .iter()
        .map(|l| m.format(l, msg::LANGUAGE_NAME, &[]))
        .collect();
    assert_eq!(names, ["English", "日本語", "한국어", "中文"]);
    assert_eq!(m.format("ko", msg::LOADING, &[]), "불러오는 중…");
    assert!(!m.is_loaded("ko"));
    assert_eq!(m.format("ko", msg::ACTION_NEXT, &[]), "action-next");
}

#[test]
fn a_language_loaded_on_demand_is_complete_and_leaves_the_others_as_they_were() {
    let (_, ko) = SOURCES.iter().find(|(l, _)| *l == "ko").unwrap();
    let m = Messages::basics().with("ko", ko).unwrap();
    assert!(m.is_loaded("ko"));
    assert_eq!(m.format("ko", msg::ACTION_NEXT, &[]), "계속");
    assert_eq!(m.format("ko", msg::LANGUAGE_NAME, &[]), "한국어");
    assert!(!m.is_loaded("ja"));
    assert_eq!(m.format("ja", msg::ACTION_NEXT, &[]), "action-next");
}

#[test]
fn texts_for_a_language_the_widget_lacks_or_that_do_not_parse_are_refused() {
    let m = Messages::basics();
    assert!(m.with("fr", &["action-next = Continuer"]).is_err());
    assert!(m.with("ja", &["action-next = {"]).is_err());
}
