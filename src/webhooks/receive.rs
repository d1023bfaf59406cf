//! Verifying and decoding a delivery in one call: what a handler does.

use std::time::SystemTime;

use super::{Event, Webhook, WebhookError, WebhookHeaders};

impl Webhook {
    /// Verifies the delivery ([`Webhook::verify`]) and decodes its body as
    /// an [`Event`]. A body that is signed but is not a Clerk event is
    /// [`WebhookError::InvalidEvent`]; an event type this release does not
    /// know is [`EventData::Other`](super::EventData::Other), not an error.
    pub fn verify_event(
        &self,
        body: &[u8],
        headers: &impl WebhookHeaders,
    ) -> Result<Event, WebhookError> {
        self.verify_event_at(body, headers, SystemTime::now())
    }

    /// [`Webhook::verify_event`] with the clock given.
    pub fn verify_event_at(
        &self,
        body: &[u8],
        headers: &impl WebhookHeaders,
        now: SystemTime,
    ) -> Result<Event, WebhookError> {
        self.verify_at(body, headers, now)?;
        crate::decode::from_slice(body).map_err(|e| WebhookError::InvalidEvent {
            pointer: e.pointer().to_owned(),
            message: e.to_string(),
        })
    }
}
