//! Arbitrary bytes decoded as a webhook `Event`, with an oracle: whatever
//! decodes encodes to the JSON it came from (every member, unknown ones and
//! `null`s included), that JSON decodes again and encodes to itself,
//! `Event::from_slice` (one pass when the body ends with its type) gives
//! what `Deserialize` gives (the same event or the same error), and
//! nothing panics. The first byte, when it indexes `EVENT_TYPES`, picks an
//! event type and the rest is its `data`, with `type` first; from 128 on,
//! the same with `type` last, as Clerk sends it; so that typed decoding is
//! reached without the fuzzer having to spell event types.
#![no_main]

use clerk_types::webhooks::{Event, EVENT_TYPES};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|bytes: &[u8]| {
    let Some((&pick, rest)) = bytes.split_first() else {
        return;
    };
    let pick = usize::from(pick);
    let body: Vec<u8> = if let Some(info) = EVENT_TYPES.get(pick) {
        let mut body = format!("{{\"type\":\"{}\",\"data\":", info.event_type).into_bytes();
        body.extend_from_slice(rest);
        body.push(b'}');
        body
    } else if let Some(info) = pick.checked_sub(128).and_then(|i| EVENT_TYPES.get(i)) {
        let mut body = b"{\"data\":".to_vec();
        body.extend_from_slice(rest);
        body.extend_from_slice(format!(",\"type\":\"{}\"}}", info.event_type).as_bytes());
        body
    } else {
        rest.to_vec()
    };
    match (Event::from_slice(&body), clerk_types::from_slice::<Event>(&body)) {
        // Debug: an undecoded event's reason too.
        (Ok(one), Ok(two)) => assert_eq!(format!("{one:?}"), format!("{two:?}"), "one pass"),
        (Err(one), Err(two)) => assert_eq!(one.to_string(), two.to_string(), "one pass"),
        (one, two) => panic!("one pass: {one:?}, two passes: {two:?}"),
    }
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
