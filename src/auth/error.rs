//! Why a token was not authenticated.

use std::fmt;

use super::{Accepts, TokenKind};
use crate::session_token::SessionTokenError;

/// Why a token is refused. Like [`SessionTokenError`], messages never hold
/// the token; answer the caller with a fixed 401.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthError {
    /// The token is of a kind the caller does not accept (Clerk's
    /// `TokenTypeMismatch`).
    TokenTypeMismatch {
        /// What the token is.
        kind: TokenKind,
        /// What was accepted.
        accepted: Accepts,
    },
    /// An opaque machine token (`mt_…`, `oat_…`, `ak_…`): only Clerk's
    /// Backend API can verify it (`api::Client::authenticate`, feature
    /// `api-client`, or its verify operation).
    NeedsBackendApi(TokenKind),
    /// The token was refused, and why (the checks of its JWT form).
    Invalid {
        /// What the token claimed to be.
        kind: TokenKind,
        /// Why it was refused.
        reason: SessionTokenError,
    },
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuthError::TokenTypeMismatch { kind, accepted } => {
                write!(f, "a {kind} where {accepted} is accepted")
            }
            AuthError::NeedsBackendApi(kind) => write!(
                f,
                "an opaque {kind}: only Clerk's Backend API can verify it (api::Client::authenticate)"
            ),
            AuthError::Invalid { kind, reason } => write!(f, "{kind} refused: {reason}"),
        }
    }
}

impl std::error::Error for AuthError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            AuthError::Invalid { reason, .. } => Some(reason),
            _ => None,
        }
    }
}
