//! Strict validation and lenient decoding side by side: hand-made cases,
//! generated documents, and their mutations get the verdict the schema
//! implies; the two differ only where the crate docs say so.

#![cfg(feature = "validate")]

#[path = "support/shape.rs"]
mod shape;

use clerk_types::{validate, Client};
use proptest::prelude::*;
use serde_json::{json, Map, Value};
use shape::{CLIENT_KEYS as CLIENT_REQUIRED, SESSION_REQUIRED};

fn pointers(doc: &Value) -> Vec<String> {
    validate::client(doc)
        .into_iter()
        .map(|v| v.pointer)
        .collect()
}

fn sample() -> Value {
    serde_json::from_str(include_str!("payloads/valid/signed_in.json")).expect("fixture")
}

#[test]
fn the_valid_corpus_conforms() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/payloads/valid");
    for entry in std::fs::read_dir(dir).expect("corpus") {
        let path = entry.expect("entry").path();
        let doc: Value =
            serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("json");
        assert_eq!(validate::client(&doc), [], "{}", path.display());
        assert!(validate::is_valid_client(&doc));
    }
}

#[test]
fn every_violation_is_reported_with_its_pointer() {
    let mut doc = sample();
    doc["sessions"][0]["latest_activity"] = json!({});
    doc["sessions"][0]["status"] = json!("suspended");
    doc["sign_in_id"] = json!(5);
    doc["extra"] = json!(true);
    doc.as_object_mut()
        .expect("object")
        .remove("last_authentication_strategy");
    let violations = validate::client(&doc);
    let lines: Vec<String> = violations.iter().map(ToString::to_string).collect();
    assert_eq!(
        pointers(&doc),
        [
            "",
            "",
            "/sessions/0/latest_activity",
            "/sessions/0/latest_activity",
            "/sessions/0/latest_activity",
            "/sessions/0/status",
            "/sign_in_id"
        ],
        "{lines:#?}"
    );
    assert!(
        lines.iter().any(|l| l.contains("'extra' was unexpected")),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("\"last_authentication_strategy\" is a required property")),
        "{lines:#?}"
    );
    assert!(lines.iter().any(|l| l.starts_with("/: ")), "{lines:#?}");
}

/// A value that fits no variant of a union is told which variant it comes
/// closest to and what that variant lacks, not only that it fits none.
#[test]
#[cfg(feature = "emailaddress")]
fn a_union_names_the_closest_variant_and_what_it_lacks() {
    let email = json!({
        "id": "idn_1", "object": "email_address", "email_address": "ada@example.com",
        "reserved": false, "linked_to": [], "created_at": 1, "updated_at": 2,
        "verification": {
            "object": "verification_otp", "status": "verified", "strategy": "email_code",
            "attempts": "three", "expire_at": 1
        }
    });
    let violations = validate::schema("emailaddress", &email).expect("enabled");
    let union = violations
        .iter()
        .find(|v| v.pointer == "/verification")
        .unwrap_or_else(|| panic!("a violation at /verification: {violations:?}"));
    assert!(
        union.message.contains("closest is variant")
            && union.message.contains("/verification/attempts"),
        "{}",
        union.message
    );
    assert!(union.message.contains("\"three\""), "{}", union.message);
}

#[test]
fn nullable_means_null_is_allowed_and_only_there() {
    let mut doc = sample();
    for key in [
        "sign_in_id",
        "sign_up_id",
        "last_active_session_id",
        "last_authentication_strategy",
    ] {
        doc[key] = Value::Null;
    }
    for key in [
        "actor",
        "last_active_organization_id",
        "latest_activity",
        "tasks",
    ] {
        doc["sessions"][0][key] = Value::Null;
    }
    assert_eq!(pointers(&doc), Vec::<String>::new());
    doc["id"] = Value::Null;
    doc["sessions"][0]["status"] = Value::Null;
    assert_eq!(
        pointers(&doc),
        ["/id", "/sessions/0/status", "/sessions/0/status"]
    );
}

