//! A Clerk webhook endpoint with axum: verify the delivery, decode the
//! event, match on its type.
//!
//! ```text
//! CLERK_WEBHOOK_SIGNING_SECRET=whsec_... cargo run --example axum_webhook --features webhooks
//! ```
//!
//! listens on 127.0.0.1:3000 (`POST /webhooks/clerk`). With `--self-test`
//! it listens on a free port instead, sends itself one signed
//! `user.created` delivery, one forged one and the signed one again (a
//! replay) over real HTTP, prints the answers and exits.

use std::collections::{HashSet, VecDeque};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use clerk_types::webhooks::{EventData, Webhook, TOLERANCE};

/// What the endpoint keeps: the verifier, and the message ids it has
/// handled.
struct Endpoint {
    webhook: Webhook,
    seen: Mutex<Seen>,
}

/// The message ids (`svix-id`) handled within the tolerance window, with
/// their timestamps. A signature stays valid for [`TOLERANCE`] (five
/// minutes) either way, so whoever captures a delivery can send it again
/// within that window and it verifies: this is the replay protection, and
/// it also skips Svix's retries of a message already handled. Older ids
/// need no keeping (their deliveries no longer verify), so the memory is
/// bounded by the deliveries of ten minutes; past `MAX_SEEN` of them the
/// oldest go first. Ids are forgotten in the order they came, so a
/// delivery costs the same however many are kept.
#[derive(Default)]
struct Seen {
    ids: HashSet<String>,
    /// The ids in the order they came, with their timestamps.
    order: VecDeque<(u64, String)>,
}

const MAX_SEEN: usize = 100_000;

impl Seen {
    /// Records `id` sent at `timestamp` (seconds) as of `now`; `false` if it
    /// was handled already.
    fn first_time(&mut self, id: &str, timestamp: u64, now: u64) -> bool {
        let window = TOLERANCE.as_secs();
        while let Some((sent, _)) = self.order.front() {
            let expired = sent.saturating_add(window) < now.saturating_sub(window);
            if !expired && self.order.len() < MAX_SEEN {
                break;
            }
            if let Some((_, old)) = self.order.pop_front() {
                self.ids.remove(&old);
            }
        }
        if !self.ids.insert(id.to_owned()) {
            return false;
        }
        self.order.push_back((timestamp, id.to_owned()));
        true
    }
}

/// The handler: 204 for an event handled (or ignored, or already
/// handled), 400 for a delivery that is not authentic or not an event
/// (Svix retries, then gives up and shows the answer in Clerk's
/// dashboard). The 400's body is fixed: what is wrong goes to the log.
async fn clerk_webhook(
    State(endpoint): State<Arc<Endpoint>>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, &'static str) {
    let delivery = match endpoint.webhook.verify_delivery(&body, &headers) {
        Ok(delivery) => delivery,
        // Forged, too old, or not an event: the message says which (never
        // the secret).
        Err(e) => {
            eprintln!("400: {e}");
            return (StatusCode::BAD_REQUEST, "invalid delivery");
        }
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let first = endpoint
        .seen
        .lock()
        .map(|mut seen| seen.first_time(&delivery.message_id, delivery.timestamp, now))
        .unwrap_or(true);
    if !first {
        // A replay, or Svix retrying a message handled already: answered
        // as handled, not handled twice.
        println!("replay of {} skipped", delivery.message_id);
        return (StatusCode::NO_CONTENT, "");
    }
    let event = delivery.event;
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
    (StatusCode::NO_CONTENT, "")
}

fn app(webhook: Webhook) -> Router {
    Router::new()
        .route("/webhooks/clerk", post(clerk_webhook))
        .with_state(Arc::new(Endpoint {
            webhook,
            seen: Mutex::new(Seen::default()),
        }))
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
        let replay = signature.clone();
        [signature, forged, replay]
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
