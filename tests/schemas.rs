//! Every vendored schema, not only the Client: documents drawn from each
//! schema decode and encode back member for member, also with unknown
//! members anywhere; and hand-made payloads for what only some schemas have
//! (discriminated unions with a catch-all, the types User shares with the
//! other schemas, upstream's cut nodes, presence rules).
//!
//! Runs with any set of schema features (over the enabled schemas);
//! `tests/features.rs` runs it with each feature alone.

#[path = "support/draw.rs"]
mod draw;

use clerk_types::validate;
use draw::Rng;
use proptest::prelude::*;
use serde_json::{json, Value};

fn schema(name: &str) -> Value {
    serde_json::from_str(validate::schema_text(name).expect("vendored")).expect("json")
}

fn reencoded(name: &str, doc: &Value) -> Result<Value, String> {
    let bytes = serde_json::to_vec(doc).expect("bytes");
    clerk_types::reencode(name, &bytes)
        .expect("vendored")
        .map_err(|e| e.to_string())
}

/// A valid document of schema `name` drawn from `seed`, if the draw is valid.
fn valid(name: &str, schema: &Value, seed: u64) -> Option<Value> {
    let doc = draw::document(schema, &mut Rng(seed));
    let violations = validate::schema(name, &doc).expect("vendored");
    violations.is_empty().then_some(doc)
}

#[cfg(feature = "full")]
#[test]
fn full_enables_every_vendored_schema() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema");
    let files = std::fs::read_dir(dir)
        .expect("schema/")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned());
    let vendored = clerk_types_codegen::schema_files(files);
    let enabled: Vec<&str> = clerk_types::SCHEMAS.iter().map(|s| s.file).collect();
    assert_eq!(enabled, vendored);
    assert!(
        vendored.len() >= 24,
        "the fourteen and the ten webhook objects"
    );
}

#[test]
fn documents_drawn_from_every_enabled_schema_round_trip() {
    for info in clerk_types::SCHEMAS {
        let schema = schema(info.name);
        let mut valid_count = 0;
        for seed in 0..200 {
            let Some(doc) = valid(info.name, &schema, seed) else {
                continue;
            };
            valid_count += 1;
            assert_eq!(
                reencoded(info.name, &doc).as_ref(),
                Ok(&doc),
                "{} seed {seed}",
                info.name
            );
        }
        // The generator must keep up with the schema, or this tests nothing.
        assert!(
            valid_count >= 40,
            "{}: {valid_count} of 200 valid; e.g. {:?}",
            info.name,
            validate::schema(info.name, &draw::document(&schema, &mut Rng(0)))
        );
    }
}

/// Every constrained value (`pattern`, `format`, lengths, ranges) replaced
/// by one that breaks its constraint, in documents drawn from every enabled
/// schema: each decodes and is written back as sent, and strict validation
/// names each broken value. Validation keywords never refuse a payload.
#[test]
fn constraints_never_refuse_a_payload_and_strict_validation_names_them() {
    let mut broken_docs = 0;
    for info in clerk_types::SCHEMAS {
        let schema = schema(info.name);
        for seed in 0..200 {
            if valid(info.name, &schema, seed).is_none() {
                continue;
            }
            let doc = draw::document_breaking_constraints(&schema, &mut Rng(seed));
            assert_eq!(
                reencoded(info.name, &doc).as_ref(),
                Ok(&doc),
                "{} seed {seed}: a broken constraint refused or changed",
                info.name
            );
            let violations = validate::schema(info.name, &doc).expect("vendored");
            if violations.is_empty() {
                continue;
            }
            broken_docs += 1;
            for v in &violations {
                let text = v.to_string();
                assert!(
                    [
                        "does not match",
                        "is not a \"",
                        "'oneOf'",
                        "length",
                        "minimum",
                        "maximum",
                        "short",
                        "long"
                    ]
                    .iter()
                    .any(|k| text.contains(k)),
                    "{} seed {seed}: only constraints are broken, yet: {text}",
                    info.name
                );
            }
        }
    }
    #[cfg(any(feature = "user", feature = "emailaddress", feature = "phonenumber"))]
    assert!(broken_docs > 0, "no drawn document broke a constraint");
    let _ = broken_docs;
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Unknown members anywhere, in every schema, are kept and written back
    /// in place.
    #[test]
    fn unknown_members_round_trip_in_every_schema(seed in any::<u64>(), extra in any::<u64>()) {
        for info in clerk_types::SCHEMAS {
            let schema = schema(info.name);
            let Some(doc) = valid(info.name, &schema, seed) else { continue };
            let doc = draw::with_unknowns(&doc, &schema, &mut Rng(extra), 40);
            prop_assert_eq!(reencoded(info.name, &doc), Ok(doc.clone()), "{}", info.name);
        }
    }
}

