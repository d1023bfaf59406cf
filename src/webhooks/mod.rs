//! Clerk webhooks (feature `webhooks`): verifying that a delivery comes
//! from Clerk, as Svix (Clerk's webhook sender) and the Standard Webhooks
//! specification define it, and decoding it as an [`Event`] whose
//! [`EventData`] has one variant per event type of Clerk's webhooks spec
//! (generated from the vendored catalog, `schema/webhooks/catalog.json`),
//! over the crate's own types.
//!
//! ```
//! use std::time::{Duration, SystemTime};
//! use clerk_types::webhooks::{EventData, Webhook};
//!
//! let wh = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
//! let body = br#"{"type": "session.ended", "object": "event", "timestamp": 1716883200000,
//!   "data": {"object": "session", "id": "sess_1", "user_id": "user_1", "status": "ended",
//!            "user": {"object": "user", "id": "user_1", "first_name": "Ada"}}}"#;
//! // What Clerk's sender does (in a test; `sign` is for tests).
//! let headers = [
//!     ("svix-id", "msg_1".to_owned()),
//!     ("svix-timestamp", "1716883200".to_owned()),
//!     ("svix-signature", wh.sign("msg_1", 1_716_883_200, body)),
//! ];
//! let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_716_883_230);
//! let event = wh.verify_event_at(body, &headers, now)?;
//! match &event.data {
//!     EventData::SessionEnded(session) => {
//!         assert_eq!(session.id, "sess_1"); // the Session's own members
//!         assert_eq!(session.user.as_ref().and_then(|u| u.first_name.as_deref()), Some("Ada"));
//!     }
//!     other => println!("not handled here: {}", other.event_type()),
//! }
//! # Ok::<(), clerk_types::webhooks::WebhookError>(())
//! ```
//!
//! Verification alone:
//!
//! ```
//! use std::time::{Duration, SystemTime};
//! use clerk_types::webhooks::Webhook;
//!
//! // Svix's published test vector.
//! let wh = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
//! let body = br#"{"test": 2432232314}"#;
//! let mut headers = http::HeaderMap::new();
//! headers.insert("svix-id", "msg_p5jXN8AQM9LWM0D4loKWxJek".parse().unwrap());
//! headers.insert("svix-timestamp", "1614265330".parse().unwrap());
//! headers.insert("svix-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=".parse().unwrap());
//! let sent = SystemTime::UNIX_EPOCH + Duration::from_secs(1_614_265_330);
//! wh.verify_at(body, &headers, sent)?;
//! // Ten minutes later it is a replay.
//! assert!(wh.verify_at(body, &headers, sent + Duration::from_secs(600)).is_err());
//! # Ok::<(), clerk_types::webhooks::WebhookError>(())
//! ```
//!
//! The time is passed in (`verify_at`) so that tests pin it; `verify`
//! reads the system clock. Headers come from an `http::HeaderMap` (axum,
//! hyper, reqwest) or anything that implements [`WebhookHeaders`] (a list
//! of pairs, a map).

mod body;
mod event;
mod headers;
mod receive;
pub(crate) mod split;
mod verify;

/// The event types of Clerk's webhooks spec, generated from
/// `schema/webhooks/catalog.json` by build.rs.
mod events {
    include!(concat!(env!("OUT_DIR"), "/webhook_events.rs"));
}

pub use event::{Event, EventAttributes, EventTypeInfo, UndecodedEvent, UnknownEvent};
pub use events::*;
pub use headers::WebhookHeaders;
pub use receive::Delivery;
pub use verify::{Webhook, WebhookError, TOLERANCE};
