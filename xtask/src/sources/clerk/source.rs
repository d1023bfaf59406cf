//! What a vendored file is derived from in Clerk's spec: a component (by
//! its name, any case) or, failing that, an answer the operations rule
//! names ([`super::answers`]), each by api-evangelist's rule.

use super::derive::{self, Underivable};
use super::node::Node;
use super::operations::{self, Catalog};

/// What `clerk-<key>-schema.json` is derived from in `spec`, and how: the
/// component whose name is `key` (any case), by api-evangelist's rule; or
/// else the answer the operations rule names so
/// ([`super::answers`]: `apikey` for the `ApiKey` that `getApiKey`
/// answers), by the same rule from the first place it is written. The
/// name, the bytes and the rule, as the manifest records them. `answers`
/// gives the spec's operations catalog ([`answers_of`]), asked for only
/// when no component has the name, so that a caller deriving many files
/// derives the catalog once.
pub fn derive_key<'a>(
    spec: &Node,
    key: &str,
    answers: impl FnOnce() -> Option<&'a Catalog>,
) -> Result<(String, String, String), Underivable> {
    let missing = match derive::component_for(spec, key) {
        Ok(name) => {
            let text = derive::derive(spec, &name, key)?;
            return Ok((name, text, derive::RULE.to_owned()));
        }
        Err(e) => e,
    };
    // Not a Backend API spec, or no answer of that name: the component's
    // error says what was looked for.
    let Some(catalog) = answers() else {
        return Err(missing);
    };
    let Some((name, places)) = catalog
        .answers
        .iter()
        .find(|(name, _)| clerk_types_codegen::case::module_key(name) == key)
    else {
        return Err(Underivable {
            message: format!(
                "{}, nor an answer the operations rule names so",
                missing.message
            ),
            ..missing
        });
    };
    let pointer = places.first().cloned().unwrap_or_default();
    let node = derive::resolve(spec, &pointer).ok_or_else(|| Underivable {
        pointer: pointer.clone(),
        message: "the answer's place is not in the spec".into(),
    })?;
    let text = derive::derive_node(spec, node, &pointer, name, key)?;
    Ok((
        name.clone(),
        text,
        format!("{}+{}", operations::RULE, derive::RULE),
    ))
}

/// The operations catalog of `spec`, for its answers (whose names do not
/// depend on the API version); `None` for a spec it cannot be derived from
/// (the webhooks spec).
pub fn answers_of(spec: &Node) -> Option<Catalog> {
    operations::derive(spec, "").ok()
}
