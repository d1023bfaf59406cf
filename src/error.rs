//! The error of the generated types' conversions, one type for every
//! schema module.
//!
//! typify writes a `pub mod error` with its own `ConversionError` into
//! every module it generates (24 copies with every feature on). The
//! generator replaces each with `pub use crate::error;`, so typify's
//! `self::error::ConversionError` paths, and a user's
//! `clerk_types::user::error::ConversionError`, all name this one type.

use std::borrow::Cow;

/// Error from a `TryFrom` or `FromStr` implementation of a generated type
/// (a value outside what the type can hold), with what was wrong.
pub struct ConversionError(Cow<'static, str>);

impl std::error::Error for ConversionError {}

impl std::fmt::Display for ConversionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.0, f)
    }
}

impl std::fmt::Debug for ConversionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.0, f)
    }
}

impl From<&'static str> for ConversionError {
    fn from(value: &'static str) -> Self {
        Self(value.into())
    }
}

impl From<String> for ConversionError {
    fn from(value: String) -> Self {
        Self(value.into())
    }
}