#[allow(dead_code)]
fn email_address(verification: Value) -> Value {
    json!({
        "id": "idn_1",
        "object": "email_address",
        "email_address": "ada@example.com",
        "reserved": false,
        "verification": verification,
        "linked_to": [{"type": "oauth_google", "id": "idn_2"}],
        "created_at": 1_760_381_439_785_i64,
        "updated_at": 1_760_381_439_785_i64
    })
}

#[allow(dead_code)]
fn oauth_verification(error: Value) -> Value {
    json!({
        "object": "verification_from_oauth",
        "status": "verified",
        "strategy": "from_oauth_google",
        "attempts": null,
        "expire_at": null,
        "error": error
    })
}

#[cfg(feature = "emailaddress")]
#[test]
fn a_verification_of_a_kind_this_version_does_not_know_is_kept_whole() {
    use clerk_types::{EmailAddress, EmailAddressVerification};
    let future = json!({"object": "verification_passkey_v2", "status": "verified", "x": [1]});
    let doc = email_address(future.clone());
    let decoded: EmailAddress = clerk_types::from_value(&doc).expect("decodes");
    assert!(matches!(
        decoded.verification,
        Some(EmailAddressVerification::Unknown(ref v)) if *v == future
    ));
    assert_eq!(reencoded("emailaddress", &doc), Ok(doc));
}

#[cfg(feature = "user")]
#[test]
fn a_users_email_addresses_are_email_addresses() {
    use clerk_types::{EmailAddress, User};
    // The same type as the EmailAddress schema's root (upstream's cut copy,
    // restored): what works on one works on the other.
    fn first(user: &User) -> Option<&EmailAddress> {
        user.email_addresses.first()
    }
    let schema = schema("user");
    let mut user = (0..500)
        .find_map(|seed| valid("user", &schema, seed))
        .expect("a valid drawn user");
    let error = json!({"message": "m", "long_message": "l", "code": "c", "meta": {}});
    user["email_addresses"] = json!([email_address(oauth_verification(error))]);
    assert_eq!(validate::schema("user", &user), Some(Vec::new()));
    let decoded: User = clerk_types::from_value(&user).expect("decodes");
    let email = first(&decoded).expect("one");
    assert_eq!(email.email_address, "ada@example.com");
    assert_eq!(reencoded("user", &user), Ok(user.clone()));

    // Where upstream cut the node, strict validation and decoding both
    // read Clerk's error object, so they agree: a `code` is required (and
    // decodes absent, as every required member but an identity).
    user["email_addresses"][0]["verification"]["error"] = json!({"message": "m"});
    let violations = validate::schema("user", &user).expect("vendored");
    assert!(
        violations
            .iter()
            .any(|v| v.pointer.starts_with("/email_addresses/0/verification")),
        "{violations:?}"
    );
    let decoded: User = clerk_types::from_value(&user).expect("decodes");
    assert_eq!(
        decoded.missing_required(),
        [
            "/email_addresses/0/verification/error/code",
            "/email_addresses/0/verification/error/long_message"
        ]
    );
    // Not "any JSON": a wrong type there is refused, with its path.
    user["email_addresses"][0]["verification"]["error"] = json!({"code": 1});
    let err = clerk_types::from_value::<User>(&user).expect_err("refused");
    assert!(
        err.path().starts_with("email_addresses[0].verification"),
        "{err}"
    );

    // A wrong type deep inside says where.
    user["email_addresses"][0]["verification"]["error"] = Value::Null;
    user["email_addresses"][0]["reserved"] = json!("no");
    let err = clerk_types::from_value::<User>(&user).expect_err("refused");
    assert_eq!(err.path(), "email_addresses[0].reserved", "{err}");
}

