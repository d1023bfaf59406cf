//! The operations as the generator decides them: every policy of the
//! Backend API's request types is a method or a rule here, read by the
//! renderer (and by whatever else needs it), never decided twice.
//!
//! - **Names**: the type is the `operationId` with its first letter upper
//!   case (`getApiKey` -> `GetApiKey`, `GetUserList` as is); a setter is
//!   the snake case of the parameter or member (`frontendApi` ->
//!   `frontend_api`). Two that collide, or a name the module already uses,
//!   are refused with the operation's pointer.
//! - **Parameters**: path parameters are `new`'s arguments in the path's
//!   order; query parameters and body members are setters. A query
//!   parameter is typed by its schema (string, integer, number, boolean, or
//!   a list of one of them, repeated or comma-joined as the spec's
//!   `explode` says).
//! - **Body members**: a member whose schema is a plain string, integer,
//!   number, boolean or list of strings, not nullable, takes that Rust
//!   type; any other (nullable, objects, unions) takes anything that is
//!   JSON (`impl Into<serde_json::Value>`), so that `null` can be sent to
//!   clear a value and metadata is free-form.
//! - **Output**: a `$ref` to a component a vendored schema generates is
//!   that type (`GetUser` gives the same `User` a `user.created` event
//!   carries), and so is an `allOf` that only restates that component's
//!   members (`RevokeInvitation`'s `Invitation`); a list of them a `Vec`;
//!   `{data, total_count}` (named or inline) an [`Output::List`]; no body
//!   `()`; anything else stays JSON
//!   (`serde_json::Value`, lossless) until its component is vendored.
//! - **Retries**: GET, HEAD, OPTIONS, PUT and DELETE are idempotent by
//!   HTTP's definition, and may be sent again after a failure that may
//!   have reached Clerk; POST and PATCH are not.

use std::collections::BTreeSet;

use serde_json::Value;

use super::catalog::{self, Catalog};
use crate::model::ids::Ids;
use crate::refusal::Refusal;
use crate::{case, walk};

/// Names the `api` module's own items take, which no operation may.
pub const RESERVED: &[&str] = &[
    "ApiError",
    "Body",
    "ClerkError",
    "ClerkErrors",
    "Client",
    "Endpoint",
    "File",
    "List",
    "Operation",
    "Pages",
    "Paged",
    "Query",
    "Retry",
    "SecretKey",
];

/// Setter names the request types define themselves.
const OWN_METHODS: &[&str] = &["new", "with_query", "with_member", "with_body"];

/// The operations of a catalog, decided.
#[derive(Clone, Debug)]
pub struct Api {
    /// `Clerk-API-Version`.
    pub version: String,
    /// The default base URL.
    pub server: String,
    /// In the catalog's order (by `operationId`).
    pub operations: Vec<Operation>,
}

/// One operation, decided.
#[derive(Clone, Debug)]
pub struct Operation {
    /// The `operationId`.
    pub id: String,
    /// The Rust type's name.
    pub name: String,
    /// The HTTP method, upper case.
    pub method: String,
    /// The path template (`/users/{user_id}`).
    pub template: String,
    /// The path, literal text and parameters in order.
    pub path: Vec<Segment>,
    /// Path parameters, in the path's order.
    pub path_params: Vec<Param>,
    /// Query parameters, in the spec's order.
    pub query: Vec<Param>,
    /// The body, if any.
    pub body: Option<Body>,
    /// What a success decodes to.
    pub output: Output,
    /// The success status the spec gives.
    pub status: u16,
    /// Marked deprecated.
    pub deprecated: bool,
    /// Summary, description and tags, for the docs.
    pub summary: Option<String>,
    /// The description.
    pub description: Option<String>,
    /// The spec's first tag.
    pub tag: Option<String>,
}

/// A piece of a path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// Text as written.
    Literal(String),
    /// The path parameter with this index in `path_params`.
    Param(usize),
}

