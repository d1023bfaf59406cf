//! Decoding a discriminated union (an email address's `verification`, keyed
//! on `object`) in one pass over the text: the members before the tag are
//! held as values (they cannot be placed yet), the tag picks the variant,
//! and the variant's own decoder reads the held members, the tag, and the
//! rest of the object straight from the text. No tree of the whole object
//! is built unless the tag is unknown (then the object is kept whole);
//! without a tag, every member is held and `crate::tagless` matches them
//! by shape.
//!
//! Nothing is allocated for the union itself, whether the tag comes first
//! (as Clerk's API writes objects) or after other members (as in Clerk's
//! webhook bodies, whose members are in alphabetical order: `attempts`
//! before `object`): the tag's key, a known tag's value, and the names of
//! the members the variants list are matched where they are read and
//! handed on as the generated `'static` names; up to four members before
//! the tag are held in place. Only a value held before the tag allocates,
//! as it would when decoded.

use serde::de::value::{BorrowedStrDeserializer, StrDeserializer};
use serde::de::{DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, Visitor};
use serde_json::{Map, Value};

use crate::member_name::{Name, NameSeed};

/// A member name read before the tag: one a variant lists (matched where
/// it was read, nothing allocated), or another.
pub(crate) enum HeldName {
    /// One of the union's member names.
    Listed(&'static str),
    /// A name no variant lists.
    Other(String),
}

impl HeldName {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            HeldName::Listed(name) => name,
            HeldName::Other(name) => name,
        }
    }

    pub(crate) fn into_string(self) -> String {
        match self {
            HeldName::Listed(name) => name.to_owned(),
            HeldName::Other(name) => name,
        }
    }
}

/// How many held members stay in place before the rest go to a vector:
/// Clerk's verifications, with their members in alphabetical order, hold
/// up to four before `object`. (An object without its tag is held whole,
/// so a larger one spills: more in place would be moved on every tagged
/// decode, the common one.)
const IN_PLACE: usize = 4;

/// What was read of a union's object before its tag, in order: the first
/// few in place, so that holding them allocates nothing of its own.
pub(crate) struct Held {
    in_place: [Option<(HeldName, Value)>; IN_PLACE],
    more: Vec<Option<(HeldName, Value)>>,
    /// How many were held.
    len: usize,
    /// How many were handed on (by `next`).
    taken: usize,
}

impl Held {
    /// Nothing held.
    pub(crate) fn new() -> Self {
        Held {
            in_place: Default::default(),
            more: Vec::new(),
            len: 0,
            taken: 0,
        }
    }

    /// Holds `value` under `name`, after what is held already.
    pub(crate) fn push(&mut self, name: HeldName, value: Value) {
        match self.in_place.get_mut(self.len) {
            Some(slot) => *slot = Some((name, value)),
            None => self.more.push(Some((name, value))),
        }
        self.len += 1;
    }

    /// The next member held, in the order they came (past any let go).
    fn next(&mut self) -> Option<(HeldName, Value)> {
        while self.taken < self.len {
            let i = self.taken;
            self.taken += 1;
            if let Some(member) = self.slot_mut(i).and_then(Option::take) {
                return Some(member);
            }
        }
        None
    }

    /// Every member held, in the order they came.
    pub(crate) fn into_members(mut self) -> impl Iterator<Item = (HeldName, Value)> {
        std::iter::from_fn(move || self.next())
    }

    /// How many members were held.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The members still held, in the order they came.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &(HeldName, Value)> {
        self.in_place.iter().chain(&self.more).flatten()
    }

    /// Lets go of every member whose name comes again later, so that a
    /// name given twice keeps its last value, as in a `Value` object.
    /// Quadratic in the members: for the few that `crate::tagless` keeps
    /// here.
    pub(crate) fn keep_last(&mut self) {
        for i in 0..self.len {
            let again = self.name_at(i).is_some_and(|this| {
                (i + 1..self.len).any(|later| self.name_at(later) == Some(this))
            });
            if again {
                if let Some(slot) = self.slot_mut(i) {
                    *slot = None;
                }
            }
        }
    }

    /// The `i`th member's name, unless it was let go.
    fn name_at(&self, i: usize) -> Option<&str> {
        let (name, _) = self.slot(i)?.as_ref()?;
        Some(name.as_str())
    }

    /// The `i`th member's place.
    fn slot(&self, i: usize) -> Option<&Option<(HeldName, Value)>> {
        match self.in_place.get(i) {
            Some(slot) => Some(slot),
            None => self.more.get(i - IN_PLACE),
        }
    }

    /// The `i`th member's place, to take or clear it.
    fn slot_mut(&mut self, i: usize) -> Option<&mut Option<(HeldName, Value)>> {
        match self.in_place.get_mut(i) {
            Some(slot) => Some(slot),
            None => self.more.get_mut(i - IN_PLACE),
        }
    }
}

/// A member name of a union's object: its tag property, or another.
pub(crate) enum Key {
    /// The tag property.
    Tag,
    /// Any other member, to be held until the tag is read.
    Other(HeldName),
}

