//! A text field's `pattern`: a small subset of regular expressions, matched against the whole
//! value, the same way in the widget and the server. Literals; `.` (any character); classes
//! such as `[a-z0-9-]`, with ranges and `^` for "none of"; `\d` (an ASCII digit), `\w` (a letter,
//! a digit or `_`), `\s` (white space) and their opposites `\D \W \S`; a `\` before any other
//! punctuation for the character itself; groups `( )` with alternatives `|`; and `* + ?`,
//! `{m}`, `{m,}`, `{m,n}` (up to 1000). The whole value must match, so `^` and `$` are
//! implied, and allowed at the very start and end. Written by hand: a regex engine would grow
//! the widget's wasm many times over this.

/// The most repetitions `{m,n}` may name.
const MAX_REPEAT: u32 = 1000;

/// A pattern read and ready to match.
#[derive(Clone, Debug)]
pub struct Pattern(Node);

/// Where a pattern cannot be read: the character offset of the trouble.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PatternError {
    pub at: usize,
}

impl PatternError {
    /// The pattern with `▸` put where it cannot be read, for a message.
    pub fn marked(&self, pattern: &str) -> String {
        let (before, after): (String, String) = {
            let chars: Vec<char> = pattern.chars().collect();
            let at = self.at.min(chars.len());
            (chars[..at].iter().collect(), chars[at..].iter().collect())
        };
        format!("{before}▸{after}")
    }
}

#[derive(Clone, Debug)]
enum Node {
    One(Atom),
    Seq(Vec<Node>),
    Alt(Vec<Node>),
    Repeat(Box<Node>, u32, Option<u32>),
}

#[derive(Clone, Debug)]
enum Atom {
    Any,
    Char(char),
    Perl(char),
    Class { negated: bool, items: Vec<Atom> },
    Range(char, char),
}

impl Atom {
    fn matches(&self, c: char) -> bool {
        match self {
            Atom::Any => true,
            Atom::Char(x) => *x == c,
            Atom::Range(lo, hi) => (*lo..=*hi).contains(&c),
            Atom::Perl(kind) => {
                let yes = match kind.to_ascii_lowercase() {
                    'd' => c.is_ascii_digit(),
                    'w' => c.is_alphanumeric() || c == '_',
                    _ => c.is_whitespace(),
                };
                yes != kind.is_ascii_uppercase()
            }
            Atom::Class { negated, items } => items.iter().any(|i| i.matches(c)) != *negated,
        }
    }
}

impl Pattern {
    pub fn parse(pattern: &str) -> Result<Pattern, PatternError> {
        let mut chars: Vec<char> = pattern.chars().collect();
        let mut start = 0;
        if chars.first() == Some(&'^') {
            start = 1;
        }
        // A final `$` not escaped by a `\` before it.
        let escapes = chars
            .iter()
            .rev()
            .skip(1)
            .take_while(|c| **c == '\\')
            .count();
        if chars.len() > start && chars.last() == Some(&'$') && escapes % 2 == 0 {
            chars.pop();
        }
        let mut parser = Parser { chars, at: start };
        let node = parser.alternatives()?;
        match parser.peek() {
            None => Ok(Pattern(node)),
            Some(_) => Err(parser.error()),
        }
    }

    /// Whether the whole of `value` matches.
    pub fn matches(&self, value: &str) -> bool {
        let chars: Vec<char> = value.chars().collect();
        let mut starts = vec![false; chars.len() + 1];
        starts[0] = true;
        ends(&self.0, &chars, &starts)[chars.len()]
    }
}

/// Where a match of `node` can end, from any of the `starts`.
fn ends(node: &Node, chars: &[char], starts: &[bool]) -> Vec<bool> {
    match node {
        Node::One(atom) => {
            let mut out = vec![false; starts.len()];
            for (p, c) in chars.iter().enumerate() {
                out[p + 1] = starts[p] && atom.matches(*c);
            }
            out
        }
        Node::Seq(nodes) => nodes
            .iter()
            .fold(starts.to_vec(), |at, n| ends(n, chars, &at)),
        Node::Alt(nodes) => nodes.iter().fold(vec![false; starts.len()], |acc, n| {
            let more = ends(n, chars, starts);
            acc.iter().zip(more).map(|(a, b)| *a || b).collect()
        }),
        Node::Repeat(node, min, max) => repeat(node, *min, *max, chars, starts),
    }
}

fn repeat(node: &Node, min: u32, max: Option<u32>, chars: &[char], starts: &[bool]) -> Vec<bool> {
    let mut result = if min == 0 {
        starts.to_vec()
    } else {
        vec![false; starts.len()]
    };
    let mut current = starts.to_vec();
    let mut done = 0;
    while max.is_none_or(|max| done < max) {
        current = ends(node, chars, &current);
        done += 1;
        if !current.contains(&true) {
            break;
        }
        if done >= min {
            // Once a round adds no new end, no later round can.
            let mut grew = false;
            for (r, c) in result.iter_mut().zip(&current) {
                grew |= *c && !*r;
                *r |= *c;
            }
            if !grew {
                break;
            }
        }
    }
    result
}

