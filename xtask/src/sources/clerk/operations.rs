//! The operations catalog: every operation of Clerk's Backend API, derived
//! from `bapi/<date>.yml`. The crate's build reads this JSON, never the
//! YAML.
//!
//! The rule: each `paths.<path>.<method>` with an `operationId` is an
//! operation, keyed by it; a `$ref` to `components.parameters`,
//! `components.requestBodies` or `components.responses` is replaced by
//! what it names (path-level parameters are merged in, the operation's own
//! winning); the body is the first of `application/json`,
//! `multipart/form-data`, `application/x-www-form-urlencoded` the spec
//! lists; the success is the lowest 2xx status, its `application/json`
//! schema if any; every status outside 2xx is listed as an error. Schemas are
//! copied as written (`$ref`s to `components.schemas` kept), and every
//! component they reach is copied into `components`; an object written
//! inline as an answer is named and moved there ([`super::answers`]).
//! Nothing else is decided here: what Rust each becomes is the generator's
//! business. Pure: the
//! spec in, the catalog out, or the pointer of what the rule cannot read.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

pub use clerk_types_codegen::api::catalog::{Body, Catalog, Operation, Parameter, Success};

use super::derive::Underivable;
use super::node::{pointer_push, Node};

/// The rule's version, recorded in the manifest beside what it derived.
pub const RULE: &str = "clerk-types-operations-2";

/// The methods OpenAPI 3.0 allows on a path item, in its order.
const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The body media types the rule reads, in order of preference.
const BODY_TYPES: &[&str] = &[
    "application/json",
    "multipart/form-data",
    "application/x-www-form-urlencoded",
];

fn refuse(pointer: &str, message: impl Into<String>) -> Underivable {
    Underivable {
        pointer: pointer.to_owned(),
        message: message.into(),
    }
}

/// The catalog of `spec` (a parsed `bapi/<version>.yml`); `version` is the
/// file's date (`2026-05-12`).
pub fn derive(spec: &Node, version: &str) -> Result<Catalog, Underivable> {
    let server = spec
        .get("servers")
        .and_then(|s| match s {
            Node::Seq(items) => items.first(),
            _ => None,
        })
        .and_then(|s| s.get("url"))
        .and_then(Node::as_str)
        .ok_or_else(|| refuse("/servers", "no server with a `url`"))?
        .to_owned();
    let Some(Node::Map(paths)) = spec.get("paths") else {
        return Err(refuse("/paths", "the spec has no paths mapping"));
    };
    let mut operations = BTreeMap::new();
    // Where each operation's success schema is written in the spec.
    let mut places = BTreeMap::new();
    for (path, item) in paths {
        let at = pointer_push("/paths", path);
        let Node::Map(_) = item else {
            return Err(refuse(&at, "not a mapping of operations"));
        };
        let shared = match item.get("parameters") {
            Some(list) => parameters(spec, list, &pointer_push(&at, "parameters"))?,
            None => Vec::new(),
        };
        for method in METHODS {
            let Some(node) = item.get(method) else {
                continue;
            };
            let at = pointer_push(&at, method);
            let Some(id) = node.get("operationId").and_then(Node::as_str) else {
                return Err(refuse(
                    &at,
                    "no operationId: the rule names operations by it",
                ));
            };
            let (operation, place) = operation(spec, path, method, node, &shared, &at)?;
            places.insert(id.to_owned(), place);
            if operations.insert(id.to_owned(), operation).is_some() {
                return Err(refuse(&at, format!("operationId `{id}` is used twice")));
            }
        }
    }
    if operations.is_empty() {
        return Err(refuse("/paths", "no operations"));
    }
    let mut catalog = Catalog {
        version: version.to_owned(),
        server,
        operations,
        components: BTreeMap::new(),
        answers: BTreeMap::new(),
    };
    catalog.components = reached(spec, &catalog)?;
    super::answers::name(spec, &mut catalog, &places)?;
    Ok(catalog)
}

