//! api-evangelist's rule, which turns a component of Clerk's OpenAPI into
//! one of its `json-schema/clerk-<key>-schema.json` files: inline every
//! `$ref`; write every schema nested six or more levels deep as `{}`
//! (a schema under `properties/<X>`, `items`, `additionalProperties` or
//! `not`, or a member of `oneOf`/`anyOf`/`allOf`, is one level deeper than
//! its parent); put `$schema`, `$id`, `title` and `description` first (a
//! component key of the same name takes the header's place); write as
//! Python's `json.dumps(indent=2)`. Pure: the spec in, bytes out, or the
//! pointer of what the rule cannot derive.

use std::fmt;

use super::node::{pointer_push, Node};

/// The rule's version, recorded in the manifest beside what it derived.
pub const RULE: &str = "api-evangelist-2026-05";

/// How deep a schema may sit before it is written `{}`.
const CUT_DEPTH: usize = 6;

/// Why a component cannot be derived, and where (a JSON pointer into the
/// spec).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Underivable {
    /// Where in the spec.
    pub pointer: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Underivable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at {}: {}", self.pointer, self.message)
    }
}

/// The component of `spec` whose name, lower-cased, is `key` (the
/// vendored file's key: `samlconnection` for `SAMLConnection`).
pub fn component_for(spec: &Node, key: &str) -> Result<String, Underivable> {
    let Some(Node::Map(schemas)) = spec.get("components").and_then(|c| c.get("schemas")) else {
        return Err(Underivable {
            pointer: "/components/schemas".into(),
            message: "the spec has no components.schemas".into(),
        });
    };
    let found: Vec<&String> = schemas
        .iter()
        .map(|(name, _)| name)
        .filter(|name| clerk_types_codegen::webhooks::catalog::module_key(name) == key)
        .collect();
    match found.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(Underivable {
            pointer: "/components/schemas".into(),
            message: format!("no component named `{key}` (any case): the spec has no such object"),
        }),
        several => Err(Underivable {
            pointer: "/components/schemas".into(),
            message: format!(
                "several components are named `{key}` but for case: {}",
                several
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }),
    }
}

/// `components.schemas.<name>` of `spec`.
pub fn component_named<'a>(spec: &'a Node, name: &str) -> Option<&'a Node> {
    spec.get("components")
        .and_then(|c| c.get("schemas"))
        .and_then(|s| s.get(name))
}

/// The bytes api-evangelist's rule makes of `components.schemas.<name>`,
/// for the file `clerk-<key>-schema.json`.
pub fn derive(spec: &Node, name: &str, key: &str) -> Result<String, Underivable> {
    let pointer = pointer_push("/components/schemas", name);
    let component = component_named(spec, name).ok_or_else(|| Underivable {
        pointer: pointer.clone(),
        message: format!("no component `{name}`"),
    })?;
    derive_node(spec, component, &pointer, name, key)
}

/// The bytes api-evangelist's rule makes of the schema `node` (at
/// `pointer` in `spec`), titled `name`, for `clerk-<key>-schema.json`.
pub fn derive_node(
    spec: &Node,
    node: &Node,
    pointer: &str,
    name: &str,
    key: &str,
) -> Result<String, Underivable> {
    let mut inliner = Inliner {
        spec,
        stack: Vec::new(),
    };
    let body = inliner.schema(node, pointer, 0)?;
    let Node::Map(entries) = body else {
        return Err(Underivable {
            pointer: pointer.to_owned(),
            message: "the schema is not a mapping".into(),
        });
    };
    let mut doc: Vec<(String, Node)> = vec![
        (
            "$schema".into(),
            Node::Str("https://json-schema.org/draft/2020-12/schema".into()),
        ),
        (
            "$id".into(),
            Node::Str(format!(
                "https://raw.githubusercontent.com/api-evangelist/clerk-com/main/json-schema/clerk-{key}-schema.json"
            )),
        ),
        ("title".into(), Node::Str(format!("Clerk {name}"))),
        (
            "description".into(),
            Node::Str(format!("Clerk {name} object.")),
        ),
    ];
    for (k, v) in entries {
        match doc.iter_mut().find(|(h, _)| *h == k) {
            Some(slot) => slot.1 = v,
            None => doc.push((k, v)),
        }
    }
    Ok(super::pyjson::dumps(&Node::Map(doc)))
}

