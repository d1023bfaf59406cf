//! Keeping the names file right across an upstream change, so that no
//! restructuring renames a public type silently.
//!
//! - A pinned node that moved (an identical subschema now sits elsewhere,
//!   unpinned) takes its name along.
//! - A pinned node that is gone loses its row: its type goes (a major
//!   change the report shows).
//! - A new type-bearing node is pinned under the name derived for it, the
//!   first time it appears; later restructuring cannot change it.

use serde_json::Value;

use crate::naming;
use crate::naming::names::{Names, Pin};

/// What happened to one row of the names file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Repin {
    /// The node moved; the name follows it.
    Moved {
        /// The pinned name.
        name: String,
        /// The old pointer.
        from: String,
        /// The new pointer.
        to: String,
    },
    /// The node is gone, and so is the type.
    Removed {
        /// The pinned name.
        name: String,
        /// Where the node was.
        pointer: String,
    },
    /// A new node, pinned under its derived name.
    Added {
        /// The new name.
        name: String,
        /// Where the node is.
        pointer: String,
    },
}

/// The names file for schema `key` going from `old` to `new` (both parsed
/// upstream documents), and what changed in it. Rows of other schemas are
/// kept as they are.
pub fn repin(key: &str, old: &Value, new: &Value, names: &Names) -> (Names, Vec<Repin>) {
    let mut out = names.clone();
    let mut log = Vec::new();
    let mut probe = new.clone();
    let first = naming::assign(key, &mut probe, names);
    for stale in &first.stale {
        let moved_to = old.pointer(&stale.pointer).and_then(|node| {
            let identity = crate::canonical(node);
            first
                .named
                .iter()
                .filter(|n| !n.pinned)
                .find(|n| {
                    new.pointer(&n.pointer)
                        .is_some_and(|m| crate::canonical(m) == identity)
                })
                .map(|n| n.pointer.clone())
        });
        out.unpin(key, &stale.pointer);
        match moved_to {
            Some(to) => {
                out.pin(Pin {
                    pointer: to.clone(),
                    ..stale.clone()
                });
                log.push(Repin::Moved {
                    name: stale.name.clone(),
                    from: stale.pointer.clone(),
                    to,
                });
            }
            None => log.push(Repin::Removed {
                name: stale.name.clone(),
                pointer: stale.pointer.clone(),
            }),
        }
    }
    let mut probe = new.clone();
    let second = naming::assign(key, &mut probe, &out);
    for node in second.named.iter().filter(|n| !n.pinned) {
        out.pin(Pin {
            schema: key.to_owned(),
            pointer: node.pointer.clone(),
            name: node.name.clone(),
            why: None,
        });
        log.push(Repin::Added {
            name: node.name.clone(),
            pointer: node.pointer.clone(),
        });
    }
    (out, log)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pins(rows: &[(&str, &str)]) -> Names {
        Names::from_rows("x", rows)
    }

    #[test]
    fn moves_removals_and_additions() {
        let old = json!({"properties": {
            "activity": {"properties": {"id": {"type": "string"}}},
            "gone": {"enum": ["a", "b"]}
        }});
        let new = json!({"properties": {
            "latest": {"properties": {"id": {"type": "string"}}},
            "fresh": {"properties": {}}
        }});
        let names = pins(&[
            ("", "Root"),
            ("/properties/activity", "Activity"),
            ("/properties/gone", "Gone"),
        ]);
        let (after, log) = repin("x", &old, &new, &names);
        assert!(log.contains(&Repin::Moved {
            name: "Activity".into(),
            from: "/properties/activity".into(),
            to: "/properties/latest".into()
        }));
        assert!(log.contains(&Repin::Removed {
            name: "Gone".into(),
            pointer: "/properties/gone".into()
        }));
        assert!(log.contains(&Repin::Added {
            name: "RootFresh".into(),
            pointer: "/properties/fresh".into()
        }));
        assert_eq!(
            after
                .get("x", "/properties/latest")
                .map(|p| p.name.as_str()),
            Some("Activity")
        );
        assert!(after.get("x", "/properties/gone").is_none());
    }
}
