//! YAML to [`Node`], read as Python's `yaml.safe_load` reads it (YAML 1.1's
//! scalar types: `yes`/`no`/`on`/`off` are booleans, `0o`-less octal,
//! `1_000`, sexagesimal numbers) except that dates stay strings, since that
//! is how api-evangelist read Clerk's files. Parsing is yaml-rust2's (its
//! event parser; the resolution of plain scalars is done here, because
//! yaml-rust2 resolves by YAML 1.2).

use anyhow::{bail, Result};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::node::Node;

/// The most nodes a document may have (Clerk's 700 KB spec has ~60 000):
/// aliases could otherwise make a small file expand without bound.
const MAX_NODES: usize = 5_000_000;

/// Parses `text` (one YAML document) into a [`Node`]; errors say the line
/// and column.
pub fn parse(text: &str) -> Result<Node> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    if let Err(e) = parser.load(&mut builder, false) {
        bail!("not YAML: {e}");
    }
    if let Some(e) = builder.error {
        bail!("{e}");
    }
    match builder.done {
        Some(node) => Ok(node),
        None => bail!("not YAML: no document"),
    }
}

#[derive(Default)]
struct Builder {
    /// Open collections: a sequence, or a mapping with its pending key.
    stack: Vec<Open>,
    anchors: Vec<(usize, Node)>,
    done: Option<Node>,
    error: Option<String>,
    nodes: usize,
}

enum Open {
    Seq(usize, Vec<Node>),
    Map(usize, Vec<(String, Node)>, Option<String>),
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        if self.error.is_some() {
            return;
        }
        let at = format!("line {} column {}", mark.line(), mark.col() + 1);
        match event {
            Event::SequenceStart(anchor, _) => self.stack.push(Open::Seq(anchor, Vec::new())),
            Event::MappingStart(anchor, _) => self.stack.push(Open::Map(anchor, Vec::new(), None)),
            Event::SequenceEnd => {
                if let Some(Open::Seq(anchor, items)) = self.stack.pop() {
                    self.value(anchor, Node::Seq(items), &at);
                }
            }
            Event::MappingEnd => {
                if let Some(Open::Map(anchor, entries, _)) = self.stack.pop() {
                    self.value(anchor, Node::Map(entries), &at);
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                let tag = tag.map(|t| format!("{}{}", t.handle, t.suffix));
                match scalar(&text, style, tag.as_deref()) {
                    Ok(node) => self.value(anchor, node, &at),
                    Err(e) => self.error = Some(format!("{e} at {at}")),
                }
            }
            Event::Alias(id) => match self.anchors.iter().rev().find(|(a, _)| *a == id) {
                Some((_, node)) => {
                    let node = node.clone();
                    self.nodes += count(&node);
                    self.value(0, node, &at);
                }
                None => self.error = Some(format!("an alias to an unknown anchor at {at}")),
            },
            _ => {}
        }
    }
}

impl Builder {
    fn value(&mut self, anchor: usize, node: Node, at: &str) {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            self.error = Some(format!("more than {MAX_NODES} nodes (aliases?) at {at}"));
            return;
        }
        if anchor > 0 {
            self.anchors.push((anchor, node.clone()));
        }
        match self.stack.last_mut() {
            None => {
                if self.done.is_none() {
                    self.done = Some(node);
                }
            }
            Some(Open::Seq(_, items)) => items.push(node),
            Some(Open::Map(_, entries, pending)) => match pending.take() {
                None => match key(&node) {
                    Some(k) if k == "<<" => {
                        self.error = Some(format!("a YAML merge key (`<<`) at {at}: not supported"))
                    }
                    Some(k) => *pending = Some(k),
                    None => {
                        self.error = Some(format!("a mapping key that is not a scalar at {at}"))
                    }
                },
                // Python's dict: a repeated key keeps its place, takes the
                // last value.
                Some(k) => match entries.iter_mut().find(|(e, _)| *e == k) {
                    Some(slot) => slot.1 = node,
                    None => entries.push((k, node)),
                },
            },
        }
    }
}

fn count(node: &Node) -> usize {
    match node {
        Node::Seq(items) => 1 + items.iter().map(count).sum::<usize>(),
        Node::Map(entries) => 1 + entries.iter().map(|(_, v)| count(v)).sum::<usize>(),
        _ => 1,
    }
}