/// A parameter or a body member.
#[derive(Clone, Debug)]
pub struct Param {
    /// Its name on the wire.
    pub json: String,
    /// Its Rust name (argument or setter).
    pub rust: String,
    /// Its Rust type.
    pub kind: Kind,
    /// Required by the spec.
    pub required: bool,
    /// For a list: one `name=value` per item (`true`) or one
    /// comma-joined value.
    pub explode: bool,
    /// Marked deprecated.
    pub deprecated: bool,
    /// The spec's description.
    pub description: Option<String>,
    /// The typed id it takes (`UserId`), for text or a list of text: see
    /// [`type_ids`].
    pub id: Option<String>,
}

/// What a parameter or member takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Text (`impl Into<String>`).
    Str,
    /// `i64`.
    Int,
    /// `f64`.
    Num,
    /// `bool`.
    Bool,
    /// A list of scalars of this kind.
    List(Scalar),
    /// Anything JSON (`impl Into<serde_json::Value>`).
    Json,
    /// A file (`api::File`), in a multipart body.
    File,
}

/// The scalar kinds a list holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scalar {
    /// Text.
    Str,
    /// `i64`.
    Int,
    /// `f64`.
    Num,
    /// `bool`.
    Bool,
}

/// A request body.
#[derive(Clone, Debug)]
pub struct Body {
    /// JSON or multipart.
    pub encoding: Encoding,
    /// The members with setters (none for a body that is a list).
    pub members: Vec<Param>,
    /// The body is a JSON list (`with_body` sets it whole), not an object.
    pub list: bool,
    /// Required by the spec.
    pub required: bool,
}

/// How a body is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// `application/json`.
    Json,
    /// `multipart/form-data`.
    Multipart,
    /// `application/x-www-form-urlencoded`.
    Form,
}

/// What a success decodes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    /// No body: `()`.
    Empty,
    /// Untyped JSON, kept whole.
    Json,
    /// A component's type.
    Object(String),
    /// A JSON array of items.
    Vec(Item),
    /// `{data: [...], total_count}`: `api::List<item>`.
    List(Item),
}

/// The items of a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// A component's type.
    Object(String),
    /// Untyped JSON.
    Json,
}

impl Operation {
    /// Whether the request may be sent again after a failure that may have
    /// reached Clerk (a timeout, a dropped connection, a 5xx).
    pub fn idempotent(&self) -> bool {
        matches!(
            self.method.as_str(),
            "GET" | "HEAD" | "OPTIONS" | "PUT" | "DELETE" | "TRACE"
        )
    }

    /// Whether the operation pages with `limit` and `offset` over a list.
    pub fn paged(&self) -> bool {
        let has = |name: &str| {
            self.query
                .iter()
                .any(|p| p.json == name && p.kind == Kind::Int)
        };
        has("limit") && has("offset") && matches!(self.output, Output::List(_) | Output::Vec(_))
    }
}

/// Decides every operation of `catalog`; `is_generated` says whether a
/// component is the root of a generated schema, `ids` are the vendored
/// set's kinds of id.
pub fn build(
    catalog: &Catalog,
    is_generated: &dyn Fn(&str) -> bool,
    ids: &Ids,
) -> Result<Api, Refusal> {
    let mut names = BTreeSet::new();
    let mut operations = Vec::with_capacity(catalog.operations.len());
    for (id, op) in &catalog.operations {
        let at = format!("/operations/{}", walk::escape(id));
        let name = type_name(id);
        if RESERVED.contains(&name.as_str()) || !names.insert(name.clone()) {
            return Err(Refusal::at(
                &at,
                format!("operation `{id}` makes the type `{name}`, which another operation or the `api` module has: rename in the generator"),
            ));
        }
        let mut operation = operation(catalog, id, name, op, &at, is_generated)?;
        type_ids(&mut operation, ids);
        operations.push(operation);
    }
    if catalog.server.is_empty() {
        return Err(Refusal::at("/server", "no server URL".into()));
    }
    Ok(Api {
        version: catalog.version.clone(),
        server: catalog.server.clone(),
        operations,
    })
}

