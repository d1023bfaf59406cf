//! A union's object that came without its tag, matched by shape: every
//! member was held as the union read it (`crate::tagged::Held`), each
//! candidate variant decodes from those members, and the best is the one
//! that gives them back unchanged (`by_shape` in the generated code). A
//! candidate that cannot win is not decoded: its single-value tag says
//! another value, or it surely lacks as many members as the best so far
//! ([`Chooser`]).
//!
//! The members are not gathered into a `Value` object first: its key
//! strings, its tree and their drop cost more than decoding the candidate
//! that wins (an email address drawn with only its required members
//! decoded slower than a `Value`). A few members are looked up where they
//! are held; many (a hostile payload's thousands) go into a map, so that
//! neither a name given twice nor a lookup costs time quadratic in them.

use serde::de::value::MapDeserializer;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::encodes_as;
use crate::tagged::Held;

/// Up to how many members are looked up where they are held.
const FEW: usize = 16;

/// An object without its tag: its members, a name given twice keeping
/// its last value (as in a `Value` object).
// One lives on the stack while a union chooses its variant; boxing the
// few members, the common case, would allocate for nothing.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Object {
    /// Few members, in the order they came.
    Few(Held),
    /// Many members, by name.
    Many(Map<String, Value>),
}

impl Object {
    /// The object of the members `held`, all of them.
    pub(crate) fn new(mut held: Held) -> Self {
        if held.len() <= FEW {
            held.keep_last();
            return Object::Few(held);
        }
        Object::Many(
            held.into_members()
                .map(|(name, value)| (name.into_string(), value))
                .collect(),
        )
    }

    /// `T` decoded from the members, as from the same object as a `Value`
    /// (`None` when it does not decode).
    fn decode<T: DeserializeOwned>(&self) -> Option<T> {
        let decoded: Result<T, serde_json::Error> = match self {
            Object::Few(held) => T::deserialize(MapDeserializer::new(
                held.iter().map(|(name, value)| (name.as_str(), value)),
            )),
            Object::Many(map) => T::deserialize(MapDeserializer::new(
                map.iter().map(|(name, value)| (name.as_str(), value)),
            )),
        };
        decoded.ok()
    }

    /// Whether `variant`, encoded, is this object again.
    pub(crate) fn given_back_by<T: serde::Serialize>(&self, variant: &T) -> bool {
        encodes_as::encodes_as_object(variant, self)
            .unwrap_or_else(|| serde_json::to_value(variant).is_ok_and(|v| v == self.to_value()))
    }

    /// The object as a `Value` (for what the comparison leaves to
    /// `to_value`).
    fn to_value(&self) -> Value {
        Value::Object(match self {
            Object::Few(held) => held
                .iter()
                .map(|(name, value)| (name.as_str().to_owned(), value.clone()))
                .collect(),
            Object::Many(map) => map.clone(),
        })
    }
}

impl encodes_as::Object for Object {
    fn member(&self, name: &str) -> Option<&Value> {
        match self {
            Object::Few(held) => held
                .iter()
                .find(|(held, _)| held.as_str() == name)
                .map(|(_, value)| value),
            Object::Many(map) => map.get(name),
        }
    }

    fn len(&self) -> usize {
        match self {
            Object::Few(held) => held.iter().count(),
            Object::Many(map) => map.len(),
        }
    }
}

/// What matching by shape knows of a candidate variant from the names
/// alone (from the model: `UnionVariant::strict` and `::required`).
pub(crate) struct Candidate {
    /// Members that refuse it with any other string: its single-value
    /// tags (`strategy`), each with the values it takes.
    pub(crate) strict: &'static [(&'static str, &'static [&'static str])],
    /// Members it reports lacking whenever they are absent.
    pub(crate) required: &'static [&'static str],
}

impl Candidate {
    /// Whether one of the strict members holds a string it does not take:
    /// then it would not decode (decoding it would build and drop a serde
    /// error).
    fn refused(&self, object: &Object) -> bool {
        use encodes_as::Object as _;
        self.strict.iter().any(|(name, values)| {
            matches!(object.member(name), Some(Value::String(s)) if !values.contains(&s.as_str()))
        })
    }

