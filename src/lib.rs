//! Types for Clerk's Backend API objects (Client, Session, User,
//! EmailAddress, Organization, ...), generated at build time from Clerk's
//! published JSON Schemas, that decode the payloads Clerk really sends; and,
//! with the `webhooks` feature, Clerk's webhook deliveries verified and
//! decoded as typed events (`clerk_types::webhooks`: every event type of
//! Clerk's webhooks spec, over these same types).
//!
//! ```
//! let json = r#"{
//!     "object": "client", "id": "client_2x", "session_ids": ["sess_2x"],
//!     "sessions": [{
//!         "object": "session", "id": "sess_2x", "user_id": "user_2x",
//!         "client_id": "client_2x", "status": "active", "actor": null,
//!         "last_active_organization_id": null, "last_active_at": 1760381439785,
//!         "expire_at": 1760986239785, "abandon_at": 1762973439785,
//!         "updated_at": 1760381439785, "created_at": 1760381400000,
//!         "last_active_token": {"object": "token", "jwt": "..."}
//!     }],
//!     "sign_in_id": null, "sign_up_id": null,
//!     "last_active_session_id": "sess_2x",
//!     "updated_at": 1760381439785, "created_at": 1760381400000
//! }"#;
//! let client: clerk_types::Client = serde_json::from_str(json)?;
//! let session = client.last_active_session().expect("sess_2x is there");
//! assert_eq!(session.status, clerk_types::SessionStatus::Active);
//! assert_eq!(client.last_authentication_strategy, None); // absent before 2025-09
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! # What the generator does beyond the schema
//!
//! The schema (`schema/clerk-client-schema.json`, the exact upstream bytes) is
//! read as its authors meant it, then the types are made lenient where real
//! payloads need it:
//!
//! - **Nothing is lost.** A payload decoded and encoded again is the payload
//!   Clerk sent, member for member (key order aside):
//!   - **unknown members** are kept at every level, although the schema says
//!     `additionalProperties: false` (Clerk adds fields without notice), in
//!     each struct's `unknown` field ([`Members`], in the order they came),
//!     and written back after the known ones;
//!   - **`nullable`** fields are `Option<T>`, and `null` and an absent key
//!     both decode as `None`; which of the two it was is kept and written
//!     back.
//! - **Absent members decode.** Upstream's `required` says what Clerk's
//!   current responses hold, not what reaches a handler (older API
//!   versions, archived webhooks, the dashboard's test events, docs
//!   examples). So a member upstream calls required may be absent, at every
//!   level: an `Option` field is `None`, a tag its only value, any other
//!   field its type's empty value (`""`, `0`, `false`, `[]`, `{}`, an open
//!   enum's `Unknown("")`, a struct with every member absent): never an
//!   invented status such as `Active`, but `false` and `0` read like real
//!   values, so ask `missing_required()` where that matters. The struct
//!   records that the member was absent: while the field still holds that
//!   value, encoding leaves it out again, `PartialEq` tells it from a
//!   member that came empty and `Debug` shows `<absent>`; a value set
//!   since is written like any other. [`MissingRequired::missing_required`]
//!   (also an inherent method of every struct) lists the JSON pointers of
//!   the required members a value lacked, at every depth: the one way to be
//!   strict at run time. What still refuses: an object without its identity
//!   (a required `id`), a different object (a wrong tag), a value of the
//!   wrong JSON type, `null` where the schema allows none.
//!   `PartialEq` compares the values, the unknown members and which
//!   required members were absent, not whether an optional `None` came as
//!   `null` or absent.
//! - **Objects only:** a struct decodes from a JSON object, never from an
//!   array of its fields' values (`expected a Client object`).
//! - **Tags:** a single-value tag that is absent (Clerk's 2022 fixtures omit
//!   `object` on nested sessions) decodes as its only value; a different
//!   value is refused.
//! - **Open enums:** every string enum of two or more values has a catch-all
//!   variant, e.g. [`SessionStatus::Unknown`], that keeps a value the schema
//!   does not list and writes it back unchanged. Values compare, hash and
//!   order by their JSON text (`as_str()`), so `SessionStatus::Unknown("active".into())`
//!   equals [`SessionStatus::Active`] and a variant added by a later release
//!   never reorders the others. Single-value tags such as [`ClientObject`]
//!   stay strict: a `session` is not a `Client`.
//! - **Typed ids** ([`ids`]): an object's `id` and every member that refers
//!   to one are of their kind's type ([`UserId`], [`SessionId`], ...), the
//!   same in objects, events, token claims and the Backend API's
//!   parameters, so a session id passed where a user id belongs does not
//!   compile. Opaque: any string decodes and is written back as sent; an id
//!   reads, compares and hashes as its text.
//! - **Stable names** are pinned in `schema/names.json`, not derived from JSON
//!   paths, so an upstream restructuring cannot rename a type.
//! - Structs and enums are `#[non_exhaustive]`: build them with their
//!   builders, and match with a `_` arm. A builder's setters take what you
//!   have (`&str`, integer literals, any iterator, a nested builder); an
//!   unset field is what decoding makes of an absent member (so a mock for a
//!   test stays short, and `missing_required()` lists what it left out);
//!   `build()` fails only without the identity (`id`) or on a value that did
//!   not convert, and reports every such problem at once:
//!
//! ```
//! # #[cfg(feature = "client")] {
//! use clerk_types::{Client, Session};
//!
//! let session = Session::builder()
//!     .id("sess_1")
//!     .user_id("user_1")
//!     .client_id("client_1")
//!     .status("active")
//!     .last_active_at(1_760_381_439_785)
//!     .expire_at(1_760_986_239_785)
//!     .abandon_at(1_762_973_439_785)
//!     .updated_at(1_760_381_439_785)
//!     .created_at(1_760_381_400_000);
//! let client = Client::builder()
//!     .id("client_1")
//!     .session_ids(["sess_1"])
//!     .sessions([session])
//!     .last_active_session_id("sess_1")
//!     .updated_at(1_760_381_439_785)
//!     .created_at(1_760_381_400_000)
//!     .build()?;
//! assert_eq!(client.sign_in_id, None);
//! // A builder writes the tags (`"object": "client"`), as Clerk would.
//! assert_eq!(client.missing_required(), ["/last_authentication_strategy", "/sign_in_id",
//!     "/sign_up_id"]);
//!
//! let mock = Session::builder().id("sess_2").user_id("user_2").build()?;
//! assert_eq!(serde_json::to_string(&mock).unwrap(), r#"{"id":"sess_2","object":"session","user_id":"user_2"}"#);
//! let err = Session::builder().user_id("user_2").build().unwrap_err();
//! assert_eq!(err.missing(), ["id"]);
//! # }
//! # Ok::<(), clerk_types::BuildError>(())
//! ```
//! - Timestamps are Unix **milliseconds** in `i64` (as sent, so they
//!   round-trip); [`UnixMillis`] gives a `SystemTime`, and with the `jiff`,
//!   `chrono` or `time` feature a value of that crate.
//! - A `oneOf` with a `discriminator` is an enum keyed on its tag, with a
//!   catch-all for tags this version does not know (none in the Client
//!   schema today; ARCHITECTURE.md describes the whole dialect).
//!
//! # Schemas and features
//!
//! Each vendored schema is a module, behind a cargo feature of the same name:
//! `client` (the default), `actortoken`, `emailaddress`, `invitation`,
//! `jwttemplate`, `oauthapplication`, `organization`,
//! `organizationinvitation`, `organizationmembership`, `phonenumber`,
//! `samlconnection`, `session`, `signintoken`, `user`, the ten objects
//! only webhooks carry (`role`, `permission`, `organizationdomain`,
//! `deletedobject`, `emaileventpayload`, `smseventpayload`, `waitlistentry`,
//! `paymentattempteventpayload`, `subscriptioneventpayload`,
//! `billingsubscriptionitemeventpayload`) and the claims of a session token
//! (`sessionclaims`); `full` enables them all. Only enabled schemas are
//! generated, so a consumer compiles what it uses: a type whose feature is
//! off is not there, and the compiler says which feature brings it (`no
//! `User` in the root ... the item is gated behind the `user` feature`).
//! The other features: `webhooks` ([`webhooks`]: verification and typed
//! events, with the schemas an event's data is), `session-token`
//! (`session_token`: verifying session tokens networkless, their typed
//! claims), `validate` (strict validation), `schemars` (`JsonSchema` for
//! every type), `jiff`, `chrono`, `time` (timestamps as those crates'
//! types). Built with `--cfg docsrs` (`cargo doc --all-features`), every
//! item is marked with the features that bring it. A subschema identical
//! to one generated already is one shared type
//! (a User's `email_addresses` are [`EmailAddress`]es, a Client's sessions
//! are the Session schema's `Session`): it exists, under the same name, in
//! every module that uses it, whichever of them are enabled, and every
//! type is re-exported at the crate root. [`SCHEMAS`] lists the enabled
//! schemas and [`reencode`] decodes a payload as any of them by name.
//!
//! Upstream derives its files from Clerk's OpenAPI by inlining every `$ref`
//! and cutting nodes nested six or more levels deep to `{}` (only User is
//! that deep). A cut copy that equals an uncut copy elsewhere in the
//! vendored set, but for its cuts, is filled from it, for generation and
//! strict validation alike: so User's email addresses are the
//! `EmailAddress` type, and a User's nested verification `error` is checked
//! as Clerk's error object by both. A cut that no uncut copy explains (the
//! `error` of an external account's OAuth verification) stays "any JSON
//! object" for both.
//!
//! # Decoding with paths
//!
//! [`from_str`], [`from_slice`] and [`from_value`] decode like serde_json,
//! and on failure say where: `sessions[3].status: invalid type: integer
//! `42`, expected a string`. Success costs the same as plain serde_json: only
//! a failure is decoded a second time, to find its path.
//!
//! # Strict validation (feature `validate`)
//!
//! `validate::client(&value)` checks a document against the vendored schema
//! as its authors meant it (`nullable` as JSON Schema's `null` type,
//! `additionalProperties: false`, `required`, `enum`, `type`, `format`) and
//! returns every violation with its JSON pointer.
//!
//! Lenient decoding and strict validation differ exactly here:
//!
//! | document | decoding | validation |
//! |---|---|---|
//! | a member the schema does not list, on `Client` or `Session` | kept in `unknown` | violation (`additionalProperties: false`) |
//! | a member the schema does not list, on `latest_activity` or a task | kept in `unknown` | accepted (the schema allows it) |
//! | an unknown member given twice | the last one kept | the last one checked |
//! | an unknown member nested deeper than 128 levels | refused (recursion limit) | accepted where unknown members are |
//! | an enum value the schema does not list (`status: "locked"`) | `Unknown("locked")` | violation |
//! | a required member absent (`created_at` on a 2021 session) | the empty value (`0`), written back absent, listed by `missing_required()` | violation (`required`) |
//! | a required nullable key absent (`last_authentication_strategy`) | `None` (written back absent, listed by `missing_required()`) | violation (`required`) |
//! | a single-value tag absent (`object` on a session) | its only value (written back absent, listed by `missing_required()`; a builder writes it) | violation (`required`) |
//! | a required `id` absent | refused (`missing field `id``) | violation (`required`) |
//! | an array (or a scalar) where an object belongs | refused (`expected a Session object`) | violation (`type`) |
//! | an integer written with a fraction of zero (`1.0`) | refused | accepted (JSON Schema's `integer`) |
//! | neither of two alternative members (a SAML connection's `domain` or `domains`) | accepted (both optional) | violation (`anyOf`) |
//! | a name in `required` with no schema (a SAML connection's `authenticatable`) absent | accepted (a present one is kept in `unknown`) | violation (`required`) |
//! | an integer beyond `i64`'s range | refused | accepted (JSON Schema's `integer`) |
//! | a string that breaks its `pattern`, `format` (`email`, `date-time`) or length (`linked_to[0].type: "oauth_linkedin_oidc"`) | accepted (a `String`, written back as sent) | violation |
//! | a number outside its range or `multipleOf`, an array outside its item counts or with repeated items under `uniqueItems` | accepted as sent (in its order) | violation |
//! | a key given twice | refused (`duplicate field`) | the last one is checked |
//!
//! Everything else gets the same verdict from both; the crate's tests check
//! that on generated documents and their mutations.

