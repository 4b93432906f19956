//! `case-server check-catalog FILE…`: what is wrong with catalogs a portal owner is writing, each
//! problem in plain words with where it is, for an editor's terminal or a CI step.

use std::path::Path;

use case_core::catalog::{explain, looks_like_time_zone};
use case_core::i18n::{Arg, Messages};
use case_core::msg;
use case_core::{Catalog, CatalogError};

/// Every problem of every file, one per line, and whether all of them are fine.
pub fn check_catalogs(paths: &[String]) -> (String, bool) {
    let messages = Messages::load().expect("the compiled-in English texts parse");
    let mut report = String::new();
    let mut all_fine = true;
    for path in paths {
        let lines = problems_of(&messages, Path::new(path));
        if lines.is_empty() {
            report.push_str(&format!("{path}: no problems\n"));
        } else {
            all_fine = false;
            for line in lines {
                report.push_str(&format!("{path}: {line}\n"));
            }
        }
    }
    (report, all_fine)
}

fn problems_of(messages: &Messages, path: &Path) -> Vec<String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => return vec![format!("cannot be read: {e}")],
    };
    let mut lines = match Catalog::from_json(&text) {
        Ok(_) => Vec::new(),
        Err(CatalogError::Syntax { .. }) => {
            explain(&text).map(|e| e.to_string()).into_iter().collect()
        }
        Err(CatalogError::Inconsistent(problems)) => problems
            .iter()
            .map(|p| {
                let said = messages.format("en", p.code, &[("value", Arg::Text(p.value.clone()))]);
                format!("{}: {said}", p.path)
            })
            .collect(),
    };
    lines.extend(unknown_time_zones(messages, &text));
    lines
}

/// Zones named in the shape of one that the tz database does not hold, e.g. `Asia/Tokio`.
fn unknown_time_zones(messages: &Messages, text: &str) -> Vec<String> {
    let Ok(catalog) = serde_json::from_str::<Catalog>(text) else {
        return Vec::new();
    };
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
