//! What a verified machine token says: its subject, its ID, its scopes,
//! read the same way whichever form (JWT or, through the Backend API,
//! opaque) it came in, as Clerk's JS SDK's `M2MToken`, `IdPOAuthAccessToken`
//! and `APIKey` read them. The JWT forms keep their whole claims
//! (generated from written schemas, custom claims kept).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;

use crate::{
    ApiKeyId, M2mTokenClaims, MachineId, MachineToMachineTokenId, OAuthAccessTokenClaims,
    OrganizationId, UserId,
};

/// A verified machine-to-machine token.
#[derive(Clone, Debug, PartialEq)]
pub struct M2mToken {
    form: M2mForm,
    /// Read once, so that the accessors can lend typed ids.
    machine: MachineId,
    token: MachineToMachineTokenId,
}

#[derive(Clone, Debug, PartialEq)]
enum M2mForm {
    Jwt(Box<M2mTokenClaims>),
    /// Clerk's answer to `POST /m2m_tokens/verify`.
    Opaque(Value),
}

impl M2mToken {
    pub(crate) fn from_claims(claims: M2mTokenClaims) -> Self {
        M2mToken {
            machine: claims.sub.clone(),
            token: claims.jti.as_deref().unwrap_or_default().into(),
            form: M2mForm::Jwt(Box::new(claims)),
        }
    }

    /// An opaque token, from Clerk's answer to `POST /m2m_tokens/verify`.
    pub fn from_verify_answer(answer: Value) -> Self {
        M2mToken {
            machine: text(&answer, "subject").into(),
            token: text(&answer, "id").into(),
            form: M2mForm::Opaque(answer),
        }
    }

    /// The machine the token was issued to (`mch_…`).
    pub fn machine_id(&self) -> &MachineId {
        &self.machine
    }

    /// The token's ID (`mt_…`), what revoking it names; empty when the
    /// JWT has no `jti`.
    pub fn token_id(&self) -> &MachineToMachineTokenId {
        &self.token
    }

    /// The token's scopes: its `scopes` claim split on spaces, else its
    /// audience (`aud`), as Clerk's SDK reads them; an opaque token's
    /// `scopes`.
    pub fn scopes(&self) -> Vec<&str> {
        match &self.form {
            M2mForm::Jwt(c) => match c.scopes.as_deref() {
                Some(scopes) => scopes.split_whitespace().collect(),
                None => c.aud.iter().map(String::as_str).collect(),
            },
            M2mForm::Opaque(a) => list(a, "scopes"),
        }
    }

    /// The JWT's claims, whole (custom claims among their unknown members);
    /// `None` for an opaque token.
    pub fn claims(&self) -> Option<&M2mTokenClaims> {
        match &self.form {
            M2mForm::Jwt(c) => Some(c),
            M2mForm::Opaque(_) => None,
        }
    }

    /// Clerk's answer for an opaque token, whole; `None` for a JWT.
    pub fn answer(&self) -> Option<&Value> {
        match &self.form {
            M2mForm::Opaque(a) => Some(a),
            M2mForm::Jwt(_) => None,
        }
    }

    /// When it expires, if it does: the JWT's `exp`, or the answer's
    /// `expiration` ([`timestamp`]).
    pub fn expiration(&self) -> Option<SystemTime> {
        match &self.form {
            M2mForm::Jwt(c) => u64::try_from(c.exp)
                .ok()
                .map(|s| UNIX_EPOCH + Duration::from_secs(s)),
            M2mForm::Opaque(a) => a
                .get("expiration")
                .and_then(Value::as_f64)
                .and_then(timestamp),
        }
    }
}

/// A verified OAuth access token (Clerk as the OAuth provider).
#[derive(Clone, Debug, PartialEq)]
pub struct OAuthToken {
    form: OAuthForm,
    /// Read once, so that [`OAuthToken::user_id`] can lend a typed id.
    user: UserId,
}

#[derive(Clone, Debug, PartialEq)]
enum OAuthForm {
    Jwt(Box<OAuthAccessTokenClaims>),
    /// Clerk's answer to `POST /oauth_applications/access_tokens/verify`.
    Opaque(Value),
}

impl OAuthToken {
    pub(crate) fn from_claims(claims: OAuthAccessTokenClaims) -> Self {
        OAuthToken {
            user: claims.sub.clone(),
            form: OAuthForm::Jwt(Box::new(claims)),
        }
    }

    /// An opaque token, from Clerk's answer to
    /// `POST /oauth_applications/access_tokens/verify`.
    pub fn from_verify_answer(answer: Value) -> Self {
        OAuthToken {
            user: text(&answer, "subject").into(),
            form: OAuthForm::Opaque(answer),
        }
    }

    /// The user who authorized the client (`user_…`).
    pub fn user_id(&self) -> &UserId {
        &self.user
    }

    /// The OAuth application (client) the token was issued to; empty when
    /// the JWT has no `client_id`.
    pub fn client_id(&self) -> &str {
        match &self.form {
            OAuthForm::Jwt(c) => c.client_id.as_deref().unwrap_or_default(),
            OAuthForm::Opaque(a) => text(a, "client_id"),
        }
    }

    /// The token's ID (`oat_…`); empty when the JWT has no `jti`.
    pub fn token_id(&self) -> &str {
        match &self.form {
            OAuthForm::Jwt(c) => c.jti.as_deref().unwrap_or_default(),
            OAuthForm::Opaque(a) => text(a, "id"),
        }
    }

