//! Webhook verification against Svix's published test vectors and
//! deliveries signed here at fixed clocks: both header spellings, secret
//! rotation, the tolerance's edges, and each part of a delivery tampered.

use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use clerk_types::webhooks::{Webhook, WebhookError, TOLERANCE};
use http::HeaderMap;

fn at(seconds: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(seconds)
}

fn headers(
    names: (&'static str, &'static str, &'static str),
    id: &str,
    timestamp: &str,
    signature: &str,
) -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert(names.0, id.parse().expect("value"));
    h.insert(names.1, timestamp.parse().expect("value"));
    h.insert(names.2, signature.parse().expect("value"));
    h
}

const SVIX: (&str, &str, &str) = ("svix-id", "svix-timestamp", "svix-signature");
const STANDARD: (&str, &str, &str) = ("webhook-id", "webhook-timestamp", "webhook-signature");

/// Svix's vectors, under both header spellings.
#[test]
fn svix_published_vectors_verify() {
    let vectors = [
        (
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1_614_265_330_u64,
            r#"{"test": 2432232314}"#,
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
        ),
        (
            "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
            "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk",
            1_649_367_553,
            r#"{"email":"test@example.com","username":"test_user"}"#,
            "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=",
        ),
    ];
    for (secret, id, ts, body, signature) in vectors {
        let wh = Webhook::new(secret).expect("secret");
        assert_eq!(wh.sign(id, ts, body.as_bytes()), signature);
        let bare = Webhook::new(secret.trim_start_matches("whsec_")).expect("bare secret");
        for names in [SVIX, STANDARD] {
            let h = headers(names, id, &ts.to_string(), signature);
            assert_eq!(wh.verify_at(body.as_bytes(), &h, at(ts)), Ok(()));
            assert_eq!(bare.verify_at(body.as_bytes(), &h, at(ts)), Ok(()));
        }
    }
}

fn signed(wh: &Webhook, id: &str, ts: u64, body: &[u8]) -> HeaderMap {
    headers(SVIX, id, &ts.to_string(), &wh.sign(id, ts, body))
}

#[test]
fn tampering_with_id_timestamp_or_body_is_refused() {
    let wh = Webhook::from_bytes(b"a secret of our own").expect("key");
    let body = br#"{"type":"user.created","data":{"id":"user_1"}}"#;
    let ts = 1_760_000_000;
    let good = signed(&wh, "msg_1", ts, body);
    assert_eq!(wh.verify_at(body, &good, at(ts)), Ok(()));
    let mut other_id = good.clone();
    other_id.insert("svix-id", "msg_2".parse().expect("value"));
    assert_eq!(
        wh.verify_at(body, &other_id, at(ts)),
        Err(WebhookError::NoMatchingSignature)
    );
    let mut other_ts = good.clone();
    other_ts.insert(
        "svix-timestamp",
        (ts + 1).to_string().parse().expect("value"),
    );
    assert_eq!(
        wh.verify_at(body, &other_ts, at(ts)),
        Err(WebhookError::NoMatchingSignature)
    );
    let mut tampered = body.to_vec();
    tampered[30] ^= 1;
    assert_eq!(
        wh.verify_at(&tampered, &good, at(ts)),
        Err(WebhookError::NoMatchingSignature)
    );
    assert_eq!(
        wh.verify_at(&body[..body.len() - 1], &good, at(ts)),
        Err(WebhookError::NoMatchingSignature),
        "truncated"
    );
    // Re-signed with another secret.
    let other = Webhook::from_bytes(b"someone else's").expect("key");
    assert_eq!(
        wh.verify_at(body, &signed(&other, "msg_1", ts, body), at(ts)),
        Err(WebhookError::NoMatchingSignature)
    );
}

#[test]
fn any_v1_signature_accepts_while_a_secret_is_rotated() {
    let old = Webhook::from_bytes(b"old secret").expect("key");
    let new = Webhook::from_bytes(b"new secret").expect("key");
    let body = b"{}";
    let ts = 1_760_000_000;
    let both = format!(
        "v1a,ignoredEd25519== {} v2,unknown {} v1,not-base64!",
        old.sign("msg_1", ts, body),
        new.sign("msg_1", ts, body)
    );
    let h = headers(SVIX, "msg_1", &ts.to_string(), &both);
    assert_eq!(old.verify_at(body, &h, at(ts)), Ok(()));
    assert_eq!(new.verify_at(body, &h, at(ts)), Ok(()));
    let third = Webhook::from_bytes(b"third").expect("key");
    assert_eq!(
        third.verify_at(body, &h, at(ts)),
        Err(WebhookError::NoMatchingSignature)
    );
}

#[test]
fn five_minutes_either_way() {
    let wh = Webhook::from_bytes(b"k").expect("key");
    let ts = 1_760_000_000;
    let h = signed(&wh, "msg_1", ts, b"{}");
    let limit = TOLERANCE.as_secs();
    assert_eq!(wh.verify_at(b"{}", &h, at(ts + limit)), Ok(()));
    assert_eq!(wh.verify_at(b"{}", &h, at(ts - limit)), Ok(()));
    assert_eq!(
        wh.verify_at(b"{}", &h, at(ts + limit + 1)),
        Err(WebhookError::TimestampTooOld(Duration::from_secs(
            limit + 1
        )))
    );
    assert_eq!(
        wh.verify_at(b"{}", &h, at(ts - limit - 1)),
        Err(WebhookError::TimestampTooNew(Duration::from_secs(
            limit + 1
        )))
    );
}