/// OAuth providers whose names break upstream's patterns (`^oauth_[a-z]+$`,
/// `^from_oauth_...[a-z]+$`): ones Clerk offers today (`linkedin_oidc`) and
/// custom providers (`oauth_custom_<key>`, keys with digits and dashes).
#[allow(dead_code)]
const PROVIDERS: &[&str] = &[
    "linkedin_oidc",
    "custom_acme",
    "custom_acme_2",
    "custom_my-idp",
    "token_github",
    "google",
    "Apple",
];

#[cfg(feature = "user")]
#[test]
fn every_oauth_provider_decodes_in_users_and_email_addresses_as_sent() {
    use clerk_types::User;
    let schema = schema("user");
    let base = (0..500)
        .find_map(|seed| valid("user", &schema, seed))
        .expect("a valid drawn user");
    for provider in PROVIDERS {
        let mut user = base.clone();
        let mut email = email_address(oauth_verification(Value::Null));
        email["linked_to"] = json!([{"type": format!("oauth_{provider}"), "id": "idn_2"}]);
        email["verification"]["strategy"] = json!(format!("from_oauth_{provider}"));
        let mut phone = json!({
            "id": "idn_3", "object": "phone_number", "phone_number": "+15555550100",
            "reserved_for_second_factor": false, "default_second_factor": false, "reserved": false,
            "verification": null, "linked_to": [{"type": format!("oauth_{provider}"), "id": "idn_2"}],
            "created_at": 1_760_381_439_785_i64, "updated_at": 1_760_381_439_785_i64
        });
        phone["backup_codes"] = Value::Null;
        user["email_addresses"] = json!([email]);
        user["phone_numbers"] = json!([phone]);
        let decoded: User =
            clerk_types::from_value(&user).unwrap_or_else(|e| panic!("{provider}: refused: {e}"));
        let first = decoded.email_addresses.first().expect("one");
        assert_eq!(first.linked_to[0].type_, format!("oauth_{provider}"));
        assert_eq!(reencoded("user", &user), Ok(user.clone()), "{provider}");
        #[cfg(feature = "emailaddress")]
        assert_eq!(
            reencoded("emailaddress", &user["email_addresses"][0]),
            Ok(user["email_addresses"][0].clone()),
            "{provider}"
        );
        #[cfg(feature = "phonenumber")]
        assert_eq!(
            reencoded("phonenumber", &user["phone_numbers"][0]),
            Ok(user["phone_numbers"][0].clone()),
            "{provider}"
        );
    }
    // Strict validation still says where upstream's pattern is broken.
    let mut user = base;
    let mut email = email_address(oauth_verification(Value::Null));
    email["linked_to"] = json!([{"type": "oauth_linkedin_oidc", "id": "idn_2"}]);
    user["email_addresses"] = json!([email]);
    let violations = validate::schema("user", &user).expect("vendored");
    assert!(
        violations
            .iter()
            .any(|v| v.pointer == "/email_addresses/0/linked_to/0/type"),
        "{violations:?}"
    );
}

#[cfg(feature = "samlconnection")]
#[test]
fn a_saml_connection_needs_domain_or_domains_only_to_strict_validation() {
    use clerk_types::SamlConnection;
    let schema = schema("samlconnection");
    let mut doc = (0..500)
        .find_map(|seed| valid("samlconnection", &schema, seed))
        .expect("a valid drawn connection");
    let obj = doc.as_object_mut().expect("object");
    obj.remove("domain");
    obj.remove("domains");
    let decoded: SamlConnection = clerk_types::from_value(&doc).expect("decodes");
    assert_eq!((decoded.domain, decoded.domains.is_empty()), (None, true));
    assert!(!validate::schema("samlconnection", &doc)
        .expect("vendored")
        .is_empty());
    assert_eq!(reencoded("samlconnection", &doc), Ok(doc));
}

