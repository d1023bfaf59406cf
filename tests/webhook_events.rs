//! Typed webhook events: every event type of the vendored catalog decodes
//! from a body written from its data's schema, names its type and comes
//! back member for member; hand-written bodies in the shapes Clerk sends
//! (docs era, newer, the spec's inconsistencies, unknown types); the
//! envelope's refusals; verifying and decoding in one call.

#[path = "support/draw.rs"]
mod draw;

use std::time::{Duration, SystemTime};

use clerk_types::validate;
use clerk_types::webhooks::{Event, EventData, Webhook, WebhookError, EVENT_TYPES};
use draw::Rng;
use serde_json::{json, Value};

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

/// The schema module whose root type is `root`.
fn module_of(root: &str) -> &'static str {
    clerk_types::SCHEMAS
        .iter()
        .find(|s| s.root_type == root)
        .unwrap_or_else(|| panic!("no schema has root type {root}"))
        .name
}

/// A document valid against the schema of root type `root`.
fn drawn(root: &str, seed: u64) -> Value {
    let name = module_of(root);
    let schema: Value =
        serde_json::from_str(validate::schema_text(name).expect("vendored")).expect("json");
    for attempt in 0..500 {
        let doc = draw::document(&schema, &mut Rng(seed * 1000 + attempt));
        if validate::schema(name, &doc).expect("vendored").is_empty() {
            return doc;
        }
    }
    panic!("no valid {root} drawn");
}

fn envelope(event_type: &str, data: Value) -> Value {
    json!({
        "data": data,
        "event_attributes": {"http_request": {"client_ip": "192.0.2.1", "user_agent": "test"}},
        "instance_id": "ins_2g7np7Hrk0SN6kj5EDMLDaKNL0S",
        "object": "event",
        "timestamp": 1_716_883_200_000_i64,
        "type": event_type,
    })
}

fn decoded(body: &Value) -> Event {
    serde_json::from_value(body.clone()).unwrap_or_else(|e| panic!("{body}: {e}"))
}

#[test]
fn every_event_type_decodes_typed_and_round_trips() {
    assert!(EVENT_TYPES.len() >= 40, "{} event types", EVENT_TYPES.len());
    for (i, info) in EVENT_TYPES.iter().enumerate() {
        for seed in 0..3 {
            let mut data = drawn(info.object, (i as u64) * 10 + seed);
            for (member, root) in info.members {
                data[*member] = drawn(root, seed);
            }
            let mut body = envelope(info.event_type, data);
            if seed == 2 {
                // Members this release does not know, in the envelope and
                // in the data: kept.
                body["zz_envelope"] = json!({"a": [1, null]});
                body["data"]["zz_data"] = json!("kept");
            }
            let event = decoded(&body);
            assert_eq!(event.event_type(), info.event_type);
            if let EventData::Undecoded(other) = &event.data {
                panic!("{}: not typed: {}\n{body:#}", info.event_type, other.error);
            }
            assert!(!matches!(event.data, EventData::Unknown(_)));
            assert_eq!(
                serde_json::to_value(&event).unwrap(),
                body,
                "{}",
                info.event_type
            );
            // From text too (the usual way in), and the same value.
            let text = serde_json::to_vec(&body).unwrap();
            assert_eq!(serde_json::from_slice::<Event>(&text).unwrap(), event);
        }
    }
}

#[test]
fn event_types_are_those_of_the_catalog() {
    let types: Vec<&str> = EVENT_TYPES.iter().map(|i| i.event_type).collect();
    for expected in [
        "user.created",
        "session.pending",
        "organizationMembership.deleted",
        "waitlistEntry.updated",
        "subscriptionItem.freeTrialEnding",
        "paymentAttempt.updated",
        "email.created",
        "sms.created",
    ] {
        assert!(types.contains(&expected), "{expected} missing");
    }
    let session = EVENT_TYPES
        .iter()
        .find(|i| i.event_type == "session.ended")
        .unwrap();
    assert_eq!(
        (session.object, session.members),
        ("Session", &[("user", "User")][..])
    );
}

fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/tests/payloads/events/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn a_docs_era_user_created_is_typed() {
    let body = fixture("user-created-docs.json");
    let event = decoded(&body);
    let EventData::UserCreated(user) = &event.data else {
        panic!("{:?}", event.data)
    };
    assert_eq!(user.id, "user_29w83sxmDNGwOuEthce5gg56FcC");
    // As sent: milliseconds here, not converted; no instance_id then.
    assert_eq!(event.timestamp, Some(1_654_012_591_835));
    assert_eq!(event.instance_id, None);
    // Every serde_json way in gives the same event: a reader too.
    let bytes = serde_json::to_vec_pretty(&body).unwrap();
    assert_eq!(
        serde_json::from_reader::<_, Event>(bytes.as_slice()).unwrap(),
        event
    );
    let attributes = event.event_attributes.as_ref().unwrap();
    assert_eq!(attributes.client_ip(), Some("0.0.0.0"));
    assert_eq!(serde_json::to_value(&event).unwrap(), body);
}

/// Clerk's spec calls the item `commerce_subscription_item`, the waitlist
/// entry `waitlist_entry`; its examples (and deliveries) say
/// `subscription_item` and `waitlistEntry` (`schema/aliases.json`): typed,
/// and written back as sent; strict validation accepts them too.
#[test]
fn tag_aliases_clerk_sends_decode_typed_and_round_trip() {
    let body = fixture("subscription-item-active.json");
    assert_eq!(body["data"]["object"], "subscription_item");
    let event = decoded(&body);
    let EventData::SubscriptionItemActive(item) = &event.data else {
        panic!("{:?}", event.data)
    };
    assert!(item.object.is_alias());
    assert_eq!(item.object.as_str(), "subscription_item");
    assert_eq!(serde_json::to_value(&event).unwrap(), body);
    assert_eq!(
        validate::schema("billingsubscriptionitemeventpayload", &body["data"])
            .expect("vendored")
            .iter()
            .filter(|v| v.pointer == "/object")
            .count(),
        0
    );
    for (event_type, root, alias) in [
        ("waitlistEntry.created", "WaitlistEntry", "waitlistEntry"),
        ("subscription.created", "Subscription", "subscription"),
    ] {
        let mut data = drawn(root, 7);
        data["object"] = json!(alias);
        let body = envelope(event_type, data);
        let event = decoded(&body);
        assert!(
            !matches!(event.data, EventData::Undecoded(_) | EventData::Unknown(_)),
            "{event_type}: {:?}",
            event.data
        );
        assert_eq!(serde_json::to_value(&event).unwrap(), body, "{event_type}");
    }
}

/// A `user.created` whose user signed in with a provider upstream's
/// patterns do not list (`linkedin_oidc`, a custom provider): typed, and
/// written back as sent (validation keywords never refuse a payload).
#[test]
fn a_user_created_with_any_oauth_provider_is_typed() {
    for provider in ["linkedin_oidc", "custom_acme_2", "custom_my-idp", "google"] {
        let mut body = fixture("user-created-docs.json");
        let email = &mut body["data"]["email_addresses"][0];
        email["linked_to"] = json!([{"type": format!("oauth_{provider}"), "id": "idn_2"}]);
        email["verification"] = json!({
            "object": "verification_from_oauth", "status": "verified",
            "strategy": format!("from_oauth_{provider}"), "attempts": null, "expire_at": null
        });
        let event = decoded(&body);
        let EventData::UserCreated(user) = &event.data else {
            panic!("{provider}: {:?}", event.data)
        };
        assert_eq!(
            user.email_addresses[0].linked_to[0].type_,
            format!("oauth_{provider}")
        );
        assert_eq!(serde_json::to_value(&event).unwrap(), body, "{provider}");
    }
}

