//! Clerk session tokens (feature `session-token`): verified without a
//! network call, with typed claims of both versions.
//!
//! Every request from a signed-in user carries Clerk's session token, a
//! JWT signed RS256 with the instance's key, in the `__session` cookie or
//! `Authorization: Bearer`. [`Verifier`] checks it as Clerk's SDKs do (the
//! signature first; `alg`, `typ` and the token category; `exp`, `nbf`,
//! `iat` with a clock skew; `azp` against the authorized parties) with the
//! instance's PEM public key or its JWKS document, and gives its
//! [`SessionClaims`]: generated from a schema written from Clerk's docs and
//! SDK types (`schema/clerk-sessionclaims-schema.json`) through the same
//! pipeline as every object, so the claims are kept member for member
//! (custom claims in `unknown`, [`SessionClaims::custom`]) and strict
//! validation knows them. [`SessionClaims::organization`] reads version 1
//! (`org_*`) and version 2 (`o`, `fea`, with `fpm` bitmasks of any size)
//! claims alike, as Clerk's JavaScript SDK does.
//!
//! ```
//! use std::time::{Duration, SystemTime};
//! use clerk_types::session_token::{SessionTokenError, Verifier};
//!
//! // A JWKS document as Clerk serves it (fetch it yourself, e.g. with reqwest).
//! let jwks = br#"{"keys": [{"kty": "RSA", "kid": "ins_1", "use": "sig", "alg": "RS256", "e": "AQAB",
//!   "n": "sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1WlUzewbgBHod5pcM9H95GQRV3JDXboIRROSBigeC5yjU1hGzHHyXss8UDprecbAYxknTcQkhslANGRUZmdTOQ5qTRsLAt6BTYuyvVRdhS8exSZEy_c4gs_7svlJJQ4H9_NxsiIoLwAEk7-Q3UXERGYw_75IDrGA84-lA_-Ct4eTlXHBIY2EaV7t7LjJaynVJCpkv4LKjTTAumiGUIuQhrNhZLuF_RJLqHpM2kgWFLU7-VTdL1VbC2tejvcI2BlMkEpk1BzBZI0KQB0GaDWFLN-aEAw3vRw"}]}"#;
//! let verifier = Verifier::from_jwks(jwks)?.authorized_parties(["https://app.example.com"]);
//! // A forged token is refused, with what is wrong.
//! let err = verifier.verify("eyJhbGciOiJub25lIn0.e30.").unwrap_err();
//! assert_eq!(err, SessionTokenError::UnsupportedAlgorithm("none".into()));
//! # Ok::<(), SessionTokenError>(())
//! ```

mod claims;
mod error;
mod jwt;
mod keys;
mod organization;
mod refresh;
mod verify;

pub use crate::SessionClaims;
pub use error::{SessionTokenError, MAX_ECHO};
pub use keys::{SkippedKey, MIN_KEY_BITS};
pub use organization::Organization;
pub use refresh::{JwksRefresh, DEFAULT_JWKS_REFRESH_INTERVAL};
pub use verify::{Verifier, DEFAULT_CLOCK_SKEW};

// What `crate::auth` shares of the verifier: one implementation of the
// checks for every kind of JWT.
pub(crate) use jwt::{peek as jwt_peek, Expect, ACCESS_TOKEN_TYPES};
pub(crate) use verify::decode_claims;

/// The longest token accepted, in bytes: a session token is a few KB, even
/// with custom claims (Clerk limits them to 1.2 KB), so anything longer is
/// refused before it is decoded.
pub const MAX_TOKEN_LEN: usize = 64 * 1024;
