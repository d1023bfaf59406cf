//! Machine authentication in axum: one extractor whose type says which
//! kinds of token a route accepts, as Clerk's `acceptsToken` does. A
//! browser route takes a session token (from `Authorization: Bearer` or
//! the `__session` cookie); a service route takes an M2M token or an API
//! key, from `Authorization: Bearer` only (never a cookie: a browser
//! sends cookies on its own, and a machine credential must not ride on
//! them). Opaque machine tokens are verified by Clerk's Backend API, JWTs
//! with the instance's keys (`api::Client::authenticate`).
//!
//! ```text
//! CLERK_SECRET_KEY=sk_test_... cargo run --example axum_machine --features session-token,api-client
//! ```
//!
//! listens on 127.0.0.1:3000 (`GET /me`, `GET /service`). With
//! `--self-test` it starts a stand-in for Clerk's Backend API on
//! 127.0.0.1 (its JWKS and its verify endpoints), makes a key, serves on a
//! free port, sends itself machine and session tokens over real HTTP,
//! prints the answers and exits.

use std::io::{Read, Write};
use std::marker::PhantomData;
use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::routing::get;
use axum::Router;
use clerk_types::api::Client;
use clerk_types::auth::{Accepts, Authenticated, TokenKind};

/// Which kinds of token a route accepts.
trait Kinds {
    /// The kinds.
    fn accepts() -> Accepts;
}

/// A browser route: session tokens.
struct Browser;
impl Kinds for Browser {
    fn accepts() -> Accepts {
        Accepts::SESSION_ONLY
    }
}

/// A service route: M2M tokens and API keys.
struct Service;
impl Kinds for Service {
    fn accepts() -> Accepts {
        Accepts::only([TokenKind::M2m, TokenKind::ApiKey])
    }
}

/// The request's verified token, of a kind the route accepts. Anything
/// else is answered 401 with a fixed body; why goes to the log.
struct Clerk<K: Kinds>(Authenticated, PhantomData<K>);

impl<K: Kinds + Send + Sync> FromRequestParts<Arc<Client>> for Clerk<K> {
    type Rejection = (StatusCode, &'static str);

    async fn from_request_parts(
        parts: &mut Parts,
        client: &Arc<Client>,
    ) -> Result<Self, Self::Rejection> {
        const UNAUTHENTICATED: (StatusCode, &str) = (StatusCode::UNAUTHORIZED, "unauthenticated");
        let accepts = K::accepts();
        // Machine tokens come from the Authorization header only; a session
        // token may come from the cookie as well.
        let token = bearer(parts).or_else(|| {
            let from_cookie = cookie(parts, "__session")?;
            (TokenKind::of(from_cookie) == TokenKind::SessionToken).then_some(from_cookie)
        });
        let Some(token) = token else {
            eprintln!("401: no token where this route takes one");
            return Err(UNAUTHENTICATED);
        };
        match client.authenticate(token, accepts).await {
            Ok(authenticated) => Ok(Clerk(authenticated, PhantomData)),
            Err(e) => {
                eprintln!("401: {e}");
                Err(UNAUTHENTICATED)
            }
        }
    }
}

/// `Authorization: Bearer <token>`.
fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
}

/// The cookie `name` of the `Cookie` headers.
fn cookie<'p>(parts: &'p Parts, name: &str) -> Option<&'p str> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

async fn me(Clerk(who, _): Clerk<Browser>) -> String {
    match who {
        Authenticated::Session(claims) => format!("user {}", claims.user_id()),
        other => format!("{:?}", other.kind()),
    }
}

async fn service(Clerk(who, _): Clerk<Service>) -> String {
    match who {
        Authenticated::M2m(t) => format!("machine {}", t.machine_id()),
        Authenticated::ApiKey(k) => format!("api key of {}", k.subject()),
        other => format!("{:?}", other.kind()),
    }
}

fn app(client: Client) -> Router {
    Router::new()
        .route("/me", get(me))
        .route("/service", get(service))
        .with_state(Arc::new(client))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    if std::env::args().any(|a| a == "--self-test") {
        return self_test::run().await;
    }
    let client = Client::from_env()?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    println!("listening on http://127.0.0.1:3000 (/me, /service)");
    axum::serve(listener, app(client)).await?;
    Ok(())
}

/// A stand-in for Clerk on 127.0.0.1, a key made here, requests over a
/// real socket.
mod self_test {
    use super::*;
    use axum::body::Bytes;
    use axum::response::IntoResponse;
    use axum::routing::post;
    use base64::Engine as _;
    use rsa::pkcs1v15::SigningKey;
    use rsa::sha2::Sha256;
    use rsa::signature::{SignatureEncoding, Signer};
    use rsa::traits::PublicKeyParts;
    use rsa::{Generate, PrivateKey};
    use serde_json::{json, Value};

