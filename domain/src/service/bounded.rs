//! A map that strangers' requests grow (sign-in failures, request counts per address, forms
//! kept for a page without JavaScript), held within a number of entries *and* of bytes.
//!
//! Why both: a count alone lets long keys (an e-mail address of two megabytes) take any
//! amount of memory; bytes alone let tiny keys fill the table with millions of entries.
//! When a new entry would cross either bound, the least recently written entries go first,
//! which are also the first to have expired (every user here forgets by age). Expired entries
//! at the old end are dropped on every write, so memory goes back down when the flood stops.
//!
//! Bytes are an estimate: each key twice (the map and the age index), the value's own
//! weight, and a fixed overhead per entry for the tables themselves.
use std::collections::{BTreeMap, HashMap};

/// What one entry costs besides its key and value's own bytes (hash and index slots).
const ENTRY_OVERHEAD: usize = 96;

/// The bytes a value holds, for the byte bound.
pub trait Weigh {
    fn weight(&self) -> usize;
}

struct Slot<V> {
    value: V,
    /// Position in the age index (larger: written later).
    seq: u64,
    cost: usize,
}

/// A string-keyed map bounded by entries and by (estimated) bytes; see the module comment.
pub struct BoundedMap<V> {
    entries: HashMap<String, Slot<V>>,
    by_age: BTreeMap<u64, String>,
    next_seq: u64,
    bytes: usize,
    max_entries: usize,
    max_bytes: usize,
}

impl<V: Weigh> BoundedMap<V> {
    pub fn new(max_entries: usize, max_bytes: usize) -> Self {
        Self {
            entries: HashMap::new(),
            by_age: BTreeMap::new(),
            next_seq: 0,
            bytes: 0,
            max_entries: max_entries.max(1),
            max_bytes,
        }
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.entries.get(key).map(|slot| &slot.value)
    }

    /// Stores `value` as the newest entry, first dropping expired entries from the old end and
    /// then, while a bound would be crossed, the oldest ones. Returns false (and stores
    /// nothing) when the entry alone is larger than the byte bound.
    pub fn insert(&mut self, key: String, value: V, expired: impl Fn(&V) -> bool) -> bool {
        self.remove(&key);
        self.drop_expired(expired);
        let cost = 2 * key.len() + value.weight() + ENTRY_OVERHEAD;
        if cost > self.max_bytes {
            return false;
        }
        while self.entries.len() >= self.max_entries || self.bytes + cost > self.max_bytes {
            if self.pop_oldest().is_none() {
                break;
            }
        }
        let seq = self.next_seq;
        self.next_seq += 1;
        self.by_age.insert(seq, key.clone());
        self.bytes += cost;
        self.entries.insert(key, Slot { value, seq, cost });
        true
    }

    pub fn remove(&mut self, key: &str) -> Option<V> {
        let slot = self.entries.remove(key)?;
        self.by_age.remove(&slot.seq);
        self.bytes -= slot.cost;
        Some(slot.value)
    }

    /// Drops entries from the old end for as long as they are expired.
    pub fn drop_expired(&mut self, expired: impl Fn(&V) -> bool) {
        while let Some(oldest) = self.by_age.values().next() {
            match self.entries.get(oldest) {
                Some(slot) if expired(&slot.value) => {
                    self.pop_oldest();
                }
                _ => break,
            }
        }
    }

    fn pop_oldest(&mut self) -> Option<V> {
        let (_, key) = self.by_age.pop_first()?;
        let slot = self.entries.remove(&key)?;
        self.bytes -= slot.cost;
        Some(slot.value)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The estimated bytes held (see the module comment).
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    pub fn max_entries(&self) -> usize {
        self.max_entries
    }

    pub fn max_bytes(&self) -> usize {
        self.max_bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Weigh for String {
        fn weight(&self) -> usize {
            self.len()
        }
    }

    fn never(_: &String) -> bool {
        false
    }

    #[test]
    fn stays_within_both_bounds_dropping_the_oldest_first() {
        let mut map = BoundedMap::new(3, 10_000);
        for key in ["a", "b", "c", "d"] {
            assert!(map.insert(key.to_owned(), String::new(), never));
        }
        assert_eq!(map.len(), 3);
        assert!(map.get("a").is_none(), "the oldest went");
        // Writing an entry again makes it the newest.
        map.insert("b".to_owned(), "x".to_owned(), never);
        map.insert("e".to_owned(), String::new(), never);
        assert!(map.get("c").is_none());
        assert!(map.get("b").is_some());

        let mut map = BoundedMap::new(1_000, 2_000);
        for i in 0..100 {
            map.insert(format!("{i}-{}", "k".repeat(300)), String::new(), never);
            assert!(map.bytes() <= 2_000, "{}", map.bytes());
        }
        assert!(map.len() < 10);
        assert!(
            !map.insert("big".to_owned(), "v".repeat(5_000), never),
            "an entry larger than the bound is not kept"
        );
        while let Some(key) = map.by_age.values().next().cloned() {
            map.remove(&key);
        }
        assert_eq!((map.len(), map.bytes()), (0, 0), "the estimate adds up");
    }

    #[test]
    fn expired_entries_at_the_old_end_go_on_the_next_write() {
        let mut map = BoundedMap::new(100, 100_000);
        map.insert("old".to_owned(), "expired".to_owned(), never);
        map.insert("new".to_owned(), "fresh".to_owned(), never);
        map.insert("newer".to_owned(), "fresh".to_owned(), |v| v == "expired");
        assert_eq!(map.len(), 2);
        assert!(map.get("old").is_none());
    }
}