/// Timestamps beyond what `SystemTime` holds (from 2^63 seconds) and
/// clocks before 1970 are compared without overflow: refused as too new or
/// too old, by how much, never a panic.
#[test]
fn timestamps_at_the_ends_of_time_are_refused_not_a_panic() {
    let wh = Webhook::from_bytes(b"k").expect("key");
    let now = 1_760_000_000_u64;
    for ts in [
        i64::MAX as u64,
        i64::MAX as u64 + 1,
        9_999_999_999_999_999_999,
    ] {
        let h = signed(&wh, "msg_1", ts, b"{}");
        assert_eq!(
            wh.verify_at(b"{}", &h, at(now)),
            Err(WebhookError::TimestampTooNew(Duration::from_secs(ts - now))),
            "{ts}"
        );
    }
    // A clock before 1970, and a delivery from 1970.
    let before = UNIX_EPOCH - Duration::from_secs(1_000);
    let h = signed(&wh, "msg_1", 0, b"{}");
    assert_eq!(
        wh.verify_at(b"{}", &h, before),
        Err(WebhookError::TimestampTooNew(Duration::from_secs(1_000)))
    );
    assert_eq!(
        wh.verify_at(b"{}", &h, UNIX_EPOCH - Duration::from_secs(60)),
        Ok(())
    );
    let h = signed(&wh, "msg_1", now, b"{}");
    assert_eq!(
        wh.verify_at(b"{}", &h, before),
        Err(WebhookError::TimestampTooNew(Duration::from_secs(
            now + 1_000
        )))
    );
}

#[test]
fn missing_duplicated_and_malformed_headers_say_which() {
    let wh = Webhook::from_bytes(b"k").expect("key");
    let ts = 1_760_000_000;
    let good = signed(&wh, "msg_1", ts, b"{}");
    for name in ["svix-id", "svix-timestamp", "svix-signature"] {
        let mut h = good.clone();
        h.remove(name);
        assert_eq!(
            wh.verify_at(b"{}", &h, at(ts)),
            Err(WebhookError::MissingHeader(name))
        );
        let mut h = good.clone();
        h.append(name, "another".parse().expect("value"));
        assert_eq!(
            wh.verify_at(b"{}", &h, at(ts)),
            Err(WebhookError::DuplicateHeader(name))
        );
    }
    // The same value under both spellings is one header.
    let mut both = good.clone();
    both.insert("webhook-id", "msg_1".parse().expect("value"));
    assert_eq!(wh.verify_at(b"{}", &both, at(ts)), Ok(()));
    for bad in [
        "",
        "-1",
        "1.5",
        "17e8",
        "abc",
        " 1760000000",
        "99999999999999999999999",
    ] {
        let mut h = good.clone();
        h.insert(
            "svix-timestamp",
            http::HeaderValue::from_str(bad).unwrap_or(http::HeaderValue::from_static("x")),
        );
        assert_eq!(
            wh.verify_at(b"{}", &h, at(ts)),
            Err(WebhookError::InvalidTimestamp),
            "{bad:?}"
        );
    }
    let mut h = good.clone();
    h.insert(
        "svix-id",
        http::HeaderValue::from_bytes(b"msg_\xff").expect("opaque"),
    );
    assert_eq!(
        wh.verify_at(b"{}", &h, at(ts)),
        Err(WebhookError::InvalidHeader("svix-id"))
    );
}

#[test]
fn headers_from_other_sources() {
    let wh = Webhook::from_bytes(b"k").expect("key");
    let ts = 1_760_000_000;
    let signature = wh.sign("msg_1", ts, b"{}");
    let pairs = vec![
        ("Webhook-Id", "msg_1".to_owned()),
        ("Webhook-Timestamp", ts.to_string()),
        ("Webhook-Signature", signature.clone()),
    ];
    assert_eq!(wh.verify_at(b"{}", &pairs, at(ts)), Ok(()));
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    assert_eq!(wh.verify_at(b"{}", &map, at(ts)), Ok(()));
}

#[test]
fn secrets_are_checked_and_never_shown() {
    for bad in [
        "whsec_",
        "whsec_not base64!",
        "",
        "whsec_====",
        "whsec_\u{e9}",
    ] {
        let err = Webhook::new(bad).expect_err(bad);
        assert_eq!(err, WebhookError::InvalidSecret);
    }
    let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    let wh = Webhook::new(secret).expect("secret");
    let shown = format!("{wh:?}");
    assert!(!shown.contains("MfKQ9r8G"), "{shown}");
    let body = b"{}";
    let err = wh
        .verify_at(body, &headers(SVIX, "msg", "1", "v1,AAAA"), at(1))
        .expect_err("forged");
    let text = format!("{err} {err:?}");
    assert!(!text.contains("MfKQ9r8G"), "{text}");
    // A 10 MB body is verified (and refused) without trouble.
    let big = vec![b'x'; 10 * 1024 * 1024];
    let h = signed(&wh, "msg_big", 1_760_000_000, &big);
    assert_eq!(wh.verify_at(&big, &h, at(1_760_000_000)), Ok(()));
    assert_eq!(
        wh.verify_at(&big[1..], &h, at(1_760_000_000)),
        Err(WebhookError::NoMatchingSignature)
    );
}
