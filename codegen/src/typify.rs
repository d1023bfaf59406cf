//! typify turns the named, prepared schema into Rust tokens, and tells,
//! through its inspection API (`TypeSpace::iter_types`, `Type::details`),
//! what it made: the model reads those facts instead of typify's token text.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use schemars::schema::RootSchema;
use serde_json::Value;
use typify::{TypeDetails, TypeEnumVariant, TypeId, TypeSpace};

use crate::rust_type::{Payload, RustType};

/// What typify generated: the tokens, and each named type it made.
pub struct Typified {
    /// typify's code.
    pub tokens: TokenStream,
    /// Every struct, enum and newtype, by Rust name.
    pub types: BTreeMap<String, Inspected>,
}

/// One named type as typify made it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inspected {
    /// Fields, in typify's order.
    Struct(Vec<InspectedField>),
    /// Variants: identifier and payload.
    Enum(Vec<(String, Payload)>),
    /// A newtype around the given type (a constrained string, say).
    Newtype(RustType),
}

/// One field of a struct typify made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InspectedField {
    /// The Rust name.
    pub name: String,
    /// Whether typify made it required.
    pub required: bool,
    /// Its type.
    pub ty: RustType,
    /// Its type as typify spells it in code.
    pub spelled: String,
}

/// Runs typify over `schema`; the `$defs` named in `replace` are not
/// generated but refer to the given Rust paths. typify reports some
/// problems by panicking; those are caught and returned as errors like the
/// others.
pub fn run(schema: Value, replace: &BTreeMap<String, String>) -> Result<Typified, String> {
    let root: RootSchema = serde_json::from_value(schema)
        .map_err(|e| format!("not a JSON Schema typify reads: {e}"))?;
    let mut settings = ::typify::TypeSpaceSettings::default();
    settings
        .with_struct_builder(false)
        .with_derive("PartialEq".to_owned());
    for (name, path) in replace {
        settings.with_replacement(name, path, std::iter::empty());
    }
    let result = quietly(move || {
        let mut space = ::typify::TypeSpace::new(&settings);
        space.add_root_schema(root).map_err(|e| e.to_string())?;
        Ok(Typified {
            tokens: space.to_stream(),
            types: inspect(&space),
        })
    });
    match result {
        Ok(out) => out,
        Err(panic) => {
            // typify's panic messages can be whole Debug dumps: one line, cut.
            let raw = panic_message(&*panic);
            let mut message = raw.split_whitespace().collect::<Vec<_>>().join(" ");
            if message.len() > 240 {
                let cut = (0..=240)
                    .rev()
                    .find(|i| message.is_char_boundary(*i))
                    .unwrap_or(0);
                message.truncate(cut);
                message.push_str(" ...");
            }
            Err(format!("typify gave up: {message}"))
        }
    }
}

/// The named types of `space`.
fn inspect(space: &TypeSpace) -> BTreeMap<String, Inspected> {
    let mut out = BTreeMap::new();
    for ty in space.iter_types() {
        let inspected = match ty.details() {
            TypeDetails::Struct(s) => Inspected::Struct(
                s.properties_info()
                    .map(|p| InspectedField {
                        name: p.name.to_owned(),
                        required: p.required,
                        ty: rust_type(space, &p.type_id, 0),
                        spelled: space
                            .get_type(&p.type_id)
                            .map(|t| t.ident().to_string())
                            .unwrap_or_default(),
                    })
                    .collect(),
            ),
            TypeDetails::Enum(e) => Inspected::Enum(
                e.variants()
                    .map(|(name, v)| {
                        let payload = match v {
                            TypeEnumVariant::Simple => Payload::Unit,
                            TypeEnumVariant::Tuple(ids) => Payload::Tuple(
                                ids.iter().map(|id| rust_type(space, id, 0)).collect(),
                            ),
                            TypeEnumVariant::Struct(fields) => Payload::Struct(
                                fields
                                    .iter()
                                    .map(|(n, id)| ((*n).to_owned(), rust_type(space, id, 0)))
                                    .collect(),
                            ),
                        };
                        (name.to_owned(), payload)
                    })
                    .collect(),
            ),
            TypeDetails::Newtype(n) => Inspected::Newtype(rust_type(space, &n.inner(), 0)),
            _ => continue,
        };
        out.insert(ty.name(), inspected);
    }
    out
}

/// The Rust type typify gives a type id. Named types stop the descent, so
/// recursive schemas end; the depth bound is a guard, never reached by
/// what typify builds.
fn rust_type(space: &TypeSpace, id: &TypeId, depth: usize) -> RustType {
    let Ok(ty) = space.get_type(id) else {
        return RustType::Other("<unresolved>".into());
    };
    if depth > 64 {
        return RustType::Other(ty.name());
    }
    let inner = |id: &TypeId| Box::new(rust_type(space, id, depth + 1));
    let out = match ty.details() {
        TypeDetails::Struct(_) | TypeDetails::Enum(_) | TypeDetails::Newtype(_) => {
            RustType::Named(ty.name())
        }
        TypeDetails::Option(id) => RustType::Option(inner(&id)),
        TypeDetails::Vec(id) => RustType::Vec(inner(&id)),
        TypeDetails::Set(id) => RustType::Set(inner(&id)),
        TypeDetails::Box(id) => RustType::Box(inner(&id)),
        TypeDetails::Map(key, value) => RustType::Map(inner(&key), inner(&value)),
        TypeDetails::Array(id, n) => RustType::Array(inner(&id), n),
        TypeDetails::Tuple(ids) => {
            RustType::Tuple(ids.map(|id| rust_type(space, &id, depth + 1)).collect())
        }
        TypeDetails::Unit => RustType::Unit,
        TypeDetails::String => RustType::String,
        TypeDetails::Builtin(name) => RustType::builtin(name),
    };
    out
}

/// Runs `f`, catching a panic without letting the default hook print a
/// backtrace notice that reads like a crash of the caller. Only this
/// thread's panics are silenced: another thread's still reach the hook that
/// was there (tests and the xtask generate on several threads at once).
///
/// One hook is installed, once, and asks a flag of the thread's own. A hook
/// taken and put back around each run would wrap the one before it every
/// time, and two threads doing so at once would keep each other's: after
/// thousands of runs the hook was a chain thousands deep, which overflowed
/// the stack when it was dropped or called.
fn quietly<T>(f: impl FnOnce() -> T + std::panic::UnwindSafe) -> std::thread::Result<T> {
    use std::cell::Cell;
    thread_local! {
        static QUIET: Cell<bool> = const { Cell::new(false) };
    }
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|quiet| quiet.replace(true));
    let result = std::panic::catch_unwind(f);
    QUIET.with(|quiet| quiet.set(was));
    result
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned())
}

#[cfg(test)]
mod tests {
    use super::quietly;

    /// The hook stays one hook however many runs: the panics of a thread
    /// that is not in a run still reach the hook that was there, one call
    /// deep (a chain of a run's worth of wrappers overflowed this stack).
    #[test]
    fn many_runs_leave_one_hook() {
        let worker = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(|| {
                for _ in 0..50_000 {
                    let _ = quietly(|| ());
                }
                let quiet = quietly(|| panic!("typify's"));
                let loud = std::panic::catch_unwind(|| panic!("not in a run"));
                (quiet.is_err(), loud.is_err())
            })
            .expect("a thread");
        assert_eq!(worker.join().expect("no overflow"), (true, true));
    }
}
