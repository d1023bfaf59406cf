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
    assert_eq!(
        Verifier::from_jwks(br#"{"keys": [{"kty": "EC"}]}"#).err(),
        Some(SessionTokenError::NoRsaKey)
    );
    assert!(matches!(
        Verifier::from_jwks(br#"{"keys": [{"kty": "RSA", "n": "!!", "e": "AQAB"}]}"#),
        Err(SessionTokenError::InvalidKey(_))
    ));
}
