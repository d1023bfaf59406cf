//! What the generated builders (`Session::builder()`, ...) report when a
//! value cannot be built.

/// A builder's `build()` failed: every required field left unset, and
/// every value that did not convert (a string that breaks a pattern), at
/// once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    type_name: &'static str,
    missing: Vec<&'static str>,
    invalid: Vec<(&'static str, String)>,
}

impl BuildError {
    /// Made by the generated builders.
    #[doc(hidden)]
    pub fn new(
        type_name: &'static str,
        missing: Vec<&'static str>,
        invalid: Vec<(&'static str, String)>,
    ) -> Self {
        Self {
            type_name,
            missing,
            invalid,
        }
    }

    /// The Rust type that was being built (`Session`).
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// The required members left unset, by their JSON names, in field order.
    pub fn missing(&self) -> &[&'static str] {
        &self.missing
    }

    /// The members whose value did not convert, with why.
    pub fn invalid(&self) -> &[(&'static str, String)] {
        &self.invalid
    }
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot build a {}", self.type_name)?;
        if !self.missing.is_empty() {
            write!(f, ": missing {}", self.missing.join(", "))?;
        }
        for (i, (field, why)) in self.invalid.iter().enumerate() {
            let sep = if i == 0 && self.missing.is_empty() {
                ": "
            } else {
                "; "
            };
            write!(f, "{sep}{field}: {why}")?;
        }
        Ok(())
    }
}

impl std::error::Error for BuildError {}
