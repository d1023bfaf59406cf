//! Arbitrary bytes decoded as a webhook `Event`, with an oracle: whatever
//! decodes encodes to the JSON it came from (every member, unknown ones and
//! `null`s included), that JSON decodes again and encodes to itself, and
//! nothing panics. The first byte, when it indexes `EVENT_TYPES`, picks an
//! event type and the rest is its `data`, so that typed decoding
//! is reached without the fuzzer having to spell event types.
#![no_main]

use clerk_types::webhooks::{Event, EVENT_TYPES};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|bytes: &[u8]| {
    let Some((&pick, rest)) = bytes.split_first() else {
        return;
    };
    let body: Vec<u8> = match EVENT_TYPES.get(usize::from(pick)) {
        Some(info) => {
            let mut body = format!("{{\"type\":\"{}\",\"data\":", info.event_type).into_bytes();
            body.extend_from_slice(rest);
            body.push(b'}');
            body
        }
        None => rest.to_vec(),
    };
    let Ok(event) = serde_json::from_slice::<Event>(&body) else {
        return;
    };
    let input: Value = serde_json::from_slice(&body).expect("it decoded, so it is JSON");
    let encoded = serde_json::to_value(&event).expect("encodes");
    assert_eq!(encoded, input, "{}: not lossless", event.event_type());
    let again: Event = serde_json::from_value(encoded.clone()).expect("decodes again");
    // The JSON is stable; the events are equal unless the body had a
    // member twice (then the first decode refused it as its type, and the
    // Value keeps one of them).
    assert_eq!(serde_json::to_value(&again).expect("encodes"), encoded, "not stable");
});
