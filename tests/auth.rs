//! Machine tokens made the way Clerk makes them, signed with keys made
//! here, authenticated at one entry point: every kind routed by what the
//! caller accepts, M2M and OAuth access token JWTs verified without a
//! network call (both `typ` spellings, `scope` and `scp`, `aud` lists,
//! custom claims kept), opaque tokens sent to the Backend API, and every
//! refusal typed.

use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use base64::Engine as _;
use clerk_types::auth::{Accepts, AuthError, Authenticated, TokenKind};
use clerk_types::session_token::{SessionTokenError, Verifier};
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::{EncodePublicKey, LineEnding};
use rsa::sha2::Sha256;
use rsa::signature::{SignatureEncoding, Signer};
use rsa::{Generate, PrivateKey};
use serde_json::{json, Value};

const NOW: u64 = 1_760_000_000;
const M2M_CAT: &str = "cl_B7d4PD333AAA";
const SESSION_CAT: &str = "cl_B7d4PD111AAA";

fn key() -> &'static PrivateKey {
    static KEY: OnceLock<PrivateKey> = OnceLock::new();
    KEY.get_or_init(PrivateKey::generate)
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn sign(header: &Value, claims: &Value) -> String {
    let input = format!(
        "{}.{}",
        b64(header.to_string().as_bytes()),
        b64(claims.to_string().as_bytes())
    );
    let signature = SigningKey::<Sha256>::new(key().clone())
        .sign(input.as_bytes())
        .to_vec();
    format!("{input}.{}", b64(&signature))
}

fn verifier() -> Verifier {
    let pem = key()
        .to_public_key()
        .to_public_key_pem(LineEnding::LF)
        .expect("pem");
    Verifier::from_pem(&pem).expect("verifier")
}

fn at() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(NOW)
}

fn m2m_claims() -> Value {
    json!({
        "iss": "https://clerk.example.com", "sub": "mch_2vYVtestTESTtestTESTtestTESTtest",
        "exp": NOW + 60, "iat": NOW - 1, "nbf": NOW - 1, "jti": "mt_2xKa9Bgv7NxMRDFyQw8LpZ3cTmU",
        "aud": ["mch_1xxxxx", "mch_2xxxxx"], "scopes": "mch_1xxxxx mch_2xxxxx",
        "tenant": {"plan": "pro"}
    })
}

fn oauth_claims() -> Value {
    json!({
        "iss": "https://clerk.example.com", "sub": "user_2vYVtestTESTtestTESTtestTEST",
        "client_id": "client_2VTWUzvGC5UhdJCNx6xG1D98edc", "exp": NOW + 60, "iat": NOW - 1,
        "jti": "oat_2xKa9Bgv7NxMRDFyQw8LpZ3cTmU", "scope": "read:foo write:bar", "extra": 1
    })
}

fn session_claims() -> Value {
    json!({"sub": "user_1", "sid": "sess_1", "exp": NOW + 60, "iat": NOW - 1, "nbf": NOW - 1, "v": 2})
}

fn m2m() -> String {
    sign(
        &json!({"alg": "RS256", "kid": "ins_1", "typ": "JWT", "cat": M2M_CAT}),
        &m2m_claims(),
    )
}

fn oauth(typ: &str) -> String {
    sign(
        &json!({"alg": "RS256", "kid": "ins_1", "typ": typ}),
        &oauth_claims(),
    )
}

fn session() -> String {
    sign(
        &json!({"alg": "RS256", "kid": "ins_1", "typ": "JWT", "cat": SESSION_CAT}),
        &session_claims(),
    )
}

