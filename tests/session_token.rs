//! Session tokens made the way Clerk makes them, signed with keys made
//! here: versions 1 and 2 of the claims, the organization they name, and
//! every refusal, each with what is wrong.

use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use base64::Engine as _;
use clerk_types::session_token::{SessionClaims, SessionTokenError, Verifier};
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::{EncodePublicKey, LineEnding};
use rsa::sha2::{Sha256, Sha384, Sha512};
use rsa::signature::{SignatureEncoding, Signer};
use rsa::traits::PublicKeyParts;
use rsa::{Generate, PrivateKey};
use serde_json::{json, Value};

const NOW: u64 = 1_760_000_000;

/// Two keys, made once per run.
fn keys() -> &'static [PrivateKey; 2] {
    static KEYS: OnceLock<[PrivateKey; 2]> = OnceLock::new();
    KEYS.get_or_init(|| [PrivateKey::generate(), PrivateKey::generate()])
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A token of `header` and `claims`, signed by `key` as `alg` says.
fn sign(key: &PrivateKey, header: &Value, claims: &Value) -> String {
    let input = format!(
        "{}.{}",
        b64(header.to_string().as_bytes()),
        b64(claims.to_string().as_bytes())
    );
    let signature = match header["alg"].as_str() {
        Some("RS384") => SigningKey::<Sha384>::new(key.clone())
            .sign(input.as_bytes())
            .to_vec(),
        Some("RS512") => SigningKey::<Sha512>::new(key.clone())
            .sign(input.as_bytes())
            .to_vec(),
        _ => SigningKey::<Sha256>::new(key.clone())
            .sign(input.as_bytes())
            .to_vec(),
    };
    format!("{input}.{}", b64(&signature))
}

fn header(kid: &str) -> Value {
    json!({"alg": "RS256", "kid": kid, "typ": "JWT", "cat": "cl_B7d4PD111AAA"})
}

/// Version 2 claims as Clerk's docs show them.
fn v2_claims() -> Value {
    json!({
        "azp": "https://app.example.com",
        "exp": NOW + 60, "iat": NOW - 1, "nbf": NOW - 11,
        "fva": [2, -1],
        "iss": "https://clerk.example.com",
        "jti": "a1b2c3",
        "sid": "sess_2g7np7Hrk0SN6kj5EDMLDaKNL0S",
        "sts": "active",
        "sub": "user_2g7np7Hrk0SN6kj5EDMLDaKNL0S",
        "v": 2,
        "fea": "o:dashboard,o:teams,u:chat",
        "pla": "u:free,o:pro",
        "o": {"id": "org_1", "slg": "acme", "rol": "admin", "per": "manage,read", "fpm": "3,2"}
    })
}

fn v1_claims() -> Value {
    json!({
        "azp": "https://app.example.com",
        "exp": NOW + 60, "iat": NOW - 1, "nbf": NOW - 11,
        "iss": "https://clerk.example.com",
        "sid": "sess_1", "sub": "user_1",
        "org_id": "org_1", "org_slug": "acme", "org_role": "org:admin",
        "org_permissions": ["org:dashboard:manage", "org:dashboard:read", "org:teams:read"]
    })
}

fn pem(key: &PrivateKey) -> String {
    key.to_public_key()
        .to_public_key_pem(LineEnding::LF)
        .expect("pem")
}

fn jwks() -> Vec<u8> {
    let jwk = |key: &PrivateKey, kid: &str| {
        let public = key.to_public_key();
        json!({
            "kty": "RSA", "use": "sig", "alg": "RS256", "kid": kid,
            "n": b64(&public.n().as_ref().to_be_bytes_trimmed_vartime()),
            "e": b64(&public.e().to_be_bytes_trimmed_vartime()),
        })
    };
    let [a, b] = keys();
    serde_json::to_vec(&json!({"keys": [
        {"kty": "EC", "kid": "ec", "crv": "P-256", "x": "AA", "y": "AA"},
        jwk(a, "ins_a"),
        jwk(b, "ins_b"),
    ]}))
    .expect("json")
}

