//! Where the three webhook headers come from.

use std::collections::{BTreeMap, HashMap};

/// A source of request headers: name (case-insensitive) to the values
/// given under it.
pub trait WebhookHeaders {
    /// Every value of header `name` (lower-case), in order; empty when it
    /// is absent. A value that is not text is `None`.
    fn values(&self, name: &str) -> Vec<Option<&str>>;
}

impl WebhookHeaders for http::HeaderMap {
    fn values(&self, name: &str) -> Vec<Option<&str>> {
        self.get_all(name).iter().map(|v| v.to_str().ok()).collect()
    }
}

impl<K: AsRef<str>, V: AsRef<str>> WebhookHeaders for [(K, V)] {
    fn values(&self, name: &str) -> Vec<Option<&str>> {
        self.iter()
            .filter(|(k, _)| k.as_ref().eq_ignore_ascii_case(name))
            .map(|(_, v)| Some(v.as_ref()))
            .collect()
    }
}

impl<K: AsRef<str>, V: AsRef<str>> WebhookHeaders for Vec<(K, V)> {
    fn values(&self, name: &str) -> Vec<Option<&str>> {
        self.as_slice().values(name)
    }
}

impl<K: AsRef<str>, V: AsRef<str>, const N: usize> WebhookHeaders for [(K, V); N] {
    fn values(&self, name: &str) -> Vec<Option<&str>> {
        self.as_slice().values(name)
    }
}

impl<K: AsRef<str>, V: AsRef<str>, S> WebhookHeaders for HashMap<K, V, S> {
    fn values(&self, name: &str) -> Vec<Option<&str>> {
        self.iter()
            .filter(|(k, _)| k.as_ref().eq_ignore_ascii_case(name))
            .map(|(_, v)| Some(v.as_ref()))
            .collect()
    }
}

impl<K: AsRef<str>, V: AsRef<str>> WebhookHeaders for BTreeMap<K, V> {
    fn values(&self, name: &str) -> Vec<Option<&str>> {
        self.iter()
            .filter(|(k, _)| k.as_ref().eq_ignore_ascii_case(name))
            .map(|(_, v)| Some(v.as_ref()))
            .collect()
    }
}

impl<T: WebhookHeaders + ?Sized> WebhookHeaders for &T {
    fn values(&self, name: &str) -> Vec<Option<&str>> {
        (**self).values(name)
    }
}
