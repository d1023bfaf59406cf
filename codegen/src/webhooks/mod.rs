//! Clerk's webhook events, generated from the vendored catalog
//! (`schema/webhooks/catalog.json`): [`catalog`] reads it, [`render`]
//! turns it into the `EventData` enum over the types the vendored schemas
//! generate, so an event's `data` is the same Rust type as the REST object.

pub mod catalog;
pub mod render;

pub use catalog::Catalog;