fn at(seconds: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(seconds)
}

fn verify(verifier: &Verifier, token: &str) -> Result<SessionClaims, SessionTokenError> {
    verifier.verify_at(token, at(NOW))
}

#[test]
fn version_1_and_2_name_the_same_organization() {
    let [key, _] = keys();
    let verifier = Verifier::from_pem(&pem(key))
        .expect("pem")
        .authorized_parties(["https://app.example.com"]);
    let v2 = verify(&verifier, &sign(key, &header("ins_a"), &v2_claims())).expect("v2");
    let v1 = verify(&verifier, &sign(key, &header("ins_a"), &v1_claims())).expect("v1");
    assert_eq!(v2.user_id(), "user_2g7np7Hrk0SN6kj5EDMLDaKNL0S");
    assert_eq!(v2.session_id(), "sess_2g7np7Hrk0SN6kj5EDMLDaKNL0S");
    assert_eq!(v2.version(), 2);
    assert_eq!(v1.version(), 1);
    let (o2, o1) = (
        v2.organization().expect("org"),
        v1.organization().expect("org"),
    );
    assert_eq!(o2, o1);
    assert_eq!(o2.id(), "org_1");
    assert_eq!(o2.slug(), Some("acme"));
    assert_eq!(o2.role(), Some("org:admin"));
    // Clerk's docs example: fea o:dashboard,o:teams; per manage,read; fpm 3,2.
    assert_eq!(
        o2.permissions(),
        [
            "org:dashboard:manage",
            "org:dashboard:read",
            "org:teams:read"
        ]
    );
    assert!(o2.has_permission("org:teams:read") && !o2.has_permission("org:teams:manage"));
    // The other claims, typed.
    assert_eq!(v2.fva, [2, -1]);
    assert_eq!(v2.sts.as_ref().map(|s| s.as_str()), Some("active"));
    assert_eq!(v2.pla.as_deref(), Some("u:free,o:pro"));
    assert_eq!(v2.jti.as_deref(), Some("a1b2c3"));
    // The payload as sent, member for member.
    assert_eq!(serde_json::to_value(&v2).expect("encodes"), v2_claims());
    assert_eq!(serde_json::to_value(&v1).expect("encodes"), v1_claims());
}

#[test]
fn no_organization_masks_beyond_64_bits_custom_claims_and_actor() {
    let [key, _] = keys();
    let verifier = Verifier::from_pem(&pem(key)).expect("pem");
    let mut claims = v2_claims();
    claims.as_object_mut().expect("object").remove("o");
    let token = sign(key, &header("ins_a"), &claims);
    assert_eq!(
        verify(&verifier, &token).expect("valid").organization(),
        None
    );
    // 70 permissions; the feature has the first and the last: 2^69 + 1.
    let per: Vec<String> = (0..70).map(|i| format!("p{i}")).collect();
    let mut claims = v2_claims();
    claims["fea"] = json!("u:chat,ou:reports");
    claims["o"]["per"] = json!(per.join(","));
    claims["o"]["fpm"] = json!("590295810358705651713");
    claims["act"] =
        json!({"sub": "user_admin", "iss": "https://dashboard.clerk.com", "sid": "sess_a"});
    claims["metadata"] = json!({"plan": "pro", "seats": 3});
    let token = sign(key, &header("ins_a"), &claims);
    let verified = verify(&verifier, &token).expect("valid");
    assert_eq!(
        verified.organization().expect("org").permissions(),
        ["org:reports:p0", "org:reports:p69"]
    );
    assert_eq!(
        verified.act.as_ref().and_then(|a| a.sub.as_deref()),
        Some("user_admin")
    );
    #[derive(serde::Deserialize)]
    struct Custom {
        metadata: Metadata,
    }
    #[derive(serde::Deserialize)]
    struct Metadata {
        plan: String,
        seats: u32,
    }
    let custom: Custom = verified.custom().expect("custom claims");
    assert_eq!(
        (custom.metadata.plan.as_str(), custom.metadata.seats),
        ("pro", 3)
    );
    assert_eq!(serde_json::to_value(&verified).expect("encodes"), claims);
}

