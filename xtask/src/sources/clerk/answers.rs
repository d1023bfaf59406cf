//! The operations rule's names for the objects Clerk's spec writes inline
//! as an operation's answer (its API keys, M2M tokens, verifications,
//! deletion receipts): without a name there is no file to vendor, so no
//! type. Part of the rule `clerk-types-operations-2`.
//!
//! - **What is an answer**: a success schema that is not a `$ref` and has
//!   members or parts (`properties`, `allOf`, `anyOf`, `oneOf`), or the
//!   items of one that is a list (an array, or `{data: [...],
//!   total_count}`), written inline. An `allOf` that only restates a
//!   component's members is that component (the generator's
//!   `narrowed_component`) and is left alone; so is `{type: object}`,
//!   which says nothing.
//! - **One object, one name**: answers written identically are one.
//! - **The name**: the object's own `object` value, in Rust's case
//!   (`api_key` -> `ApiKey`), else the name of the shared response it is
//!   (`components.responses._VerificationResponse` ->
//!   `VerificationResponse`, `Machine.Deleted` -> `MachineDeleted`), else
//!   the first operation's type name and `Response`
//!   (`VerifyPasswordResponse`). A name is never that of a
//!   component of the spec (any case: the vendored file's key is the
//!   name lower-cased) nor of another answer; the answer that most
//!   operations give (then the one with fewest members, then the first
//!   operation) chooses first, so the plain object keeps the plain name
//!   and its variants (`createApiKey`'s, with the secret) take their
//!   operation's.
//!
//! Each answer moves to the catalog's `components` under its name, every
//! place it was written becomes a `$ref` to it, and `answers` lists where
//! in the spec it was written.

use std::collections::{BTreeMap, BTreeSet};

use clerk_types_codegen::api::catalog::Catalog;
use clerk_types_codegen::api::model::{narrowed_component, page_data, type_name};
use clerk_types_codegen::case::{self, module_key};
use serde_json::Value;

use super::derive::Underivable;
use super::node::Node;

/// One place an answer is written.
struct Site {
    /// The operation.
    operation: String,
    /// Where in its success schema (a JSON pointer, `""` for all of it).
    inner: String,
    /// Where in the spec.
    spec_at: String,
}

/// Names every answer of `catalog` (whose success schemas are written in
/// the spec at `places`, by operation) and moves it to `components`.
pub fn name(
    spec: &Node,
    catalog: &mut Catalog,
    places: &BTreeMap<String, String>,
) -> Result<(), Underivable> {
    let mut groups: Vec<(Value, Vec<Site>)> = Vec::new();
    for (id, op) in &catalog.operations {
        let Some(schema) = &op.success.schema else {
            continue;
        };
        let Some((inner, answer)) = site(catalog, schema) else {
            continue;
        };
        let site = Site {
            operation: id.clone(),
            spec_at: format!("{}{inner}", places.get(id).map_or("", String::as_str)),
            inner,
        };
        match groups.iter_mut().find(|(s, _)| *s == answer) {
            Some((_, sites)) => sites.push(site),
            None => groups.push((answer, vec![site])),
        }
    }
    groups.sort_by(|(a, a_sites), (b, b_sites)| {
        b_sites
            .len()
            .cmp(&a_sites.len())
            .then(members(a).cmp(&members(b)))
            .then(a_sites[0].operation.cmp(&b_sites[0].operation))
    });
    let mut taken: BTreeSet<String> = component_names(spec).map(module_key).collect();
    for (answer, sites) in groups {
        let fallback = format!("{}Response", type_name(&sites[0].operation));
        let name = object_name(&answer)
            .into_iter()
            .chain(response_name(&sites[0]))
            .chain([fallback.clone()])
            .find(|n| !taken.contains(&module_key(n)))
            .ok_or_else(|| Underivable {
                pointer: sites[0].spec_at.clone(),
                message: format!(
                    "the rule names this answer `{fallback}`, which a component or another answer is already named (any case)"
                ),
            })?;
        taken.insert(module_key(&name));
        let reference = serde_json::json!({ "$ref": format!("#/components/schemas/{name}") });
        for site in &sites {
            let slot = catalog
                .operations
                .get_mut(&site.operation)
                .and_then(|op| op.success.schema.as_mut())
                .and_then(|s| s.pointer_mut(&site.inner));
            if let Some(slot) = slot {
                *slot = reference.clone();
            }
        }
        catalog
            .answers
            .insert(name.clone(), sites.into_iter().map(|s| s.spec_at).collect());
        catalog.components.insert(name, answer);
    }
    Ok(())
}

/// Where in a success schema its answer is, and the answer.
fn site(catalog: &Catalog, schema: &Value) -> Option<(String, Value)> {
    if schema.get("$ref").is_some() || narrowed_component(catalog, schema).is_some() {
        return None;
    }
    let inner = if schema.get("type").and_then(Value::as_str) == Some("array") {
        "/items"
    } else if page_data(schema).is_some() {
        "/properties/data/items"
    } else {
        ""
    };
    let answer = schema.pointer(inner)?;
    is_object(answer).then(|| (inner.to_owned(), answer.clone()))
}

/// Written inline, with members or parts.
fn is_object(schema: &Value) -> bool {
    if schema.get("$ref").is_some() {
        return false;
    }
    let has = |key: &str| {
        schema.get(key).is_some_and(|v| match v {
            Value::Object(m) => !m.is_empty(),
            Value::Array(a) => !a.is_empty(),
            _ => false,
        })
    };
    has("properties") || has("allOf") || has("anyOf") || has("oneOf")
}

