//! The passes over the schema before typify: JSON in, JSON out.
//!
//! In: the vendored bytes of every schema, parsed. Out: each enabled
//! schema as the document typify reads. In order:
//!
//! 1. [`support`]: what the generator accepts, checked on each parsed
//!    schema before anything else (a refusal names the node's pointer);
//! 2. [`restore`] and [`collapse`], across the whole set: upstream's cut
//!    nodes filled from uncut copies, one-member wrappers unwrapped; then
//!    [`aliases`] adds the tag aliases of `schema/aliases.json` (together:
//!    `Vendored::restored`, the one document naming, validation and
//!    generation read);
//! 3. (naming, in `crate::naming`, titles every type-bearing node;)
//! 4. [`normalize`]: Clerk's OpenAPI habits (`nullable`) as plain JSON
//!    Schema, shared with the crate's strict validator;
//! 5. [`prepare`]: generation-only rewrites (validation keywords dropped by
//!    the model's rule, union members and shared types moved to `$defs`).

pub mod aliases;
pub mod collapse;
pub mod ids;
pub mod normalize;
pub mod prepare;
pub mod restore;
pub mod support;