#[cfg(feature = "user")]
#[test]
fn a_union_of_one_member_still_keeps_a_variant_it_does_not_know() {
    use clerk_types::{Passkey, PasskeyVerification};
    let future = json!({"object": "verification_passkey_v2", "status": "verified"});
    let doc = json!({"object": "passkey", "id": "pk_1", "name": "laptop",
        "last_used_at": 1_760_381_439_785_i64, "verification": future});
    let passkey: Passkey = clerk_types::from_value(&doc).expect("decodes");
    assert!(matches!(
        passkey.verification,
        Some(PasskeyVerification::Unknown(ref v)) if *v == future
    ));
    assert_eq!(serde_json::to_value(&passkey).expect("encodes"), doc);
}

/// A plain union of objects (no discriminator): each variant a struct of
/// its own, lenient; an object no variant takes kept whole in the
/// catch-all; anything else refused, as the schema refuses it.
#[cfg(all(feature = "jwks", feature = "verifyoauthaccesstokenresponse"))]
#[test]
fn a_plain_union_of_objects_keeps_a_kind_it_does_not_know() {
    use clerk_types::jwks::{JsonWebKey, Jwks};
    use clerk_types::verifyoauthaccesstokenresponse::VerifyOAuthAccessTokenResponse as Verified;
    let rsa = json!({"kty": "RSA", "kid": "ins_1", "alg": "RS256", "use": "sig", "n": "0vx", "e": "AQAB"});
    let future = json!({"kty": "ML-DSA", "kid": "ins_2", "alg": "ML-DSA-65", "pub": "abc"});
    let doc = json!({"keys": [rsa, future.clone()], "extra": 1});
    let jwks: Jwks = clerk_types::from_value(&doc).expect("decodes");
    assert!(matches!(jwks.keys[0], JsonWebKey::RsaPublicKey(_)));
    assert!(matches!(&jwks.keys[1], JsonWebKey::Unknown(m) if Value::Object(m.clone()) == future));
    assert_eq!(serde_json::to_value(&jwks).expect("encodes"), doc);
    assert!(clerk_types::from_value::<Jwks>(&json!({"keys": ["RSA"]})).is_err());

    let inactive = json!({"active": false, "reason": "expired"});
    let answer: Verified = clerk_types::from_value(&inactive).expect("decodes");
    assert!(matches!(answer, Verified::InactiveAccessToken(_)));
    assert_eq!(serde_json::to_value(&answer).expect("encodes"), inactive);
}

/// The `schemars` schema of each root type accepts what the type decodes:
/// drawn documents, with unknown members, with unknown enum values, and
/// (for the Client) every payload of the corpus that decodes.
#[cfg(feature = "schemars")]
#[test]
fn the_schemars_schema_accepts_what_decodes() {
    for info in clerk_types::SCHEMAS {
        let published = clerk_types::json_schema::for_schema(info.name).expect("enabled");
        let published = serde_json::to_value(&published).expect("schema is JSON");
        let validator = jsonschema::validator_for(&published).expect("the schema compiles");
        let schema = schema(info.name);
        let mut checked = 0;
        for seed in 0..100 {
            let Some(doc) = valid(info.name, &schema, seed) else {
                continue;
            };
            let doc = draw::with_unknowns(&doc, &schema, &mut Rng(seed ^ 0xabc), 40);
            // Also with members absent (required ones included): they decode.
            let absent = without_members(&doc, &mut Rng(seed ^ 0xdef), 30);
            for doc in [doc, absent] {
                assert!(
                    reencoded(info.name, &doc).is_ok(),
                    "{} seed {seed}",
                    info.name
                );
                let errors: Vec<String> =
                    validator.iter_errors(&doc).map(|e| e.to_string()).collect();
                assert!(errors.is_empty(), "{} seed {seed}: {errors:?}", info.name);
            }
            checked += 1;
        }
        assert!(checked >= 20, "{}: {checked}", info.name);
    }
    #[cfg(feature = "client")]
    {
        let published = clerk_types::json_schema::for_schema("client").expect("client");
        let published = serde_json::to_value(&published).expect("schema is JSON");
        let validator = jsonschema::validator_for(&published).expect("compiles");
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/payloads");
        let mut decoded = 0;
        for dir in ["valid", "lenient"] {
            for entry in std::fs::read_dir(root.join(dir)).expect("corpus") {
                let path = entry.expect("entry").path();
                let bytes = std::fs::read(&path).expect("read");
                if clerk_types::from_slice::<clerk_types::Client>(&bytes).is_err() {
                    continue;
                }
                decoded += 1;
                let doc: Value = serde_json::from_slice(&bytes).expect("json");
                let errors: Vec<String> =
                    validator.iter_errors(&doc).map(|e| e.to_string()).collect();
                assert!(errors.is_empty(), "{}: {errors:?}", path.display());
            }
        }
        assert!(decoded > 5, "{decoded}");
        // An unknown status decodes, and the schema says so too; the known
        // values are still listed.
        let text = published.to_string();
        assert!(text.contains("\"active\""), "{text}");
    }
}

