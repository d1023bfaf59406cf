//! The operations catalog in `sync-schema`: derive it from Clerk's newest
//! `bapi/<date>.yml` (or `--api-version`), compare its operations with the
//! vendored catalog, say what each change does to users, and with
//! `--write` vendor the spec's bytes and the catalog.
//!
//! What a change does, operation by operation (the request types are
//! `clerk_types::api::<OperationId>`):
//! - added: minor (a new request type);
//! - removed: major (its request type goes); the current release still
//!   sends it, and Clerk answers what it now answers for that path;
//! - the method or path changed: major, and the current release sends the
//!   old request;
//! - a parameter or body member added: minor when optional (a new setter),
//!   major when required (a new argument to `new`, or a request Clerk
//!   refuses without it);
//! - a parameter or body member removed, or its schema changed: major;
//! - the success body's schema changed: major (its type may change); the
//!   objects' own changes are reported with their schemas;
//! - only descriptions changed: patch.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Result;
use clerk_types_codegen::api::catalog::{Catalog, Operation};
use clerk_types_codegen::compat::Bump;
pub use clerk_types_codegen::vendored::OPERATIONS_FILE as FILE;
use serde_json::Value;

use crate::sources::clerk::{self, Family};
use crate::sources::{Provenance, Sources};

/// What changed between the vendored catalog and upstream's.
pub struct Drift {
    /// Its bytes as vendored.
    pub text: String,
    /// The spec file's bytes, vendored beside it.
    pub spec_bytes: Vec<u8>,
    /// Where they came from.
    pub provenance: Provenance,
    /// One line per changed operation: its id, what changed, the bump.
    pub changes: Vec<Change>,
}

/// One operation's change.
pub struct Change {
    /// `+`, `-` or `~`.
    pub sign: char,
    /// The operationId.
    pub id: String,
    /// What changed, in words.
    pub what: String,
    /// The bump it asks for.
    pub bump: Bump,
}

impl Drift {
    /// The semver bump the catalog's change alone asks for.
    pub fn bump(&self) -> Bump {
        self.changes
            .iter()
            .map(|c| c.bump)
            .max()
            .unwrap_or(Bump::Patch)
    }

    /// The report, one line per change.
    pub fn render(&self, old_path: Option<&str>, reference: &str) -> String {
        let mut out = format!(
            "schema/{FILE}: {} at {reference} ({}) differs from the vendored catalog{}\n",
            self.provenance.path,
            clerk::short(&self.provenance.commit),
            old_path.map(|p| format!(" (from {p})")).unwrap_or_default(),
        );
        for c in &self.changes {
            out.push_str(&format!(
                "  {} operation `{}` (api::{}): {}: {}\n",
                c.sign,
                c.id,
                clerk_types_codegen::api::model::type_name(&c.id),
                c.what,
                c.bump
            ));
        }
        if self.changes.is_empty() {
            out.push_str("  no operation changed (the components or the version did): patch\n");
        }
        out
    }
}

/// The catalog Clerk's spec gives at the run's ref, with the spec's bytes.
pub struct SpecOperations {
    /// The catalog.
    pub catalog: Catalog,
    /// The spec file's bytes, vendored beside the catalog.
    pub spec_bytes: Vec<u8>,
    /// The spec file (`bapi/2026-05-12.yml`).
    pub spec_path: String,
    /// The commit it was read at.
    pub commit: String,
    /// The catalog's provenance (the spec and the rule).
    pub provenance: Provenance,
}

/// Fetches Clerk's newest Backend API spec (or the run's version) and
/// derives its operations catalog.
pub fn fetch(sources: &mut Sources) -> Result<SpecOperations> {
    let spec = sources.spec(Family::Bapi)?;
    let version = clerk::version_of(&spec.path);
    let catalog = clerk::operations::derive(&spec.root, &version).map_err(|e| {
        anyhow::anyhow!(
            "{} {} at {}: {e}; the rule cannot derive the operations catalog",
            clerk::REPOSITORY,
            spec.path,
            clerk::short(&spec.commit)
        )
    })?;
    Ok(SpecOperations {
        catalog,
        spec_bytes: spec.bytes.clone(),
        spec_path: spec.path.clone(),
        commit: spec.commit.clone(),
        provenance: spec.provenance(String::new(), clerk::operations::RULE),
    })
}

