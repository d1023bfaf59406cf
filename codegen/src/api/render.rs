//! The operations as Rust: one request type per operation over the
//! crate's hand-written `api` module (`Operation`, `Query`, `JsonBody`,
//! `Multipart`, `List`), and the constants of the spec (version, server).
//! Everything decided is read from the [`model`].

use std::collections::BTreeMap;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::catalog::Catalog;
use super::model::{
    self, Api, Body, Encoding, Item, Kind, Operation, Output, Param, Scalar, Segment,
};
use crate::case::module_key;
use crate::model::ids::Ids;
use crate::{render::docs, Error, Generated};

/// Renders the operations of `catalog` (labelled `file` in errors) over
/// `modules`, the generated set: formatted Rust for the crate's `api`
/// module.
pub fn render(
    file: &str,
    catalog: &Catalog,
    modules: &[Generated],
    ids: &Ids,
) -> Result<String, Error> {
    // A component is the root of the schema derived from it (found by
    // module key, its name in lower case). Module key -> root type.
    let roots: BTreeMap<&str, &str> = modules.iter().map(|m| (m.key.as_str(), m.root())).collect();
    let is_generated = |component: &str| roots.contains_key(module_key(component).as_str());
    let api = model::build(catalog, &is_generated, ids).map_err(|r| Error::Unsupported {
        file: file.to_owned(),
        pointer: r.pointer,
        message: r.message,
    })?;
    let path_of = |component: &str| -> TokenStream {
        let key = module_key(component);
        match roots.get(key.as_str()) {
            Some(root) => {
                let (key, root) = (ident(&key), ident(root));
                quote!(crate::#key::#root)
            }
            None => quote!(::serde_json::Value),
        }
    };
    let tokens = tokens(&api, &path_of);
    let file = syn::parse2::<syn::File>(tokens).map_err(|e| Error::Generate {
        file: file.to_owned(),
        message: format!("the operations do not make valid Rust: {e}"),
    })?;
    Ok(prettyplease::unparse(&file))
}

fn tokens(api: &Api, path_of: &dyn Fn(&str) -> TokenStream) -> TokenStream {
    let version = &api.version;
    let server = &api.server;
    let count = api.operations.len();
    let operations = api.operations.iter().map(|op| operation(op, path_of));
    let table = api.operations.iter().map(|op| {
        let (id, name, method, template) = (&op.id, &op.name, &op.method, &op.template);
        quote!(crate::api::OperationInfo { operation_id: #id, type_name: #name, method: #method, path: #template },)
    });
    quote! {
        /// The Backend API version these operations are generated from:
        /// what every request sends as `Clerk-API-Version`.
        pub const API_VERSION: &str = #version;

        /// Clerk's Backend API, as its spec names it: the default base URL.
        pub const DEFAULT_BASE_URL: &str = #server;

        /// Every operation this release knows, as Clerk's spec lists them
        /// (by `operationId`).
        pub const OPERATIONS: [crate::api::OperationInfo; #count] = [#(#table)*];

        #(#operations)*
    }
}

fn operation(op: &Operation, path_of: &dyn Fn(&str) -> TokenStream) -> TokenStream {
    let name = ident(&op.name);
    let (id, template, method) = (&op.id, &op.template, ident(&op.method));
    let idempotent = op.idempotent();
    let status = op.status;
    let output = output_type(&op.output, path_of);
    let decode = match &op.output {
        // No body is promised: whatever comes is not read.
        Output::Empty => quote! {
            let _ = body;
            ::std::result::Result::Ok(())
        },
        _ => quote!(crate::decode::from_slice(body)),
    };
    // Fields: path parameters, the query, the body.
    let path_fields = op.path_params.iter().map(|p| {
        let (f, ty) = (ident(&p.rust), text_type(p));
        quote!(#f: #ty,)
    });
    let path_args = op.path_params.iter().map(|p| {
        let (f, ty) = (ident(&p.rust), text_type(p));
        quote!(#f: impl ::std::convert::Into<#ty>)
    });
    let path_inits = op.path_params.iter().map(|p| {
        let f = ident(&p.rust);
        quote!(#f: #f.into(),)
    });
    let (body_field, body_init, body_expr) = match op.body.as_ref().map(|b| b.encoding) {
        None => (quote!(), quote!(), quote!(crate::api::Body::None)),
        Some(Encoding::Json) => (
            quote!(body: crate::api::JsonBody,),
            quote!(body: ::std::default::Default::default(),),
            quote!(crate::api::Body::Json(&self.body)),
        ),
        Some(Encoding::Form) => (
            quote!(body: crate::api::JsonBody,),
            quote!(body: ::std::default::Default::default(),),
            quote!(crate::api::Body::Form(&self.body)),
        ),
        Some(Encoding::Multipart) => (
            quote!(body: crate::api::Multipart,),
            quote!(body: ::std::default::Default::default(),),
            quote!(crate::api::Body::Multipart(&self.body)),
        ),
    };
    let path_build = op.path.iter().map(|s| match s {
        Segment::Literal(text) => quote!(path.push_str(#text);),
        Segment::Param(i) => {
            let f = ident(&op.path_params[*i].rust);
            quote!(crate::api::encode::segment(&mut path, &self.#f);)
        }
    });
    let query_setters = op.query.iter().map(query_setter);
    let body_setters = op
        .body
        .iter()
        .flat_map(|b| b.members.iter().map(move |m| member_setter(b, m)));
    let escape_hatches = escape_hatches(op.body.as_ref());
    let new_doc = if op.path_params.is_empty() {
        "The request, with no parameter set yet.".to_owned()
    } else {
        let names: Vec<String> = op
            .path_params
            .iter()
            .map(|p| format!("`{}`", p.json))
            .collect();
        format!(
            "The request for the path parameters {}, in the path's order; they are percent-encoded, so any text is safe.",
            names.join(", ")
        )
    };
    let mut doc = Vec::new();
    doc.push(op.summary.clone().unwrap_or_else(|| format!("`{id}`")));
    if let Some(d) = &op.description {
        if Some(d) != op.summary.as_ref() {
            doc.push(d.clone());
        }
    }
    doc.push(format!(
        "Sends `{} {template}` (`operationId` `{id}`{}); a success ({status}) gives {}. {}",
        op.method,
        op.tag.as_ref().map(|t| format!(", tag {t}")).unwrap_or_default(),
        output_words(&op.output),
        if idempotent {
            "Safe to send again: the client retries it after a failure that may have reached Clerk."
        } else {
            "Not idempotent: the client retries it only when Clerk certainly did not act on it (a 429, or a connection never made)."
        }
    ));
    let docs = docs::lines(&doc);
    let new_docs = docs::lines(&[new_doc]);
    let deprecated = op
        .deprecated
        .then(|| quote!(#[deprecated(note = "deprecated in Clerk's Backend API spec")]));
    let paged = op.paged().then(|| {
        let item = match &op.output {
            Output::List(item) | Output::Vec(item) => item_type(item, path_of),
            _ => quote!(::serde_json::Value),
        };
        let split = match &op.output {
            Output::List(_) => quote!((output.data, output.total_count)),
            _ => quote!((output, ::std::option::Option::None)),
        };
        quote! {
            #[allow(deprecated)]
            impl crate::api::Paged for #name {
                type Item = #item;
                fn page(self, limit: i64, offset: i64) -> Self {
                    self.limit(limit).offset(offset)
                }
                fn page_size(&self) -> ::std::option::Option<i64> {
                    self.query.integer("limit")
                }
                fn start(&self) -> ::std::option::Option<i64> {
                    self.query.integer("offset")
                }
                fn split(output: Self::Output) -> (::std::vec::Vec<Self::Item>, ::std::option::Option<i64>) {
                    #split
                }
            }
        }
    });
    quote! {
        #(#docs)*
        #deprecated
        #[derive(Clone, Debug, PartialEq)]
        #[must_use = "a request does nothing until it is sent"]
        pub struct #name {
            #(#path_fields)*
            query: crate::api::Query,
            #body_field
        }

        #[allow(deprecated)]
        impl #name {
            #(#new_docs)*
            pub fn new(#(#path_args),*) -> Self {
                Self {
                    #(#path_inits)*
                    query: ::std::default::Default::default(),
                    #body_init
                }
            }
            #(#query_setters)*
            #(#body_setters)*
            #escape_hatches
        }

        #[allow(deprecated)]
        impl crate::api::Operation for #name {
            type Output = #output;
            const OPERATION_ID: &'static str = #id;
            const METHOD: ::http::Method = ::http::Method::#method;
            const PATH: &'static str = #template;
            const IDEMPOTENT: bool = #idempotent;
            fn path(&self) -> ::std::string::String {
                let mut path = ::std::string::String::new();
                #(#path_build)*
                path
            }
            fn query(&self) -> &crate::api::Query {
                &self.query
            }
            fn body(&self) -> crate::api::Body<'_> {
                #body_expr
            }
            fn decode(body: &[u8]) -> ::std::result::Result<Self::Output, crate::decode::DecodeError> {
                #decode
            }
        }

        #paged
    }
}

fn output_type(output: &Output, path_of: &dyn Fn(&str) -> TokenStream) -> TokenStream {
    match output {
        Output::Empty => quote!(()),
        Output::Json => quote!(::serde_json::Value),
        Output::Object(c) => path_of(c),
        Output::Vec(item) => {
            let item = item_type(item, path_of);
            quote!(::std::vec::Vec<#item>)
        }
        Output::List(item) => {
            let item = item_type(item, path_of);
            quote!(crate::api::List<#item>)
        }
    }
}

fn item_type(item: &Item, path_of: &dyn Fn(&str) -> TokenStream) -> TokenStream {
    match item {
        Item::Object(c) => path_of(c),
        Item::Json => quote!(::serde_json::Value),
    }
}

fn output_words(output: &Output) -> String {
    match output {
        Output::Empty => "no body (`()`)".to_owned(),
        Output::Json => {
            "JSON kept as sent (`serde_json::Value`: its schema is not vendored as a type yet)"
                .to_owned()
        }
        Output::Object(c) => format!("a `{c}`"),
        Output::Vec(Item::Object(c)) => format!("a JSON list of `{c}`"),
        Output::Vec(Item::Json) => "a JSON list, kept as sent".to_owned(),
        Output::List(Item::Object(c)) => format!("a page of `{c}` with the total count (`List`)"),
        Output::List(Item::Json) => {
            "a page of JSON values with the total count (`List`)".to_owned()
        }
    }
}

fn param_docs(p: &Param, what: &str) -> Vec<syn::Attribute> {
    let mut doc = vec![format!(
        "{what} `{}`{}.",
        p.json,
        if p.required {
            " (required by Clerk)"
        } else {
            ""
        }
    )];
    if let Some(d) = &p.description {
        doc.push(d.clone());
    }
    docs::lines(&doc)
}

fn deprecated(p: &Param) -> TokenStream {
    if p.deprecated {
        quote!(#[deprecated(note = "deprecated in Clerk's Backend API spec")])
    } else {
        quote!()
    }
}

/// The type a text parameter or member takes: its typed id, else `String`.
fn text_type(p: &Param) -> TokenStream {
    match &p.id {
        Some(name) => {
            let name = ident(name);
            quote!(crate::ids::#name)
        }
        None => quote!(::std::string::String),
    }
}

/// `value`, converted into `p`'s [`text_type`], as a `String`.
fn text_of(p: &Param, value: TokenStream) -> TokenStream {
    let ty = text_type(p);
    let converted = quote!(::std::convert::Into::<#ty>::into(#value));
    match p.id {
        Some(_) => quote!(::std::string::String::from(#converted)),
        None => converted,
    }
}

fn query_setter(p: &Param) -> TokenStream {
    let (f, name) = (ident(&p.rust), &p.json);
    let docs = param_docs(p, "Query parameter");
    let deprecated = deprecated(p);
    match p.kind {
        Kind::List(scalar) => {
            let explode = p.explode;
            let item = match scalar {
                Scalar::Str => text_type(p),
                Scalar::Int => quote!(i64),
                Scalar::Num => quote!(f64),
                Scalar::Bool => quote!(bool),
            };
            quote! {
                #(#docs)*
                #deprecated
                pub fn #f<I>(mut self, values: I) -> Self
                where
                    I: ::std::iter::IntoIterator,
                    I::Item: ::std::convert::Into<#item>,
                {
                    self.query.set_list(#name, values.into_iter().map(|v| ::std::string::ToString::to_string(&::std::convert::Into::<#item>::into(v))), #explode);
                    self
                }
            }
        }
        Kind::Str => {
            let (ty, text) = (text_type(p), text_of(p, quote!(value)));
            quote! {
                #(#docs)*
                #deprecated
                pub fn #f(mut self, value: impl ::std::convert::Into<#ty>) -> Self {
                    self.query.set(#name, #text);
                    self
                }
            }
        }
        _ => {
            let ty = match p.kind {
                Kind::Int => quote!(i64),
                Kind::Num => quote!(f64),
                _ => quote!(bool),
            };
            quote! {
                #(#docs)*
                #deprecated
                pub fn #f(mut self, value: #ty) -> Self {
                    self.query.set(#name, ::std::string::ToString::to_string(&value));
                    self
                }
            }
        }
    }
}

fn member_setter(body: &Body, p: &Param) -> TokenStream {
    let (f, name) = (ident(&p.rust), &p.json);
    let docs = param_docs(p, "Body member");
    let deprecated = deprecated(p);
    if body.encoding == Encoding::Multipart {
        return if p.kind == Kind::File {
            quote! {
                #(#docs)*
                #deprecated
                pub fn #f(mut self, file: crate::api::File) -> Self {
                    self.body.set_file(#name, file);
                    self
                }
            }
        } else {
            let (ty, text) = (text_type(p), text_of(p, quote!(value)));
            quote! {
                #(#docs)*
                #deprecated
                pub fn #f(mut self, value: impl ::std::convert::Into<#ty>) -> Self {
                    self.body.set_text(#name, #text);
                    self
                }
            }
        };
    }
    let text = text_of(p, quote!(value));
    let (arg, value) = match p.kind {
        Kind::Str => {
            let ty = text_type(p);
            (
                quote!(impl ::std::convert::Into<#ty>),
                quote!(::serde_json::Value::String(#text)),
            )
        }
        Kind::Int | Kind::Num | Kind::Bool => {
            let ty = match p.kind {
                Kind::Int => quote!(i64),
                Kind::Num => quote!(f64),
                _ => quote!(bool),
            };
            (ty, quote!(::serde_json::Value::from(value)))
        }
        Kind::List(_) => {
            let (ty, item) = (text_type(p), text_of(p, quote!(v)));
            (
                quote!(impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<#ty>>),
                quote!(::serde_json::Value::Array(
                    value
                        .into_iter()
                        .map(|v| ::serde_json::Value::String(#item))
                        .collect()
                )),
            )
        }
        Kind::Json | Kind::File => (
            quote!(impl ::std::convert::Into<::serde_json::Value>),
            quote!(value.into()),
        ),
    };
    quote! {
        #(#docs)*
        #deprecated
        pub fn #f(mut self, value: #arg) -> Self {
            self.body.set(#name, #value);
            self
        }
    }
}

fn escape_hatches(body: Option<&Body>) -> TokenStream {
    let query = quote! {
        /// A query parameter this release does not know (Clerk added it
        /// after): sent as given, after the known ones.
        pub fn with_query(mut self, name: impl ::std::convert::Into<::std::string::String>, value: impl ::std::convert::Into<::std::string::String>) -> Self {
            self.query.push(name.into(), value.into());
            self
        }
    };
    let body = match body.map(|b| (b.encoding, b.list)) {
        Some((Encoding::Json | Encoding::Form, list)) => {
            let member = (!list).then(|| quote! {
                /// A body member this release does not know (Clerk added
                /// it after), or any member set to JSON of your choosing:
                /// sent as given.
                pub fn with_member(mut self, name: impl ::std::convert::Into<::std::string::String>, value: impl ::std::convert::Into<::serde_json::Value>) -> Self {
                    self.body.set(name, value.into());
                    self
                }
            });
            quote! {
                #member
                /// The whole body, replacing every member set before: for a
                /// body that is a list (the bulk operations), or one built
                /// elsewhere.
                pub fn with_body(mut self, body: impl ::std::convert::Into<::serde_json::Value>) -> Self {
                    self.body.replace(body.into());
                    self
                }
            }
        }
        _ => quote!(),
    };
    quote!(#query #body)
}

fn ident(name: &str) -> Ident {
    if syn::parse_str::<Ident>(name).is_ok() {
        Ident::new(name, Span::call_site())
    } else {
        Ident::new_raw(name, Span::call_site())
    }
}