#[test]
fn kinds_by_prefix_header_and_subject() {
    assert_eq!(TokenKind::of("ak_2b5d9f"), TokenKind::ApiKey);
    assert_eq!(TokenKind::of("mt_2b5d9f"), TokenKind::M2m);
    assert_eq!(TokenKind::of("  oat_2b5d9f\n"), TokenKind::OAuth);
    assert_eq!(TokenKind::of(&m2m()), TokenKind::M2m);
    assert_eq!(TokenKind::of(&oauth("at+jwt")), TokenKind::OAuth);
    assert_eq!(
        TokenKind::of(&oauth("application/at+jwt")),
        TokenKind::OAuth
    );
    assert_eq!(TokenKind::of(&session()), TokenKind::SessionToken);
    for garbage in ["", "x", "a.b.c", "....", "eyJ.eyJ.x", "ak", "mt"] {
        assert_eq!(
            TokenKind::of(garbage),
            TokenKind::SessionToken,
            "{garbage:?}"
        );
    }
    assert_eq!(TokenKind::M2m.to_string(), "m2m_token");
}

#[test]
fn machine_jwts_verify_without_a_network_call() {
    let v = verifier();
    let Authenticated::M2m(t) = v.authenticate_at(&m2m(), Accepts::Any, at()).expect("m2m") else {
        panic!("not m2m")
    };
    assert_eq!(t.machine_id(), "mch_2vYVtestTESTtestTESTtestTESTtest");
    assert_eq!(t.token_id(), "mt_2xKa9Bgv7NxMRDFyQw8LpZ3cTmU");
    assert_eq!(t.scopes(), ["mch_1xxxxx", "mch_2xxxxx"]);
    let claims = serde_json::to_value(t.claims().expect("jwt")).expect("encodes");
    assert_eq!(claims, m2m_claims(), "custom claims kept");
    // No `scopes`: the audience; no `cat`, no `typ`: still M2M.
    let mut c = m2m_claims();
    c.as_object_mut().unwrap().remove("scopes");
    let token = sign(&json!({"alg": "RS256"}), &c);
    let Ok(Authenticated::M2m(t)) =
        v.authenticate_at(&token, Accepts::only([TokenKind::M2m]), at())
    else {
        panic!("m2m without cat")
    };
    assert_eq!(t.scopes(), ["mch_1xxxxx", "mch_2xxxxx"]);

    for typ in ["at+jwt", "application/at+jwt"] {
        let Ok(Authenticated::OAuth(t)) =
            v.authenticate_at(&oauth(typ), Accepts::only([TokenKind::OAuth]), at())
        else {
            panic!("oauth {typ}")
        };
        assert_eq!(t.user_id(), "user_2vYVtestTESTtestTESTtestTEST");
        assert_eq!(t.client_id(), "client_2VTWUzvGC5UhdJCNx6xG1D98edc");
        assert_eq!(t.token_id(), "oat_2xKa9Bgv7NxMRDFyQw8LpZ3cTmU");
        assert_eq!(t.scopes(), ["read:foo", "write:bar"]);
    }
    let mut c = oauth_claims();
    c.as_object_mut().unwrap().remove("scope");
    c["scp"] = json!(["read:foo", "admin"]);
    let token = sign(&json!({"alg": "RS256", "typ": "at+jwt"}), &c);
    let Ok(Authenticated::OAuth(t)) = v.authenticate_at(&token, Accepts::Any, at()) else {
        panic!("scp")
    };
    assert_eq!(t.scopes(), ["read:foo", "admin"]);

    let Ok(Authenticated::Session(s)) = v.authenticate_at(&session(), Accepts::Any, at()) else {
        panic!("session")
    };
    assert_eq!(s.user_id(), "user_1");
}

