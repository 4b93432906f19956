//! What a file really is, from its first bytes, and whether a catalog allows it. The widget reads
//! only these few bytes of a file; the server checks the same bytes of what it received.

use crate::catalog::AttachmentRules;
use crate::draft::AttachmentMeta;
use crate::field::{Field, FieldError};
use crate::msg::{self, Arg, MessageId};

/// The kinds of file customers know, each with the catalog's `allowed_types` entries it covers.
const KINDS: &[(MessageId, &[&str])] = &[
    (
        msg::FILE_KIND_IMAGES,
        &[
            "image/*",
            "image/png",
            "image/jpeg",
            "image/gif",
            "image/webp",
            ".png",
            ".jpg",
            ".jpeg",
            ".gif",
            ".webp",
        ],
    ),
    (msg::FILE_KIND_PDF, &["application/pdf", ".pdf"]),
    (msg::FILE_KIND_CSV, &["text/csv", ".csv"]),
    (msg::FILE_KIND_TEXT, &["text/plain", ".txt"]),
    (msg::FILE_KIND_LOGS, &[".log"]),
    (msg::FILE_KIND_JSON, &["application/json", ".json"]),
    (msg::FILE_KIND_HAR, &[".har"]),
    (msg::FILE_KIND_ZIP, &["application/zip", ".zip"]),
    (msg::FILE_KIND_GZIP, &["application/gzip", ".gz", ".tgz"]),
];

/// The kind of file an `allowed_types` entry names, as a customer knows it ("images", "PDF");
/// `None` for a type with no name of its own, which is shown as the catalog writes it.
pub fn kind_of(allowed: &str) -> Option<MessageId> {
    let allowed = allowed.trim().to_ascii_lowercase();
    KINDS
        .iter()
        .find(|(_, types)| types.contains(&allowed.as_str()))
        .map(|(kind, _)| *kind)
}

/// How many leading bytes [`sniff`] needs.
pub const SNIFF_LEN: usize = 16;

/// File types with a signature: (MIME type, extensions, leading bytes).
const SIGNATURES: &[(&str, &[&str], &[u8])] = &[
    ("image/png", &["png"], b"\x89PNG\r\n\x1a\n"),
    ("image/jpeg", &["jpg", "jpeg"], b"\xff\xd8\xff"),
    ("image/gif", &["gif"], b"GIF8"),
    ("application/pdf", &["pdf"], b"%PDF-"),
    ("application/zip", &["zip"], b"PK\x03\x04"),
    ("application/gzip", &["gz", "tgz"], b"\x1f\x8b"),
];

/// Executables are refused whatever they claim to be.
const EXECUTABLES: &[&[u8]] = &[
    b"MZ",
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
];

/// The MIME type the leading bytes prove, if they match a known signature.
pub fn sniff(leading: &[u8]) -> Option<&'static str> {
    if leading.len() >= 12 && &leading[..4] == b"RIFF" && &leading[8..12] == b"WEBP" {
        return Some("image/webp");
    }
    SIGNATURES
        .iter()
        .find(|(_, _, magic)| leading.starts_with(magic))
        .map(|(mime, _, _)| *mime)
}

pub fn is_executable(leading: &[u8]) -> bool {
    EXECUTABLES.iter().any(|magic| leading.starts_with(magic))
}

/// Bytes as text the way a browser reads markup: UTF-16 after its byte order mark, else UTF-8
/// with its byte order mark dropped. Lossy, for looking at, not for keeping.
pub fn as_text(bytes: &[u8]) -> String {
    let utf16 = |rest: &[u8], unit: fn([u8; 2]) -> u16| {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|pair| unit([pair[0], pair[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    };
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        utf16(rest, u16::from_le_bytes)
    } else if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        utf16(rest, u16::from_be_bytes)
    } else {
        let rest = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        String::from_utf8_lossy(rest).into_owned()
    }
}

/// How markup that may be SVG begins: its root element, the XML declaration or doctype before
/// it, or a comment before those. No picture format begins with `<`.
const SVG_OPENINGS: &[&str] = &["<svg", "<?xml", "<!doctype svg", "<!--"];

/// Whether a file is, or may be, SVG, which can carry script: its declared type is
/// `image/svg+xml`, its name ends in `.svg`, or its first bytes ([`SNIFF_LEN`] of them, all the
/// widget reads), after a byte order mark (UTF-8 or UTF-16) and ASCII whitespace, begin with
/// `<svg`, `<?xml`, `<!doctype svg` or `<!--`, ignoring case.
///
/// Sixteen bytes rarely reach the root element behind an XML declaration, so any XML counts: an
/// XML file is no picture, and `image/*` loses nothing by refusing it. When the bytes read run
/// out inside the whitespace or inside one of those openings, what follows is unseen, and the
/// file counts as SVG too: padding must not hide it.
pub fn is_svg(name: &str, content_type: &str, leading: &[u8]) -> bool {
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    let text = as_text(leading);
    let start = text
        .trim_start_matches(|c: char| c.is_ascii_whitespace())
        .to_ascii_lowercase();
    let cut_short = leading.len() >= SNIFF_LEN;
    essence.eq_ignore_ascii_case("image/svg+xml")
        || extension(name) == "svg"
        || SVG_OPENINGS
            .iter()
            .any(|opening| start.starts_with(opening) || (cut_short && opening.starts_with(&start)))
}

fn extension(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default()
}

/// The signed type a file claims by its MIME type or its extension, if any.
fn claimed_signed_type(file: &AttachmentMeta) -> Option<&'static str> {
    let ext = extension(&file.name);
    SIGNATURES
        .iter()
        .chain([("image/webp", &["webp"][..], &b"RIFF"[..])].iter())
        .find(|(mime, exts, _)| {
            file.content_type.eq_ignore_ascii_case(mime) || exts.contains(&ext.as_str())
        })
        .map(|(mime, _, _)| *mime)
}

