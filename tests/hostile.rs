//! Hostile schemas: the generator runs on bytes a third party publishes,
//! so every schema either becomes code that compiles or is refused in one
//! line naming the file and the node, never a panic.
//!
//! - hand-written cases, one per class of trouble seen so far (collisions
//!   after case conversion, keywords, capitals in a row, unsupported
//!   constructs, limits, doc text that would break rustdoc);
//! - a seeded mutation test over the vendored schemas and the dialect
//!   fixtures (deleted keys, changed types, duplicated or renamed
//!   properties, nodes wrapped in `oneOf`, `nullable` added), each mutant
//!   generated on its own: code or a one-line refusal;
//! - the accepted hand-written cases and a sample of accepted mutants,
//!   vendored together into one scratch copy of the crate, which must compile
//!   without warnings.

#[path = "support/scratch.rs"]
mod scratch;

use std::panic::{catch_unwind, AssertUnwindSafe};

use clerk_types_codegen::vendored::{self, Schema, Vendored};
use clerk_types_codegen::Names;
use serde_json::{json, Map, Value};

/// Generates `schema` as `file` beside the vendored Client schema: the
/// module's source, or the one-line refusal. Panics only if the generator
/// panicked, or if a refusal is not one line naming the file.
fn outcome(file: &str, schema: &Value) -> Result<String, String> {
    let bytes = serde_json::to_vec(schema).expect("json");
    outcome_bytes(file, &bytes)
}

/// The vendored Client schema, read once: what a hostile schema is
/// generated beside, here and in the scratch crate that compiles them
/// (`scratch::keep_only_the_client_schema`). Not the whole vendored set:
/// each of the hundreds of schemas here would read and check all of it
/// again, for nothing the hostile schema is about.
fn the_client_schema() -> &'static [Schema] {
    static SCHEMAS: std::sync::OnceLock<Vec<Schema>> = std::sync::OnceLock::new();
    SCHEMAS.get_or_init(|| {
        vendored::load(&scratch::repo_root().join("schema"))
            .expect("vendored")
            .schemas
            .into_iter()
            .filter(|s| s.file == vendored::CLIENT_FILE)
            .collect()
    })
}

fn outcome_bytes(file: &str, bytes: &[u8]) -> Result<String, String> {
    let label = format!("schema/{file}");
    let run = || {
        let mut schemas = the_client_schema().to_vec();
        schemas.push(Schema {
            file: file.to_owned(),
            label: label.clone(),
            bytes: bytes.to_vec(),
        });
        let key = file
            .trim_start_matches("clerk-")
            .trim_end_matches("-schema.json");
        // Beside the Client, as a build with its feature and the default
        // would generate it.
        Vendored::new(schemas, Names::empty())
            .generate_only(|k| k == key || k == "client")
            .map(|set| set.module(key).map(|m| m.source()).unwrap_or_default())
            .map_err(|e| e.to_string())
    };
    checked(file, &label, run)
}

/// Runs the generator (`run`) on what `file` names (messages say `file`):
/// never a panic, and a refusal is one short line that starts with the
/// file's `label`.
fn checked(
    file: &str,
    label: &str,
    run: impl FnOnce() -> Result<String, String>,
) -> Result<String, String> {
    let result = catch_unwind(AssertUnwindSafe(run))
        .unwrap_or_else(|_| panic!("{file}: the generator panicked"));
    if let Err(e) = &result {
        assert!(!e.contains('\n'), "{file}: not one line: {e}");
        assert!(e.starts_with(label), "{file}: does not name the file: {e}");
        assert!(e.len() < 600, "{file}: too long: {e}");
    }
    result
}

