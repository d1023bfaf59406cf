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
//! ban(&organization); // expected `&UserId`, found `&OrganizationId`
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

/// Defines one id type: `$name` for the objects tagged `$tag`.
macro_rules! id_type {
    ($name:ident, $tag:literal, $doc:literal) => {
        #[doc = $doc]
        ///
        /// Opaque: any string decodes and is written back as sent. See
        /// [the `ids` module](crate::ids) for what it converts from and
        /// compares with.
        #[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(::std::string::String);

        impl $name {
            /// The `object` tag of the objects this id finds.
            pub const OBJECT: &'static str = $tag;

            /// An id of this kind with the given text.
            pub fn new(id: impl ::std::convert::Into<::std::string::String>) -> Self {
                Self(id.into())
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The id's text, owned.
            pub fn into_string(self) -> ::std::string::String {
                self.0
            }
        }

        impl ::std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl ::std::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl ::std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_tuple(stringify!($name)).field(&self.0).finish()
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(Self(s.to_owned()))
            }
        }

        impl ::std::convert::From<::std::string::String> for $name {
            fn from(id: ::std::string::String) -> Self {
                Self(id)
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }

        impl ::std::convert::From<&::std::string::String> for $name {
            fn from(id: &::std::string::String) -> Self {
                Self(id.clone())
            }
        }

        impl ::std::convert::From<&$name> for $name {
            fn from(id: &$name) -> Self {
                id.clone()
            }
        }

        impl ::std::convert::From<$name> for ::std::string::String {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl ::std::cmp::PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl ::std::cmp::PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl ::std::cmp::PartialEq<::std::string::String> for $name {
            fn eq(&self, other: &::std::string::String) -> bool {
                &self.0 == other
            }
        }

        impl ::std::cmp::PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                self == other.0
            }
        }

        impl ::std::cmp::PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl ::std::cmp::PartialEq<$name> for ::std::string::String {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                ::std::string::String::deserialize(d).map(Self)
            }
        }

        impl crate::required::Empty for $name {
            fn empty() -> Self {
                Self::default()
            }
        }

        #[cfg(feature = "schemars")]
        impl ::schemars::JsonSchema for $name {
            fn inline_schema() -> bool {
                true
            }
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                ::schemars::json_schema!({"type": "string"})
            }
        }
    };
}

// One `id_type!` per kind of the vendored set; written by build.rs.
include!(concat!(env!("OUT_DIR"), "/ids.rs"));
