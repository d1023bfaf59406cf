//! The webhooks catalog: which event types Clerk sends and what each one's
//! `data` is, derived from Clerk's webhooks spec (`webhooks/<date>.yml`).
//! The crate's build reads this JSON, never the YAML.
//!
//! The rule: each entry of `x-webhooks` is an event type; its `data` is the
//! `data` property of the member of the request body's `allOf` that has one
//! (the other is the envelope, `WebhookEventPayload`). A `$ref` to a component
//! names the object; a component that is an `allOf` of a `$ref` and a schema
//! with `properties` is that object with more members: those that are
//! `$ref`s are typed (`members`), the rest stay among the object's unknown
//! members. Pure: the spec in, bytes out, or the pointer of what the rule
//! cannot read.

use std::collections::BTreeMap;

pub use clerk_types_codegen::webhooks::catalog::{Catalog, Data};

use super::derive::{component_named, Underivable};
use super::node::{pointer_push, Node};

/// The rule's version, recorded in the manifest beside what it derived.
pub const RULE: &str = "clerk-types-webhooks-1";

/// The catalog of `spec` (a parsed `webhooks/<date>.yml`).
pub fn derive(spec: &Node) -> Result<Catalog, Underivable> {
    let refuse = |pointer: &str, message: &str| Underivable {
        pointer: pointer.to_owned(),
        message: message.to_owned(),
    };
    let Some(Node::Map(hooks)) = spec.get("x-webhooks") else {
        return Err(refuse("/x-webhooks", "the spec has no x-webhooks mapping"));
    };
    let mut events = BTreeMap::new();
    for (event, item) in hooks {
        let at = pointer_push("/x-webhooks", event);
        let Node::Map(operations) = item else {
            return Err(refuse(&at, "not a mapping of operations"));
        };
        let Some((method, operation)) = operations.first() else {
            return Err(refuse(&at, "no operation"));
        };
        let at = pointer_push(&at, method);
        let body_at = format!("{at}/requestBody/content/application~1json/schema");
        let body = operation
            .get("requestBody")
            .and_then(|b| b.get("content"))
            .and_then(|c| c.get("application/json"))
            .and_then(|c| c.get("schema"))
            .ok_or_else(|| refuse(&body_at, "no JSON request body schema"))?;
        let (data_at, data) = match body.get("allOf") {
            Some(Node::Seq(members)) => members.iter().enumerate().find_map(|(i, m)| {
                let data = m.get("properties").and_then(|p| p.get("data"))?;
                Some((format!("{body_at}/allOf/{i}/properties/data"), data))
            }),
            _ => None,
        }
        .ok_or_else(|| {
            refuse(
                &format!("{body_at}/allOf"),
                "no `data` beside the envelope in the body's allOf",
            )
        })?;
        let mut entry = data_of(spec, data, &data_at)?;
        entry.description = operation
            .get("description")
            .and_then(Node::as_str)
            .map(str::to_owned);
        events.insert(event.clone(), entry);
    }
    if events.is_empty() {
        return Err(refuse("/x-webhooks", "no event types"));
    }
    Ok(Catalog { events })
}

/// What a `data` schema names: a component, or a component with members.
fn data_of(spec: &Node, data: &Node, at: &str) -> Result<Data, Underivable> {
    if let Some(name) = component_ref(data) {
        let component = component(spec, name, at)?;
        if component.get("allOf").is_some() {
            let at = pointer_push("/components/schemas", name);
            let mut entry = extended(spec, component, &at)?;
            entry.name = (!entry.members.is_empty()).then(|| name.to_owned());
            return Ok(entry);
        }
        return Ok(Data {
            object: name.to_owned(),
            members: BTreeMap::new(),
            name: None,
            description: None,
        });
    }
    if data.get("allOf").is_some() {
        return extended(spec, data, at);
    }
    Err(Underivable {
        pointer: at.to_owned(),
        message: "neither a `$ref` to a component nor an `allOf` extending one".to_owned(),
    })
}

