//! Typed ids: a [`UserId`] is not an [`OrganizationId`].
//!
//! Every kind of Clerk object that is found by an id has a type for it,
//! generated from the vendored schemas (one per `object` tag that has an
//! `id`, whatever features are on), and every place that holds one uses
//! it: the object's own `id`, the members that refer to one (`user_id`,
//! `primary_email_address_id`, `session_ids`, a session token's `sub`),
//! the webhook events' data, and the Backend API's parameters
//! (`GetUser::new(user_id)`). Passing a session id where a user id belongs
//! does not compile:
//!
//! ```compile_fail
//! use clerk_types::{OrganizationId, UserId};
//! fn ban(user: &UserId) {}
//! let organization = OrganizationId::from("org_1");
//! ban(&organization); // expected `&Id<User>`, found `&Id<Organization>`
//! ```
//!
//! ```compile_fail
//! use clerk_types::{SessionId, UserId};
//! let same = UserId::from("x") == SessionId::from("x"); // no `PartialEq` between kinds
//! ```
//!
//! Ids are opaque: any string decodes (no prefix is checked, since Clerk
//! may change them) and is written back as sent. Where a string is at
//! hand, each id type converts from it (`UserId::from("user_...")`, or
//! `"user_...".into()` where an `impl Into<UserId>` is taken), compares
//! with it (`id == "user_..."`), reads as one (`Deref<Target = str>`,
//! `as_str()`, `Display`) and is looked up by one in a map keyed by ids
//! (`Borrow<str>`):
//!
//! ```
//! use std::collections::HashMap;
//! use clerk_types::UserId;
//!
//! let id: UserId = serde_json::from_str("\"user_2x\"").unwrap();
//! assert_eq!(id, "user_2x");
//! assert!(id.starts_with("user_"));
//! let mut seen: HashMap<UserId, u32> = HashMap::new();
//! seen.insert(id.clone(), 1);
//! assert_eq!(seen.get("user_2x"), Some(&1));
//! assert_eq!(serde_json::to_string(&id).unwrap(), "\"user_2x\"");
//! let text: String = id.into();
//! assert_eq!(text, "user_2x");
//! ```
//!
//! Which members hold ids is decided by one rule in the generator
//! (`codegen/src/model/ids.rs`); a member it does not recognise stays a
//! `String`.
//!
//! Each id type is an alias of one generic type, [`Id`], for a marker of
//! [`kinds`]: [`UserId`] is `Id<kinds::User>`, which is what the
//! compiler's messages call it. Every impl is written once, generically, so
//! a build compiles only those its code uses: as 56 types of their own, with
//! twenty impls each, they were a quarter of a default build of the library
//! (BENCHMARKS.md, "Build cost").

use std::marker::PhantomData;

/// The id of a Clerk object of kind `K` (one of [`kinds`]): write it by
/// its alias, [`UserId`] for `Id<kinds::User>`.
///
/// Opaque: any string decodes and is written back as sent.
pub struct Id<K>(String, PhantomData<fn() -> K>);

/// A kind of Clerk object found by an id: a marker of [`kinds`].
pub trait Kind: sealed::Sealed {
    /// The `object` tag of the objects of this kind.
    const OBJECT: &'static str;
    /// The id type's name (`UserId`).
    const NAME: &'static str;
}

/// Only this crate's markers are kinds. Outside [`kinds`], whose names are
/// the generated markers', so that no marker can clash with it.
mod sealed {
    /// Implemented by the markers of [`kinds`](super::kinds) alone.
    pub trait Sealed {}
}

impl<K: Kind> Id<K> {
    /// The `object` tag of the objects this id finds.
    pub const OBJECT: &'static str = K::OBJECT;
}

impl<K> Id<K> {
    /// An id of this kind with the given text.
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into(), PhantomData)
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id's text, owned.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl<K> Clone for Id<K> {
    fn clone(&self) -> Self {
        Self(self.0.clone(), PhantomData)
    }
}
impl<K> Default for Id<K> {
    fn default() -> Self {
        Self(String::new(), PhantomData)
    }
}
impl<K> PartialEq for Id<K> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}
impl<K> Eq for Id<K> {}
impl<K> PartialOrd for Id<K> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<K> Ord for Id<K> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.cmp(&other.0)
    }
}
impl<K> std::hash::Hash for Id<K> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}
impl<K> std::ops::Deref for Id<K> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}
impl<K> AsRef<str> for Id<K> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}
impl<K> std::borrow::Borrow<str> for Id<K> {
    fn borrow(&self) -> &str {
        &self.0
    }
}
impl<K> std::fmt::Display for Id<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl<K: Kind> std::fmt::Debug for Id<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple(K::NAME).field(&self.0).finish()
    }
}
impl<K> std::str::FromStr for Id<K> {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self(s.to_owned(), PhantomData))
    }
}
impl<K> From<String> for Id<K> {
    fn from(id: String) -> Self {
        Self(id, PhantomData)
    }
}
impl<K> From<&str> for Id<K> {
    fn from(id: &str) -> Self {
        Self(id.to_owned(), PhantomData)
    }
}
impl<K> From<&String> for Id<K> {
    fn from(id: &String) -> Self {
        Self(id.clone(), PhantomData)
    }
}
impl<K> From<&Id<K>> for Id<K> {
    fn from(id: &Id<K>) -> Self {
        id.clone()
    }
}
impl<K> From<Id<K>> for String {
    fn from(id: Id<K>) -> Self {
        id.0
    }
}
impl<K> PartialEq<str> for Id<K> {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}
impl<K> PartialEq<&str> for Id<K> {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}
impl<K> PartialEq<String> for Id<K> {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}
impl<K> PartialEq<Id<K>> for str {
    fn eq(&self, other: &Id<K>) -> bool {
        self == other.0
    }
}
impl<K> PartialEq<Id<K>> for &str {
    fn eq(&self, other: &Id<K>) -> bool {
        *self == other.0
    }
}
impl<K> PartialEq<Id<K>> for String {
    fn eq(&self, other: &Id<K>) -> bool {
        *self == other.0
    }
}
impl<K> serde::Serialize for Id<K> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}
impl<'de, K> serde::Deserialize<'de> for Id<K> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Self::from)
    }
}
impl<K> crate::required::Empty for Id<K> {
    fn empty() -> Self {
        Self::default()
    }
}
#[cfg(feature = "schemars")]
impl<K: Kind> schemars::JsonSchema for Id<K> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        K::NAME.into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string"})
    }
}

/// Defines every kind: its id type's alias and its marker in [`kinds`].
macro_rules! ids {
    ($(($name:ident, $kind:ident, $tag:literal, $doc:literal)),* $(,)?) => {
        $(
            #[doc = $doc]
            ///
            /// Opaque: any string decodes and is written back as sent. See
            /// [`Id`] for what it converts from and compares with.
            pub type $name = Id<kinds::$kind>;

            impl Kind for kinds::$kind {
                const OBJECT: &'static str = $tag;
                const NAME: &'static str = stringify!($name);
            }
        )*

        /// One marker type per kind of object, for [`Id`]: `Id<kinds::User>`
        /// is [`UserId`].
        pub mod kinds {
            $(
                #[doc = concat!("The kind of the `", $tag, "` objects: [`", stringify!($name), "`](super::", stringify!($name), ").")]
                pub enum $kind {}
                impl super::sealed::Sealed for $kind {}
            )*
        }
    };
}

include!(concat!(env!("OUT_DIR"), "/ids.rs"));