#[test]
fn a_session_event_carries_its_user_typed() {
    let body = fixture("session-created.json");
    let event = decoded(&body);
    let EventData::SessionCreated(payload) = &event.data else {
        panic!("{:?}", event.data)
    };
    // The Session's own members, through Deref, and the user beside them.
    assert_eq!(payload.id, "sess_2g7np7Hrk0SN6kj5EDMLDaKNL0S");
    assert_eq!(payload.session.user_id, "user_2g7np7Hrk0SN6kj5EDMLDaKNL0S");
    let user = payload.user.as_ref().expect("user");
    assert_eq!(user.first_name.as_deref(), Some("Ada"));
    assert_eq!(serde_json::to_value(&event).unwrap(), body);
    // Without the user (older events), and with a null one: both come back.
    for user in [None, Some(Value::Null)] {
        let mut body = body.clone();
        match &user {
            None => body["data"].as_object_mut().unwrap().remove("user"),
            Some(v) => body["data"]
                .as_object_mut()
                .unwrap()
                .insert("user".into(), v.clone()),
        };
        let event = decoded(&body);
        let EventData::SessionCreated(payload) = &event.data else {
            panic!("{:?}", event.data)
        };
        assert!(payload.user.is_none());
        assert_eq!(serde_json::to_value(&event).unwrap(), body);
    }
}

#[test]
fn extra_members_of_a_known_object_are_kept() {
    // organizationInvitation.accepted adds `user_id` to the invitation.
    let body = fixture("organization-invitation-accepted.json");
    let event = decoded(&body);
    assert!(matches!(
        event.data,
        EventData::OrganizationInvitationAccepted(_)
    ));
    // No timestamp, a null instance_id: both come back as they came.
    assert_eq!(event.timestamp, None);
    assert_eq!(serde_json::to_value(&event).unwrap(), body);
}

#[test]
fn unknown_event_types_are_kept_whole() {
    let body = fixture("api-key-created.json");
    let event = decoded(&body);
    assert_eq!(event.event_type(), "apiKey.created");
    let EventData::Unknown(other) = &event.data else {
        panic!("{:?}", event.data)
    };
    assert_eq!(other.data, body["data"]);
    assert_eq!(serde_json::to_value(&event).unwrap(), body);
    // Any data at all, even not an object.
    for data in [
        json!(null),
        json!(7),
        json!("text"),
        json!([1, {"a": null}]),
    ] {
        let body = json!({"type": "x.y", "data": data});
        let event = decoded(&body);
        assert_eq!(serde_json::to_value(&event).unwrap(), body);
    }
}

#[test]
fn data_that_does_not_fit_its_type_is_kept_with_the_reason() {
    // A tag that names another type is refused by the type, and the event
    // kept with the reason.
    let mut body = fixture("subscription-item-active.json");
    body["data"]["object"] = json!("subscription_thing");
    let event = decoded(&body);
    assert_eq!(event.event_type(), "subscriptionItem.active");
    // A type of its own: not an unknown event type.
    let EventData::Undecoded(other) = &event.data else {
        panic!("{:?}", event.data)
    };
    let error = other.error.as_str();
    // Where in `data`, by path, and what.
    assert!(
        error.starts_with("object: unknown variant `subscription_thing`"),
        "{error}"
    );
    // The same event however its text is laid out (the fuzzer found the
    // reason once carried a column).
    let pretty = serde_json::to_vec_pretty(&body).unwrap();
    assert_eq!(serde_json::from_slice::<Event>(&pretty).unwrap(), event);
    for (odd, compact) in [
        (
            &br#"{"type": "permission.created", "data":   -0.0}"#[..],
            &br#"{"type":"permission.created","data":-0.0}"#[..],
        ),
        (
            br#"{"type": "waitlistEntry.created", "data": {"object":
                {}}}"#,
            br#"{"type":"waitlistEntry.created","data":{"object":{}}}"#,
        ),
    ] {
        let (a, b) = (
            serde_json::from_slice::<Event>(odd).unwrap(),
            serde_json::from_slice::<Event>(compact).unwrap(),
        );
        assert_eq!(a, b);
        let EventData::Undecoded(other) = a.data else {
            panic!("{a:?}")
        };
        assert!(!other.error.contains("line"));
    }
    assert_eq!(serde_json::to_value(&event).unwrap(), body);
}

