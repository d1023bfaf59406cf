//! The event types of the catalog as Rust: `EventData`, one variant per
//! event type over the data's generated type, `Unknown` for an event type
//! this release does not know and `Undecoded` for a known one whose data is
//! not what its type says (both kept whole), the types of objects extended with members (`SessionEventPayload`:
//! a Session and its `user`), and `EVENT_TYPES`.
//!
//! The envelope (`Event`) is hand-written in the crate: what it holds does
//! not depend on the catalog.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::catalog::{module_key, Catalog, Data};
use crate::{case, render::docs, walk, Error, Generated};

/// Renders the events of `catalog` (labelled `file` in errors) over
/// `modules`, the generated set: formatted Rust for the crate's
/// `webhooks` module. An event whose data names a type that is not
/// generated is an error naming the event and what to do.
pub fn render(file: &str, catalog: &Catalog, modules: &[Generated]) -> Result<String, Error> {
    // A component is the root of the schema derived from it (found by
    // module key); its Rust name may be pinned otherwise (`EmailEventPayload`
    // is `Email`). Module key -> root type.
    let roots: BTreeMap<&str, &str> = modules.iter().map(|m| (m.key.as_str(), m.root())).collect();
    let root_of = |component: &str| {
        let key = module_key(component);
        roots.get(key.as_str()).map(|root| (key, *root))
    };
    let refuse = |pointer: String, message: String| Error::Unsupported {
        file: file.to_owned(),
        pointer,
        message,
    };
    let path_of = |component: &str, pointer: String| {
        root_of(component)
            .map(|(key, root)| {
                let (key, root) = (ident(&key), ident(root));
                quote!(crate::#key::#root)
            })
            .ok_or_else(|| {
                refuse(
                    pointer,
                    format!(
                        "`{component}` is the root of no generated schema: vendor it with `cargo xtask sync-schema --add {} --webhooks` (and enable its feature)",
                        module_key(component)
                    ),
                )
            })
    };
    if catalog.events.is_empty() {
        return Err(refuse("/events".into(), "no event types".into()));
    }
    let mut variants = Vec::new();
    let mut names = BTreeSet::new();
    let mut extended: BTreeMap<String, TokenStream> = BTreeMap::new();
    for (event, data) in &catalog.events {
        let at = format!("/events/{}", walk::escape(event));
        let variant = case::type_name(event);
        if CATCH_ALLS.contains(&variant.as_str()) || !names.insert(variant.clone()) {
            return Err(refuse(
                at,
                format!("the event type `{event}` makes the variant `{variant}`, which another event type (or a catch-all: Unknown, Undecoded) has: rename in the generator"),
            ));
        }
        let ty = if data.members.is_empty() {
            path_of(&data.object, format!("{at}/object"))?
        } else {
            let name =
                case::type_name(data.name.as_deref().unwrap_or(&format!("{variant}Payload")));
            if !extended.contains_key(&name) {
                let item = extension(&name, data, &at, &path_of, &refuse)?;
                extended.insert(name.clone(), item);
            }
            let name = ident(&name);
            quote!(#name)
        };
        variants.push((event.as_str(), ident(&variant), ty, data));
    }
    let arms = variants.iter().map(|(event, variant, ty, data)| {
        let mut doc = format!("`{event}`");
        if let Some(d) = &data.description {
            doc.push_str(": ");
            doc.push_str(d);
        }
        let attrs = docs::lines(&[doc]);
        quote!(#(#attrs)* #variant(#ty),)
    });
    let type_arms = variants
        .iter()
        .map(|(event, variant, ..)| quote!(Self::#variant(_) => #event,));
    let deserialize_arms = variants.iter().map(|(event, variant, ty, _)| {
        quote!(#event => <#ty as ::serde::Deserialize<'de>>::deserialize(deserializer).map(Self::#variant),)
    });
    let encode_arms = variants
        .iter()
        .map(|(_, variant, ..)| quote!(Self::#variant(data) => ::serde::Serialize::serialize(data, serializer),));
    let root_name = |component: &str| {
        root_of(component).map_or_else(|| component.to_owned(), |(_, root)| root.to_owned())
    };
    let table = variants.iter().map(|(event, _, _, data)| {
        let object = root_name(&data.object);
        let members = data.members.iter().map(|(member, component)| {
            let component = root_name(component);
            quote!((#member, #component))
        });
        quote!(crate::webhooks::EventTypeInfo { event_type: #event, object: #object, members: &[#(#members),*] },)
    });
    let extended = extended.values();
    let tokens = quote! {
        /// Every event type this release knows and what its `data` is, as
        /// Clerk's webhooks spec lists them.
        pub const EVENT_TYPES: &[crate::webhooks::EventTypeInfo] = &[#(#table)*];

        /// The `data` of an event, typed by the event's `type`.
        ///
        /// Generated from Clerk's webhooks spec: one variant per event type.
        /// An event type this release does not know (Clerk adds them) is
        /// [`EventData::Unknown`]; a known one whose `data` does not decode
        /// as its type says is [`EventData::Undecoded`], a variant of its
        /// own so that a handler can tell "not mine" from "mine, but not
        /// what this release expects" (log or alert on it; a `_ => {}` arm
        /// would skip it). Both keep the data as sent, so that a handler
        /// never fails on an event it does not handle.
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum EventData {
            #(#arms)*
            /// An event type this release does not know: kept as sent.
            Unknown(crate::webhooks::UnknownEvent),
            /// A known event type whose `data` did not decode as its type
            /// (with the reason): kept as sent.
            Undecoded(crate::webhooks::UndecodedEvent),
        }

        impl EventData {
            /// The event type (`user.created`).
            pub fn event_type(&self) -> &str {
                match self {
                    #(#type_arms)*
                    Self::Unknown(other) => &other.event_type,
                    Self::Undecoded(other) => &other.event_type,
                }
            }

            /// Decodes `data` as event type `event_type` says (from its
            /// own text, or as it is read from the body); `None` for a type
            /// this release does not know.
            pub(crate) fn deserialize_known<'de, D: ::serde::Deserializer<'de>>(
                event_type: &str,
                deserializer: D,
            ) -> ::core::option::Option<::core::result::Result<Self, D::Error>> {
                Some(match event_type {
                    #(#deserialize_arms)*
                    _ => return None,
                })
            }

            /// Encodes the data alone (the envelope writes the type).
            pub(crate) fn serialize_data<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                match self {
                    #(#encode_arms)*
                    Self::Unknown(other) => ::serde::Serialize::serialize(&other.data, serializer),
                    Self::Undecoded(other) => ::serde::Serialize::serialize(&other.data, serializer),
                }
            }
        }

        #(#extended)*
    };
    let file: syn::File = syn::parse2(tokens).map_err(|e| Error::Generate {
        file: file.to_owned(),
        message: format!("the events do not render as Rust: {e}"),
    })?;
    Ok(prettyplease::unparse(&file))
}

/// The type of an object extended with typed members: the object (its
/// members flattened into the same JSON object) and one `Option` per
/// member, `None` when the event did not carry it.
fn extension(
    name: &str,
    data: &Data,
    at: &str,
    path_of: &dyn Fn(&str, String) -> Result<TokenStream, Error>,
    refuse: &dyn Fn(String, String) -> Error,
) -> Result<TokenStream, Error> {
    let object = path_of(&data.object, format!("{at}/object"))?;
    let object_field = case::field_name(&data.object);
    let mut fields: Vec<(String, &str, TokenStream, &str)> = Vec::new();
    for (member, component) in &data.members {
        let field = case::field_name(member);
        let member_at = format!("{at}/members/{}", walk::escape(member));
        if field == object_field || fields.iter().any(|(f, ..)| *f == field) {
            return Err(refuse(
                member_at,
                format!(
                    "the member `{member}` makes the field `{field}`, which the type has already"
                ),
            ));
        }
        let ty = path_of(component, member_at)?;
        fields.push((field, member.as_str(), ty, component.as_str()));
    }
    let (name, object_field) = (ident(name), ident(&object_field));
    let doc = docs::lines(&[format!(
        "`{name}`: a {} with {} beside its own members, in the same JSON object. Derefs to the {}.",
        data.object,
        fields
            .iter()
            .map(|(_, m, _, c)| format!("`{m}` ({c})"))
            .collect::<Vec<_>>()
            .join(", "),
        data.object
    )]);
    let object_doc = docs::lines(&[format!(
        "The {}: every member but the ones below.",
        data.object
    )]);
    let field_defs = fields.iter().map(|(field, member, ty, _)| {
        let field = ident(field);
        let doc = docs::lines(&[format!("`{member}`, or `None` when the event did not carry it (or sent `null`, which is written back).")]);
        quote!(#(#doc)* pub #field: ::core::option::Option<#ty>,)
    });
    let names = fields.iter().map(|(f, ..)| ident(f)).collect::<Vec<_>>();
    let members: Vec<&str> = fields.iter().map(|(_, m, ..)| *m).collect();
    let types: Vec<&TokenStream> = fields.iter().map(|(_, _, ty, _)| ty).collect();
    let count = fields.len();
    let take_arms: Vec<TokenStream> = fields
        .iter()
        .enumerate()
        .map(|(i, (field, member, ty, _))| {
            let field = ident(field);
            quote! {
                #member => {
                    if self.seen[#i] {
                        return Err(<A::Error as ::serde::de::Error>::duplicate_field(#member));
                    }
                    self.seen[#i] = true;
                    match map.next_value::<::core::option::Option<#ty>>()? {
                        Some(value) => self.#field = Some(value),
                        None => self.null_members.push(#member),
                    }
                    Ok(true)
                }
            }
        })
        .collect();
    let puts = fields.iter().map(|(field, member, ..)| {
        let field = ident(field);
        quote! {
            if let Some(value) = &self.#field {
                map.insert(#member.to_owned(), ::serde_json::to_value(value).map_err(<S::Error as ::serde::ser::Error>::custom)?);
            } else if self.null_members.contains(&#member) {
                map.insert(#member.to_owned(), ::serde_json::Value::Null);
            }
        }
    });
    let new_doc = format!(
        " The {} without {}.",
        data.object,
        members
            .iter()
            .map(|m| format!("`{m}`"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok(quote! {
        #(#doc)*
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#object_doc)*
            pub #object_field: #object,
            #(#field_defs)*
            /// The members sent as `null`, written back as `null`.
            null_members: ::std::vec::Vec<&'static str>,
        }

        impl #name {
            #[doc = #new_doc]
            pub fn new(#object_field: #object) -> Self {
                Self { #object_field, #( #names: None, )* null_members: ::std::vec::Vec::new() }
            }
        }

        impl ::core::ops::Deref for #name {
            type Target = #object;
            fn deref(&self) -> &#object {
                &self.#object_field
            }
        }

        /// One pass over the JSON object: the extra members are read as
        /// their types, the rest by the object's own decoder (no map or
        /// tree in between).
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                #[derive(Default)]
                struct Side {
                    #( #names: ::core::option::Option<#types>, )*
                    seen: [bool; #count],
                    null_members: ::std::vec::Vec<&'static str>,
                }
                impl<'de> crate::webhooks::split::SideMembers<'de> for Side {
                    fn take<A: ::serde::de::MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> ::core::result::Result<bool, A::Error> {
                        match key {
                            #( #take_arms )*
                            _ => Ok(false),
                        }
                    }
                }
                let mut side = Side::default();
                let #object_field: #object = crate::webhooks::split::deserialize_split(deserializer, &mut side)?;
                Ok(Self { #object_field, #( #names: side.#names, )* null_members: side.null_members })
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                let mut value = ::serde_json::to_value(&self.#object_field).map_err(<S::Error as ::serde::ser::Error>::custom)?;
                if let ::serde_json::Value::Object(map) = &mut value {
                    #(#puts)*
                }
                ::serde::Serialize::serialize(&value, serializer)
            }
        }
    })
}

/// The variants of `EventData` that are no event type.
const CATCH_ALLS: &[&str] = &["Unknown", "Undecoded"];

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Names;

    fn modules() -> Vec<Generated> {
        let schema = br#"{"title": "Clerk Thing", "type": "object", "properties": {"object": {"type": "string", "enum": ["thing"]}, "id": {"type": "string"}}, "required": ["object", "id"]}"#;
        vec![crate::generate("clerk-thing-schema.json", schema, &Names::empty()).unwrap()]
    }

    fn catalog(text: &str) -> Catalog {
        Catalog::parse("catalog.json", text.as_bytes()).unwrap()
    }

    #[test]
    fn renders_a_variant_per_event_type_and_extended_objects() {
        let code = render(
            "catalog.json",
            &catalog(r#"{"events": {"thing.created": {"object": "Thing", "description": "Thing created"}, "thing.paired": {"object": "Thing", "members": {"other": "Thing"}, "name": "PairedThing"}}}"#),
            &modules(),
        )
        .unwrap();
        assert!(code.contains("ThingCreated(crate::thing::Thing)"), "{code}");
        assert!(
            code.contains("/// `thing.created`: Thing created"),
            "{code}"
        );
        assert!(code.contains("ThingPaired(PairedThing)"), "{code}");
        assert!(
            code.contains("pub other: ::core::option::Option<crate::thing::Thing>"),
            "{code}"
        );
        assert!(
            code.contains("Unknown(crate::webhooks::UnknownEvent)"),
            "{code}"
        );
        assert!(
            code.contains("Undecoded(crate::webhooks::UndecodedEvent)"),
            "{code}"
        );
    }

    #[test]
    fn refuses_what_it_cannot_render_with_the_pointer() {
        let refusal = |text: &str| {
            render("catalog.json", &catalog(text), &modules())
                .unwrap_err()
                .to_string()
        };
        let e = refusal(r#"{"events": {"role.created": {"object": "Role"}}}"#);
        assert!(e.starts_with("catalog.json: /events/role.created/object: `Role` is the root of no generated schema"), "{e}");
        assert!(
            e.contains("cargo xtask sync-schema --add role --webhooks"),
            "{e}"
        );
        let e = refusal(r#"{"events": {"a.b": {"object": "Thing"}, "a_b": {"object": "Thing"}}}"#);
        assert!(e.contains("/events/a_b") && e.contains("`AB`"), "{e}");
        let e = refusal(r#"{"events": {"unknown": {"object": "Thing"}}}"#);
        assert!(e.contains("a catch-all"), "{e}");
        let e =
            refusal(r#"{"events": {"x.y": {"object": "Thing", "members": {"thing": "Thing"}}}}"#);
        assert!(e.contains("/events/x.y/members/thing"), "{e}");
        assert!(refusal(r#"{"events": {}}"#).contains("no event types"));
    }
}
