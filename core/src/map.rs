//! Maps gathered by inserting each pair. `collect` into a `BTreeMap` (or serde_json's `Map`)
//! sorts the pairs first, and each such sort is a stable sort the widget's wasm carries once
//! per call site; inserting gives the same map (the last of equal keys wins) without it.

/// `pairs` gathered into a map, one insert each.
pub fn insert_all<M: Default + Extend<P>, P>(pairs: impl IntoIterator<Item = P>) -> M {
    let mut map = M::default();
    map.extend(pairs);
    map
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    #[test]
    fn the_last_of_equal_keys_wins_as_with_collect() {
        let pairs = [("b", 1), ("a", 2), ("b", 3)];
        let inserted: BTreeMap<&str, i32> = super::insert_all(pairs);
        assert_eq!(inserted, pairs.into_iter().collect::<BTreeMap<_, _>>());
        assert_eq!(inserted["b"], 3);
    }
}
