//! The widget's messages: Fluent bundles for every language (each language's basics compiled
//! in, the rest added when the language is loaded), and language negotiation. Views never build a sentence; they ask for a message id with arguments.

use std::sync::Arc;

use fluent::{concurrent::FluentBundle, FluentArgs, FluentResource, FluentValue};

use crate::attachment::kind_of;
use crate::msg::{self, MessageId};

// Also named from here by the widget and the server.
pub use crate::msg::Arg;

/// The languages the widget speaks, English first (the fallback).
pub const LANGUAGES: [&str; 4] = ["en", "ja", "ko", "zh"];

/// What each language is called in itself, msg::LOADING and "texts failed": compiled in, so the
/// widget can offer every language and speak before the rest of a language has loaded.
pub const BASICS: [(&str, &str); 4] = [
    ("en", include_str!("../../locales/en/basics.ftl")),
    ("ja", include_str!("../../locales/ja/basics.ftl")),
    ("ko", include_str!("../../locales/ko/basics.ftl")),
    ("zh", include_str!("../../locales/zh/basics.ftl")),
];

/// The files a language loads on demand, under `locales/<language>/`.
pub const FILES: [&str; 2] = ["widget.ftl", "errors.ftl"];

/// Every language's files, compiled in: for the host's tests and tools (the widget fetches them).
pub const SOURCES: [(&str, [&str; 2]); 4] = [
    (
        "en",
        [
            include_str!("../../locales/en/widget.ftl"),
            include_str!("../../locales/en/errors.ftl"),
        ],
    ),
    (
        "ja",
        [
            include_str!("../../locales/ja/widget.ftl"),
            include_str!("../../locales/ja/errors.ftl"),
        ],
    ),
    (
        "ko",
        [
            include_str!("../../locales/ko/widget.ftl"),
            include_str!("../../locales/ko/errors.ftl"),
        ],
    ),
    (
        "zh",
        [
            include_str!("../../locales/zh/widget.ftl"),
            include_str!("../../locales/zh/errors.ftl"),
        ],
    ),
];

type Bundle = FluentBundle<FluentResource>;

/// One bundle per language, holding its basics and, once loaded, all its texts.
#[derive(Clone)]
pub struct Messages {
    bundles: Vec<(&'static str, Arc<Bundle>, bool)>,
}

fn bundle_of(lang: &str, sources: &[&str]) -> Result<Bundle, String> {
    let id = lang.parse().map_err(|e| format!("{lang}: {e}"))?;
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // The UI languages are all left-to-right; isolation marks would only litter the text.
    bundle.set_use_isolating(false);
    for source in sources {
        // Said in plain words rather than with the errors' Debug output, which would ship
        // formatting code for every fluent error type in the wasm.
        let resource = FluentResource::try_new(source.to_string()).map_err(|(_, errors)| {
            let at = errors.first().map_or(0, |e| e.pos.start);
            format!("{lang}: the texts do not parse at byte {at}")
        })?;
        bundle
            .add_resource(resource)
            .map_err(|errors| format!("{lang}: {} messages are defined twice", errors.len()))?;
    }
    Ok(bundle)
}

impl Messages {
    /// Every language's basics only; [`Messages::with`] adds a language's texts.
    pub fn basics() -> Self {
        let bundles = BASICS
            .iter()
            .map(|(lang, basics)| {
                let bundle = bundle_of(lang, &[basics]).expect("the basics parse (a test checks)");
                (*lang, Arc::new(bundle), false)
            })
            .collect();
        Messages { bundles }
    }

    /// Every language complete, from the compiled-in sources; a syntax error in a Fluent file is
    /// an error here, not a blank label.
    pub fn load() -> Result<Self, String> {
        SOURCES
            .iter()
            .try_fold(Messages::basics(), |m, (lang, sources)| {
                m.with(lang, sources)
            })
    }

    /// These messages with `lang`'s texts (the contents of its [`FILES`]) added.
    pub fn with(&self, lang: &str, sources: &[&str]) -> Result<Self, String> {
        let mut next = self.clone();
        let slot = next
            .bundles
            .iter_mut()
            .find(|(l, _, _)| *l == lang)
            .ok_or_else(|| format!("{lang}: not a language of the widget"))?;
        let basics = BASICS.iter().find(|(l, _)| *l == lang).map(|(_, b)| *b);
        let all: Vec<&str> = basics.into_iter().chain(sources.iter().copied()).collect();
        *slot = (slot.0, Arc::new(bundle_of(lang, &all)?), true);
        Ok(next)
    }

