//! A server on 127.0.0.1 that answers like Clerk's Backend API, for the
//! client's tests: it records every request as it came (method, path,
//! query, headers, body) and answers from a script of answers per route
//! (method and path), in order; an unscripted route gets Clerk's 404.
//! Not a mock of the client: the client's own reqwest speaks HTTP to it.
// Each test file uses a part of it.
#![allow(dead_code)]

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    /// The path as sent, percent-encoding kept.
    pub path: String,
    /// The raw query, without `?`.
    pub query: Option<String>,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

/// One scripted answer.
#[derive(Clone, Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
    /// Wait this long before answering (a slow or hung Clerk).
    pub delay: Duration,
}

impl Answer {
    /// `status` with a JSON body.
    pub fn json(status: u16, body: serde_json::Value) -> Self {
        Answer {
            status,
            headers: vec![("content-type", "application/json".into())],
            body: body.to_string().into_bytes(),
            delay: Duration::ZERO,
        }
    }

    /// `status` with a body of another kind.
    pub fn raw(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Answer {
            status,
            headers: vec![("content-type", content_type.to_owned())],
            body: body.into(),
            delay: Duration::ZERO,
        }
    }

    /// Clerk's error answer: one error with `code`.
    pub fn clerk_error(status: u16, code: &str) -> Self {
        Answer::json(
            status,
            serde_json::json!({
                "errors": [{"code": code, "message": code.replace('_', " "), "long_message": format!("long: {code}"), "meta": {}}],
                "clerk_trace_id": "trace_123"
            }),
        )
    }

    pub fn header(mut self, name: &'static str, value: &str) -> Self {
        self.headers.push((name, value.to_owned()));
        self
    }

    pub fn delayed(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

#[derive(Default)]
struct Inner {
    seen: Vec<Seen>,
    script: HashMap<(String, String), VecDeque<Answer>>,
}

/// The running server.
#[derive(Clone)]
pub struct ClerkApi {
    pub base: String,
    inner: Arc<Mutex<Inner>>,
}

impl ClerkApi {
    /// Starts a server on a free port of 127.0.0.1 (on the test's runtime).
    pub async fn start() -> Self {
        let inner = Arc::new(Mutex::new(Inner::default()));
        let app = axum::Router::new()
            .fallback(answer)
            .with_state(inner.clone());
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
            .await
            .expect("a port on 127.0.0.1");
        let addr = listener.local_addr().expect("address");
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        ClerkApi {
            base: format!("http://{addr}/v1"),
            inner,
        }
    }

    /// Scripts `answers` for `method path` (the path under `/v1`, as sent).
    pub fn script(&self, method: &str, path: &str, answers: impl IntoIterator<Item = Answer>) {
        let mut inner = self.inner.lock().expect("lock");
        inner
            .script
            .entry((method.to_owned(), format!("/v1{path}")))
            .or_default()
            .extend(answers);
    }

    /// Every request so far, in order.
    pub fn seen(&self) -> Vec<Seen> {
        self.inner.lock().expect("lock").seen.clone()
    }

    /// Forgets the requests seen so far.
    pub fn clear(&self) {
        self.inner.lock().expect("lock").seen.clear();
    }
}

async fn answer(
    State(inner): State<Arc<Mutex<Inner>>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let scripted = {
        let mut inner = inner.lock().expect("lock");
        inner.seen.push(Seen {
            method: method.to_string(),
            path: uri.path().to_owned(),
            query: uri.query().map(str::to_owned),
            headers,
            body: body.to_vec(),
        });
        inner
            .script
            .get_mut(&(method.to_string(), uri.path().to_owned()))
            .and_then(VecDeque::pop_front)
    };
    let answer = scripted.unwrap_or_else(|| Answer::clerk_error(404, "resource_not_found"));
    if !answer.delay.is_zero() {
        tokio::time::sleep(answer.delay).await;
    }
    let mut response = (
        StatusCode::from_u16(answer.status).expect("status"),
        answer.body,
    )
        .into_response();
    for (name, value) in answer.headers {
        response
            .headers_mut()
            .insert(name, value.parse().expect("header value"));
    }
    response
}