#[test]
fn jwks_keys_are_chosen_by_kid() {
    let [a, b] = keys();
    let verifier = Verifier::from_jwks(&jwks()).expect("jwks");
    assert!(verify(&verifier, &sign(a, &header("ins_a"), &v2_claims())).is_ok());
    assert!(verify(&verifier, &sign(b, &header("ins_b"), &v2_claims())).is_ok());
    // Signed by b, claiming a's kid.
    assert_eq!(
        verify(&verifier, &sign(b, &header("ins_a"), &v2_claims())),
        Err(SessionTokenError::InvalidSignature)
    );
    assert_eq!(
        verify(&verifier, &sign(a, &header("ins_c"), &v2_claims())),
        Err(SessionTokenError::UnknownKid(Some("ins_c".into())))
    );
    let no_kid = json!({"alg": "RS256", "typ": "JWT"});
    assert_eq!(
        verify(&verifier, &sign(a, &no_kid, &v2_claims())),
        Err(SessionTokenError::UnknownKid(None))
    );
    // RS384 and RS512, as Clerk's JS SDK accepts.
    for alg in ["RS384", "RS512"] {
        let h = json!({"alg": alg, "kid": "ins_a"});
        assert!(
            verify(&verifier, &sign(a, &h, &v2_claims())).is_ok(),
            "{alg}"
        );
    }
}

#[test]
fn the_clock_skew_edges() {
    let [key, _] = keys();
    let verifier = Verifier::from_pem(&pem(key)).expect("pem");
    let token = sign(key, &header("ins_a"), &v2_claims());
    let exp = NOW + 60;
    assert!(verifier.verify_at(&token, at(exp + 5)).is_ok());
    assert_eq!(
        verifier.verify_at(&token, at(exp + 6)),
        Err(SessionTokenError::Expired(Duration::from_secs(6)))
    );
    let mut claims = v2_claims();
    claims["nbf"] = json!(NOW + 5);
    claims["iat"] = json!(NOW + 5);
    let early = sign(key, &header("ins_a"), &claims);
    assert!(verify(&verifier, &early).is_ok());
    claims["nbf"] = json!(NOW + 6);
    let early = sign(key, &header("ins_a"), &claims);
    assert_eq!(
        verify(&verifier, &early),
        Err(SessionTokenError::NotYetValid(Duration::from_secs(6)))
    );
    let strict = verifier.clone().clock_skew(Duration::ZERO);
    assert_eq!(
        strict.verify_at(&token, at(exp + 1)),
        Err(SessionTokenError::Expired(Duration::from_secs(1)))
    );
    // A clock before 1970 is no panic.
    assert!(matches!(
        verifier.verify_at(&token, SystemTime::UNIX_EPOCH - Duration::from_secs(9)),
        Err(SessionTokenError::NotYetValid(_))
    ));
}