/// The Rust type name of an `operationId`: the first letter upper case,
/// the rest as written when it is an identifier; re-cased otherwise.
pub fn type_name(id: &str) -> String {
    let mut chars = id.chars();
    match chars.next() {
        Some(first)
            if first.is_ascii_alphabetic()
                && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
        {
            first.to_ascii_uppercase().to_string() + chars.as_str()
        }
        _ => case::type_name(id),
    }
}

fn operation(
    catalog: &Catalog,
    id: &str,
    name: String,
    op: &catalog::Operation,
    at: &str,
    is_generated: &dyn Fn(&str) -> bool,
) -> Result<Operation, Refusal> {
    let method = op.method.to_ascii_uppercase();
    if !matches!(
        method.as_str(),
        "GET" | "HEAD" | "OPTIONS" | "PUT" | "DELETE" | "TRACE" | "POST" | "PATCH"
    ) {
        return Err(Refusal::at(
            &format!("{at}/method"),
            format!("`{}` is no HTTP method OpenAPI allows", op.method),
        ));
    }
    let mut path_params = Vec::new();
    let mut query = Vec::new();
    for (i, p) in op.parameters.iter().enumerate() {
        match p.location.as_str() {
            "path" => path_params.push(param(p, query_kind(&p.schema))),
            "query" => query.push(param(p, query_kind(&p.schema))),
            // Clerk's SDKs send their own headers; a header parameter of
            // the spec (none today) is not offered.
            "header" | "cookie" => {}
            other => {
                return Err(Refusal::at(
                    &format!("{at}/parameters/{i}/in"),
                    format!("`{other}` is not a parameter location"),
                ))
            }
        }
    }
    let (path, mut path_params) = path(&op.path, path_params, &format!("{at}/path"))?;
    let mut body = match &op.body {
        Some(b) => Some(body(catalog, b, &format!("{at}/body"))?),
        None => None,
    };
    // One name per argument, and one per setter (query parameters and
    // body members together), by the fields' own rule: a name spelled as
    // its Rust name keeps it, others that would collide get a suffix
    // (`frontend_api`, and the deprecated `frontendApi` as
    // `frontend_api_2`).
    rename(path_params.iter_mut());
    let members = body.iter_mut().flat_map(|b| b.members.iter_mut());
    rename(query.iter_mut().chain(members));
    let setters = query
        .iter()
        .chain(body.iter().flat_map(|b| b.members.iter()));
    for p in setters {
        if OWN_METHODS.contains(&p.rust.as_str()) {
            return Err(clash(at, &p.rust));
        }
    }
    Ok(Operation {
        id: id.to_owned(),
        name,
        method,
        template: op.path.clone(),
        path,
        path_params,
        query,
        body,
        output: output(catalog, op.success.schema.as_ref(), is_generated),
        status: op.success.status,
        deprecated: op.deprecated,
        summary: op.summary.clone(),
        description: op.description.clone(),
        tag: op.tags.first().cloned(),
    })
}

fn clash(at: &str, name: &str) -> Refusal {
    Refusal::at(
        at,
        format!("a parameter or member makes the setter `{name}`, one of the request type's own methods: rename in the generator"),
    )
}

/// Gives `params` unique Rust names ([`case::field_names`]).
fn rename<'a>(params: impl Iterator<Item = &'a mut Param>) {
    let mut params: Vec<&mut Param> = params.collect();
    let names: Vec<String> = case::field_names(params.iter().map(|p| p.json.as_str()))
        .into_iter()
        .map(|(_, rust)| rust)
        .collect();
    for (p, rust) in params.iter_mut().zip(names) {
        p.rust = rust;
    }
}

