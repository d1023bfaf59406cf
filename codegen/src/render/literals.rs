//! typify's impls build structs with literals (`Self { a: value.a?, ... }`
//! in its builders). A struct written by [`super::serde_impls`] has two
//! fields typify does not know; its literals get them, empty.

use syn::{parse_quote, Expr, ExprStruct, ImplItem, Item, Stmt};

use crate::model::{Kind, Module};

/// Completes the literals of every struct that keeps unknown members, in
/// typify's impls at the top level (`impl S`) and in its builder module
/// (`impl ... for super::S`).
pub fn complete(items: &mut [Item], module: &Module) {
    for item in items.iter_mut() {
        match item {
            Item::Impl(imp) => complete_impl(imp, module, 1),
            Item::Mod(m) if m.ident == "builder" => {
                if let Some((_, inner)) = &mut m.content {
                    for item in inner.iter_mut() {
                        if let Item::Impl(imp) = item {
                            complete_impl(imp, module, 2);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// `segments`: how the struct is named from where the impl is (`S` at the
/// top, `super::S` in the builder module); an impl of the builder's own
/// type of the same name has one segment there and is left alone.
fn complete_impl(imp: &mut syn::ItemImpl, module: &Module, segments: usize) {
    let syn::Type::Path(p) = &*imp.self_ty else {
        return;
    };
    if p.path.segments.len() != segments {
        return;
    }
    let Some(name) = p.path.segments.last().map(|s| s.ident.to_string()) else {
        return;
    };
    let Some(Kind::Struct(s)) = module.get(&name).map(|t| &t.kind) else {
        return;
    };
    if !s.keeps_members() {
        return;
    }
    let unknown = syn::Ident::new(&s.unknown_field(), proc_macro2::Span::call_site());
    let presence = s
        .needs_presence()
        .then(|| syn::Ident::new(&s.presence_field(), proc_macro2::Span::call_site()));
    for literal in in_impl(imp) {
        if !literal.path.is_ident("Self") || literal.rest.is_some() {
            continue;
        }
        literal
            .fields
            .push(parse_quote!(#unknown: ::std::default::Default::default()));
        if let Some(presence) = &presence {
            literal
                .fields
                .push(parse_quote!(#presence: ::std::default::Default::default()));
        }
    }
}

/// The struct literals an impl's functions return: typify writes them as a
/// function's last expression, `Self { ... }` or `Ok(Self { ... })`.
pub(crate) fn in_impl(imp: &mut syn::ItemImpl) -> Vec<&mut ExprStruct> {
    let mut out = Vec::new();
    for item in imp.items.iter_mut() {
        let ImplItem::Fn(f) = item else { continue };
        let Some(Stmt::Expr(tail, None)) = f.block.stmts.last_mut() else {
            continue;
        };
        match tail {
            Expr::Struct(literal) => out.push(literal),
            Expr::Call(call) if call.args.len() == 1 => {
                if let Some(Expr::Struct(literal)) = call.args.first_mut() {
                    out.push(literal);
                }
            }
            _ => {}
        }
    }
    out
}
