//! Members that upstream calls required and a payload did not have.
//!
//! Upstream's `required` says what Clerk's current responses should hold,
//! not what reaches a handler: older API versions, archived and replayed
//! webhooks, the dashboard's test events and docs examples all lack
//! members. So an absent required member decodes (but for an object's
//! identity, its `id`): a field that is not an `Option` holds its type's
//! empty value (`""`, `0`, `false`, `[]`, an open enum's `Unknown("")`),
//! and the struct records that the member was absent, so that encoding
//! leaves it out again and [`MissingRequired::missing_required`] can say
//! which members were missing. That is the one way to be strict at run
//! time; `validate` (feature `validate`) is the strict check of a document.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::BuildHasher;

/// Which required members a value lacked, at every depth.
///
/// Every generated type implements it; structs also have an inherent
/// `missing_required()`, so no import is needed for the common case.
///
/// ```
/// # #[cfg(feature = "client")] {
/// use clerk_types::{Client, MissingRequired};
///
/// // A 2021 Client: no `sessions`, nor `last_authentication_strategy` (2025).
/// let client: Client = serde_json::from_str(r#"{"object": "client", "id": "client_1",
///     "session_ids": [], "sign_in_id": null, "sign_up_id": null,
///     "last_active_session_id": null, "updated_at": 1, "created_at": 1}"#)?;
/// assert!(client.sessions.is_empty());
/// assert_eq!(client.missing_required(), ["/last_authentication_strategy", "/sessions"]);
/// # }
/// # Ok::<(), serde_json::Error>(())
/// ```
pub trait MissingRequired {
    /// JSON pointers (RFC 6901) of the required members that were absent
    /// when the value was decoded (or left unset when it was built), in
    /// field order, depth first; empty for a complete value. A member that
    /// is absent is reported itself, not the members below it.
    fn missing_required(&self) -> Vec<String> {
        let mut out = Found::pointers();
        self.collect_missing_required(&mut String::new(), &mut out);
        out.pointers.unwrap_or_default()
    }

    /// How many members [`missing_required`](Self::missing_required) would
    /// list, without making their pointers (a union without its tag asks
    /// this of every candidate variant).
    fn count_missing_required(&self) -> usize {
        let mut out = Found::count();
        self.collect_missing_required(&mut String::new(), &mut out);
        out.count
    }

    /// Reports to `out` the absent required members of the value at
    /// pointer `at` (which it leaves as it found it).
    fn collect_missing_required(&self, at: &mut String, out: &mut Found);
}

/// Where [`MissingRequired::collect_missing_required`] reports: the
/// members' pointers, or only how many there are (then no pointer is
/// made). Made by [`MissingRequired::missing_required`] and
/// [`MissingRequired::count_missing_required`].
#[derive(Debug)]
pub struct Found {
    pointers: Option<Vec<String>>,
    count: usize,
}

impl Found {
    fn pointers() -> Self {
        Found {
            pointers: Some(Vec::new()),
            count: 0,
        }
    }

    fn count() -> Self {
        Found {
            pointers: None,
            count: 0,
        }
    }

    /// Member `name` of the value at `at` is absent.
    // Called by the generated structs with a required member, which a
    // build with one small schema alone may not have.
    #[allow(dead_code)]
    pub(crate) fn member(&mut self, at: &mut String, name: &str) {
        self.count += 1;
        if let Some(pointers) = &mut self.pointers {
            below(at, name, |at| pointers.push(at.clone()));
        }
    }

    /// Runs `f` for what is below `segment` (`at` extended by it when
    /// pointers are made).
    pub(crate) fn below(
        &mut self,
        at: &mut String,
        segment: &str,
        f: impl FnOnce(&mut String, &mut Found),
    ) {
        if self.pointers.is_some() {
            below(at, segment, |at| f(at, self));
        } else {
            f(at, self);
        }
    }

    /// [`Found::below`] item `index` of a list.
    fn below_item(
        &mut self,
        at: &mut String,
        index: usize,
        f: impl FnOnce(&mut String, &mut Found),
    ) {
        if self.pointers.is_some() {
            below(at, &index.to_string(), |at| f(at, self));
        } else {
            f(at, self);
        }
    }
}

