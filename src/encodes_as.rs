//! Whether a value encodes as a given JSON value, answered while the value
//! is written instead of by building its encoding: the same answer as
//! `serde_json::to_value(value) == Ok(target)`, without allocating.
//!
//! Choosing a union's variant for an object without its tag asks this of
//! every candidate (does it give the object back unchanged?); building each
//! candidate's tree to compare it cost more than decoding the candidate.
//! That object need not be a `Value` either ([`encodes_as_object`] takes
//! any [`Object`]: `crate::tagless` holds its members as they were read).
//!
//! What it compares as `to_value` would build it: numbers as
//! `serde_json::Number`s of the same kind (`1` and `1.0` differ), floats
//! that are not finite as `null`, `None` and `()` as `null`, a unit variant
//! as its name, a newtype variant as `{name: value}`, sequences in order,
//! maps and structs by member whatever the order, with as many members as
//! the target. What it does not compare itself (128-bit integers, map keys
//! that are not strings, bytes, serde_json's private number and raw-value
//! structs, a `Serialize` that fails) it leaves to `to_value`.
//!
//! One assumption, which every type of this crate keeps: a map or struct
//! writes each member name once (a field and [`crate::Members`] own their
//! names; a `Map`'s keys are unique). A value that wrote a name twice would
//! be judged member by member here, while `to_value` keeps the last.

use serde::ser::{self, Serialize};
use serde_json::{Map, Number, Value};

/// Whether `value`, encoded, is `target`.
pub(crate) fn encodes_as<T: Serialize + ?Sized>(value: &T, target: &Value) -> bool {
    match value.serialize(Compare(target)) {
        Ok(()) => true,
        Err(Differs::Yes) => false,
        Err(Differs::Unsure) => serde_json::to_value(value).is_ok_and(|again| again == *target),
    }
}

/// Whether `value`, encoded, is the object whose members `object` holds:
/// `None` when this is left to `to_value` (the caller has the object to
/// compare with; here it need not be a `Value`).
pub(crate) fn encodes_as_object<T: Serialize + ?Sized>(
    value: &T,
    object: &dyn Object,
) -> Option<bool> {
    match value.serialize(WholeObject(object)) {
        Ok(()) => Some(true),
        Err(Differs::Yes) => Some(false),
        Err(Differs::Unsure) => None,
    }
}

/// An object's members, wherever they are held: a `Value`'s map, or a
/// union's members read before it knew its variant (`crate::tagless`).
pub(crate) trait Object {
    /// The member named `name`.
    fn member(&self, name: &str) -> Option<&Value>;
    /// How many members there are.
    fn len(&self) -> usize;
}

impl Object for Map<String, Value> {
    fn member(&self, name: &str) -> Option<&Value> {
        self.get(name)
    }

    fn len(&self) -> usize {
        Map::len(self)
    }
}

/// Why a comparison stopped.
#[derive(Debug)]
enum Differs {
    /// The value differs from the target.
    Yes,
    /// Something `to_value` must answer.
    Unsure,
}

impl std::fmt::Display for Differs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Differs::Yes => "differs",
            Differs::Unsure => "not compared here",
        })
    }
}

impl std::error::Error for Differs {}

impl ser::Error for Differs {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Differs::Unsure
    }
}

/// `Ok` when `same`, else the value differs.
fn same(same: bool) -> Result<(), Differs> {
    if same {
        Ok(())
    } else {
        Err(Differs::Yes)
    }
}

/// A serializer's methods for the integers a `Number` holds: each
/// compared as the number it makes.
macro_rules! numbers {
    ($($method:ident($ty:ty)),* $(,)?) => {
        $(fn $method(self, v: $ty) -> Result<(), Differs> {
            self.number(v.into())
        })*
    };
}

/// Whether a struct named `name` is one of serde_json's own (for numbers
/// and raw JSON text), which only `to_value` reads right.
fn not_private(name: &str) -> Result<(), Differs> {
    if name.starts_with("$serde_json::private::") {
        return Err(Differs::Unsure);
    }
    Ok(())
}

/// The serializer that compares what it is given with the target.
struct Compare<'a>(&'a Value);

impl<'a> Compare<'a> {
    fn number(self, number: Number) -> Result<(), Differs> {
        same(matches!(self.0, Value::Number(n) if *n == number))
    }

    fn float(self, value: Option<Number>) -> Result<(), Differs> {
        match value {
            Some(number) => self.number(number),
            None => same(self.0.is_null()),
        }
    }

