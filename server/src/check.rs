//! `case-server check-catalog [--strict] FILE…`: what is wrong with catalogs a portal owner is
//! writing, each problem in plain words with where it is, for an editor's terminal or a CI step.
//! Errors stop the widget from starting; warnings (a rule that does nothing, a link that is not
//! a whole address) do not, and fail the check only with `--strict`.

use std::path::Path;

use case_core::catalog::{explain, looks_like_time_zone, Level, Problem};
use case_core::i18n::{Arg, Messages};
use case_core::msg;
use case_core::suggest::Library;
use case_core::{Catalog, CatalogError};

/// Every problem of every file, one per line, and whether the check passes: no errors, and
/// with `strict` no warnings either.
pub fn check_catalogs(paths: &[String], strict: bool) -> (String, bool) {
    let messages = Messages::load().expect("the compiled-in English texts parse");
    let mut report = String::new();
    let mut passes = true;
    for path in paths {
        let found = problems_of(&messages, Path::new(path));
        if found.is_empty() {
            report.push_str(&format!("{path}: no problems\n"));
        }
        for (level, line) in found {
            passes &= level == Level::Warning && !strict;
            report.push_str(&format!("{path}: {line}\n"));
        }
    }
    (report, passes)
}

type Found = Vec<(Level, String)>;

fn problems_of(messages: &Messages, path: &Path) -> Found {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => return vec![(Level::Error, format!("cannot be read: {e}"))],
    };
    let error = |line: String| (Level::Error, line);
    let mut found: Found = match Catalog::from_json(&text) {
        Ok(_) => Vec::new(),
        Err(CatalogError::Syntax { .. }) => explain(&text)
            .map(|e| error(e.to_string()))
            .into_iter()
            .collect(),
        Err(CatalogError::Inconsistent(problems)) => {
            problems.iter().map(|p| error(said(messages, p))).collect()
        }
    };
    // Whatever parses gets its time zones looked up and its warnings, consistent or not.
    let Ok(catalog) = serde_json::from_str::<Catalog>(&text) else {
        return found;
    };
    found.extend(
        unknown_time_zones(messages, &catalog)
            .into_iter()
            .map(error),
    );
    let warning = |line: String| {
        let args = [("message", Arg::Text(line))];
        (
            Level::Warning,
            messages.format("en", msg::CATALOG_WARNING, &args),
        )
    };
    let mut warnings: Vec<String> = catalog
        .warnings()
        .iter()
        .map(|p| said(messages, p))
        .collect();
    match articles_of(&catalog, path) {
        Some(Ok(library)) => warnings.extend(
            catalog
                .article_warnings(&library.articles)
                .iter()
                .map(|p| said(messages, p)),
        ),
        Some(Err((Level::Warning, line))) => warnings.push(line),
        Some(Err((_, line))) => found.push(error(line)),
        None => {}
    }
    found.extend(warnings.into_iter().map(warning));
    found
}

/// A problem as `path: what is wrong`, in English.
fn said(messages: &Messages, p: &Problem) -> String {
    let said = messages.format("en", p.code, &[("value", Arg::Text(p.value.clone()))]);
    format!("{}: {said}", p.path)
}

/// The catalog's articles file, read from beside the catalog file as the widget reads it from
/// beside the catalog's address. One that cannot be read is a warning (the widget then
/// suggests nothing), one that is not an articles file an error (the server does not start).
fn articles_of(catalog: &Catalog, path: &Path) -> Option<Result<Library, (Level, String)>> {
    let name = catalog.articles.as_deref()?;
    let file = path.parent().unwrap_or(Path::new(".")).join(name);
    let shown = file.display();
    let read = match std::fs::read_to_string(&file) {
        Ok(text) => Library::from_json(&text).map_err(|e| {
            (
                Level::Error,
                format!("articles: {shown} is not an articles file: {e}"),
            )
        }),
        Err(e) => Err((
            Level::Warning,
            format!("articles: {shown} cannot be read, so no articles are suggested: {e}"),
        )),
    };
    Some(read)
}

/// Zones named in the shape of one that the tz database does not hold, e.g. `Asia/Tokio`.
fn unknown_time_zones(messages: &Messages, catalog: &Catalog) -> Vec<String> {
    catalog
        .all_business_hours()
        .into_iter()
        .filter_map(|(path, hours)| {
            let zone = hours.time_zone.as_deref()?;
            let known = zone.parse::<chrono_tz::Tz>().is_ok();
            (looks_like_time_zone(zone) && !known).then(|| {
                let args = [("value", Arg::Text(zone.to_owned()))];
                let said = messages.format("en", msg::CATALOG_UNKNOWN_TIME_ZONE, &args);
                format!("{path}.time_zone: {said}")
            })
        })
        .collect()
}