/// A key as `json.dumps` writes a dict key: strings as they are, numbers,
/// booleans and null as Python's `str`/JSON spell them.
fn key(node: &Node) -> Option<String> {
    Some(match node {
        Node::Str(s) => s.clone(),
        Node::Int(i) => i.clone(),
        Node::Float(f) => super::pyjson::float(*f),
        Node::Bool(true) => "true".into(),
        Node::Bool(false) => "false".into(),
        Node::Null => "null".into(),
        Node::Seq(_) | Node::Map(_) => return None,
    })
}

/// A scalar by YAML 1.1's resolution (PyYAML's SafeLoader), dates aside.
fn scalar(text: &str, style: TScalarStyle, tag: Option<&str>) -> Result<Node> {
    match tag {
        Some("tag:yaml.org,2002:str") | Some("!!str") => return Ok(Node::Str(text.to_owned())),
        Some(t) if t.starts_with('!') && !t.starts_with("!!") => {
            bail!("a local tag {t}: not supported")
        }
        _ => {}
    }
    if style != TScalarStyle::Plain {
        return Ok(Node::Str(text.to_owned()));
    }
    Ok(plain(text))
}

fn plain(text: &str) -> Node {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Node::Null,
        "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Node::Bool(true)
        }
        "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Node::Bool(false)
        }
        _ => {}
    }
    if let Some(i) = int(text) {
        return Node::Int(i);
    }
    if let Some(f) = float(text) {
        return Node::Float(f);
    }
    Node::Str(text.to_owned())
}

/// PyYAML's int: `[-+]?0b[01_]+ | [-+]?0[0-7_]+ | [-+]?(0|[1-9][0-9_]*) |
/// [-+]?0x[0-9a-fA-F_]+ | [-+]?[1-9][0-9_]*(:[0-5]?[0-9])+`, in decimal.
fn int(text: &str) -> Option<String> {
    let (negative, body) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let digits = |s: &str, radix: u32| -> Option<u128> {
        let clean: String = s.chars().filter(|c| *c != '_').collect();
        if clean.is_empty() || !s.chars().all(|c| c == '_' || c.is_digit(radix)) {
            return None;
        }
        u128::from_str_radix(&clean, radix).ok()
    };
    let value: u128 = if let Some(b) = body.strip_prefix("0b") {
        digits(b, 2)?
    } else if let Some(h) = body.strip_prefix("0x") {
        digits(h, 16)?
    } else if body == "0" {
        0
    } else if let Some(o) = body.strip_prefix('0') {
        digits(o, 8)?
    } else if body.contains(':') {
        let mut parts = body.split(':');
        let first = parts.next()?;
        if !first.starts_with(|c: char| ('1'..='9').contains(&c)) {
            return None;
        }
        let mut value = digits(first, 10)?;
        for part in parts {
            if part.is_empty() || part.len() > 2 || !part.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let n: u128 = part.parse().ok()?;
            if n > 59 || (part.len() == 2 && part.as_bytes()[0] > b'5') {
                return None;
            }
            value = value.checked_mul(60)?.checked_add(n)?;
        }
        value
    } else if body.starts_with(|c: char| ('1'..='9').contains(&c)) {
        digits(body, 10)?
    } else {
        return None;
    };
    Some(if negative && value != 0 {
        format!("-{value}")
    } else {
        value.to_string()
    })
}