    /// Whether `lang`'s texts are loaded, beyond its basics.
    pub fn is_loaded(&self, lang: &str) -> bool {
        self.bundles
            .iter()
            .any(|(l, _, loaded)| *l == lang && *loaded)
    }

    fn bundle(&self, lang: &str) -> &FluentBundle<FluentResource> {
        self.bundles
            .iter()
            .find(|(l, _, _)| *l == lang)
            .map_or(&self.bundles[0].1, |(_, b, _)| b)
    }

    /// A size in the largest unit that keeps it at least 1, to one decimal: "4.5 MB".
    pub fn size(&self, lang: &str, bytes: u64) -> String {
        let (id, value) = match bytes {
            b if b >= 1024 * 1024 => (msg::SIZE_MB, b as f64 / (1024.0 * 1024.0)),
            b if b >= 1024 => (msg::SIZE_KB, b as f64 / 1024.0),
            b => (msg::SIZE_BYTES, b as f64),
        };
        let rounded = (value * 10.0).round() / 10.0;
        self.format(lang, id, &[("n", Arg::Number(rounded))])
    }

    /// Whether two different sizes among `args` would read the same when rounded (a file one
    /// byte over a 5 MB limit is "5 MB" too): then a message shows its sizes to the byte.
    fn sizes_read_alike(&self, lang: &str, args: &[(&str, Arg)]) -> bool {
        let sizes: Vec<u64> = args
            .iter()
            .filter_map(|(_, arg)| match arg {
                Arg::Bytes(b) => Some(*b),
                _ => None,
            })
            .collect();
        sizes.iter().enumerate().any(|(i, a)| {
            sizes[i + 1..]
                .iter()
                .any(|b| a != b && self.size(lang, *a) == self.size(lang, *b))
        })
    }

    /// A size to the byte, its digits grouped: "5,242,881 bytes".
    pub fn exact_size(&self, lang: &str, bytes: u64) -> String {
        let digits = bytes.to_string();
        let mut grouped = String::new();
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        self.format(lang, msg::SIZE_EXACT, &[("n", Arg::Text(grouped))])
    }

    /// The kinds of file a catalog's `allowed_types` admit, in words of `lang`, each once:
    /// "images, PDF, CSV or text files". A type with no name of its own is shown as written.
    pub fn file_kinds(&self, lang: &str, types: &[String]) -> String {
        let mut words: Vec<String> = Vec::new();
        for allowed in types {
            let word = match kind_of(allowed) {
                Some(kind) => self.format(lang, kind, &[]),
                None => allowed.clone(),
            };
            if !words.contains(&word) {
                words.push(word);
            }
        }
        let Some(last) = words.pop() else {
            return String::new();
        };
        if words.is_empty() {
            return last;
        }
        let separator = self.format(lang, msg::LIST_SEPARATOR, &[]);
        let mut items = String::new();
        for word in words {
            if !items.is_empty() {
                items.push_str(&separator);
            }
            items.push_str(&word);
        }
        self.format(
            lang,
            msg::LIST_OR,
            &[("items", Arg::Text(items)), ("last", Arg::Text(last))],
        )
    }

    pub fn has(&self, lang: &str, id: MessageId) -> bool {
        self.bundle(lang).has_message(id.as_str())
    }

    /// The message `id` in `lang`, else in English, else the id itself.
    pub fn format(&self, lang: &str, id: MessageId, args: &[(&str, Arg)]) -> String {
        let id = id.as_str();
        let exact = self.sizes_read_alike(lang, args);
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            let value = match value {
                Arg::Text(s) => FluentValue::from(s.clone()),
                Arg::Number(n) => FluentValue::from(*n),
                Arg::Bytes(b) if exact => FluentValue::from(self.exact_size(lang, *b)),
                Arg::Bytes(b) => FluentValue::from(self.size(lang, *b)),
                Arg::Label(text) => FluentValue::from(text.get(lang).to_owned()),
                Arg::Types(types) => FluentValue::from(self.file_kinds(lang, types)),
            };
            fluent_args.set(*name, value);
        }
        for bundle in [self.bundle(lang), self.bundle("en")] {
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return bundle
                    .format_pattern(pattern, Some(&fluent_args), &mut errors)
                    .into_owned();
            }
        }
        id.to_owned()
    }
}

/// The best UI language for a list of preferred languages (e.g. `navigator.languages`),
/// English when none matches.
pub fn negotiate<'a>(requested: impl IntoIterator<Item = &'a str>) -> &'static str {
    requested
        .into_iter()
        .find_map(|tag| {
            let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
            LANGUAGES.iter().copied().find(|l| *l == primary)
        })
        .unwrap_or("en")
}