/// `doc` without some of its members (at any depth; never an `id`, the
/// one member whose absence is refused), `percent` of them.
fn without_members(doc: &Value, rng: &mut Rng, percent: u64) -> Value {
    fn go(v: &mut Value, rng: &mut Rng, percent: u64) {
        match v {
            Value::Object(m) => {
                let names: Vec<String> = m.keys().cloned().collect();
                for name in names {
                    if name != "id" && rng.chance(percent) {
                        m.remove(&name);
                    }
                }
                m.values_mut().for_each(|child| go(child, rng, percent));
            }
            Value::Array(items) => items.iter_mut().for_each(|i| go(i, rng, percent)),
            _ => {}
        }
    }
    let mut doc = doc.clone();
    go(&mut doc, rng, percent);
    doc
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Any subset of the members removed, required ones included, at any
    /// depth, with unknown members (and explicit nulls among them): every
    /// schema's documents decode and encode back member for member, and
    /// every member reported missing is absent from the document.
    #[test]
    fn absent_members_decode_and_round_trip_in_every_schema(
        seed in any::<u64>(),
        drop in any::<u64>(),
        percent in 0u64..=100,
        unknowns in any::<bool>(),
    ) {
        for info in clerk_types::SCHEMAS {
            let schema = schema(info.name);
            let Some(doc) = valid(info.name, &schema, seed) else { continue };
            let mut rng = Rng(drop);
            let mut doc = without_members(&doc, &mut rng, percent);
            if unknowns {
                doc = draw::with_unknowns(&doc, &schema, &mut rng, 40);
            }
            prop_assert_eq!(reencoded(info.name, &doc), Ok(doc.clone()), "{}", info.name);
            let bytes = serde_json::to_vec(&doc).expect("bytes");
            let missing = clerk_types::missing_required(info.name, &bytes)
                .expect("vendored")
                .expect("decodes");
            for pointer in &missing {
                let (parent, _) = pointer.rsplit_once('/').expect("a member");
                prop_assert!(doc.pointer(pointer).is_none(), "{}: {} is there", info.name, pointer);
                prop_assert!(doc.pointer(parent).is_some_and(Value::is_object), "{}: {}", info.name, pointer);
            }
            // Strict validation still names each of them (at the parent).
            let violations = validate::schema(info.name, &doc).expect("vendored");
            for pointer in &missing {
                let (parent, name) = pointer.rsplit_once('/').expect("a member");
                let said = format!("\"{name}\" is a required property");
                prop_assert!(
                    violations.iter().any(|v| v.pointer == parent && v.message == said)
                        || violations.iter().any(|v| parent.starts_with(&v.pointer) && v.message.contains("oneOf")),
                    "{}: {} not reported by strict validation: {:?}", info.name, pointer, violations
                );
            }
        }
    }
}

