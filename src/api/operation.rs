//! The sans-IO half of every operation: [`Operation`] turns a request type
//! into an `http::Request<Vec<u8>>` and an `http::Response` into its typed
//! output or an [`ApiError`]. Drive it with any HTTP client (hyper, ureq,
//! a test double); [`Client`](super::Client) drives it with reqwest.

use http::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};

use super::error::{self, ApiError, MAX_BODY_BYTES};
use super::{Endpoint, JsonBody, Multipart, Query};
use crate::decode::{Category, DecodeError};

/// The header carrying the API version.
pub const API_VERSION_HEADER: &str = "clerk-api-version";

/// An operation's body, as its request type holds it.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum Body<'a> {
    /// The operation takes no body (a GET, most DELETEs).
    None,
    /// `application/json`.
    Json(&'a JsonBody),
    /// `application/x-www-form-urlencoded`.
    Form(&'a JsonBody),
    /// `multipart/form-data`.
    Multipart(&'a Multipart),
}

/// What the crate knows of an operation, for tables and tools.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OperationInfo {
    /// Its `operationId` in Clerk's spec (`GetUser`, `verifyApiKey`).
    pub operation_id: &'static str,
    /// Its request type's name (`GetUser`, `VerifyApiKey`).
    pub type_name: &'static str,
    /// Its HTTP method.
    pub method: &'static str,
    /// Its path template (`/users/{user_id}`).
    pub path: &'static str,
}

/// One operation of Clerk's Backend API: a request type generated from
/// Clerk's spec implements it. `new` takes the path parameters, setters
/// the query parameters and body members; [`Operation::to_request`] makes
/// the HTTP request, [`Operation::from_response`] reads the answer.
///
/// ```
/// # #[cfg(feature = "api")] {
/// use clerk_types::api::{self, Endpoint, Operation};
///
/// let endpoint = Endpoint::new("sk_test_123").base_url("http://127.0.0.1:8080/v1");
/// let request = api::GetUserList::new()
///     .email_address(["a@example.com", "b@example.com"])
///     .limit(10)
///     .to_request(&endpoint)?;
/// assert_eq!(
///     request.uri(),
///     "http://127.0.0.1:8080/v1/users?email_address=a%40example.com&email_address=b%40example.com&limit=10"
/// );
/// // ... sent with any HTTP client; then:
/// let answer = http::Response::builder()
///     .status(200)
///     .body(br#"[{"object": "user", "id": "user_1"}]"#.to_vec())?;
/// let users = api::GetUserList::from_response(answer)?;
/// assert_eq!(users[0].id, "user_1");
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Operation {
    /// What a success decodes to.
    type Output;
    /// The `operationId` in Clerk's spec.
    const OPERATION_ID: &'static str;
    /// The HTTP method.
    const METHOD: http::Method;
    /// The path template (`/users/{user_id}`).
    const PATH: &'static str;
    /// Whether sending it twice does what sending it once does (GET, PUT,
    /// DELETE): only such requests are sent again after a failure that
    /// may have reached Clerk.
    const IDEMPOTENT: bool;

    /// The path, parameters percent-encoded (`/users/user_123`).
    fn path(&self) -> String;
    /// The query parameters set.
    fn query(&self) -> &Query;
    /// The body set.
    fn body(&self) -> Body<'_>;
    /// Decodes a success body.
    fn decode(body: &[u8]) -> Result<Self::Output, DecodeError>;

    /// The HTTP request, as Clerk's own SDK sends it: the bearer secret
    /// key, `Clerk-API-Version`, `User-Agent`, and for a body its
    /// `Content-Type`; no body on an operation that takes none.
    fn to_request(&self, endpoint: &Endpoint) -> Result<http::Request<Vec<u8>>, ApiError> {
        build(
            endpoint,
            Self::METHOD,
            &self.path(),
            self.query(),
            self.body(),
        )
    }

    /// The typed output of Clerk's answer, or what went wrong: Clerk's
    /// error ([`ApiError::Clerk`]), an answer that is not Clerk's or not
    /// JSON ([`ApiError::Unexpected`]), a success that does not decode as
    /// this release's type ([`ApiError::Decode`], with its JSON pointer),
    /// a body over [`MAX_BODY_BYTES`] ([`ApiError::TooLarge`]).
    fn from_response<B: AsRef<[u8]>>(response: http::Response<B>) -> Result<Self::Output, ApiError>
    where
        Self: Sized,
    {
        let (parts, body) = response.into_parts();
        decode_answer(parts.status, &parts.headers, body.as_ref(), Self::decode)
    }
}

/// The output of an answer, by `decode` when it is a success.
pub(crate) fn decode_answer<T>(
    status: http::StatusCode,
    headers: &http::HeaderMap,
    body: &[u8],
    decode: impl FnOnce(&[u8]) -> Result<T, DecodeError>,
) -> Result<T, ApiError> {
    if body.len() > MAX_BODY_BYTES {
        return Err(ApiError::TooLarge {
            status,
            limit: MAX_BODY_BYTES,
        });
    }
    if !status.is_success() {
        return Err(error::from_failure(status, headers, body));
    }
    decode(body).map_err(|e| match e.classify() {
        // JSON of another shape: where it stops fitting.
        Category::Data => ApiError::Decode {
            status,
            error: Box::new(e),
        },
        // Not JSON at all, empty or cut short: what came.
        _ => error::unexpected(status, headers, body),
    })
}

fn build(
    endpoint: &Endpoint,
    method: http::Method,
    path: &str,
    query: &Query,
    body: Body<'_>,
) -> Result<http::Request<Vec<u8>>, ApiError> {
    let refuse = |reason: String| ApiError::Request { reason };
    let base = &endpoint.base_url;
    if !(base.starts_with("https://") || base.starts_with("http://")) {
        return Err(refuse(format!(
            "the base URL `{base}` is not an http(s) URL (Clerk's is {})",
            super::DEFAULT_BASE_URL
        )));
    }
    let mut uri = format!("{base}{path}");
    if !query.is_empty() {
        uri.push('?');
        uri.push_str(&query.encode());
    }
    let uri: http::Uri = uri.parse().map_err(|e| {
        refuse(format!(
            "the base URL `{base}` does not make a URL with the path: {e}"
        ))
    })?;
    let mut bearer = HeaderValue::try_from(format!("Bearer {}", endpoint.secret_key.expose()))
        .map_err(|_| {
            refuse("the secret key holds characters a header cannot carry (a line break, a control character): copy it again from the Clerk Dashboard (API keys), without the line's end".to_owned())
        })?;
    bearer.set_sensitive(true);
    let header = |what: &str, value: &str| {
        HeaderValue::try_from(value)
            .map_err(|_| refuse(format!("the {what} `{value:?}` cannot be a header value")))
    };
    let (bytes, content_type) = match body {
        Body::None => (Vec::new(), None),
        Body::Json(json) => {
            let value = json
                .value()
                .cloned()
                .unwrap_or_else(|| serde_json::json!({}));
            let bytes = serde_json::to_vec(&value)
                .map_err(|e| refuse(format!("the body does not encode as JSON: {e}")))?;
            (bytes, Some("application/json".to_owned()))
        }
        Body::Form(form) => (
            form_bytes(form),
            Some("application/x-www-form-urlencoded".to_owned()),
        ),
        Body::Multipart(parts) => {
            let (bytes, content_type) = parts.encode();
            (bytes, Some(content_type))
        }
    };
    let mut request = http::Request::builder()
        .method(method)
        .uri(uri)
        .header(AUTHORIZATION, bearer)
        .header(
            API_VERSION_HEADER,
            header("API version", &endpoint.api_version)?,
        )
        .header(USER_AGENT, header("user agent", &endpoint.user_agent)?);
    if let Some(content_type) = content_type {
        request = request.header(CONTENT_TYPE, header("content type", &content_type)?);
    }
    request
        .body(bytes)
        .map_err(|e| refuse(format!("the request could not be assembled: {e}")))
}

/// A form body: each member `name=value`, strings as they are, other
/// values as JSON text.
fn form_bytes(form: &JsonBody) -> Vec<u8> {
    let mut out = form_urlencoded::Serializer::new(String::new());
    if let Some(serde_json::Value::Object(map)) = form.value() {
        for (name, value) in map {
            match value {
                serde_json::Value::String(s) => out.append_pair(name, s),
                other => out.append_pair(name, &other.to_string()),
            };
        }
    }
    out.finish().into_bytes()
}
