//! Small conveniences on the generated types, written by hand: what a
//! consumer of a `Client` asks first.

#[cfg(any(feature = "client", feature = "session"))]
use crate::Session;
#[cfg(feature = "client")]
use crate::{Client, SessionStatus};

#[cfg(feature = "client")]
impl Client {
    /// The session `last_active_session_id` points at, if it is among
    /// [`Client::sessions`].
    pub fn last_active_session(&self) -> Option<&Session> {
        let id = self.last_active_session_id.as_deref()?;
        self.session(id)
    }

    /// The session with this id, if the client has it.
    pub fn session(&self, id: &str) -> Option<&Session> {
        self.sessions.iter().find(|s| s.id == id)
    }

    /// The sessions whose status is [`SessionStatus::Active`].
    pub fn active_sessions(&self) -> impl Iterator<Item = &Session> {
        self.sessions
            .iter()
            .filter(|s| s.status == SessionStatus::Active)
    }
}

#[cfg(any(feature = "client", feature = "session"))]
impl Session {
    /// Whether someone is impersonating the user in this session (Clerk sets
    /// `actor` then).
    pub fn is_impersonated(&self) -> bool {
        self.actor.is_some()
    }

    /// The keys of the tasks the user must complete before the session
    /// becomes active (a `pending` session has them), in order.
    pub fn pending_task_keys(&self) -> impl Iterator<Item = &str> {
        self.tasks.iter().flatten().map(|t| t.key.as_str())
    }
}