#[test]
fn decode_errors_carry_paths_and_pointers() {
    let mut doc = sample();
    doc["sessions"][0]["status"] = json!(42);
    let err = clerk_types::from_value::<Client>(&doc).expect_err("refused");
    assert_eq!(err.path(), "sessions[0].status");
    assert_eq!(err.pointer(), "/sessions/0/status");
    assert_eq!(err.position(), None);
    assert!(
        err.to_string()
            .starts_with("sessions[0].status: invalid type: integer `42`"),
        "{err}"
    );
    let text = serde_json::to_string_pretty(&doc).expect("text");
    let err = clerk_types::from_str::<Client>(&text).expect_err("refused");
    assert_eq!(err.path(), "sessions[0].status");
    assert!(err.position().is_some_and(|(line, _)| line > 1));
    let err = clerk_types::from_str::<Client>(&format!("{} x", sample())).expect_err("trailing");
    assert_eq!(err.path(), ".");
    assert!(err.message().contains("trailing characters"), "{err}");
    let ok: Client = clerk_types::from_str(&sample().to_string()).expect("decodes");
    assert_eq!(ok.sessions.len(), 1);
}

// ---- generated documents ----

fn id(prefix: &'static str) -> impl Strategy<Value = String> {
    "[a-zA-Z0-9]{4,27}".prop_map(move |s| format!("{prefix}_{s}"))
}

fn ms() -> impl Strategy<Value = i64> {
    prop_oneof![
        1_600_000_000_000_i64..1_900_000_000_000,
        Just(0),
        Just(i64::MAX),
        Just(i64::MIN)
    ]
}

/// An optional key: absent, null, or a value.
#[derive(Clone, Debug)]
enum Opt<T> {
    Absent,
    Null,
    Some(T),
}

fn opt<T: Clone + std::fmt::Debug + 'static>(
    s: impl Strategy<Value = T> + 'static,
) -> impl Strategy<Value = Opt<T>> {
    prop_oneof![Just(Opt::Absent), Just(Opt::Null), s.prop_map(Opt::Some)]
}

fn put<T: Into<Value>>(obj: &mut Map<String, Value>, key: &str, value: Opt<T>) {
    match value {
        Opt::Absent => {}
        Opt::Null => {
            obj.insert(key.into(), Value::Null);
        }
        Opt::Some(v) => {
            obj.insert(key.into(), v.into());
        }
    }
}

const STATUSES: [&str; 8] = [
    "active",
    "revoked",
    "ended",
    "expired",
    "removed",
    "abandoned",
    "replaced",
    "pending",
];

fn activity() -> impl Strategy<Value = Value> {
    (
        id("sess_act"),
        any::<bool>(),
        proptest::collection::vec(proptest::option::of("[ -~]{0,12}"), 6),
    )
        .prop_map(|(id, mobile, texts)| {
            let mut a = Map::new();
            a.insert("object".into(), json!("session_activity"));
            a.insert("id".into(), json!(id));
            a.insert("is_mobile".into(), json!(mobile));
            let keys = [
                "device_type",
                "browser_name",
                "browser_version",
                "ip_address",
                "city",
                "country",
            ];
            for (key, text) in keys.iter().zip(texts) {
                if let Some(text) = text {
                    a.insert((*key).into(), json!(text));
                }
            }
            Value::Object(a)
        })
}

fn session() -> impl Strategy<Value = Value> {
    (
        (id("sess"), id("user"), id("client"), 0..STATUSES.len()),
        (ms(), ms(), ms(), ms(), ms()),
        opt(prop_oneof![
            Just(json!({"sub": "user_x"})),
            Just(json!({"sub": "user_y", "iss": "https://dashboard.clerk.com"})),
            Just(json!({}))
        ]),
        opt(id("org")),
        opt(activity()),
        opt(proptest::collection::vec(
            "[a-z-]{1,20}".prop_map(|k| json!({"key": k})),
            0..3,
        )),
    )
        .prop_map(
            |((id, user, client, status), (a, b, c, d, e), actor, org, activity, tasks)| {
                let mut s = Map::new();
                s.insert("object".into(), json!("session"));
                s.insert("id".into(), json!(id));
                s.insert("user_id".into(), json!(user));
                s.insert("client_id".into(), json!(client));
                s.insert("status".into(), json!(STATUSES[status]));
                for (key, t) in [
                    "last_active_at",
                    "expire_at",
                    "abandon_at",
                    "updated_at",
                    "created_at",
                ]
                .iter()
                .zip([a, b, c, d, e])
                {
                    s.insert((*key).into(), json!(t));
                }
                put(&mut s, "actor", actor);
                put(&mut s, "last_active_organization_id", org);
                put(&mut s, "latest_activity", activity);
                put(&mut s, "tasks", tasks.clone_map(Value::Array));
                Value::Object(s)
            },
        )
}