/// The hand-written cases: file, schema, and `None` if it must generate
/// (and compile), or the text its refusal must contain.
fn cases() -> Vec<(&'static str, Value, Option<&'static str>)> {
    let many: Map<String, Value> = (0..2000)
        .map(|i| (format!("p{i}"), json!({"type": "string"})))
        .collect();
    let many_types: Map<String, Value> = (0..5)
        .map(|o| {
            let props: Map<String, Value> = (0..220)
                .map(|i| {
                    (
                        format!("e{i}"),
                        json!({"type": "string", "enum": ["a", "b"]}),
                    )
                })
                .collect();
            (
                format!("o{o}"),
                json!({"type": "object", "properties": props}),
            )
        })
        .collect();
    // Definitions whose keys differ only in punctuation or case.
    let defs: Map<String, Value> = ["a-b", "a_b", "a.b", "a b", "AB", "ab"]
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let props = json!({format!("f{i}"): {"type": "string"}, "n": {"type": "integer"}});
            (
                (*k).to_owned(),
                json!({"type": "object", "properties": props}),
            )
        })
        .collect();
    let uses: Map<String, Value> = ["a-b", "a_b", "a.b", "a b", "AB", "ab"]
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let escaped = k.replace('~', "~0").replace('/', "~1");
            (
                format!("u{i}"),
                json!({"$ref": format!("#/$defs/{escaped}")}),
            )
        })
        .collect();
    let mut deep = json!({"type": "string"});
    for _ in 0..40 {
        deep = json!({"type": "object", "properties": {"a": deep}});
    }
    let mut deeper = json!({"type": "string"});
    for _ in 0..100 {
        deeper = json!({"type": "object", "properties": {"a": deeper}});
    }
    let colliding_defs = json!({"type": "object", "properties": uses, "$defs": defs});
    vec![
        ("clerk-collidingdefs-schema.json", colliding_defs, None),
        (
            "clerk-collide-schema.json",
            json!({"type": "object", "properties": {
                "fooBar": {"type": "string"}, "foo_bar": {"type": "integer"},
                "ID": {"type": "string"}, "id": {"type": "string"},
                "type": {"type": "string"}, "type_": {"type": "string"},
                "self": {"type": "string"}, "Self": {"type": "string"},
                "%": {"type": "string"}, "@": {"type": "string"}, "": {"type": "string"},
                "unknown": {"type": "string"}, "presence": {"type": "string", "nullable": true}
            }, "required": ["fooBar", "id", "type"]}),
            None,
        ),
        (
            "clerk-capitals-schema.json",
            json!({"title": "Clerk ActorTokenSTATUS", "type": "object", "properties": {
                "STATUS": {"type": "string", "enum": ["a-b", "a_b", "A B", "unknown", ""]},
                "object": {"type": "string", "enum": ["x"], "default": "x"}
            }, "required": ["object"]}),
            None,
        ),
        (
            "clerk-overrides-schema.json",
            json!({"type": "object", "properties": {"v": {
                "oneOf": [
                    {"x-speakeasy-name-override": "self", "type": "object", "properties": {"object": {"type": "string", "enum": ["a"]}}},
                    {"x-speakeasy-name-override": "Self", "type": "object", "properties": {"object": {"type": "string", "enum": ["b"]}}},
                    {"x-speakeasy-name-override": "OTP", "type": "object", "properties": {"object": {"type": "string", "enum": ["c"]}}},
                    {"x-speakeasy-name-override": "Otp", "type": "object", "properties": {"object": {"type": "string", "enum": ["d"]}}}
                ],
                "discriminator": {"propertyName": "object"}
            }}}),
            None,
        ),
        (
            "clerk-defs-schema.json",
            json!({"type": "object",
                "$defs": {"a-b": {"type": "object", "properties": {"x": {"type": "string"}}},
                          "a_b": {"type": "object", "properties": {"y": {"type": "integer"}}}},
                "properties": {"p": {"$ref": "#/$defs/a-b"}, "q": {"$ref": "#/$defs/a_b", "nullable": true},
                               "r": {"oneOf": [{"type": "string"}, {"type": "string"}]}}}),
            None,
        ),
        (
            "clerk-docs-schema.json",
            json!({"type": "object", "description": "Line\r\nbreak \u{7} bell.\n```\nlet x: NotAType = oops;\n```\n", "properties": {
                "a": {"type": "string", "description": "```rust\nfn main() { panic!() }\n```"}
            }}),
            None,
        ),
        // Regressions the mutation sweep found on Clerk's sibling schemas.
        (
            // A discriminated union of one member: typify makes it a newtype
            // with a `From` out of it; the union is written whole instead.
            "clerk-oneunion-schema.json",
            json!({"type": "object", "properties": {"v": {
                "oneOf": [{"x-speakeasy-name-override": "Passkey", "type": "object", "properties": {"object": {"type": "string", "enum": ["verification_passkey"]}}}],
                "discriminator": {"propertyName": "object"}
            }}}),
            None,
        ),
        (
            // `SessionObject` here is no tag, though the Client's is.
            "clerk-tagname-schema.json",
            json!({"title": "Clerk Session", "type": "object", "properties": {
                "object": {"oneOf": [{"type": "string", "enum": ["session"]}, {"type": "integer"}]}
            }, "required": ["object"]}),
            None,
        ),
        (
            "clerk-refunion-schema.json",
            json!({"type": "object", "$defs": {"A": {"type": "object", "properties": {"k": {"enum": ["a"]}}}},
                "properties": {"u": {"oneOf": [{"$ref": "#/$defs/A"}], "discriminator": {"propertyName": "k"}}}}),
            Some("/properties/u: member 0 of the discriminated union is a `$ref`"),
        ),
        (
            "clerk-scalarunion-schema.json",
            json!({"type": "object", "properties": {"u": {"oneOf": [{"type": "string"}], "discriminator": {"propertyName": "k"}}}}),
            Some("/properties/u: member 0 of the discriminated union is not an object"),
        ),
        (
            "clerk-nullroot-schema.json",
            json!({"type": "object", "nullable": true}),
            Some("schema/clerk-nullroot-schema.json: /: `nullable: true` on the document"),
        ),
        (
            "clerk-nulldef-schema.json",
            json!({"type": "object", "$defs": {"D": {"type": "object", "nullable": true}}, "properties": {"d": {"$ref": "#/$defs/D"}}}),
            Some("/$defs/D: `nullable: true` on a definition"),
        ),
        (
            "clerk-selfref-schema.json",
            json!({"type": "object", "$defs": {"D": {"$ref": "#/$defs/D"}}}),
            Some("/$defs/D: `$ref` \"#/$defs/D\" refers to itself"),
        ),
        (
            "clerk-2fa-schema.json",
            json!({"type": "object"}),
            Some("`2fa` cannot name a Rust module"),
        ),
        (
            "clerk-decode-schema.json",
            json!({"type": "object"}),
            Some("`decode` cannot name a module"),
        ),
        (
            // Property names that are also the builder's own words.
            "clerk-builderwords-schema.json",
            json!({"type": "object", "properties": {
                "build": {"type": "string"}, "builder": {"type": "integer"},
                "default": {"type": "boolean"}, "__invalid": {"type": "string"},
                "self": {"type": "string"}, "type": {"type": "string"},
                "into": {"type": "string"}, "missing": {"type": "array", "items": {"type": "string"}}
            }, "required": ["build", "__invalid", "self"]}),
            None,
        ),
        (
            "clerk-wide-schema.json",
            json!({"type": "object", "properties": many}),
            Some("/: 2000 properties; the generator accepts at most 256 per object"),
        ),
        (
            "clerk-types-schema.json",
            json!({"type": "object", "properties": many_types}),
            Some("/: 1106 types; the generator accepts at most 1024 per schema"),
        ),
        (
            "clerk-deep-schema.json",
            deep,
            Some("nested deeper than 32 levels"),
        ),
        (
            "clerk-deeper-schema.json",
            deeper,
            Some("not valid JSON: recursion limit exceeded"),
        ),
        (
            "clerk-tuple-schema.json",
            json!({"type": "object", "properties": {"t": {"type": "array", "items": [{"type": "string"}]}}}),
            Some("/properties/t: `items` is a list (a tuple)"),
        ),
        (
            "clerk-not-schema.json",
            json!({"type": "object", "properties": {"n": {"not": {"type": "string"}}}}),
            Some("/properties/n: `not` is not supported"),
        ),
        (
            "clerk-mixed-schema.json",
            // Not an open enum of strings: it only narrows what `m` may be
            // (any JSON here), which strict validation checks.
            json!({"type": "object", "properties": {"m": {"enum": ["a", 1, true]}}}),
            None,
        ),
        (
            "clerk-emptyunion-schema.json",
            json!({"type": "object", "properties": {"e": {"anyOf": []}}}),
            Some("/properties/e: an empty `anyOf`"),
        ),
        (
            "clerk-shape-schema.json",
            json!({"type": "object", "properties": {"s": {"type": "string", "required": "s"}}}),
            Some("/properties/s: `required` is \"s\", not a list of names"),
        ),
    ]
}