/// Compares the vendored catalog (`old`, `None` when not vendored yet) with
/// the one Clerk's spec gives (`now`). `None` when they agree.
pub fn compare(old: Option<&Catalog>, now: &SpecOperations) -> Option<Drift> {
    let new = now.catalog.clone();
    if old.is_some_and(|o| o == &new) {
        return None;
    }
    let empty = Catalog::default();
    let before = old.unwrap_or(&empty);
    Some(Drift {
        text: new.render(),
        changes: changes(before, &new),
        spec_bytes: now.spec_bytes.clone(),
        provenance: now.provenance.clone(),
    })
}

/// Every operation added, removed or changed from `before` to `after`.
pub fn changes(before: &Catalog, after: &Catalog) -> Vec<Change> {
    // An answer the rule names is compared as written: naming one (as
    // `clerk-types-operations-2` first did) changes no operation.
    let (before, after) = (&answers_inlined(before), &answers_inlined(after));
    let mut out = Vec::new();
    for (id, op) in &after.operations {
        match before.operations.get(id) {
            None => out.push(Change {
                sign: '+',
                id: id.clone(),
                what: format!(
                    "{} {} (a new request type; the current release cannot send it)",
                    op.method, op.path
                ),
                bump: Bump::Minor,
            }),
            Some(old) if old != op => {
                let (what, bump) = difference(old, op);
                out.push(Change {
                    sign: '~',
                    id: id.clone(),
                    what,
                    bump,
                });
            }
            Some(_) => {}
        }
    }
    for (id, op) in &before.operations {
        if !after.operations.contains_key(id) {
            out.push(Change {
                sign: '-',
                id: id.clone(),
                what: format!(
                    "{} {} (its request type goes; the current release still sends it, and Clerk answers what it now answers there)",
                    op.method, op.path
                ),
                bump: Bump::Major,
            });
        }
    }
    out
}

/// `catalog` with every success schema's `$ref` to a named answer replaced
/// by the answer.
fn answers_inlined(catalog: &Catalog) -> Catalog {
    let mut out = catalog.clone();
    for op in out.operations.values_mut() {
        if let Some(schema) = &mut op.success.schema {
            inline_answers(schema, catalog);
        }
    }
    out
}

fn inline_answers(schema: &mut Value, catalog: &Catalog) {
    let named = schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(clerk_types_codegen::api::catalog::component_of)
        .filter(|name| catalog.answers.contains_key(*name))
        .and_then(|name| catalog.components.get(name));
    if let Some(answer) = named {
        *schema = answer.clone();
        return;
    }
    match schema {
        Value::Object(map) => map.values_mut().for_each(|v| inline_answers(v, catalog)),
        Value::Array(items) => items.iter_mut().for_each(|v| inline_answers(v, catalog)),
        _ => {}
    }
}