struct Parser {
    chars: Vec<char>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        self.at += 1;
        c
    }

    fn error(&self) -> PatternError {
        PatternError { at: self.at }
    }

    fn alternatives(&mut self) -> Result<Node, PatternError> {
        let mut branches = vec![self.sequence()?];
        while self.peek() == Some('|') {
            self.at += 1;
            branches.push(self.sequence()?);
        }
        Ok(match branches.len() {
            1 => branches.remove(0),
            _ => Node::Alt(branches),
        })
    }

    fn sequence(&mut self) -> Result<Node, PatternError> {
        let mut nodes = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom()?;
            nodes.push(self.quantified(atom)?);
        }
        Ok(Node::Seq(nodes))
    }

    fn atom(&mut self) -> Result<Node, PatternError> {
        let start = self.at;
        Ok(match self.next() {
            Some('(') => {
                let inner = self.alternatives()?;
                if self.next() != Some(')') {
                    return Err(PatternError { at: self.at - 1 });
                }
                inner
            }
            Some('[') => Node::One(self.class()?),
            Some('.') => Node::One(Atom::Any),
            Some('\\') => Node::One(self.escape()?),
            Some('*' | '+' | '?' | '{' | '}' | ']' | '^' | '$') | None => {
                return Err(PatternError { at: start })
            }
            Some(c) => Node::One(Atom::Char(c)),
        })
    }

    /// After a `\`: a class, a tab or line break, or punctuation as itself.
    fn escape(&mut self) -> Result<Atom, PatternError> {
        let at = self.at;
        match self.next() {
            Some(c @ ('d' | 'w' | 's' | 'D' | 'W' | 'S')) => Ok(Atom::Perl(c)),
            Some('t') => Ok(Atom::Char('\t')),
            Some('n') => Ok(Atom::Char('\n')),
            Some(c) if c.is_ascii_punctuation() || c == ' ' => Ok(Atom::Char(c)),
            _ => Err(PatternError { at }),
        }
    }

    /// After a `[`: its members up to the closing `]`.
    fn class(&mut self) -> Result<Atom, PatternError> {
        let open = self.at - 1;
        let negated = self.peek() == Some('^');
        if negated {
            self.at += 1;
        }
        let mut items = Vec::new();
        loop {
            let item = match self.next() {
                None => return Err(PatternError { at: open }),
                Some(']') if !items.is_empty() => break,
                Some(']') => return Err(PatternError { at: self.at - 1 }),
                Some('\\') => self.escape()?,
                Some(c) => Atom::Char(c),
            };
            let dash = self.peek() == Some('-')
                && !matches!(self.chars.get(self.at + 1), Some(']') | None);
            match (item, dash) {
                (Atom::Char(lo), true) => {
                    self.at += 1;
                    let at = self.at;
                    let hi = match self.next() {
                        Some('\\') => self.escape()?,
                        Some(c) => Atom::Char(c),
                        None => return Err(PatternError { at }),
                    };
                    match hi {
                        Atom::Char(hi) if lo <= hi => items.push(Atom::Range(lo, hi)),
                        _ => return Err(PatternError { at }),
                    }
                }
                (item, _) => items.push(item),
            }
        }
        Ok(Atom::Class { negated, items })
    }

    /// `node` with the quantifier after it, if any.
    fn quantified(&mut self, node: Node) -> Result<Node, PatternError> {
        let at = self.at;
        let (min, max) = match self.peek() {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => {
                self.at += 1;
                self.braces().ok_or(PatternError { at })?
            }
            _ => return Ok(node),
        };
        // Past the `*`, `+`, `?` or the closing `}`.
        self.at += 1;
        Ok(Node::Repeat(Box::new(node), min, max))
    }

    /// The inside of `{m}`, `{m,}` or `{m,n}`, up to the `}` (left to read).
    fn braces(&mut self) -> Option<(u32, Option<u32>)> {
        let min = self.number()?;
        let max = match self.peek()? {
            ',' if self.chars.get(self.at + 1) == Some(&'}') => {
                self.at += 1;
                None
            }
            ',' => {
                self.at += 1;
                Some(self.number()?)
            }
            _ => Some(min),
        };
        let fits = max.is_none_or(|max| min <= max && max <= MAX_REPEAT) && min <= MAX_REPEAT;
        (self.peek() == Some('}') && fits).then_some((min, max))
    }

    fn number(&mut self) -> Option<u32> {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        let digits: String = self.chars[start..self.at].iter().collect();
        digits.parse().ok()
    }
}