struct Inliner<'a> {
    spec: &'a Node,
    /// The references being inlined, with the depth they were met at.
    stack: Vec<(String, usize)>,
}

impl Inliner<'_> {
    /// A schema at `depth`: cut, or inlined, or walked.
    fn schema(&mut self, node: &Node, at: &str, depth: usize) -> Result<Node, Underivable> {
        if depth >= CUT_DEPTH {
            return Ok(Node::Map(Vec::new()));
        }
        self.walk(node, at, depth, true)
    }

    /// Any node: `$ref`s inlined at the same depth; the children of a
    /// schema at their depth.
    fn walk(
        &mut self,
        node: &Node,
        at: &str,
        depth: usize,
        is_schema: bool,
    ) -> Result<Node, Underivable> {
        match node {
            Node::Map(entries) => {
                if let Some(target) = node.get("$ref") {
                    return self.inline(target, &pointer_push(at, "$ref"), depth, is_schema);
                }
                let mut out = Vec::with_capacity(entries.len());
                for (k, v) in entries {
                    let here = pointer_push(at, k);
                    let value = match (is_schema, k.as_str(), v) {
                        (true, "properties", Node::Map(props)) => {
                            let mut walked = Vec::with_capacity(props.len());
                            for (name, prop) in props {
                                let p = pointer_push(&here, name);
                                walked.push((name.clone(), self.schema(prop, &p, depth + 1)?));
                            }
                            Node::Map(walked)
                        }
                        (true, "items" | "additionalProperties" | "not", Node::Map(_)) => {
                            self.schema(v, &here, depth + 1)?
                        }
                        (true, "oneOf" | "anyOf" | "allOf", Node::Seq(members)) => {
                            let mut walked = Vec::with_capacity(members.len());
                            for (i, member) in members.iter().enumerate() {
                                let p = pointer_push(&here, &i.to_string());
                                walked.push(self.schema(member, &p, depth + 1)?);
                            }
                            Node::Seq(walked)
                        }
                        _ => self.walk(v, &here, depth, false)?,
                    };
                    out.push((k.clone(), value));
                }
                Ok(Node::Map(out))
            }
            Node::Seq(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    out.push(self.walk(item, &pointer_push(at, &i.to_string()), depth, false)?);
                }
                Ok(Node::Seq(out))
            }
            other => Ok(other.clone()),
        }
    }

    fn inline(
        &mut self,
        target: &Node,
        at: &str,
        depth: usize,
        is_schema: bool,
    ) -> Result<Node, Underivable> {
        let Some(reference) = target.as_str() else {
            return Err(Underivable {
                pointer: at.to_owned(),
                message: "a `$ref` that is not a string".into(),
            });
        };
        let Some(local) = reference.strip_prefix('#') else {
            return Err(Underivable {
                pointer: at.to_owned(),
                message: format!("`$ref: {reference}` points outside the file; the rule inlines only references within it"),
            });
        };
        if self
            .stack
            .iter()
            .any(|(r, d)| r == reference && *d == depth)
        {
            let chain: Vec<&str> = self.stack.iter().map(|(r, _)| r.as_str()).collect();
            return Err(Underivable {
                pointer: at.to_owned(),
                message: format!("`$ref: {reference}` refers to itself ({} -> {reference}): a cycle the rule cannot inline", chain.join(" -> ")),
            });
        }
        let resolved = resolve(self.spec, local).ok_or_else(|| Underivable {
            pointer: at.to_owned(),
            message: format!("`$ref: {reference}` does not resolve"),
        })?;
        self.stack.push((reference.to_owned(), depth));
        let out = self.walk(resolved, local, depth, is_schema);
        self.stack.pop();
        out
    }
}

