//! The Rust types the generated code spells, as data: what typify's
//! adapter (`typify.rs`) reports and the model (`model/`) records. A leaf:
//! it imports nothing of this crate, so that the adapter and the model can
//! both depend on it without depending on each other.

use std::fmt;

/// Where the typed ids live in the generated crate: `crate::ids::UserId`.
pub const IDS_PATH: &str = "crate::ids";

/// The path of id type `name`.
pub fn id_path(name: &str) -> String {
    format!("{IDS_PATH}::{name}")
}

/// A Rust type as the generated code spells it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RustType {
    /// A generated type, by name (or by path, when shared).
    Named(String),
    /// `String`.
    String,
    /// A typed id, `crate::ids::<name>` (`crate::model::ids`): a string
    /// under a name of its own.
    Id(String),
    /// `bool`.
    Bool,
    /// An integer type (`i64`, `u32`, ...).
    Int(String),
    /// A float type (`f64`).
    Float(String),
    /// `serde_json::Value`: any JSON.
    Json,
    /// `()`.
    Unit,
    /// `Option<T>`.
    Option(Box<RustType>),
    /// `Vec<T>`.
    Vec(Box<RustType>),
    /// A set.
    Set(Box<RustType>),
    /// `Box<T>`.
    Box(Box<RustType>),
    /// A map from keys to values.
    Map(Box<RustType>, Box<RustType>),
    /// A fixed-size array.
    Array(Box<RustType>, usize),
    /// A tuple.
    Tuple(Vec<RustType>),
    /// A type typify named that this crate does not look into.
    Other(String),
}

impl RustType {
    /// Classifies a type typify reports as built in.
    pub fn builtin(name: &str) -> Self {
        let bare = name.trim_start_matches("::");
        match bare {
            "bool" => RustType::Bool,
            "serde_json::Value" => RustType::Json,
            "f32" | "f64" => RustType::Float(bare.to_owned()),
            "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "u8" | "u16" | "u32" | "u64"
            | "u128" | "usize" => RustType::Int(bare.to_owned()),
            _ if bare.starts_with("std::num::NonZero") => RustType::Int(bare.to_owned()),
            _ if bare.starts_with(IDS_PATH) => {
                RustType::Id(bare[IDS_PATH.len()..].trim_start_matches(':').to_owned())
            }
            _ if bare.starts_with("crate::") => RustType::Named(bare.to_owned()),
            _ => RustType::Other(bare.to_owned()),
        }
    }

    /// Whether it is `Option<T>`.
    pub fn is_option(&self) -> bool {
        matches!(self, RustType::Option(_))
    }

    /// Whether a value of it may hold a value of a named type that
    /// `named` accepts (through `Option`, `Vec`, `Box` and maps keyed by
    /// strings: what `missing_required()` descends into).
    pub fn may_hold(&self, named: &dyn Fn(&str) -> bool) -> bool {
        match self {
            RustType::Named(n) => named(n),
            RustType::Option(t) | RustType::Vec(t) | RustType::Box(t) => t.may_hold(named),
            RustType::Map(k, v) => matches!(**k, RustType::String) && v.may_hold(named),
            _ => false,
        }
    }

    /// Whether JSON `null` decodes into it.
    pub fn admits_null(&self) -> bool {
        matches!(self, RustType::Option(_) | RustType::Json | RustType::Unit)
    }

    /// The type without one `Option` (or `Box`) around it.
    pub fn unwrapped(&self) -> &RustType {
        match self {
            RustType::Option(t) | RustType::Box(t) => t.unwrapped(),
            other => other,
        }
    }

    /// The inclusive range of an integer type, if it is one this crate
    /// knows.
    pub fn int_range(&self) -> Option<(i128, i128)> {
        let RustType::Int(name) = self else {
            return None;
        };
        let bits = |n: &str| -> Option<u32> { n.trim_start_matches(['i', 'u']).parse().ok() };
        let name = name
            .trim_start_matches("std::num::NonZero")
            .to_ascii_lowercase();
        let n = match name.as_str() {
            "isize" | "i" => 64,
            "usize" | "u" => 64,
            other => bits(other)?,
        };
        if n >= 128 {
            return Some((i128::MIN, i128::MAX));
        }
        Some(if name.starts_with('u') {
            (0, (1i128 << n) - 1)
        } else {
            (-(1i128 << (n - 1)), (1i128 << (n - 1)) - 1)
        })
    }
}

impl fmt::Display for RustType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RustType::Named(n) => f.write_str(n.rsplit("::").next().unwrap_or(n)),
            RustType::String => f.write_str("String"),
            RustType::Id(n) => f.write_str(n),
            RustType::Bool => f.write_str("bool"),
            RustType::Int(n) | RustType::Float(n) | RustType::Other(n) => f.write_str(n),
            RustType::Json => f.write_str("Value"),
            RustType::Unit => f.write_str("()"),
            RustType::Option(t) => write!(f, "Option<{t}>"),
            RustType::Vec(t) => write!(f, "Vec<{t}>"),
            RustType::Set(t) => write!(f, "Set<{t}>"),
            RustType::Box(t) => write!(f, "Box<{t}>"),
            RustType::Map(k, v) => write!(f, "Map<{k}, {v}>"),
            RustType::Array(t, n) => write!(f, "[{t}; {n}]"),
            RustType::Tuple(ts) => {
                let parts: Vec<String> = ts.iter().map(ToString::to_string).collect();
                write!(f, "({})", parts.join(", "))
            }
        }
    }
}

/// What an enum variant carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Payload {
    /// Nothing (a string enum's value).
    Unit,
    /// Positional values.
    Tuple(Vec<RustType>),
    /// Named fields.
    Struct(Vec<(String, RustType)>),
}
