//! File names as they are stored and shown, and as browsers write them in a multipart body.

/// A file name safe to store and show: no path separators (each becomes `_`), no control
/// characters or bidirectional overrides, no leading dots, 200 characters at most; `attachment`
/// when nothing is left.
pub fn clean_name(name: &str) -> String {
    let kept: String = name
        .chars()
        .filter(|c| {
            !c.is_control()
                && !matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
        })
        .map(|c| if c == '/' || c == '\\' { '_' } else { c })
        .collect();
    let trimmed = kept.trim().trim_start_matches(['.', '_', ' ']).trim_end();
    let short: String = trimmed.chars().take(200).collect();
    if short.is_empty() {
        "attachment".to_owned()
    } else {
        short
    }
}

/// A file name as browsers write it in a multipart body (HTML's form-data encoding).
pub(super) fn form_data_name(name: &str) -> String {
    name.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}
