//! Clerk webhooks (feature `webhooks`): verifying that a delivery comes
//! from Clerk, as Svix (Clerk's webhook sender) and the Standard Webhooks
//! specification define it.
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

mod headers;
mod verify;

pub use headers::WebhookHeaders;
pub use verify::{Webhook, WebhookError, TOLERANCE};
