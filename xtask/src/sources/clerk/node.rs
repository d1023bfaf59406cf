//! A document as YAML 1.1 and Python see it: mappings keep their keys in
//! the order written (and a repeated key keeps its first place, its last
//! value), numbers keep their exact value. The derivation works on this,
//! not on `serde_json::Value`, whose maps are sorted.

/// One node of a parsed YAML document.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// `null`, `~`, or nothing.
    Null,
    /// A YAML 1.1 boolean (`true`, `yes`, `on`, ...).
    Bool(bool),
    /// An integer, in decimal (any size).
    Int(String),
    /// A float.
    Float(f64),
    /// A string (quoted, or a plain scalar that is nothing else).
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, keys as JSON writes them (Python's `str` of the key).
    Map(Vec<(String, Node)>),
}

impl Node {
    /// The value of key `name` of a mapping.
    pub fn get(&self, name: &str) -> Option<&Node> {
        match self {
            Node::Map(entries) => entries.iter().find(|(k, _)| k == name).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if it is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// Appends `key` to a JSON pointer, escaped.
pub fn pointer_push(pointer: &str, key: &str) -> String {
    format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"))
}