#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

// The README's Rust examples compile and run as doc tests.
#[cfg(all(
    doctest,
    feature = "client",
    feature = "webhooks",
    feature = "session-token",
    feature = "validate",
    feature = "api-client"
))]
#[doc = include_str!("../README.md")]
struct ReadmeExamples;

#[cfg(feature = "api")]
#[cfg_attr(docsrs, doc(cfg(feature = "api")))]
pub mod api;
#[cfg(feature = "session-token")]
#[cfg_attr(docsrs, doc(cfg(feature = "session-token")))]
pub mod auth;
mod builder;
pub mod decode;
// Used by the generated unions (which only some schemas have) to choose a
// variant by shape.
#[allow(dead_code)]
mod encodes_as;
pub mod error;
mod helpers;
pub mod ids;
#[cfg(feature = "schemars")]
#[cfg_attr(docsrs, doc(cfg(feature = "schemars")))]
pub mod json_schema;
// Used by the generated unions (which only some schemas have) and the
// webhooks; without them its index goes unread.
#[allow(dead_code)]
mod member_name;
pub mod members;
mod required;
#[cfg(feature = "session-token")]
#[cfg_attr(docsrs, doc(cfg(feature = "session-token")))]
pub mod session_token;
// Used by the generated discriminated unions, which only some schemas have.
#[allow(dead_code)]
mod tagged;
// Used by the generated discriminated unions for an object without its tag.
#[allow(dead_code)]
mod tagless;
mod timestamps;
#[cfg(feature = "validate")]
#[cfg_attr(docsrs, doc(cfg(feature = "validate")))]
pub mod validate;
#[cfg(feature = "webhooks")]
#[cfg_attr(docsrs, doc(cfg(feature = "webhooks")))]
pub mod webhooks;