/// The parameters and members that take a typed id, by the model's rule
/// ([`crate::model::ids`]): a query parameter or body member by its name
/// (`user_id`, a list of `user_id`s); a path parameter only where the
/// path so far is its object's collection at the top (`/users/{user_id}`),
/// since below another object a name says less
/// (`/organizations/{organization_id}/invitations/{invitation_id}` is an
/// organization invitation, `/jwt_templates/{template_id}` not a
/// `template`). A name the rule does not know stays text.
pub fn type_ids(op: &mut Operation, ids: &Ids) {
    let first = op.path.iter().position(|s| matches!(s, Segment::Param(_)));
    if let Some(i @ 1..) = first {
        let collection = match &op.path[i - 1] {
            Segment::Literal(text) => text
                .trim_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or_default(),
            Segment::Param(_) => "",
        };
        if let Segment::Param(p) = &op.path[i] {
            let p = &mut op.path_params[*p];
            let kind = ids.in_collection(&case::field_name(&p.json), collection);
            p.id = kind.map(|k| k.name.clone());
        }
    }
    let members = op.body.iter_mut().flat_map(|b| b.members.iter_mut());
    for p in op.query.iter_mut().chain(members) {
        let many = match p.kind {
            Kind::Str => false,
            Kind::List(Scalar::Str) => true,
            _ => continue,
        };
        // A list is named for its items in a query (`user_id=a&user_id=b`)
        // and as a list in a body (`user_ids`).
        let kind = match many {
            true => ids
                .of_name(&p.json, true)
                .or_else(|| ids.of_name(&p.json, false)),
            false => ids.of_name(&p.json, false),
        };
        p.id = kind.map(|k| k.name.clone());
    }
}

fn param(p: &catalog::Parameter, kind: Kind) -> Param {
    Param {
        json: p.name.clone(),
        rust: case::field_name(&p.name),
        kind,
        required: p.required,
        explode: p.explode,
        deprecated: p.deprecated,
        description: p
            .description
            .clone()
            .or_else(|| text(&p.schema, "description")),
        id: None,
    }
}

fn text(schema: &Value, key: &str) -> Option<String> {
    schema.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn scalar(schema: &Value) -> Option<Scalar> {
    match schema.get("type").and_then(Value::as_str)? {
        "string" => Some(Scalar::Str),
        "integer" => Some(Scalar::Int),
        "number" => Some(Scalar::Num),
        "boolean" => Some(Scalar::Bool),
        _ => None,
    }
}

fn as_kind(s: Scalar) -> Kind {
    match s {
        Scalar::Str => Kind::Str,
        Scalar::Int => Kind::Int,
        Scalar::Num => Kind::Num,
        Scalar::Bool => Kind::Bool,
    }
}

/// A query parameter's kind: its scalar type, a list of one, or text.
fn query_kind(schema: &Value) -> Kind {
    if schema.get("type").and_then(Value::as_str) == Some("array") {
        let item = schema.get("items").and_then(scalar).unwrap_or(Scalar::Str);
        return Kind::List(item);
    }
    scalar(schema).map_or(Kind::Str, as_kind)
}

/// A body member's kind: a plain scalar or list of strings when not
/// nullable, anything JSON otherwise.
fn member_kind(schema: &Value, multipart: bool) -> Kind {
    if schema.get("nullable").and_then(Value::as_bool) == Some(true) {
        return Kind::Json;
    }
    if multipart && schema.get("format").and_then(Value::as_str) == Some("binary") {
        return Kind::File;
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("array") => match schema.get("items").and_then(scalar) {
            Some(Scalar::Str) if schema["items"].get("nullable").is_none() => {
                Kind::List(Scalar::Str)
            }
            _ => Kind::Json,
        },
        Some(_) => scalar(schema).map_or(Kind::Json, as_kind),
        None => Kind::Json,
    }
}

/// The path's segments, and its parameters in the path's order; every
/// `{name}` must be a path parameter and every path parameter in the path.
fn path(
    template: &str,
    params: Vec<Param>,
    at: &str,
) -> Result<(Vec<Segment>, Vec<Param>), Refusal> {
    if !template.starts_with('/') {
        return Err(Refusal::at(
            at,
            format!("`{template}` does not start with `/`"),
        ));
    }
    let mut segments = Vec::new();
    let mut ordered: Vec<Param> = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .map(|c| open + c)
            .ok_or_else(|| Refusal::at(at, format!("`{template}`: a `{{` without its `}}`")))?;
        if open > 0 {
            segments.push(Segment::Literal(rest[..open].to_owned()));
        }
        let name = &rest[open + 1..close];
        let param = params.iter().find(|p| p.json == name).ok_or_else(|| {
            Refusal::at(
                at,
                format!("`{template}`: `{{{name}}}` is no path parameter of the operation"),
            )
        })?;
        if ordered.iter().any(|p| p.json == name) {
            return Err(Refusal::at(at, format!("`{template}`: `{{{name}}}` twice")));
        }
        segments.push(Segment::Param(ordered.len()));
        ordered.push(param.clone());
        rest = &rest[close + 1..];
    }
    if rest.contains('}') {
        return Err(Refusal::at(
            at,
            format!("`{template}`: a `}}` without its `{{`"),
        ));
    }
    if !rest.is_empty() {
        segments.push(Segment::Literal(rest.to_owned()));
    }
    if let Some(p) = params
        .iter()
        .find(|p| !ordered.iter().any(|o| o.json == p.json))
    {
        return Err(Refusal::at(
            at,
            format!(
                "`{template}`: the path parameter `{}` is not in the path",
                p.json
            ),
        ));
    }
    Ok((segments, ordered))
}