/// The type stored and shown about a file: the one its first bytes prove (a signature, SVG);
/// else the declared type where the bytes agree with it (a text type for text, another type
/// for other bytes); else `text/plain` for text and `application/octet-stream` for the rest. A
/// declaration the bytes contradict never stands.
pub fn stored_type(declared: &str, leading: &[u8]) -> String {
    if let Some(proven) = sniff(leading) {
        return proven.into();
    }
    if is_svg("", "", leading) {
        return "image/svg+xml".into();
    }
    let declared = declared
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let textual = declared.starts_with("text/")
        || declared.ends_with("+json")
        || declared.ends_with("+xml")
        || TEXT_TYPES.contains(&declared.as_str());
    let provable = SIGNATURES.iter().any(|(mime, _, _)| *mime == declared)
        || declared == "image/webp"
        || declared == "image/svg+xml";
    let plain_token = !declared.is_empty()
        && declared.len() <= 100
        && declared
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/+-.".contains(&b));
    match (reads_as_text(leading), textual) {
        (true, true) if plain_token => declared,
        (true, _) => "text/plain".into(),
        (false, false) if plain_token && !provable => declared,
        (false, _) => "application/octet-stream".into(),
    }
}

/// Types of text that do not say `text/`.
const TEXT_TYPES: &[&str] = &[
    "application/json",
    "application/xml",
    "application/javascript",
    "application/x-ndjson",
    "application/yaml",
    "application/x-yaml",
];

