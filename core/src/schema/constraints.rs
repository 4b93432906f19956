//! What `Catalog::problems` enforces beyond the shape, stated in the schema too, so an editor
//! underlines it as the checker would: ranges, patterns and lists that must not be empty. The
//! numbers are the checker's own constants; `server/tests/catalog_ranges.rs` holds the two and
//! the guide's tables together.

use serde_json::{json, Value};

use crate::catalog::{ResponseTime, PHONE_DIGITS};

/// Not blank: an id, a region.
const NOT_BLANK: &str = "\\S";
/// An IANA zone name in shape, as `looks_like_time_zone` says.
const TIME_ZONE: &str = "^(UTC|[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)+)$";
/// A whole web address, as `is_web_address` says: a host without spaces, `/`, `@` or `:`
/// before its optional port.
const WEB_ADDRESS: &str = "^https?://[^\\s/?#@:]+(:[0-9]{1,5})?([/?#][^\\s]*)?$";
/// An e-mail address: something, `@`, a domain with a dot, no spaces.
const EMAIL: &str = "^[^@\\s]+@\\S*\\.\\S*$";

/// The lists the checker refuses empty, by definition (`""` for the catalog itself).
const NOT_EMPTY: [(&str, &str); 11] = [
    ("", "languages"),
    ("", "plans"),
    ("", "case_types"),
    ("", "services"),
    ("", "severities"),
    ("", "contact_methods"),
    ("", "contact_languages"),
    ("CaseType", "services"),
    ("Service", "categories"),
    ("CallOnly", "severities"),
    ("BusinessHours", "days"),
];

/// Adds the checker's constraints to the generated schema.
pub fn add(schema: &mut Value) {
    response_time_ranges(schema);
    let phone = format!(
        "^[ +().-]*([0-9][ +().-]*){{{},{}}}$",
        PHONE_DIGITS.start(),
        PHONE_DIGITS.end()
    );
    let patterns = [
        ("/properties/id", NOT_BLANK.to_owned()),
        ("/properties/support_phone", phone.clone()),
        ("/definitions/Phone/properties/number", phone),
        (
            "/definitions/PhoneCountry/properties/region",
            NOT_BLANK.into(),
        ),
        (
            "/definitions/PhoneCountry/properties/dial",
            "^[0-9]+$".into(),
        ),
        (
            "/definitions/BusinessHours/properties/time_zone",
            TIME_ZONE.into(),
        ),
        ("/definitions/HelpLink/properties/url", WEB_ADDRESS.into()),
        ("/definitions/Notice/properties/email", EMAIL.into()),
    ];
    for (pointer, pattern) in patterns {
        if let Some(member) = schema.pointer_mut(pointer) {
            member["pattern"] = Value::String(pattern);
        }
    }
    ids_not_blank(schema);
    for (definition, list) in NOT_EMPTY {
        let pointer = match definition {
            "" => format!("/properties/{list}"),
            d => format!("/definitions/{d}/properties/{list}"),
        };
        if let Some(member) = schema.pointer_mut(&pointer) {
            member["minItems"] = json!(1);
        }
    }
    if let Some(bytes) = schema.pointer_mut("/definitions/AttachmentRules/properties/max_bytes") {
        bytes["minimum"] = json!(1);
    }
}

/// Each unit of a response time between 1 and its most, as `ResponseTime::is_plausible`.
fn response_time_ranges(schema: &mut Value) {
    let ranges = [
        ("minutes", ResponseTime::MAX_MINUTES),
        ("hours", ResponseTime::MAX_HOURS),
        ("business_days", ResponseTime::MAX_BUSINESS_DAYS),
    ];
    let Some(variants) = schema
        .pointer_mut("/definitions/ResponseTime/oneOf")
        .and_then(Value::as_array_mut)
    else {
        return;
    };
    for variant in variants {
        for (unit, max) in ranges {
            if let Some(amount) = variant.pointer_mut(&format!("/properties/{unit}")) {
                amount["minimum"] = json!(1);
                amount["maximum"] = json!(max);
            }
        }
    }
}

/// Every definition's `id` member.
fn ids_not_blank(schema: &mut Value) {
    let Some(definitions) = schema["definitions"].as_object_mut() else {
        return;
    };
    for definition in definitions.values_mut() {
        if let Some(id) = definition.pointer_mut("/properties/id") {
            id["pattern"] = json!(NOT_BLANK);
        }
    }
}