/// The schema a `$ref` names, or the schema itself.
fn resolved<'a>(catalog: &'a Catalog, schema: &'a Value) -> &'a Value {
    let mut schema = schema;
    for _ in 0..8 {
        match schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(catalog::component_of)
            .and_then(|c| catalog.components.get(c))
        {
            Some(next) => schema = next,
            None => break,
        }
    }
    schema
}

fn body(catalog: &Catalog, b: &catalog::Body, at: &str) -> Result<Body, Refusal> {
    let encoding = match b.content.as_str() {
        "application/json" => Encoding::Json,
        "multipart/form-data" => Encoding::Multipart,
        "application/x-www-form-urlencoded" => Encoding::Form,
        other => {
            return Err(Refusal::at(
                &format!("{at}/content"),
                format!("`{other}` is a body type the generator does not send"),
            ))
        }
    };
    let schema = resolved(catalog, &b.schema);
    let list = schema.get("type").and_then(Value::as_str) == Some("array");
    let required: BTreeSet<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut members = Vec::new();
    if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
        for (json, member) in properties {
            let member = resolved(catalog, member);
            members.push(Param {
                json: json.clone(),
                rust: case::field_name(json),
                kind: member_kind(member, encoding == Encoding::Multipart),
                required: required.contains(json.as_str()),
                explode: true,
                deprecated: member.get("deprecated").and_then(Value::as_bool) == Some(true),
                description: text(member, "description"),
                id: None,
            });
        }
    }
    Ok(Body {
        encoding,
        members,
        list,
        required: b.required,
    })
}

/// What a success body decodes to.
fn output(
    catalog: &Catalog,
    schema: Option<&Value>,
    is_generated: &dyn Fn(&str) -> bool,
) -> Output {
    let Some(schema) = schema else {
        return Output::Empty;
    };
    let component = |s: &Value| -> Option<String> {
        s.get("$ref")
            .and_then(Value::as_str)
            .and_then(catalog::component_of)
            .map(str::to_owned)
    };
    let item = |s: &Value| -> Item {
        match component(s) {
            Some(c) if is_generated(&c) => Item::Object(c),
            _ => Item::Json,
        }
    };
    // The items of an array schema, itself or named.
    let items_of = |s: &Value| -> Option<Item> {
        let s = resolved(catalog, s);
        (s.get("type").and_then(Value::as_str) == Some("array"))
            .then(|| s.get("items").map_or(Item::Json, item))
    };
    if let Some(c) = component(schema) {
        if is_generated(&c) {
            return Output::Object(c);
        }
    }
    if let Some(c) = narrowed_component(catalog, schema) {
        if is_generated(&c) {
            return Output::Object(c);
        }
    }
    let schema = resolved(catalog, schema);
    if let Some(items) = items_of(schema) {
        return Output::Vec(items);
    }
    if let Some(items) = page_data(schema).and_then(items_of) {
        return Output::List(items);
    }
    Output::Json
}

