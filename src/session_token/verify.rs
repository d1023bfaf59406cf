//! [`Verifier`]: the signature first, then the claims, as Clerk's SDKs do.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rsa::pkcs1v15::{Signature, VerifyingKey};
use rsa::sha2::{Sha256, Sha384, Sha512};
use rsa::signature::Verifier as _;

use super::error::bounded;
use super::jwt::{self, Algorithm};
use super::keys::{self, Key, SkippedKey};
use super::{SessionTokenError, MAX_TOKEN_LEN};
use crate::SessionClaims;

/// Verifies Clerk session tokens without a network call, with the
/// instance's public key (its PEM, `CLERK_JWT_KEY`) or its JWKS document
/// (fetched by the caller: this crate has no HTTP client).
///
/// ```
/// # fn demo(pem: &str, token: &str) -> Result<(), clerk_types::session_token::SessionTokenError> {
/// use clerk_types::session_token::Verifier;
/// let verifier = Verifier::from_pem(pem)?.authorized_parties(["https://app.example.com"]);
/// let claims = verifier.verify(token)?;
/// println!("{} in session {}", claims.user_id(), claims.session_id());
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Verifier {
    keys: Vec<Key>,
    /// From a JWKS: a token's key is the one its `kid` names (a PEM's key
    /// is the instance's, whatever the token says).
    by_kid: bool,
    skipped: Vec<SkippedKey>,
    authorized_parties: Vec<String>,
    clock_skew: Duration,
}

/// The clock skew Clerk's JavaScript SDK allows by default.
pub const DEFAULT_CLOCK_SKEW: Duration = Duration::from_secs(5);

impl Verifier {
    /// A verifier with the instance's public key: a PEM `PUBLIC KEY` (what
    /// Clerk's dashboard shows as the JWT public key, `CLERK_JWT_KEY`) or
    /// `RSA PUBLIC KEY`. The token's `kid` is not looked at.
    pub fn from_pem(pem: &str) -> Result<Self, SessionTokenError> {
        Ok(Self::with_keys(
            vec![keys::from_pem(pem)?],
            false,
            Vec::new(),
        ))
    }

    /// A verifier with the keys of the instance's JWKS document (the body
    /// of `GET https://api.clerk.com/v1/jwks` or of the Frontend API's
    /// `/.well-known/jwks.json`); each token's key is chosen by its `kid`.
    /// A token must name its key's `kid`. Keys that cannot verify a
    /// session token (another type or use, smaller than
    /// [`MIN_KEY_BITS`](super::MIN_KEY_BITS), malformed) are left out
    /// ([`Verifier::skipped_keys`] says why); the document is refused only
    /// when none is left. On [`SessionTokenError::UnknownKid`], Clerk may
    /// have rotated its keys: fetch the document again and make a new
    /// verifier, at most as often as [`JwksRefresh`](super::JwksRefresh)
    /// allows.
    pub fn from_jwks(document: &[u8]) -> Result<Self, SessionTokenError> {
        let (keys, skipped) = keys::from_jwks(document)?;
        Ok(Self::with_keys(keys, true, skipped))
    }

    fn with_keys(keys: Vec<Key>, by_kid: bool, skipped: Vec<SkippedKey>) -> Self {
        Verifier {
            keys,
            by_kid,
            skipped,
            authorized_parties: Vec::new(),
            clock_skew: DEFAULT_CLOCK_SKEW,
        }
    }

    /// The keys of the JWKS document that were left out, and why (for
    /// logs); empty for a PEM.
    pub fn skipped_keys(&self) -> &[SkippedKey] {
        &self.skipped
    }

    /// Only tokens whose `azp` (the origin that obtained them) is one of
    /// `parties` are accepted, and a token without `azp` is refused, as
    /// Clerk's SDKs do when authorized parties are set.
    #[must_use]
    pub fn authorized_parties<I, S>(mut self, parties: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.authorized_parties = parties.into_iter().map(Into::into).collect();
        self
    }

    /// How far the clocks may disagree for `exp`, `nbf` and `iat` (default
    /// [`DEFAULT_CLOCK_SKEW`], 5 s).
    #[must_use]
    pub fn clock_skew(mut self, skew: Duration) -> Self {
        self.clock_skew = skew;
        self
    }

    /// Verifies `token` against the system clock.
    pub fn verify(&self, token: &str) -> Result<SessionClaims, SessionTokenError> {
        self.verify_at(token, SystemTime::now())
    }

    /// Verifies `token` as of `now`: its size, its header (`alg` RS256,
    /// RS384 or RS512, `typ` exactly `JWT` when present, a session `cat`,
    /// no member twice), its signature under the key its `kid` names (from
    /// a JWKS), then its claims: their
    /// types, `sub`, `sid` and `exp` present, `exp`, `nbf` and `iat`
    /// within the clock skew, `azp` when authorized parties are set, and
    /// organization claims that decode.
    pub fn verify_at(
        &self,
        token: &str,
        now: SystemTime,
    ) -> Result<SessionClaims, SessionTokenError> {
        let payload = self.verified_payload(token, jwt::Expect::Session)?;
        let claims: SessionClaims = decode_claims(&payload)?;
        self.check_claims(&claims, now)?;
        Ok(claims)
    }