/// How many members an answer writes itself.
fn members(schema: &Value) -> usize {
    schema
        .get("properties")
        .and_then(Value::as_object)
        .map_or(0, serde_json::Map::len)
}

/// The type name of the answer's one `object` value, if it has one.
fn object_name(schema: &Value) -> Option<String> {
    match schema
        .pointer("/properties/object/enum")?
        .as_array()?
        .as_slice()
    {
        [Value::String(object)] if !object.is_empty() => Some(case::type_name(object)),
        _ => None,
    }
}

/// The type name of the shared response (`components.responses.<X>`)
/// whose whole schema the answer is, if it is one.
fn response_name(site: &Site) -> Option<String> {
    if !site.inner.is_empty() {
        return None;
    }
    let rest = site.spec_at.strip_prefix("/components/responses/")?;
    let (name, place) = rest.split_once('/')?;
    (place == "content/application~1json/schema")
        .then(|| case::type_name(&name.replace("~1", "/").replace("~0", "~")))
}

/// The names of the spec's `components.schemas`.
fn component_names(spec: &Node) -> impl Iterator<Item = &str> {
    let entries = match spec.get("components").and_then(|c| c.get("schemas")) {
        Some(Node::Map(entries)) => entries.as_slice(),
        _ => &[],
    };
    entries.iter().map(|(k, _)| k.as_str())
}

#[cfg(test)]
mod tests {
    use super::super::{operations, yaml};

    const SPEC: &str = r##"
openapi: 3.0.3
servers:
  - url: https://api.clerk.com/v1
paths:
  /keys:
    get:
      operationId: listKeys
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {type: array, items: {$ref: '#/components/schemas/KeyInline'}}
                  total_count: {type: integer}
    post:
      operationId: createKey
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  object: {type: string, enum: [api_key]}
                  id: {type: string}
                  secret: {type: string}
  /keys/{id}:
    parameters:
      - {in: path, name: id, required: true, schema: {type: string}}
    get:
      operationId: getKey
      responses:
        '200':
          $ref: '#/components/responses/Key'
    patch:
      operationId: updateKey
      responses:
        '200':
          $ref: '#/components/responses/Key'
    delete:
      operationId: DeleteKey
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  object: {type: string, enum: [user]}
                  deleted: {type: boolean}
  /users/{id}/verify:
    parameters:
      - {in: path, name: id, required: true, schema: {type: string}}
    post:
      operationId: VerifyPassword
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {verified: {type: boolean}}}
  /users/{id}/revoke:
    parameters:
      - {in: path, name: id, required: true, schema: {type: string}}
    post:
      operationId: RevokeUser
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                allOf:
                  - $ref: '#/components/schemas/User'
                  - {properties: {object: {enum: [user]}}}
  /preview:
    post:
      operationId: Preview
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object}
components:
  responses:
    Key:
      description: a key
      content:
        application/json:
          schema:
            type: object
            properties:
              object: {type: string, enum: [api_key]}
              id: {type: string}
  schemas:
    User:
      type: object
      properties:
        object: {type: string}
    KeyInline:
      type: object
"##;

    #[test]
    fn names_each_answer_once_and_refers_to_it() {
        let catalog = operations::derive(&yaml::parse(SPEC).unwrap(), "x").unwrap();
        let names: Vec<&str> = catalog.answers.keys().map(String::as_str).collect();
        assert_eq!(
            names,
            [
                "ApiKey",
                "CreateKeyResponse",
                "DeleteKeyResponse",
                "VerifyPasswordResponse"
            ]
        );
        assert_eq!(
            catalog.answers["ApiKey"],
            ["/components/responses/Key/content/application~1json/schema"; 2],
            "written once, answered twice: the shared response's place"
        );
        let refers = |op: &str| {
            catalog.operations[op].success.schema.as_ref().unwrap()["$ref"]
                .as_str()
                .unwrap()
                .to_owned()
        };
        assert_eq!(refers("getKey"), "#/components/schemas/ApiKey");
        assert_eq!(refers("updateKey"), "#/components/schemas/ApiKey");
        assert_eq!(
            refers("createKey"),
            "#/components/schemas/CreateKeyResponse",
            "the variant with the secret takes its operation's name"
        );
        assert_eq!(
            refers("DeleteKey"),
            "#/components/schemas/DeleteKeyResponse",
            "`user` is a component's name"
        );
        assert!(catalog.components["ApiKey"]["properties"]["id"].is_object());
        let untouched = |op: &str| catalog.operations[op].success.schema.clone().unwrap();
        assert!(
            untouched("RevokeUser")["allOf"].is_array(),
            "a narrowed User"
        );
        assert_eq!(untouched("Preview"), serde_json::json!({"type": "object"}));
        assert_eq!(
            untouched("listKeys")["properties"]["data"]["items"]["$ref"],
            "#/components/schemas/KeyInline"
        );
    }

    #[test]
    fn a_name_taken_twice_is_refused_with_its_place() {
        let spec = SPEC.replace(
            "    KeyInline:",
            "    VerifyPasswordResponse: {}\n    KeyInline:",
        );
        let e = operations::derive(&yaml::parse(&spec).unwrap(), "x").unwrap_err();
        assert_eq!(
            e.pointer,
            "/paths/~1users~1{id}~1verify/post/responses/200/content/application~1json/schema"
        );
        assert!(e.message.contains("`VerifyPasswordResponse`"), "{e}");
    }
}
