//! Stage 2: typify turns the named, normalized schema into Rust tokens.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use schemars::schema::RootSchema;
use serde_json::Value;

/// Runs typify over `schema`; the `$defs` named in `replace` are not
/// generated but refer to the given Rust paths. typify reports some
/// problems by panicking; those are caught and returned as errors like the
/// others.
pub fn run(schema: Value, replace: &BTreeMap<String, String>) -> Result<TokenStream, String> {
    let root: RootSchema = serde_json::from_value(schema)
        .map_err(|e| format!("not a JSON Schema typify reads: {e}"))?;
    let mut settings = ::typify::TypeSpaceSettings::default();
    settings
        .with_struct_builder(true)
        .with_derive("PartialEq".to_owned());
    for (name, path) in replace {
        settings.with_replacement(name, path, std::iter::empty());
    }
    let result = quietly(move || {
        let mut space = ::typify::TypeSpace::new(&settings);
        space.add_root_schema(root).map_err(|e| e.to_string())?;
        Ok(space.to_stream())
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

/// Runs `f`, catching a panic without letting the default hook print a
/// backtrace notice that reads like a crash of the caller.
fn quietly<T>(f: impl FnOnce() -> T + std::panic::UnwindSafe) -> std::thread::Result<T> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(f);
    std::panic::set_hook(previous);
    result
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned())
}
