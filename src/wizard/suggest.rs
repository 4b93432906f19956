//! Help articles suggested while the customer writes: the catalog's own, matched in the
//! browser, and the backend's where the wire profile names a search. Matching waits for a pause
//! in typing; a slow or failing search only means fewer suggestions. The work after a pause or a
//! request reads the wizard with `try_` only: the page may have removed the widget meanwhile.

use std::rc::Rc;
use std::sync::Arc;

use case_core::profile::{Profile, Request, SuggestQuery};
use case_core::suggest::{Library, Query, Suggested, MAX_SUGGESTIONS};
use case_core::Step;
use leptos::prelude::*;

use super::Wizard;
use crate::host::HostEvent;
use crate::i18n::I18n;
use crate::web::fetch::{fetch_json, fetch_text, resolve};
use crate::web::timer::sleep_ms;

/// How long typing must pause before articles are matched again.
const PAUSE_MS: i32 = 300;

#[derive(Clone, Copy)]
pub struct Suggestions {
    /// Help articles for what the customer has written, best first.
    pub shown: RwSignal<Vec<Suggested>>,
    /// The catalog's help articles, once they arrive.
    articles: RwSignal<Option<Rc<Library>>, LocalStorage>,
}

impl Suggestions {
    pub(super) fn new() -> Self {
        Suggestions {
            shown: RwSignal::new(Vec::new()),
            articles: RwSignal::new_local(None),
        }
    }

    fn ids(&self) -> Vec<String> {
        self.shown
            .with_untracked(|s| s.iter().map(|a| a.id.clone()).collect())
    }
}

impl Wizard {
    /// Loads the catalog's articles, then keeps the suggestions matched to the subject,
    /// description, service and category, in the language shown.
    pub fn keep_suggesting(self, i18n: I18n) {
        // Fetched once the customer reaches the details, not while the wasm is taking the
        // first step over: most of the bytes would otherwise compete with it.
        let asked = StoredValue::new(false);
        Effect::new(move |_| {
            let early = matches!(
                self.nav.step.get(),
                Step::CaseType | Step::Classification | Step::Severity
            );
            if !early && !asked.get_value() {
                asked.set_value(true);
                self.load_articles();
            }
        });
        let pauses = StoredValue::new(0_u64);
        Effect::new(move |_| {
            self.suggestions.articles.track();
            self.draft.answers.track();
            let lang = i18n.lang();
            let this = pauses.get_value() + 1;
            pauses.set_value(this);
            // False once typing went on, or the widget left the page.
            let current = move || pauses.try_get_value() == Some(this);
            leptos::task::spawn_local(async move {
                sleep_ms(PAUSE_MS).await;
                if current() {
                    self.suggest_now(lang, current);
                }
            });
        });
    }

    fn load_articles(self) {
        let file = self.setup.with_value(|s| {
            let articles = s.catalog.articles.clone()?;
            resolve(&articles, &s.config.catalog_url)
        });
        let Some(url) = file else {
            return;
        };
        leptos::task::spawn_local(async move {
            if let Ok(library) = fetch_text(&url).await.and_then(|t| Library::from_json(&t)) {
                self.suggestions.articles.try_set(Some(Rc::new(library)));
            }
        });
    }

    /// Matches the catalog's articles now and, where the profile names a search, adds the
    /// backend's before showing them.
    fn suggest_now(self, lang: &'static str, current: impl Fn() -> bool + 'static) {
        let Some((text, service, category)) = self.draft.answers.try_with_untracked(|a| {
            (
                format!("{}\n{}", a.subject, a.description),
                a.service.clone(),
                a.category.clone(),
            )
        }) else {
            return;
        };
        let query = Query {
            text: &text,
            service: &service,
            category: &category,
        };
        let found: Vec<Suggested> = self
            .suggestions
            .articles
            .try_with_untracked(|library| {
                let matched = library.as_ref()?.suggest(&query);
                Some(matched.into_iter().map(|a| a.shown_in(lang)).collect())
            })
            .flatten()
            .unwrap_or_default();
        let search = SuggestQuery {
            text: text.trim(),
            locale: lang,
            service: &service,
            category: &category,
        };
        let Some((profile, request)) = self.backend_search(&search) else {
            self.show_suggestions(found);
            return;
        };
        leptos::task::spawn_local(async move {
            let more = self.search_backend(request, &profile).await;
            if !current() {
                return;
            }
            let mut found = found;
            for article in more.unwrap_or_default() {
                if !found.iter().any(|f| f.id == article.id) {
                    found.push(article);
                }
            }
            found.truncate(MAX_SUGGESTIONS);
            self.show_suggestions(found);
        });
    }

    /// The profile's search for `query`, where it names one and there is enough to search for.
    fn backend_search(&self, query: &SuggestQuery) -> Option<(Arc<Profile>, Request)> {
        if query.text.chars().count() < 3 {
            return None;
        }
        self.setup.try_with_value(|s| {
            let request = s.profile.suggest_request(&s.config.endpoint, query)?;
            Some((s.profile.clone(), request))
        })?
    }

    /// The backend's articles, where it answers.
    async fn search_backend(self, request: Request, profile: &Profile) -> Option<Vec<Suggested>> {
        let mut headers = request.headers;
        headers.extend(self.host.request_headers().await.ok()?);
        let answer = fetch_json(&request.url, &headers).await.ok()?;
        Some(profile.suggested_in(&answer))
    }

    /// Shows `found`; the page hears of it when the articles themselves changed, not when only
    /// the language they are shown in did.
    fn show_suggestions(self, found: Vec<Suggested>) {
        let ids = |list: &[Suggested]| list.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
        let (same, same_ids) = self
            .suggestions
            .shown
            .with_untracked(|shown| (*shown == found, ids(shown) == ids(&found)));
        if same {
            return;
        }
        if !same_ids && !found.is_empty() {
            let text = self.setup.with_value(|s| {
                s.config.events_with_text.then(|| {
                    self.draft
                        .answers
                        .with_untracked(|a| format!("{}\n{}", a.subject, a.description))
                })
            });
            self.host.emit(HostEvent::Suggested {
                ids: ids(&found),
                text,
            });
        }
        self.suggestions.shown.set(found);
    }

    /// "This solved my problem": nothing is filed, the draft goes, and the page hears which
    /// articles helped.
    pub fn solved(&self) {
        let ids = self.suggestions.ids();
        self.host.emit(HostEvent::Solved { ids });
        self.nav.solving.set(false);
        self.discard();
        self.notes.notice.set(Some(case_core::msg::SOLVED_NOTICE));
    }

    /// The customer opened a suggested article (in a new tab; the draft stays).
    pub fn article_opened(&self, id: &str) {
        self.host
            .emit(HostEvent::ArticleOpened { id: id.to_owned() });
    }
}