    /// Whether it may lack fewer than `bound` members: its required
    /// members the object does not have are lacking for certain (what it
    /// lacks below the others comes on top), counted up to `bound`.
    fn may_lack_fewer_than(&self, object: &Object, bound: usize) -> bool {
        use encodes_as::Object as _;
        let mut absent = 0;
        for name in self.required {
            if absent >= bound {
                return false;
            }
            if object.member(name).is_none() {
                absent += 1;
            }
        }
        absent < bound
    }
}

/// How a candidate variant fits `object`: `None` when it does not decode,
/// else how many required members it lacks and the variant.
pub(crate) fn fit<T, U>(object: &Object, wrap: impl FnOnce(T) -> U) -> Option<(usize, U)>
where
    T: DeserializeOwned + crate::MissingRequired,
{
    let decoded: T = object.decode()?;
    let lacks = decoded.count_missing_required();
    Some((lacks, wrap(decoded)))
}

/// The variant an object without its tag decodes as, as `oneOf` would
/// choose among the variants that decode: one that gives the object back
/// unchanged before one that does not, then the fewest required members
/// lacking, then the union's order. Offered the candidates in the union's
/// order, it says which of them could still win
/// ([`Chooser::worth_trying`]), so that the others are not decoded.
pub(crate) struct Chooser<T> {
    /// The best that gives the object back: (lacks, position, variant).
    best: Option<(usize, usize, T)>,
    /// While none gives it back, the best of those that decoded.
    fallback: Option<(usize, usize, T)>,
}

impl<T: serde::Serialize> Chooser<T> {
    pub(crate) fn new() -> Self {
        Chooser {
            best: None,
            fallback: None,
        }
    }

    /// Whether the next candidate in the union's order could decode and
    /// beat the best so far: its single-value tags do not refuse the
    /// object, and (coming after the best, it must lack fewer) it may lack
    /// fewer members. A best that lacks nothing settles the choice.
    pub(crate) fn worth_trying(&self, object: &Object, candidate: &Candidate) -> bool {
        let may_beat = match &self.best {
            None => true,
            Some((lacks, _, _)) => candidate.may_lack_fewer_than(object, *lacks),
        };
        may_beat && !candidate.refused(object)
    }

    /// The candidate at `at` (offered in the union's order) decoded as
    /// `variant`, lacking `lacks`.
    pub(crate) fn offer(&mut self, object: &Object, at: usize, lacks: usize, variant: T) {
        let beats = |slot: &Option<(usize, usize, T)>| {
            slot.as_ref().is_none_or(|(l, a, _)| (lacks, at) < (*l, *a))
        };
        if !beats(&self.best) {
            return;
        }
        if object.given_back_by(&variant) {
            self.best = Some((lacks, at, variant));
            self.fallback = None;
        } else if self.best.is_none() && beats(&self.fallback) {
            self.fallback = Some((lacks, at, variant));
        }
    }

    /// The chosen variant; `None` when no candidate decoded.
    pub(crate) fn chosen(self) -> Option<T> {
        self.best.or(self.fallback).map(|(_, _, v)| v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encodes_as::Object as _;
    use crate::tagged::HeldName;
    use serde_json::json;

    /// `members` held in order, as the union reads them.
    fn held(members: &[(&str, Value)]) -> Held {
        let mut held = Held::new();
        for (name, value) in members {
            held.push(HeldName::Other((*name).to_owned()), value.clone());
        }
        held
    }

    /// The same members as a `Value` object: a name given twice keeps its
    /// last value.
    fn as_value(members: &[(&str, Value)]) -> Value {
        let mut map = Map::new();
        for (name, value) in members {
            map.insert((*name).to_owned(), value.clone());
        }
        Value::Object(map)
    }

    /// Few members and many, each with names given twice and three times.
    fn cases() -> Vec<Vec<(&'static str, Value)>> {
        let names = [
            "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q",
            "r", "s", "t",
        ];
        let few = vec![
            ("a", json!(1)),
            ("b", json!("x")),
            ("a", json!(2)),
            ("c", json!(null)),
            ("b", json!({"y": 1})),
            ("a", json!(3)),
        ];
        let many: Vec<(&str, Value)> = (0..40).map(|i| (names[i % 20], json!(i))).collect();
        vec![vec![], vec![("a", json!(1))], few, many]
    }

    #[test]
    fn an_objects_members_are_those_of_the_same_value() {
        for members in cases() {
            let object = Object::new(held(&members));
            let value = as_value(&members);
            assert_eq!(object.to_value(), value);
            let map = value.as_object().expect("an object");
            assert_eq!(object.len(), map.len());
            for (name, expected) in map {
                assert_eq!(object.member(name), Some(expected), "{name}");
            }
            assert_eq!(object.member("absent"), None);
        }
    }

    #[test]
    fn a_candidate_decodes_as_from_the_same_value() {
        #[derive(Debug, PartialEq, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Ab {
            a: i64,
            b: Option<Value>,
        }
        for members in cases() {
            let object = Object::new(held(&members));
            let value = as_value(&members);
            let from_value: Option<Map<String, Value>> = serde_json::from_value(value.clone()).ok();
            assert_eq!(object.decode::<Map<String, Value>>(), from_value);
            let from_value: Option<Ab> = serde_json::from_value(value).ok();
            assert_eq!(object.decode::<Ab>(), from_value);
        }
    }

    /// A candidate of the choice below: where it stands in the union, and
    /// what it encodes to.
    struct Tried(usize, Value);

    impl serde::Serialize for Tried {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            self.1.serialize(s)
        }
    }