/// What changed in one operation, and the bump.
fn difference(old: &Operation, new: &Operation) -> (String, Bump) {
    let mut what = Vec::new();
    let mut bump = Bump::Patch;
    let mut raise = |b: Bump| bump = bump.max(b);
    if (&old.method, &old.path) != (&new.method, &new.path) {
        what.push(format!(
            "{} {} -> {} {} (the current release sends the old request)",
            old.method, old.path, new.method, new.path
        ));
        raise(Bump::Major);
    }
    let params = |op: &Operation| -> BTreeMap<(String, String), (bool, Value, bool)> {
        op.parameters
            .iter()
            .map(|p| {
                (
                    (p.location.clone(), p.name.clone()),
                    (p.required, p.schema.clone(), p.explode),
                )
            })
            .collect()
    };
    let (a, b) = (params(old), params(new));
    for ((at, name), (required, ..)) in &b {
        if !a.contains_key(&(at.clone(), name.clone())) {
            what.push(format!(
                "{} {at} parameter `{name}` added",
                if *required { "required" } else { "optional" }
            ));
            raise(if *required { Bump::Major } else { Bump::Minor });
        }
    }
    for ((at, name), before) in &a {
        match b.get(&(at.clone(), name.clone())) {
            None => {
                what.push(format!("{at} parameter `{name}` removed"));
                raise(Bump::Major);
            }
            Some(after)
                if without_docs(&after.1) != without_docs(&before.1)
                    || after.0 != before.0
                    || after.2 != before.2 =>
            {
                what.push(format!("{at} parameter `{name}` changed"));
                raise(Bump::Major);
            }
            Some(_) => {}
        }
    }
    let members = |op: &Operation| -> BTreeMap<String, Value> {
        op.body
            .as_ref()
            .and_then(|b| b.schema.get("properties"))
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), without_docs(v)))
                    .collect()
            })
            .unwrap_or_default()
    };
    let required = |op: &Operation| -> BTreeSet<String> {
        op.body
            .as_ref()
            .and_then(|b| b.schema.get("required"))
            .and_then(Value::as_array)
            .map(|r| {
                r.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let (ma, mb, rb) = (members(old), members(new), required(new));
    for name in mb.keys().filter(|k| !ma.contains_key(*k)) {
        let req = rb.contains(name);
        what.push(format!(
            "{} body member `{name}` added",
            if req { "required" } else { "optional" }
        ));
        raise(if req { Bump::Major } else { Bump::Minor });
    }
    for (name, schema) in &ma {
        match mb.get(name) {
            None => {
                what.push(format!("body member `{name}` removed"));
                raise(Bump::Major);
            }
            Some(s) if s != schema => {
                what.push(format!("body member `{name}` changed"));
                raise(Bump::Major);
            }
            Some(_) => {}
        }
    }
    let body_kind = |op: &Operation| {
        op.body.as_ref().map(|b| {
            (
                b.content.clone(),
                without_docs(&b.schema.get("type").cloned().unwrap_or(Value::Null)),
            )
        })
    };
    if body_kind(old) != body_kind(new) {
        what.push("the request body's kind changed".to_owned());
        raise(Bump::Major);
    }
    let success = |op: &Operation| {
        (
            op.success.status,
            op.success.schema.as_ref().map(without_docs),
        )
    };
    if success(old) != success(new) {
        what.push("the success response changed (its type may change)".to_owned());
        raise(Bump::Major);
    }
    if old.deprecated != new.deprecated {
        what.push(
            if new.deprecated {
                "now deprecated"
            } else {
                "no longer deprecated"
            }
            .to_owned(),
        );
        raise(Bump::Minor);
    }
    if what.is_empty() {
        what.push("documentation".to_owned());
    }
    (what.join("; "), bump)
}

/// `value` without `description`, `example` and `examples` members: what
/// changes no type.
fn without_docs(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| !matches!(k.as_str(), "description" | "example" | "examples"))
                .map(|(k, v)| (k.clone(), without_docs(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_docs).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog(ops: Value) -> Catalog {
        serde_json::from_value(serde_json::json!({
            "version": "2026-05-12", "server": "https://api.clerk.com/v1", "operations": ops
        }))
        .unwrap()
    }

    #[test]
    fn classifies_each_kind_of_change() {
        let before = catalog(serde_json::json!({
            "GetUser": {"method": "GET", "path": "/users/{user_id}",
                "parameters": [{"name": "user_id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "success": {"status": 200, "schema": {"$ref": "#/components/schemas/User"}}},
            "DeleteUser": {"method": "DELETE", "path": "/users/{user_id}", "success": {"status": 200}},
            "UpdateUser": {"method": "PATCH", "path": "/users/{user_id}",
                "body": {"content": "application/json", "schema": {"type": "object", "properties": {"first_name": {"type": "string"}}}},
                "success": {"status": 200}}
        }));
        let after = catalog(serde_json::json!({
            "GetUser": {"method": "GET", "path": "/users/{user_id}", "summary": "new words",
                "parameters": [{"name": "user_id", "in": "path", "required": true, "schema": {"type": "string", "description": "x"}}],
                "success": {"status": 200, "schema": {"$ref": "#/components/schemas/User"}}},
            "UpdateUser": {"method": "PATCH", "path": "/users/{user_id}",
                "body": {"content": "application/json", "schema": {"type": "object", "properties": {"first_name": {"type": "string"}, "last_name": {"type": "string"}}}},
                "success": {"status": 200}},
            "CreateUser": {"method": "POST", "path": "/users", "success": {"status": 200}}
        }));
        let changes = changes(&before, &after);
        let find = |id: &str| changes.iter().find(|c| c.id == id).unwrap();
        assert_eq!(
            (find("CreateUser").sign, find("CreateUser").bump),
            ('+', Bump::Minor)
        );
        assert_eq!(
            (find("DeleteUser").sign, find("DeleteUser").bump),
            ('-', Bump::Major)
        );
        assert_eq!(
            find("GetUser").bump,
            Bump::Patch,
            "{}",
            find("GetUser").what
        );
        let update = find("UpdateUser");
        assert_eq!(update.bump, Bump::Minor);
        assert!(
            update
                .what
                .contains("optional body member `last_name` added"),
            "{}",
            update.what
        );
        // And back: a member removed is major.
        let back = super::changes(&after, &before);
        assert_eq!(
            back.iter().find(|c| c.id == "UpdateUser").unwrap().bump,
            Bump::Major
        );
    }
}
