//! typify's builders, adjusted from the model: a required single-value tag
//! starts out as its only value, so `Client::builder()` needs no
//! `.object(...)`.

use std::collections::BTreeSet;

use syn::{parse_quote, Item, ItemMod};

use crate::model::{Kind, Module};

/// Adjusts the `builder` module.
pub fn apply(m: &mut ItemMod, module: &Module) {
    let Some((_, items)) = &mut m.content else {
        return;
    };
    // Builders of unions go: the tagged enum has no builder.
    items.retain(|item| {
        super::item_name(item)
            .is_none_or(|n| !matches!(module.get(&n).map(|t| &t.kind), Some(Kind::Union(_))))
    });
    for item in items.iter_mut() {
        let Item::Impl(imp) = item else { continue };
        let is_default = imp
            .trait_
            .as_ref()
            .and_then(|(p, _)| p.segments.last())
            .is_some_and(|s| s.ident == "Default");
        let Some(Kind::Struct(s)) = super::impl_target(imp)
            .and_then(|t| module.get(&t))
            .map(|t| &t.kind)
        else {
            continue;
        };
        if !is_default {
            continue;
        }
        let fields: BTreeSet<String> = s
            .fields
            .iter()
            .filter(|f| f.tag)
            .map(|f| f.rust.clone())
            .collect();
        for literal in super::literals::in_impl(imp) {
            for fv in literal.fields.iter_mut() {
                let syn::Member::Named(id) = &fv.member else {
                    continue;
                };
                if fields.contains(&id.to_string()) {
                    fv.expr = parse_quote!(Ok(::std::default::Default::default()));
                }
            }
        }
    }
}
