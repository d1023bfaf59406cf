//! [`Verifier::authenticate_at`]: one entry point for every kind of token,
//! as Clerk's `authenticateRequest` with `acceptsToken`: the kind first
//! (refused when not accepted), then the JWT form verified without a
//! network call with the instance's keys, the session token's way.

use std::time::SystemTime;

use super::{Accepts, AuthError, Authenticated, M2mToken, OAuthToken, TokenKind};
use crate::session_token::{self, SessionTokenError, Verifier};
use crate::{M2mTokenClaims, OAuthAccessTokenClaims};

impl Verifier {
    /// [`Verifier::authenticate_at`] against the system clock.
    pub fn authenticate(&self, token: &str, accepts: Accepts) -> Result<Authenticated, AuthError> {
        self.authenticate_at(token, accepts, SystemTime::now())
    }

    /// Verifies `token` as of `now`, whatever its kind, if `accepts` takes
    /// it: a session token as [`Verifier::verify_at`] does; an M2M JWT
    /// (`sub` `mch_…`; `typ` `JWT` or absent; the M2M `cat` or none) and
    /// an OAuth access token JWT (`typ` `at+jwt`; no other category's
    /// `cat`) by the same signature and time checks, with `sub` and `exp`
    /// required. An opaque machine token is refused with
    /// [`AuthError::NeedsBackendApi`]; a token of a kind not accepted with
    /// [`AuthError::TokenTypeMismatch`], before anything is verified.
    pub fn authenticate_at(
        &self,
        token: &str,
        accepts: Accepts,
        now: SystemTime,
    ) -> Result<Authenticated, AuthError> {
        let kind = admitted(token, accepts)?;
        if TokenKind::is_opaque(token) || kind == TokenKind::ApiKey {
            return Err(AuthError::NeedsBackendApi(kind));
        }
        let invalid = |reason: SessionTokenError| AuthError::Invalid { kind, reason };
        match kind {
            TokenKind::M2m => {
                let claims: M2mTokenClaims = self
                    .machine_claims(token, session_token::Expect::M2m, now)
                    .map_err(invalid)?;
                Ok(Authenticated::M2m(M2mToken::from_claims(claims)))
            }
            TokenKind::OAuth => {
                let claims: OAuthAccessTokenClaims = self
                    .machine_claims(token, session_token::Expect::OAuth, now)
                    .map_err(invalid)?;
                Ok(Authenticated::OAuth(OAuthToken::from_claims(claims)))
            }
            _ => self
                .verify_at(token, now)
                .map(|claims| Authenticated::Session(Box::new(claims)))
                .map_err(invalid),
        }
    }

    /// A machine JWT's claims, verified: header, signature, `sub` and
    /// `exp` present, the times within the skew.
    fn machine_claims<T: MachineClaims>(
        &self,
        token: &str,
        expect: session_token::Expect,
        now: SystemTime,
    ) -> Result<T, SessionTokenError> {
        let payload = self.verified_payload(token, expect)?;
        let claims: T = session_token::decode_claims(&payload)?;
        for claim in ["sub", "exp"] {
            if claims.missing().iter().any(|m| m[1..] == *claim) {
                return Err(SessionTokenError::MissingClaim(claim));
            }
        }
        let present = |claim: &str| !claims.missing().iter().any(|m| m[1..] == *claim);
        let (exp, nbf, iat) = claims.times();
        self.check_times(
            exp,
            nbf.filter(|_| present("nbf")),
            iat.filter(|_| present("iat")),
            now,
        )?;
        Ok(claims)
    }
}

/// The kind of `token`, if `accepts` takes it; refused with
/// [`AuthError::TokenTypeMismatch`] otherwise, before anything is verified
/// (the first step of every entry point, networkless or through the
/// Backend API).
pub(crate) fn admitted(token: &str, accepts: Accepts) -> Result<TokenKind, AuthError> {
    let kind = TokenKind::of(token);
    if accepts.accepts(kind) {
        Ok(kind)
    } else {
        Err(AuthError::TokenTypeMismatch {
            kind,
            accepted: accepts,
        })
    }
}

/// What the machine claims types share for verification.
trait MachineClaims: serde::de::DeserializeOwned {
    /// JSON pointers of the required claims that were absent.
    fn missing(&self) -> Vec<String>;
    /// `exp`, `nbf`, `iat`.
    fn times(&self) -> (i64, Option<i64>, Option<i64>);
}

impl MachineClaims for M2mTokenClaims {
    fn missing(&self) -> Vec<String> {
        self.missing_required()
    }
    fn times(&self) -> (i64, Option<i64>, Option<i64>) {
        (self.exp, self.nbf, self.iat)
    }
}

impl MachineClaims for OAuthAccessTokenClaims {
    fn missing(&self) -> Vec<String> {
        self.missing_required()
    }
    fn times(&self) -> (i64, Option<i64>, Option<i64>) {
        (self.exp, self.nbf, self.iat)
    }
}
