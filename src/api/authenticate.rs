//! [`Client::authenticate`] (features `api-client` and `session-token`):
//! every kind of token, as [`Verifier::authenticate_at`] but with the
//! opaque ones too, verified by their Backend API operation, and the JWT
//! forms with the instance's keys, fetched from the Backend API (`GET
//! /jwks`) once and again at most every
//! [`DEFAULT_JWKS_REFRESH_INTERVAL`] when a token names an unknown key.

use std::sync::{Arc, PoisonError};
use std::time::{Instant, SystemTime};

use serde_json::Value;

use super::{ApiError, Client};
use crate::auth::{Accepts, ApiKey, AuthError, Authenticated, M2mToken, OAuthToken, TokenKind};
use crate::session_token::{
    JwksRefresh, SessionTokenError, Verifier, DEFAULT_JWKS_REFRESH_INTERVAL,
};

/// The instance's keys as the client last fetched them.
#[derive(Debug)]
pub(crate) struct Keys {
    verifier: Option<Arc<Verifier>>,
    refresh: JwksRefresh,
}

impl Default for Keys {
    fn default() -> Self {
        Keys {
            verifier: None,
            refresh: JwksRefresh::new(DEFAULT_JWKS_REFRESH_INTERVAL),
        }
    }
}

impl Client {
    /// Verifies the JWT forms with `verifier` (the instance's PEM, say)
    /// instead of fetching the instance's JWKS.
    pub fn verifier(self, verifier: Verifier) -> Self {
        let keys = Keys {
            verifier: Some(Arc::new(verifier)),
            ..Keys::default()
        };
        *self.keys.lock().unwrap_or_else(PoisonError::into_inner) = keys;
        self
    }

    /// Verifies `token`, whatever its kind, if `accepts` takes it: an
    /// opaque M2M token (`mt_…`), OAuth access token (`oat_…`) or API key
    /// (`ak_…`) by asking Clerk's Backend API (`POST /m2m_tokens/verify`,
    /// `/oauth_applications/access_tokens/verify`, `/api_keys/verify`); a
    /// JWT (session, M2M, OAuth) without asking, with the instance's keys.
    /// Clerk's refusals are typed: 404 [`AuthError::UnknownToken`], 401
    /// [`AuthError::InvalidSecretKey`], a revoked or expired token
    /// [`AuthError::Revoked`] or [`AuthError::Expired`].
    pub async fn authenticate(
        &self,
        token: &str,
        accepts: Accepts,
    ) -> Result<Authenticated, AuthError> {
        let kind = crate::auth::admitted(token, accepts)?;
        if TokenKind::is_opaque(token) {
            return self.verify_opaque(kind, token.trim()).await;
        }
        let verifier = self.instance_keys(false).await?;
        match verifier.authenticate_at(token, accepts, SystemTime::now()) {
            // Clerk may have rotated its keys: fetch them again, if due.
            Err(AuthError::Invalid {
                reason: SessionTokenError::UnknownKid(_),
                ..
            }) if self.refresh_due() => {
                let verifier = self.instance_keys(true).await?;
                verifier.authenticate_at(token, accepts, SystemTime::now())
            }
            other => other,
        }
    }

    fn refresh_due(&self) -> bool {
        let mut keys = self.keys.lock().unwrap_or_else(PoisonError::into_inner);
        keys.refresh.due_at(Instant::now())
    }

    /// The instance's keys: cached, or fetched (`GET /jwks`) when there
    /// are none or `again`.
    async fn instance_keys(&self, again: bool) -> Result<Arc<Verifier>, AuthError> {
        if !again {
            let keys = self.keys.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(v) = &keys.verifier {
                return Ok(v.clone());
            }
        }
        let jwks = self
            .send(super::GetJWKS::new())
            .await
            .map_err(api_failure)?;
        let bytes = serde_json::to_vec(&jwks).map_err(|e| AuthError::BackendApi {
            status: None,
            message: format!("the JWKS does not encode: {e}"),
        })?;
        let verifier =
            Arc::new(
                Verifier::from_jwks(&bytes).map_err(|e| AuthError::BackendApi {
                    status: Some(200),
                    message: format!("the instance's JWKS: {e}"),
                })?,
            );
        let mut keys = self.keys.lock().unwrap_or_else(PoisonError::into_inner);
        keys.verifier = Some(verifier.clone());
        keys.refresh.fetched_at(Instant::now());
        Ok(verifier)
    }

    async fn verify_opaque(
        &self,
        kind: TokenKind,
        token: &str,
    ) -> Result<Authenticated, AuthError> {
        let refused = |e: ApiError| match e.status().map(|s| s.as_u16()) {
            Some(404) => AuthError::UnknownToken(kind),
            Some(401) => AuthError::InvalidSecretKey,
            _ => api_failure(e),
        };
        let answer: Value = match kind {
            TokenKind::M2m => to_value(
                self.send(super::VerifyM2MToken::new().token(token))
                    .await
                    .map_err(refused)?,
            )?,
            TokenKind::OAuth => to_value(
                self.send(super::VerifyOAuthAccessToken::new().access_token(token))
                    .await
                    .map_err(refused)?,
            )?,
            _ => to_value(
                self.send(super::VerifyApiKey::new().secret(token))
                    .await
                    .map_err(refused)?,
            )?,
        };
        let expected = match kind {
            TokenKind::M2m => "machine_to_machine_token",
            TokenKind::OAuth => "clerk_idp_oauth_access_token",
            _ => "api_key",
        };
        // An OAuth access token that is not active: `{"active": false}`.
        if answer.get("active") == Some(&Value::Bool(false)) {
            return Err(AuthError::Expired(kind));
        }
        if answer.get("object").and_then(Value::as_str) != Some(expected) {
            return Err(AuthError::BackendApi {
                status: Some(200),
                message: format!("the answer is not an `{expected}` object"),
            });
        }
        if answer.get("revoked") == Some(&Value::Bool(true)) {
            let reason = answer
                .get("revocation_reason")
                .and_then(Value::as_str)
                .map(str::to_owned);
            return Err(AuthError::Revoked { kind, reason });
        }
        if answer.get("expired") == Some(&Value::Bool(true)) {
            return Err(AuthError::Expired(kind));
        }
        Ok(match kind {
            TokenKind::M2m => Authenticated::M2m(M2mToken::from_verify_answer(answer)),
            TokenKind::OAuth => Authenticated::OAuth(OAuthToken::from_verify_answer(answer)),
            _ => Authenticated::ApiKey(ApiKey::from_verify_answer(answer)),
        })
    }
}

fn to_value<T: serde::Serialize>(output: T) -> Result<Value, AuthError> {
    serde_json::to_value(output).map_err(|e| AuthError::BackendApi {
        status: Some(200),
        message: format!("the answer does not encode: {e}"),
    })
}

fn api_failure(e: ApiError) -> AuthError {
    AuthError::BackendApi {
        status: e.status().map(|s| s.as_u16()),
        message: e.to_string(),
    }
}
