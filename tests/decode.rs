//! The public API against a corpus of realistic Clerk payloads: each decodes
//! and round-trips, and bad input is refused with an error, never a panic.

use std::path::{Path, PathBuf};

use clerk_types::{Client, SessionStatus};
use serde_json::{json, Value};

fn corpus(dir: &str) -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/payloads")
        .join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus directory exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable payload");
            (p, text)
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no payloads in {}", dir.display());
    files
}

fn decode(path: &Path, text: &str) -> Client {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every payload, valid or merely lenient, comes back member for member:
/// unknown members at every level, explicit `null`s, absent keys.
#[test]
fn payloads_round_trip_member_for_member() {
    for dir in ["valid", "lenient"] {
        for (path, text) in corpus(dir) {
            let client = decode(&path, &text);
            let input: Value = serde_json::from_str(&text).expect("fixture is JSON");
            let encoded = serde_json::to_value(&client).expect("encodes");
            assert_eq!(encoded, input, "{}", path.display());
            let again: Client = serde_json::from_value(encoded).expect("re-decodes");
            assert_eq!(again, client, "{}", path.display());
        }
    }
}

/// Valid payloads carry exactly the members the schema knows: nothing in
/// them lands among the unknown members.
#[test]
fn valid_payloads_have_no_unknown_members() {
    for (path, text) in corpus("valid") {
        let client = decode(&path, &text);
        assert!(client.unknown.is_empty(), "{}", path.display());
        for s in &client.sessions {
            assert!(s.unknown.is_empty(), "{}", path.display());
            if let Some(a) = &s.latest_activity {
                assert!(a.unknown.is_empty(), "{}", path.display());
            }
        }
    }
}

#[test]
fn unknown_members_are_kept_at_every_level_in_order() {
    let (path, text) = corpus("lenient")
        .into_iter()
        .find(|(p, _)| p.ends_with("extra_fields_everywhere.json"))
        .expect("fixture");
    let client = decode(&path, &text);
    assert_eq!(
        client.unknown.keys().collect::<Vec<_>>(),
        ["cookie_expires_at", "captcha_bypass"]
    );
    let session = &client.sessions[0];
    assert_eq!(
        session
            .unknown
            .get("last_active_token")
            .map(|t| &t["object"]),
        Some(&json!("token"))
    );
    assert!(session.unknown.contains_key("user"));
    let activity = session.latest_activity.as_ref().expect("activity");
    assert_eq!(
        activity.unknown.get("new_field"),
        Some(&json!({"nested": [1, 2, 3]}))
    );
    let task = &client.sessions[1].tasks.as_ref().expect("tasks")[0];
    assert_eq!(task.unknown.get("extra"), Some(&json!(true)));
}

#[test]
fn the_shipped_sample_decodes() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/client.json");
    let text = std::fs::read_to_string(&path).expect("sample exists");
    let client = decode(&path, &text);
    assert_eq!(client.sessions.len(), 2);
    assert_eq!(
        client.last_authentication_strategy.as_deref(),
        Some("oauth_google")
    );
}

/// Bytes decode as their text does (the same value, the same error at the
/// same place), and bytes that are not UTF-8 are refused where they are.
#[test]
fn bytes_decode_as_their_text_does() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/client.json");
    let text = std::fs::read_to_string(&path).expect("sample exists");
    let from_bytes = clerk_types::from_slice::<Client>(text.as_bytes()).expect("decodes");
    assert_eq!(from_bytes, decode(&path, &text));
    let wrong = text.replacen("\"object\": \"client\"", "\"object\": 7", 1);
    assert_ne!(wrong, text);
    let (a, b) = (
        clerk_types::from_slice::<Client>(wrong.as_bytes()).expect_err("refused"),
        clerk_types::from_str::<Client>(&wrong).expect_err("refused"),
    );
    assert_eq!((a.to_string(), a.position()), (b.to_string(), b.position()));
    // Not UTF-8 in a string on line 2: serde_json's own error, there.
    let mut bytes = b"{\"id\": \"client_1\",\n\"object\": \"cl".to_vec();
    bytes.extend_from_slice(b"\xff\xfeient\"}");
    let err = clerk_types::from_slice::<Client>(&bytes).expect_err("refused");
    let plain = serde_json::from_slice::<Client>(&bytes).expect_err("refused");
    assert_eq!(err.position(), Some((plain.line(), plain.column())));
    assert_eq!(err.position().map(|(line, _)| line), Some(2));
    assert!(err.message().contains("unicode"), "{err}");
}

