//! A union's object that came without its tag, matched by shape: every
//! member was held as the union read it (`crate::tagged::Held`), each
//! candidate variant decodes from those members, and the best is the one
//! that gives them back unchanged (`by_shape` in the generated code).
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

/// A candidate's members that refuse it with any other string: its
/// single-value tags (`strategy`), each with the values it takes.
pub(crate) type Strict<'a> = &'a [(&'a str, &'a [&'a str])];

/// How a candidate variant fits `object`: `None` when it does not decode,
/// else the variant and how many required members it lacks. A candidate
/// whose `strict` member holds another string would not decode: it is not
/// tried (decoding it would build and drop a serde error).
pub(crate) fn fit<T, U>(
    object: &Object,
    strict: Strict<'_>,
    wrap: impl FnOnce(T) -> U,
) -> Option<(usize, U)>
where
    T: DeserializeOwned + crate::MissingRequired,
{
    if refused(object, strict) {
        return None;
    }
    let decoded: T = object.decode()?;
    let lacks = decoded.count_missing_required();
    Some((lacks, wrap(decoded)))
}

/// Whether one of the `strict` members holds a string it does not take.
fn refused(object: &Object, strict: Strict<'_>) -> bool {
    use encodes_as::Object as _;
    strict.iter().any(|(name, values)| {
        matches!(object.member(name), Some(Value::String(s)) if !values.contains(&s.as_str()))
    })
}

/// The best of the variants an object without its tag decoded as, each
/// with how many required members it lacks, in the union's order: one
/// that gives the object back unchanged before one that does not, then
/// the fewest lacking, then the first. Whether a variant gives the object
/// back costs an encoding, so the variants are tried in order of what
/// they lack and the first that gives it back wins: it is the best.
pub(crate) fn best_fit<T: serde::Serialize>(
    object: &Object,
    mut fits: Vec<(usize, T)>,
) -> Option<T> {
    // Stable: among equals, the union's order.
    fits.sort_by_key(|(lacks, _)| *lacks);
    let at = fits
        .iter()
        .position(|(_, v)| object.given_back_by(v))
        .unwrap_or(0);
    (at < fits.len()).then(|| fits.swap_remove(at).1)
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