#[test]
fn what_is_not_an_event_is_refused_with_what_is_wrong() {
    for (body, expected) in [
        (json!([]), "expected a Clerk event"),
        (json!({"data": {}}), "no `type`"),
        (json!({"type": 3, "data": {}}), "`type` is a number"),
        (json!({"type": "user.created"}), "no `data`"),
        (
            json!({"type": "user.created", "data": {}, "object": "user"}),
            "not \"event\"",
        ),
        (
            json!({"type": "x.y", "data": {}, "timestamp": "1716883200"}),
            "`timestamp` is a string",
        ),
        (
            json!({"type": "x.y", "data": {}, "timestamp": 1.5}),
            "not a whole number",
        ),
        (
            json!({"type": "x.y", "data": {}, "instance_id": 1}),
            "`instance_id` is a number",
        ),
        (
            json!({"type": "x.y", "data": {}, "event_attributes": []}),
            "not an object",
        ),
    ] {
        let e = serde_json::from_value::<Event>(body.clone()).expect_err(&body.to_string());
        assert!(e.to_string().contains(expected), "{body}: {e}");
    }
}

fn signed(wh: &Webhook, body: &[u8], at: u64) -> Vec<(String, String)> {
    vec![
        ("svix-id".into(), "msg_2g7np7Hrk0SN6kj5EDMLDaKNL0S".into()),
        ("svix-timestamp".into(), at.to_string()),
        (
            "svix-signature".into(),
            wh.sign("msg_2g7np7Hrk0SN6kj5EDMLDaKNL0S", at, body),
        ),
    ]
}