    /// The payload of `token` once its size, its header (as `expect`
    /// says) and its signature are checked: what every JWT form Clerk
    /// signs with the instance key shares.
    pub(crate) fn verified_payload(
        &self,
        token: &str,
        expect: jwt::Expect,
    ) -> Result<Vec<u8>, SessionTokenError> {
        let token = token.trim();
        if token.len() > MAX_TOKEN_LEN {
            return Err(SessionTokenError::TooLong(token.len()));
        }
        let parts = jwt::parse_as(token, expect)?;
        let key = self.key(parts.kid.as_deref())?;
        let signature = Signature::try_from(parts.signature.as_slice())
            .map_err(|_| SessionTokenError::InvalidSignature)?;
        let verified = match parts.algorithm {
            Algorithm::Rs256 => {
                VerifyingKey::<Sha256>::new(key.clone()).verify(parts.signing_input, &signature)
            }
            Algorithm::Rs384 => {
                VerifyingKey::<Sha384>::new(key.clone()).verify(parts.signing_input, &signature)
            }
            Algorithm::Rs512 => {
                VerifyingKey::<Sha512>::new(key.clone()).verify(parts.signing_input, &signature)
            }
        };
        verified.map_err(|_| SessionTokenError::InvalidSignature)?;
        Ok(parts.payload)
    }

    /// `exp` (required), `nbf` and `iat` (when present) against `now`,
    /// within the clock skew.
    pub(crate) fn check_times(
        &self,
        exp: i64,
        nbf: Option<i64>,
        iat: Option<i64>,
        now: SystemTime,
    ) -> Result<(), SessionTokenError> {
        let now = seconds_since_epoch(now);
        let skew = i128::from(self.clock_skew.as_secs());
        let exp = i128::from(exp);
        if now > exp + skew {
            return Err(SessionTokenError::Expired(seconds(now - exp)));
        }
        if let Some(nbf) = nbf.map(i128::from).filter(|nbf| now + skew < *nbf) {
            return Err(SessionTokenError::NotYetValid(seconds(nbf - now)));
        }
        if let Some(iat) = iat.map(i128::from).filter(|iat| now + skew < *iat) {
            return Err(SessionTokenError::IssuedInFuture(seconds(iat - now)));
        }
        Ok(())
    }

    fn key(&self, kid: Option<&str>) -> Result<&rsa::PublicKey, SessionTokenError> {
        if !self.by_kid {
            if let [only] = self.keys.as_slice() {
                return Ok(&only.key);
            }
        }
        // From a JWKS, as Clerk's SDK: the key whose kid the token names.
        let Some(kid) = kid else {
            return Err(SessionTokenError::UnknownKid(None));
        };
        self.keys
            .iter()
            .find(|k| k.kid.as_deref() == Some(kid))
            .map(|k| &k.key)
            .ok_or_else(|| SessionTokenError::UnknownKid(Some(bounded(kid))))
    }

    fn check_claims(
        &self,
        claims: &SessionClaims,
        now: SystemTime,
    ) -> Result<(), SessionTokenError> {
        let missing = claims.missing_required();
        for claim in ["sub", "sid", "exp"] {
            if missing.iter().any(|m| m[1..] == *claim) {
                return Err(SessionTokenError::MissingClaim(claim));
            }
        }
        let present = |claim: &str| !missing.iter().any(|m| m[1..] == *claim);
        self.check_times(
            claims.exp,
            present("nbf").then_some(claims.nbf),
            present("iat").then_some(claims.iat),
            now,
        )?;
        if !self.authorized_parties.is_empty() {
            // An empty `azp` is none, even if an authorized party is empty
            // (an unset environment variable), as Clerk's SDK reads it.
            let azp = claims
                .azp
                .as_deref()
                .filter(|azp| !azp.is_empty())
                .ok_or(SessionTokenError::MissingAuthorizedParty)?;
            if !self.authorized_parties.iter().any(|p| p == azp) {
                return Err(SessionTokenError::UnauthorizedParty(bounded(azp)));
            }
        }
        super::organization::of(claims).map_err(SessionTokenError::InvalidOrganizationClaims)?;
        Ok(())
    }
}

/// The claims of a verified payload, typed; a claim of the wrong JSON type
/// is refused with its path.
pub(crate) fn decode_claims<T: serde::de::DeserializeOwned>(
    payload: &[u8],
) -> Result<T, SessionTokenError> {
    crate::from_slice(payload).map_err(|e| SessionTokenError::InvalidClaims {
        path: e.path().to_owned(),
        message: e.message().to_owned(),
    })
}

/// Whole seconds since the Unix epoch, negative before it (no panic for
/// any clock).
fn seconds_since_epoch(now: SystemTime) -> i128 {
    match now.duration_since(UNIX_EPOCH) {
        Ok(d) => i128::from(d.as_secs()),
        Err(e) => -i128::from(e.duration().as_secs()),
    }
}

fn seconds(n: i128) -> Duration {
    Duration::from_secs(u64::try_from(n.max(0)).unwrap_or(u64::MAX))
}
