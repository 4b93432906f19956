//! The views' access to messages: the current language as a signal, and lookups that re-render
//! when it changes.

use std::sync::OnceLock;

use case_core::catalog::Text;
use case_core::i18n::{negotiate, Arg, Messages, LANGUAGES};
use case_core::summary;
use case_core::{Answers, Catalog, FieldError};
use leptos::prelude::*;

pub fn messages() -> &'static Messages {
    static MESSAGES: OnceLock<Messages> = OnceLock::new();
    MESSAGES.get_or_init(|| Messages::load().expect("every locale parses (a host test checks)"))
}

#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<&'static str>,
}

fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| w.navigator().languages())
        .map(|langs| langs.iter().filter_map(|l| l.as_string()).collect())
        .unwrap_or_default()
}

impl I18n {
    /// The `locale` attribute if given, else the browser's languages, else English.
    pub fn new(attribute: Option<&str>) -> Self {
        let browser = browser_languages();
        let requested = attribute
            .into_iter()
            .chain(browser.iter().map(String::as_str));
        I18n {
            lang: RwSignal::new(negotiate(requested)),
        }
    }

    pub fn set(&self, locale: &str) {
        self.lang.set(negotiate([locale]));
    }

    pub fn lang(&self) -> &'static str {
        self.lang.get()
    }

    pub fn t(&self, id: &str) -> String {
        messages().format(self.lang.get(), id, &[])
    }

    pub fn ta(&self, id: &str, args: &[(&str, Arg)]) -> String {
        messages().format(self.lang.get(), id, args)
    }

    pub fn text(&self, text: &Text) -> String {
        text.get(self.lang.get()).to_owned()
    }

    pub fn size(&self, bytes: u64) -> String {
        messages().size(self.lang.get(), bytes)
    }

    /// Every answer as question and answer, in the current language.
    pub fn summary(&self, catalog: &Catalog, answers: &Answers) -> Vec<summary::Row> {
        summary::rows(messages(), self.lang.get(), catalog, answers)
    }

    pub fn error(&self, error: &FieldError) -> String {
        self.ta(error.code, &error.args)
    }

    /// Each UI language, named in itself, for the switcher.
    pub fn choices(&self) -> Vec<(&'static str, String)> {
        LANGUAGES
            .iter()
            .map(|l| (*l, messages().format(l, "language-name", &[])))
            .collect()
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}
