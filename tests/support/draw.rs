//! Documents drawn from a (normalized) JSON Schema, for property tests over
//! every vendored schema: a small seeded walk over the keywords the vendored
//! files use (`type` lists with `null`, `enum`, `const`, `properties` and
//! `required`, `items`, `oneOf`/`anyOf`/`allOf`, typed and open
//! `additionalProperties`, `pattern` by its literal prefix, `format:
//! email`). What it cannot honour it draws anyway; the strict validator
//! says which drawn documents are valid, and the tests use those.

#![allow(dead_code)]

use serde_json::{json, Map, Value};

/// A small deterministic generator (splitmix64).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// A document for `schema`.
pub fn document(schema: &Value, rng: &mut Rng) -> Value {
    draw(schema, rng, 0)
}

thread_local! {
    static BREAK: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static SHAPE: std::cell::Cell<Shape> = const { std::cell::Cell::new(Shape::Random) };
}

/// Which members a drawn object has.
#[derive(Clone, Copy, PartialEq)]
enum Shape {
    /// Each optional member by chance; `null` by chance where allowed.
    Random,
    /// Every member, never `null` where a value is allowed, two items in
    /// each array, id-like strings: a complete payload, for benchmarks.
    Complete,
    /// As `Complete`, but only the required members: a payload as older
    /// API versions and test events send, with members absent.
    Required,
}

/// A complete document for `schema` (every member, values rather than
/// `null`, realistic string lengths), for benchmarks.
pub fn complete_document(schema: &Value, rng: &mut Rng) -> Value {
    with_shape(Shape::Complete, || draw(schema, rng, 0))
}

/// As [`complete_document`], with only the required members.
pub fn required_document(schema: &Value, rng: &mut Rng) -> Value {
    with_shape(Shape::Required, || draw(schema, rng, 0))
}

fn with_shape(shape: Shape, f: impl FnOnce() -> Value) -> Value {
    SHAPE.with(|s| s.set(shape));
    let doc = f();
    SHAPE.with(|s| s.set(Shape::Random));
    doc
}

fn shape() -> Shape {
    SHAPE.with(std::cell::Cell::get)
}

/// The document [`document`] draws from the same seed, with every value
/// that has a constraint (`pattern`, `format`, lengths, ranges) replaced by
/// one that breaks it: the same shape, the same draws.
pub fn document_breaking_constraints(schema: &Value, rng: &mut Rng) -> Value {
    BREAK.with(|b| b.set(true));
    let doc = draw(schema, rng, 0);
    BREAK.with(|b| b.set(false));
    doc
}

fn breaking() -> bool {
    BREAK.with(std::cell::Cell::get)
}

fn draw(schema: &Value, rng: &mut Rng, depth: usize) -> Value {
    let Some(obj) = schema.as_object() else {
        return any_json(rng, depth);
    };
    if let Some(c) = obj.get("const") {
        return c.clone();
    }
    if let Some(values) = obj.get("enum").and_then(Value::as_array) {
        if !values.is_empty() {
            return values[rng.below(values.len())].clone();
        }
    }
    let types: Vec<&str> = match obj.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    // (The draws a seed makes in `Random` are the ones it always made.)
    if types.contains(&"null") && (types.len() == 1 || (shape() == Shape::Random && rng.chance(20)))
    {
        return Value::Null;
    }
    if obj.contains_key("properties") {
        return object(obj, rng, depth);
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(members) = obj.get(key).and_then(Value::as_array) {
            if !members.is_empty() {
                let member = &members[rng.below(members.len())];
                // A member that only admits null stands for the node's null.
                return draw(member, rng, depth + 1);
            }
        }
    }
    if let Some(members) = obj.get("allOf").and_then(Value::as_array) {
        let mut merged = Map::new();
        for member in members {
            if let Value::Object(part) = draw(member, rng, depth + 1) {
                merged.extend(part);
            }
        }
        // The node's own `required` may name its members' properties
        // (Clerk's OrganizationInvitationWithPublicOrganizationData): each
        // drawn by the member that types it.
        let required = obj.get("required").and_then(Value::as_array);
        for name in required.into_iter().flatten().filter_map(Value::as_str) {
            if merged.contains_key(name) {
                continue;
            }
            let typed = members
                .iter()
                .find_map(|m| m.get("properties").and_then(|p| p.get(name)));
            if let Some(schema) = typed {
                merged.insert(name.to_owned(), draw(schema, rng, depth + 1));
            }
        }
        return Value::Object(merged);
    }
    let ty = types
        .iter()
        .copied()
        .find(|t| *t != "null")
        .or_else(|| obj.contains_key("properties").then_some("object"))
        .unwrap_or("any");
    match ty {
        "object" => object(obj, rng, depth),
        "array" => {
            let n = match shape() {
                _ if depth > 6 => 0,
                Shape::Random => rng.below(3),
                Shape::Complete => 2,
                Shape::Required => 1,
            };
            let items = obj.get("items").cloned().unwrap_or(json!({}));
            Value::Array((0..n).map(|_| draw(&items, rng, depth + 1)).collect())
        }
        "string" => string(obj, rng),
        "integer" => integer(obj, rng),
        "number" => json!(rng.below(10_000) as f64 / 8.0),
        "boolean" => json!(rng.chance(50)),
        _ => any_json(rng, depth),
    }
}

