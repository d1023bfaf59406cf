//! `Client::authenticate` against a server on 127.0.0.1 that stands in for
//! Clerk's verify endpoints and JWKS: opaque M2M tokens, OAuth access
//! tokens and API keys verified by the Backend API (valid, revoked,
//! expired, inactive, unknown, with a refused secret key, with an answer
//! that is not Clerk's), and JWTs verified with the keys the client
//! fetched once.

#[path = "support/clerk_api.rs"]
mod clerk_api;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use clerk_api::{Answer, ClerkApi};
use clerk_types::api::{Client, Retry};
use clerk_types::auth::{Accepts, AuthError, Authenticated, TokenKind};
use rsa::pkcs1v15::SigningKey;
use rsa::sha2::Sha256;
use rsa::signature::{SignatureEncoding, Signer};
use rsa::traits::PublicKeyParts;
use rsa::{Generate, PrivateKey};
use serde_json::json;

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn client(server: &ClerkApi) -> Client {
    Client::new("sk_test_123")
        .base_url(&server.base)
        .retry(Retry::never())
}

fn m2m_answer(extra: serde_json::Value) -> serde_json::Value {
    let mut a = json!({
        "object": "machine_to_machine_token", "id": "mt_f7f0ba8c3b4843ce7d85fcdd5e71853e",
        "subject": "mch_2xhFjEI5X2qWRvtV13BzSj8H6Dk", "scopes": ["mch_2yGkLpQ7Y3rXSwtU24CzTk9I7Em"],
        "claims": {"important_metadata": "Some useful data"}, "revoked": false, "revocation_reason": null,
        "expired": false, "expiration": 1716883200000u64, "last_used_at": null,
        "created_at": 1716883200000u64, "updated_at": 1716883200000u64
    });
    for (k, v) in extra.as_object().expect("object") {
        a[k] = v.clone();
    }
    a
}

#[tokio::test]
async fn opaque_tokens_are_verified_by_the_backend_api() {
    let server = ClerkApi::start().await;
    let client = client(&server);
    server.script(
        "POST",
        "/m2m_tokens/verify",
        [Answer::json(200, m2m_answer(json!({})))],
    );
    let Ok(Authenticated::M2m(t)) = client.authenticate("mt_secret_token", Accepts::Any).await
    else {
        panic!("m2m")
    };
    assert_eq!(t.machine_id(), "mch_2xhFjEI5X2qWRvtV13BzSj8H6Dk");
    assert_eq!(t.token_id(), "mt_f7f0ba8c3b4843ce7d85fcdd5e71853e");
    assert_eq!(t.scopes(), ["mch_2yGkLpQ7Y3rXSwtU24CzTk9I7Em"]);
    assert_eq!(
        t.expiration(),
        Some(UNIX_EPOCH + Duration::from_secs(1_716_883_200)),
        "milliseconds"
    );
    let seen = server.seen().pop().expect("seen");
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&seen.body).expect("json"),
        json!({"token": "mt_secret_token"})
    );

    server.script(
        "POST",
        "/oauth_applications/access_tokens/verify",
        [Answer::json(200, json!({"object": "clerk_idp_oauth_access_token", "id": "oat_1", "client_id": "client_1",
            "subject": "user_1", "scopes": ["read"], "revoked": false, "revocation_reason": null, "expired": false,
            "expiration": 1716883200, "created_at": 1716883200, "updated_at": 1716883200}))],
    );
    let Ok(Authenticated::OAuth(t)) = client
        .authenticate("oat_x", Accepts::only([TokenKind::OAuth]))
        .await
    else {
        panic!("oauth")
    };
    assert_eq!(
        (t.user_id().as_str(), t.client_id(), t.scopes()),
        ("user_1", "client_1", vec!["read"])
    );
    assert_eq!(
        t.expiration(),
        Some(UNIX_EPOCH + Duration::from_secs(1_716_883_200)),
        "seconds"
    );
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&server.seen().pop().expect("seen").body)
            .expect("json"),
        json!({"access_token": "oat_x"})
    );

    for (subject, user, org) in [
        ("user_1", Some("user_1"), None),
        ("org_1", None, Some("org_1")),
        ("mch_1", None, None),
    ] {
        server.script("POST", "/api_keys/verify", [Answer::json(200, json!({"object": "api_key", "id": "ak_1", "type": "api_key",
            "subject": subject, "name": "k", "scopes": ["read"], "revoked": false, "expired": false}))]);
        let Ok(Authenticated::ApiKey(k)) = client.authenticate("ak_secret", Accepts::Any).await
        else {
            panic!("api key")
        };
        assert_eq!(
            (
                k.subject(),
                k.user_id().map(|id| id.as_str()),
                k.organization_id().map(|id| id.as_str())
            ),
            (subject, user, org)
        );
        assert_eq!(k.scopes(), ["read"]);
    }
}

