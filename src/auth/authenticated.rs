//! What a token turned out to be, verified.

use super::{ApiKey, M2mToken, OAuthToken, TokenKind};
use crate::SessionClaims;

/// A verified token, by kind.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Authenticated {
    /// A signed-in user's session token.
    Session(Box<SessionClaims>),
    /// A machine-to-machine token.
    M2m(M2mToken),
    /// An OAuth access token.
    OAuth(OAuthToken),
    /// An API key.
    ApiKey(ApiKey),
}

impl Authenticated {
    /// Its kind.
    pub fn kind(&self) -> TokenKind {
        match self {
            Authenticated::Session(_) => TokenKind::SessionToken,
            Authenticated::M2m(_) => TokenKind::M2m,
            Authenticated::OAuth(_) => TokenKind::OAuth,
            Authenticated::ApiKey(_) => TokenKind::ApiKey,
        }
    }
}