/// PyYAML's float: `[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+][0-9]+)?`,
/// sexagesimal `[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*`, `.inf`, `.nan`.
fn float(text: &str) -> Option<f64> {
    let (sign, body) = match text.as_bytes().first()? {
        b'-' => (-1.0, &text[1..]),
        b'+' => (1.0, &text[1..]),
        _ => (1.0, text),
    };
    match body {
        ".inf" | ".Inf" | ".INF" => return Some(sign * f64::INFINITY),
        ".nan" | ".NaN" | ".NAN" if text == body => return Some(f64::NAN),
        _ => {}
    }
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    if let Some(e) = exponent {
        let digits = e.strip_prefix(['-', '+'])?;
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    let (whole, fraction) = mantissa.split_once('.')?;
    if whole.contains(':') {
        if exponent.is_some() {
            return None;
        }
        let mut parts = whole.split(':');
        let first = parts.next()?;
        if first.is_empty() || !first.bytes().all(|b| b.is_ascii_digit() || b == b'_') {
            return None;
        }
        let mut value: f64 = first.replace('_', "").parse().ok()?;
        for part in parts {
            let n: f64 = part.parse().ok()?;
            if part.is_empty() || part.len() > 2 || n > 59.0 {
                return None;
            }
            value = value * 60.0 + n;
        }
        let fraction: String = fraction.chars().filter(|c| *c != '_').collect();
        if !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let f: f64 = format!("0.{fraction}0").parse().ok()?;
        return Some(sign * (value + f));
    }
    let whole_ok = whole.is_empty()
        || (whole.starts_with(|c: char| c.is_ascii_digit())
            && whole.bytes().all(|b| b.is_ascii_digit() || b == b'_'));
    let fraction_ok = fraction.bytes().all(|b| b.is_ascii_digit() || b == b'_');
    if !whole_ok || !fraction_ok || (whole.is_empty() && fraction.is_empty()) {
        return None;
    }
    if whole.is_empty() && !fraction.starts_with(|c: char| c.is_ascii_digit() || c == '_') {
        return None;
    }
    let clean: String = body.chars().filter(|c| *c != '_').collect();
    let clean = if clean.starts_with('.') {
        format!("0{clean}")
    } else {
        clean
    };
    let clean = clean.replace(".e", ".0e").replace(".E", ".0E");
    let value: f64 = clean.trim_end_matches('.').parse().ok()?;
    Some(sign * value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Node {
        parse(&format!("v: {text}\n"))
            .expect("yaml")
            .get("v")
            .cloned()
            .expect("v")
    }

    #[test]
    fn scalars_resolve_as_yaml_1_1() {
        assert_eq!(one("yes"), Node::Bool(true));
        assert_eq!(one("Off"), Node::Bool(false));
        assert_eq!(one("~"), Node::Null);
        assert_eq!(one(""), Node::Null);
        assert_eq!(one("'yes'"), Node::Str("yes".into()));
        assert_eq!(one("010"), Node::Int("8".into()));
        assert_eq!(one("0x1F"), Node::Int("31".into()));
        assert_eq!(one("1_000"), Node::Int("1000".into()));
        assert_eq!(one("1:30"), Node::Int("90".into()));
        assert_eq!(one("-0"), Node::Int("0".into()));
        assert_eq!(one("1.5"), Node::Float(1.5));
        assert_eq!(one("1e5"), Node::Str("1e5".into()), "PyYAML wants a dot");
        assert_eq!(one("1.0e+5"), Node::Float(100000.0));
        assert_eq!(one(".5"), Node::Float(0.5));
        assert_eq!(
            one("2025-11-10"),
            Node::Str("2025-11-10".into()),
            "dates stay strings"
        );
        assert_eq!(one("v1.2"), Node::Str("v1.2".into()));
        assert_eq!(one("!!str 12"), Node::Str("12".into()));
        assert_eq!(
            one("99999999999999999999999"),
            Node::Int("99999999999999999999999".into())
        );
    }

    #[test]
    fn mappings_keep_order_and_repeated_keys_their_place() {
        let node = parse("b: 1\na: 2\nb: 3\n200: x\n").expect("yaml");
        assert_eq!(
            node,
            Node::Map(vec![
                ("b".into(), Node::Int("3".into())),
                ("a".into(), Node::Int("2".into())),
                ("200".into(), Node::Str("x".into())),
            ])
        );
    }

    #[test]
    fn aliases_expand_and_bad_input_says_where() {
        let node = parse("a: &x {k: 1}\nb: *x\n").expect("yaml");
        assert_eq!(node.get("a"), node.get("b"));
        let err = parse("a: [1, 2\nb: 3").expect_err("broken").to_string();
        assert!(err.starts_with("not YAML"), "{err}");
        assert!(err.contains("line"), "{err}");
        assert!(parse("<<: {a: 1}\n").is_err());
        let bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n";
        assert!(parse(bomb)
            .expect_err("a billion laughs")
            .to_string()
            .contains("nodes"));
    }
}