fn object(obj: &Map<String, Value>, rng: &mut Rng, depth: usize) -> Value {
    let names = |v: Option<&Value>| -> Vec<String> {
        v.and_then(Value::as_array)
            .map(|r| {
                r.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut required = names(obj.get("required"));
    // Presence rules (`anyOf: [{required: [domain]}, ...]`): one of them.
    for key in ["anyOf", "oneOf"] {
        if let Some(members) = obj.get(key).and_then(Value::as_array) {
            if !members.is_empty() {
                required.extend(names(members[rng.below(members.len())].get("required")));
            }
        }
    }
    let mut out = Map::new();
    if let Some(properties) = obj.get("properties").and_then(Value::as_object) {
        for (name, schema) in properties {
            let wanted = |rng: &mut Rng| match shape() {
                Shape::Random => rng.chance(60),
                Shape::Complete => true,
                Shape::Required => false,
            };
            if required.contains(name) || wanted(rng) {
                out.insert(name.clone(), draw(schema, rng, depth + 1));
            }
        }
        // Required without a schema (SAMLConnection's `authenticatable`).
        for name in required.iter().filter(|n| !properties.contains_key(*n)) {
            out.insert(name.clone(), json!(true));
        }
    } else {
        // A map: typed by `additionalProperties`, or anything.
        let values = match obj.get("additionalProperties") {
            Some(Value::Object(s)) => Value::Object(s.clone()),
            _ => json!({}),
        };
        let n = if shape() == Shape::Random {
            rng.below(3)
        } else {
            2
        };
        for i in 0..n {
            out.insert(format!("key{i}"), draw(&values, rng, depth + 1));
        }
    }
    Value::Object(out)
}

fn string(obj: &Map<String, Value>, rng: &mut Rng) -> Value {
    // RFC 3339 timestamps (the Backend API's billing objects), valid
    // unless breaking.
    if obj.get("format").and_then(Value::as_str) == Some("date-time") && !breaking() {
        return json!(format!(
            "2026-{:02}-{:02}T12:00:00Z",
            1 + rng.below(12),
            1 + rng.below(28)
        ));
    }
    if obj.get("format").and_then(Value::as_str) == Some("email") {
        let n = rng.below(1000);
        if breaking() {
            return json!(format!("user {n} (no at sign)"));
        }
        return json!(format!("user{n}@example.com"));
    }
    let constrained = ["pattern", "format", "minLength", "maxLength"]
        .iter()
        .any(|k| obj.contains_key(*k));
    if breaking() && constrained {
        // Breaks `^oauth_[a-z]+$`-like patterns (capitals, a space, a
        // digit), an upper-case format and any length of 2 to 40.
        let long = obj
            .get("minLength")
            .and_then(Value::as_u64)
            .is_some_and(|n| n > 40);
        return json!(if long {
            "X"
        } else {
            "Oauth linkedin_OIDC 2, breaking it: ?"
        });
    }
    if let Some(pattern) = obj.get("pattern").and_then(Value::as_str) {
        if let Some(text) = matching(pattern) {
            return json!(text);
        }
        // The literal start of the pattern, then letters; the validator
        // judges.
        let literal: String = pattern
            .trim_start_matches('^')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        return json!(format!("{literal}google"));
    }
    if shape() != Shape::Random {
        // Clerk's strings are mostly ids and URLs: an id's length.
        return json!(format!("idn_2nVW8dE3kLq9ZrX5yTb7M{:03}", rng.below(1000)));
    }
    const WORDS: [&str; 6] = [
        "",
        "a",
        "sess_2abc",
        "Ünïcødé ✓",
        "with \"quotes\"",
        "x y z",
    ];
    json!(WORDS[rng.below(WORDS.len())])
}

/// A string matching `pattern` when it is of the simple kind Clerk's ids
/// are written in: literals, a first alternative of literals
/// (`^(user|org)_`), `\w`, `\d` and `[...]` classes, each with `{n}`,
/// `{n,m}`, `+`, `*` or `?`, anchored (`^ak_[0-9A-Fa-f]{32}$`); `None`
/// for anything else.
fn matching(pattern: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = pattern.strip_prefix('^')?.chars().peekable();
    while let Some(c) = chars.next() {
        let atom: String = match c {
            '$' if chars.peek().is_none() => return Some(out),
            '(' => {
                let group: String = chars.by_ref().take_while(|c| *c != ')').collect();
                let first = group.split('|').next()?;
                if !first
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                {
                    return None;
                }
                first.to_owned()
            }
            '\\' => match chars.next()? {
                'w' => "a".into(),
                'd' => "0".into(),
                c if !c.is_ascii_alphanumeric() => c.to_string(),
                _ => return None,
            },
            '[' => {
                let class: String = chars.by_ref().take_while(|c| *c != ']').collect();
                match class.chars().next()? {
                    '\\' => "a".into(),
                    '^' => return None,
                    c => c.to_string(),
                }
            }
            c if c.is_ascii_alphanumeric() || "_-:/@ ".contains(c) => c.to_string(),
            _ => return None,
        };
        let times = match chars.peek() {
            Some('{') => {
                chars.next();
                let count: String = chars.by_ref().take_while(|c| *c != '}').collect();
                count.split(',').next()?.trim().parse::<usize>().ok()?
            }
            Some('+') => {
                chars.next();
                6
            }
            Some('*' | '?') => {
                chars.next();
                0
            }
            _ => 1,
        };
        out.push_str(&atom.repeat(times));
    }
    None
}

fn integer(obj: &Map<String, Value>, rng: &mut Rng) -> Value {
    let min = obj.get("minimum").and_then(Value::as_i64);
    let max = obj.get("maximum").and_then(Value::as_i64);
    let pick = match rng.below(4) {
        // A timestamp, as most of Clerk's integers are.
        _ if shape() != Shape::Random => 1_760_381_439_785,
        0 => 0,
        1 => 1_760_381_439_785,
        2 => rng.below(100) as i64,
        _ => i64::MAX,
    };
    if breaking() {
        if let Some(m) = min.filter(|m| *m > i64::MIN) {
            return json!(m - 1);
        }
        if let Some(m) = max.filter(|m| *m < i64::MAX) {
            return json!(m + 1);
        }
    }
    let pick = min.map_or(pick, |m| pick.max(m));
    json!(max.map_or(pick, |m| pick.min(m)))
}

/// Any JSON value, small.
pub fn any_json(rng: &mut Rng, depth: usize) -> Value {
    match rng.below(if depth > 4 { 4 } else { 6 }) {
        0 => Value::Null,
        1 => json!(rng.chance(50)),
        2 => json!(rng.below(1000)),
        3 => json!(format!("s{}", rng.below(100))),
        4 => Value::Array(
            (0..rng.below(3))
                .map(|_| any_json(rng, depth + 1))
                .collect(),
        ),
        _ => {
            let mut m = Map::new();
            for i in 0..rng.below(3) {
                m.insert(format!("k{i}"), any_json(rng, depth + 1));
            }
            Value::Object(m)
        }
    }
}

/// `doc` (of `schema`) with an unknown member put into `percent` of its
/// objects (by chance; 100 for every one):
/// not into a map whose values the schema types (`additionalProperties`
/// with a schema, such as a directory's `attribute_mapping` of strings),
/// where every member is known and a value of another type is rightly
/// refused.
pub fn with_unknowns(doc: &Value, schema: &Value, rng: &mut Rng, percent: u64) -> Value {
    /// The schemas `schema` may be: itself and its union members.
    fn alternatives(schema: &Value) -> Vec<&Value> {
        let mut all = vec![schema];
        for key in ["oneOf", "anyOf", "allOf"] {
            if let Some(Value::Array(members)) = schema.get(key) {
                all.extend(members.iter().flat_map(alternatives));
            }
        }
        all
    }
    fn typed_map(schema: &Value) -> bool {
        alternatives(schema).iter().any(
            |s| matches!(s.get("additionalProperties"), Some(Value::Object(m)) if !m.is_empty()),
        )
    }
    fn member<'s>(schema: &'s Value, key: &str) -> &'s Value {
        alternatives(schema)
            .into_iter()
            .find_map(|s| {
                s.get("properties")
                    .and_then(|p| p.get(key))
                    .or_else(|| s.get("additionalProperties").filter(|a| a.is_object()))
            })
            .unwrap_or(&Value::Null)
    }
    fn items(schema: &Value) -> &Value {
        alternatives(schema)
            .into_iter()
            .find_map(|s| s.get("items"))
            .unwrap_or(&Value::Null)
    }
    fn go(v: &mut Value, schema: &Value, rng: &mut Rng, percent: u64, depth: usize) {
        match v {
            Value::Object(m) => {
                for (key, child) in m.iter_mut() {
                    go(child, member(schema, key), rng, percent, depth + 1);
                }
                if rng.chance(percent) && !typed_map(schema) {
                    let value = any_json(rng, depth);
                    m.insert(format!("zz_unknown_{}", rng.below(1000)), value);
                }
            }
            Value::Array(list) => {
                let item = items(schema);
                list.iter_mut()
                    .for_each(|i| go(i, item, rng, percent, depth + 1));
            }
            _ => {}
        }
    }
    let mut doc = doc.clone();
    go(&mut doc, schema, rng, percent, 0);
    doc
}
