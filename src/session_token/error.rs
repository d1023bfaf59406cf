//! Why a session token was refused (or a key could not be read).

use std::fmt;
use std::time::Duration;

/// Why a session token is not accepted, or why a key could not be read.
/// Messages say what is wrong and where; they never contain the token or a
/// key.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SessionTokenError {
    /// The PEM is not an RSA public key (SPKI `PUBLIC KEY` or PKCS#1
    /// `RSA PUBLIC KEY`), or a JWK's `n`/`e` do not make one.
    InvalidKey(String),
    /// The JWKS document is not JSON with a `keys` array.
    InvalidJwks(String),
    /// The JWKS document holds no RSA key usable for signatures.
    NoRsaKey,
    /// The token is longer than [`MAX_TOKEN_LEN`](super::MAX_TOKEN_LEN) bytes.
    TooLong(usize),
    /// The token is not a JWT: not three base64url parts, or a header or
    /// payload that is not a JSON object. Says which part.
    Malformed(String),
    /// `alg` is not one Clerk signs session tokens with (RS256, RS384,
    /// RS512): `none` and HMAC are refused by construction.
    UnsupportedAlgorithm(String),
    /// `typ` is present and not `JWT` (an OAuth access token says
    /// `at+jwt`).
    NotSessionJwt(String),
    /// `cat` names another token category (a JWT template's, an M2M
    /// token's): not a session token.
    WrongCategory(String),
    /// No key has the token's `kid` (`None`: the token has none and the
    /// JWKS holds several keys). Fetch the JWKS again: Clerk may have
    /// rotated its keys.
    UnknownKid(Option<String>),
    /// The signature does not verify: the token was forged or altered, or
    /// signed by another instance.
    InvalidSignature,
    /// A claim has the wrong JSON type (or the payload is not an object):
    /// where and what.
    InvalidClaims {
        /// The claim's path in the payload (`o.id`).
        path: String,
        /// What was wrong.
        message: String,
    },
    /// A claim every session token carries is absent (`sub`, `sid`, `exp`).
    MissingClaim(&'static str),
    /// `exp` has passed (beyond the clock skew), by this much.
    Expired(Duration),
    /// `nbf` is still ahead (beyond the clock skew), by this much.
    NotYetValid(Duration),
    /// `iat` is ahead of the clock (beyond the clock skew), by this much.
    IssuedInFuture(Duration),
    /// Authorized parties are set and the token has no `azp`.
    MissingAuthorizedParty,
    /// `azp` is not one of the authorized parties.
    UnauthorizedParty(String),
    /// The version 2 organization claims do not decode (`fea` without a
    /// scope, an `fpm` that is not a list of decimal masks).
    InvalidOrganizationClaims(String),
}

impl fmt::Display for SessionTokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use SessionTokenError as E;
        match self {
            E::InvalidKey(why) => write!(f, "not an RSA public key: {why}"),
            E::InvalidJwks(why) => write!(f, "not a JWKS document: {why}"),
            E::NoRsaKey => f.write_str("the JWKS document holds no RSA signing key"),
            E::TooLong(len) => write!(
                f,
                "the token is {len} bytes, more than {} (a session token is a few KB)",
                super::MAX_TOKEN_LEN
            ),
            E::Malformed(why) => write!(f, "not a JWT: {why}"),
            E::UnsupportedAlgorithm(alg) => write!(
                f,
                "alg {alg:?} is not RS256, RS384 or RS512: not a Clerk session token"
            ),
            E::NotSessionJwt(typ) => write!(f, "typ {typ:?} is not JWT: not a session token"),
            E::WrongCategory(cat) => write!(
                f,
                "cat {cat:?} is another token category (a JWT template or M2M token), not a session token"
            ),
            E::UnknownKid(Some(kid)) => write!(
                f,
                "no key has kid {kid:?}: fetch the JWKS again (Clerk may have rotated its keys)"
            ),
            E::UnknownKid(None) => f.write_str(
                "the token names no kid and the JWKS holds several keys: cannot choose one",
            ),
            E::InvalidSignature => f.write_str(
                "the signature does not verify: forged, altered, or signed by another instance",
            ),
            E::InvalidClaims { path, message } => write!(f, "claims: {path}: {message}"),
            E::MissingClaim(claim) => write!(f, "the `{claim}` claim is missing"),
            E::Expired(by) => write!(f, "expired {} s ago", by.as_secs()),
            E::NotYetValid(by) => write!(f, "not valid for another {} s (nbf)", by.as_secs()),
            E::IssuedInFuture(by) => write!(f, "issued {} s in the future (iat)", by.as_secs()),
            E::MissingAuthorizedParty => {
                f.write_str("no `azp` claim, and authorized parties are set")
            }
            E::UnauthorizedParty(azp) => {
                write!(f, "azp {azp:?} is not one of the authorized parties")
            }
            E::InvalidOrganizationClaims(why) => write!(f, "organization claims: {why}"),
        }
    }
}

impl std::error::Error for SessionTokenError {}