/// Reads a member name, telling the tag property (`names[0]`) from the
/// others (`names[1..]`: every name a variant lists) without allocating
/// for any of them.
pub(crate) struct KeySeed(pub(crate) &'static [&'static str]);

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        let name = NameSeed(self.0).deserialize(deserializer)?;
        Ok(match name {
            Name::Known(0) => Key::Tag,
            Name::Known(i) => Key::Other(HeldName::Listed(self.0[i])),
            Name::Other(name) => Key::Other(HeldName::Other(name)),
        })
    }
}

/// A tag's value: one of the union's tags (by its place in the list), one
/// it does not know, or not a string at all.
pub(crate) enum Tag {
    /// `tags[i]`.
    Known(usize),
    /// A string that is none of them.
    Unknown(String),
    /// Not a string (read and skipped: the caller reports it).
    NotString,
}

impl From<Name> for Tag {
    /// A tag string, matched as a name among the tags.
    fn from(name: Name) -> Tag {
        match name {
            Name::Known(i) => Tag::Known(i),
            Name::Other(tag) => Tag::Unknown(tag),
        }
    }
}

/// Reads a tag's value, matching it against the union's tags without
/// allocating for a known one.
pub(crate) struct TagSeed(pub(crate) &'static [&'static str]);

impl<'de> DeserializeSeed<'de> for TagSeed {
    type Value = Tag;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Tag, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TagSeed {
    type Value = Tag;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a tag")
    }

    fn visit_str<E: serde::de::Error>(self, tag: &str) -> Result<Tag, E> {
        NameSeed(self.0).visit_str(tag).map(Tag::from)
    }

    fn visit_string<E: serde::de::Error>(self, tag: String) -> Result<Tag, E> {
        NameSeed(self.0).visit_string(tag).map(Tag::from)
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Tag, E> {
        Ok(Tag::NotString)
    }

    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Tag, E> {
        Ok(Tag::NotString)
    }

    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Tag, E> {
        Ok(Tag::NotString)
    }

    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Tag, E> {
        Ok(Tag::NotString)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Tag, E> {
        Ok(Tag::NotString)
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Tag, E> {
        Ok(Tag::NotString)
    }

    fn visit_seq<S: serde::de::SeqAccess<'de>>(self, mut seq: S) -> Result<Tag, S::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Tag::NotString)
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Tag, M::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Tag::NotString)
    }
}

/// The object for its variant's decoder: the held members, then the tag,
/// then the rest of `rest` as it comes.
pub(crate) struct Replay<A> {
    held: Held,
    tag: Option<(&'static str, &'static str)>,
    pending: Option<Pending>,
    rest: A,
}

enum Pending {
    Held(HeldName, Value),
    Tag(&'static str),
}

impl<A> Replay<A> {
    /// `held` members, then `property: tag`, then `rest`.
    pub(crate) fn new(held: Held, property: &'static str, tag: &'static str, rest: A) -> Self {
        Replay {
            held,
            tag: Some((property, tag)),
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
        if let Some((name, value)) = self.held.next() {
            let key = match &name {
                HeldName::Listed(name) => seed.deserialize(BorrowedStrDeserializer::new(name)),
                HeldName::Other(name) => seed.deserialize(StrDeserializer::new(name)),
            };
            self.pending = Some(Pending::Held(name, value));
            return key.map(Some);
        }
        if let Some((property, tag)) = self.tag.take() {
            self.pending = Some(Pending::Tag(tag));
            return seed
                .deserialize(BorrowedStrDeserializer::new(property))
                .map(Some);
        }
        self.rest.next_key_seed(seed)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.pending.take() {
            // A held member's error names it: the path ends at the union.
            Some(Pending::Held(name, value)) => seed
                .deserialize(value)
                .map_err(|e| A::Error::custom(format_args!("{}: {e}", name.as_str()))),
            Some(Pending::Tag(tag)) => seed.deserialize(TagValue::<A::Error>::new(tag)),
            None => self.rest.next_value_seed(seed),
        }
    }
}

/// A known tag handed to the variant's decoder: a string, which an
/// optional tag field reads as `Some` (as it would a JSON string; serde's
/// plain string deserializers refuse `Option`).
struct TagValue<E> {
    tag: &'static str,
    marker: std::marker::PhantomData<E>,
}

impl<E> TagValue<E> {
    fn new(tag: &'static str) -> Self {
        TagValue {
            tag,
            marker: std::marker::PhantomData,
        }
    }
}

impl<'de, E: serde::de::Error> Deserializer<'de> for TagValue<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_borrowed_str(self.tag)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_some(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, E> {
        BorrowedStrDeserializer::<E>::new(self.tag).deserialize_enum(name, variants, visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

/// The whole object as a value, for a tag the union does not know:
/// `held`, the tag, and the rest of `rest`; a member given twice keeps its
/// last value, as a `Value` does.
pub(crate) fn whole<'de, A: MapAccess<'de>>(
    held: Held,
    (property, tag): (&str, String),
    mut rest: A,
) -> Result<Value, A::Error> {
    let mut object: Map<String, Value> = held
        .into_members()
        .map(|(name, value)| (name.into_string(), value))
        .collect();
    object.insert(property.to_owned(), Value::String(tag));
    while let Some(key) = rest.next_key::<String>()? {
        let value: Value = rest.next_value()?;
        object.insert(key, value);
    }
    Ok(Value::Object(object))
}
