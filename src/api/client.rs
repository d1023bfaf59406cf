//! The async client (feature `api-client`): sends the sans-IO requests
//! with reqwest over rustls, retries as [`Retry`] decides, reads at most
//! [`MAX_BODY_BYTES`] of an answer, and walks list pages as a `Stream`.
//!
//! It never follows a redirect (Clerk's API does not redirect; a 3xx is
//! reported as an answer that is not Clerk's, and the bearer key goes
//! nowhere else), and its secret key shows in no `Debug` or error.

use std::collections::VecDeque;
use std::future::Future;
use std::hash::{BuildHasher, Hasher};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use super::error::{ApiError, MAX_BODY_BYTES};
use super::operation::decode_answer;
use super::retry::{Outcome, Retry};
use super::{Endpoint, Operation, Paged, Pages, SecretKey};

/// The environment variable [`Client::from_env`] reads.
pub const SECRET_KEY_ENV: &str = "CLERK_SECRET_KEY";

/// How long one attempt may take, answer included, by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Clerk's Backend API, asked over HTTPS.
///
/// ```no_run
/// # async fn run() -> Result<(), clerk_types::api::ApiError> {
/// use clerk_types::api::{self, ApiError, Client};
///
/// let client = Client::from_env()?; // CLERK_SECRET_KEY
/// let user = client.send(api::GetUser::new("user_123")).await?;
/// match client.send(api::GetUser::new("user_404")).await {
///     Err(e) if e.is_code("resource_not_found") => println!("no such user"),
///     other => println!("{other:?}"),
/// }
/// # let _ = user; Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Client {
    http: Result<reqwest::Client, Arc<str>>,
    endpoint: Endpoint,
    retry: Retry,
    timeout: Duration,
    /// The instance's keys, for the JWT forms (`authenticate`): shared by
    /// the clones of a client.
    #[cfg(feature = "session-token")]
    pub(crate) keys: Arc<std::sync::Mutex<super::authenticate::Keys>>,
}

impl Client {
    /// A client for Clerk's Backend API with `secret_key` (`sk_live_…`,
    /// `sk_test_…`), default retries ([`Retry::default`]) and timeout
    /// ([`DEFAULT_TIMEOUT`]).
    pub fn new(secret_key: impl Into<SecretKey>) -> Self {
        Client {
            http: build_http(DEFAULT_TIMEOUT),
            endpoint: Endpoint::new(secret_key),
            retry: Retry::default(),
            timeout: DEFAULT_TIMEOUT,
            #[cfg(feature = "session-token")]
            keys: Arc::default(),
        }
    }

    /// A client with the secret key in `CLERK_SECRET_KEY`, as Clerk's SDKs
    /// read it.
    pub fn from_env() -> Result<Self, ApiError> {
        match std::env::var(SECRET_KEY_ENV) {
            Ok(key) if !key.trim().is_empty() => Ok(Client::new(key)),
            _ => Err(ApiError::Request {
                reason: format!("{SECRET_KEY_ENV} is not set: set it to the instance's secret key (Clerk Dashboard, API keys)"),
            }),
        }
    }