#[test]
fn every_kind_against_every_accepts() {
    let v = verifier();
    let tokens = [
        (TokenKind::SessionToken, session()),
        (TokenKind::M2m, m2m()),
        (TokenKind::OAuth, oauth("at+jwt")),
        (TokenKind::ApiKey, "ak_2b5d9f0000".to_owned()),
        (TokenKind::M2m, "mt_2b5d9f0000".to_owned()),
        (TokenKind::OAuth, "oat_2b5d9f0000".to_owned()),
    ];
    let mut accepts = vec![Accepts::Any, Accepts::default(), Accepts::only([])];
    accepts.extend(TokenKind::ALL.map(|k| Accepts::only([k])));
    accepts.push(Accepts::only([TokenKind::M2m, TokenKind::ApiKey]));
    for accept in accepts {
        for (kind, token) in &tokens {
            let result = v.authenticate_at(token, accept, at());
            if !accept.accepts(*kind) {
                assert_eq!(
                    result,
                    Err(AuthError::TokenTypeMismatch {
                        kind: *kind,
                        accepted: accept
                    }),
                    "{kind} under {accept:?}"
                );
            } else if token.contains('.') {
                assert_eq!(result.expect("verifies").kind(), *kind, "{accept:?}");
            } else {
                assert_eq!(result, Err(AuthError::NeedsBackendApi(*kind)));
            }
        }
    }
}

#[test]
fn a_session_only_check_refuses_every_machine_token() {
    let v = verifier();
    for token in [m2m(), oauth("at+jwt"), oauth("application/at+jwt")] {
        assert!(
            v.verify_at(&token, at()).is_err(),
            "verify_at refuses a machine token"
        );
        assert!(matches!(
            v.authenticate_at(&token, Accepts::default(), at()),
            Err(AuthError::TokenTypeMismatch { .. })
        ));
    }
}