    /// The target's only member, if it is an object of one named `name`.
    fn only_member(&self, name: &str) -> Result<&'a Value, Differs> {
        match self.0 {
            Value::Object(object) if object.len() == 1 => object.get(name).ok_or(Differs::Yes),
            _ => Err(Differs::Yes),
        }
    }

    fn items(self) -> Result<Items<'a>, Differs> {
        match self.0 {
            Value::Array(items) => Ok(Items(items.iter())),
            _ => Err(Differs::Yes),
        }
    }

    fn members(self) -> Result<Fields<'a>, Differs> {
        match self.0 {
            Value::Object(object) => Ok(Fields::of(object)),
            _ => Err(Differs::Yes),
        }
    }
}

impl<'a> ser::Serializer for Compare<'a> {
    type Ok = ();
    type Error = Differs;
    type SerializeSeq = Items<'a>;
    type SerializeTuple = Items<'a>;
    type SerializeTupleStruct = Items<'a>;
    type SerializeTupleVariant = Items<'a>;
    type SerializeMap = Fields<'a>;
    type SerializeStruct = Fields<'a>;
    type SerializeStructVariant = Fields<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Differs> {
        same(self.0.as_bool() == Some(v))
    }

    numbers!(
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
    );

    fn serialize_i128(self, _: i128) -> Result<(), Differs> {
        Err(Differs::Unsure)
    }

    fn serialize_u128(self, _: u128) -> Result<(), Differs> {
        Err(Differs::Unsure)
    }

    fn serialize_f32(self, v: f32) -> Result<(), Differs> {
        self.float(Number::from_f64(f64::from(v)))
    }

    fn serialize_f64(self, v: f64) -> Result<(), Differs> {
        self.float(Number::from_f64(v))
    }

    fn serialize_char(self, v: char) -> Result<(), Differs> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result<(), Differs> {
        same(self.0.as_str() == Some(v))
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), Differs> {
        Err(Differs::Unsure)
    }

    fn serialize_none(self) -> Result<(), Differs> {
        same(self.0.is_null())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Differs> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Differs> {
        same(self.0.is_null())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Differs> {
        same(self.0.is_null())
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Differs> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Differs> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Differs> {
        value.serialize(Compare(self.only_member(variant)?))
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Items<'a>, Differs> {
        self.items()
    }

    fn serialize_tuple(self, _: usize) -> Result<Items<'a>, Differs> {
        self.items()
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Items<'a>, Differs> {
        self.items()
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Items<'a>, Differs> {
        Compare(self.only_member(variant)?).items()
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Fields<'a>, Differs> {
        self.members()
    }

    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Fields<'a>, Differs> {
        not_private(name)?;
        self.members()
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Fields<'a>, Differs> {
        Compare(self.only_member(variant)?).members()
    }
}

/// A sequence against the target's items, in order.
struct Items<'a>(std::slice::Iter<'a, Value>);

impl Items<'_> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Differs> {
        value.serialize(Compare(self.0.next().ok_or(Differs::Yes)?))
    }

    fn done(self) -> Result<(), Differs> {
        same(self.0.len() == 0)
    }
}

/// A serializer's compound part for a sequence: each element the next
/// item, then no item left.
macro_rules! items {
    ($($part:ident :: $method:ident),* $(,)?) => {
        $(impl ser::$part for Items<'_> {
            type Ok = ();
            type Error = Differs;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Differs> {
                self.item(value)
            }

            fn end(self) -> Result<(), Differs> {
                self.done()
            }
        })*
    };
}

items!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field,
);

/// A map or struct against the target's members: each member written is
/// one of the target's with the same value, and as many are written as
/// the target has.
struct Fields<'a> {
    object: &'a dyn Object,
    /// How many members were written.
    seen: usize,
    /// The target's value of the member whose key was just written.
    next: Option<&'a Value>,
}

impl<'a> Fields<'a> {
    /// Nothing written yet against `object`.
    fn of(object: &'a dyn Object) -> Self {
        Fields {
            object,
            seen: 0,
            next: None,
        }
    }

    fn member<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), Differs> {
        self.seen += 1;
        value.serialize(Compare(self.object.member(name).ok_or(Differs::Yes)?))
    }

    fn done(self) -> Result<(), Differs> {
        same(self.seen == self.object.len())
    }
}

impl ser::SerializeMap for Fields<'_> {
    type Ok = ();
    type Error = Differs;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Differs> {
        self.seen += 1;
        self.next = Some(key.serialize(Lookup(self.object))?);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Differs> {
        value.serialize(Compare(self.next.take().ok_or(Differs::Unsure)?))
    }

    fn end(self) -> Result<(), Differs> {
        self.done()
    }
}

/// A serializer's compound part for a struct: each field one of the
/// target's members, then as many as the target has.
macro_rules! fields {
    ($($part:ident),* $(,)?) => {
        $(impl ser::$part for Fields<'_> {
            type Ok = ();
            type Error = Differs;

            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                name: &'static str,
                value: &T,
            ) -> Result<(), Differs> {
                self.member(name, value)
            }

            fn end(self) -> Result<(), Differs> {
                self.done()
            }
        })*
    };
}

