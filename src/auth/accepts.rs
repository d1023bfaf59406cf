//! Which kinds of token a route accepts, as Clerk's `acceptsToken` says.

use std::fmt;

use super::TokenKind;

/// The kinds of token a caller accepts: any, or some. The default is
/// session tokens only, as in Clerk's SDKs.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Accepts(u8);

impl Accepts {
    /// Every kind of token.
    #[allow(non_upper_case_globals)]
    pub const Any: Accepts = Accepts(0b1111);

    /// Session tokens only (the default).
    pub const SESSION_ONLY: Accepts = Accepts(1);

    /// These kinds only (none: nothing is accepted).
    pub fn only(kinds: impl IntoIterator<Item = TokenKind>) -> Accepts {
        Accepts(kinds.into_iter().fold(0, |bits, k| bits | bit(k)))
    }

    /// Whether a token of `kind` is accepted.
    pub fn accepts(self, kind: TokenKind) -> bool {
        self.0 & bit(kind) != 0
    }

    /// The kinds accepted, in [`TokenKind::ALL`]'s order.
    pub fn kinds(self) -> impl Iterator<Item = TokenKind> {
        TokenKind::ALL.into_iter().filter(move |k| self.accepts(*k))
    }
}

fn bit(kind: TokenKind) -> u8 {
    match kind {
        TokenKind::SessionToken => 1,
        TokenKind::M2m => 2,
        TokenKind::OAuth => 4,
        TokenKind::ApiKey => 8,
    }
}

impl Default for Accepts {
    fn default() -> Self {
        Accepts::SESSION_ONLY
    }
}

impl From<TokenKind> for Accepts {
    fn from(kind: TokenKind) -> Self {
        Accepts::only([kind])
    }
}

impl fmt::Debug for Accepts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if *self == Accepts::Any {
            return f.write_str("Accepts::Any");
        }
        f.debug_tuple("Accepts::only")
            .field(&self.kinds().collect::<Vec<_>>())
            .finish()
    }
}

impl fmt::Display for Accepts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if *self == Accepts::Any {
            return f.write_str("any token");
        }
        let kinds: Vec<&str> = self.kinds().map(TokenKind::as_str).collect();
        if kinds.is_empty() {
            f.write_str("no token")
        } else {
            f.write_str(&kinds.join(", "))
        }
    }
}
