//! What a handler reads of [`SessionClaims`] beyond its generated fields.

use serde::de::DeserializeOwned;

use super::Organization;
use crate::{SessionClaims, SessionId, UserId};

impl SessionClaims {
    /// The signed-in user's ID (`sub`).
    pub fn user_id(&self) -> &UserId {
        &self.sub
    }

    /// The session's ID (`sid`).
    pub fn session_id(&self) -> &SessionId {
        &self.sid
    }

    /// The active organization, the same for version 1 and version 2
    /// claims (as Clerk's JavaScript SDK reads them): its role with the
    /// `org:` prefix, its permissions as `org:<feature>:<permission>`.
    /// `None` without an active organization (or when version 2 claims do
    /// not decode, which [`Verifier`](super::Verifier) refuses).
    pub fn organization(&self) -> Option<Organization> {
        super::organization::of(self).ok().flatten()
    }

    /// Whether the session is pending (`sts: pending`): the user signed in
    /// but still has tasks (choosing an organization, ...). Clerk's
    /// `auth()` treats a pending session as signed out unless the route
    /// accepts pending sessions; do the same (`examples/axum_session.rs`).
    pub fn is_pending(&self) -> bool {
        self.sts.as_ref().is_some_and(|s| s.as_str() == "pending")
    }

    /// The claims version: 2 for version 2 tokens, 1 for those without `v`.
    pub fn version(&self) -> i64 {
        self.v.unwrap_or(1)
    }

    /// The custom claims (those of the instance's session token template,
    /// every claim this type does not know) decoded as `T`.
    ///
    /// ```
    /// #[derive(serde::Deserialize)]
    /// struct Custom { metadata: serde_json::Value }
    /// let claims: clerk_types::SessionClaims = serde_json::from_str(
    ///     r#"{"sub": "user_1", "sid": "sess_1", "metadata": {"plan": "pro"}}"#,
    /// )?;
    /// let custom: Custom = claims.custom()?;
    /// assert_eq!(custom.metadata["plan"], "pro");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn custom<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        let map: serde_json::Map<String, serde_json::Value> = self.unknown.clone().into();
        serde_json::from_value(serde_json::Value::Object(map))
    }
}
