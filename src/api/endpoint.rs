//! Where requests go and what they carry: the base URL, the secret key,
//! the API version and the user agent. The secret key never shows in
//! `Debug` or `Display`, and its bytes are wiped when it is dropped.

use std::fmt;

use zeroize::Zeroize;

/// An instance's secret key (`sk_live_…`, `sk_test_…`): the bearer of
/// every Backend API request.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretKey(String);

impl SecretKey {
    /// The key. Only the request builder reads it.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl From<String> for SecretKey {
    fn from(key: String) -> Self {
        SecretKey(key)
    }
}

impl From<&str> for SecretKey {
    fn from(key: &str) -> Self {
        SecretKey(key.to_owned())
    }
}

impl Drop for SecretKey {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The environment is no secret, and tells test from live.
        let kind = ["sk_live_", "sk_test_"]
            .into_iter()
            .find(|p| self.0.starts_with(p))
            .unwrap_or("");
        write!(f, "SecretKey({kind}<redacted>)")
    }
}

/// The user agent requests carry unless told otherwise.
pub const USER_AGENT: &str = concat!("clerk-types/", env!("CARGO_PKG_VERSION"));

/// Where requests go and what they carry.
#[derive(Clone, Debug)]
pub struct Endpoint {
    pub(crate) base_url: String,
    pub(crate) secret_key: SecretKey,
    pub(crate) api_version: String,
    pub(crate) user_agent: String,
}

impl Endpoint {
    /// Clerk's Backend API ([`DEFAULT_BASE_URL`](super::DEFAULT_BASE_URL))
    /// with `secret_key`, the API version these types are generated from
    /// ([`API_VERSION`](super::API_VERSION)) and this crate's user agent.
    pub fn new(secret_key: impl Into<SecretKey>) -> Self {
        Endpoint {
            base_url: super::DEFAULT_BASE_URL.to_owned(),
            secret_key: secret_key.into(),
            api_version: super::API_VERSION.to_owned(),
            user_agent: USER_AGENT.to_owned(),
        }
    }

    /// Another base URL (a proxy, a test server): everything before the
    /// operation's path, `/v1` included. A final `/` is dropped.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        let mut url = base_url.into();
        while url.ends_with('/') {
            url.pop();
        }
        self.base_url = url;
        self
    }

    /// Another `Clerk-API-Version` (the types stay this release's).
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.api_version = version.into();
        self
    }

    /// Another `User-Agent`.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// The base URL requests go to.
    pub fn url(&self) -> &str {
        &self.base_url
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_never_shown() {
        let e = Endpoint::new("sk_test_abcdef123456").base_url("http://127.0.0.1:1/v1/");
        let shown = format!("{e:?}");
        assert!(!shown.contains("abcdef"), "{shown}");
        assert!(shown.contains("SecretKey(sk_test_<redacted>)"), "{shown}");
        assert_eq!(e.url(), "http://127.0.0.1:1/v1");
    }
}
