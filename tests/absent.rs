//! Every Clerk object decodes as Clerk really sends it: hand-written
//! payloads in the shapes that reach handlers (docs examples, the
//! dashboard's test events, old API versions), each lacking members that
//! upstream calls required. Each decodes, encodes back member for member,
//! lists what it lacked exactly as strict validation names it, and only
//! wrong identities (a wrong tag, a missing `id`, a wrong JSON type) are
//! refused, with their path.

use std::collections::BTreeSet;
use std::path::Path;

use clerk_types::validate;
use serde_json::{json, Value};

/// The schema a payload file is of: its name up to the first `_`.
fn payloads() -> Vec<(String, String, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/payloads/absent");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("payloads") {
        let path = entry.expect("entry").path();
        let file = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let schema = file.split('_').next().expect("prefix").to_owned();
        let text = std::fs::read_to_string(&path).expect("read");
        out.push((file, schema, serde_json::from_str(&text).expect("json")));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// What strict validation says is missing, as the pointers of the members,
/// and the pointers of the unions that no member matches (it names no
/// member there).
fn required_violations(schema: &str, doc: &Value) -> (BTreeSet<String>, Vec<String>) {
    let violations = validate::schema(schema, doc).expect("vendored");
    let unions = violations
        .iter()
        .filter(|v| v.message.contains("oneOf") || v.message.contains("anyOf"))
        .map(|v| v.pointer.clone())
        .collect();
    let required = violations
        .into_iter()
        .filter_map(|v| {
            let name = v
                .message
                .strip_prefix('"')?
                .strip_suffix("\" is a required property")?;
            Some(format!(
                "{}/{}",
                v.pointer,
                name.replace('~', "~0").replace('/', "~1")
            ))
        })
        .collect();
    (required, unions)
}

#[test]
fn every_object_decodes_without_members_upstream_calls_required() {
    let all = payloads();
    let schemas: BTreeSet<&str> = all.iter().map(|(_, s, _)| s.as_str()).collect();
    assert_eq!(
        schemas.len(),
        14,
        "one payload per object at least: {schemas:?}"
    );
    for (file, schema, doc) in &all {
        let bytes = serde_json::to_vec(doc).expect("bytes");
        let again = clerk_types::reencode(schema, &bytes)
            .expect("vendored")
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(&again, doc, "{file}: member for member");
        let missing: BTreeSet<String> = clerk_types::missing_required(schema, &bytes)
            .expect("vendored")
            .expect("decodes")
            .into_iter()
            .collect();
        assert!(!missing.is_empty(), "{file}: lacks nothing?");
        let (required, unions) = required_violations(schema, doc);
        let in_union = |p: &String| unions.iter().any(|u| p.starts_with(&format!("{u}/")));
        assert_eq!(
            missing.iter().filter(|p| !in_union(p)).collect::<Vec<_>>(),
            required.iter().filter(|p| !in_union(p)).collect::<Vec<_>>(),
            "{file}: missing_required() and strict validation disagree"
        );
    }
}

#[test]
fn docs_era_user_has_its_email_address_without_timestamps() {
    let text = include_str!("payloads/absent/user_docs_era.json");
    let user: clerk_types::User = clerk_types::from_str(text).expect("decodes");
    let email = &user.email_addresses[0];
    assert_eq!(email.email_address, "example@example.org");
    assert_eq!(email.created_at, 0, "the empty value stands in");
    let missing = user.missing_required();
    assert!(
        missing.contains(&"/email_addresses/0/created_at".to_owned()),
        "{missing:?}"
    );
    assert!(
        missing.contains(&"/enterprise_accounts".to_owned()),
        "{missing:?}"
    );
    assert!(user.enterprise_accounts.is_empty());
    // Counting (what a union without its tag asks of each candidate)
    // agrees with the list, nested members and lists included.
    use clerk_types::MissingRequired as _;
    assert_eq!(user.count_missing_required(), missing.len());
    // Legacy members are kept.
    assert_eq!(user.unknown.get("gender"), Some(&json!("")));
}

#[test]
fn a_dashboard_membership_keeps_its_organization() {
    let text = include_str!("payloads/absent/organizationmembership_dashboard.json");
    let m: clerk_types::OrganizationMembership = clerk_types::from_str(text).expect("decodes");
    assert_eq!(m.organization.slug, "acme-inc");
    assert_eq!(m.role, "admin");
    let missing = m.missing_required();
    assert!(
        missing.contains(&"/organization/admin_delete_enabled".to_owned()),
        "{missing:?}"
    );
    assert!(missing.contains(&"/permissions".to_owned()), "{missing:?}");
    use clerk_types::MissingRequired as _;
    assert_eq!(m.count_missing_required(), missing.len());
}

#[test]
fn a_2021_session_and_client() {
    let session: clerk_types::Session =
        clerk_types::from_str(include_str!("payloads/absent/session_2021.json")).expect("decodes");
    assert_eq!(session.missing_required(), ["/created_at", "/updated_at"]);
    let client: clerk_types::Client =
        clerk_types::from_str(include_str!("payloads/absent/client_2021.json")).expect("decodes");
    assert!(client.sessions.is_empty());
    assert!(client.missing_required().contains(&"/sessions".to_owned()));
}

/// The refusals that stay: a different object, an object without its
/// identity, a value of the wrong JSON type, `null` where none is allowed.
#[test]
fn only_wrong_identities_are_refused_with_their_path() {
    let refused = |schema: &str, doc: Value| -> String {
        let bytes = serde_json::to_vec(&doc).expect("bytes");
        match clerk_types::reencode(schema, &bytes).expect("vendored") {
            Ok(v) => panic!("{schema}: accepted {v}"),
            Err(e) => e.to_string(),
        }
    };
    let org = || {
        serde_json::from_str::<Value>(include_str!("payloads/absent/organization_dashboard.json"))
            .expect("json")
    };
    let mut typo = org();
    typo["object"] = json!("organizantion");
    assert!(refused("organization", typo).contains("unknown variant `organizantion`"));
    let mut no_id = org();
    no_id.as_object_mut().expect("object").remove("id");
    assert_eq!(refused("organization", no_id), ".: missing field `id`");
    let mut iso = org();
    iso["created_at"] = json!("2021-05-26T15:15:12Z");
    assert!(refused("organization", iso).starts_with("created_at: invalid type: string"));
    let mut null = org();
    null["name"] = Value::Null;
    assert!(refused("organization", null).starts_with("name: invalid type: null"));
    let actor = json!({"object": "impersonation_token", "id": "act_1", "status": "pending"});
    assert!(refused("actortoken", actor).contains("unknown variant `impersonation_token`"));
    let membership = json!({"object": "organization_membership", "id": "orgmem_1",
        "organization": {"object": "organization", "name": "Acme"}});
    assert_eq!(
        refused("organizationmembership", membership),
        "organization: missing field `id`"
    );
}

/// What a user sets is what gets written: a member decoded absent is
/// absent only while it holds the value that stood for its absence.
#[test]
fn a_value_set_on_an_absent_member_is_written_compared_and_no_longer_missing() {
    use clerk_types::Session;
    let text = include_str!("payloads/absent/session_2021.json");
    let mut session: Session = clerk_types::from_str(text).expect("decodes");
    assert_eq!(session.missing_required(), ["/created_at", "/updated_at"]);
    session.created_at = 1_622_042_100_000;
    session.updated_at = 1_622_042_112_371;
    let mut full: Value = serde_json::from_str(text).expect("json");
    full["created_at"] = json!(1_622_042_100_000_i64);
    full["updated_at"] = json!(1_622_042_112_371_i64);
    assert_eq!(serde_json::to_value(&session).expect("encodes"), full);
    assert!(session.missing_required().is_empty());
    let decoded_with: Session = clerk_types::from_value(&full).expect("decodes");
    assert_eq!(session, decoded_with);
    // A required string set on an absent member, too.
    let mut without_client: Value = full.clone();
    without_client
        .as_object_mut()
        .expect("object")
        .remove("client_id");
    let mut s: Session = clerk_types::from_value(&without_client).expect("decodes");
    assert_eq!(s.missing_required(), ["/client_id"]);
    s.client_id = "client_1".into();
    assert_eq!(
        serde_json::to_value(&s).expect("encodes")["client_id"],
        "client_1"
    );
    assert!(s.missing_required().is_empty());
}

#[test]
fn default_plus_assignments_encodes_what_was_assigned() {
    let mut email = clerk_types::EmailAddress::default();
    assert_eq!(serde_json::to_value(&email).expect("encodes"), json!({}));
    email.email_address = "ada@example.com".into();
    email.reserved = true;
    assert_eq!(
        serde_json::to_value(&email).expect("encodes"),
        json!({"email_address": "ada@example.com", "reserved": true})
    );
    let back: clerk_types::EmailAddress =
        serde_json::from_value(serde_json::to_value(&email).expect("encodes")).expect("decodes");
    assert_eq!(back, email);
}

#[test]
fn a_builder_writes_single_value_tags() {
    let session = clerk_types::Session::builder()
        .id("sess_1")
        .user_id("user_1")
        .status("active")
        .build()
        .expect("builds");
    let json = serde_json::to_value(&session).expect("encodes");
    assert_eq!(json["object"], "session");
    assert_eq!(json["status"], "active");
    assert!(!session.missing_required().contains(&"/object".to_owned()));
}

/// An unknown member named like a field is never written (the field owns
/// the name), so the output is never refused as a duplicate and decodes
/// back to an equal value.
#[test]
fn an_unknown_member_named_like_a_field_never_duplicates_a_key() {
    let text = include_str!("payloads/absent/session_2021.json");
    let mut session: clerk_types::Session = clerk_types::from_str(text).expect("decodes");
    session.unknown.insert("status", json!("ended"));
    session.unknown.insert("created_at", json!(1));
    session.unknown.insert("zz_new", json!([1]));
    let out = serde_json::to_string(&session).expect("encodes");
    let back: clerk_types::Session = clerk_types::from_str(&out).expect("its own output decodes");
    assert_eq!(back, session);
    assert_eq!(back.unknown.get("zz_new"), Some(&json!([1])));
    let value: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(value["status"], "active");
    assert!(value.get("created_at").is_none());
}

#[test]
fn debug_shows_values_and_absent_members_as_absent() {
    let text = include_str!("payloads/absent/session_2021.json");
    let session: clerk_types::Session = clerk_types::from_str(text).expect("decodes");
    let debug = format!("{session:?}");
    assert!(debug.contains("created_at: <absent>"), "{debug}");
    assert!(debug.contains("last_active_at: 1622042112371"), "{debug}");
    assert!(!debug.contains("presence"), "{debug}");
}
