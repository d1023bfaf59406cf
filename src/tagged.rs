//! Decoding a discriminated union (an email address's `verification`, keyed
//! on `object`) in one pass over the text: the members before the tag are
//! held as values (they cannot be placed yet), the tag picks the variant,
//! and the variant's own decoder reads the held members, the tag, and the
//! rest of the object straight from the text. No tree of the whole object
//! is built unless the tag is unknown or absent (then the object is kept
//! whole, or matched by shape, as before).

use serde::de::value::StringDeserializer;
use serde::de::{DeserializeSeed, Error as _, MapAccess};
use serde_json::{Map, Value};

/// What was read of a union's object before its tag.
pub(crate) type Held = Vec<(String, Value)>;

/// The object for its variant's decoder: the held members, then the tag,
/// then the rest of `rest` as it comes.
pub(crate) struct Replay<A> {
    held: std::vec::IntoIter<(String, Value)>,
    tag: Option<(String, String)>,
    pending: Option<Pending>,
    rest: A,
}

enum Pending {
    Held(String, Value),
    Tag(String),
}

impl<A> Replay<A> {
    /// `held` members, then `property: tag`, then `rest`.
    pub(crate) fn new(held: Held, property: &str, tag: String, rest: A) -> Self {
        Replay {
            held: held.into_iter(),
            tag: Some((property.to_owned(), tag)),
            pending: None,
            rest,
        }
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Replay<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        if let Some((key, value)) = self.held.next() {
            self.pending = Some(Pending::Held(key.clone(), value));
            return seed.deserialize(StringDeserializer::new(key)).map(Some);
        }
        if let Some((key, tag)) = self.tag.take() {
            self.pending = Some(Pending::Tag(tag));
            return seed.deserialize(StringDeserializer::new(key)).map(Some);
        }
        self.rest.next_key_seed(seed)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.pending.take() {
            // A held member's error names it: the path ends at the union.
            Some(Pending::Held(key, value)) => seed
                .deserialize(value)
                .map_err(|e| A::Error::custom(format_args!("{key}: {e}"))),
            // As a JSON string (not serde's plain string), so that an
            // optional tag field reads it as `Some`.
            Some(Pending::Tag(tag)) => seed
                .deserialize(Value::String(tag))
                .map_err(A::Error::custom),
            None => self.rest.next_value_seed(seed),
        }
    }
}

/// The whole object as a value: `held`, the tag (if read), and the rest of
/// `rest`; a member given twice keeps its last value, as a `Value` does.
pub(crate) fn whole<'de, A: MapAccess<'de>>(
    held: Held,
    tag: Option<(&str, String)>,
    mut rest: A,
) -> Result<Value, A::Error> {
    let mut object: Map<String, Value> = held.into_iter().collect();
    if let Some((property, tag)) = tag {
        object.insert(property.to_owned(), Value::String(tag));
    }
    while let Some(key) = rest.next_key::<String>()? {
        let value: Value = rest.next_value()?;
        object.insert(key, value);
    }
    Ok(Value::Object(object))
}