/// The node at JSON pointer `pointer` (`/components/schemas/X`).
pub fn resolve<'a>(root: &'a Node, pointer: &str) -> Option<&'a Node> {
    if pointer.is_empty() {
        return Some(root);
    }
    let mut node = root;
    for raw in pointer.strip_prefix('/')?.split('/') {
        let key = raw.replace("~1", "/").replace("~0", "~");
        node = match node {
            Node::Map(_) => node.get(&key)?,
            Node::Seq(items) => items.get(key.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::clerk::yaml;

    const SPEC: &str = r#"
openapi: 3.0.3
components:
  schemas:
    Leaf:
      type: object
      properties:
        n:
          type: integer
          nullable: true
    Thing:
      type: object
      description: A thing.
      properties:
        object:
          type: string
          enum: [thing]
        leaf:
          $ref: '#/components/schemas/Leaf'
        deep:
          type: array
          items:
            type: object
            properties:
              a:
                oneOf:
                  - $ref: '#/components/schemas/Leaf'
                  - type: object
                    properties:
                      b:
                        type: object
                        properties:
                          c:
                            type: string
      required: [object]
    Loop:
      $ref: '#/components/schemas/Loop2'
    Loop2:
      $ref: '#/components/schemas/Loop'
    Broken:
      type: object
      properties:
        x:
          $ref: '#/components/schemas/Missing'
"#;

    #[test]
    fn inlines_cuts_and_writes_as_python() {
        let spec = yaml::parse(SPEC).expect("yaml");
        assert_eq!(component_for(&spec, "thing"), Ok("Thing".into()));
        let text = derive(&spec, "Thing", "thing").expect("derives");
        let doc: serde_json::Value = serde_json::from_str(&text).expect("json");
        assert_eq!(doc["title"], "Clerk Thing");
        assert_eq!(
            doc["description"], "A thing.",
            "the component's own replaces the header's"
        );
        assert_eq!(
            doc["properties"]["leaf"]["properties"]["n"]["nullable"],
            true
        );
        // deep(1) items(2) a(3) oneOf member(4) b(5) c(6): cut.
        let member = &doc["properties"]["deep"]["items"]["properties"]["a"]["oneOf"][1];
        assert_eq!(
            member["properties"]["b"]["properties"]["c"],
            serde_json::json!({})
        );
        // An inlined reference sits at the depth of its `$ref`: the member
        // is at 4, its `n` at 5.
        assert_eq!(
            doc["properties"]["deep"]["items"]["properties"]["a"]["oneOf"][0]["properties"]["n"]
                ["type"],
            "integer"
        );
        assert!(text.starts_with("{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n  \"$id\": \"https://raw.githubusercontent.com/api-evangelist/clerk-com/main/json-schema/clerk-thing-schema.json\",\n  \"title\": \"Clerk Thing\",\n  \"description\": \"A thing.\",\n  \"type\": \"object\""), "{text}");
        assert!(!text.ends_with('\n'));
    }

    #[test]
    fn says_where_it_cannot_derive() {
        let spec = yaml::parse(SPEC).expect("yaml");
        let e = derive(&spec, "Broken", "broken").expect_err("unresolved");
        assert_eq!(e.pointer, "/components/schemas/Broken/properties/x/$ref");
        assert!(e.message.contains("does not resolve"), "{e}");
        let e = derive(&spec, "Loop", "loop").expect_err("cycle");
        assert!(e.message.contains("cycle"), "{e}");
        let e = component_for(&spec, "user").expect_err("absent");
        assert_eq!(e.pointer, "/components/schemas");
    }
}
