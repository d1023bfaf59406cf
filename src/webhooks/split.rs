//! Decoding an object that carries typed members beside its own (a session
//! event's `data` is a Session with its `user`) in one pass over the text:
//! the object's own `Deserialize` reads the JSON object through a filter
//! that hands the extra members to their own types first. No intermediate
//! map or `Value` tree is built.

use serde::de::value::{BorrowedStrDeserializer, StringDeserializer};
use serde::de::{DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

/// The members an extended object reads itself, before the object sees the
/// rest of the JSON object.
pub(crate) trait SideMembers<'de> {
    /// Reads member `key`'s value from `map` when it is one of these
    /// members (`Ok(true)`); `Ok(false)` leaves it to the object.
    fn take<A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error>;
}

/// `T` decoded from `deserializer`'s JSON object, with `side` taking its
/// members out first.
pub(crate) fn deserialize_split<'de, D, T, S>(deserializer: D, side: &mut S) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
    S: SideMembers<'de>,
{
    T::deserialize(Split {
        inner: deserializer,
        side,
    })
}

struct Split<'s, D, S> {
    inner: D,
    side: &'s mut S,
}

impl<'de, D: Deserializer<'de>, S: SideMembers<'de>> Deserializer<'de> for Split<'_, D, S> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        // Only an object can be the object: anything else is refused by
        // the object's own `expecting`.
        self.inner.deserialize_map(Filtered {
            visitor,
            side: self.side,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct Filtered<'s, V, S> {
    visitor: V,
    side: &'s mut S,
}

impl<'de, V: Visitor<'de>, S: SideMembers<'de>> Visitor<'de> for Filtered<'_, V, S> {
    type Value = V::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.visitor.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(Filter {
            map,
            side: self.side,
        })
    }
}

struct Filter<'s, A, S> {
    map: A,
    side: &'s mut S,
}

impl<'de, A: MapAccess<'de>, S: SideMembers<'de>> MapAccess<'de> for Filter<'_, A, S> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        loop {
            let Some(key) = self.map.next_key::<Key<'de>>()? else {
                return Ok(None);
            };
            if self.side.take(key.as_str(), &mut self.map)? {
                continue;
            }
            return match key {
                Key::Borrowed(k) => seed.deserialize(BorrowedStrDeserializer::new(k)),
                Key::Owned(k) => seed.deserialize(StringDeserializer::new(k)),
            }
            .map(Some);
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// A member name, borrowed from the text when it can be (no escapes).
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(k) => k,
            Key::Owned(k) => k,
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}