/// Text in UTF-8 (a character cut off at the end aside) or after a UTF-16 byte order mark,
/// without control characters other than white space.
fn reads_as_text(leading: &[u8]) -> bool {
    if leading.starts_with(b"\xff\xfe") || leading.starts_with(b"\xfe\xff") {
        return true;
    }
    let valid = match std::str::from_utf8(leading) {
        Ok(text) => text,
        // Only the last character may be cut off by the bytes read.
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(&leading[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return false,
    };
    !leading.is_empty()
        && valid
            .chars()
            .all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r' | '\x0c'))
}

/// The type a file is, for the catalog's allow-list: proven by its bytes where possible.
pub fn effective_type(file: &AttachmentMeta, leading: &[u8]) -> String {
    sniff(leading)
        .map(str::to_owned)
        .unwrap_or_else(|| file.content_type.to_ascii_lowercase())
}

/// What a catalog's `refused_types` is where it leaves it out: programs and scripts, by their
/// name's ending and by their type. A program's bytes are refused whatever the catalog says.
pub const PROGRAMS: &[&str] = &[
    ".exe",
    ".com",
    ".bat",
    ".cmd",
    ".msi",
    ".msp",
    ".scr",
    ".pif",
    ".cpl",
    ".dll",
    ".reg",
    ".ps1",
    ".psm1",
    ".vbs",
    ".vbe",
    ".jse",
    ".wsf",
    ".wsh",
    ".hta",
    ".lnk",
    ".jar",
    ".sh",
    ".app",
    ".apk",
    ".dmg",
    ".pkg",
    ".deb",
    ".rpm",
    "application/x-msdownload",
    "application/x-msdos-program",
    "application/x-msi",
    "application/vnd.microsoft.portable-executable",
    "application/x-executable",
    "application/x-sh",
    "application/java-archive",
    "application/vnd.android.package-archive",
];

/// Whether the catalog's `refused_types` (else [`PROGRAMS`]) name the file: by its name's
/// ending, or by the type it declares or its bytes prove.
fn refused(rules: &AttachmentRules, file: &AttachmentMeta, leading: &[u8]) -> bool {
    let ext = format!(".{}", extension(&file.name));
    let declared = file.content_type.split(';').next().unwrap_or_default();
    let types = [
        effective_type(file, leading),
        declared.trim().to_ascii_lowercase(),
    ];
    let names = |t: &str| {
        let t = t.trim().to_ascii_lowercase();
        if t.starts_with('.') {
            t == ext
        } else if let Some(prefix) = t.strip_suffix("/*") {
            types.iter().any(|k| k.split('/').next() == Some(prefix))
        } else {
            types.contains(&t)
        }
    };
    match &rules.refused_types {
        Some(list) => list.iter().any(|t| names(t)),
        None => PROGRAMS.iter().any(|t| names(t)),
    }
}

/// Why a file's content cannot be attached: an executable, a file whose bytes contradict the
/// type it claims (a renamed program calling itself `photo.png`), a type the catalog refuses, or
/// a type it does not allow.
pub fn refuse_content(
    rules: &AttachmentRules,
    file: &AttachmentMeta,
    leading: &[u8],
) -> Option<FieldError> {
    // Where the catalog lists what it takes, the refusal says what that is.
    let refuse = || {
        let error = match &rules.allowed_types {
            Some(allowed) => FieldError::new(Field::Attachments, msg::ERROR_ATTACHMENT_NOT_ALLOWED)
                .arg("name", Arg::Text(file.name.clone()))
                .arg("types", Arg::Types(allowed.clone())),
            None => FieldError::new(Field::Attachments, msg::ERROR_ATTACHMENT_TYPE)
                .arg("name", Arg::Text(file.name.clone())),
        };
        Some(error)
    };
    if is_executable(leading) {
        return refuse();
    }
    if refused(rules, file, leading) {
        return Some(
            FieldError::new(Field::Attachments, msg::ERROR_ATTACHMENT_TYPE)
                .arg("name", Arg::Text(file.name.clone())),
        );
    }
    let proven = sniff(leading);
    if let Some(claimed) = claimed_signed_type(file) {
        if proven != Some(claimed) {
            return refuse();
        }
    }
    let Some(allowed) = &rules.allowed_types else {
        return None;
    };
    let ext = format!(".{}", extension(&file.name));
    let kind = effective_type(file, leading);
    // SVG can carry script: `image/*` means pictures, and admits SVG only where named.
    let svg = is_svg(&file.name, &file.content_type, leading);
    let ok = allowed.iter().any(|t| {
        let t = t.to_ascii_lowercase();
        if t.starts_with('.') {
            // An extension admits the file only when its bytes do not prove another type.
            t == ext && proven.is_none_or(|p| claimed_signed_type(file) == Some(p))
        } else if let Some(prefix) = t.strip_suffix("/*") {
            kind.split('/').next() == Some(prefix) && !(svg && prefix == "image")
        } else {
            t == kind
        }
    });
    if ok {
        None
    } else {
        refuse()
    }
}

/// Whether a file may be attached, given those already attached and its leading bytes: the
/// count, an empty file, the size and a duplicate ([`refuse_attachment`]), then what its bytes
/// show ([`refuse_content`]). The first refusal, or `None`.
pub fn check(
    rules: &AttachmentRules,
    attached: &[AttachmentMeta],
    file: &AttachmentMeta,
    leading: &[u8],
) -> Option<FieldError> {
    refuse_attachment(rules, attached, file).or_else(|| refuse_content(rules, file, leading))
}

/// Why one file cannot be attached, given those already attached.
pub fn refuse_attachment(
    rules: &AttachmentRules,
    attached: &[AttachmentMeta],
    file: &AttachmentMeta,
) -> Option<FieldError> {
    let error = |code| FieldError::new(Field::Attachments, code).arg("name", file.name.clone());
    if attached.len() >= rules.max_files {
        return Some(error(msg::ERROR_ATTACHMENT_TOO_MANY).arg("max", rules.max_files));
    }
    if file.size == 0 {
        return Some(error(msg::ERROR_ATTACHMENT_EMPTY));
    }
    if file.size > rules.max_bytes {
        return Some(
            error(msg::ERROR_ATTACHMENT_TOO_LARGE)
                .arg("size", Arg::Bytes(file.size))
                .arg("max", Arg::Bytes(rules.max_bytes)),
        );
    }
    if attached
        .iter()
        .any(|f| f.name == file.name && f.size == file.size)
    {
        return Some(error(msg::ERROR_ATTACHMENT_DUPLICATE));
    }
    None
}
