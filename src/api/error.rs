//! What can go wrong asking Clerk, as types: Clerk's own error answer
//! (`ClerkErrors`), an answer that is not Clerk's (an HTML 502 page from a
//! proxy, a body cut short), a success body that does not decode as its
//! type, a request that could not be made, and the transport's failures.
//! No message ever holds the secret key.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The most bytes of an unexpected body an error keeps, to show.
pub const SNIPPET_BYTES: usize = 256;

/// The largest response body read (16 MiB); a larger one is refused
/// ([`ApiError::TooLarge`]) rather than held in memory. Clerk's largest
/// answers (a page of 500 users) are a few megabytes.
pub const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// Clerk's error answer (`ClerkErrors` in its spec): one or more errors,
/// and the trace id Clerk's support asks for. Members this release does
/// not know are kept.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ClerkErrors {
    /// The errors, most relevant first.
    pub errors: Vec<ClerkError>,
    /// Details of the whole answer, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Value>,
    /// The request's trace id at Clerk: quote it to Clerk's support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clerk_trace_id: Option<String>,
    /// Members this release does not know.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// One of Clerk's errors.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ClerkError {
    /// The machine-readable code (`resource_not_found`,
    /// `form_identifier_exists`): match on this.
    #[serde(default)]
    pub code: String,
    /// A short message.
    #[serde(default)]
    pub message: String,
    /// A longer message, for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub long_message: Option<String>,
    /// Details (`param_name`, ...), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Value>,
    /// Members this release does not know.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// Why a call to Clerk's Backend API failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum ApiError {
    /// Clerk answered with an error of its own (`ClerkErrors`).
    Clerk {
        /// The HTTP status (404, 422, 429, ...).
        status: http::StatusCode,
        /// Clerk's errors (boxed: they are large, and errors are passed
        /// around by value).
        errors: Box<ClerkErrors>,
        /// Clerk's trace id (from the body, else the `x-clerk-trace-id`
        /// header), for Clerk's support.
        trace_id: Option<String>,
        /// How long Clerk asks to wait before the next request (a 429's
        /// `Retry-After` in seconds; `None` when absent or not a number).
        retry_after: Option<Duration>,
    },
    /// An answer that is not Clerk's error format, or a success that is not
    /// JSON: a proxy's HTML page, an empty or truncated body.
    Unexpected {
        /// The HTTP status.
        status: http::StatusCode,
        /// The `Content-Type` it came with.
        content_type: Option<String>,
        /// The body's first bytes ([`SNIPPET_BYTES`]), as text.
        snippet: String,
    },
    /// A success body that is JSON but does not decode as the operation's
    /// type (a wrong JSON type, a missing `id`): where, and why.
    Decode {
        /// The HTTP status.
        status: http::StatusCode,
        /// What did not decode, with its JSON pointer.
        error: Box<crate::decode::DecodeError>,
    },
    /// The body was larger than [`MAX_BODY_BYTES`]; it was not read.
    TooLarge {
        /// The HTTP status.
        status: http::StatusCode,
        /// The limit, in bytes.
        limit: usize,
    },
    /// The request could not be made from what was given (a base URL that
    /// is no URL, a secret key that cannot be a header value): nothing was
    /// sent.
    Request {
        /// What is wrong, and what to do (never the key itself).
        reason: String,
    },
    /// The request did not get an answer: no connection, a timeout, a
    /// connection dropped mid-answer.
    Transport {
        /// Whether the request was certainly not sent (the connection was
        /// never made), so that sending it again cannot act twice.
        not_sent: bool,
        /// What the HTTP client said.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl ApiError {
    /// The HTTP status Clerk (or what stood in its place) answered, if it
    /// answered.
    pub fn status(&self) -> Option<http::StatusCode> {
        match self {
            ApiError::Clerk { status, .. }
            | ApiError::Unexpected { status, .. }
            | ApiError::Decode { status, .. }
            | ApiError::TooLarge { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Clerk's errors, if Clerk answered with its error format.
    pub fn clerk_errors(&self) -> Option<&ClerkErrors> {
        match self {
            ApiError::Clerk { errors, .. } => Some(errors),
            _ => None,
        }
    }

    /// Whether the first of Clerk's errors has `code`
    /// (`resource_not_found`).
    pub fn is_code(&self, code: &str) -> bool {
        self.clerk_errors()
            .and_then(|e| e.errors.first())
            .is_some_and(|e| e.code == code)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Clerk {
                status,
                errors,
                trace_id,
                ..
            } => {
                write!(f, "Clerk answered {status}")?;
                for e in &errors.errors {
                    write!(f, "; {}: {}", e.code, e.long_message.as_deref().unwrap_or(&e.message))?;
                }
                if let Some(t) = trace_id {
                    write!(f, " (trace id {t})")?;
                }
                Ok(())
            }
            ApiError::Unexpected {
                status,
                content_type,
                snippet,
            } => write!(
                f,
                "an answer ({status}, {}) that is not Clerk's: {snippet:?}; a proxy or gateway may stand between (check the base URL)",
                content_type.as_deref().unwrap_or("no content type")
            ),
            ApiError::Decode { status, error } => write!(
                f,
                "Clerk's answer ({status}) does not decode as this release's type at {}: {error}; Clerk's API may have changed (see `cargo xtask sync-schema`)",
                if error.pointer().is_empty() { "/" } else { error.pointer() }
            ),
            ApiError::TooLarge { status, limit } => write!(
                f,
                "the answer ({status}) is larger than {limit} bytes; it was not read"
            ),
            ApiError::Request { reason } => write!(f, "the request could not be made: {reason}"),
            ApiError::Transport { not_sent, source } => write!(
                f,
                "no answer from Clerk ({}): {source}",
                if *not_sent { "not sent" } else { "sent, perhaps received" }
            ),
        }
    }
}

impl std::error::Error for ApiError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ApiError::Decode { error, .. } => Some(error.as_ref()),
            ApiError::Transport { source, .. } => Some(source.as_ref()),
            _ => None,
        }
    }
}