/// A union is read in one pass: members before its tag are held, then
/// handed to the variant. A wrong type among them is reported at the
/// union's path with the member named; after the tag, at its own path.
#[cfg(feature = "emailaddress")]
#[test]
fn a_union_reports_a_wrong_member_before_and_after_its_tag() {
    use clerk_types::EmailAddress;
    let before = json!({"attempts": "one", "object": "verification_otp", "status": "verified", "strategy": "email_code", "expire_at": null});
    let err = clerk_types::from_value::<EmailAddress>(&email_address(before)).expect_err("refused");
    assert_eq!(err.path(), "verification", "{err}");
    assert!(err.message().starts_with("attempts: invalid type"), "{err}");
    // From text, in its order (a `Value`'s members are sorted: `attempts` first).
    let mut text = serde_json::to_string(&email_address(json!(null))).expect("json");
    text = text.replace(
        "\"verification\":null",
        r#""verification":{"object":"verification_otp","status":"verified","strategy":"email_code","attempts":"one","expire_at":null}"#,
    );
    let err = clerk_types::from_str::<EmailAddress>(&text).expect_err("refused");
    assert_eq!(err.path(), "verification.attempts", "{err}");
    // Either order decodes the same value when the members are right.
    let a = json!({"attempts": 1, "object": "verification_otp", "status": "verified", "strategy": "email_code", "expire_at": null});
    let b = json!({"object": "verification_otp", "expire_at": null, "strategy": "email_code", "status": "verified", "attempts": 1});
    let (a, b): (EmailAddress, EmailAddress) = (
        clerk_types::from_value(&email_address(a)).expect("decodes"),
        clerk_types::from_value(&email_address(b)).expect("decodes"),
    );
    assert_eq!(a, b);
}

/// However many members come before the tag (more than are held in place,
/// some the schema does not list), the union decodes as when the tag comes
/// first, and writes back every member it was given.
#[cfg(feature = "emailaddress")]
#[test]
fn a_union_holds_any_number_of_members_before_its_tag() {
    use clerk_types::EmailAddress;
    let members = r#""attempts":1,"expire_at":null,"extra":[1,{"k":"v"}],"status":"verified","strategy":"email_code","zz":"last""#;
    let decode = |verification: &str| -> (EmailAddress, Value) {
        let text = serde_json::to_string(&email_address(json!(null)))
            .expect("json")
            .replace(
                "\"verification\":null",
                &format!("\"verification\":{verification}"),
            );
        let decoded = clerk_types::from_str::<EmailAddress>(&text).expect("decodes");
        (decoded, serde_json::from_str(&text).expect("json"))
    };
    let (last, sent) = decode(&format!(r#"{{{members},"object":"verification_otp"}}"#));
    let (first, _) = decode(&format!(r#"{{"object":"verification_otp",{members}}}"#));
    assert_eq!(last, first);
    assert!(matches!(
        last.verification,
        Some(clerk_types::EmailAddressVerification::Otp(_))
    ));
    assert_eq!(serde_json::to_value(&last).expect("encodes"), sent);
}

/// Without its tag, a union matches by shape however many members it has
/// (few are looked up where they are held, many in a map), a name given
/// twice keeping its last value as in a `Value`: it decodes as the same
/// object written once, and writes back what a `Value` keeps.
#[cfg(feature = "emailaddress")]
#[test]
fn a_union_without_its_tag_matches_by_shape_whatever_its_members() {
    use clerk_types::EmailAddress;
    let unknown: String = (0..20).map(|i| format!(r#","x{i:02}":{i}"#)).collect();
    for extra in ["", unknown.as_str()] {
        let members = format!(
            r#""attempts":1,"status":"unverified","expire_at":null,"status":"verified","strategy":"email_code"{extra}"#
        );
        let text = serde_json::to_string(&email_address(json!(null)))
            .expect("json")
            .replace(
                "\"verification\":null",
                &format!("\"verification\":{{{members}}}"),
            );
        let sent: Value = serde_json::from_str(&text).expect("json");
        let decoded = clerk_types::from_str::<EmailAddress>(&text).expect("decodes");
        let once = clerk_types::from_str::<EmailAddress>(&sent.to_string()).expect("decodes");
        assert_eq!(decoded, once, "{text}");
        let Some(clerk_types::EmailAddressVerification::Otp(otp)) = &decoded.verification else {
            panic!("not an OTP verification: {:?}", decoded.verification);
        };
        assert_eq!(
            serde_json::to_value(&otp.status).expect("encodes"),
            json!("verified")
        );
        assert_eq!(serde_json::to_value(&decoded).expect("encodes"), sent);
    }
}
