//! Docs better than upstream's, decided once in the model: a hand-written
//! overlay (`codegen/overlay/docs.json`, by schema and JSON pointer) where
//! upstream has no text or a wrong one, a line for every field upstream
//! leaves undocumented, and the unit of every timestamp. The vendored
//! schemas stay untouched; the overlay ships with the generator.

use serde_json::Value;

use crate::model::{Field, Kind, Module, RustType};
use crate::walk;

const OVERLAY: &str = include_str!("../../overlay/docs.json");

/// Applies the overlay and the default lines to `module`'s types and
/// fields.
pub fn apply(module: &mut Module) {
    let overlay: Value = serde_json::from_str(OVERLAY).unwrap_or(Value::Null);
    let mine = overlay.get(&module.key);
    let text =
        |pointer: &str| -> Option<String> { mine?.get(pointer)?.as_str().map(str::to_owned) };
    for t in &mut module.types {
        let Some(pointer) = t.pointer.clone() else {
            continue;
        };
        if let Some(doc) = text(&pointer) {
            t.docs = Some(doc);
        }
        let Kind::Struct(s) = &mut t.kind else {
            continue;
        };
        for field in &mut s.fields {
            let at = format!("{pointer}/properties/{}", walk::escape(&field.json));
            field.docs = text(&at)
                .or_else(|| field.docs.take())
                .or_else(|| Some(default_line(field)));
            if is_timestamp(field) {
                let doc = field.docs.get_or_insert_with(String::new);
                if !doc.contains("milliseconds") {
                    let trimmed = doc.trim_end().len();
                    doc.truncate(trimmed);
                    doc.push_str("\n\nUnix time in milliseconds ([`crate::UnixMillis`] turns it into a `SystemTime`).");
                }
            }
        }
    }
}

/// A Clerk timestamp: an integer `*_at` member (Clerk writes them all in
/// Unix milliseconds).
fn is_timestamp(field: &Field) -> bool {
    let int = match &field.ty {
        RustType::Int(_) => true,
        RustType::Option(inner) => matches!(inner.as_ref(), RustType::Int(_)),
        _ => false,
    };
    int && field.json.ends_with("_at")
}

/// The line of a field upstream leaves undocumented, from its name.
fn default_line(field: &Field) -> String {
    let words = field.json.replace('_', " ");
    let bool_like = match &field.ty {
        RustType::Bool => true,
        RustType::Option(inner) => matches!(inner.as_ref(), RustType::Bool),
        _ => false,
    };
    if field.json == "id" {
        "Unique identifier of this object.".to_owned()
    } else if bool_like {
        format!("Whether {words} (`{}`).", field.json)
    } else {
        let mut chars = words.chars();
        let first: String = chars
            .next()
            .map(|c| c.to_uppercase().collect())
            .unwrap_or_default();
        format!("{first}{} (`{}`).", chars.as_str(), field.json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_overlay_is_json_keyed_by_schema_and_pointer() {
        let overlay: Value = serde_json::from_str(OVERLAY).expect("overlay is JSON");
        for (schema, rows) in overlay.as_object().expect("object") {
            for (pointer, text) in rows.as_object().expect("rows") {
                assert!(
                    pointer.is_empty() || pointer.starts_with('/'),
                    "{schema}{pointer}"
                );
                assert!(
                    text.as_str().is_some_and(|t| !t.is_empty()),
                    "{schema}{pointer}"
                );
            }
        }
    }
}
