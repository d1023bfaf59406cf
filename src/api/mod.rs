//! Clerk's Backend API (feature `api`): one request type per operation of
//! Clerk's spec (`schema/bapi/operations.json`, derived from the vendored
//! `bapi/<version>.yml`), generated at build time over the crate's own
//! types, so that `GetUser` gives the same [`User`](crate::user::User) a
//! `user.created` event carries.
//!
//! The request types are sans-IO: [`Operation::to_request`] makes an
//! `http::Request<Vec<u8>>` for an [`Endpoint`] (base URL, secret key, API
//! version), [`Operation::from_response`] reads the `http::Response` into
//! the typed output or an [`ApiError`]. Any HTTP client can send them;
//! [`Client`] (feature `api-client`) sends them with reqwest, with retries.
//!
//! What each operation gives is decided once, by the generator: a vendored
//! object's type, a `Vec` of them, a page ([`List`]) with its total count,
//! `()` for no body, and `serde_json::Value` (kept whole) for the objects
//! that are not vendored as types yet. List operations that page with
//! `limit` and `offset` implement [`Paged`]; [`Pages`] walks them.
//!
//! ```
//! use clerk_types::api::{self, Endpoint, Operation};
//!
//! let endpoint = Endpoint::new("sk_test_123");
//! let request = api::UpdateUserMetadata::new("user_123")
//!     .public_metadata(serde_json::json!({"plan": "pro"}))
//!     .to_request(&endpoint)?;
//! assert_eq!(request.method(), http::Method::PATCH);
//! assert_eq!(request.uri(), "https://api.clerk.com/v1/users/user_123/metadata");
//! assert_eq!(request.headers()["clerk-api-version"], api::API_VERSION);
//! assert_eq!(request.body(), br#"{"public_metadata":{"plan":"pro"}}"#);
//! # Ok::<(), api::ApiError>(())
//! ```
//!
//! A parameter that is an id takes that id's type ([`crate::ids`]) or
//! text: `GetUser::new` takes a [`UserId`](crate::UserId), a `&UserId`, a
//! `&str` or a `String`, and not another kind of id:
//!
//! ```
//! use clerk_types::{api, UserId};
//! let user = UserId::from("user_1");
//! let _ = (api::GetUser::new(&user), api::GetUser::new("user_1"));
//! ```
//!
//! ```compile_fail
//! use clerk_types::{api, SessionId};
//! let session = SessionId::from("sess_1");
//! let _ = api::GetUser::new(session); // `UserId: From<SessionId>` is not implemented
//! ```

#[cfg(all(feature = "api-client", feature = "session-token"))]
mod authenticate;
mod body;
#[cfg(feature = "api-client")]
#[cfg_attr(docsrs, doc(cfg(feature = "api-client")))]
mod client;
mod encode;
mod endpoint;
mod error;
mod list;
mod operation;
mod query;
mod retry;

pub use body::{File, JsonBody, Multipart};
#[cfg(feature = "api-client")]
#[cfg_attr(docsrs, doc(cfg(feature = "api-client")))]
pub use client::{Client, PageStream, DEFAULT_TIMEOUT, SECRET_KEY_ENV};
pub use endpoint::{Endpoint, SecretKey, USER_AGENT};
pub use error::{retry_after, ApiError, ClerkError, ClerkErrors, MAX_BODY_BYTES, SNIPPET_BYTES};
pub use list::{List, Paged, Pages, DEFAULT_PAGE_SIZE};
pub use operation::{Body, Operation, OperationInfo, API_VERSION_HEADER};
pub use query::Query;
pub use retry::{Outcome, Retry};

/// The request types, generated from the operations catalog.
#[allow(
    clippy::too_many_arguments,
    clippy::new_without_default,
    clippy::single_char_add_str
)]
mod operations {
    include!(concat!(env!("OUT_DIR"), "/operations.rs"));
}
pub use operations::*;