fn operation(
    spec: &Node,
    path: &str,
    method: &str,
    node: &Node,
    shared: &[Parameter],
    at: &str,
) -> Result<(Operation, String), Underivable> {
    let text = |key: &str| node.get(key).and_then(Node::as_str).map(str::to_owned);
    let mut own = match node.get("parameters") {
        Some(list) => parameters(spec, list, &pointer_push(at, "parameters"))?,
        None => Vec::new(),
    };
    let mut all: Vec<Parameter> = shared
        .iter()
        .filter(|p| {
            !own.iter()
                .any(|o| o.name == p.name && o.location == p.location)
        })
        .cloned()
        .collect();
    all.append(&mut own);
    let body = match node.get("requestBody") {
        Some(b) => body(spec, b, &pointer_push(at, "requestBody"))?,
        None => None,
    };
    let (success, errors, schema_at) =
        responses(spec, node.get("responses"), &pointer_push(at, "responses"))?;
    let operation = Operation {
        method: method.to_ascii_uppercase(),
        path: path.to_owned(),
        summary: text("summary"),
        description: text("description"),
        deprecated: matches!(node.get("deprecated"), Some(Node::Bool(true))),
        tags: match node.get("tags") {
            Some(Node::Seq(tags)) => tags
                .iter()
                .filter_map(Node::as_str)
                .map(str::to_owned)
                .collect(),
            _ => Vec::new(),
        },
        parameters: all,
        body,
        success,
        errors,
    };
    Ok((operation, schema_at))
}

/// A `$ref` to `components.<section>`, resolved (one level, then again if
/// that is a `$ref` too, at most a few times).
fn resolve<'a>(
    spec: &'a Node,
    node: &'a Node,
    section: &str,
    at: &str,
) -> Result<&'a Node, Underivable> {
    resolve_at(spec, node, section, at).map(|(node, _)| node)
}

/// [`resolve`], with the JSON pointer of what it resolved to.
fn resolve_at<'a>(
    spec: &'a Node,
    node: &'a Node,
    section: &str,
    at: &str,
) -> Result<(&'a Node, String), Underivable> {
    let mut node = node;
    let mut pointer = at.to_owned();
    for _ in 0..8 {
        let Some(reference) = node.get("$ref").and_then(Node::as_str) else {
            return Ok((node, pointer));
        };
        let prefix = format!("#/components/{section}/");
        let name = reference.strip_prefix(&prefix).ok_or_else(|| {
            refuse(
                at,
                format!("`$ref: {reference}` does not name a component of components.{section}"),
            )
        })?;
        node = spec
            .get("components")
            .and_then(|c| c.get(section))
            .and_then(|s| s.get(name))
            .ok_or_else(|| refuse(at, format!("`$ref: {reference}`: no such component")))?;
        pointer = pointer_push(&format!("/components/{section}"), name);
    }
    Err(refuse(at, "`$ref`s that lead to each other"))
}

fn parameters(spec: &Node, list: &Node, at: &str) -> Result<Vec<Parameter>, Underivable> {
    let Node::Seq(items) = list else {
        return Err(refuse(at, "not a list"));
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let at = format!("{at}/{i}");
        let p = resolve(spec, item, "parameters", &at)?;
        let field = |key: &str| {
            p.get(key)
                .and_then(Node::as_str)
                .ok_or_else(|| refuse(&at, format!("no `{key}`")))
        };
        let location = field("in")?;
        let required = matches!(p.get("required"), Some(Node::Bool(true)));
        if location == "path" && !required {
            return Err(refuse(&at, "a path parameter that is not required"));
        }
        out.push(Parameter {
            name: field("name")?.to_owned(),
            location: location.to_owned(),
            required,
            explode: !matches!(p.get("explode"), Some(Node::Bool(false))),
            deprecated: matches!(p.get("deprecated"), Some(Node::Bool(true))),
            description: p
                .get("description")
                .and_then(Node::as_str)
                .map(str::to_owned),
            schema: p
                .get("schema")
                .map(json)
                .unwrap_or_else(|| Value::Object(Default::default())),
        });
    }
    Ok(out)
}

