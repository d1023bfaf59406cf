//! Arbitrary deliveries verified at arbitrary clocks, with an oracle:
//! nothing panics (a timestamp header or a clock at either end of time
//! included); a delivery is accepted only if its timestamp is within the
//! tolerance of the clock and one of its `v1` entries decodes to the
//! signature this crate computes; and the same delivery signed here at its
//! own clock is always accepted.
//!
//! Input: 8 bytes of clock (seconds, the high bit putting it before 1970),
//! then the headers' names and values and the body, separated by `\n`:
//! `name\nvalue\nname\nvalue...\n\nbody`.
#![no_main]

use std::time::{Duration, UNIX_EPOCH};

use base64::Engine as _;
use clerk_types::webhooks::{Webhook, TOLERANCE};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Some((clock, rest)) = bytes.split_first_chunk::<8>() else {
        return;
    };
    let raw = u64::from_le_bytes(*clock);
    let magnitude = Duration::from_secs(raw & (u64::MAX >> 1));
    let now = if raw >> 63 == 1 {
        UNIX_EPOCH.checked_sub(magnitude)
    } else {
        UNIX_EPOCH.checked_add(magnitude)
    };
    let Some(now) = now else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let (head, body) = text.split_once("\n\n").unwrap_or((&text, ""));
    let lines: Vec<&str> = head.split('\n').collect();
    let headers: Vec<(&str, &str)> = lines
        .chunks(2)
        .map(|p| (p[0], *p.get(1).unwrap_or(&"")))
        .collect();

    let wh = Webhook::from_bytes(b"fuzz-key").expect("any key");
    if wh.verify_at(body.as_bytes(), &headers, now).is_ok() {
        // Accepted: exactly one timestamp within the tolerance, and an entry
        // that is this crate's signature.
        let value = |name: &str| {
            headers
                .iter()
                .find(|(k, _)| {
                    k.eq_ignore_ascii_case(name)
                        || k.eq_ignore_ascii_case(&name.replace("svix", "webhook"))
                })
                .map(|(_, v)| *v)
                .expect("accepted, so present")
        };
        let (id, ts, signatures) = (
            value("svix-id"),
            value("svix-timestamp"),
            value("svix-signature"),
        );
        let ts: u64 = ts.parse().expect("accepted, so a number");
        let sent = Duration::from_secs(ts);
        let gap = match now.duration_since(UNIX_EPOCH) {
            Ok(since) => since.abs_diff(sent),
            Err(before) => before.duration().saturating_add(sent),
        };
        assert!(gap <= TOLERANCE, "accepted {gap:?} away");
        let engine = base64::engine::general_purpose::STANDARD;
        let ours = engine
            .decode(&wh.sign(id, ts, body.as_bytes())[3..])
            .expect("ours");
        assert!(
            signatures
                .split(' ')
                .filter_map(|e| e.strip_prefix("v1,"))
                .any(|s| engine.decode(s).is_ok_and(|s| s == ours)),
            "accepted without a matching signature"
        );
    }

    // Signed here at its own clock: accepted.
    if let Ok(since) = now.duration_since(UNIX_EPOCH) {
        let ts = since.as_secs();
        let id = lines.first().copied().unwrap_or("msg");
        let signed = [
            ("svix-id", id.to_owned()),
            ("svix-timestamp", ts.to_string()),
            ("svix-signature", wh.sign(id, ts, body.as_bytes())),
        ];
        assert_eq!(
            wh.verify_at(body.as_bytes(), &signed, now),
            Ok(()),
            "own delivery refused"
        );
    }
});