impl<T> Opt<T> {
    fn clone_map<U>(self, f: impl FnOnce(T) -> U) -> Opt<U> {
        match self {
            Opt::Absent => Opt::Absent,
            Opt::Null => Opt::Null,
            Opt::Some(v) => Opt::Some(f(v)),
        }
    }
}

fn client() -> impl Strategy<Value = Value> {
    (
        id("client"),
        proptest::collection::vec(session(), 0..5),
        proptest::collection::vec(proptest::option::of(id("x")), 4),
        ms(),
        ms(),
    )
        .prop_map(|(id, sessions, nullables, updated, created)| {
            let mut c = Map::new();
            c.insert("object".into(), json!("client"));
            c.insert("id".into(), json!(id));
            let ids: Vec<Value> = sessions.iter().map(|s| s["id"].clone()).collect();
            c.insert("session_ids".into(), Value::Array(ids));
            c.insert("sessions".into(), Value::Array(sessions));
            let keys = [
                "sign_in_id",
                "sign_up_id",
                "last_active_session_id",
                "last_authentication_strategy",
            ];
            for (key, v) in keys.iter().zip(nullables) {
                c.insert((*key).into(), v.map_or(Value::Null, Value::String));
            }
            c.insert("updated_at".into(), json!(updated));
            c.insert("created_at".into(), json!(created));
            Value::Object(c)
        })
}

/// Any JSON value, a few levels deep, as Clerk might add in a new member.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "[a-z ]{0,8}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            proptest::collection::btree_map("[a-z]{1,6}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// The JSON pointers of every object of a Client document: the client, its
/// sessions, their activity and tasks.
fn objects(doc: &Value) -> Vec<String> {
    let mut out = vec![String::new()];
    for (i, session) in doc["sessions"].as_array().into_iter().flatten().enumerate() {
        out.push(format!("/sessions/{i}"));
        if session["latest_activity"].is_object() {
            out.push(format!("/sessions/{i}/latest_activity"));
        }
        for (j, _) in session["tasks"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            out.push(format!("/sessions/{i}/tasks/{j}"));
        }
    }
    out
}

/// Adds members the schema does not list (`x_` names, never a known one)
/// at the objects `extra` picks, then turns optional nullable members to
/// `null` where `nulls` says.
fn with_unknowns_and_nulls(
    mut doc: Value,
    extra: &[(usize, String, Value)],
    nulls: &[bool],
) -> Value {
    let places = objects(&doc);
    for (at, name, value) in extra {
        if let Some(Value::Object(obj)) = doc.pointer_mut(&places[at % places.len()]) {
            obj.insert(format!("x_{name}"), value.clone());
        }
    }
    let optional = [
        "actor",
        "last_active_organization_id",
        "latest_activity",
        "tasks",
    ];
    for (i, session) in doc["sessions"]
        .as_array_mut()
        .expect("sessions")
        .iter_mut()
        .enumerate()
    {
        for (j, key) in optional.iter().enumerate() {
            if nulls.get(i * optional.len() + j).copied().unwrap_or(false) {
                session[*key] = Value::Null;
            }
        }
    }
    doc
}

