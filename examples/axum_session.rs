//! Clerk session tokens in axum: an extractor that takes the token from
//! `Authorization: Bearer` or the `__session` cookie, verifies it with the
//! instance's public key and hands the handler its `SessionClaims`.
//!
//! ```text
//! CLERK_JWT_KEY="$(cat jwt-public-key.pem)" cargo run --example axum_session --features session-token
//! ```
//!
//! listens on 127.0.0.1:3000 (`GET /me`). With `--self-test` it makes a
//! key, listens on a free port, sends itself a token as a bearer, as a
//! cookie, a forged one, none and a pending session's over real HTTP,
//! prints the answers and exits. (With a JWKS document instead of a PEM:
//! `Verifier::from_jwks`, refetched when a token names a `kid` it does not
//! hold, at most as often as `JwksRefresh` says.)

use std::io::{Read, Write};
use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::routing::get;
use axum::Router;
use clerk_types::session_token::{SessionClaims, Verifier};

/// The verified claims of the request's session token. A request without
/// a valid one is answered 401 with a fixed body: what is wrong goes to
/// the log, not to the caller (it would tell a forger which check failed,
/// and how far the clocks disagree). A pending session (`sts: pending`:
/// the user still has tasks, such as choosing an organization) is signed
/// out, as Clerk's `auth()` treats it by default; a route that accepts one
/// takes `ClerkSession<true>`.
struct ClerkSession<const ACCEPT_PENDING: bool = false>(SessionClaims);

impl<const ACCEPT_PENDING: bool> FromRequestParts<Arc<Verifier>> for ClerkSession<ACCEPT_PENDING> {
    type Rejection = (StatusCode, &'static str);

    async fn from_request_parts(
        parts: &mut Parts,
        verifier: &Arc<Verifier>,
    ) -> Result<Self, Self::Rejection> {
        const UNAUTHENTICATED: (StatusCode, &str) = (StatusCode::UNAUTHORIZED, "unauthenticated");
        let Some(token) = bearer(parts).or_else(|| cookie(parts, "__session")) else {
            eprintln!("401: no session token");
            return Err(UNAUTHENTICATED);
        };
        let claims = verifier.verify(token).map_err(|e| {
            // Short: the error's text from the token is bounded.
            eprintln!("401: {e}");
            UNAUTHENTICATED
        })?;
        if claims.is_pending() && !ACCEPT_PENDING {
            eprintln!("401: session {} is pending", claims.session_id());
            return Err(UNAUTHENTICATED);
        }
        Ok(ClerkSession(claims))
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

/// The handler sees only verified claims.
async fn me(ClerkSession(claims): ClerkSession) -> String {
    let org = claims
        .organization()
        .map(|o| format!(" in {} as {}", o.id(), o.role().unwrap_or("?")))
        .unwrap_or_default();
    format!("{} ({}){org}", claims.user_id(), claims.session_id())
}

fn app(verifier: Verifier) -> Router {
    Router::new()
        .route("/me", get(me))
        .with_state(Arc::new(verifier))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    if std::env::args().any(|a| a == "--self-test") {
        return self_test::run().await;
    }
    let pem = std::env::var("CLERK_JWT_KEY").map_err(|_| {
        "set CLERK_JWT_KEY to the instance's JWT public key (Clerk's dashboard, API keys)"
    })?;
    let verifier = Verifier::from_pem(&pem)?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    println!("listening on http://127.0.0.1:3000/me");
    axum::serve(listener, app(verifier)).await?;
    Ok(())
}

/// A key made here, tokens signed with it, requests over a real socket.
mod self_test {
    use super::*;
    use base64::Engine as _;
    use rsa::pkcs1v15::SigningKey;
    use rsa::pkcs8::{EncodePublicKey, LineEnding};
    use rsa::sha2::Sha256;
    use rsa::signature::{SignatureEncoding, Signer};
    use rsa::{Generate, PrivateKey};

    pub async fn run() -> Result<(), Box<dyn std::error::Error>> {
        let key = PrivateKey::generate();
        let pem = key.to_public_key().to_public_key_pem(LineEnding::LF)?;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let port = listener.local_addr()?.port();
        println!("listening on http://127.0.0.1:{port}/me");
        let verifier = Verifier::from_pem(&pem)?;
        tokio::spawn(async move { axum::serve(listener, app(verifier)).await });
        let token = token(&key, "active");
        let pending = token_pending(&key);
        let forged = {
            let mut parts: Vec<&str> = token.split('.').collect();
            parts[2] = "AAAA";
            parts.join(".")
        };
        let answers = tokio::task::spawn_blocking(move || -> std::io::Result<Vec<String>> {
            [
                format!("authorization: Bearer {token}\r\n"),
                format!("cookie: theme=dark; __session={token}\r\n"),
                format!("authorization: Bearer {forged}\r\n"),
                String::new(),
                format!("authorization: Bearer {pending}\r\n"),
            ]
            .iter()
            .map(|headers| get_me(port, headers))
            .collect()
        })
        .await??;
        for answer in answers {
            println!("{answer}");
        }
        Ok(())
    }

    /// A token of a session whose user still has a task.
    fn token_pending(key: &PrivateKey) -> String {
        token(key, "pending")
    }

    /// A version 2 session token as Clerk makes one, valid for a minute,
    /// of a session whose status is `sts`.
    fn token(key: &PrivateKey, sts: &str) -> String {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let b64 = |b: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b);
        let header = r#"{"alg":"RS256","kid":"ins_1","typ":"JWT","cat":"cl_B7d4PD111AAA"}"#;
        let claims = serde_json::json!({
            "iss": "https://clerk.example.com", "sub": "user_1", "sid": "sess_1",
            "exp": now + 60, "nbf": now - 10, "iat": now, "v": 2, "sts": sts,
            "fea": "o:dashboard", "o": {"id": "org_1", "rol": "admin", "per": "read", "fpm": "1"}
        });
        let input = format!(
            "{}.{}",
            b64(header.as_bytes()),
            b64(claims.to_string().as_bytes())
        );
        let signature = SigningKey::<Sha256>::new(key.clone()).sign(input.as_bytes());
        format!("{input}.{}", b64(&signature.to_vec()))
    }

    /// `GET /me` with `headers`; the status line and the body.
    fn get_me(port: u16, headers: &str) -> std::io::Result<String> {
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", port))?;
        let request =
            format!("GET /me HTTP/1.1\r\nhost: 127.0.0.1\r\n{headers}connection: close\r\n\r\n");
        stream.write_all(request.as_bytes())?;
        let mut answer = String::new();
        stream.read_to_string(&mut answer)?;
        let status = answer.lines().next().unwrap_or_default();
        let body = answer.split("\r\n\r\n").nth(1).unwrap_or_default();
        Ok(format!("{status} {body}"))
    }
}
