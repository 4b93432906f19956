//! Help articles suggested from what the customer types. Text becomes terms the same way in
//! every language: words of Latin script, lower-cased and cut to a simple stem (charge, charged
//! and charges meet), and pairs of neighbouring characters for Chinese, Japanese and Korean,
//! which write no spaces between words. An article's terms come from its title and keywords
//! (weighted up) and summary in every language it has, so any script finds it.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;

use crate::catalog::Text;

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
    pub keywords: BTreeMap<String, Vec<String>>,
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
    postings: HashMap<String, Vec<(u32, u16)>>,
}

/// A title or keyword counts this much more than a summary.
const TITLE_WEIGHT: u16 = 3;
/// At most this many suggestions.
pub const MAX_SUGGESTIONS: usize = 3;

impl Library {
    /// Reads an articles file: `{"articles": [...]}`.
    pub fn from_json(json: &str) -> Result<Library, String> {
        let file: ArticlesFile = serde_json::from_str(json).map_err(|e| e.to_string())?;
        Ok(Library::new(file.articles))
    }

    pub fn new(articles: Vec<Article>) -> Library {
        let mut postings: HashMap<String, Vec<(u32, u16)>> = HashMap::new();
        for (i, article) in articles.iter().enumerate() {
            let mut weights: HashMap<String, u16> = HashMap::new();
            let mut add = |text: &str, weight: u16| {
                for term in terms(text) {
                    let w = weights.entry(term).or_default();
                    *w = (*w).max(weight);
                }
            };
            for text in article.title.0.values() {
                add(text, TITLE_WEIGHT);
            }
            for words in article.keywords.values().flatten() {
                add(words, TITLE_WEIGHT);
            }
            for text in article.summary.0.values() {
                add(text, 1);
            }
            for (term, weight) in weights {
                postings.entry(term).or_default().push((i as u32, weight));
            }
        }
        Library { articles, postings }
    }

    /// The best articles for what the customer wrote, best first: each term found scores its
    /// weight times how rare it is among the articles, and the chosen service and category lift
    /// the articles about them.
    pub fn suggest(&self, query: &Query) -> Vec<&Article> {
        let n = self.articles.len() as f32;
        let mut scores: HashMap<u32, f32> = HashMap::new();
        let mut seen = HashSet::new();
        for term in terms(query.text) {
            if !seen.insert(term.clone()) {
                continue;
            }
            let Some(list) = self.postings.get(&term) else {
                continue;
            };
            let rarity = (1.0 + n / list.len() as f32).ln();
            for &(article, weight) in list {
                *scores.entry(article).or_default() += f32::from(weight) * rarity;
            }
        }
        let mut ranked: Vec<(f32, u32)> = scores
            .into_iter()
            // One title or keyword term is the least that counts as a match.
            .filter(|(_, score)| *score >= f32::from(TITLE_WEIGHT))
            .map(|(i, score)| {
                let a = &self.articles[i as usize];
                let mut lift = 1.0;
                if a.services.iter().any(|s| s == query.service) {
                    lift += 0.5;
                }
                if a.categories.iter().any(|c| c == query.category) {
                    lift += 0.5;
                }
                (score * lift, i)
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked
            .into_iter()
            .take(MAX_SUGGESTIONS)
            .map(|(_, i)| &self.articles[i as usize])
            .collect()
    }
}

/// The terms a text is matched by: stemmed words, and character pairs of CJK runs.
pub fn terms(text: &str) -> Vec<String> {
    let mut terms = Vec::new();
    let mut word = String::new();
    let mut run: Vec<char> = Vec::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if is_cjk(c) {
            flush_word(&mut word, &mut terms);
            run.push(c);
        } else if c.is_alphanumeric() {
            flush_run(&mut run, &mut terms);
            word.extend(c.to_lowercase());
        } else {
            flush_word(&mut word, &mut terms);
            flush_run(&mut run, &mut terms);
        }
    }
    terms
}

fn flush_word(word: &mut String, terms: &mut Vec<String>) {
    if word.chars().count() >= 2 && !STOP_WORDS.contains(&word.as_str()) {
        terms.push(stem(word).to_owned());
    }
    word.clear();
}

fn flush_run(run: &mut Vec<char>, terms: &mut Vec<String>) {
    match run.len() {
        0 => {}
        1 => terms.push(run[0].to_string()),
        _ => terms.extend(run.windows(2).map(|pair| pair.iter().collect())),
    }
    run.clear();
}

/// Chinese characters, kana and Hangul: scripts written without spaces between words.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}' // hiragana, katakana
        | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' // Han
        | '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}' | '\u{ac00}'..='\u{d7af}' // Hangul
    )
}

/// English words too common to tell articles apart.
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "an", "and", "are", "as", "at", "be", "but", "by", "can", "do", "for",
    "from", "has", "have", "how", "in", "is", "it", "its", "me", "my", "no", "not", "of", "on",
    "or", "our", "so", "that", "the", "this", "to", "was", "we", "what", "when", "why", "with",
];

/// A word cut to a stem plain enough for customers' English: charge, charged, charges and
/// charging all become `charg`.
fn stem(word: &str) -> &str {
    let mut w = word;
    for suffix in ["ing", "ed", "es", "s"] {
        if w.len() > suffix.len() + 2 && w.ends_with(suffix) && !w.ends_with("ss") {
            w = &w[..w.len() - suffix.len()];
            break;
        }
    }
    if w.len() > 3 && w.ends_with('e') {
        w = &w[..w.len() - 1];
    }
    w
}