#[test]
fn hand_written_hostile_schemas_generate_or_are_refused_in_one_line() {
    for (file, schema, refusal) in cases() {
        match (outcome(file, &schema), refusal) {
            (Ok(_), None) => {}
            (Err(e), Some(expect)) => assert!(e.contains(expect), "{file}: {e}\nexpected {expect}"),
            (Ok(_), Some(expect)) => panic!("{file}: generated, but must be refused with {expect}"),
            (Err(e), None) => panic!("{file}: refused, but must generate: {e}"),
        }
    }
    // Not JSON at all, and a JSON value that is no schema.
    let e = outcome_bytes("clerk-junk-schema.json", b"{\"a\": ").expect_err("refused");
    assert!(e.contains("not valid JSON"), "{e}");
    let e = outcome_bytes("clerk-list-schema.json", b"[1]").expect_err("refused");
    assert!(e.contains("not a JSON object"), "{e}");
}

/// A small, seeded generator: the same mutants on every run.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Every object node of `schema`, by JSON pointer.
fn object_nodes(schema: &Value) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(v: &Value, at: String, out: &mut Vec<String>) {
        if let Value::Object(m) = v {
            out.push(at.clone());
            for (k, child) in m {
                let key = k.replace('~', "~0").replace('/', "~1");
                walk(child, format!("{at}/{key}"), out);
            }
        } else if let Value::Array(items) = v {
            for (i, child) in items.iter().enumerate() {
                walk(child, format!("{at}/{i}"), out);
            }
        }
    }
    walk(schema, String::new(), &mut out);
    out
}