/// The error an answer that is not a success makes: Clerk's own format
/// when it is one, [`ApiError::Unexpected`] otherwise.
pub(crate) fn from_failure(
    status: http::StatusCode,
    headers: &http::HeaderMap,
    body: &[u8],
) -> ApiError {
    match serde_json::from_slice::<ClerkErrors>(body) {
        Ok(errors) => {
            let trace_id = errors.clerk_trace_id.clone().or_else(|| {
                headers
                    .get("x-clerk-trace-id")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned)
            });
            ApiError::Clerk {
                status,
                errors: Box::new(errors),
                trace_id,
                retry_after: retry_after(headers),
            }
        }
        Err(_) => unexpected(status, headers, body),
    }
}

/// [`ApiError::Unexpected`] for `body`.
pub(crate) fn unexpected(
    status: http::StatusCode,
    headers: &http::HeaderMap,
    body: &[u8],
) -> ApiError {
    let cut = body.len().min(SNIPPET_BYTES);
    ApiError::Unexpected {
        status,
        content_type: headers
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        snippet: String::from_utf8_lossy(&body[..cut]).into_owned(),
    }
}

/// `Retry-After` in seconds (Clerk sends seconds); a date or anything else
/// is `None`.
pub fn retry_after(headers: &http::HeaderMap) -> Option<Duration> {
    headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> http::HeaderMap {
        let mut h = http::HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn clerk_errors_are_typed_and_others_are_not() {
        let body = br#"{"errors":[{"code":"resource_not_found","message":"not found","long_message":"No user","meta":{},"extra":1}],"clerk_trace_id":"t1"}"#;
        let e = from_failure(
            http::StatusCode::NOT_FOUND,
            &headers(&[("retry-after", "3")]),
            body,
        );
        assert!(e.is_code("resource_not_found"));
        let ApiError::Clerk {
            trace_id,
            retry_after,
            errors,
            ..
        } = &e
        else {
            panic!("{e:?}")
        };
        assert_eq!(trace_id.as_deref(), Some("t1"));
        assert_eq!(*retry_after, Some(Duration::from_secs(3)));
        assert_eq!(errors.errors[0].other["extra"], 1, "unknown members kept");
        assert!(
            e.to_string()
                .contains("resource_not_found: No user (trace id t1)"),
            "{e}"
        );
        let html = b"<html><body>502 Bad Gateway</body></html>";
        let e = from_failure(
            http::StatusCode::BAD_GATEWAY,
            &headers(&[("content-type", "text/html"), ("retry-after", "soon")]),
            html,
        );
        let ApiError::Unexpected {
            snippet,
            content_type,
            ..
        } = &e
        else {
            panic!("{e:?}")
        };
        assert!(snippet.contains("502 Bad Gateway"));
        assert_eq!(content_type.as_deref(), Some("text/html"));
        let long = vec![b'x'; 10_000];
        let ApiError::Unexpected { snippet, .. } = from_failure(
            http::StatusCode::BAD_GATEWAY,
            &http::HeaderMap::new(),
            &long,
        ) else {
            panic!()
        };
        assert_eq!(snippet.len(), SNIPPET_BYTES);
        assert_eq!(
            super::retry_after(&headers(&[(
                "retry-after",
                "Wed, 21 Oct 2015 07:28:00 GMT"
            )])),
            None
        );
    }
}