fields!(SerializeStruct, SerializeStructVariant);

/// A map key, looked up among the target's members: a string (or a unit
/// variant, written as its name) is compared here; any other key is left
/// to `to_value` (which turns numbers and booleans into strings).
struct Lookup<'a>(&'a dyn Object);

impl<'a> Lookup<'a> {
    fn get(self, name: &str) -> Result<&'a Value, Differs> {
        self.0.member(name).ok_or(Differs::Yes)
    }
}

/// Methods of a serializer for what it leaves to `to_value`, answering
/// `$ok` when it does compare.
macro_rules! unsure {
    ($ok:ty; $($method:ident($($arg:ty),*)),* $(,)?) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ok, Differs> {
            Err(Differs::Unsure)
        })*
    };
}

/// The scalars (but strings) that neither a map key nor a whole object
/// is compared with here.
macro_rules! unsure_scalars {
    ($ok:ty) => {
        unsure!(
            $ok;
            serialize_bool(bool),
            serialize_i8(i8),
            serialize_i16(i16),
            serialize_i32(i32),
            serialize_i64(i64),
            serialize_u8(u8),
            serialize_u16(u16),
            serialize_u32(u32),
            serialize_u64(u64),
            serialize_f32(f32),
            serialize_f64(f64),
            serialize_bytes(&[u8]),
            serialize_none(),
            serialize_unit(),
            serialize_unit_struct(&'static str),
        );
    };
}

/// The same for a serializer's compound parts it leaves to `to_value`.
macro_rules! unsure_parts {
    ($($method:ident($($arg:ty),*) -> $part:ident),* $(,)?) => {
        $(fn $method(self, $(_: $arg),*) -> Result<Self::$part, Differs> {
            Err(Differs::Unsure)
        })*
    };
}

impl<'a> ser::Serializer for Lookup<'a> {
    type Ok = &'a Value;
    type Error = Differs;
    type SerializeSeq = ser::Impossible<&'a Value, Differs>;
    type SerializeTuple = ser::Impossible<&'a Value, Differs>;
    type SerializeTupleStruct = ser::Impossible<&'a Value, Differs>;
    type SerializeTupleVariant = ser::Impossible<&'a Value, Differs>;
    type SerializeMap = ser::Impossible<&'a Value, Differs>;
    type SerializeStruct = ser::Impossible<&'a Value, Differs>;
    type SerializeStructVariant = ser::Impossible<&'a Value, Differs>;

    unsure_scalars!(&'a Value);

    fn serialize_char(self, v: char) -> Result<&'a Value, Differs> {
        self.get(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result<&'a Value, Differs> {
        self.get(v)
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<&'a Value, Differs> {
        self.get(variant)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<&'a Value, Differs> {
        Err(Differs::Unsure)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<&'a Value, Differs> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<&'a Value, Differs> {
        Err(Differs::Unsure)
    }

    unsure_parts!(
        serialize_seq(Option<usize>) -> SerializeSeq,
        serialize_tuple(usize) -> SerializeTuple,
        serialize_tuple_struct(&'static str, usize) -> SerializeTupleStruct,
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> SerializeTupleVariant,
        serialize_map(Option<usize>) -> SerializeMap,
        serialize_struct(&'static str, usize) -> SerializeStruct,
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> SerializeStructVariant,
    );
}

/// The serializer that compares a struct or map with an object given as
/// its members; anything else is left to `to_value` (an object is never
/// what a scalar or a sequence writes, but `to_value` says so too, and
/// a union's variants write structs).
struct WholeObject<'a>(&'a dyn Object);

impl<'a> ser::Serializer for WholeObject<'a> {
    type Ok = ();
    type Error = Differs;
    type SerializeSeq = ser::Impossible<(), Differs>;
    type SerializeTuple = ser::Impossible<(), Differs>;
    type SerializeTupleStruct = ser::Impossible<(), Differs>;
    type SerializeTupleVariant = ser::Impossible<(), Differs>;
    type SerializeMap = Fields<'a>;
    type SerializeStruct = Fields<'a>;
    type SerializeStructVariant = ser::Impossible<(), Differs>;

    unsure_scalars!(());
    unsure!(
        ();
        serialize_char(char),
        serialize_str(&str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Differs> {
        value.serialize(self)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Differs> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Differs> {
        Err(Differs::Unsure)
    }

    unsure_parts!(
        serialize_seq(Option<usize>) -> SerializeSeq,
        serialize_tuple(usize) -> SerializeTuple,
        serialize_tuple_struct(&'static str, usize) -> SerializeTupleStruct,
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> SerializeTupleVariant,
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> SerializeStructVariant,
    );

    fn serialize_map(self, _: Option<usize>) -> Result<Fields<'a>, Differs> {
        Ok(Fields::of(self.0))
    }

    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Fields<'a>, Differs> {
        not_private(name)?;
        Ok(Fields::of(self.0))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Serialize;
    use serde_json::{json, Value};

    use super::{encodes_as, encodes_as_object};

    #[derive(Serialize)]
    struct Point {
        x: i32,
        y: Option<String>,
    }

    #[derive(Serialize)]
    enum Shape {
        Unit,
        Newtype(u8),
        Tuple(u8, bool),
        Struct { r: f64 },
    }

    /// Targets of every JSON kind, alike and nearly alike.
    fn targets() -> Vec<Value> {
        vec![
            json!(null),
            json!(true),
            json!(false),
            json!(0),
            json!(1),
            json!(-1),
            json!(1.0),
            json!(1.5),
            json!(u64::MAX),
            json!(""),
            json!("a"),
            json!("Unit"),
            json!([]),
            json!([1]),
            json!([1, 2]),
            json!([1, true]),
            json!({}),
            json!({"a": 1}),
            json!({"a": 1, "b": 2}),
            json!({"a": null}),
            json!({"1": 2}),
            json!({"x": 1, "y": null}),
            json!({"x": 1, "y": "s"}),
            json!({"x": 1}),
            json!({"Newtype": 3}),
            json!({"Tuple": [3, true]}),
            json!({"Struct": {"r": 1.5}}),
            json!({"Struct": {"r": 1.5}, "more": 1}),
        ]
    }

    /// `encodes_as` says what `to_value` and `==` say.
    fn agrees<T: Serialize>(value: T) {
        for target in targets() {
            let expected = serde_json::to_value(&value).is_ok_and(|v| v == target);
            assert_eq!(
                encodes_as(&value, &target),
                expected,
                "{:?} against {target}",
                serde_json::to_value(&value)
            );
            // Against an object's members: the same answer, or none.
            if let Value::Object(members) = &target {
                let answer = encodes_as_object(&value, members);
                assert!(
                    answer.is_none_or(|same| same == expected),
                    "{:?} against the members of {target}",
                    serde_json::to_value(&value)
                );
            }
        }
    }

    #[test]
    fn answers_as_to_value_does() {
        agrees(());
        agrees(None::<i32>);
        agrees(Some(1));
        agrees(true);
        agrees(0u8);
        agrees(1u64);
        agrees(u64::MAX);
        agrees(-1i64);
        agrees(1i128);
        agrees(1.0f64);
        agrees(1.5f32);
        agrees(f64::NAN);
        agrees(f32::INFINITY);
        agrees('a');
        agrees("a");
        agrees(String::new());
        agrees(vec![1, 2]);
        agrees((1, true));
        agrees(&[1u8][..]);
        agrees(BTreeMap::from([("a", 1)]));
        agrees(BTreeMap::from([("a", 1), ("b", 2)]));
        agrees(BTreeMap::from([(1, 2)]));
        agrees(BTreeMap::from([('a', 1)]));
        agrees(Point { x: 1, y: None });
        agrees(Point {
            x: 1,
            y: Some("s".into()),
        });
        agrees(Shape::Unit);
        agrees(Shape::Newtype(3));
        agrees(Shape::Tuple(3, true));
        agrees(Shape::Struct { r: 1.5 });
        agrees(serde_json::value::RawValue::from_string("[1, 2]".into()).expect("json"));
        for target in targets() {
            agrees(target);
        }
    }

    /// JSON values from a small alphabet, so that two drawn apart are
    /// often equal or nearly so (`1` and `1.0`, a member more or less).
    fn small_json() -> impl proptest::strategy::Strategy<Value = Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            (-1i64..2).prop_map(Value::from),
            (0u64..2).prop_map(Value::from),
            prop_oneof![Just(1.0), Just(-0.0), Just(0.5)].prop_map(Value::from),
            "[ab]{0,2}".prop_map(Value::from),
        ];
        leaf.prop_recursive(3, 12, 3, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..3).prop_map(Value::from),
                proptest::collection::btree_map("[ab]{1,2}", inner, 0..3)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest::proptest! {
        /// A `Value` encodes as another exactly when they are equal.
        #[test]
        fn a_value_encodes_as_what_it_equals(value in small_json(), target in small_json()) {
            proptest::prop_assert_eq!(encodes_as(&value, &target), value == target);
            proptest::prop_assert!(encodes_as(&value, &value));
            // A map against an object's members is always compared here.
            if let (Value::Object(_), Value::Object(members)) = (&value, &target) {
                proptest::prop_assert_eq!(encodes_as_object(&value, members), Some(value == target));
            }
        }
    }
}
