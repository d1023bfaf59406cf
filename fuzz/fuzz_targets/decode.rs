//! Arbitrary bytes decoded as a Clerk `Client`, then strictly validated:
//! neither may panic or recurse without bound.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = clerk_types::from_slice::<clerk_types::Client>(bytes);
    if let Ok(doc) = serde_json::from_slice::<serde_json::Value>(bytes) {
        let _ = clerk_types::validate::client(&doc);
        let _ = clerk_types::from_value::<clerk_types::Client>(&doc);
    }
});