    /// Another base URL (a proxy, a test server), `/v1` included.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.endpoint = self.endpoint.base_url(base_url);
        self
    }

    /// Another retry policy ([`Retry::never`] to retry nothing).
    pub fn retry(mut self, retry: Retry) -> Self {
        self.retry = retry;
        self
    }

    /// How long one attempt may take, the answer's body included.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self.http = build_http(timeout);
        self
    }

    /// Another `User-Agent` for every request.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.endpoint = self.endpoint.user_agent(user_agent);
        self
    }

    /// Sends with this reqwest client instead (its TLS, proxies and
    /// timeouts); the client's own timeout still bounds each attempt.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Ok(http);
        self
    }

    /// Where requests go, and with what.
    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// Sends `operation` and decodes Clerk's answer, retrying as the
    /// client's [`Retry`] says.
    pub async fn send<O: Operation>(&self, operation: O) -> Result<O::Output, ApiError> {
        self.send_ref(&operation).await
    }

    async fn send_ref<O: Operation>(&self, operation: &O) -> Result<O::Output, ApiError> {
        let http = self.http.as_ref().map_err(|e| ApiError::Request {
            reason: e.to_string(),
        })?;
        let request = operation.to_request(&self.endpoint)?;
        let mut attempt = 0;
        loop {
            let (outcome, result) = match self.attempt(http, &request).await {
                Ok((status, headers, body)) => {
                    let retry_after = super::retry_after(&headers);
                    let result = match body {
                        Some(body) => decode_answer(status, &headers, &body, O::decode),
                        None => Err(ApiError::TooLarge {
                            status,
                            limit: MAX_BODY_BYTES,
                        }),
                    };
                    (Outcome::Status(status, retry_after), result)
                }
                Err((not_sent, e)) => (Outcome::NoAnswer { not_sent }, Err(e)),
            };
            if result.is_ok() {
                return result;
            }
            match self.retry.decide(attempt, outcome, O::IDEMPOTENT, jitter()) {
                Some(pause) => tokio::time::sleep(pause).await,
                None => return result,
            }
            attempt += 1;
        }
    }

    /// One attempt: the answer's status, headers and body (`None` when it
    /// is over [`MAX_BODY_BYTES`]: not read further), or why there is no
    /// answer (and whether the request certainly did not leave).
    async fn attempt(
        &self,
        http: &reqwest::Client,
        request: &http::Request<Vec<u8>>,
    ) -> Result<(http::StatusCode, http::HeaderMap, Option<Vec<u8>>), (bool, ApiError)> {
        let mut copy = http::Request::builder()
            .method(request.method().clone())
            .uri(request.uri().clone());
        if let Some(headers) = copy.headers_mut() {
            headers.clone_from(request.headers());
        }
        let copy = copy
            .body(request.body().clone())
            .map_err(|e| (true, request_error(e.to_string())))?;
        let copy = reqwest::Request::try_from(copy)
            .map_err(|e| (true, request_error(e.without_url().to_string())))?;
        let mut response = http
            .execute(copy)
            .await
            .map_err(|e| (e.is_connect(), transport(e)))?;
        let status = response.status();
        let headers = response.headers().clone();
        if response
            .content_length()
            .is_some_and(|l| l > MAX_BODY_BYTES as u64)
        {
            return Ok((status, headers, None));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| (false, transport(e)))? {
            if body.len() + chunk.len() > MAX_BODY_BYTES {
                return Ok((status, headers, None));
            }
            body.extend_from_slice(&chunk);
        }
        Ok((status, headers, Some(body)))
    }

    /// Every item of a list, page after page (`limit`/`offset`), as a
    /// `Stream`; an error ends it.
    pub fn pages<O>(&self, operation: O) -> PageStream<'_, O>
    where
        O: Paged,
    {
        PageStream {
            client: self,
            pages: Pages::new(operation),
            buffered: VecDeque::new(),
            pending: None,
            finished: false,
        }
    }

    /// Every item of a list, page after page, collected.
    pub async fn all<O: Paged>(&self, operation: O) -> Result<Vec<O::Item>, ApiError> {
        let mut pages = Pages::new(operation);
        let mut all = Vec::new();
        while let Some(request) = pages.next_request() {
            let output = self.send_ref(&request).await?;
            all.extend(pages.items(output));
        }
        Ok(all)
    }
}

/// A page's answer, on its way.
type PageFuture<'a, O> =
    Pin<Box<dyn Future<Output = Result<<O as Operation>::Output, ApiError>> + Send + 'a>>;

/// The items of a list, page after page: [`Client::pages`].
#[must_use = "a stream does nothing until polled"]
pub struct PageStream<'a, O: Paged> {
    client: &'a Client,
    pages: Pages<O>,
    buffered: VecDeque<O::Item>,
    pending: Option<PageFuture<'a, O>>,
    finished: bool,
}

impl<'a, O> futures_core::Stream for PageStream<'a, O>
where
    O: Paged + Send + Sync + Unpin + 'a,
    O::Output: Send,
    O::Item: Unpin,
{
    type Item = Result<O::Item, ApiError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffered.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            if this.finished {
                return Poll::Ready(None);
            }
            if let Some(pending) = this.pending.as_mut() {
                let answer = match pending.as_mut().poll(cx) {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(answer) => answer,
                };
                this.pending = None;
                match answer {
                    Ok(output) => this.buffered.extend(this.pages.items(output)),
                    Err(e) => {
                        this.finished = true;
                        return Poll::Ready(Some(Err(e)));
                    }
                }
                continue;
            }
            match this.pages.next_request() {
                Some(request) => {
                    let client = this.client;
                    this.pending = Some(Box::pin(async move { client.send_ref(&request).await }));
                }
                None => this.finished = true,
            }
        }
    }
}

fn request_error(reason: String) -> ApiError {
    ApiError::Request {
        reason: format!("the request could not be handed to the HTTP client: {reason}"),
    }
}

fn transport(e: reqwest::Error) -> ApiError {
    let not_sent = e.is_connect();
    // The URL holds no secret (the key is a header), but it is long and
    // the caller knows it.
    ApiError::Transport {
        not_sent,
        source: Box::new(e.without_url()),
    }
}

/// A reqwest client over rustls with ring and the platform's certificate
/// verifier, no redirects, no proxy other than the system's.
fn build_http(timeout: Duration) -> Result<reqwest::Client, Arc<str>> {
    use rustls_platform_verifier::BuilderVerifierExt;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|b| b.with_platform_verifier())
        .map(|b| b.with_no_client_auth())
        .map_err(|e| Arc::from(format!("TLS could not be set up: {e}")))?;
    reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(timeout.min(Duration::from_secs(10)))
        .timeout(timeout)
        .build()
        .map_err(|e| Arc::from(format!("the HTTP client could not be built: {e}")))
}

/// A number in `[0, 1)` that differs from call to call (for the backoff's
/// jitter; not for anything secret).
fn jitter() -> f64 {
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    (h.finish() >> 11) as f64 / (1u64 << 53) as f64
}
