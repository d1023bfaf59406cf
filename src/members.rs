//! What a generated struct keeps beside its fields, so that a payload
//! decoded and encoded again is the payload Clerk sent: the members the
//! schema does not list ([`Members`]), and how each absent-able field came
//! (`Presence`, private).

use serde_json::Value;

/// The members of a JSON object that the schema does not list, in the
/// order they came. Every generated struct has one (its `unknown` field):
/// decoding fills it, encoding writes it back after the known members.
///
/// It costs nothing when empty (no allocation). Equality ignores order.
/// A member whose name is also one of the struct's own fields is never
/// written (the field owns the name: a key is never written twice) and
/// the struct's equality ignores it.
#[derive(Clone, Default)]
pub struct Members(Vec<(String, Value)>);

impl std::fmt::Debug for Members {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// What `Debug` shows for a member that is absent.
// Used by the generated `Debug` of structs with a member that may be
// absent, which a build with one small schema alone may not have.
#[allow(dead_code)]
pub(crate) struct Absent;

impl std::fmt::Debug for Absent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<absent>")
    }
}

impl Members {
    /// No members.
    pub const fn new() -> Self {
        Members(Vec::new())
    }

    /// How many members.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none (the usual case).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The value of member `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// The value of member `name`, to change it.
    pub fn get_mut(&mut self, name: &str) -> Option<&mut Value> {
        self.0.iter_mut().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// Whether there is a member `name`.
    pub fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Sets member `name` (in place if it is there, else last), returning
    /// the value it replaces.
    pub fn insert(&mut self, name: impl Into<String>, value: Value) -> Option<Value> {
        let name = name.into();
        match self.get_mut(&name) {
            Some(slot) => Some(std::mem::replace(slot, value)),
            None => {
                self.0.push((name, value));
                None
            }
        }
    }

    /// Removes member `name`, returning its value.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        let at = self.0.iter().position(|(k, _)| k == name)?;
        Some(self.0.remove(at).1)
    }

    /// The members, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &Value)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The names, in order.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }
}

impl Members {
    /// Equality over the members whose name `skip` does not take.
    pub(crate) fn eq_except(&self, other: &Self, skip: impl Fn(&str) -> bool) -> bool {
        let kept = |m: &Self| m.iter().filter(|(k, _)| !skip(k)).count();
        kept(self) == kept(other)
            && self
                .iter()
                .filter(|(k, _)| !skip(k))
                .all(|(k, v)| other.get(k) == Some(v))
    }
}

impl PartialEq for Members {
    fn eq(&self, other: &Self) -> bool {
        self.eq_except(other, |_| false)
    }
}

impl FromIterator<(String, Value)> for Members {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        let mut members = Members::new();
        members.extend(iter);
        members
    }
}

impl Extend<(String, Value)> for Members {
    fn extend<I: IntoIterator<Item = (String, Value)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl IntoIterator for Members {
    type Item = (String, Value);
    type IntoIter = std::vec::IntoIter<(String, Value)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl From<Members> for serde_json::Map<String, Value> {
    fn from(members: Members) -> Self {
        members.into_iter().collect()
    }
}

/// Which of a struct's absent-able fields came the other way than it would
/// be written by default: a `None` that came as `null` where absence is the
/// default, or a key that was absent where writing is the default. Kept so
/// that encoding gives back what was decoded; not part of equality.
#[derive(Clone, Debug, Default)]
pub(crate) struct Presence {
    low: u64,
    high: Vec<u32>,
}

impl Presence {
    /// Records that field `i` came the other way.
    #[inline]
    pub(crate) fn set(&mut self, i: u32) {
        if i < 64 {
            self.low |= 1 << i;
        } else if !self.high.contains(&i) {
            self.high.push(i);
        }
    }

    /// Whether field `i` came the other way.
    #[inline]
    pub(crate) fn get(&self, i: u32) -> bool {
        if i < 64 {
            self.low & (1 << i) != 0
        } else {
            self.high.contains(&i)
        }
    }

    /// Forgets field `i` (after the field was set by hand, say).
    #[allow(dead_code)]
    pub(crate) fn clear(&mut self, i: u32) {
        if i < 64 {
            self.low &= !(1 << i);
        } else {
            self.high.retain(|x| *x != i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn members_keep_order_and_compare_as_a_map() {
        let mut a = Members::new();
        assert!(a.is_empty());
        a.insert("b", json!(1));
        a.insert("a", json!(2));
        assert_eq!(a.insert("b", json!(3)), Some(json!(1)));
        assert_eq!(a.keys().collect::<Vec<_>>(), ["b", "a"]);
        let b: Members = [("a".to_owned(), json!(2)), ("b".to_owned(), json!(3))]
            .into_iter()
            .collect();
        assert_eq!(a, b);
        assert_eq!(a.remove("a"), Some(json!(2)));
        assert_ne!(a, b);
    }

    #[test]
    fn presence_bits_beyond_64() {
        let mut p = Presence::default();
        for i in [0, 63, 64, 200] {
            assert!(!p.get(i));
            p.set(i);
            assert!(p.get(i));
        }
        p.clear(200);
        assert!(!p.get(200) && p.get(64));
    }
}
