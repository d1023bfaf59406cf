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
    /// Clerk's Backend API does not know the token (it answered 404): a
    /// made-up or deleted token.
    UnknownToken(TokenKind),
    /// Clerk's Backend API knows the token and says it was revoked.
    Revoked {
        /// What the token is.
        kind: TokenKind,
        /// Why, as Clerk recorded it.
        reason: Option<String>,
    },
    /// Clerk's Backend API knows the token and says it expired (or, for an
    /// OAuth access token, that it is not active).
    Expired(TokenKind),
    /// Clerk's Backend API refused the instance's secret key (it answered
    /// 401): the key is wrong, or of another instance.
    InvalidSecretKey,
    /// Clerk's Backend API could not be asked, or answered otherwise: what
    /// went wrong (the token is not in it).
    BackendApi {
        /// The status Clerk answered, if it answered.
        status: Option<u16>,
        /// What went wrong.
        message: String,
    },
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
            AuthError::UnknownToken(kind) => write!(f, "Clerk does not know this {kind}"),
            AuthError::Revoked { kind, reason } => write!(
                f,
                "the {kind} was revoked{}",
                reason.as_deref().map(|r| format!(": {r}")).unwrap_or_default()
            ),
            AuthError::Expired(kind) => write!(f, "the {kind} expired"),
            AuthError::InvalidSecretKey => f.write_str(
                "Clerk refused the secret key (401): check CLERK_SECRET_KEY, and that it is the instance's",
            ),
            AuthError::BackendApi { status, message } => match status {
                Some(status) => write!(f, "Clerk's Backend API answered {status}: {message}"),
                None => write!(f, "Clerk's Backend API could not be asked: {message}"),
            },
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
