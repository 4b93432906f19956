//! Named entries kept sorted by name in a vector: what the catalog's maps from names are read
//! into. A `BTreeMap` would bring its node code into the wasm once per value type; this brings
//! a vector and a binary search, and reads, iterates and describes itself the same way.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};

/// Entries sorted by name, one per name: the last of equal names wins, as with a `BTreeMap`.
#[derive(Clone, PartialEq)]
pub struct Keyed<V>(Vec<(String, V)>);

impl<V> Default for Keyed<V> {
    fn default() -> Self {
        Keyed(Vec::new())
    }
}

/// Printed as a `BTreeMap` prints, so a parsed catalog reads as it did.
impl<V: fmt::Debug> fmt::Debug for Keyed<V> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<V> Keyed<V> {
    fn position(&self, name: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(n, _)| n.as_str().cmp(name))
    }

    pub fn get(&self, name: &str) -> Option<&V> {
        self.position(name).ok().map(|i| &self.0[i].1)
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.position(name).is_ok()
    }

    /// The entries in the order of their names.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.0.iter().map(|(n, v)| (n, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(n, _)| n)
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }

    fn insert(&mut self, name: String, value: V) {
        match self.position(&name) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (name, value)),
        }
    }
}

impl<'a, V> IntoIterator for &'a Keyed<V> {
    type Item = (&'a String, &'a V);
    type IntoIter =
        std::iter::Map<std::slice::Iter<'a, (String, V)>, fn(&(String, V)) -> (&String, &V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(n, v)| (n, v))
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Keyed<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Entries<V> {
            type Value = Keyed<V>;
            // As a `BTreeMap` says it, so a catalog's errors read the same.
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Keyed<V>, A::Error> {
                let mut keyed = Keyed::default();
                while let Some((name, value)) = map.next_entry()? {
                    keyed.insert(name, value);
                }
                Ok(keyed)
            }
        }
        deserializer.deserialize_map(Entries(PhantomData))
    }
}

/// Described as the map it is read from, so the catalog's schema stays as it was.
#[cfg(feature = "schema")]
impl<V: schemars::JsonSchema> schemars::JsonSchema for Keyed<V> {
    fn inline_schema() -> bool {
        <std::collections::BTreeMap<String, V>>::inline_schema()
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        <std::collections::BTreeMap<String, V>>::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        <std::collections::BTreeMap<String, V>>::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <std::collections::BTreeMap<String, V>>::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::Keyed;
    use std::collections::BTreeMap;

    #[test]
    fn reads_as_a_btree_map_does() {
        let json = r#"{"b": 1, "a": 2, "b": 3}"#;
        let keyed: Keyed<i32> = serde_json::from_str(json).unwrap();
        let map: BTreeMap<String, i32> = serde_json::from_str(json).unwrap();
        assert!(keyed.iter().eq(map.iter()));
        assert_eq!(format!("{keyed:?}"), format!("{map:?}"));
        assert_eq!(keyed.get("b"), Some(&3));
        assert!(!keyed.contains_key("c"));
        let wrong = r#"[1]"#;
        assert_eq!(
            serde_json::from_str::<Keyed<i32>>(wrong)
                .unwrap_err()
                .to_string(),
            serde_json::from_str::<BTreeMap<String, i32>>(wrong)
                .unwrap_err()
                .to_string()
        );
    }
}