    fn b64(bytes: &[u8]) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    }

    /// A JSON answer.
    fn json_answer(status: StatusCode, body: Value) -> axum::response::Response {
        (
            status,
            [(header::CONTENT_TYPE, "application/json")],
            body.to_string(),
        )
            .into_response()
    }

    /// Clerk's verify answer for `token` (member `member` of the request
    /// body): `answer` for the one valid token, Clerk's 404 for any other.
    fn verify(body: &Bytes, member: &str, valid: &str, answer: Value) -> axum::response::Response {
        let body: Value = serde_json::from_slice(body).unwrap_or_default();
        if body[member] == valid {
            json_answer(StatusCode::OK, answer)
        } else {
            json_answer(
                StatusCode::NOT_FOUND,
                json!({"errors": [{"code": "resource_not_found", "message": "not found"}]}),
            )
        }
    }

    /// Clerk's JWKS and verify endpoints: `mt_good` and `ak_good` are
    /// valid, anything else unknown (404).
    fn clerk(jwks: Value) -> Router {
        Router::new()
            .route(
                "/v1/jwks",
                get(move || async move { json_answer(StatusCode::OK, jwks) }),
            )
            .route(
                "/v1/m2m_tokens/verify",
                post(|body: Bytes| async move {
                    verify(&body, "token", "mt_good", json!({"object": "machine_to_machine_token", "id": "mt_1",
                        "subject": "mch_1", "scopes": [], "revoked": false, "expired": false}))
                }),
            )
            .route(
                "/v1/api_keys/verify",
                post(|body: Bytes| async move {
                    verify(&body, "secret", "ak_good", json!({"object": "api_key", "id": "ak_1",
                        "subject": "org_1", "scopes": ["read"], "revoked": false, "expired": false}))
                }),
            )
    }

    pub async fn run() -> Result<(), Box<dyn std::error::Error>> {
        let key = PrivateKey::generate();
        let public = key.to_public_key();
        let jwks = json!({"keys": [{"kty": "RSA", "kid": "ins_1", "use": "sig", "alg": "RS256",
            "n": b64(&public.n().to_be_bytes_trimmed_vartime()), "e": b64(&public.e().to_be_bytes_trimmed_vartime())}]});
        let clerk_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let clerk_port = clerk_listener.local_addr()?.port();
        tokio::spawn(async move { axum::serve(clerk_listener, clerk(jwks)).await });
        let client =
            Client::new("sk_test_self").base_url(format!("http://127.0.0.1:{clerk_port}/v1"));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let port = listener.local_addr()?.port();
        println!("listening on http://127.0.0.1:{port} (Clerk stand-in on {clerk_port})");
        tokio::spawn(async move { axum::serve(listener, app(client)).await });
        let session = session_token(&key);
        let requests = [
            ("/service", "authorization: Bearer mt_good\r\n".to_owned()),
            ("/service", "authorization: Bearer ak_good\r\n".to_owned()),
            (
                "/service",
                "authorization: Bearer mt_made_up\r\n".to_owned(),
            ),
            ("/service", "cookie: __session=mt_good\r\n".to_owned()),
            ("/service", format!("authorization: Bearer {session}\r\n")),
            ("/me", format!("cookie: __session={session}\r\n")),
            ("/me", "authorization: Bearer mt_good\r\n".to_owned()),
        ];
        let answers = tokio::task::spawn_blocking(move || -> std::io::Result<Vec<String>> {
            requests
                .iter()
                .map(|(path, headers)| fetch(port, path, headers))
                .collect()
        })
        .await??;
        for answer in answers {
            println!("{answer}");
        }
        Ok(())
    }

    /// A session token as Clerk makes one, valid for a minute.
    fn session_token(key: &PrivateKey) -> String {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let header = r#"{"alg":"RS256","kid":"ins_1","typ":"JWT","cat":"cl_B7d4PD111AAA"}"#;
        let claims = json!({"sub": "user_1", "sid": "sess_1", "exp": now + 60, "iat": now, "v": 2});
        let input = format!(
            "{}.{}",
            b64(header.as_bytes()),
            b64(claims.to_string().as_bytes())
        );
        let signature = SigningKey::<Sha256>::new(key.clone()).sign(input.as_bytes());
        format!("{input}.{}", b64(&signature.to_vec()))
    }

    /// `GET path` with `headers`; the status line and the body.
    fn fetch(port: u16, path: &str, headers: &str) -> std::io::Result<String> {
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", port))?;
        let request =
            format!("GET {path} HTTP/1.1\r\nhost: 127.0.0.1\r\n{headers}connection: close\r\n\r\n");
        stream.write_all(request.as_bytes())?;
        let mut answer = String::new();
        stream.read_to_string(&mut answer)?;
        let status = answer.lines().next().unwrap_or_default();
        let body = answer.split("\r\n\r\n").nth(1).unwrap_or_default();
        Ok(format!("{status} {body}"))
    }
}
