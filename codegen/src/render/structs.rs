//! Structs: typify's definition, with the model's policy applied field by
//! field (matched by Rust name, never by token text).

use syn::punctuated::Punctuated;
use syn::{parse_quote, Attribute, Fields, ItemStruct, Meta, Token};

use super::docs;
use crate::model::{Field, Struct};

/// What a required nullable field's docs say about it.
const ABSENT_AS_NONE: &str = "Required and nullable: always written (`None` as `null`); `null` and an absent key both decode as `None`.";

/// Applies the model to typify's struct: unknown members are ignored
/// (strictness belongs to validation), required nullable fields also
/// decode from an absent key, docs come from the model, and the struct is
/// `#[non_exhaustive]` so that new fields are not breaking.
pub fn apply(s: &mut ItemStruct, model: &Struct, type_docs: &[String]) {
    retain_serde(&mut s.attrs, |meta| {
        !meta.path().is_ident("deny_unknown_fields")
    });
    docs::set(&mut s.attrs, type_docs);
    s.attrs.push(parse_quote!(#[non_exhaustive]));
    let Fields::Named(fields) = &mut s.fields else {
        return;
    };
    for field in fields.named.iter_mut() {
        let Some(ident) = &field.ident else { continue };
        let Some(model) = model.fields.iter().find(|f| ident == &f.rust) else {
            continue;
        };
        apply_field(&mut field.attrs, model);
    }
}

fn apply_field(attrs: &mut Vec<Attribute>, field: &Field) {
    let mut paragraphs: Vec<&str> = field.docs.as_deref().into_iter().collect();
    if field.absent_decodes_as_none() {
        // typify insists the key be present; without `deserialize_with`,
        // serde's own handling of `Option` takes an absent key as `None`,
        // and with no `skip_serializing_if`, `None` is written as `null`.
        retain_serde(attrs, |meta| !meta.path().is_ident("deserialize_with"));
        paragraphs.push(ABSENT_AS_NONE);
    }
    docs::set(attrs, &paragraphs);
}

/// Keeps the `#[serde(...)]` entries for which `keep` holds, dropping an
/// attribute left empty.
pub fn retain_serde(attrs: &mut Vec<Attribute>, mut keep: impl FnMut(&Meta) -> bool) {
    attrs.retain_mut(|attr| {
        if !attr.path().is_ident("serde") {
            return true;
        }
        let Ok(metas) = attr.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
        else {
            return true;
        };
        let kept: Punctuated<Meta, Token![,]> = metas.into_iter().filter(|m| keep(m)).collect();
        if kept.is_empty() {
            return false;
        }
        *attr = parse_quote!(#[serde(#kept)]);
        true
    });
}
