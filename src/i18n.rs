//! The views' access to messages: the current language as a signal, and lookups that re-render
//! when it changes.

use case_core::msg;
use std::cell::RefCell;
use std::rc::Rc;

use case_core::catalog::{Problem, Text};
use case_core::i18n::{negotiate, Arg, Messages, FILES, LANGUAGES};
use case_core::msg::MessageId;
use case_core::summary;
use case_core::{Answers, Catalog, FieldError};
use chrono::{DateTime, Datelike, Local, NaiveTime, Timelike, Utc};
use leptos::prelude::*;

use crate::web::assets::Assets;
use crate::web::fetch::fetch_text;

/// "09:00", written out rather than with `format("%H:%M")`, which would ship chrono's format parser.
pub fn hours_minutes(time: NaiveTime) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

thread_local! {
    static MESSAGES: RefCell<Rc<Messages>> = RefCell::new(Rc::new(Messages::basics()));
}

/// The messages loaded so far: every language's basics, and the languages asked for.
pub fn messages() -> Rc<Messages> {
    MESSAGES.with(|m| m.borrow().clone())
}

/// Fetches a language's texts from `locales/<lang>/` beside the widget, once.
pub async fn load_language(assets: &Assets, lang: &'static str) -> Result<(), String> {
    if messages().is_loaded(lang) {
        return Ok(());
    }
    let urls = FILES.map(|file| assets.url(&format!("locales/{lang}/{file}")));
    let texts = futures::future::join_all(
        urls.iter()
            .map(|url| async move { fetch_text(url).await.map_err(|_| url.clone()) }),
    )
    .await
    .into_iter()
    .collect::<Result<Vec<_>, _>>()?;
    let sources: Vec<&str> = texts.iter().map(String::as_str).collect();
    let next = messages()
        .with(lang, &sources)
        .map_err(|_| urls[0].clone())?;
    MESSAGES.with(|m| *m.borrow_mut() = Rc::new(next));
    Ok(())
}

#[derive(Clone, Copy)]
pub struct I18n {
    /// The language shown: one whose texts are loaded (or about to be, before the first step).
    lang: RwSignal<&'static str>,
    /// The language last asked for, shown once its texts arrive.
    wanted: StoredValue<&'static str>,
    assets: StoredValue<Assets>,
}

fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| w.navigator().languages())
        .map(|langs| langs.iter().filter_map(|l| l.as_string()).collect())
        .unwrap_or_default()
}

impl I18n {
    /// The `locale` attribute if given, else the browser's languages, else English; its texts
    /// load from beside the widget.
    pub fn new(attribute: Option<&str>, assets: Assets) -> Self {
        let browser = browser_languages();
        let requested = attribute
            .into_iter()
            .chain(browser.iter().map(String::as_str));
        let lang = negotiate(requested);
        I18n {
            lang: RwSignal::new(lang),
            wanted: StoredValue::new(lang),
            assets: StoredValue::new(assets),
        }
    }

    /// Loads the texts of the language shown first.
    pub async fn load_shown(&self) -> Result<(), String> {
        load_language(&self.assets.get_value(), self.lang.get_untracked()).await
    }

    /// Loads a language's texts without showing it, e.g. the one cases are written in.
    pub async fn load(&self, locale: &str) -> Result<(), String> {
        load_language(&self.assets.get_value(), negotiate([locale])).await
    }

    /// Switches to `locale` once its texts are loaded, unless another was asked for meanwhile.
    pub fn set(&self, locale: &str) {
        let lang = negotiate([locale]);
        self.wanted.set_value(lang);
        let this = *self;
        leptos::task::spawn_local(async move {
            // On failure the language stays as it is; the switcher shows what is shown.
            if load_language(&this.assets.get_value(), lang).await.is_ok()
                && this.wanted.get_value() == lang
            {
                this.lang.set(lang);
            }
        });
    }

    pub fn lang(&self) -> &'static str {
        self.lang.get()
    }

    pub fn t(&self, id: MessageId) -> String {
        messages().format(self.lang.get(), id, &[])
    }

    pub fn ta(&self, id: MessageId, args: &[(&str, Arg)]) -> String {
        messages().format(self.lang.get(), id, args)
    }

    pub fn text(&self, text: &Text) -> String {
        text.get(self.lang.get()).to_owned()
    }

    /// A catalog problem or warning as `path: what is wrong`.
    pub fn catalog_problem(&self, p: &Problem) -> String {
        let message = self.ta(p.code, &[("value", Arg::Text(p.value.clone()))]);
        let args = [
            ("path", p.path.as_str().into()),
            ("message", message.into()),
        ];
        self.ta(msg::CATALOG_PROBLEM, &args)
    }

    /// `id` with the `weekday`, `month`, `day` and `time` of `at` in the customer's time zone,
    /// and `args`.
    pub fn moment(&self, id: MessageId, at: DateTime<Utc>, args: &[(&str, Arg)]) -> String {
        let at = at.with_timezone(&Local);
        let weekday = self.ta(
            msg::WEEKDAY,
            &[("day", at.weekday().to_string().to_lowercase().into())],
        );
        let mut all = vec![
            ("weekday", weekday.into()),
            ("month", at.month().into()),
            ("day", at.day().into()),
            ("time", hours_minutes(at.time()).into()),
        ];
        all.extend(args.iter().cloned());
        self.ta(id, &all)
    }

    pub fn size(&self, bytes: u64) -> String {
        messages().size(self.lang.get(), bytes)
    }

    /// Every answer as question and answer, in the current language.
    pub fn summary(&self, catalog: &Catalog, answers: &Answers) -> Vec<summary::Row> {
        summary::rows(&messages(), self.lang.get(), catalog, answers)
    }

    pub fn error(&self, error: &FieldError) -> String {
        self.ta(error.code, &error.args)
    }

    /// Each UI language, named in itself, for the switcher.
    pub fn choices(&self) -> Vec<(&'static str, String)> {
        LANGUAGES
            .iter()
            .map(|l| (*l, messages().format(l, msg::LANGUAGE_NAME, &[])))
            .collect()
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}