#[tokio::test]
async fn clerks_refusals_are_typed() {
    let server = ClerkApi::start().await;
    let client = client(&server);
    let m2m = "/m2m_tokens/verify";
    server.script(
        "POST",
        m2m,
        [Answer::json(
            200,
            m2m_answer(json!({"revoked": true, "revocation_reason": "leaked"})),
        )],
    );
    assert_eq!(
        client.authenticate("mt_1", Accepts::Any).await,
        Err(AuthError::Revoked {
            kind: TokenKind::M2m,
            reason: Some("leaked".into())
        })
    );
    server.script(
        "POST",
        m2m,
        [Answer::json(200, m2m_answer(json!({"expired": true})))],
    );
    assert_eq!(
        client.authenticate("mt_1", Accepts::Any).await,
        Err(AuthError::Expired(TokenKind::M2m))
    );
    server.script(
        "POST",
        m2m,
        [Answer::clerk_error(404, "resource_not_found")],
    );
    assert_eq!(
        client.authenticate("mt_1", Accepts::Any).await,
        Err(AuthError::UnknownToken(TokenKind::M2m))
    );
    server.script(
        "POST",
        m2m,
        [Answer::clerk_error(401, "authentication_invalid")],
    );
    assert_eq!(
        client.authenticate("mt_1", Accepts::Any).await,
        Err(AuthError::InvalidSecretKey)
    );
    server.script(
        "POST",
        m2m,
        [Answer::raw(200, "text/html", "<html>hello</html>")],
    );
    assert!(matches!(
        client.authenticate("mt_1", Accepts::Any).await,
        Err(AuthError::BackendApi {
            status: Some(200),
            ..
        })
    ));
    server.script(
        "POST",
        m2m,
        [Answer::json(
            200,
            json!({"object": "api_key", "id": "ak_1"}),
        )],
    );
    assert!(
        matches!(
            client.authenticate("mt_1", Accepts::Any).await,
            Err(AuthError::BackendApi { .. })
        ),
        "an answer of another kind is never taken for this one"
    );
    server.script(
        "POST",
        "/oauth_applications/access_tokens/verify",
        [Answer::json(200, json!({"active": false}))],
    );
    assert_eq!(
        client.authenticate("oat_1", Accepts::Any).await,
        Err(AuthError::Expired(TokenKind::OAuth))
    );
    // A kind not accepted is refused without asking Clerk.
    server.clear();
    assert!(matches!(
        client
            .authenticate("ak_1", Accepts::only([TokenKind::M2m]))
            .await,
        Err(AuthError::TokenTypeMismatch {
            kind: TokenKind::ApiKey,
            ..
        })
    ));
    assert!(server.seen().is_empty());
}

#[tokio::test]
async fn jwts_are_verified_with_the_keys_fetched_once() {
    let server = ClerkApi::start().await;
    let client = client(&server);
    let key = PrivateKey::generate();
    let public = key.to_public_key();
    let jwk = json!({"keys": [{"kty": "RSA", "kid": "ins_1", "use": "sig", "alg": "RS256",
        "n": b64(&public.n().to_be_bytes_trimmed_vartime()), "e": b64(&public.e().to_be_bytes_trimmed_vartime())}]});
    server.script("GET", "/jwks", [Answer::json(200, jwk)]);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs();
    let sign = |claims: serde_json::Value| {
        let input = format!(
            "{}.{}",
            b64(json!({"alg": "RS256", "kid": "ins_1", "typ": "JWT"})
                .to_string()
                .as_bytes()),
            b64(claims.to_string().as_bytes())
        );
        let signature = SigningKey::<Sha256>::new(key.clone())
            .sign(input.as_bytes())
            .to_vec();
        format!("{input}.{}", b64(&signature))
    };
    let machine = sign(
        json!({"sub": "mch_1", "exp": now + 60, "iat": now, "jti": "mt_1", "scopes": "mch_2"}),
    );
    let Ok(Authenticated::M2m(t)) = client.authenticate(&machine, Accepts::Any).await else {
        panic!("m2m jwt")
    };
    assert_eq!(
        (t.machine_id().as_str(), t.scopes()),
        ("mch_1", vec!["mch_2"])
    );
    let session = sign(json!({"sub": "user_1", "sid": "sess_1", "exp": now + 60, "iat": now}));
    let Ok(Authenticated::Session(claims)) = client.authenticate(&session, Accepts::Any).await
    else {
        panic!("session jwt")
    };
    assert_eq!(claims.user_id(), "user_1");
    let jwks_fetches = server
        .seen()
        .iter()
        .filter(|s| s.path == "/v1/jwks")
        .count();
    assert_eq!(jwks_fetches, 1, "the keys are fetched once");
}