/// The `data` of a page, `{data, total_count}` and nothing else, as the
/// spec writes it (the items, inline or named, are the caller's to read):
/// what [`Output::List`] decodes, and what the xtask's rule for answers
/// looks into for the items it names.
pub fn page_data(schema: &Value) -> Option<&Value> {
    let p = schema.get("properties")?.as_object()?;
    // A count is whole: `getApiKeys` says `number` for it, and Clerk
    // writes an integer there like everywhere else.
    let whole = matches!(
        p.get("total_count")?.get("type").and_then(Value::as_str),
        Some("integer" | "number")
    );
    if p.len() == 2 && whole {
        p.get("data")
    } else {
        None
    }
}

/// The component an `allOf` restates: one part a `$ref` to it, the others
/// objects that only say more of its own members (`RevokeInvitation`: an
/// `Invitation` whose `status` is `revoked`), so that every answer is that
/// object and nothing else. A part that adds a member (`CreateMachine`'s
/// `secret_key`) makes another object, which stays JSON until it is typed.
pub fn narrowed_component(catalog: &Catalog, schema: &Value) -> Option<String> {
    let parts = schema.get("allOf")?.as_array()?;
    let mut refs = parts.iter().filter_map(|p| {
        p.get("$ref")
            .and_then(Value::as_str)
            .and_then(catalog::component_of)
    });
    let name = refs.next()?;
    if refs.next().is_some() {
        return None;
    }
    let members = catalog
        .components
        .get(name)?
        .get("properties")?
        .as_object()?;
    let restates = |part: &Value| {
        part.get("$ref").is_some()
            || part
                .get("properties")
                .and_then(Value::as_object)
                .is_some_and(|p| {
                    p.keys().all(|k| members.contains_key(k))
                        && part
                            .get("required")
                            .and_then(Value::as_array)
                            .into_iter()
                            .flatten()
                            .filter_map(Value::as_str)
                            .all(|k| members.contains_key(k))
                })
    };
    parts.iter().all(restates).then(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog(ops: Value, components: Value) -> Catalog {
        serde_json::from_value(serde_json::json!({
            "version": "2026-05-12", "server": "https://api.clerk.com/v1",
            "operations": ops, "components": components
        }))
        .unwrap()
    }

    fn one(ops: Value) -> Result<Api, Refusal> {
        let c = catalog(
            ops,
            serde_json::json!({
                "User": {"type": "object", "properties": {"status": {"type": "string"}}},
                "Users": {"type": "array", "items": {"$ref": "#/components/schemas/User"}},
                "Organizations": {"type": "object", "properties": {
                    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Organization"}},
                    "total_count": {"type": "integer"}}},
                "Organization": {"type": "object"},
                "Domain": {"type": "object"}
            }),
        );
        build(&c, &|c| c == "User" || c == "Organization", &ids())
    }

    /// Users, organizations and organization invitations have ids.
    fn ids() -> Ids {
        let tagged = |tag: &str| {
            serde_json::json!({"properties": {
                "object": {"type": "string", "enum": [tag]},
                "id": {"type": "string"}
            }})
        };
        let set = [
            "user",
            "organization",
            "organization_invitation",
            "invitation",
        ]
        .iter()
        .map(|t| ((*t).to_owned(), tagged(t)))
        .collect::<Vec<_>>();
        Ids::of_set(&set, &crate::Names::empty())
    }

    /// A path parameter takes a typed id where the path so far is its
    /// object's top collection; below another object, or under another
    /// collection's name, it stays text. Query parameters and body
    /// members take one by name, lists too.
    #[test]
    fn ids_where_the_path_and_names_say() {
        let path = |name: &str| serde_json::json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}});
        let api = one(serde_json::json!({
            "getUser": {"method": "GET", "path": "/users/{user_id}",
                "parameters": [path("user_id")],
                "success": {"status": 200, "schema": {"$ref": "#/components/schemas/User"}}},
            "getInvitation": {"method": "GET", "path": "/organizations/{organization_id}/invitations/{invitation_id}",
                "parameters": [path("organization_id"), path("invitation_id"),
                    {"name": "user_id", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}},
                    {"name": "client_id", "in": "query", "schema": {"type": "string"}}],
                "body": {"content": "application/json", "schema": {"type": "object", "properties": {
                    "inviter_user_id": {"type": "string"}, "created_user_id": {"type": "string"}}}},
                "success": {"status": 200, "schema": {"$ref": "#/components/schemas/User"}}},
            "getTemplate": {"method": "GET", "path": "/user_templates/{user_id}",
                "parameters": [path("user_id")],
                "success": {"status": 200, "schema": {"$ref": "#/components/schemas/User"}}}
        }))
        .unwrap();
        let by = |id: &str| api.operations.iter().find(|o| o.id == id).unwrap();
        let ids = |ps: &[Param]| ps.iter().map(|p| p.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&by("getUser").path_params), [Some("UserId".to_owned())]);
        let invitation = by("getInvitation");
        assert_eq!(
            ids(&invitation.path_params),
            [Some("OrganizationId".to_owned()), None]
        );
        assert_eq!(ids(&invitation.query), [Some("UserId".to_owned()), None]);
        let body = &invitation.body.as_ref().unwrap().members;
        assert_eq!(
            body.iter()
                .map(|m| (m.json.as_str(), m.id.as_deref()))
                .collect::<Vec<_>>(),
            [
                ("created_user_id", Some("UserId")),
                ("inviter_user_id", None)
            ]
        );
        assert_eq!(ids(&by("getTemplate").path_params), [None]);
    }

    #[test]
    fn names_paths_and_kinds() {
        let api = one(serde_json::json!({
            "getApiKey": {"method": "GET", "path": "/orgs/{org_id}/api_keys/{apiKeyID}",
                "parameters": [
                    {"name": "apiKeyID", "in": "path", "required": true, "schema": {"type": "string"}},
                    {"name": "org_id", "in": "path", "required": true, "schema": {"type": "string"}},
                    {"name": "user_id", "in": "query", "explode": false, "schema": {"type": "array", "items": {"type": "string"}}},
                    {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                    {"name": "offset", "in": "query", "schema": {"type": "integer"}}],
                "success": {"status": 200, "schema": {"$ref": "#/components/schemas/Organizations"}}}
        }))
        .unwrap();
        let op = &api.operations[0];
        assert_eq!(op.name, "GetApiKey");
        assert_eq!(
            op.path_params
                .iter()
                .map(|p| p.rust.as_str())
                .collect::<Vec<_>>(),
            ["org_id", "api_key_id"],
            "in the path's order"
        );
        assert_eq!(
            op.path,
            [
                Segment::Literal("/orgs/".into()),
                Segment::Param(0),
                Segment::Literal("/api_keys/".into()),
                Segment::Param(1)
            ]
        );
        assert_eq!(op.query[0].kind, Kind::List(Scalar::Str));
        assert!(!op.query[0].explode);
        assert_eq!(op.output, Output::List(Item::Object("Organization".into())));
        assert!(op.paged() && op.idempotent());
    }

    #[test]
    fn outputs_and_members() {
        let api = one(serde_json::json!({
            "A": {"method": "GET", "path": "/a", "success": {"status": 200, "schema": {"$ref": "#/components/schemas/User"}}},
            "B": {"method": "GET", "path": "/b", "success": {"status": 200, "schema": {"$ref": "#/components/schemas/Users"}}},
            "C": {"method": "GET", "path": "/c", "success": {"status": 200, "schema": {"$ref": "#/components/schemas/Domain"}}},
            "D": {"method": "DELETE", "path": "/d", "success": {"status": 204}},
            "F": {"method": "POST", "path": "/f", "success": {"status": 200, "schema": {"allOf": [{"$ref": "#/components/schemas/User"}, {"properties": {"status": {"enum": ["revoked"]}}}]}}},
            "G": {"method": "POST", "path": "/g", "success": {"status": 200, "schema": {"allOf": [{"$ref": "#/components/schemas/User"}, {"properties": {"secret": {"type": "string"}}, "required": ["secret"]}]}}},
            "E": {"method": "POST", "path": "/e", "success": {"status": 200, "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Domain"}}},
                "body": {"content": "application/json", "schema": {"type": "object", "required": ["name"], "properties": {
                    "name": {"type": "string"}, "first_name": {"type": "string", "nullable": true},
                    "public_metadata": {"type": "object"}, "ids": {"type": "array", "items": {"type": "string"}},
                    "type": {"type": "string", "enum": ["a"]}}}}}
        }))
        .unwrap();
        let out: Vec<&Output> = api.operations.iter().map(|o| &o.output).collect();
        assert_eq!(
            out,
            [
                &Output::Object("User".into()),
                &Output::Vec(Item::Object("User".into())),
                &Output::Json,
                &Output::Empty,
                &Output::Vec(Item::Json),
                &Output::Object("User".into()),
                &Output::Json
            ]
        );
        let e = &api.operations[4];
        assert!(!e.idempotent());
        let kinds: Vec<(&str, Kind, bool)> = e
            .body
            .as_ref()
            .unwrap()
            .members
            .iter()
            .map(|m| (m.rust.as_str(), m.kind, m.required))
            .collect();
        assert_eq!(
            kinds,
            [
                ("first_name", Kind::Json, false),
                ("ids", Kind::List(Scalar::Str), false),
                ("name", Kind::Str, true),
                ("public_metadata", Kind::Json, false),
                ("type_", Kind::Str, false)
            ]
        );
    }

    #[test]
    fn refuses_what_it_cannot_name_or_route() {
        let e = one(serde_json::json!({
            "getUser": {"method": "GET", "path": "/a", "success": {"status": 200}},
            "GetUser": {"method": "GET", "path": "/b", "success": {"status": 200}}
        }))
        .unwrap_err();
        assert!(e.message.contains("`GetUser`"), "{e:?}");
        let e = one(serde_json::json!({
            "Client": {"method": "GET", "path": "/a", "success": {"status": 200}}
        }))
        .unwrap_err();
        assert_eq!(e.pointer, "/operations/Client");
        let e = one(serde_json::json!({
            "A": {"method": "GET", "path": "/a/{id}", "success": {"status": 200}}
        }))
        .unwrap_err();
        assert_eq!(e.pointer, "/operations/A/path");
        let e = one(serde_json::json!({
            "A": {"method": "GET", "path": "/a", "success": {"status": 200},
                "parameters": [{"name": "id", "in": "path", "required": true}]}
        }))
        .unwrap_err();
        assert!(e.message.contains("not in the path"), "{e:?}");
        let e = one(serde_json::json!({
            "A": {"method": "GET", "path": "/a", "success": {"status": 200},
                "parameters": [{"name": "new", "in": "query"}]}
        }))
        .unwrap_err();
        assert_eq!(e.pointer, "/operations/A");
        let api = one(serde_json::json!({
            "A": {"method": "GET", "path": "/a/{fooBar}", "success": {"status": 200},
                "parameters": [{"name": "fooBar", "in": "path", "required": true},
                    {"name": "frontendApi", "in": "query"}, {"name": "frontend_api", "in": "query"}],
                "body": {"content": "application/json", "schema": {"properties": {"frontend-api": {}}}}}
        }))
        .unwrap();
        let op = &api.operations[0];
        assert_eq!(op.path_params[0].rust, "foo_bar");
        let names: Vec<&str> = op
            .query
            .iter()
            .chain(&op.body.as_ref().unwrap().members)
            .map(|p| p.rust.as_str())
            .collect();
        assert_eq!(names, ["frontend_api_2", "frontend_api", "frontend_api_3"]);
        let e = one(serde_json::json!({
            "A": {"method": "FETCH", "path": "/a", "success": {"status": 200}}
        }))
        .unwrap_err();
        assert_eq!(e.pointer, "/operations/A/method");
    }
}
