//! Text into the terms articles are matched by: stemmed words of Latin script, and pairs of
//! neighbouring characters in Chinese, Japanese and Korean, which write no spaces between words;
//! the pairs of one katakana word, or of one Korean word without its endings, are marked as one
//! word, so that a long loanword does not outweigh the rest of the text. Words and pairs that every message has (please, thanks, です, 请问, 합니다) are left out: they
//! would match articles that have nothing to do with the customer's problem.

/// The terms a text is matched by: stemmed words, and character pairs of CJK runs.
pub fn terms(text: &str) -> Vec<String> {
    word_terms(text).into_iter().map(|(term, _)| term).collect()
}

/// How a term stands to the one before it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Link {
    /// A word of its own.
    Apart,
    /// A further pair of the same katakana or Korean word, which counts as one word, not one per
    /// pair (データベース, 데이터베이스).
    SameWord,
    /// A pair of Chinese characters that shares its first character with the pair before: a
    /// word of three or four characters is written as two or three such pairs (服务器, 再起動).
    Overlapping,
}

/// Each term, and how it stands to the one before it.
pub(crate) fn word_terms(text: &str) -> Vec<(String, Link)> {
    let mut terms = Vec::new();
    let mut word = String::new();
    let mut run: Vec<char> = Vec::new();
    let mut last_lower = false;
    for c in text.chars().chain(std::iter::once(' ')) {
        let lower = c.is_lowercase();
        if is_cjk(c) {
            flush_word(&mut word, &mut terms);
            run.push(c);
        } else if c.is_alphanumeric() {
            flush_run(&mut run, &mut terms);
            // Error codes join their words (AccessDenied, VcpuLimitExceeded): split them, but
            // not after a single letter (vCPU).
            if c.is_uppercase() && last_lower && word.len() > 1 {
                flush_word(&mut word, &mut terms);
            }
            word.extend(c.to_lowercase());
        } else {
            flush_word(&mut word, &mut terms);
            flush_run(&mut run, &mut terms);
        }
        last_lower = lower;
    }
    terms
}

fn flush_word(word: &mut String, terms: &mut Vec<(String, Link)>) {
    if word.chars().count() >= 2 && !listed(STOP_WORDS, word) {
        let stem = stem(word);
        if !listed(STOP_WORDS, &stem) {
            terms.push((stem, Link::Apart));
        }
    }
    word.clear();
}

/// A run of CJK characters, cut where katakana starts or ends: a katakana word is one word, and
/// a pair across its edge belongs to neither word.
fn flush_run(run: &mut Vec<char>, terms: &mut Vec<(String, Link)>) {
    let mut rest = &run[..];
    while let Some(&first) = rest.first() {
        let len = rest
            .iter()
            .take_while(|&&c| katakana(c) == katakana(first))
            .count();
        let (part, tail) = rest.split_at(len);
        if hangul(first) {
            pairs(korean_stem(part), true, terms);
        } else {
            pairs(part, katakana(first), terms);
        }
        rest = tail;
    }
    run.clear();
}

/// A part's telling pairs, joined as one word or each a word of its own.
fn pairs(part: &[char], one_word: bool, terms: &mut Vec<(String, Link)>) {
    match part {
        [] => {}
        // A Korean syllable alone is mostly a particle, a negation or a unit (로, 안, 월, 분).
        [c] if telling(*c, *c) && !hangul(*c) => terms.push((c.to_string(), Link::Apart)),
        [_] => {}
        _ => {
            let (start, mut last) = (terms.len(), None);
            for (at, pair) in part.windows(2).enumerate() {
                if !telling(pair[0], pair[1]) {
                    continue;
                }
                let link = if one_word && terms.len() > start {
                    Link::SameWord
                } else if !one_word && last.is_some_and(|last| last + 1 == at) {
                    Link::Overlapping
                } else {
                    Link::Apart
                };
                terms.push((pair.iter().collect(), link));
                last = Some(at);
            }
        }
    }
}

/// A Korean word without the particle or verb ending after its stem (연결이, 삭제했는데,
/// 가입하고); nothing when it starts with an ordinary word (감사합니다).
fn korean_stem(word: &[char]) -> &[char] {
    if word.len() >= 2 && !telling(word[0], word[1]) {
        return &[];
    }
    // A verb made of a noun says 하다, 되다 or 받다 after it: the noun is the word.
    let mut end = word
        .iter()
        .skip(1)
        .position(|c| "하했해합할되됐돼됩될받".contains(*c))
        .map_or(word.len(), |at| at + 1);
    // Then the particle after the noun, of two syllables (에서) or one (이), if a noun is left.
    let two = [
        "에서", "으로", "에게", "까지", "부터", "한테", "이나", "처럼",
    ];
    if end > 3
        && two
            .iter()
            .any(|p| p.chars().eq(word[end - 2..end].iter().copied()))
    {
        end -= 2;
    } else if end > 2 && "이가을를은는에의로도와과만".contains(word[end - 1]) {
        end -= 1;
    }
    &word[..end]
}