    /// How the union chose before the chooser: every candidate decoded in
    /// the union's order, the first exact fit lacking nothing at once,
    /// else the fewest lacking that gives the object back, else the fewest
    /// lacking (among equals, the first).
    fn chosen_by_trying_all(object: &Object, fits: Vec<(usize, Tried)>) -> Option<usize> {
        let mut kept = Vec::new();
        for (lacks, v) in fits {
            if lacks == 0 && object.given_back_by(&v) {
                return Some(v.0);
            }
            kept.push((lacks, v));
        }
        kept.sort_by_key(|(lacks, _)| *lacks);
        let at = kept
            .iter()
            .position(|(_, v)| object.given_back_by(v))
            .unwrap_or(0);
        (at < kept.len()).then(|| kept.swap_remove(at).1 .0)
    }

    proptest::proptest! {
        /// Decoding only the candidates that could still beat the best
        /// chooses what trying them all chose, whatever each lacks (at
        /// least what its names say), decodes to and gives back.
        #[test]
        fn the_chooser_chooses_as_trying_every_candidate(
            candidates in proptest::collection::vec(
                (proptest::bool::weighted(0.8), 0usize..3, 0usize..3, proptest::bool::ANY),
                0..7,
            ),
        ) {
            let object = Object::new(held(&[("a", json!(1))]));
            let given_back = json!({"a": 1});
            // (decodes, lacks at least, lacks more below, gives back)
            let value = |at: usize, gives: bool| {
                Tried(at, if gives { given_back.clone() } else { json!({"a": 1, "b": at}) })
            };
            let all: Vec<(usize, Tried)> = candidates
                .iter()
                .enumerate()
                .filter(|(_, c)| c.0)
                .map(|(at, c)| (c.1 + c.2, value(at, c.3)))
                .collect();
            let expected = chosen_by_trying_all(&object, all);

            let mut chooser = Chooser::new();
            for (at, &(decodes, lower, more, gives)) in candidates.iter().enumerate() {
                // What `worth_trying` asks, with `lower` for the members
                // the names say are absent.
                let worth = chooser.best.as_ref().is_none_or(|(lacks, _, _)| lower < *lacks);
                if worth && decodes {
                    chooser.offer(&object, at, lower + more, value(at, gives));
                }
            }
            proptest::prop_assert_eq!(chooser.chosen().map(|t| t.0), expected);
        }
    }

    #[test]
    fn a_candidate_gives_back_the_object_as_it_would_the_same_value() {
        for members in cases() {
            let object = Object::new(held(&members));
            let value = as_value(&members);
            assert!(object.given_back_by(&value));
            let mut other = value.clone();
            if let Some(map) = other.as_object_mut() {
                map.insert("extra".to_owned(), json!(true));
            }
            assert!(!object.given_back_by(&other));
            // Not an object at all: left to `to_value`, which says no.
            assert!(!object.given_back_by(&json!([1])));
        }
    }
}