fn body(spec: &Node, node: &Node, at: &str) -> Result<Option<Body>, Underivable> {
    let b = resolve(spec, node, "requestBodies", at)?;
    let Some(Node::Map(content)) = b.get("content") else {
        return Err(refuse(at, "a request body without `content`"));
    };
    let Some((media, c)) = BODY_TYPES
        .iter()
        .find_map(|t| content.iter().find(|(k, _)| k == t))
    else {
        let listed: Vec<&str> = content.iter().map(|(k, _)| k.as_str()).collect();
        return Err(refuse(
            &pointer_push(at, "content"),
            format!(
                "no body type the rule reads ({}), only {}",
                BODY_TYPES.join(", "),
                listed.join(", ")
            ),
        ));
    };
    Ok(Some(Body {
        content: media.clone(),
        required: matches!(b.get("required"), Some(Node::Bool(true))),
        schema: c
            .get("schema")
            .map(json)
            .unwrap_or_else(|| Value::Object(Default::default())),
    }))
}

/// The success response and the error statuses; with the JSON pointer of
/// the success's schema in the spec (a shared response's own place).
fn responses(
    spec: &Node,
    node: Option<&Node>,
    at: &str,
) -> Result<(Success, Vec<String>, String), Underivable> {
    let Some(Node::Map(all)) = node else {
        return Err(refuse(at, "no responses"));
    };
    let mut success: Option<(u16, &String, &Node)> = None;
    let mut errors = Vec::new();
    for (status, response) in all {
        match status.parse::<u16>() {
            Ok(code @ 200..=299) => {
                if success.is_none_or(|(s, _, _)| code < s) {
                    success = Some((code, status, response));
                }
            }
            _ => errors.push(status.clone()),
        }
    }
    let Some((status, key, response)) = success else {
        return Err(refuse(at, "no 2xx response"));
    };
    let at = pointer_push(at, key);
    let (r, place) = resolve_at(spec, response, "responses", &at)?;
    let schema_at = ["content", "application/json", "schema"]
        .iter()
        .fold(place, |p, k| pointer_push(&p, k));
    errors.sort();
    Ok((
        Success {
            status,
            description: r
                .get("description")
                .and_then(Node::as_str)
                .map(str::to_owned),
            schema: r
                .get("content")
                .and_then(|c| c.get("application/json"))
                .and_then(|c| c.get("schema"))
                .map(json),
        },
        errors,
        schema_at,
    ))
}

/// Every component of `components.schemas` the catalog's schemas reach,
/// through each other too.
fn reached(spec: &Node, catalog: &Catalog) -> Result<BTreeMap<String, Value>, Underivable> {
    let mut pending: Vec<String> = Vec::new();
    for op in catalog.operations.values() {
        for p in &op.parameters {
            refs(&p.schema, &mut pending);
        }
        if let Some(b) = &op.body {
            refs(&b.schema, &mut pending);
        }
        if let Some(s) = &op.success.schema {
            refs(s, &mut pending);
        }
    }
    let mut seen = BTreeSet::new();
    let mut out = BTreeMap::new();
    while let Some(name) = pending.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        let node = spec
            .get("components")
            .and_then(|c| c.get("schemas"))
            .and_then(|s| s.get(&name))
            .ok_or_else(|| {
                refuse(
                    &pointer_push("/components/schemas", &name),
                    format!("a schema refers to `{name}`, which is not a component"),
                )
            })?;
        let value = json(node);
        refs(&value, &mut pending);
        out.insert(name, value);
    }
    Ok(out)
}

/// The components `value`'s `$ref`s name.
fn refs(value: &Value, into: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("$ref", Value::String(r)) => {
                        if let Some(name) = clerk_types_codegen::api::catalog::component_of(r) {
                            into.push(name.to_owned());
                        }
                    }
                    _ => refs(v, into),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, into)),
        _ => {}
    }
}