#[test]
fn all_eight_statuses_are_known() {
    let (path, text) = corpus("valid")
        .into_iter()
        .find(|(p, _)| p.ends_with("all_statuses.json"))
        .expect("fixture");
    let client = decode(&path, &text);
    let statuses: Vec<_> = client.sessions.iter().map(|s| s.status.clone()).collect();
    assert_eq!(
        statuses,
        [
            SessionStatus::Active,
            SessionStatus::Revoked,
            SessionStatus::Ended,
            SessionStatus::Expired,
            SessionStatus::Removed,
            SessionStatus::Abandoned,
            SessionStatus::Replaced,
            SessionStatus::Pending,
        ]
    );
    assert!(statuses.iter().all(SessionStatus::is_known));
}

#[test]
fn unknown_status_is_kept_and_written_back() {
    let client: Client = serde_json::from_str(&sample_with(|c| {
        c["sessions"][0]["status"] = json!("suspended_for_review");
    }))
    .expect("decodes");
    let status = &client.sessions[0].status;
    assert_eq!(
        status,
        &SessionStatus::Unknown("suspended_for_review".into())
    );
    assert!(!status.is_known());
    assert_eq!(status.as_str(), "suspended_for_review");
    let encoded = serde_json::to_value(&client).expect("encodes");
    assert_eq!(encoded["sessions"][0]["status"], "suspended_for_review");
    assert_eq!(
        "pending".parse::<SessionStatus>(),
        Ok(SessionStatus::Pending)
    );
}

#[test]
fn pending_session_exposes_its_tasks() {
    let (path, text) = corpus("valid")
        .into_iter()
        .find(|(p, _)| p.ends_with("pending_with_tasks.json"))
        .expect("fixture");
    let client = decode(&path, &text);
    let session = &client.sessions[0];
    assert_eq!(session.status, SessionStatus::Pending);
    assert_eq!(
        session.pending_task_keys().collect::<Vec<_>>(),
        ["choose-organization"]
    );
    assert_eq!(session.abandon_at, session.expire_at);
    assert_eq!(client.active_sessions().count(), 0);
}

#[test]
fn impersonation_actor_is_an_open_map() {
    let client: Client = serde_json::from_str(&sample_with(|c| {
        c["sessions"][0]["actor"] =
            json!({"sub": "user_x", "iss": "https://dashboard.clerk.com", "new": [1]});
    }))
    .expect("decodes");
    let actor = client.sessions[0].actor.as_ref().expect("actor present");
    assert_eq!(actor["sub"], "user_x");
    assert_eq!(actor["new"], json!([1]));
    assert!(client.sessions[0].is_impersonated());
}

#[test]
fn nulls_and_absent_keys_are_told_apart_on_encoding() {
    // As they came: a required nullable key absent (older API versions),
    // optional ones null or absent.
    let mut input = sample();
    input
        .as_object_mut()
        .expect("object")
        .remove("last_authentication_strategy");
    input["sessions"][0]["tasks"] = Value::Null;
    input["sessions"][0]
        .as_object_mut()
        .expect("session")
        .remove("actor");
    let client: Client = serde_json::from_value(input.clone()).expect("decodes");
    assert_eq!(client.last_authentication_strategy, None);
    assert_eq!(client.sessions[0].actor, None);
    assert_eq!(client.sessions[0].tasks, None);
    let encoded = serde_json::to_value(&client).expect("encodes");
    assert_eq!(encoded, input);
    assert_eq!(encoded.get("last_authentication_strategy"), None);
    assert_eq!(encoded["sessions"][0].get("tasks"), Some(&Value::Null));
    assert_eq!(encoded["sessions"][0].get("actor"), None);
    // Built in Rust, `None` follows the schema: a required nullable field is
    // written as null, an optional one left out. Equality is of the values.
    let built: clerk_types::Session = clerk_types::Session::builder()
        .id("sess_1")
        .user_id("user_1")
        .client_id("client_1")
        .status("active")
        .last_active_at(1_i64)
        .expire_at(2_i64)
        .abandon_at(3_i64)
        .updated_at(4_i64)
        .created_at(5_i64)
        .try_into()
        .expect("built");
    let encoded = serde_json::to_value(&built).expect("encodes");
    assert_eq!(encoded.get("actor"), None);
    let mut with_null = encoded.clone();
    with_null["actor"] = Value::Null;
    let decoded: clerk_types::Session = serde_json::from_value(with_null).expect("decodes");
    assert_eq!(decoded, built, "`null` and absent compare equal");
}

