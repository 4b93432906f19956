//! Help articles suggested while the customer writes: the catalog's own, matched in the
//! browser, and the backend's where the wire profile names a search. Matching waits for a pause
//! in typing; a slow or failing search only means fewer suggestions. The work after a pause or a
//! request reads the wizard with `try_` only: the page may have removed the widget meanwhile.

use std::rc::Rc;

use case_core::profile::SuggestQuery;
use case_core::suggest::{Library, Query, Suggested, MAX_SUGGESTIONS};
use leptos::prelude::*;

use super::Wizard;
use crate::host::HostEvent;
use crate::i18n::I18n;
use crate::web::fetch::{fetch_json, fetch_text, resolve};
use crate::web::timer::sleep_ms;

/// How long typing must pause before articles are matched again.
const PAUSE_MS: i32 = 300;

impl Wizard {
    /// Loads the catalog's articles, then keeps `suggestions` matched to the subject,
    /// description, service and category, in the language shown.
    pub fn keep_suggesting(self, i18n: I18n) {
        let library = StoredValue::new_local(None::<Rc<Library>>);
        let file = self.setup.with_value(|s| {
            let articles = s.catalog.articles.clone()?;
            resolve(&articles, &s.config.catalog_url)
        });
        if let Some(url) = file {
            leptos::task::spawn_local(async move {
                // The widget may have left the page meanwhile: then nothing is kept.
                if let Ok(text) = fetch_text(&url).await {
                    if let Ok(loaded) = Library::from_json(&text) {
                        if library.try_set_value(Some(Rc::new(loaded))).is_none() {
                            self.suggest_generation.try_update(|g| *g += 1);
                        }
                    }
                }
            });
        }
        let generation = StoredValue::new(0_u64);
        Effect::new(move |_| {
            self.suggest_generation.track();
            let lang = i18n.lang();
            let (text, service, category) = self.answers.with(|a| {
                (
                    format!("{}\n{}", a.subject, a.description),
                    a.service.clone(),
                    a.category.clone(),
                )
            });
            let this = generation.get_value() + 1;
            generation.set_value(this);
            leptos::task::spawn_local(async move {
                sleep_ms(PAUSE_MS).await;
                // Typed on, or the widget left the page during the pause.
                if generation.try_get_value() != Some(this) {
                    return;
                }
                let mut found: Vec<Suggested> = library
                    .try_get_value()
                    .flatten()
                    .map(|l| {
                        l.suggest(&Query {
                            text: &text,
                            service: &service,
                            category: &category,
                        })
                        .into_iter()
                        .map(|a| a.shown_in(lang))
                        .collect()
                    })
                    .unwrap_or_default();
                let query = SuggestQuery {
                    text: text.trim(),
                    locale: lang,
                    service: &service,
                    category: &category,
                };
                if let Some(more) = self.search_backend(&query).await {
                    for article in more {
                        if !found.iter().any(|f| f.id == article.id) {
                            found.push(article);
                        }
                    }
                }
                found.truncate(MAX_SUGGESTIONS);
                if generation.try_get_value() == Some(this) {
                    self.show_suggestions(found);
                }
            });
        });
    }

    /// The backend's articles, where the profile names a search and it answers.
    async fn search_backend(self, query: &SuggestQuery<'_>) -> Option<Vec<Suggested>> {
        if query.text.chars().count() < 3 {
            return None;
        }
        let (profile, endpoint) = self
            .setup
            .try_with_value(|s| (s.profile.clone(), s.config.endpoint.clone()))?;
        let request = profile.suggest_request(&endpoint, query)?;
        let mut headers = request.headers;
        headers.extend(self.host.request_headers().await.ok()?);
        let answer = fetch_json(&request.url, &headers).await.ok()?;
        // Gone while the search ran: nothing to show it in.
        self.setup.try_with_value(|_| ())?;
        Some(profile.suggested_in(&answer))
    }

    fn show_suggestions(self, found: Vec<Suggested>) {
        let ids = |list: &[Suggested]| list.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
        let changed = self
            .suggestions
            .with_untracked(|shown| ids(shown) != ids(&found));
        if !changed {
            return;
        }
        if !found.is_empty() {
            let text = self.setup.with_value(|s| {
                s.config.events_with_text.then(|| {
                    self.answers
                        .with_untracked(|a| format!("{}\n{}", a.subject, a.description))
                })
            });
            self.host.emit(HostEvent::Suggested {
                ids: ids(&found),
                text,
            });
        }
        self.suggestions.set(found);
    }

    /// "This solved my problem": nothing is filed, the draft goes, and the page hears which
    /// articles helped.
    pub fn solved(&self) {
        let ids = self
            .suggestions
            .with_untracked(|s| s.iter().map(|a| a.id.clone()).collect());
        self.host.emit(HostEvent::Solved { ids });
        self.solving.set(false);
        self.discard();
        self.notice.set(Some(case_core::msg::SOLVED_NOTICE));
    }

    /// The customer opened a suggested article (in a new tab; the draft stays).
    pub fn article_opened(&self, id: &str) {
        self.host
            .emit(HostEvent::ArticleOpened { id: id.to_owned() });
    }
}
