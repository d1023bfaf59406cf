//! Arbitrary bytes decoded as the root type of every vendored schema (the
//! first byte picks which), with an oracle: whatever decodes encodes to the
//! JSON it came from (nothing lost, nothing added: absent members stay
//! absent), that JSON decodes again to the same, `missing_required()`
//! names only members the input lacks, and nothing panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|bytes: &[u8]| {
    let Some((&pick, json)) = bytes.split_first() else {
        return;
    };
    let schemas = clerk_types::SCHEMAS;
    let name = schemas[usize::from(pick) % schemas.len()].name;
    let Some(Ok(encoded)) = clerk_types::reencode(name, json) else {
        return;
    };
    // Decoding refuses a known member given twice; serde_json's Value keeps
    // the last of an unknown one, as decoding does: the same JSON.
    let input: Value = serde_json::from_slice(json).expect("it decoded, so it is JSON");
    assert_eq!(encoded, input, "{name}: not lossless");
    let again_bytes = serde_json::to_vec(&encoded).expect("encodes");
    let again = clerk_types::reencode(name, &again_bytes).expect("vendored");
    assert_eq!(again.as_ref().ok(), Some(&encoded), "{name}: not stable");
    let missing = clerk_types::missing_required(name, json)
        .expect("vendored")
        .expect("decodes");
    for pointer in missing {
        assert!(input.pointer(&pointer).is_none(), "{name}: {pointer} is there");
    }
    let _ = clerk_types::validate::schema(name, &input);
});