/// An `allOf` of one component and schemas adding `properties`.
fn extended(spec: &Node, node: &Node, at: &str) -> Result<Data, Underivable> {
    let Some(Node::Seq(parts)) = node.get("allOf") else {
        return Err(Underivable {
            pointer: at.to_owned(),
            message: "`allOf` is not a list".to_owned(),
        });
    };
    let bases: Vec<&str> = parts.iter().filter_map(component_ref).collect();
    let [object] = bases.as_slice() else {
        return Err(Underivable {
            pointer: format!("{at}/allOf"),
            message: format!(
                "{} `$ref`s to components; the rule reads an allOf of exactly one, extended",
                bases.len()
            ),
        });
    };
    component(spec, object, at)?;
    let mut members = BTreeMap::new();
    for part in parts {
        if let Some(Node::Map(properties)) = part.get("properties") {
            for (member, schema) in properties {
                if let Some(target) = component_ref(schema) {
                    component(spec, target, at)?;
                    members.insert(member.clone(), target.to_owned());
                }
            }
        }
    }
    Ok(Data {
        object: (*object).to_owned(),
        members,
        name: None,
        description: None,
    })
}

/// The component a `{$ref: '#/components/schemas/X'}` names.
fn component_ref(node: &Node) -> Option<&str> {
    node.get("$ref")?
        .as_str()?
        .strip_prefix("#/components/schemas/")
}

fn component<'a>(spec: &'a Node, name: &str, at: &str) -> Result<&'a Node, Underivable> {
    component_named(spec, name).ok_or_else(|| Underivable {
        pointer: at.to_owned(),
        message: format!("`$ref` to components.schemas.{name}, which the spec does not have"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::clerk::yaml;

    const SPEC: &str = r##"
openapi: 3.0.3
x-webhooks:
  user.created:
    post:
      description: User created
      requestBody:
        content:
          application/json:
            schema:
              allOf:
                - $ref: '#/components/schemas/WebhookEventPayload'
                - properties:
                    data:
                      $ref: '#/components/schemas/User'
  session.created:
    post:
      requestBody:
        content:
          application/json:
            schema:
              allOf:
                - $ref: '#/components/schemas/WebhookEventPayload'
                - properties:
                    data:
                      $ref: '#/components/schemas/SessionEventPayload'
  invitation.created:
    post:
      requestBody:
        content:
          application/json:
            schema:
              allOf:
                - $ref: '#/components/schemas/WebhookEventPayload'
                - properties:
                    data:
                      allOf:
                        - $ref: '#/components/schemas/Invitation'
                        - properties:
                            data: {type: object}
components:
  schemas:
    WebhookEventPayload: {type: object}
    User: {type: object}
    Session: {type: object}
    Invitation: {type: object}
    SessionEventPayload:
      allOf:
        - $ref: '#/components/schemas/Session'
        - properties:
            user:
              $ref: '#/components/schemas/User'
"##;

    #[test]
    fn reads_objects_extensions_and_descriptions() {
        let catalog = derive(&yaml::parse(SPEC).unwrap()).unwrap();
        let user = &catalog.events["user.created"];
        assert_eq!(user.object, "User");
        assert_eq!(user.description.as_deref(), Some("User created"));
        let session = &catalog.events["session.created"];
        assert_eq!(session.object, "Session");
        assert_eq!(session.members["user"], "User");
        assert_eq!(session.name.as_deref(), Some("SessionEventPayload"));
        // Inline extra members stay untyped: no members, no name.
        let invitation = &catalog.events["invitation.created"];
        assert_eq!(
            (invitation.object.as_str(), invitation.members.len()),
            ("Invitation", 0)
        );
        assert_eq!(catalog.components(), ["Invitation", "Session", "User"]);
        let text = catalog.render();
        assert_eq!(serde_json::from_str::<Catalog>(&text).unwrap(), catalog);
    }

    #[test]
    fn refuses_with_the_pointer() {
        let broken = SPEC.replace(
            "'#/components/schemas/User'\n  session",
            "'#/components/schemas/Nope'\n  session",
        );
        let e = derive(&yaml::parse(&broken).unwrap()).unwrap_err();
        assert_eq!(e.pointer, "/x-webhooks/user.created/post/requestBody/content/application~1json/schema/allOf/1/properties/data");
        assert!(e.message.contains("Nope"), "{e}");
        let e = derive(&yaml::parse("openapi: 3.0.3\n").unwrap()).unwrap_err();
        assert_eq!(e.pointer, "/x-webhooks");
    }
}
