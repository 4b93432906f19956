//! Business hours written where they apply, or named once in the catalog's top-level
//! `business_hours` and referred to by that name wherever hours are taken.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use super::{BusinessHours, Catalog};

/// Hours as a plan, a case type or a language team gives them: a name from the catalog's
/// `business_hours`, e.g. `"emea"`, or the hours themselves.
#[derive(Clone, Debug, PartialEq)]
pub enum Hours {
    Named(String),
    Inline(BusinessHours),
}

impl From<BusinessHours> for Hours {
    fn from(hours: BusinessHours) -> Self {
        Hours::Inline(hours)
    }
}

impl Catalog {
    /// The hours `hours` stands for; `None` for a name the catalog does not define, which its
    /// check refuses.
    pub fn hours<'a>(&'a self, hours: &'a Hours) -> Option<&'a BusinessHours> {
        match hours {
            Hours::Named(name) => self.business_hours.get(name),
            Hours::Inline(hours) => Some(hours),
        }
    }
}

// By hand rather than `untagged`, so a mistake inside written-out hours is reported as such.
impl<'de> Deserialize<'de> for Hours {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct HoursVisitor;

        impl<'de> Visitor<'de> for HoursVisitor {
            type Value = Hours;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("the name of business hours or the hours themselves")
            }

            fn visit_str<E: de::Error>(self, name: &str) -> Result<Hours, E> {
                Ok(Hours::Named(name.to_owned()))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Hours, A::Error> {
                BusinessHours::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(Hours::Inline)
            }
        }

        deserializer.deserialize_any(HoursVisitor)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Hours {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Hours".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let inline = generator.subschema_for::<BusinessHours>();
        schemars::json_schema!({
            "description": "Business hours: the name of a set in the catalog's `business_hours`, \
                e.g. \"emea\", or the hours themselves.",
            "anyOf": [{ "type": "string" }, inline],
        })
    }
}