#[test]
fn an_absent_tag_is_its_only_value_and_a_wrong_one_is_refused() {
    // Clerk's 2022 SDK fixtures: nested sessions without `object`.
    let mut input = sample();
    input["sessions"][0]
        .as_object_mut()
        .expect("session")
        .remove("object");
    let client: Client = serde_json::from_value(input).expect("decodes");
    assert_eq!(
        client.sessions[0].object,
        clerk_types::SessionObject::Session
    );
    let err = refused(&sample_with(|c| {
        c["sessions"][0]["object"] = json!("client")
    }));
    assert!(err.contains("unknown variant `client`"), "{err}");
    let err = refused(&sample_with(|c| c["object"] = json!("session")));
    assert!(err.contains("unknown variant `session`"), "{err}");
}

#[test]
fn a_positional_array_is_not_an_object() {
    let client = sample();
    let positional: Vec<Value> = client
        .as_object()
        .expect("object")
        .values()
        .cloned()
        .collect();
    let err = refused(&Value::Array(positional).to_string());
    assert!(err.contains("expected a Client object"), "{err}");
    let err = refused(&json!([client]).to_string());
    assert!(err.contains("expected a Client object"), "{err}");
    let err = refused(&sample_with(|c| c["sessions"][0] = json!(["sess_1"])));
    assert!(err.contains("expected a Session object"), "{err}");
}

#[test]
fn timestamps_are_milliseconds_beyond_i32() {
    let client: Client = serde_json::from_value(sample()).expect("decodes");
    assert!(client.updated_at > i64::from(i32::MAX));
    let client: Client = serde_json::from_str(&sample_with(|c| c["created_at"] = json!(i64::MAX)))
        .expect("i64::MAX fits");
    assert_eq!(client.created_at, i64::MAX);
}

#[test]
fn many_sessions() {
    let mut client = sample();
    let template = client["sessions"][0].clone();
    let sessions: Vec<Value> = (0..200)
        .map(|i| {
            let mut s = template.clone();
            s["id"] = json!(format!("sess_{i}"));
            s["status"] = json!(if i % 7 == 0 { "ended" } else { "active" });
            s
        })
        .collect();
    client["session_ids"] = json!(sessions.iter().map(|s| s["id"].clone()).collect::<Vec<_>>());
    client["sessions"] = Value::Array(sessions);
    client["last_active_session_id"] = json!("sess_150");
    let decoded: Client = serde_json::from_value(client.clone()).expect("decodes");
    assert_eq!(decoded.sessions.len(), 200);
    assert_eq!(
        decoded.last_active_session().map(|s| s.id.as_str()),
        Some("sess_150")
    );
    assert_eq!(decoded.active_sessions().count(), 200 - 29);
    assert_eq!(serde_json::to_value(&decoded).expect("encodes"), client);
}

#[test]
fn builders_construct_non_exhaustive_types() {
    let session: clerk_types::Session = clerk_types::Session::builder()
        .id("sess_1")
        .user_id("user_1")
        .client_id("client_1")
        .status("pending")
        .last_active_at(1_760_381_439_785_i64)
        .expire_at(1_760_986_239_785_i64)
        .abandon_at(1_760_986_239_785_i64)
        .updated_at(1_760_381_439_785_i64)
        .created_at(1_760_381_400_000_i64)
        .try_into()
        .expect("all required fields set; the object tag defaults");
    assert_eq!(session.status, SessionStatus::Pending);
    // Only the identity must be set: unset members are absent, as decoding
    // makes them, and listed by missing_required().
    let short: clerk_types::Session = clerk_types::Session::builder()
        .id("x")
        .try_into()
        .expect("a mock stays short");
    assert!(short.missing_required().contains(&"/user_id".to_owned()));
    let missing: Result<clerk_types::Session, _> =
        clerk_types::Session::builder().user_id("u").try_into();
    assert!(missing.is_err());
}

