//! Arbitrary bytes decoded as a Clerk `Client`, then strictly validated:
//! neither may panic or recurse without bound, and `from_slice` (which
//! reads UTF-8 bytes as text) decodes what serde_json decodes from the
//! bytes, to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let decoded = clerk_types::from_slice::<clerk_types::Client>(bytes);
    let plain = serde_json::from_slice::<clerk_types::Client>(bytes);
    assert_eq!(decoded.as_ref().ok(), plain.as_ref().ok());
    if let Ok(doc) = serde_json::from_slice::<serde_json::Value>(bytes) {
        let _ = clerk_types::validate::client(&doc);
        let _ = clerk_types::from_value::<clerk_types::Client>(&doc);
    }
});