/// One mutation of `schema` at a node `rng` picks.
fn mutate(schema: &Value, rng: &mut Seeded) -> Value {
    let mut out = schema.clone();
    let nodes = object_nodes(&out);
    let at = nodes[rng.below(nodes.len())].clone();
    let Some(Value::Object(node)) = out.pointer_mut(&at) else {
        return out;
    };
    let keys: Vec<String> = node.keys().cloned().collect();
    match rng.below(7) {
        // Delete a key.
        0 if !keys.is_empty() => {
            node.remove(&keys[rng.below(keys.len())]);
        }
        // Change a type.
        1 => {
            let types = [
                "string", "integer", "object", "array", "boolean", "null", "number",
            ];
            node.insert("type".into(), json!(types[rng.below(types.len())]));
        }
        // Duplicate a property under a name that collides after case conversion.
        2 => {
            if let Some(Value::Object(props)) = node.get_mut("properties") {
                if let Some((k, v)) = props.iter().next().map(|(k, v)| (k.clone(), v.clone())) {
                    props.insert(k.to_uppercase(), v);
                }
            }
        }
        // Rename a property.
        3 => {
            if let Some(Value::Object(props)) = node.get_mut("properties") {
                if let Some(k) = props.keys().next().cloned() {
                    if let Some(v) = props.remove(&k) {
                        props.insert(format!("{k}Renamed"), v);
                    }
                }
            }
        }
        // Wrap the node in a oneOf.
        4 => {
            let inner = Value::Object(std::mem::take(node));
            node.insert("oneOf".into(), json!([inner, {"type": "string"}]));
        }
        // Add `nullable`.
        5 => {
            node.insert("nullable".into(), json!(true));
        }
        // A value where a schema belongs.
        _ => {
            if let Some(k) = keys.first() {
                node.insert(k.clone(), json!(7));
            }
        }
    }
    out
}