    /// The scopes granted: `scope` split on spaces, else `scp`; an opaque
    /// token's `scopes`.
    pub fn scopes(&self) -> Vec<&str> {
        match &self.form {
            OAuthForm::Jwt(c) => match c.scope.as_deref() {
                Some(scope) => scope.split_whitespace().collect(),
                None => c.scp.iter().map(String::as_str).collect(),
            },
            OAuthForm::Opaque(a) => list(a, "scopes"),
        }
    }

    /// The JWT's claims, whole; `None` for an opaque token.
    pub fn claims(&self) -> Option<&OAuthAccessTokenClaims> {
        match &self.form {
            OAuthForm::Jwt(c) => Some(c),
            OAuthForm::Opaque(_) => None,
        }
    }

    /// Clerk's answer for an opaque token, whole; `None` for a JWT.
    pub fn answer(&self) -> Option<&Value> {
        match &self.form {
            OAuthForm::Opaque(a) => Some(a),
            OAuthForm::Jwt(_) => None,
        }
    }

    /// When it expires, if it does: the JWT's `exp`, or the answer's
    /// `expiration` ([`timestamp`]).
    pub fn expiration(&self) -> Option<SystemTime> {
        match &self.form {
            OAuthForm::Jwt(c) => u64::try_from(c.exp)
                .ok()
                .map(|s| UNIX_EPOCH + Duration::from_secs(s)),
            OAuthForm::Opaque(a) => a
                .get("expiration")
                .and_then(Value::as_f64)
                .and_then(timestamp),
        }
    }
}

/// A timestamp of Clerk's verify answers. Clerk's spec says milliseconds
/// for API keys and M2M tokens but shows 10-digit examples, and says
/// nothing for OAuth access tokens; Clerk's JS SDK reads them all as
/// milliseconds. Both are read here: a value below 10^11 (before the year
/// 5138 in seconds, before March 1973 in milliseconds) is seconds, any
/// other milliseconds. `None` for a negative or non-finite value.
pub fn timestamp(value: f64) -> Option<SystemTime> {
    if !value.is_finite() || value < 0.0 {
        return None;
    }
    let seconds = if value < 1e11 { value } else { value / 1000.0 };
    Duration::try_from_secs_f64(seconds)
        .ok()
        .and_then(|d| UNIX_EPOCH.checked_add(d))
}

/// Member `name` of an answer, as text (empty when absent or not text).
fn text<'a>(answer: &'a Value, name: &str) -> &'a str {
    answer.get(name).and_then(Value::as_str).unwrap_or_default()
}

/// Member `name` of an answer, as a list of text.
fn list<'a>(answer: &'a Value, name: &str) -> Vec<&'a str> {
    answer
        .get(name)
        .and_then(Value::as_array)
        .map(|s| s.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// A verified API key: what Clerk's Backend API answered for it
/// (`POST /api_keys/verify`), kept whole.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiKey {
    answer: Value,
    /// Read once, so that the accessors can lend typed ids.
    key: ApiKeyId,
    owner: Owner,
}

/// Whom an API key belongs to, by its subject's prefix.
#[derive(Clone, Debug, PartialEq)]
enum Owner {
    User(UserId),
    Organization(OrganizationId),
    Machine(MachineId),
    Other,
}

impl ApiKey {
    /// The API key Clerk's answer to `POST /api_keys/verify` describes.
    pub fn from_verify_answer(answer: Value) -> Self {
        let subject = text(&answer, "subject");
        let owner = if subject.starts_with("user_") {
            Owner::User(subject.into())
        } else if subject.starts_with("org_") {
            Owner::Organization(subject.into())
        } else if subject.starts_with("mch_") {
            Owner::Machine(subject.into())
        } else {
            Owner::Other
        };
        ApiKey {
            key: text(&answer, "id").into(),
            owner,
            answer,
        }
    }

    /// Whom the key belongs to: a user (`user_…`), an organization
    /// (`org_…`) or a machine (`mch_…`).
    pub fn subject(&self) -> &str {
        text(&self.answer, "subject")
    }

    /// The key's ID (`ak_…`).
    pub fn key_id(&self) -> &ApiKeyId {
        &self.key
    }

    /// The user it belongs to, when its subject is one (`user_…`).
    pub fn user_id(&self) -> Option<&UserId> {
        match &self.owner {
            Owner::User(id) => Some(id),
            _ => None,
        }
    }

    /// The organization it belongs to, when its subject is one (`org_…`).
    pub fn organization_id(&self) -> Option<&OrganizationId> {
        match &self.owner {
            Owner::Organization(id) => Some(id),
            _ => None,
        }
    }

    /// The machine it belongs to, when its subject is one (`mch_…`).
    pub fn machine_id(&self) -> Option<&MachineId> {
        match &self.owner {
            Owner::Machine(id) => Some(id),
            _ => None,
        }
    }

    /// Its scopes.
    pub fn scopes(&self) -> Vec<&str> {
        list(&self.answer, "scopes")
    }

    /// When it expires, if it does ([`timestamp`]).
    pub fn expiration(&self) -> Option<SystemTime> {
        self.answer
            .get("expiration")
            .and_then(Value::as_f64)
            .and_then(timestamp)
    }

    /// Clerk's answer, whole.
    pub fn answer(&self) -> &Value {
        &self.answer
    }
}