/// A change to a valid document, and what each side must say of it.
#[derive(Clone, Debug)]
enum Mutation {
    DropClientKey(usize),
    DropSessionKey(usize),
    ArrayForObject(&'static str),
    ScalarForObject(&'static str),
    WrongType(&'static str),
    ExtraField(&'static str),
    UnknownStatus,
    NullWhereNotNullable(&'static str),
    WrongTag,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0..CLIENT_REQUIRED.len()).prop_map(Mutation::DropClientKey),
        (0..SESSION_REQUIRED.len()).prop_map(Mutation::DropSessionKey),
        prop::sample::select(vec!["", "/sessions/0", "/sessions/0/latest_activity"])
            .prop_map(Mutation::ArrayForObject),
        prop::sample::select(vec!["", "/sessions/0", "/sessions/0/latest_activity"])
            .prop_map(Mutation::ScalarForObject),
        prop::sample::select(vec![
            "/id",
            "/updated_at",
            "/sessions",
            "/sign_in_id",
            "/sessions/0/status",
            "/sessions/0/expire_at",
            "/sessions/0/actor",
            "/sessions/0/tasks"
        ])
        .prop_map(Mutation::WrongType),
        prop::sample::select(vec!["", "/sessions/0", "/sessions/0/latest_activity"])
            .prop_map(Mutation::ExtraField),
        Just(Mutation::UnknownStatus),
        prop::sample::select(vec![
            "/id",
            "/session_ids",
            "/created_at",
            "/sessions/0/status",
            "/sessions/0/user_id"
        ])
        .prop_map(Mutation::NullWhereNotNullable),
        Just(Mutation::WrongTag),
    ]
}

/// Applies `m`, returning (strict verdict, lenient verdict) the schema and
/// the documented differences imply, or None if it does not apply here.
fn apply(doc: &mut Value, m: &Mutation) -> Option<(bool, bool)> {
    let has_session = !doc["sessions"].as_array()?.is_empty();
    let needs_session = |p: &str| p.starts_with("/sessions/0");
    match m {
        Mutation::DropClientKey(i) => {
            let key = CLIENT_REQUIRED[*i];
            doc.as_object_mut()?.remove(key);
            // Difference: every required member but the identity may be
            // absent when decoding.
            Some((false, key != "id"))
        }
        Mutation::DropSessionKey(i) => {
            let key = SESSION_REQUIRED[*i];
            doc["sessions"].get_mut(0)?.as_object_mut()?.remove(key);
            Some((false, key != "id"))
        }
        Mutation::ArrayForObject(p) | Mutation::ScalarForObject(p) => {
            if needs_session(p) && !has_session {
                return None;
            }
            let target = doc.pointer_mut(p)?;
            let Value::Object(members) = target else {
                return None;
            };
            // The values in declaration order: what serde's derived structs
            // would have taken as a positional struct.
            let values: Vec<Value> = members.values().cloned().collect();
            *target = match m {
                Mutation::ArrayForObject(_) => Value::Array(values),
                _ => json!("an object"),
            };
            Some((false, false))
        }
        Mutation::WrongType(p) => {
            if needs_session(p) && !has_session {
                return None;
            }
            let target = doc.pointer_mut(p)?;
            *target = match target {
                Value::String(_) | Value::Null => json!(12),
                Value::Number(_) => json!("12"),
                Value::Array(_) | Value::Object(_) => json!(true),
                Value::Bool(_) => json!([]),
            };
            Some((false, false))
        }
        Mutation::ExtraField(p) => {
            if needs_session(p) && !has_session {
                return None;
            }
            let target = doc.pointer_mut(p)?.as_object_mut()?;
            target.insert("added_by_a_newer_api".into(), json!({"x": 1}));
            // Difference: only the Client and Session deny other fields.
            let strict = p.ends_with("latest_activity");
            Some((strict, true))
        }
        Mutation::UnknownStatus => {
            *doc.pointer_mut("/sessions/0/status")? = json!("quarantined");
            // Difference: the open enum keeps unknown values.
            Some((false, true))
        }
        Mutation::NullWhereNotNullable(p) => {
            if needs_session(p) && !has_session {
                return None;
            }
            *doc.pointer_mut(p)? = Value::Null;
            Some((false, false))
        }
        Mutation::WrongTag => {
            doc["object"] = json!("session");
            Some((false, false))
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn valid_documents_pass_both_ways_and_round_trip(doc in client()) {
        prop_assert_eq!(validate::client(&doc), vec![]);
        let text = serde_json::to_string(&doc).expect("text");
        let decoded: Client = clerk_types::from_str(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let encoded = serde_json::to_value(&decoded).expect("encodes");
        prop_assert_eq!(&encoded, &doc);
        prop_assert_eq!(validate::client(&encoded), vec![]);
        let again: Client = clerk_types::from_value(&encoded).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(again, decoded);
    }

    /// Nothing lost: unknown members at every level and explicit nulls come
    /// back member for member.
    #[test]
    fn unknown_members_and_nulls_round_trip(
        doc in client(),
        extra in proptest::collection::vec((0usize..16, "[a-z]{1,8}", any_json()), 0..8),
        nulls in proptest::collection::vec(any::<bool>(), 0..16),
    ) {
        let doc = with_unknowns_and_nulls(doc, &extra, &nulls);
        let decoded: Client = clerk_types::from_value(&doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let encoded = serde_json::to_value(&decoded).expect("encodes");
        prop_assert_eq!(&encoded, &doc);
    }

    #[test]
    fn mutations_get_the_verdict_the_schema_implies(mut doc in client(), m in mutation()) {
        let Some((strict_ok, lenient_ok)) = apply(&mut doc, &m) else { return Ok(()) };
        let violations = validate::client(&doc);
        prop_assert_eq!(violations.is_empty(), strict_ok, "strict on {:?}: {:?}", m, violations);
        let decoded = clerk_types::from_value::<Client>(&doc);
        prop_assert_eq!(decoded.is_ok(), lenient_ok, "lenient on {:?}: {:?}", m, decoded.err());
    }
}

/// Stands in for the fuzz target (`fuzz/`) in CI: arbitrary bytes, and
/// valid documents with bytes flipped, neither panic nor recurse without
/// bound.
fn fuzz_once(bytes: &[u8]) {
    // Bytes decode as their text does when they are UTF-8 (which is how
    // `from_slice` reads them), and as serde_json reads bytes when not.
    let decoded = clerk_types::from_slice::<Client>(bytes);
    let plain = serde_json::from_slice::<Client>(bytes);
    assert_eq!(decoded.as_ref().ok(), plain.as_ref().ok());
    if let Ok(doc) = serde_json::from_slice::<Value>(bytes) {
        let _ = validate::client(&doc);
        let _ = clerk_types::from_value::<Client>(&doc);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        fuzz_once(&bytes);
    }

    #[test]
    fn corrupted_documents_never_panic(
        doc in client(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut bytes = serde_json::to_vec(&doc).expect("bytes");
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        fuzz_once(&bytes);
        fuzz_once(&bytes[..cut.index(bytes.len() + 1)]);
    }
}

#[test]
fn documented_differences_hold() {
    let strict_ok = |doc: &Value| validate::client(doc).is_empty();
    let lenient_ok = |text: &str| clerk_types::from_str::<Client>(text).is_ok();
    // Integer with a zero fraction; integer beyond i64.
    for n in ["1760381439785.0", "92233720368547758070"] {
        let text = sample().to_string().replacen(
            "\"updated_at\":1760381439785",
            &format!("\"updated_at\":{n}"),
            1,
        );
        assert_ne!(text, sample().to_string());
        let doc: Value = serde_json::from_str(&text).expect("json");
        assert!(strict_ok(&doc), "{n}");
        assert!(!lenient_ok(&text), "{n}");
    }
    // A key given twice.
    let text = sample().to_string().replacen("{", "{\"id\":\"first\",", 1);
    let doc: Value = serde_json::from_str(&text).expect("json keeps the last");
    assert!(strict_ok(&doc));
    assert!(!lenient_ok(&text));
    // Unknown fields below the session are allowed by both.
    let mut doc = sample();
    doc["sessions"][0]["latest_activity"]["x"] = json!(1);
    assert!(strict_ok(&doc));
    assert!(lenient_ok(&doc.to_string()));
}

#[test]
fn messages_quote_only_an_excerpt_of_a_large_value() {
    let mut doc = sample();
    let big = "x".repeat(1 << 20);
    doc["sessions"][0]["status"] = json!(big);
    doc["sessions"][0]["tasks"] = json!(vec![json!({"key": big}); 50]);
    let violations = validate::client(&doc);
    assert!(!violations.is_empty());
    for v in &violations {
        assert!(
            v.message.len() < 400,
            "{} bytes: {:.200}",
            v.message.len(),
            v.message
        );
    }
    let status = violations
        .iter()
        .find(|v| v.pointer == "/sessions/0/status")
        .expect("status");
    assert!(
        status.message.contains("… (1048578 bytes)"),
        "{}",
        status.message
    );
    // Short values are quoted whole.
    doc["sessions"][0]["status"] = json!("suspended");
    assert!(validate::client(&doc)
        .iter()
        .any(|v| v.message.starts_with("\"suspended\" is not one of")));
    // Decoding errors quote serde's message with its middle cut out.
    doc["sessions"][0]["updated_at"] = json!(big);
    let err = clerk_types::from_value::<Client>(&doc).expect_err("refused");
    assert!(err.to_string().len() < 400, "{:.300}", err);
    assert!(err.message().ends_with("expected i64"), "{}", err.message());
    assert_eq!(
        validate::excerpt(&json!("é".repeat(100))),
        format!("\"{}… (202 bytes)", "é".repeat(31))
    );
}