/// A node as JSON: integers that fit stay integers, others become floats,
/// as a JSON reader would read them.
fn json(node: &Node) -> Value {
    match node {
        Node::Null => Value::Null,
        Node::Bool(b) => Value::Bool(*b),
        Node::Int(digits) => digits
            .parse::<i64>()
            .map(Value::from)
            .or_else(|_| digits.parse::<u64>().map(Value::from))
            .unwrap_or_else(|_| {
                digits
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(Value::String(digits.clone()), Value::Number)
            }),
        Node::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
        Node::Str(s) => Value::String(s.clone()),
        Node::Seq(items) => Value::Array(items.iter().map(json).collect()),
        Node::Map(entries) => {
            Value::Object(entries.iter().map(|(k, v)| (k.clone(), json(v))).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::yaml;
    use super::*;

    const SPEC: &str = r##"
openapi: 3.0.3
servers:
  - url: https://api.clerk.com/v1
paths:
  /users/{user_id}:
    parameters:
      - $ref: '#/components/parameters/UserId'
    get:
      operationId: GetUser
      summary: Retrieve a user
      tags: [Users]
      responses:
        '200':
          $ref: '#/components/responses/User'
        '404':
          description: not found
    patch:
      operationId: UpdateUser
      deprecated: true
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                first_name: {type: string}
      responses:
        '204':
          description: nothing
        '201':
          description: made
          content:
            application/json:
              schema: {$ref: '#/components/schemas/User'}
  /users:
    get:
      operationId: GetUserList
      parameters:
        - in: query
          name: email_address
          style: form
          explode: false
          schema: {type: array, items: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/User'}}
components:
  parameters:
    UserId:
      in: path
      name: user_id
      required: true
      schema: {type: string}
  responses:
    User:
      description: a user
      content:
        application/json:
          schema: {$ref: '#/components/schemas/User'}
  schemas:
    User:
      type: object
      properties:
        email_addresses: {type: array, items: {$ref: '#/components/schemas/EmailAddress'}}
    EmailAddress: {type: object}
    Unused: {type: object}
"##;

    #[test]
    fn resolves_parameters_bodies_and_responses() {
        let catalog = derive(&yaml::parse(SPEC).unwrap(), "2026-05-12").unwrap();
        assert_eq!(catalog.server, "https://api.clerk.com/v1");
        let get = &catalog.operations["GetUser"];
        assert_eq!(
            (get.method.as_str(), get.path.as_str()),
            ("GET", "/users/{user_id}")
        );
        assert_eq!(get.parameters[0].name, "user_id");
        assert_eq!(get.success.status, 200);
        assert_eq!(
            get.success.schema,
            Some(serde_json::json!({"$ref": "#/components/schemas/User"}))
        );
        assert_eq!(get.errors, ["404"]);
        let update = &catalog.operations["UpdateUser"];
        assert!(update.deprecated);
        assert_eq!(update.success.status, 201);
        assert!(update.errors.is_empty(), "another 2xx is no error");
        assert_eq!(update.body.as_ref().unwrap().content, "application/json");
        let list = &catalog.operations["GetUserList"];
        assert!(!list.parameters[0].explode);
        // Reached through User, and nothing else.
        assert_eq!(
            catalog.components.keys().collect::<Vec<_>>(),
            ["EmailAddress", "User"]
        );
        let text = catalog.render();
        assert_eq!(Catalog::parse("o.json", text.as_bytes()).unwrap(), catalog);
    }

    #[test]
    fn refuses_with_the_pointer() {
        let broken = SPEC.replace(
            "$ref: '#/components/responses/User'",
            "$ref: '#/components/responses/Nope'",
        );
        let e = derive(&yaml::parse(&broken).unwrap(), "x").unwrap_err();
        assert_eq!(e.pointer, "/paths/~1users~1{user_id}/get/responses/200");
        assert!(e.message.contains("Nope"), "{e}");
        let e = derive(&yaml::parse("openapi: 3.0.3\n").unwrap(), "x").unwrap_err();
        assert_eq!(e.pointer, "/servers");
        let no_id = SPEC.replace("      operationId: GetUserList\n", "");
        let e = derive(&yaml::parse(&no_id).unwrap(), "x").unwrap_err();
        assert_eq!(e.pointer, "/paths/~1users/get");
    }
}