/// The `http` crate (version 1) whose `HeaderMap` the webhook verifier
/// reads and whose requests and responses the Backend API's operations
/// make and read: re-exported so that a caller needs no dependency of its
/// own.
#[cfg(any(feature = "webhooks", feature = "api"))]
#[cfg_attr(docsrs, doc(cfg(any(feature = "webhooks", feature = "api"))))]
pub use http;

pub use builder::BuildError;
pub use decode::{from_slice, from_str, from_value, Category, DecodeError};
pub use ids::*;
pub use members::Members;
pub use required::{Found, MissingRequired};
pub use timestamps::UnixMillis;

// One module per vendored schema (`client`, ...), their types re-exported
// here, and `SCHEMAS`; written by build.rs.
include!(concat!(env!("OUT_DIR"), "/schemas.rs"));

/// A vendored schema: its name, its root type, its file in `schema/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SchemaInfo {
    /// The name upstream gives it (`client`), also its module's name.
    pub name: &'static str,
    /// The Rust name of its root type (`Client`).
    pub root_type: &'static str,
    /// The vendored file (`clerk-client-schema.json`).
    pub file: &'static str,
}

/// Decodes `bytes` as the root type of the enabled schema `name`
/// (`client`, `session`, ...) and encodes it again: the JSON this crate
/// keeps of a payload (all of it: unknown members and enum values too).
/// `None` when no enabled schema has that name (see [`SCHEMAS`]).
// Inline, as the generic decoders are: every root's decode is compiled in
// the build that calls this, not in every build of the crate (three
// quarters of the default library's code, BENCHMARKS.md).
#[inline]
pub fn reencode(name: &str, bytes: &[u8]) -> Option<Result<serde_json::Value, DecodeError>> {
    reencode_root(name, bytes)
}

/// Decodes `bytes` as the root type of the enabled schema `name` and lists
/// the required members it lacked, as JSON pointers
/// ([`MissingRequired::missing_required`]); `None` when no enabled schema
/// has that name.
#[inline] // As `reencode`.
pub fn missing_required(name: &str, bytes: &[u8]) -> Option<Result<Vec<String>, DecodeError>> {
    missing_required_root(name, bytes)
}
