//! Help articles suggested from what the customer types. Text becomes terms the same way in
//! every language: words of Latin script, lower-cased and cut to a simple stem (charge, charged
//! and charges meet), and pairs of neighbouring characters for Chinese, Japanese and Korean,
//! which write no spaces between words; a katakana or Korean word (without its particle or verb
//! ending) counts once, however many pairs it is written as; words and pairs every message has
//! are left out (`terms.rs`). An article's terms come from its title and keywords (weighted up)
//! and summary in every language it has, so any script finds it. Nothing is suggested unless the
//! best article matched at least as strongly as a title word no other article has, among at
//! least 50 articles, and later ones only when they come close to it; and no article for one word
//! of the text alone, unless the service or category the customer chose backs it: a wrong
//! article costs the customer's trust more than none.

use std::collections::HashMap;

use serde::Deserialize;

use crate::keyed::Keyed;
use crate::text::Text;

mod terms;

pub use terms::terms;
use terms::{word_terms, Link};

/// A help article, as an articles file lists it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    pub id: String,
    pub url: String,
    pub title: Text,
    pub summary: Text,
    /// The services it is about; it is ranked higher when the customer chose one.
    #[serde(default)]
    pub services: Vec<String>,
    #[serde(default)]
    pub categories: Vec<String>,
    /// Words customers use for the problem, by language.
    #[serde(default)]
    pub keywords: Keyed<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticlesFile {
    #[serde(default, rename = "$schema")]
    _schema: Option<String>,
    articles: Vec<Article>,
}

/// An article as the customer is shown it, in their language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggested {
    pub id: String,
    pub title: String,
    pub url: String,
    pub summary: String,
}

impl Article {
    pub fn shown_in(&self, lang: &str) -> Suggested {
        Suggested {
            id: self.id.clone(),
            title: self.title.get(lang).to_owned(),
            url: self.url.clone(),
            summary: self.summary.get(lang).to_owned(),
        }
    }
}

/// What the customer has written so far, and where.
pub struct Query<'a> {
    pub text: &'a str,
    pub service: &'a str,
    pub category: &'a str,
}

/// The articles and, for each term, the articles that have it and how strongly.
#[derive(Default)]
pub struct Library {
    pub articles: Vec<Article>,
    /// Each term's place in `postings`.
    index: HashMap<String, usize>,
    /// Per term: the articles that have it, in order, with its weight in each.
    postings: Vec<Vec<(u32, u16)>>,
}

/// A title or keyword counts this much more than a summary.
const TITLE_WEIGHT: u16 = 3;
/// At most this many suggestions.
pub const MAX_SUGGESTIONS: usize = 3;
/// The best article is shown when it scores at least this share of a title word that no other
/// article has (a little under all of it, for rounding).
const SURE: f32 = 0.95;
/// A library of fewer articles sets that bar as if it had this many: among a few articles, a
/// word only one of them has is no sign that it is rare in what customers write.
const FEWEST: f32 = 50.0;
/// A later article is shown beside the best only when it scores at least this share of it.
const CLOSE: f32 = 0.5;
/// An article is shown only when it has at least this many of the text's words, the chosen
/// service and category counting as one each.
const FEWEST_WORDS: u8 = 2;

impl Library {
    /// Reads an articles file: `{"articles": [...]}`.
    pub fn from_json(json: &str) -> Result<Library, String> {
        let file: ArticlesFile = serde_json::from_str(json).map_err(|e| e.to_string())?;
        Ok(Library::new(file.articles))
    }

    pub fn new(articles: Vec<Article>) -> Library {
        let mut library = Library::default();
        for (i, article) in articles.iter().enumerate() {
            let i = i as u32;
            for text in article.title.0.values() {
                library.add(i, text, TITLE_WEIGHT);
            }
            for words in article.keywords.values().flatten() {
                library.add(i, words, TITLE_WEIGHT);
            }
            for text in article.summary.0.values() {
                library.add(i, text, 1);
            }
        }
        library.articles = articles;
        library
    }

    /// Files `text`'s terms under `article`, each at the highest weight it is found with.
    fn add(&mut self, article: u32, text: &str, weight: u16) {
        for (term, _) in word_terms(text) {
            let next = self.postings.len();
            let at = *self.index.entry(term).or_insert(next);
            if at == next {
                self.postings.push(Vec::new());
            }
            // Articles are added one after another, so this one can only be the last.
            match self.postings[at].last_mut() {
                Some((a, w)) if *a == article => *w = (*w).max(weight),
                _ => self.postings[at].push((article, weight)),
            }
        }
    }

