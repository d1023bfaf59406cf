//! What kind of token a string is, read as Clerk's `authenticateRequest`
//! reads it, without verifying anything: an opaque machine token by its
//! prefix, a JWT by its header's `typ` and its payload's `sub`.

use std::fmt;

use crate::session_token::jwt_peek;

/// The kinds of token Clerk issues (its JS SDK's `TokenType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum TokenKind {
    /// A session token: the JWT of a signed-in user (`session_token`).
    SessionToken,
    /// A machine-to-machine token: opaque `mt_…`, or a JWT whose `sub` is
    /// a machine (`mch_…`) (`m2m_token`).
    M2m,
    /// An OAuth access token Clerk issued as an OAuth provider: opaque
    /// `oat_…`, or a JWT with `typ` `at+jwt` (`oauth_token`).
    OAuth,
    /// An API key: opaque `ak_…` (`api_key`).
    ApiKey,
}

/// The prefixes of the opaque machine tokens.
const OPAQUE: &[(&str, TokenKind)] = &[
    ("mt_", TokenKind::M2m),
    ("oat_", TokenKind::OAuth),
    ("ak_", TokenKind::ApiKey),
];

impl TokenKind {
    /// Every kind, in the order above.
    pub const ALL: [TokenKind; 4] = [
        TokenKind::SessionToken,
        TokenKind::M2m,
        TokenKind::OAuth,
        TokenKind::ApiKey,
    ];

    /// What `token` says it is, as Clerk's SDK decides before verifying:
    /// `mt_`, `oat_` and `ak_` prefixes; then a JWT whose header's `typ` is
    /// `at+jwt` (or `application/at+jwt`) is an OAuth access token, one
    /// whose `sub` starts with `mch_` an M2M token; anything else is taken
    /// for a session token (and verifying it says whether it is one).
    /// Surrounding whitespace is ignored. Nothing is verified: a forged
    /// token gets a kind too.
    pub fn of(token: &str) -> TokenKind {
        let token = token.trim();
        if let Some((_, kind)) = OPAQUE.iter().find(|(p, _)| token.starts_with(p)) {
            return *kind;
        }
        match jwt_peek(token) {
            Some(peek) if peek.typ.as_deref().is_some_and(is_access_token_typ) => TokenKind::OAuth,
            Some(peek) if peek.sub.as_deref().is_some_and(|s| s.starts_with("mch_")) => {
                TokenKind::M2m
            }
            _ => TokenKind::SessionToken,
        }
    }

    /// Whether a token of this kind may be opaque, `token` being one:
    /// it has the kind's prefix, and only Clerk's Backend API can verify
    /// it.
    pub fn is_opaque(token: &str) -> bool {
        let token = token.trim();
        OPAQUE.iter().any(|(p, _)| token.starts_with(p))
    }

    /// Clerk's name for the kind (`session_token`, `m2m_token`,
    /// `oauth_token`, `api_key`), as its SDKs' `acceptsToken` spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::SessionToken => "session_token",
            TokenKind::M2m => "m2m_token",
            TokenKind::OAuth => "oauth_token",
            TokenKind::ApiKey => "api_key",
        }
    }
}

fn is_access_token_typ(typ: &str) -> bool {
    crate::session_token::ACCESS_TOKEN_TYPES.contains(&typ)
}

impl fmt::Display for TokenKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