#[test]
fn verify_event_verifies_then_decodes() {
    let wh = Webhook::new(SECRET).unwrap();
    let at = 1_700_000_000;
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(at);
    let body = serde_json::to_vec(&fixture("session-created.json")).unwrap();
    let headers = signed(&wh, &body, at);
    let event = wh.verify_event_at(&body, &headers, now).unwrap();
    assert_eq!(event.event_type(), "session.created");
    // Tampered after signing: refused before decoding.
    let mut forged = body.clone();
    let last = forged.len() - 2;
    forged[last] = b' ';
    assert_eq!(
        wh.verify_event_at(&forged, &headers, now),
        Err(WebhookError::NoMatchingSignature)
    );
    // Replayed: refused.
    assert!(matches!(
        wh.verify_event_at(&body, &headers, now + Duration::from_secs(3600)),
        Err(WebhookError::TimestampTooOld(_))
    ));
    // Signed, but not an event: the pointer and what is wrong.
    for (body, pointer, expected) in [
        (
            &b"{\"type\": \"user.created\", \"data\": 5"[..],
            "/?",
            "EOF while parsing",
        ),
        (&b"not json"[..], "", "expected ident at line 1 column 2"),
        (&b"{\"data\": {}}"[..], "", "no `type`"),
    ] {
        let headers = signed(&wh, body, at);
        match wh.verify_event_at(body, &headers, now) {
            Err(WebhookError::InvalidEvent {
                pointer: p,
                message,
            }) => {
                assert_eq!(p, pointer, "{message}");
                assert!(message.contains(expected), "{message}");
                let shown = WebhookError::InvalidEvent {
                    pointer: p,
                    message,
                }
                .to_string();
                assert!(
                    !shown.contains("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                    "{shown}"
                );
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn a_member_given_twice_is_refused_by_the_type_and_kept_whole() {
    // Found by the events fuzz target: the path-tracking second decode once
    // let a duplicated `id` through, so the event changed when re-encoded.
    let body = br#"{"type": "organization.created", "data": {"id": "org_1", "object": "organization", "id": ""}}"#;
    let event: Event = serde_json::from_slice(body).unwrap();
    let EventData::Undecoded(other) = &event.data else {
        panic!("{:?}", event.data)
    };
    assert!(other.error.contains("duplicate field `id`"), "{other:?}");
    // Encoded, the duplicate is gone (a JSON object has one `id`), and the
    // JSON stays what it is from then on.
    let encoded = serde_json::to_value(&event).unwrap();
    let again: Event = serde_json::from_value(encoded.clone()).unwrap();
    assert_eq!(serde_json::to_value(&again).unwrap(), encoded);
    let direct = clerk_types::from_slice::<clerk_types::Organization>(
        br#"{"id": "org_1", "object": "organization", "id": ""}"#,
    );
    assert!(direct.is_err(), "{direct:?}");
}

/// `Event::from_slice` decodes a body that ends with its type (Clerk's
/// order) in one pass; whatever the body, it gives what `Deserialize`
/// gives: the same event, undecoded data with the same reason, the same
/// error.
#[test]
fn from_slice_gives_what_deserialize_gives() {
    let same = |body: &[u8]| {
        let (one, two) = (
            Event::from_slice(body),
            clerk_types::from_slice::<Event>(body),
        );
        let text = String::from_utf8_lossy(body);
        match (&one, &two) {
            (Ok(a), Ok(b)) => assert_eq!(format!("{a:?}"), format!("{b:?}"), "{text}"),
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{text}"),
            _ => panic!("{text}: one pass {one:?}, two passes {two:?}"),
        }
        one
    };
    // Every event type, `type` last (the keys of a `json!` object are
    // sorted), compact and pretty.
    for (i, info) in EVENT_TYPES.iter().enumerate() {
        let mut data = drawn(info.object, i as u64);
        for (member, root) in info.members {
            data[*member] = drawn(root, i as u64);
        }
        let body = envelope(info.event_type, data);
        for text in [
            serde_json::to_vec(&body).unwrap(),
            serde_json::to_vec_pretty(&body).unwrap(),
        ] {
            let event = same(&text).unwrap();
            assert_eq!(event.event_type(), info.event_type);
            assert_eq!(serde_json::to_value(&event).unwrap(), body);
        }
    }
    let user = r#"{"object": "user", "id": "user_1", "first_name": "Ada"}"#;
    let undecoded = same(br#"{"data": {"object": "user", "id": 7}, "type": "user.created"}"#);
    assert!(matches!(undecoded.unwrap().data, EventData::Undecoded(_)));
    for body in [
        // Not the guess: `type` given twice, the last one a known type.
        format!(r#"{{"type": "user.deleted", "data": {user}, "type": "user.created"}}"#),
        format!(r#"{{"data": {user}, "type": "user.created", "type": "user.created"}}"#),
        // The last `type` in `data`, or in an unknown member.
        r#"{"type": "x.y", "data": {"id": "1", "type": "user.created"}}"#.to_owned(),
        format!(r#"{{"type": "user.updated", "data": {user}, "zz": {{"type": "user.created"}}}}"#),
        // A known type named with an escape, an unknown one, not a string.
        format!(r#"{{"data": {user}, "type": "user.created"}}"#),
        format!(r#"{{"data": {user}, "type": "user.frozen"}}"#),
        format!(r#"{{"data": {user}, "type": ["user.created"]}}"#),
        // Envelope members that are not what Clerk sends, a member twice.
        format!(r#"{{"data": {user}, "object": "user", "type": "user.created"}}"#),
        format!(r#"{{"data": {user}, "timestamp": 1.5, "type": "user.created"}}"#),
        format!(r#"{{"data": {user}, "data": {user}, "type": "user.created"}}"#),
        format!(r#"{{"data": {user}, "zz": null, "zz": 1, "type": "user.created"}}"#),
        // Not JSON, or not only JSON; no data.
        format!(r#"{{"data": {user} "type": "user.created"}}"#),
        format!(r#"{{"data": {user}, "type": "user.created"}}}}"#),
        r#"{"type": "user.created"}"#.to_owned(),
    ] {
        same(body.as_bytes()).ok();
    }
    // Data as deep as serde_json allows in a body, and one level deeper.
    let deep = |levels: usize| {
        format!(
            r#"{{"data": {{"object": "user", "id": "u", "zz": {}{}}}, "type": "user.created"}}"#,
            "[".repeat(levels),
            "]".repeat(levels)
        )
    };
    let event = same(deep(126).as_bytes()).unwrap();
    assert!(matches!(event.data, EventData::UserCreated(_)), "{event:?}");
    let refused = same(deep(127).as_bytes()).unwrap_err();
    assert!(refused.to_string().contains("recursion limit"), "{refused}");
}

/// The envelope refuses a member given twice, as every generated struct
/// does; a session event's `user` too.
#[test]
fn the_envelope_refuses_a_member_given_twice() {
    for body in [
        &br#"{"type": "user.deleted", "type": "user.created", "data": {}}"#[..],
        br#"{"type": "user.deleted", "data": {}, "data": {}}"#,
        br#"{"type": "user.deleted", "data": {}, "timestamp": 1, "timestamp": 2}"#,
        br#"{"type": "user.deleted", "data": {}, "zz": 1, "zz": 2}"#,
    ] {
        let err = serde_json::from_slice::<Event>(body).expect_err("refused");
        assert!(err.to_string().contains("duplicate field"), "{err}");
    }
    let body = br#"{"type": "session.created", "data": {"object": "session", "id": "sess_1", "user": null, "user": {"id": "user_1"}}}"#;
    let event: Event = serde_json::from_slice(body).unwrap();
    let EventData::Undecoded(e) = &event.data else {
        panic!("{:?}", event.data)
    };
    assert!(e.error.contains("duplicate field `user`"), "{}", e.error);
}

/// A session event's data decodes in one pass; errors in its `user` say
/// where; an event built by hand encodes as Clerk sends one.
#[test]
fn session_event_data_and_a_built_event() {
    let mut body = fixture("session-created.json");
    body["data"]["user"]["banned"] = json!("no");
    let event = decoded(&body);
    let EventData::Undecoded(e) = &event.data else {
        panic!("{:?}", event.data)
    };
    assert!(e.error.starts_with("user.banned:"), "{}", e.error);
    let EventData::SessionCreated(payload) = decoded(&fixture("session-created.json")).data else {
        panic!()
    };
    let event = Event::new(EventData::SessionCreated(payload.clone()));
    let json = serde_json::to_value(&event).unwrap();
    assert_eq!(json["object"], "event");
    assert_eq!(json["type"], "session.created");
    assert_eq!(decoded(&json), event);
    // The envelope's unknown members are kept in `unknown`.
    let mut body = fixture("session-created.json");
    body["zz_new"] = json!({"a": 1});
    body["instance_id"] = Value::Null;
    let event = decoded(&body);
    assert_eq!(event.unknown.get("zz_new"), Some(&json!({"a": 1})));
    assert_eq!(event.instance_id, None);
    assert_eq!(serde_json::to_value(&event).unwrap(), body);
}

/// After verification the message id is at hand, to skip Svix's retries.
#[test]
fn a_verified_delivery_has_its_message_id() {
    let wh = Webhook::from_bytes(b"a test key of some length").unwrap();
    let body = serde_json::to_vec(&fixture("session-created.json")).unwrap();
    let at = 1_716_883_200;
    let headers = signed(&wh, &body, at);
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(at + 10);
    let delivery = wh.verify_delivery_at(&body, &headers, now).unwrap();
    assert_eq!(delivery.message_id, "msg_2g7np7Hrk0SN6kj5EDMLDaKNL0S");
    assert_eq!(delivery.timestamp, at);
    assert_eq!(delivery.event.event_type(), "session.created");
    assert_eq!(
        wh.verify_event_at(&body, &headers, now).unwrap(),
        delivery.event
    );
}
