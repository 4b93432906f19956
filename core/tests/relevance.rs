//! How well the suggested articles fit what customers write: the texts in `relevance/`, each
//! labelled with the articles an agent would send, and texts no article covers. There are seven
//! sets, each written apart from the others: the matcher and the articles' keywords were tuned
//! against the first, while `held-out/`, `unseen/`, `final/`, `last/`, `fresh/` and `seventh/`
//! were not looked at for it, so their figures are the ones to expect from texts nobody has seen
//! (each later set was measured once, after the tuning, and its floors are what it showed).
//! Prints per set and language the share of texts whose article comes first (hit@1) or among
//! those shown (hit@3), the mean reciprocal rank, and the share of uncovered texts for which
//! anything is shown; then the longest a keystroke takes over 1,000 articles. `make bench` prints
//! it (`cargo test -p case-core --release --test relevance -- --nocapture`; with
//! `RELEVANCE_MISSES=1` it lists each text not answered first); the floors keep a change from
//! making it worse unnoticed.

use std::time::{Duration, Instant};

use case_core::suggest::{Library, Query};
use serde::Deserialize;

#[derive(Deserialize)]
struct Set {
    lang: String,
    texts: Vec<Labelled>,
    uncovered: Vec<Uncovered>,
}

#[derive(Deserialize)]
struct Labelled {
    catalog: String,
    text: String,
    articles: Vec<String>,
}

#[derive(Deserialize)]
struct Uncovered {
    catalog: String,
    text: String,
}

#[derive(Debug)]
struct Figures {
    lang: String,
    hit1: f64,
    hit3: f64,
    mrr: f64,
    uncovered_shown: f64,
}

fn articles_json(name: &str) -> String {
    let path = format!(
        "{}/../public/catalog/articles/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
}

fn set(folder: &str, lang: &str) -> Set {
    let path = format!(
        "{}/tests/relevance/{folder}{lang}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn shown<'a>(library: &'a Library, text: &'a str) -> Vec<&'a str> {
    let query = Query {
        text,
        service: "",
        category: "",
    };
    library
        .suggest(&query)
        .into_iter()
        .map(|a| a.id.as_str())
        .collect()
}

fn measure(set: &Set, aws: &Library, akamai: &Library, misses: &mut Vec<String>) -> Figures {
    let library = |catalog: &str| if catalog == "aws" { aws } else { akamai };
    let (mut hit1, mut hit3, mut rr) = (0, 0, 0.0);
    for t in &set.texts {
        let found = shown(library(&t.catalog), &t.text);
        let rank = found
            .iter()
            .position(|id| t.articles.iter().any(|a| a == id));
        match rank {
            Some(0) => hit1 += 1,
            _ => misses.push(format!("{}: {} → {found:?}", set.lang, t.text)),
        }
        if let Some(rank) = rank {
            hit3 += 1;
            rr += 1.0 / (rank + 1) as f64;
        }
    }
    let mut any = 0;
    for u in &set.uncovered {
        let found = shown(library(&u.catalog), &u.text);
        if !found.is_empty() {
            any += 1;
            misses.push(format!("{} (uncovered): {} → {found:?}", set.lang, u.text));
        }
    }
    let n = set.texts.len() as f64;
    Figures {
        lang: set.lang.clone(),
        hit1: 100.0 * f64::from(hit1) / n,
        hit3: 100.0 * f64::from(hit3) / n,
        mrr: rr / n,
        uncovered_shown: 100.0 * f64::from(any) / set.uncovered.len() as f64,
    }
}

/// The longest a single keystroke's matching takes while each language's subject is typed, over
/// 1,000 articles (the shipped ones repeated).
fn longest_keystroke() -> Duration {
    let shipped: serde_json::Value = serde_json::from_str(&articles_json("aws")).unwrap();
    let shipped = shipped["articles"].as_array().unwrap();
    let articles: Vec<_> = (0..1000)
        .map(|i| {
            let mut a = shipped[i % shipped.len()].clone();
            a["id"] = format!("{}-{i}", a["id"].as_str().unwrap()).into();
            a
        })
        .collect();
    let library =
        Library::from_json(&serde_json::json!({ "articles": articles }).to_string()).unwrap();
    let subjects = [
        "I was charged twice on my invoice after the reboot of my instance",
        "請求書で同じ料金が二重に請求されていて、インスタンスに接続できません",
        "재부팅 후 SSH 접속이 안 되고 청구서에 이중 청구가 있습니다",
        "重启后无法通过 SSH 连接实例，账单上还有重复扣费",
    ];
    let mut longest = Duration::ZERO;
    for subject in subjects {
        let mut typed = String::new();
        for c in subject.chars() {
            typed.push(c);
            // The quickest of three, so that another process taking the processor is not counted.
            let took = (0..3)
                .map(|_| {
                    let started = Instant::now();
                    std::hint::black_box(shown(&library, &typed));
                    started.elapsed()
                })
                .min()
                .unwrap_or_default();
            longest = longest.max(took);
        }
        // The browser bench waits for the subject's suggestions.
        assert!(!shown(&library, subject).is_empty(), "{subject}");
    }
    longest
}

type Floors = &'static [(&'static str, f64, f64, f64, f64)];