    /// The best articles for what the customer wrote, best first: each term found scores its
    /// weight times how rare it is among the articles, and the chosen service and category lift
    /// the articles about them. None when nothing fits well enough.
    pub fn suggest(&self, query: &Query) -> Vec<&Article> {
        let scores = self.scores(query.text);
        // The best few by a single pass: on equal scores the earlier article stays ahead.
        let mut best: Vec<(f32, usize)> = Vec::with_capacity(MAX_SUGGESTIONS + 1);
        for (i, &(found, words)) in scores.iter().enumerate() {
            let a = &self.articles[i];
            let service = a.services.iter().any(|s| s == query.service);
            let category = a.categories.iter().any(|c| c == query.category);
            // One title or keyword term is the least that counts as a match, and one word alone is
            // too little to go on (a text nothing covers shares a word with some article), unless
            // the service or category the customer chose says the rest.
            let told = words.saturating_add(u8::from(service) + u8::from(category));
            if found < f32::from(TITLE_WEIGHT) || told < FEWEST_WORDS {
                continue;
            }
            let lift = 1.0 + 0.5 * f32::from(u8::from(service) + u8::from(category));
            let score = found * lift;
            let at = best.iter().take_while(|(s, _)| *s >= score).count();
            if at < MAX_SUGGESTIONS {
                best.insert(at, (score, i));
                best.truncate(MAX_SUGGESTIONS);
            }
        }
        // Nothing unless the best has at least the weight of a title word no other article has:
        // a word many articles share (address, account) is too little to go on, unless the
        // customer chose the service and category the article is about.
        let n = (self.articles.len() as f32).max(FEWEST);
        let least = SURE * f32::from(TITLE_WEIGHT) * (1.0 + n).ln();
        let top = best.first().map_or(0.0, |b| b.0);
        if top < least {
            return Vec::new();
        }
        best.into_iter()
            .filter(|(score, _)| *score >= CLOSE * top)
            .map(|(_, i)| &self.articles[i])
            .collect()
    }

    /// Per article: each word of `text` it has scores its weight times how rare it is among the
    /// articles, and the words it has are counted. A word written as several pairs scores as its
    /// best pair times the share of its pairs the article has: one word, not one per pair, and
    /// not a word that merely starts alike. Chinese characters found in overlapping pairs count
    /// as a word per two pairs (服务器 one, 域名解析 two).
    fn scores(&self, text: &str) -> Vec<(f32, u8)> {
        let n = self.articles.len() as f32;
        let mut scores = vec![(0.0_f32, 0_u8); self.articles.len()];
        // The current word's best pair and pairs found per article, and the articles with some.
        let mut word = vec![(0.0_f32, 0_u8); self.articles.len()];
        let (mut found, mut pairs) = (Vec::<u32>::new(), 0_u8);
        // Per article, the last word it had and how many overlapping pairs led up to it.
        let mut run = vec![(usize::MAX, 0_u8); self.articles.len()];
        let (mut at_word, mut link) = (0, Link::Apart);
        let mut counted = vec![false; self.postings.len()];
        let end = (String::new(), Link::Apart);
        for (term, next) in word_terms(text).into_iter().chain([end]) {
            if next != Link::SameWord {
                for a in found.drain(..) {
                    let a = a as usize;
                    let (best, had) = std::mem::take(&mut word[a]);
                    let (last, length) = &mut run[a];
                    let goes_on = link == Link::Overlapping && last.wrapping_add(1) == at_word;
                    *length = if goes_on { length.saturating_add(1) } else { 1 };
                    *last = at_word;
                    let (score, words) = &mut scores[a];
                    *score += best * f32::from(had) / f32::from(pairs);
                    *words = words.saturating_add(*length % 2);
                }
                pairs = 0;
                at_word += 1;
                link = next;
            }
            let at = self.index.get(&term).copied();
            // A term said twice counts once.
            if at.is_some_and(|at| std::mem::replace(&mut counted[at], true)) {
                continue;
            }
            pairs = pairs.saturating_add(1);
            let Some(at) = at else {
                continue;
            };
            let list = &self.postings[at];
            let rarity = (1.0 + n / list.len() as f32).ln();
            for &(article, weight) in list {
                let (best, had) = &mut word[article as usize];
                if *had == 0 {
                    found.push(article);
                }
                *best = best.max(f32::from(weight) * rarity);
                *had = had.saturating_add(1);
            }
        }
        scores
    }
}
