//! Clerk's webhook events, generated from the vendored catalog
//! (`schema/webhooks/catalog.json`): [`catalog`] reads it, [`render`]
//! turns it into the `EventData` enum over the types the vendored schemas
//! generate, so an event's `data` is the same Rust type as the REST object.
//!
//! In: the catalog's bytes and the generated modules. Out: the Rust source
//! of `EventData` and its helpers (`webhook_events.rs` in `OUT_DIR`).

pub mod catalog;
pub mod render;

pub use catalog::Catalog;