// ---- refused input ----

fn sample() -> Value {
    let text = include_str!("payloads/valid/signed_in.json");
    serde_json::from_str(text).expect("fixture is JSON")
}

fn sample_with(edit: impl FnOnce(&mut Value)) -> String {
    let mut v = sample();
    edit(&mut v);
    v.to_string()
}

fn refused(text: &str) -> String {
    match serde_json::from_str::<Client>(text) {
        Ok(c) => panic!("accepted: {c:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn wrong_types_are_refused() {
    type Edit = fn(&mut Value);
    let cases: [(&str, Edit); 6] = [
        ("status 42", |c| c["sessions"][0]["status"] = json!(42)),
        ("id number", |c| c["id"] = json!(7)),
        ("timestamp string", |c| {
            c["updated_at"] = json!("1760381439785")
        }),
        ("timestamp float", |c| c["updated_at"] = json!(1.5)),
        ("sessions object", |c| c["sessions"] = json!({})),
        ("is_mobile string", |c| {
            c["sessions"][0]["latest_activity"]["is_mobile"] = json!("no")
        }),
    ];
    for (name, edit) in cases {
        let err = refused(&sample_with(edit));
        assert!(err.contains("invalid type"), "{name}: {err}");
    }
}

#[test]
fn only_a_missing_identity_is_refused() {
    let err = refused(&sample_with(|c| {
        c.as_object_mut().expect("object").remove("id");
    }));
    assert!(err.contains("missing field `id`"), "{err}");
    let err = clerk_types::from_str::<Client>(&sample_with(|c| {
        c["sessions"][0]
            .as_object_mut()
            .expect("object")
            .remove("id");
    }))
    .expect_err("a session without its id");
    assert!(
        err.to_string()
            .starts_with("sessions[0]: missing field `id`"),
        "{err}"
    );
    // Every other required member decodes absent, is written back absent,
    // and is listed by missing_required().
    for (key, pointer) in [
        ("session_ids", "/session_ids"),
        ("sessions", "/sessions"),
        ("updated_at", "/updated_at"),
        ("created_at", "/created_at"),
    ] {
        let text = sample_with(|c| {
            c.as_object_mut().expect("object").remove(key);
        });
        let client: Client = serde_json::from_str(&text).expect(key);
        assert_eq!(client.missing_required(), [pointer], "{key}");
        let again = serde_json::to_value(&client).expect("encodes");
        assert_eq!(again, serde_json::from_str::<Value>(&text).expect("json"));
    }
    for key in ["status", "user_id", "expire_at"] {
        let text = sample_with(|c| {
            c["sessions"][0]
                .as_object_mut()
                .expect("object")
                .remove(key);
        });
        let client: Client = serde_json::from_str(&text).expect(key);
        assert_eq!(
            client.missing_required(),
            [format!("/sessions/0/{key}")],
            "{key}"
        );
    }
    // An absent status is not an invented one: it lands in the catch-all.
    let text = sample_with(|c| {
        c["sessions"][0]
            .as_object_mut()
            .expect("object")
            .remove("status");
    });
    let client: Client = serde_json::from_str(&text).expect("decodes");
    assert_eq!(
        client.sessions[0].status,
        SessionStatus::Unknown(String::new())
    );
    // Equality tells an absent member from an empty one.
    let mut zero = sample();
    zero["updated_at"] = json!(0);
    let zero: Client = serde_json::from_value(zero).expect("decodes");
    let absent: Client = serde_json::from_str(&sample_with(|c| {
        c.as_object_mut().expect("object").remove("updated_at");
    }))
    .expect("decodes");
    assert_eq!(zero.updated_at, absent.updated_at);
    assert_ne!(zero, absent);
    // A required non-nullable field may not be null.
    let err = refused(&sample_with(|c| c["id"] = Value::Null));
    assert!(err.contains("invalid type: null"), "{err}");
    let err = refused(&sample_with(|c| c["sessions"] = Value::Null));
    assert!(err.contains("invalid type: null"), "{err}");
}

#[test]
fn wrong_object_tag_is_refused() {
    let err = refused(&sample_with(|c| c["object"] = json!("session")));
    assert!(err.contains("unknown variant `session`"), "{err}");
    let err = refused(&sample_with(|c| {
        c["sessions"][0]["object"] = json!("client")
    }));
    assert!(err.contains("unknown variant `client`"), "{err}");
}

#[test]
fn i64_overflow_is_refused() {
    let text = sample_with(|c| c["created_at"] = json!(u64::MAX));
    assert!(refused(&text).contains("invalid value"));
    let text = sample()
        .to_string()
        .replace("1760381439785", "99999999999999999999999");
    assert!(refused(&text).contains("invalid type: floating point"));
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let objects = format!("{}1{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    let arrays = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let text =
        sample()
            .to_string()
            .replacen("\"actor\":null,", &format!("\"actor\": {objects},"), 1);
    let err = refused(&text);
    assert!(err.contains("recursion limit"), "{err}");
    // An unknown member is kept, so it is parsed: past serde_json's
    // recursion limit it is refused too, cleanly.
    let text =
        sample()
            .to_string()
            .replacen("\"actor\":null,", &format!("\"extra\": {arrays},"), 1);
    let err = refused(&text);
    assert!(err.contains("recursion limit"), "{err}");
}

#[test]
fn truncated_and_empty_input_is_refused() {
    let text = sample().to_string();
    for end in [0, 1, text.len() / 2, text.len() - 1] {
        let err = refused(&text[..end]);
        assert!(err.contains("EOF"), "{end}: {err}");
    }
    assert!(refused("").contains("EOF"));
    assert!(refused("null").contains("invalid type: null"));
    assert!(refused("[]").contains("expected a Client object"));
}

/// Open enums compare, hash and order by their JSON text: a value this
/// release does not know can never differ from a listed one with the same
/// text, and ordering does not depend on the order of the schema's list.
#[test]
fn open_enums_compare_by_wire_value() {
    use std::collections::HashSet;
    let unknown_active = SessionStatus::Unknown("active".into());
    assert_eq!(unknown_active, SessionStatus::Active);
    assert!(unknown_active.is_known());
    let set: HashSet<SessionStatus> = [SessionStatus::Active, unknown_active].into();
    assert_eq!(set.len(), 1);
    let mut statuses = [
        SessionStatus::Revoked,
        SessionStatus::Unknown("locked".into()),
        SessionStatus::Active,
        SessionStatus::Pending,
    ];
    statuses.sort();
    let texts: Vec<&str> = statuses.iter().map(SessionStatus::as_str).collect();
    assert_eq!(texts, ["active", "locked", "pending", "revoked"]);
}

#[test]
fn errors_say_what_kind_and_where_the_text_is_broken() {
    use clerk_types::{Category, DecodeError};
    use std::error::Error as _;
    let sample = include_str!("../examples/client.json");
    // A missing comma: the path stops at the broken place; line and column
    // say where.
    let broken = sample.replacen("\"status\": \"active\",", "\"status\": \"active\"", 1);
    let err = clerk_types::from_str::<Client>(&broken).expect_err("refused");
    assert_eq!(err.classify(), Category::Syntax);
    let (line, column) = err.position().expect("text has positions");
    assert!(
        err.to_string()
            .ends_with(&format!(" at line {line} column {column}")),
        "{err}"
    );
    // Nothing, or a body cut short: the end of the input.
    for text in ["", &sample[..sample.len() / 2]] {
        let err = clerk_types::from_str::<Client>(text).expect_err("refused");
        assert_eq!(err.classify(), Category::Eof, "{err}");
        assert!(err.to_string().contains(" at line "), "{err}");
    }
    // Trailing characters are syntax, located by position.
    let err = clerk_types::from_str::<Client>(&format!("{sample} x")).expect_err("refused");
    assert_eq!(err.classify(), Category::Syntax);
    assert!(
        err.to_string().contains("trailing characters at line"),
        "{err}"
    );
    // A payload of another shape: data, located by its path alone; the
    // underlying serde_json error is the source.
    let wrong = sample.replacen("\"status\": \"active\"", "\"status\": 42", 1);
    let err: DecodeError = clerk_types::from_str::<Client>(&wrong).expect_err("refused");
    assert_eq!(err.classify(), Category::Data);
    assert!(!err.to_string().contains(" at line "), "{err}");
    let source = err.source().expect("a source");
    assert!(source.downcast_ref::<serde_json::Error>().is_some());
}

#[test]
fn a_mock_client_and_session_for_a_test() {
    use clerk_types::SessionBuilder;
    use clerk_types::{BuildError, Client, Session};
    let session: SessionBuilder = Session::builder()
        .id("sess_1")
        .user_id("user_1")
        .client_id("client_1")
        .status("active")
        .last_active_at(1_760_381_439_785)
        .expire_at(1_760_986_239_785)
        .abandon_at(1_762_973_439_785)
        .updated_at(1_760_381_439_785)
        .created_at(1_760_381_400_000);
    let client: Client = Client::builder()
        .id("client_1")
        .session_ids(vec!["sess_1"])
        .sessions([session])
        .last_active_session_id("sess_1")
        .updated_at(1_760_381_439_785)
        .created_at(1_760_381_400_000)
        .build()
        .expect("required nullable fields default to None");
    assert_eq!(client.sign_in_id, None);
    assert_eq!(client.sessions[0].actor, None);
    assert_eq!(
        client.last_active_session().map(|s| s.user_id.as_str()),
        Some("user_1")
    );
    // The members left unset are absent, as if decoded without them: not
    // written, and listed by missing_required(); but the tag, which a
    // builder writes, as Clerk would.
    let short = Client::builder()
        .id("client_1")
        .build()
        .expect("only the id is needed");
    assert_eq!(
        serde_json::to_value(&short).expect("encodes"),
        json!({"id": "client_1", "object": "client"})
    );
    assert_eq!(
        short.missing_required(),
        [
            "/created_at",
            "/last_active_session_id",
            "/last_authentication_strategy",
            "/session_ids",
            "/sessions",
            "/sign_in_id",
            "/sign_up_id",
            "/updated_at"
        ]
    );
    assert_eq!(
        short,
        serde_json::from_str::<Client>(r#"{"id": "client_1", "object": "client"}"#)
            .expect("decodes")
    );
    // The identity, and a builder error at the crate root.
    let err: BuildError = Client::builder().created_at(1).build().expect_err("no id");
    assert_eq!(err.missing(), ["id"]);
    assert_eq!(err.to_string(), "cannot build a Client: missing id");
    // A nested builder that fails says why, in its parent's error.
    let err = Client::builder()
        .id("client_1")
        .sessions([Session::builder().user_id("user_2")])
        .build()
        .expect_err("the session has no id");
    assert_eq!(err.missing(), [] as [&str; 0]);
    assert_eq!(err.invalid()[0].0, "sessions");
    assert!(
        err.invalid()[0]
            .1
            .starts_with("cannot build a Session: missing id"),
        "{err}"
    );
}

#[test]
fn timestamps_are_unix_milliseconds() {
    use clerk_types::UnixMillis;
    use std::time::{Duration, UNIX_EPOCH};
    let ms = 1_760_381_439_785_i64;
    assert_eq!(
        ms.system_time(),
        Some(UNIX_EPOCH + Duration::from_millis(1_760_381_439_785))
    );
    assert_eq!(
        (-1_i64).system_time(),
        UNIX_EPOCH.checked_sub(Duration::from_millis(1))
    );
    #[cfg(feature = "jiff")]
    assert_eq!(ms.jiff_timestamp().map(|t| t.as_millisecond()), Some(ms));
    #[cfg(feature = "chrono")]
    assert_eq!(ms.chrono_utc().map(|t| t.timestamp_millis()), Some(ms));
    #[cfg(feature = "time")]
    assert_eq!(
        ms.offset_date_time()
            .map(|t| t.unix_timestamp_nanos() / 1_000_000),
        Some(i128::from(ms))
    );
    #[cfg(feature = "jiff")]
    assert_eq!(i64::MAX.jiff_timestamp(), None);
}

/// Every module's `error::ConversionError` is the crate's one type
/// (typify writes a copy per module; the generator points them all at
/// `clerk_types::error`).
#[test]
fn one_conversion_error_for_every_module() {
    fn same(e: clerk_types::client::error::ConversionError) -> clerk_types::error::ConversionError {
        e
    }
    let e = same("not a session status".into());
    assert_eq!(e.to_string(), "not a session status");
    let boxed: Box<dyn std::error::Error> = Box::new(same(String::from("owned").into()));
    assert_eq!(boxed.to_string(), "owned");
}
