//! What a catalog says that does nothing or may not work, though the widget can start on it:
//! warnings, which `check-catalog` reports (and `--strict` fails on) and the playground shows.
//! What would make the widget misbehave is an error, in `check.rs`.

use super::{allows, Catalog, HelpLink, Problem};
use crate::msg::{self, MessageId};
use crate::suggest::Article;

/// How serious a finding is: an error stops the widget from starting, a warning does not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Error,
    Warning,
}

impl Catalog {
    /// Everything the catalog says that does nothing or may not work, in document order.
    pub fn warnings(&self) -> Vec<Problem> {
        let mut found = Vec::new();
        self.unreachable_case_types(&mut found);
        self.default_severities(&mut found);
        self.unreachable_services(&mut found);
        self.loose_links(&mut found);
        found
    }

    /// An articles file's references to this catalog's services and categories, and its links.
    pub fn article_warnings(&self, articles: &[Article]) -> Vec<Problem> {
        let mut found = Vec::new();
        for a in articles {
            let path = format!("articles[{}]", a.id);
            for s in &a.services {
                if self.service(s).is_none() {
                    warn(
                        &mut found,
                        msg::CATALOG_UNKNOWN_REF,
                        format!("{path}.services"),
                        s,
                    );
                }
            }
            for c in &a.categories {
                let known = self
                    .services
                    .iter()
                    .any(|s| s.categories.iter().any(|k| &k.id == c));
                if !known {
                    warn(
                        &mut found,
                        msg::CATALOG_UNKNOWN_REF,
                        format!("{path}.categories"),
                        c,
                    );
                }
            }
            if !is_web_address(&a.url) {
                warn(
                    &mut found,
                    msg::CATALOG_LOOSE_URL,
                    format!("{path}.url"),
                    &a.url,
                );
            }
        }
        found
    }

    /// Case types no plan may open.
    fn unreachable_case_types(&self, found: &mut Vec<Problem>) {
        for t in &self.case_types {
            if !self.plans.iter().any(|p| t.open_to(&p.id)) {
                let path = format!("case_types[{}].plans", t.id);
                warn(found, msg::CATALOG_UNREACHABLE_CASE_TYPE, path, &t.id);
            }
        }
    }

    /// A default severity no plan that may open its case type offers with it: it is never
    /// chosen in advance.
    fn default_severities(&self, found: &mut Vec<Problem>) {
        for t in &self.case_types {
            let Some(default) = &t.default_severity else {
                continue;
            };
            let offered = self.plans.iter().filter(|p| t.open_to(&p.id)).any(|p| {
                self.severities_offered(&t.id, &p.id)
                    .any(|(s, _)| &s.id == default)
            });
            if !offered && self.severity(default).is_some() {
                let path = format!("case_types[{}].default_severity", t.id);
                warn(found, msg::CATALOG_DEFAULT_NOT_OFFERED, path, default);
            }
        }
    }

    /// Services no case type lists for a plan that may open it and choose the service.
    fn unreachable_services(&self, found: &mut Vec<Problem>) {
        for s in &self.services {
            let reachable = self.case_types.iter().any(|t| {
                t.services.contains(&s.id)
                    && self
                        .plans
                        .iter()
                        .any(|p| t.open_to(&p.id) && allows(&s.plans, &p.id))
            });
            if !reachable {
                let path = format!("services[{}]", s.id);
                warn(found, msg::CATALOG_UNREACHABLE_SERVICE, path, &s.id);
            }
        }
    }

    /// Links that start as a web address but are not a whole one, e.g. with a space in the host.
    fn loose_links(&self, found: &mut Vec<Problem>) {
        let unavailable = self.case_types.iter().filter_map(|t| {
            let link = t.unavailable_link.as_ref()?;
            Some((format!("case_types[{}].unavailable_link.url", t.id), link))
        });
        let help = self.services.iter().flat_map(|s| {
            s.categories.iter().flat_map(move |c| {
                c.help_links.iter().enumerate().map(move |(i, link)| {
                    let path = format!(
                        "services[{}].categories[{}].help_links[{i}].url",
                        s.id, c.id
                    );
                    (path, link)
                })
            })
        });
        for (path, link) in unavailable.chain(help) {
            let HelpLink { url, .. } = link;
            // One that is no web address at all is an error, in `check.rs`.
            let web = url.starts_with("https://") || url.starts_with("http://");
            if web && !is_web_address(url) {
                warn(found, msg::CATALOG_LOOSE_URL, path, url);
            }
        }
    }
}

fn warn(found: &mut Vec<Problem>, code: MessageId, path: String, value: &str) {
    found.push(Problem {
        code,
        path,
        value: value.to_owned(),
    });
}

/// A whole `http` or `https` address: a host of letters, digits, `-` and `.` (an optional
/// port), then a path, query or fragment without spaces.
pub fn is_web_address(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let (host, port) = authority.rsplit_once(':').unwrap_or((authority, "80"));
    let label = |l: &str| {
        !l.is_empty()
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    let port_ok = !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit());
    port_ok
        && host.split('.').all(label)
        && !tail.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::is_web_address;

    #[test]
    fn a_web_address_has_a_host_of_valid_characters_and_no_spaces() {
        for good in [
            "https://example.com",
            "https://example.com/kb?q=1#top",
            "http://localhost:8080/help",
            "https://docs.aws.amazon.com/a/b.html",
            "https://例え.jp/",
        ] {
            assert!(is_web_address(good), "{good}");
        }
        for bad in [
            "https://support example/kb",
            "https://",
            "https:///kb",
            "https://example.com/a b",
            "https://example..com/",
            "https://-example.com/",
            "https://user@example.com/",
            "https://example.com:port/",
            "ftp://example.com/",
            "example.com",
        ] {
            assert!(!is_web_address(bad), "{bad}");
        }
    }
}
