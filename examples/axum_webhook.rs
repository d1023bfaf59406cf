//! A Clerk webhook endpoint with axum: verify the delivery, decode the
//! event, match on its type.
//!
//! ```text
//! CLERK_WEBHOOK_SIGNING_SECRET=whsec_... cargo run --example axum_webhook --features webhooks
//! ```
//!
//! listens on 127.0.0.1:3000 (`POST /webhooks/clerk`). With `--self-test`
//! it listens on a free port instead, sends itself one signed
//! `user.created` delivery and one forged one over real HTTP, prints the
//! answers and exits.

use std::io::{Read, Write};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use clerk_types::webhooks::{EventData, Webhook};

/// The handler: 204 for an event handled (or ignored), 400 for a delivery
/// that is not authentic or not an event (Svix retries, then gives up and
/// shows the answer in Clerk's dashboard).
async fn clerk_webhook(
    State(webhook): State<Arc<Webhook>>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, String) {
    let event = match webhook.verify_event(&body, &headers) {
        Ok(event) => event,
        // Forged, replayed, or not an event: the message says which (never
        // the secret), and Clerk's dashboard shows it.
        Err(e) => return (StatusCode::BAD_REQUEST, e.to_string()),
    };
    match &event.data {
        EventData::UserCreated(user) | EventData::UserUpdated(user) => {
            println!("user {} ({:?})", user.id, user.first_name);
        }
        EventData::UserDeleted(stub) => println!("user {:?} deleted", stub.id),
        EventData::SessionCreated(session) => {
            let name = session.user.as_ref().and_then(|u| u.first_name.clone());
            println!("session {} for {} ({name:?})", session.id, session.user_id);
        }
        EventData::OrganizationMembershipCreated(membership) => {
            println!("membership {} ({})", membership.id, membership.role);
        }
        // A known event type whose data this release cannot read: worth a
        // log line (Clerk sent something these types do not describe).
        EventData::Undecoded(e) => eprintln!("cannot read {}: {}", e.event_type, e.error),
        // Event types this handler does not care about, including those
        // Clerk adds after this release (`EventData::Unknown`).
        other => println!("ignored {}", other.event_type()),
    }
    (StatusCode::NO_CONTENT, String::new())
}

fn app(webhook: Webhook) -> Router {
    Router::new()
        .route("/webhooks/clerk", post(clerk_webhook))
        .with_state(Arc::new(webhook))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let self_test = std::env::args().any(|a| a == "--self-test");
    let secret = match std::env::var("CLERK_WEBHOOK_SIGNING_SECRET") {
        Ok(secret) => secret,
        Err(_) if self_test => "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".to_owned(),
        Err(_) => return Err("set CLERK_WEBHOOK_SIGNING_SECRET to the endpoint's signing secret (Clerk's dashboard, Webhooks)".into()),
    };
    let webhook = Webhook::new(&secret)?;
    let address = if self_test {
        "127.0.0.1:0"
    } else {
        "127.0.0.1:3000"
    };
    let listener = tokio::net::TcpListener::bind(address).await?;
    let port = listener.local_addr()?.port();
    println!("listening on http://127.0.0.1:{port}/webhooks/clerk");
    if !self_test {
        axum::serve(listener, app(webhook)).await?;
        return Ok(());
    }
    let signer = webhook.clone();
    tokio::spawn(async move { axum::serve(listener, app(webhook)).await });
    // A client on a thread of its own, over a real socket.
    let answers = tokio::task::spawn_blocking(move || -> std::io::Result<Vec<String>> {
        let body = br#"{"type":"user.created","object":"event","timestamp":1716883200000,"data":{"object":"user","id":"user_2g7np7Hrk0SN6kj5EDMLDaKNL0S","first_name":"Ada","created_at":1716883200000}}"#;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let signature = signer.sign("msg_1", now, body);
        let forged = signature.replace("v1,", "v1,AAAA");
        [signature, forged]
            .iter()
            .map(|signature| post_to(port, body, now, signature))
            .collect()
    })
    .await??;
    for answer in answers {
        println!("{answer}");
    }
    Ok(())
}

/// POSTs `body` with Svix's headers; the status line of the answer.
fn post_to(port: u16, body: &[u8], at: u64, signature: &str) -> std::io::Result<String> {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port))?;
    let head = format!(
        "POST /webhooks/clerk HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: {}\r\nsvix-id: msg_1\r\nsvix-timestamp: {at}\r\nsvix-signature: {signature}\r\nconnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    Ok(answer.lines().next().unwrap_or_default().to_owned())
}
