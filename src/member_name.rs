//! Reading a JSON object's member name against the names a hand-written
//! decoder knows (a union's tag property, an event envelope's members),
//! without allocating for a known one.

use serde::de::{DeserializeSeed, Deserializer, Visitor};

/// A member name: one of the known names (by its place in the list), or
/// another.
pub(crate) enum Name {
    /// `names[i]`.
    Known(usize),
    /// Any other name.
    Other(String),
}

/// Reads a member name, matching it against `names`.
pub(crate) struct NameSeed<'a>(pub(crate) &'a [&'static str]);

impl NameSeed<'_> {
    fn name(&self, name: &str) -> Option<usize> {
        self.0.iter().position(|known| *known == name)
    }
}

impl<'de> DeserializeSeed<'de> for NameSeed<'_> {
    type Value = Name;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Name, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for NameSeed<'_> {
    type Value = Name;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Name, E> {
        Ok(match self.name(name) {
            Some(i) => Name::Known(i),
            None => Name::Other(name.to_owned()),
        })
    }

    fn visit_string<E: serde::de::Error>(self, name: String) -> Result<Name, E> {
        Ok(match self.name(&name) {
            Some(i) => Name::Known(i),
            None => Name::Other(name),
        })
    }
}