fn katakana(c: char) -> bool {
    matches!(c, '\u{30a0}'..='\u{30ff}')
}

fn hangul(c: char) -> bool {
    matches!(c, '\u{ac00}'..='\u{d7af}')
}

/// Whether a pair of neighbouring characters (or one character alone, twice) can tell articles
/// apart. Hiragana carries Japanese grammar, so a pair starting with it, or a word followed by a
/// particle, says nothing of the problem; a Chinese character followed by other hiragana is the
/// stem of a verb (忘れ, 増や) and stays. Chinese marks with 的, 吗 and 呢.
fn telling(a: char, b: char) -> bool {
    let hiragana = |c: char| matches!(c, '\u{3040}'..='\u{309f}');
    let particle = |c: char| "がをにはでのともへや的吗呢吧了我你他她也很".contains(c);
    // A noun made a verb by する (失敗し, 削除す) is the noun alone, however it is inflected.
    let suru = "しすさせ".contains(b);
    if hiragana(a) || a == 'ー' || particle(a) || particle(b) || suru {
        return false;
    }
    let mut pair = [0; 8];
    let at = a.encode_utf8(&mut pair).len();
    let len = at + b.encode_utf8(&mut pair[at..]).len();
    let pair = std::str::from_utf8(&pair[..len]).unwrap_or_default();
    !listed(ORDINARY_PAIRS, pair)
}

/// Chinese characters, kana and Hangul: scripts written without spaces between words.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}' // hiragana, katakana
        | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' // Han
        | '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}' | '\u{ac00}'..='\u{d7af}' // Hangul
    )
}

/// Whether `list`, words apart by spaces, has `word`. One string rather than a slice of strings:
/// the wasm carries no table of pointers for it.
fn listed(list: &str, word: &str) -> bool {
    list.split(' ').any(|w| w == word)
}

/// English words too common to tell articles apart, and the courtesies and filler of any
/// message to a support desk.
const STOP_WORDS: &str =
    "a about after all also am an and any anyone are as at be been but by can could dear do \
    does for from get got great has have hello help hi how if im in is it its just know like \
    make me my need no not now of on or our please regard so some support team thank thanks \
    that the there this to us very want was we what when where which who why will with would \
    you your";

/// Pairs every Japanese, Korean or Chinese message to a support desk may have, whatever it is
/// about: greetings, thanks, requests, and the words for "question" and "problem".
const ORDINARY_PAIRS: &str = concat!(
    // Japanese (pairs starting with hiragana are left out anyway)
    "世話 御社 弊社 担当 質問 連絡 確認 対応 可能 教え 解決 問題 願い 以下 現在 \
    先日 昨日 件名 サポ ",
    // Korean
    "안녕 하세 세요 감사 니다 습니 합니 됩니 입니 드립 립니 부탁 문의 요청 어요 \
    아요 해요 싶어 싶습 있어 있습 없어 없습 는데 했는 했어 해서 주세 어떻 떻게 \
    가능 궁금 다음 어제 오늘 지금 제가 저희 해결 문제 에서 으로 하고 하는 있는 \
    지원 서포 ",
    // Chinese
    "请问 你们 我们 您好 你好 谢谢 感谢 帮助 帮忙 问题 已经 可以 能否 怎么 什么 \
    一下 一个 需要 是否 没有 有没 现在 昨天 今天 麻烦 如何 解决 时候 这个 那个 \
    还是 但是 因为 所以 如果 公司 支持",
);

/// A word cut to a stem plain enough for customers' English: charge, charged, charges and
/// charging all become `charg`; stopped and stopping `stop`; policy and policies `polic`.
fn stem(word: &str) -> String {
    let mut w = word;
    for suffix in ["ing", "ies", "ied", "ed", "es", "s"] {
        if w.len() > suffix.len() + 2 && w.ends_with(suffix) && !w.ends_with("ss") {
            w = &w[..w.len() - suffix.len()];
            // A consonant doubled before the ending is one in the word (getting, dropped).
            let b = w.as_bytes();
            if let [.., x, y] = b {
                if x == y && b"bdgmnprt".contains(x) && w.len() > 3 {
                    w = &w[..w.len() - 1];
                }
            }
            break;
        }
    }
    if w.len() > 3 && (w.ends_with('e') || w.ends_with('y')) {
        w = &w[..w.len() - 1];
    }
    w.to_owned()
}
