//! What a verified machine token says: its subject, its ID, its scopes,
//! read the same way whichever form (JWT or, through the Backend API,
//! opaque) it came in, as Clerk's JS SDK's `M2MToken`, `IdPOAuthAccessToken`
//! and `APIKey` read them. The JWT forms keep their whole claims
//! (generated from written schemas, custom claims kept).

use serde_json::Value;

use crate::{M2mTokenClaims, OAuthAccessTokenClaims};

/// A verified machine-to-machine token.
#[derive(Clone, Debug, PartialEq)]
pub struct M2mToken {
    form: M2mForm,
}

#[derive(Clone, Debug, PartialEq)]
enum M2mForm {
    Jwt(Box<M2mTokenClaims>),
}

impl M2mToken {
    pub(crate) fn from_claims(claims: M2mTokenClaims) -> Self {
        M2mToken {
            form: M2mForm::Jwt(Box::new(claims)),
        }
    }

    /// The machine the token was issued to (`mch_…`).
    pub fn machine_id(&self) -> &str {
        match &self.form {
            M2mForm::Jwt(c) => c.sub.as_str(),
        }
    }

    /// The token's ID (`mt_…`), what revoking it names; empty when the
    /// JWT has no `jti`.
    pub fn token_id(&self) -> &str {
        match &self.form {
            M2mForm::Jwt(c) => c.jti.as_deref().unwrap_or_default(),
        }
    }

    /// The token's scopes: its `scopes` claim split on spaces, else its
    /// audience (`aud`), as Clerk's SDK reads them.
    pub fn scopes(&self) -> Vec<&str> {
        match &self.form {
            M2mForm::Jwt(c) => match c.scopes.as_deref() {
                Some(scopes) => scopes.split_whitespace().collect(),
                None => c.aud.iter().map(String::as_str).collect(),
            },
        }
    }

    /// The JWT's claims, whole (custom claims among their unknown members).
    pub fn claims(&self) -> Option<&M2mTokenClaims> {
        match &self.form {
            M2mForm::Jwt(c) => Some(c),
        }
    }
}

/// A verified OAuth access token (Clerk as the OAuth provider).
#[derive(Clone, Debug, PartialEq)]
pub struct OAuthToken {
    form: OAuthForm,
}

#[derive(Clone, Debug, PartialEq)]
enum OAuthForm {
    Jwt(Box<OAuthAccessTokenClaims>),
}

impl OAuthToken {
    pub(crate) fn from_claims(claims: OAuthAccessTokenClaims) -> Self {
        OAuthToken {
            form: OAuthForm::Jwt(Box::new(claims)),
        }
    }

    /// The user who authorized the client (`user_…`).
    pub fn user_id(&self) -> &str {
        match &self.form {
            OAuthForm::Jwt(c) => c.sub.as_str(),
        }
    }

    /// The OAuth application (client) the token was issued to; empty when
    /// the JWT has no `client_id`.
    pub fn client_id(&self) -> &str {
        match &self.form {
            OAuthForm::Jwt(c) => c.client_id.as_deref().unwrap_or_default(),
        }
    }

    /// The token's ID (`oat_…`); empty when the JWT has no `jti`.
    pub fn token_id(&self) -> &str {
        match &self.form {
            OAuthForm::Jwt(c) => c.jti.as_deref().unwrap_or_default(),
        }
    }

    /// The scopes granted: `scope` split on spaces, else `scp`.
    pub fn scopes(&self) -> Vec<&str> {
        match &self.form {
            OAuthForm::Jwt(c) => match c.scope.as_deref() {
                Some(scope) => scope.split_whitespace().collect(),
                None => c.scp.iter().map(String::as_str).collect(),
            },
        }
    }

    /// The JWT's claims, whole.
    pub fn claims(&self) -> Option<&OAuthAccessTokenClaims> {
        match &self.form {
            OAuthForm::Jwt(c) => Some(c),
        }
    }
}

/// A verified API key: what Clerk's Backend API answered for it
/// (`POST /api_keys/verify`), kept whole.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiKey {
    answer: Value,
}

impl ApiKey {
    /// The API key Clerk's answer to `POST /api_keys/verify` describes.
    pub fn from_verify_answer(answer: Value) -> Self {
        ApiKey { answer }
    }

    fn text(&self, member: &str) -> &str {
        self.answer
            .get(member)
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    /// Whom the key belongs to: a user (`user_…`), an organization
    /// (`org_…`) or a machine (`mch_…`).
    pub fn subject(&self) -> &str {
        self.text("subject")
    }

    /// The key's ID (`ak_…`).
    pub fn key_id(&self) -> &str {
        self.text("id")
    }

    /// The user it belongs to, when its subject is one.
    pub fn user_id(&self) -> Option<&str> {
        Some(self.subject()).filter(|s| s.starts_with("user_"))
    }

    /// The organization it belongs to, when its subject is one.
    pub fn organization_id(&self) -> Option<&str> {
        Some(self.subject()).filter(|s| s.starts_with("org_"))
    }

    /// The machine it belongs to, when its subject is one.
    pub fn machine_id(&self) -> Option<&str> {
        Some(self.subject()).filter(|s| s.starts_with("mch_"))
    }

    /// Its scopes.
    pub fn scopes(&self) -> Vec<&str> {
        self.answer
            .get("scopes")
            .and_then(Value::as_array)
            .map(|s| s.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }

    /// Clerk's answer, whole.
    pub fn answer(&self) -> &Value {
        &self.answer
    }
}
