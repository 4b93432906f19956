//! SVG that carries script, refused whichever way it arrives. Whether a file is SVG is
//! `attachment::is_svg`, the widget's rule; only the server reads a whole file for script.

use case_core::attachment::{as_text, is_svg};
use case_core::msg;
use case_core::validate::FieldError;
use case_core::wire::FieldProblem;
use case_core::Field;

use crate::store::Received;

/// The refusal of a file that is SVG and carries script, as a file of a refused type.
pub(super) fn refuse_script(file: &Received) -> Option<FieldProblem> {
    let refused = is_svg(&file.filename, &file.content_type, &file.leading)
        && svg_has_script(&file.temp_path);
    refused.then(|| {
        FieldProblem::from(
            &FieldError::new(Field::Attachments, msg::ERROR_ATTACHMENT_TYPE)
                .arg("name", file.filename.as_str()),
        )
    })
}

/// Whether an SVG file carries script: a `<script>`, an event handler or a `javascript:` link,
/// anywhere in it.
fn svg_has_script(path: &std::path::Path) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return true;
    };
    let text = as_text(&bytes).to_ascii_lowercase();
    let handler = text
        .match_indices(" on")
        .chain(text.match_indices("\non"))
        .chain(text.match_indices("\ton"))
        .any(|(at, _)| {
            let rest = &text[at + 3..];
            let name_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
            name_len > 0 && rest[name_len..].trim_start().starts_with('=')
        });
    text.contains("<script")
        || text.contains("javascript:")
        || text.contains("<foreignobject")
        || handler
}
