//! Whether the types users have now decode every value the new schema
//! allows, compared structurally across the two generated sets.

use std::cell::RefCell;
use std::collections::BTreeSet;

use crate::model::{Kind, Module, RustType, TypeDef};

/// Where named types are looked up: the old and the new generated modules
/// (a path such as `crate::client::Session` names a type of another module).
pub struct Sides<'a> {
    old: (&'a Module, &'a [&'a Module]),
    new: (&'a Module, &'a [&'a Module]),
    /// Pairs being compared: assumed compatible while they are (recursive
    /// types), so the comparison ends.
    visiting: RefCell<BTreeSet<(String, String)>>,
}

impl<'a> Sides<'a> {
    /// The two sides: each module, with all modules of its set.
    pub fn new(
        old: &'a Module,
        old_all: &'a [&'a Module],
        new: &'a Module,
        new_all: &'a [&'a Module],
    ) -> Self {
        Sides {
            old: (old, old_all),
            new: (new, new_all),
            visiting: RefCell::default(),
        }
    }

    /// The type `name` means in module `here`, and the module it lives in
    /// (bare names inside it refer to that module).
    fn lookup(
        all: &'a [&'a Module],
        here: &'a Module,
        name: &str,
    ) -> Option<(&'a Module, &'a TypeDef)> {
        let mut parts = name.rsplit("::");
        let short = parts.next()?;
        let module = match parts.next() {
            Some(key) => all.iter().find(|m| m.key == key).copied()?,
            None => here,
        };
        if let Some(def) = module.get(short) {
            return Some((module, def));
        }
        // A local name re-exported from another module.
        let path = module.shared.get(short)?;
        let mut parts = path.rsplit("::");
        let short = parts.next()?;
        let key = parts.next()?;
        let owner = all.iter().find(|m| m.key == key).copied()?;
        Some((owner, owner.get(short)?))
    }

    /// `Ok` when every JSON value that decodes as `new` (every value the new
    /// schema allows there) also decodes as `old`, the type users have now;
    /// otherwise which values fail.
    pub fn accepts(&self, old: &RustType, new: &RustType) -> Result<(), String> {
        self.accepts_in((self.old.0, self.new.0), old, new)
    }

    /// [`Sides::accepts`], with bare names looked up in `here`'s modules.
    fn accepts_in(
        &self,
        here: (&'a Module, &'a Module),
        old: &RustType,
        new: &RustType,
    ) -> Result<(), String> {
        use RustType as T;
        let fail = || {
            Err(format!(
                "{} values fail where the current type is {old}",
                new.unwrapped()
            ))
        };
        match (old, new) {
            (T::Json, _) => Ok(()),
            (T::Box(o), n) => self.accepts_in(here, o, n),
            (o, T::Box(n)) => self.accepts_in(here, o, n),
            (T::Option(o), T::Option(n)) => self.accepts_in(here, o, n),
            (T::Option(o), n) => self.accepts_in(here, o, n),
            (_, T::Option(_)) => Err(format!("null fails where the current type is {old}")),
            (T::Named(o), T::Named(n)) => self.named(here, o, n),
            // An id is a string on the wire: typing it changes the API
            // (the field's type), not what decodes.
            (T::String | T::Id(_), T::String | T::Id(_)) => Ok(()),
            (T::Bool, T::Bool) | (T::Unit, T::Unit) => Ok(()),
            (T::Int(_), T::Int(_)) => match (old.int_range(), new.int_range()) {
                (Some((a, b)), Some((c, d))) if a <= c && d <= b => Ok(()),
                (Some((a, b)), Some(_)) => Err(format!(
                    "integers outside {a}..={b} (the current {old}) fail"
                )),
                _ => fail(),
            },
            (T::Float(_), T::Int(_) | T::Float(_)) => Ok(()),
            (T::Vec(o), T::Vec(n)) | (T::Set(o), T::Set(n)) | (T::Vec(o), T::Set(n)) => {
                self.accepts_in(here, o, n)
            }
            (T::Map(_, o), T::Map(_, n)) => self.accepts_in(here, o, n),
            // An object that became a struct still decodes as a map of any value.
            (T::Map(_, o), T::Named(_)) if **o == T::Json => Ok(()),
            (T::Named(o), T::Map(..)) => Err(format!(
                "any object is valid now, and those without what the current {} requires fail",
                short(o)
            )),
            _ => fail(),
        }
    }

    /// Two named types, by structure.
    fn named(&self, here: (&'a Module, &'a Module), old: &str, new: &str) -> Result<(), String> {
        let (a, b) = (
            Self::lookup(self.old.1, here.0, old),
            Self::lookup(self.new.1, here.1, new),
        );
        let key = (
            format!("{}::{old}", a.map_or("", |(m, _)| m.key.as_str())),
            format!("{}::{new}", b.map_or("", |(m, _)| m.key.as_str())),
        );
        if !self.visiting.borrow_mut().insert(key.clone()) {
            return Ok(());
        }
        let result = match (a, b) {
            (Some((ma, a)), Some((mb, b))) => self.defs_in((ma, mb), a, b),
            // Not found on a side (a type this comparison does not see):
            // the same name is the same type.
            _ if short(old) == short(new) => Ok(()),
            _ => Err(format!(
                "{} values are read as the current {}",
                short(new),
                short(old)
            )),
        };
        self.visiting.borrow_mut().remove(&key);
        result
    }

    /// Whether the current type `a` decodes every value of the new type `b`
    /// (both of the compared modules).
    pub fn defs(&self, a: &TypeDef, b: &TypeDef) -> Result<(), String> {
        self.defs_in((self.old.0, self.new.0), a, b)
    }

    fn defs_in(
        &self,
        here: (&'a Module, &'a Module),
        a: &TypeDef,
        b: &TypeDef,
    ) -> Result<(), String> {
        match (&a.kind, &b.kind) {
            (Kind::Struct(x), Kind::Struct(y)) => {
                for f in &x.fields {
                    match y.field(&f.json) {
                        None if f.decodes_absent() => {}
                        None => {
                            return Err(format!(
                                "{} objects without `{}` fail: the current field is {}",
                                a.name, f.json, f.ty
                            ))
                        }
                        Some(g) => {
                            if !g.required && !f.decodes_absent() {
                                return Err(format!(
                                    "{} objects that omit `{}` fail: the current field is {}",
                                    a.name, f.json, f.ty
                                ));
                            }
                            if g.nullable && !f.decodes_null() {
                                return Err(format!(
                                    "{} objects with `\"{}\": null` fail: the current field is {}",
                                    a.name, f.json, f.ty
                                ));
                            }
                            self.accepts_in(here, f.ty.unwrapped(), g.ty.unwrapped())
                                .map_err(|why| format!("{}.{}: {why}", a.name, f.json))?;
                        }
                    }
                }
                Ok(())
            }
            (Kind::Enum(x), Kind::Enum(y)) => {
                if x.is_open() {
                    return Ok(());
                }
                let unknown: Vec<&str> = y
                    .values
                    .iter()
                    .filter(|v| !x.values.iter().any(|o| o.wire == v.wire))
                    .map(|v| v.wire.as_str())
                    .collect();
                if unknown.is_empty() {
                    Ok(())
                } else {
                    Err(format!(
                        "\"{}\" fails: the current {} is a strict tag",
                        unknown.join("\", \""),
                        a.name
                    ))
                }
            }
            (Kind::Union(x), Kind::Union(y)) => {
                if x.property != y.property {
                    return Err(format!(
                        "objects are told apart by `{}` now; the current {} reads `{}`",
                        y.property, a.name, x.property
                    ));
                }
                for v in &y.variants {
                    let old = v
                        .tag
                        .as_ref()
                        .and_then(|t| x.variants.iter().find(|o| o.tag.as_ref() == Some(t)));
                    match (old, &v.tag) {
                        (Some(o), _) => self.named(here, &o.ty, &v.ty)?,
                        // A tag the current union does not know: its catch-all keeps it.
                        (None, Some(_)) => {}
                        (None, None) => {
                            return Err(format!(
                                "objects of {} carry no `{}`: they fail unless they fit a current variant",
                                v.ident, y.property
                            ))
                        }
                    }
                }
                Ok(())
            }
            (
                Kind::Newtype {
                    inner: i,
                    constraints: c,
                },
                Kind::Newtype {
                    inner: j,
                    constraints: d,
                },
            ) => {
                self.accepts_in(here, i, j)?;
                if c.iter().all(|(k, v)| d.get(k) == Some(v)) {
                    Ok(())
                } else {
                    Err(format!(
                        "values that meet the new constraints of {} but not the current ones fail",
                        b.name
                    ))
                }
            }
            (Kind::Untagged(x), Kind::Untagged(y)) if x == y => Ok(()),
            // The current release keeps any object none of its variants
            // takes.
            (Kind::Untagged(x), Kind::Untagged(_))
                if x.last().is_some_and(super::is_object_catch_all) =>
            {
                Ok(())
            }
            (Kind::Untagged(_), Kind::Untagged(_)) => Err(format!(
                "values of the changed variants of {} may fit none of the current ones (an untagged enum has no catch-all)",
                b.name
            )),
            (x, y) => Err(format!(
                "{} is a {} now and the current one a {}",
                b.name,
                y.word(),
                x.word()
            )),
        }
    }
}