#[test]
fn refusals_are_typed_and_never_another_kind() {
    let v = verifier();
    let invalid = |token: &str| match v.authenticate_at(token, Accepts::Any, at()) {
        Err(AuthError::Invalid { kind, reason }) => (kind, reason),
        other => panic!("{other:?}"),
    };
    // An M2M subject with the session category: refused as M2M.
    let token = sign(
        &json!({"alg": "RS256", "typ": "JWT", "cat": SESSION_CAT}),
        &m2m_claims(),
    );
    assert_eq!(
        invalid(&token),
        (
            TokenKind::M2m,
            SessionTokenError::WrongCategory(SESSION_CAT.into())
        )
    );
    // An access token with a session or M2M category.
    for cat in [SESSION_CAT, M2M_CAT] {
        let token = sign(
            &json!({"alg": "RS256", "typ": "at+jwt", "cat": cat}),
            &oauth_claims(),
        );
        assert_eq!(
            invalid(&token),
            (
                TokenKind::OAuth,
                SessionTokenError::WrongCategory(cat.into())
            )
        );
    }
    // Expired, missing sub, forged.
    let mut c = m2m_claims();
    c["exp"] = json!(NOW - 60);
    let (_, reason) = invalid(&sign(&json!({"alg": "RS256"}), &c));
    assert_eq!(reason, SessionTokenError::Expired(Duration::from_secs(60)));
    let mut c = oauth_claims();
    c.as_object_mut().unwrap().remove("exp");
    let (_, reason) = invalid(&sign(&json!({"alg": "RS256", "typ": "at+jwt"}), &c));
    assert_eq!(reason, SessionTokenError::MissingClaim("exp"));
    let forged = {
        let good = m2m();
        let (head, _) = good.rsplit_once('.').unwrap();
        format!("{head}.{}", b64(&[0u8; 256]))
    };
    assert_eq!(invalid(&forged).1, SessionTokenError::InvalidSignature);
    // A claim of the wrong type.
    let mut c = m2m_claims();
    c["aud"] = json!(42);
    assert!(matches!(
        invalid(&sign(&json!({"alg": "RS256"}), &c)).1,
        SessionTokenError::InvalidClaims { .. }
    ));
    // `alg: none` dressed as an access token.
    let none = format!(
        "{}.{}.",
        b64(br#"{"alg":"none","typ":"at+jwt"}"#),
        b64(oauth_claims().to_string().as_bytes())
    );
    assert_eq!(
        invalid(&none).1,
        SessionTokenError::UnsupportedAlgorithm("none".into())
    );
    // Known prefixes with garbage after them: opaque, for the Backend API.
    for token in ["ak_\u{0}\u{1}garbage", "mt_....", "oat_<script>"] {
        assert!(matches!(
            v.authenticate_at(token, Accepts::Any, at()),
            Err(AuthError::NeedsBackendApi(_))
        ));
    }
    // Messages never hold the token.
    let e = v.authenticate_at(&forged, Accepts::Any, at()).unwrap_err();
    assert!(!e.to_string().contains(&forged[..20]));
}

/// Clerk's JS SDK's own test tokens, as published (their source in the
/// file): its session token and its OAuth access token JWTs (both `typ`
/// spellings) verify with the key it publishes beside them, each as its
/// kind; its opaque tokens are told apart by prefix and sent to the
/// Backend API; a session-only check refuses the machine tokens.
#[test]
fn clerks_own_published_test_tokens_are_what_its_sdk_says() {
    let published: Value =
        serde_json::from_str(include_str!("payloads/published/clerk-js-tokens.json"))
            .expect("the fixture parses");
    let text = |key: &str| published[key].as_str().expect(key).to_owned();
    let at =
        SystemTime::UNIX_EPOCH + Duration::from_secs(published["at"].as_u64().expect("a time"));
    let jwks = published["jwks"].to_string();
    let v = Verifier::from_jwks(jwks.as_bytes()).expect("Clerk's published key");

    let session = text("session_jwt");
    assert_eq!(TokenKind::of(&session), TokenKind::SessionToken);
    match v.authenticate_at(&session, Accepts::default(), at) {
        Ok(Authenticated::Session(claims)) => {
            assert_eq!(claims.user_id(), "user_2GIpXOEpVyJw51rkZn9Kmnc6Sxr");
            assert_eq!(claims.session_id(), "sess_2GbDB4enNdCa5vS1zpC3Xzg9tK9");
        }
        other => panic!("the published session token: {other:?}"),
    }

    for key in [
        "oauth_access_token_jwt",
        "oauth_access_token_jwt_application_typ",
    ] {
        let token = text(key);
        assert_eq!(TokenKind::of(&token), TokenKind::OAuth, "{key}");
        match v.authenticate_at(&token, Accepts::Any, at) {
            Ok(Authenticated::OAuth(t)) => {
                assert_eq!(t.user_id(), "user_2vYVtestTESTtestTESTtestTESTtest");
                assert_eq!(t.client_id(), "client_2VTWUzvGC5UhdJCNx6xG1D98edc");
                assert_eq!(t.token_id(), "oat_2xKa9Bgv7NxMRDFyQw8LpZ3cTmU1vHjE");
                assert_eq!(t.scopes(), ["read:foo", "write:bar"]);
            }
            other => panic!("{key}: {other:?}"),
        }
        assert!(
            matches!(
                v.authenticate_at(&token, Accepts::default(), at),
                Err(AuthError::TokenTypeMismatch { .. })
            ),
            "{key}: a session-only check refuses it"
        );
        // Signed, not merely shaped: one changed byte of the signature and
        // it is refused.
        let mut forged = token.clone();
        let last = forged.pop().expect("a signature");
        forged.push(if last == 'A' { 'B' } else { 'A' });
        assert!(
            v.authenticate_at(&forged, Accepts::Any, at).is_err(),
            "{key}"
        );
    }

    let opaque = &published["opaque"];
    for (key, kind) in [
        ("api_key", TokenKind::ApiKey),
        ("oauth_token", TokenKind::OAuth),
        ("m2m_token", TokenKind::M2m),
    ] {
        let token = opaque[key].as_str().expect(key);
        assert_eq!(TokenKind::of(token), kind, "{key}");
        assert_eq!(
            v.authenticate_at(token, Accepts::Any, at),
            Err(AuthError::NeedsBackendApi(kind)),
            "{key}"
        );
    }
}
