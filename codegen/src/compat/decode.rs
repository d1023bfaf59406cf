//! Whether a current Rust type decodes every value of a new one.

use crate::model::RustType;

/// `Ok` when every JSON value that decodes as `new` (every value the new
/// schema allows there) also decodes as `old`, the type users have now;
/// otherwise which values fail. Named types are compared by name: their
/// own changes are judged where they are defined.
pub fn accepts(old: &RustType, new: &RustType) -> Result<(), String> {
    use RustType as T;
    let fail = || {
        Err(format!(
            "{} values fail where the current type is {old}",
            new.unwrapped()
        ))
    };
    match (old, new) {
        (T::Json, _) => Ok(()),
        (T::Box(o), n) => accepts(o, n),
        (o, T::Box(n)) => accepts(o, n),
        (T::Option(o), T::Option(n)) => accepts(o, n),
        (T::Option(o), n) => accepts(o, n),
        (_, T::Option(_)) => Err(format!("null fails where the current type is {old}")),
        (T::Named(o), T::Named(n)) => {
            if short(o) == short(n) {
                Ok(())
            } else {
                Err(format!(
                    "{} values are read as the current {}",
                    short(n),
                    short(o)
                ))
            }
        }
        (T::String, T::String) | (T::Bool, T::Bool) | (T::Unit, T::Unit) => Ok(()),
        (T::Int(_), T::Int(_)) => match (old.int_range(), new.int_range()) {
            (Some((a, b)), Some((c, d))) if a <= c && d <= b => Ok(()),
            (Some((a, b)), Some(_)) => Err(format!(
                "integers outside {a}..={b} (the current {old}) fail"
            )),
            _ => fail(),
        },
        (T::Float(_), T::Int(_) | T::Float(_)) => Ok(()),
        (T::Vec(o), T::Vec(n)) | (T::Set(o), T::Set(n)) | (T::Vec(o), T::Set(n)) => accepts(o, n),
        (T::Map(_, o), T::Map(_, n)) => accepts(o, n),
        // An object that became a struct still decodes as a map of any value.
        (T::Map(_, o), T::Named(_)) if **o == T::Json => Ok(()),
        (T::Named(o), T::Map(..)) => Err(format!(
            "any object is valid now, and those without what the current {} requires fail",
            short(o)
        )),
        _ => fail(),
    }
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