/// The vendored schemas and the dialect fixtures: what is mutated.
fn seeds() -> Vec<(String, Value)> {
    let root = scratch::repo_root();
    let mut out = Vec::new();
    for dir in [root.join("schema"), root.join("tests/dialect")] {
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("dir")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.to_string_lossy().ends_with("-schema.json"))
            .collect();
        files.sort();
        for path in files {
            let text = std::fs::read_to_string(&path).expect("schema");
            let key = path
                .file_name()
                .expect("named")
                .to_string_lossy()
                .trim_start_matches("clerk-")
                .trim_end_matches("-schema.json")
                .to_owned();
            out.push((key, serde_json::from_str(&text).expect("json")));
        }
    }
    out
}

/// Mutants generated one by one: code or a one-line refusal naming the
/// file (and the node), never a panic. Returns the accepted mutants: 14
/// per seed, made once for the two tests that need them (each mutant costs
/// a run of the whole generator).
fn accepted_mutants() -> &'static [(String, Value)] {
    static ACCEPTED: std::sync::OnceLock<Vec<(String, Value)>> = std::sync::OnceLock::new();
    ACCEPTED.get_or_init(|| mutants(0x5eed_c1e7, 14))
}

fn mutants(seed: u64, per_seed: usize) -> Vec<(String, Value)> {
    let mut rng = Seeded(seed);
    let mut drawn = Vec::new();
    for (key, schema) in seeds() {
        for i in 0..per_seed {
            let mut mutant = mutate(&schema, &mut rng);
            if rng.below(2) == 0 {
                mutant = mutate(&mutant, &mut rng);
            }
            drawn.push((format!("clerk-m{key}{i}-schema.json"), mutant));
        }
    }
    let total = drawn.len();
    let accepted = generated_in_parallel(drawn);
    let refused = total - accepted.len();
    assert!(total > 0 && refused < total, "{refused} of {total} refused");
    accepted
}

/// The mutants that generate, in their order, each run through the
/// generator on as many threads as the machine has: each run is a tenth of
/// a second, and the test that compiles a sample of them waits for all.
fn generated_in_parallel(drawn: Vec<(String, Value)>) -> Vec<(String, Value)> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = drawn.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = drawn
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .filter(|(file, mutant)| outcome(file, mutant).is_ok())
                        .cloned()
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a generator run panicked"))
            .collect()
    })
}

#[test]
fn seeded_mutants_generate_or_are_refused_in_one_line() {
    // 14 per seed: about 360 mutants over the 25 vendored schemas and the
    // dialect fixtures (the ignored sweep below does thousands).
    let accepted = accepted_mutants();
    assert!(!accepted.is_empty());
}