/// Per set (its folder) and language: hit@1, hit@3 and mean reciprocal rank at least, uncovered
/// texts shown anything at most (percentages, and MRR from 0 to 1).
const SETS: &[(&str, &str, Floors)] = &[
    (
        "the set the matcher was tuned on",
        "",
        &[
            ("en", 99.0, 99.0, 0.99, 9.0),
            ("ja", 99.0, 99.0, 0.99, 1.0),
            ("ko", 94.0, 94.0, 0.94, 9.0),
            ("zh", 94.0, 99.0, 0.97, 1.0),
        ],
    ),
    (
        "held out",
        "held-out/",
        &[
            ("en", 85.0, 96.0, 0.90, 23.0),
            ("ja", 88.0, 96.0, 0.92, 13.0),
            ("ko", 80.0, 84.0, 0.82, 13.0),
            ("zh", 88.0, 99.0, 0.94, 12.0),
        ],
    ),
    (
        "unseen",
        "unseen/",
        &[
            ("en", 90.0, 95.0, 0.92, 50.0),
            ("ja", 90.0, 95.0, 0.92, 20.0),
            ("ko", 90.0, 95.0, 0.92, 30.0),
            ("zh", 90.0, 95.0, 0.92, 20.0),
        ],
    ),
    (
        "final",
        "final/",
        &[
            ("en", 93.0, 99.0, 0.96, 42.0),
            ("ja", 75.0, 99.0, 0.86, 1.0),
            ("ko", 87.0, 99.0, 0.93, 25.0),
            ("zh", 87.0, 99.0, 0.93, 1.0),
        ],
    ),
    (
        "last",
        "last/",
        &[
            ("en", 88.0, 88.0, 0.88, 42.0),
            ("ja", 99.0, 99.0, 0.99, 42.0),
            ("ko", 94.0, 99.0, 0.96, 17.0),
            ("zh", 76.0, 94.0, 0.85, 17.0),
        ],
    ),
    (
        "fresh",
        "fresh/",
        &[
            ("en", 86.0, 90.0, 0.87, 73.0),
            ("ja", 86.0, 95.0, 0.90, 67.0),
            ("ko", 81.0, 90.0, 0.86, 62.0),
            ("zh", 99.0, 99.0, 0.99, 62.0),
        ],
    ),
    (
        "seventh",
        "seventh/",
        &[
            ("en", 81.0, 99.0, 0.89, 67.0),
            ("ja", 90.0, 95.0, 0.92, 73.0),
            ("ko", 90.0, 99.0, 0.94, 45.0),
            ("zh", 90.0, 99.0, 0.94, 62.0),
        ],
    ),
];

fn print_table(figures: &[Figures]) {
    println!("lang  hit@1   hit@3   MRR    uncovered shown");
    for f in figures {
        println!(
            "{:<4}  {:>5.1}%  {:>5.1}%  {:.3}  {:>5.1}%",
            f.lang, f.hit1, f.hit3, f.mrr, f.uncovered_shown
        );
    }
}

/// Per language, the texts of every set but the one the matcher was tuned on, measured as one.
fn untuned_together(aws: &Library, akamai: &Library) -> Vec<Figures> {
    ["en", "ja", "ko", "zh"]
        .iter()
        .map(|lang| {
            let mut together = Set {
                lang: lang.to_string(),
                texts: Vec::new(),
                uncovered: Vec::new(),
            };
            for (_, folder, _) in &SETS[1..] {
                let one = set(folder, lang);
                together.texts.extend(one.texts);
                together.uncovered.extend(one.uncovered);
            }
            measure(&together, aws, akamai, &mut Vec::new())
        })
        .collect()
}

#[test]
fn suggested_articles_fit_what_customers_write_and_nothing_is_shown_when_nothing_fits() {
    let aws = Library::from_json(&articles_json("aws")).unwrap();
    let akamai = Library::from_json(&articles_json("akamai")).unwrap();
    let mut fell = Vec::new();
    for (name, folder, floors) in SETS {
        let mut misses = Vec::new();
        let figures: Vec<Figures> = floors
            .iter()
            .map(|(lang, ..)| measure(&set(folder, lang), &aws, &akamai, &mut misses))
            .collect();
        println!("\n{name}:");
        if std::env::var_os("RELEVANCE_MISSES").is_some() {
            for miss in &misses {
                println!("  {miss}");
            }
        }
        print_table(&figures);
        for (f, &(_, hit1, hit3, mrr, shown)) in figures.iter().zip(floors.iter()) {
            if !(f.hit1 >= hit1 && f.hit3 >= hit3 && f.mrr >= mrr && f.uncovered_shown <= shown) {
                fell.push(format!("{name}, {f:?}"));
            }
        }
    }
    println!("\nevery set not tuned on, together:");
    print_table(&untuned_together(&aws, &akamai));
    let longest = longest_keystroke();
    println!("longest keystroke over 1,000 articles: {longest:?}");
    assert!(fell.is_empty(), "below their floors: {fell:#?}");
    // Timed only in an optimised build: a debug build is many times slower than the widget.
    if !cfg!(debug_assertions) {
        assert!(longest <= Duration::from_millis(16), "{longest:?}");
    }
}