#[test]
fn refusals_say_what_is_wrong() {
    let [key, other] = keys();
    let verifier = Verifier::from_pem(&pem(key))
        .expect("pem")
        .authorized_parties(["https://app.example.com", "https://admin.example.com"]);
    let good = sign(key, &header("ins_a"), &v2_claims());
    assert!(verify(&verifier, &good).is_ok());
    // Altered: a claim changed after signing.
    let mut parts: Vec<String> = good.split('.').map(str::to_owned).collect();
    let mut claims = v2_claims();
    claims["sub"] = json!("user_someone_else");
    parts[1] = b64(claims.to_string().as_bytes());
    assert_eq!(
        verify(&verifier, &parts.join(".")),
        Err(SessionTokenError::InvalidSignature)
    );
    // Another instance's key.
    assert_eq!(
        verify(&verifier, &sign(other, &header("ins_a"), &v2_claims())),
        Err(SessionTokenError::InvalidSignature)
    );
    // Key confusion: `none`, and HS256 keyed with the public key's PEM.
    let none = format!(
        "{}.{}.",
        b64(br#"{"alg":"none"}"#),
        b64(v2_claims().to_string().as_bytes())
    );
    assert_eq!(
        verify(&verifier, &none),
        Err(SessionTokenError::UnsupportedAlgorithm("none".into()))
    );
    let hs = format!(
        "{}.{}.{}",
        b64(br#"{"alg":"HS256","typ":"JWT"}"#),
        b64(v2_claims().to_string().as_bytes()),
        b64(b"an HMAC made with the public key as its secret")
    );
    assert_eq!(
        verify(&verifier, &hs),
        Err(SessionTokenError::UnsupportedAlgorithm("HS256".into()))
    );
    // Not a session token: another category, an access token.
    for (h, e) in [
        (
            json!({"alg": "RS256", "cat": "cl_B7d4PD222AAA"}),
            SessionTokenError::WrongCategory("cl_B7d4PD222AAA".into()),
        ),
        (
            json!({"alg": "RS256", "cat": "cl_B7d4PD333AAA"}),
            SessionTokenError::WrongCategory("cl_B7d4PD333AAA".into()),
        ),
        (
            json!({"alg": "RS256", "typ": "at+jwt"}),
            SessionTokenError::NotSessionJwt("at+jwt".into()),
        ),
    ] {
        assert_eq!(verify(&verifier, &sign(key, &h, &v2_claims())), Err(e));
    }
    // The ignore category and no category are session tokens.
    for h in [
        json!({"alg": "RS256", "cat": "cl_I7d4PD111III"}),
        json!({"alg": "RS256"}),
    ] {
        assert!(verify(&verifier, &sign(key, &h, &v2_claims())).is_ok());
    }
    // azp: another origin, or none while parties are set.
    let mut claims = v2_claims();
    claims["azp"] = json!("https://evil.example.com");
    assert_eq!(
        verify(&verifier, &sign(key, &header("ins_a"), &claims)),
        Err(SessionTokenError::UnauthorizedParty(
            "https://evil.example.com".into()
        ))
    );
    claims.as_object_mut().expect("object").remove("azp");
    let no_azp = sign(key, &header("ins_a"), &claims);
    assert_eq!(
        verify(&verifier, &no_azp),
        Err(SessionTokenError::MissingAuthorizedParty)
    );
    assert!(verify(&Verifier::from_pem(&pem(key)).expect("pem"), &no_azp).is_ok());
    // Claims of the wrong type, missing claims, bad organization claims.
    let mut claims = v2_claims();
    claims["exp"] = json!("tomorrow");
    match verify(&verifier, &sign(key, &header("ins_a"), &claims)) {
        Err(SessionTokenError::InvalidClaims { path, .. }) => assert_eq!(path, "exp"),
        other => panic!("{other:?}"),
    }
    let mut claims = v2_claims();
    claims["o"]["id"] = json!(7);
    match verify(&verifier, &sign(key, &header("ins_a"), &claims)) {
        Err(SessionTokenError::InvalidClaims { path, .. }) => assert_eq!(path, "o.id"),
        other => panic!("{other:?}"),
    }
    for claim in ["sub", "sid", "exp"] {
        let mut claims = v2_claims();
        claims.as_object_mut().expect("object").remove(claim);
        assert_eq!(
            verify(&verifier, &sign(key, &header("ins_a"), &claims)),
            Err(SessionTokenError::MissingClaim(claim))
        );
    }
    let mut claims = v2_claims();
    claims["fea"] = json!("dashboard");
    assert!(matches!(
        verify(&verifier, &sign(key, &header("ins_a"), &claims)),
        Err(SessionTokenError::InvalidOrganizationClaims(_))
    ));
}

#[test]
fn bad_input_is_a_typed_error_never_a_panic() {
    let [key, _] = keys();
    let verifier = Verifier::from_pem(&pem(key)).expect("pem");
    let payload = b64(v2_claims().to_string().as_bytes());
    let cases: Vec<String> = vec![
        String::new(),
        "a.b".into(),
        "a.b.c.d".into(),
        "!!!.e30.e30".into(),
        format!("{}.{payload}.AAAA", b64(b"not json")),
        format!("{}.{payload}.AAAA", b64(b"[1,2]")),
        format!("{}.{payload}.AAAA", b64(br#"{"alg": 7}"#)),
        format!("{}.{payload}.AAAA", b64(br#"{"typ": "JWT"}"#)),
        format!("{}.{}.AAAA", b64(br#"{"alg": "RS256"}"#), b64(b"not json")),
        "x".repeat(1 << 20),
    ];
    for token in &cases {
        let err = verify(&verifier, token).expect_err("refused");
        assert!(!err.to_string().is_empty());
    }
    assert_eq!(
        verify(&verifier, &cases[9]),
        Err(SessionTokenError::TooLong(1 << 20))
    );
    // A payload that is signed but not an object.
    let token = sign(key, &header("ins_a"), &json!([1, 2]));
    assert!(matches!(
        verify(&verifier, &token),
        Err(SessionTokenError::InvalidClaims { .. })
    ));
    // Keys: not a PEM, a private key, a JWKS that is no JSON or has no RSA key.
    assert!(matches!(
        Verifier::from_pem("hello"),
        Err(SessionTokenError::InvalidKey(_))
    ));
    assert!(matches!(
        Verifier::from_jwks(b"{"),
        Err(SessionTokenError::InvalidJwks(_))
    ));
    assert!(matches!(
        Verifier::from_jwks(br#"{"keys": 1}"#),
        Err(SessionTokenError::InvalidJwks(_))
    ));
    assert!(matches!(
        Verifier::from_jwks(br#"{"keys": [{"kty": "EC"}]}"#),
        Err(SessionTokenError::NoUsableKey(skipped)) if skipped[0].reason.contains("not RSA")
    ));
    assert!(matches!(
        Verifier::from_jwks(br#"{"keys": [{"kty": "RSA", "n": "!!", "e": "AQAB"}]}"#),
        Err(SessionTokenError::NoUsableKey(_))
    ));
}

/// A public key of `bytes` bytes of modulus (any odd number is a modulus
/// to the parser; nothing is signed with it).
fn modulus(bytes: usize) -> Vec<u8> {
    let mut n = vec![0xC5; bytes];
    n[bytes - 1] |= 1;
    n
}

fn jwk(n: &[u8], extra: Value) -> Value {
    let mut jwk = json!({"kty": "RSA", "kid": "weak", "n": b64(n), "e": "AQAB"});
    if let (Some(jwk), Some(extra)) = (jwk.as_object_mut(), extra.as_object()) {
        jwk.extend(extra.clone());
    }
    jwk
}

#[test]
fn keys_below_2048_bits_are_refused_from_a_pem_and_left_out_of_a_jwks() {
    let n = rsa::BoxedUint::from_be_slice_vartime(&modulus(128));
    let e = rsa::BoxedUint::from(65_537u32);
    let weak = rsa::PublicKey::new(n, e).expect("rsa itself takes 1024 bits");
    let pem = weak.to_public_key_pem(LineEnding::LF).expect("pem");
    let err = Verifier::from_pem(&pem).expect_err("a 1024-bit key");
    assert_eq!(err, SessionTokenError::WeakKey(1024));
    assert!(err.to_string().contains("1024 bits"), "{err}");
    // In a JWKS, the good keys stay and the weak one is left out, with why.
    let mut document: Value = serde_json::from_slice(&jwks()).expect("json");
    document["keys"]
        .as_array_mut()
        .expect("keys")
        .push(jwk(&modulus(128), json!({})));
    let verifier = Verifier::from_jwks(document.to_string().as_bytes()).expect("good keys left");
    let [a, _] = keys();
    assert!(verify(&verifier, &sign(a, &header("ins_a"), &v2_claims())).is_ok());
    let skipped = verifier.skipped_keys();
    assert_eq!(skipped.len(), 2, "{skipped:?}"); // the EC key and the weak one
    assert!(skipped[1].reason.contains("1024 bits"), "{skipped:?}");
    assert_eq!(skipped[1].kid.as_deref(), Some("weak"));
}

#[test]
fn a_jwks_keeps_its_usable_keys_and_is_refused_only_without_one() {
    let not_for_signing = [
        json!({"use": "enc"}),
        json!({"alg": "RSA-OAEP"}),
        json!({"alg": "HS256"}),
        json!({"key_ops": ["encrypt"]}),
        json!({"key_ops": "verify"}),
    ];
    let good = modulus(256);
    let mut bad_keys: Vec<Value> = not_for_signing
        .iter()
        .map(|x| jwk(&good, x.clone()))
        .collect();
    bad_keys.push(json!({"kty": "RSA", "kid": "broken", "n": "!!", "e": "AQAB"}));
    bad_keys.push(jwk(&modulus(1200), json!({}))); // 9600 bits: too large
    let err = Verifier::from_jwks(json!({ "keys": bad_keys }).to_string().as_bytes())
        .expect_err("no usable key");
    let SessionTokenError::NoUsableKey(skipped) = &err else {
        panic!("{err:?}");
    };
    assert_eq!(skipped.len(), bad_keys.len(), "{err}");
    for (reason, expected) in skipped.iter().map(|s| s.reason.as_str()).zip([
        "use",
        "alg",
        "alg",
        "key_ops",
        "key_ops",
        "base64url",
        "large",
    ]) {
        assert!(reason.contains(expected), "{reason} ({expected})");
    }
    // A usable key beside them is enough; `key_ops` with verify is usable.
    let [a, _] = keys();
    let public = a.to_public_key();
    let mut keys_with_one = bad_keys.clone();
    keys_with_one.push(json!({
        "kty": "RSA", "kid": "ins_a", "use": "sig", "alg": "RS256", "key_ops": ["verify"],
        "n": b64(&public.n().as_ref().to_be_bytes_trimmed_vartime()),
        "e": b64(&public.e().to_be_bytes_trimmed_vartime()),
    }));
    let verifier =
        Verifier::from_jwks(json!({ "keys": keys_with_one }).to_string().as_bytes()).expect("one");
    assert!(verify(&verifier, &sign(a, &header("ins_a"), &v2_claims())).is_ok());
    assert_eq!(verifier.skipped_keys().len(), bad_keys.len());
    assert_eq!(
        Verifier::from_jwks(br#"{"keys": []}"#).err(),
        Some(SessionTokenError::NoRsaKey)
    );
}

#[test]
fn headers_are_read_strictly() {
    let [a, _] = keys();
    let pem_verifier = Verifier::from_pem(&pem(a)).expect("pem");
    let jwks_verifier = Verifier::from_jwks(&jwks()).expect("jwks");
    // `typ` exactly `JWT`.
    let lower = json!({"alg": "RS256", "kid": "ins_a", "typ": "jwt"});
    assert_eq!(
        verify(&pem_verifier, &sign(a, &lower, &v2_claims())),
        Err(SessionTokenError::NotSessionJwt("jwt".into()))
    );
    // A JWKS key is chosen by the token's kid, which must be there (a PEM
    // is the instance's key, whatever the token names).
    let no_kid = json!({"alg": "RS256", "typ": "JWT"});
    assert_eq!(
        verify(&jwks_verifier, &sign(a, &no_kid, &v2_claims())),
        Err(SessionTokenError::UnknownKid(None))
    );
    assert!(verify(&pem_verifier, &sign(a, &no_kid, &v2_claims())).is_ok());
    // A member given twice.
    for twice in [
        r#"{"alg":"RS256","kid":"ins_a","alg":"RS512"}"#,
        r#"{"alg":"RS256","kid":"ins_a","cat":"cl_B7d4PD111AAA","cat":"cl_B7d4PD333AAA"}"#,
    ] {
        let input = format!(
            "{}.{}",
            b64(twice.as_bytes()),
            b64(v2_claims().to_string().as_bytes())
        );
        let signature = SigningKey::<Sha256>::new(a.clone()).sign(input.as_bytes());
        let token = format!("{input}.{}", b64(&signature.to_vec()));
        let err = verify(&jwks_verifier, &token).expect_err("refused");
        assert!(
            matches!(&err, SessionTokenError::Malformed(m) if m.contains("twice")),
            "{err:?}"
        );
    }
}

#[test]
fn an_empty_azp_is_no_azp_even_for_an_empty_authorized_party() {
    let [a, _] = keys();
    // An authorized party from an unset environment variable.
    let verifier = Verifier::from_pem(&pem(a))
        .expect("pem")
        .authorized_parties([""]);
    let mut claims = v2_claims();
    claims["azp"] = json!("");
    assert_eq!(
        verify(&verifier, &sign(a, &header("ins_a"), &claims)),
        Err(SessionTokenError::MissingAuthorizedParty)
    );
}

#[test]
fn errors_echo_only_a_short_excerpt_of_what_the_sender_chose() {
    let [a, _] = keys();
    let verifier = Verifier::from_jwks(&jwks()).expect("jwks");
    let long = "A".repeat(40_000);
    for header in [
        json!({"alg": long}),
        json!({"alg": "RS256", "typ": long}),
        json!({"alg": "RS256", "cat": long}),
        json!({"alg": "RS256", "kid": long}),
    ] {
        let err = verify(&verifier, &sign(a, &header, &v2_claims())).expect_err("refused");
        let text = err.to_string();
        assert!(text.len() < 200, "{} bytes: {}", text.len(), &text[..200]);
        assert!(text.contains('…'), "{text}");
    }
    let mut claims = v2_claims();
    claims["azp"] = json!(long);
    let err = Verifier::from_pem(&pem(a))
        .expect("pem")
        .authorized_parties(["https://app.example.com"])
        .verify_at(&sign(a, &header("ins_a"), &claims), at(NOW))
        .expect_err("refused");
    assert!(err.to_string().len() < 200, "{err}");
}

#[test]
fn a_pending_session_says_so() {
    let [a, _] = keys();
    let verifier = Verifier::from_pem(&pem(a)).expect("pem");
    let mut claims = v2_claims();
    claims["sts"] = json!("pending");
    let pending = verify(&verifier, &sign(a, &header("ins_a"), &claims)).expect("verifies");
    assert!(pending.is_pending());
    claims["sts"] = json!("active");
    let active = verify(&verifier, &sign(a, &header("ins_a"), &claims)).expect("verifies");
    assert!(!active.is_pending());
}

#[test]
fn a_flood_of_unknown_kids_refetches_the_jwks_once_per_interval() {
    use clerk_types::session_token::JwksRefresh;
    let start = std::time::Instant::now();
    let mut refresh = JwksRefresh::new(Duration::from_secs(300));
    refresh.fetched_at(start);
    // Ten thousand tokens with made-up kids over ten minutes.
    let fetches = (0..10_000u64)
        .filter(|i| refresh.due_at(start + Duration::from_millis(i * 60)))
        .count();
    assert_eq!(fetches, 1);
    // Without a first fetch recorded, the first unknown kid is reason enough.
    assert!(JwksRefresh::default().due_at(start));
}
