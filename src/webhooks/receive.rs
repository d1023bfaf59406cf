//! Verifying and decoding a delivery in one call: what a handler does.

use std::time::SystemTime;

use super::{Event, Webhook, WebhookError, WebhookHeaders};

/// A verified delivery: its message id, when it was sent, and its event.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Delivery {
    /// `svix-id` (or `webhook-id`): the same for every retry of one
    /// message, so a handler can skip a retry of a message it has handled.
    pub message_id: String,
    /// `svix-timestamp` (or `webhook-timestamp`): when it was sent, in
    /// seconds since the Unix epoch.
    pub timestamp: u64,
    /// The event in its body.
    pub event: Event,
}

impl Webhook {
    /// Verifies the delivery ([`Webhook::verify`]) and decodes its body as
    /// an [`Event`]. A body that is signed but is not a Clerk event is
    /// [`WebhookError::InvalidEvent`]; an event type this release does not
    /// know is [`EventData::Unknown`](super::EventData::Unknown), and a
    /// known one whose data does not decode as its type
    /// [`EventData::Undecoded`](super::EventData::Undecoded), not errors.
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
        self.verify_delivery_at(body, headers, now)
            .map(|delivery| delivery.event)
    }

    /// Verifies and decodes the delivery ([`Webhook::verify_event`]), and
    /// gives its message id (to deduplicate Svix's retries) and timestamp
    /// with the event.
    pub fn verify_delivery(
        &self,
        body: &[u8],
        headers: &impl WebhookHeaders,
    ) -> Result<Delivery, WebhookError> {
        self.verify_delivery_at(body, headers, SystemTime::now())
    }

    /// [`Webhook::verify_delivery`] with the clock given.
    pub fn verify_delivery_at(
        &self,
        body: &[u8],
        headers: &impl WebhookHeaders,
        now: SystemTime,
    ) -> Result<Delivery, WebhookError> {
        let (message_id, timestamp) = self.check_at(body, headers, now)?;
        let event = Event::from_slice(body).map_err(|e| WebhookError::InvalidEvent {
            pointer: e.pointer().to_owned(),
            message: e.to_string(),
        })?;
        Ok(Delivery {
            message_id: message_id.to_owned(),
            timestamp,
            event,
        })
    }
}