/// Runs `f` with `segment` appended to the pointer `at` (escaped as RFC
/// 6901 says), then takes it off again.
pub(crate) fn below(at: &mut String, segment: &str, f: impl FnOnce(&mut String)) {
    let len = at.len();
    at.push('/');
    if segment.contains(['~', '/']) {
        for c in segment.chars() {
            match c {
                '~' => at.push_str("~0"),
                '/' => at.push_str("~1"),
                c => at.push(c),
            }
        }
    } else {
        at.push_str(segment);
    }
    f(at);
    at.truncate(len);
}

impl<T: MissingRequired> MissingRequired for Option<T> {
    fn collect_missing_required(&self, at: &mut String, out: &mut Found) {
        if let Some(value) = self {
            value.collect_missing_required(at, out);
        }
    }
}

impl<T: MissingRequired> MissingRequired for Box<T> {
    fn collect_missing_required(&self, at: &mut String, out: &mut Found) {
        (**self).collect_missing_required(at, out);
    }
}

impl<T: MissingRequired> MissingRequired for Vec<T> {
    fn collect_missing_required(&self, at: &mut String, out: &mut Found) {
        for (i, value) in self.iter().enumerate() {
            out.below_item(at, i, |at, out| value.collect_missing_required(at, out));
        }
    }
}

impl<T: MissingRequired, S: BuildHasher> MissingRequired for HashMap<String, T, S> {
    fn collect_missing_required(&self, at: &mut String, out: &mut Found) {
        // Key order, so that the answer does not depend on the hasher.
        let mut keys: Vec<&String> = self.keys().collect();
        keys.sort();
        for key in keys {
            out.below(at, key, |at, out| {
                self[key].collect_missing_required(at, out)
            });
        }
    }
}

impl<T: MissingRequired> MissingRequired for BTreeMap<String, T> {
    fn collect_missing_required(&self, at: &mut String, out: &mut Found) {
        for (key, value) in self {
            out.below(at, key, |at, out| value.collect_missing_required(at, out));
        }
    }
}

/// The value a field holds when its member was absent: the type's empty
/// value. Private: it is what decoding puts where nothing came, not a
/// value to build with (the presence bit beside it says it is not real).
pub(crate) trait Empty {
    /// The empty value.
    fn empty() -> Self;
}

macro_rules! empty_is_default {
    ($($t:ty),* $(,)?) => {
        $(impl Empty for $t {
            #[inline]
            fn empty() -> Self {
                <$t as Default>::default()
            }
        })*
    };
}

empty_is_default!(
    String,
    bool,
    i8,
    i16,
    i32,
    i64,
    i128,
    isize,
    u8,
    u16,
    u32,
    u64,
    u128,
    usize,
    f32,
    f64,
    (),
    serde_json::Value,
    serde_json::Map<String, serde_json::Value>,
);

impl<T> Empty for Option<T> {
    #[inline]
    fn empty() -> Self {
        None
    }
}

impl<T> Empty for Vec<T> {
    #[inline]
    fn empty() -> Self {
        Vec::new()
    }
}

impl<T: Empty> Empty for Box<T> {
    fn empty() -> Self {
        Box::new(T::empty())
    }
}

impl<K, V, S: Default> Empty for HashMap<K, V, S> {
    fn empty() -> Self {
        HashMap::with_hasher(S::default())
    }
}

impl<K, V> Empty for BTreeMap<K, V> {
    fn empty() -> Self {
        BTreeMap::new()
    }
}

impl<T, S: Default> Empty for HashSet<T, S> {
    fn empty() -> Self {
        HashSet::with_hasher(S::default())
    }
}

impl<T> Empty for BTreeSet<T> {
    fn empty() -> Self {
        BTreeSet::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_are_escaped_and_restored() {
        let mut at = String::from("/a");
        below(&mut at, "b/c~d", |at| assert_eq!(at, "/a/b~1c~0d"));
        assert_eq!(at, "/a");
    }
}
