//! The generator's own time: the whole pipeline (parse, name, normalize,
//! typify, model, render, format) on the Client schema and on synthetic schemas
//! 10 and 100 times its size, to show how it scales.
//!
//! `cargo bench -p clerk-types-codegen --bench generate`; see BENCHMARKS.md.

use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use serde_json::{Map, Value};

fn main() {
    divan::main();
}

const CLIENT: &[u8] = include_bytes!("../../schema/clerk-client-schema.json");

/// A schema whose properties are `copies` copies of the Client schema, each
/// with descriptions of its own so that none is identical to another (the
/// generator would share identical ones): every copy brings its own types.
fn synthetic(copies: usize) -> Vec<u8> {
    let client: Value = serde_json::from_slice(CLIENT).expect("vendored schema is JSON");
    let mut properties = Map::new();
    for i in 0..copies {
        let mut copy = client.clone();
        if let Some(obj) = copy.as_object_mut() {
            for key in ["$schema", "$id", "title"] {
                obj.remove(key);
            }
        }
        mark(&mut copy, i);
        properties.insert(format!("client_{i}"), copy);
    }
    let root = serde_json::json!({"type": "object", "properties": properties});
    serde_json::to_vec_pretty(&root).expect("serializes")
}

/// Gives every object schema under `node` a description naming copy `i`.
fn mark(node: &mut Value, i: usize) {
    if let Some(obj) = node.as_object_mut() {
        if obj.contains_key("type") {
            obj.insert("description".into(), Value::String(format!("Copy {i}.")));
        }
        for value in obj.values_mut() {
            mark(value, i);
        }
    }
}

#[divan::bench(args = [1, 10, 100], sample_count = 10)]
fn generate(bencher: Bencher, scale: usize) {
    let (file, bytes) = if scale == 1 {
        ("clerk-client-schema.json", CLIENT.to_vec())
    } else {
        ("synthetic-schema.json", synthetic(scale))
    };
    bencher.counter(BytesCount::new(bytes.len())).bench(|| {
        let names = clerk_types_codegen::Names::empty();
        let generated =
            clerk_types_codegen::generate(file, black_box(&bytes), &names).expect("generates");
        black_box(generated.source())
    });
}