/// The same, far more mutants and a seed of your choice, outside CI:
/// `HOSTILE_SEED=7 HOSTILE_PER_SEED=500 cargo test --test hostile -- --ignored`.
#[test]
#[ignore]
fn many_seeded_mutants() {
    let per_seed = std::env::var("HOSTILE_PER_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    let seed = std::env::var("HOSTILE_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(7);
    let accepted = mutants(seed, per_seed);
    let total = per_seed * seeds().len();
    println!(
        "{} of {total} mutants generated, the rest refused in one line",
        accepted.len()
    );
    // HOSTILE_COMPILE=N: build N of them, spread over the sweep, together.
    let sample: usize = std::env::var("HOSTILE_COMPILE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    if let Some(step) = accepted.len().checked_div(sample) {
        let dir = scratch::scratch_crate("hostile-sweep");
        scratch::keep_only_the_client_schema(&dir);
        let step = step.max(1);
        for (file, schema) in accepted.into_iter().step_by(step).take(sample) {
            std::fs::write(dir.join("schema").join(&file), schema.to_string()).expect("write");
        }
        scratch::check_lib(&dir, &[]);
    }
}

/// The accepted hand-written cases and a sample of accepted mutants
/// compile, together, in one scratch copy of the crate, without warnings.
#[test]
fn accepted_hostile_schemas_compile() {
    let dir = scratch::scratch_crate("hostile");
    scratch::keep_only_the_client_schema(&dir);
    let mut written = 0;
    for (file, schema, refusal) in cases() {
        if refusal.is_none() {
            std::fs::write(dir.join("schema").join(file), schema.to_string()).expect("write");
            written += 1;
        }
    }

    // Every keyword on every type the sweep accepts.
    let nodes = keyword_sweep().0;
    for (i, chunk) in nodes.chunks(200).enumerate() {
        let properties: Map<String, Value> = chunk
            .iter()
            .enumerate()
            .map(|(j, n)| (format!("k{j}"), n.clone()))
            .collect();
        let schema = json!({"type": "object", "properties": properties});
        let file = format!("clerk-keywords{i}-schema.json");
        std::fs::write(dir.join("schema").join(file), schema.to_string()).expect("write");
        written += 1;
    }
    // Every format on every type the sweep accepts.
    for (i, schema) in format_sweep().0.into_iter().enumerate() {
        let file = format!("clerk-sweep{i}-schema.json");
        std::fs::write(dir.join("schema").join(file), schema.to_string()).expect("write");
        written += 1;
    }
    // Last, as the other test makes them (the sweeps above run meanwhile).
    let mutants = accepted_mutants();
    for (file, schema) in mutants.iter().step_by(mutants.len() / 12 + 1).take(12) {
        std::fs::write(dir.join("schema").join(file), schema.to_string()).expect("write");
        written += 1;
    }
    assert!(written > 5);
    scratch::check_lib(&dir, &[]);
}

/// Generates `schema` alone (the sweep is thousands of schemas): the
/// source, or a refusal that must be one line naming the file.
fn outcome_alone(file: &str, schema: &Value) -> Result<String, String> {
    let bytes = serde_json::to_vec(schema).expect("json");
    let label = format!("schema/{file}");
    let run = || {
        clerk_types_codegen::generate(&label, &bytes, &Names::empty())
            .map(|g| g.source())
            .map_err(|e| e.to_string())
    };
    checked(&format!("{file} ({schema})"), &label, run)
}

/// Every `format` the generator might meet, known to typify or not.
const FORMATS: &[&str] = &[
    "int8",
    "int16",
    "int32",
    "int64",
    "int128",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "uint128",
    "uint",
    "int",
    "float",
    "double",
    "decimal",
    "date",
    "date-time",
    "time",
    "duration",
    "uuid",
    "email",
    "idn-email",
    "uri",
    "uri-reference",
    "iri",
    "hostname",
    "ipv4",
    "ipv6",
    "ip",
    "byte",
    "binary",
    "password",
    "regex",
    "json-pointer",
    "unix-time",
    "",
    "x-custom",
];

/// Every `type` shape: each JSON type, each with `null`, two at once, none.
fn type_shapes() -> Vec<Option<Value>> {
    let types = [
        "string", "integer", "number", "boolean", "object", "array", "null",
    ];
    let mut shapes: Vec<Option<Value>> = vec![None];
    for t in types {
        shapes.push(Some(json!(t)));
        if t != "null" {
            shapes.push(Some(json!([t, "null"])));
        }
    }
    shapes.push(Some(json!(["string", "integer"])));
    shapes.push(Some(json!(["integer", "number"])));
    shapes
}

/// A keyword of each kind of validation, with a value it could hold.
fn keywords() -> Vec<(&'static str, Value)> {
    vec![
        ("minLength", json!(1)),
        ("maxLength", json!(8)),
        ("pattern", json!("^a")),
        ("minimum", json!(1)),
        ("maximum", json!(9)),
        ("exclusiveMinimum", json!(0)),
        ("multipleOf", json!(2)),
        ("minItems", json!(1)),
        ("maxItems", json!(3)),
        ("uniqueItems", json!(true)),
        ("items", json!({"type": "string"})),
        ("minProperties", json!(1)),
        ("maxProperties", json!(4)),
        ("properties", json!({"a": {"type": "string"}})),
        ("additionalProperties", json!({"type": "integer"})),
        ("required", json!(["a"])),
        ("const", json!("c")),
        ("default", json!("d")),
    ]
}

/// Each validation keyword on each type shape: generated, or refused in
/// one line naming the node (never typify giving up). The accepted nodes,
/// and the refusals that break the rule.
fn keyword_sweep() -> (Vec<Value>, Vec<String>) {
    let mut accepted = Vec::new();
    let mut bad = Vec::new();
    for (keyword, value) in keywords() {
        for ty in type_shapes() {
            let mut node = json!({keyword: value});
            if let Some(ty) = &ty {
                node["type"] = ty.clone();
            }
            let schema = json!({"type": "object", "properties": {"x": node}, "required": ["x"]});
            match outcome_alone("clerk-sweep-schema.json", &schema) {
                Ok(_) => accepted.push(node),
                Err(e) if !e.contains("/properties/x") || e.contains("typify gave up") => {
                    bad.push(format!("{keyword} on {ty:?}: {e}"));
                }
                Err(_) => {}
            }
        }
    }
    (accepted, bad)
}

#[test]
fn keywords_on_every_type_generate_or_are_refused_where_they_sit() {
    let (accepted, bad) = keyword_sweep();
    assert!(
        bad.is_empty(),
        "{} refusals name no node or reached typify:\n{}",
        bad.len(),
        bad.join("\n")
    );
    assert!(accepted.len() > 100, "{}", accepted.len());
}

/// Each format on each type shape (also with OpenAPI's `nullable`, and as
/// array items): generated or refused in one line naming the file and the
/// node, never a panic or typify giving up. The accepted ones, as the
/// properties of schemas of at most 200 properties each.
fn format_sweep() -> (Vec<Value>, usize, usize) {
    static SWEEP: std::sync::OnceLock<(Vec<Value>, usize, usize)> = std::sync::OnceLock::new();
    SWEEP.get_or_init(sweep_once).clone()
}

fn sweep_once() -> (Vec<Value>, usize, usize) {
    let mut accepted = Map::new();
    let mut refused = 0;
    let mut i = 0;
    for format in FORMATS {
        for ty in type_shapes() {
            for nullable in [false, true] {
                let mut node = json!({"format": format});
                if let Some(ty) = &ty {
                    node["type"] = ty.clone();
                }
                if nullable {
                    node["nullable"] = json!(true);
                }
                for as_items in [false, true] {
                    let prop = if as_items {
                        json!({"type": "array", "items": node.clone()})
                    } else {
                        node.clone()
                    };
                    i += 1;
                    let schema =
                        json!({"type": "object", "properties": {"x": prop}, "required": ["x"]});
                    match outcome_alone("clerk-sweep-schema.json", &schema) {
                        Ok(_) => {
                            accepted.insert(format!("p{i}"), prop);
                        }
                        Err(e) => {
                            assert!(
                                e.contains("/properties/x"),
                                "format {format:?} on {ty:?}: the refusal names no node: {e}"
                            );
                            assert!(
                                !e.contains("typify gave up") && !e.contains("not yet implemented"),
                                "format {format:?} on {ty:?}: reached typify: {e}"
                            );
                            refused += 1;
                        }
                    }
                }
            }
        }
    }
    let n = accepted.len();
    let entries: Vec<(String, Value)> = accepted.into_iter().collect();
    let schemas = entries
        .chunks(200)
        .map(|chunk| {
            let properties: Map<String, Value> = chunk.iter().cloned().collect();
            json!({"type": "object", "properties": properties})
        })
        .collect();
    (schemas, n, refused)
}

#[test]
fn formats_on_every_type_generate_or_are_refused_where_they_sit() {
    let (together, accepted, refused) = format_sweep();
    assert!(
        accepted > 100 && refused > 0,
        "{accepted} accepted, {refused} refused"
    );
    // The accepted ones together generate as well (compiled below).
    for schema in &together {
        outcome_alone("clerk-sweep-schema.json", schema).expect("the accepted ones together");
    }
}
