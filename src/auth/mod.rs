//! Every kind of token Clerk issues, authenticated at one entry point
//! (feature `session-token`), as Clerk's `authenticateRequest` does with
//! `acceptsToken`: session tokens, and the machine credentials a backend
//! serving other services and AI agents sees, M2M tokens, OAuth access
//! tokens and API keys.
//!
//! [`TokenKind::of`] says what a token is without verifying it (an opaque
//! token by its prefix, a JWT by its `typ` and `sub`).
//! [`Verifier::authenticate_at`](crate::session_token::Verifier::authenticate_at)
//! verifies it if the caller [`Accepts`] its kind: the JWT forms without a
//! network call, with the same keys and checks as session tokens; an
//! opaque token (`mt_…`, `oat_…`, `ak_…`) is refused with
//! [`AuthError::NeedsBackendApi`], since only Clerk's Backend API can say
//! whether it is valid. A session-only route (the default, `Accepts::SESSION_ONLY`)
//! refuses every machine token.
//!
//! ```
//! use clerk_types::auth::{Accepts, AuthError, TokenKind};
//! use clerk_types::session_token::Verifier;
//!
//! assert_eq!(TokenKind::of("ak_2b5d..."), TokenKind::ApiKey);
//! assert_eq!(TokenKind::of("mt_3f8a..."), TokenKind::M2m);
//! # let jwks = br#"{"keys": [{"kty": "RSA", "kid": "ins_1", "use": "sig", "alg": "RS256", "e": "AQAB",
//! #   "n": "sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1WlUzewbgBHod5pcM9H95GQRV3JDXboIRROSBigeC5yjU1hGzHHyXss8UDprecbAYxknTcQkhslANGRUZmdTOQ5qTRsLAt6BTYuyvVRdhS8exSZEy_c4gs_7svlJJQ4H9_NxsiIoLwAEk7-Q3UXERGYw_75IDrGA84-lA_-Ct4eTlXHBIY2EaV7t7LjJaynVJCpkv4LKjTTAumiGUIuQhrNhZLuF_RJLqHpM2kgWFLU7-VTdL1VbC2tejvcI2BlMkEpk1BzBZI0KQB0GaDWFLN-aEAw3vRw"}]}"#;
//! let verifier = Verifier::from_jwks(jwks)?; // or from_pem: the instance's keys
//! // A service route takes machine tokens only; an opaque one needs the Backend API.
//! let err = verifier.authenticate("mt_3f8a", Accepts::only([TokenKind::M2m])).unwrap_err();
//! assert_eq!(err, AuthError::NeedsBackendApi(TokenKind::M2m));
//! // A browser route takes session tokens only.
//! let err = verifier.authenticate("ak_2b5d", Accepts::default()).unwrap_err();
//! assert!(matches!(err, AuthError::TokenTypeMismatch { kind: TokenKind::ApiKey, .. }));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod accepts;
mod authenticated;
mod error;
mod kind;
mod tokens;
mod verify;

pub use crate::{M2mTokenClaims, OAuthAccessTokenClaims};
pub use accepts::Accepts;
pub use authenticated::Authenticated;
pub use error::AuthError;
pub use kind::TokenKind;
pub use tokens::{timestamp, ApiKey, M2mToken, OAuthToken};
#[cfg(feature = "api-client")]
pub(crate) use verify::admitted;
