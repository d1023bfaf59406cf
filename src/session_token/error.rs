//! Why a session token was refused (or a key could not be read).

use std::fmt;
use std::time::Duration;

/// Why a session token is not accepted, or why a key could not be read.
/// Messages say what is wrong and where; they never contain the token or a
/// key, and text the token's sender chose (`alg`, `typ`, `cat`, `kid`,
/// `azp`) appears only shortened to [`MAX_ECHO`] characters, so that a
/// forged header cannot make a 40 KB log line. Do not send them to the
/// caller: a 401 says enough (the examples answer with a fixed body).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SessionTokenError {
    /// The PEM is not an RSA public key (SPKI `PUBLIC KEY` or PKCS#1
    /// `RSA PUBLIC KEY`), or a JWK's `n`/`e` do not make one.
    InvalidKey(String),
    /// The JWKS document is not JSON with a `keys` array.
    InvalidJwks(String),
    /// The JWKS document's `keys` array is empty.
    NoRsaKey,
    /// No key of the JWKS document can verify a session token: each one
    /// left out, with why (not RSA, another use or algorithm, smaller than
    /// [`MIN_KEY_BITS`](super::MIN_KEY_BITS), malformed).
    NoUsableKey(Vec<super::SkippedKey>),
    /// The RSA key has this many bits, fewer than
    /// [`MIN_KEY_BITS`](super::MIN_KEY_BITS) (Clerk issues 2048-bit keys).
    WeakKey(u32),
    /// The token is longer than [`MAX_TOKEN_LEN`](super::MAX_TOKEN_LEN) bytes.
    TooLong(usize),
    /// The token is not a JWT: not three base64url parts, or a header or
    /// payload that is not a JSON object. Says which part.
    Malformed(String),
    /// `alg` is not one Clerk signs session tokens with (RS256, RS384,
    /// RS512): `none` and HMAC are refused by construction.
    UnsupportedAlgorithm(String),
    /// `typ` is not the kind's: present and not exactly `JWT` for a
    /// session or M2M token (an OAuth access token says `at+jwt`), as
    /// Clerk's SDK requires; not `at+jwt` for an OAuth access token.
    NotSessionJwt(String),
    /// `cat` names another token category than the token's kind (a JWT
    /// template's or an M2M token's for a session token; a session's for
    /// an M2M token).
    WrongCategory(String),
    /// No key has the token's `kid` (`None`: the token names none, and a
    /// JWKS key is chosen by its kid, as Clerk's SDK does). Clerk may have
    /// rotated its keys: fetch the JWKS again, but not on every such token
    /// (anyone can send a made-up kid; see [`JwksRefresh`](super::JwksRefresh)).
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
    /// Authorized parties are set and the token has no `azp`, or an empty
    /// one (refused even when an authorized party is empty, as from an
    /// unset environment variable, as Clerk's SDK does).
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
            E::NoRsaKey => f.write_str("the JWKS document holds no key"),
            E::NoUsableKey(skipped) => {
                f.write_str("no key of the JWKS document can verify a session token")?;
                for (i, key) in skipped.iter().enumerate() {
                    f.write_str(if i == 0 { ": " } else { "; " })?;
                    write!(f, "{key}")?;
                }
                Ok(())
            }
            E::WeakKey(bits) => write!(
                f,
                "the RSA key has {bits} bits, fewer than {}: refused (Clerk issues 2048-bit keys)",
                super::MIN_KEY_BITS
            ),
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
            E::NotSessionJwt(typ) => write!(
                f,
                "typ {typ:?} is not the token's kind's (JWT for a session or M2M token, at+jwt for an OAuth access token)"
            ),
            E::WrongCategory(cat) => write!(
                f,
                "cat {cat:?} is another token category than the token's kind (a JWT template's, an M2M token's, a session token's)"
            ),
            E::UnknownKid(Some(kid)) => write!(
                f,
                "no key has kid {kid:?}: fetch the JWKS again (Clerk may have rotated its keys)"
            ),
            E::UnknownKid(None) => {
                f.write_str("the token names no kid, and a JWKS key is chosen by its kid")
            }
            E::InvalidSignature => f.write_str(
                "the signature does not verify: forged, altered, or signed by another instance",
            ),
            E::InvalidClaims { path, message } => write!(f, "claims: {path}: {message}"),
            E::MissingClaim(claim) => write!(f, "the `{claim}` claim is missing"),
            E::Expired(by) => write!(f, "expired {} s ago", by.as_secs()),
            E::NotYetValid(by) => write!(f, "not valid for another {} s (nbf)", by.as_secs()),
            E::IssuedInFuture(by) => write!(f, "issued {} s in the future (iat)", by.as_secs()),
            E::MissingAuthorizedParty => {
                f.write_str("no `azp` claim (or an empty one), and authorized parties are set")
            }
            E::UnauthorizedParty(azp) => {
                write!(f, "azp {azp:?} is not one of the authorized parties")
            }
            E::InvalidOrganizationClaims(why) => write!(f, "organization claims: {why}"),
        }
    }
}

impl std::error::Error for SessionTokenError {}

/// At most this many characters of a text the token's sender chose appear
/// in an error (then `…`).
pub const MAX_ECHO: usize = 32;

/// `text` cut to [`MAX_ECHO`] characters, with `…` when cut.
pub(super) fn bounded(text: &str) -> String {
    match text.char_indices().nth(MAX_ECHO) {
        None => text.to_owned(),
        Some((end, _)) => format!("{}…", &text[..end]),
    }
}