/// [`Sides::accepts`] with nothing to look named types up in: they compare
/// by name.
pub fn accepts(old: &RustType, new: &RustType) -> Result<(), String> {
    let empty = Module {
        key: String::new(),
        file: String::new(),
        root: String::new(),
        types: Vec::new(),
        shared: Default::default(),
        unpinned: Vec::new(),
        stale: Vec::new(),
    };
    Sides::new(&empty, &[], &empty, &[]).accepts(old, new)
}

fn short(path: &str) -> &str {
    path.rsplit("::").next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use RustType as T;

    fn b(t: T) -> Box<T> {
        Box::new(t)
    }

    #[test]
    fn integer_formats_compare_as_ranges() {
        let i64_ = T::Int("i64".into());
        let i32_ = T::Int("i32".into());
        assert!(accepts(&i64_, &i32_).is_ok());
        assert!(accepts(&i32_, &i64_).is_err());
        assert!(accepts(&i64_, &i64_).is_ok());
    }

    #[test]
    fn null_and_types() {
        let s = T::String;
        assert!(accepts(&T::Option(b(s.clone())), &s).is_ok());
        assert!(accepts(&s, &T::Option(b(s.clone()))).is_err());
        assert!(accepts(&s, &T::Int("i64".into())).is_err());
        assert!(accepts(&T::Json, &T::Int("i64".into())).is_ok());
        let map = T::Map(b(T::String), b(T::Json));
        assert!(accepts(&map, &T::Named("Actor".into())).is_ok());
        assert!(accepts(&T::Named("Actor".into()), &map).is_err());
        assert!(accepts(
            &T::Named("crate::client::Session".into()),
            &T::Named("Session".into())
        )
        .is_ok());
    }
}
