//! The signature check: `{id}.{timestamp}.{body}` signed with HMAC-SHA256
//! under the secret (base64 after `whsec_`), in `svix-*` or `webhook-*`
//! headers, within five minutes of the receiver's clock.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use super::headers::WebhookHeaders;

/// How far a delivery's timestamp may be from the receiver's clock, either
/// way (Svix's and Standard Webhooks' five minutes).
pub const TOLERANCE: Duration = Duration::from_secs(5 * 60);

/// A webhook endpoint's signing secret, ready to verify deliveries. Its
/// `Debug` does not show the secret, and its bytes are wiped (`zeroize`)
/// when it is dropped.
#[derive(Clone)]
pub struct Webhook {
    key: Vec<u8>,
}

impl Drop for Webhook {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.key);
    }
}

impl fmt::Debug for Webhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Webhook").finish_non_exhaustive()
    }
}

/// Why a delivery was refused (or a secret not accepted). Messages never
/// contain the secret.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WebhookError {
    /// The secret is not `whsec_` followed by base64 (or bare base64).
    InvalidSecret,
    /// A header is missing, under both of its names.
    MissingHeader(&'static str),
    /// A header is given more than once (or under both of its names with
    /// different values): the delivery is ambiguous.
    DuplicateHeader(&'static str),
    /// A header's value is not text.
    InvalidHeader(&'static str),
    /// The timestamp header is not a non-negative whole number of seconds.
    InvalidTimestamp,
    /// The timestamp is older than [`TOLERANCE`] (a replay, or a queue that
    /// held the delivery): by how much.
    TimestampTooOld(Duration),
    /// The timestamp is further ahead than [`TOLERANCE`]: by how much.
    TimestampTooNew(Duration),
    /// No `v1` signature in the signature header matches the body under
    /// this secret (a forged or altered delivery, or the wrong secret).
    NoMatchingSignature,
    /// The delivery is authentic but its body is not a Clerk event (not
    /// JSON, not an object, no `type` or `data`, a member of the wrong
    /// type): where (a JSON pointer, and the line and column for text that
    /// is not JSON) and what.
    InvalidEvent {
        /// The JSON pointer of the problem (`` for the body itself).
        pointer: String,
        /// What is wrong, with the line and column where the pointer does
        /// not locate it.
        message: String,
    },
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookError::InvalidSecret => f.write_str(
                "the webhook signing secret is not `whsec_` followed by base64: copy it again from Clerk's dashboard (Webhooks, the endpoint, Signing Secret)",
            ),
            WebhookError::MissingHeader(h) => write!(f, "the delivery has no `{h}` header"),
            WebhookError::DuplicateHeader(h) => {
                write!(f, "the delivery has more than one `{h}` header")
            }
            WebhookError::InvalidHeader(h) => write!(f, "the `{h}` header is not text"),
            WebhookError::InvalidTimestamp => f.write_str(
                "the timestamp header is not a whole number of seconds since 1970",
            ),
            WebhookError::TimestampTooOld(by) => write!(
                f,
                "the delivery was signed {}s before this clock's time, more than the {}s allowed: a replay, or a clock out of step",
                by.as_secs(),
                TOLERANCE.as_secs()
            ),
            WebhookError::TimestampTooNew(by) => write!(
                f,
                "the delivery was signed {}s after this clock's time, more than the {}s allowed: a clock out of step",
                by.as_secs(),
                TOLERANCE.as_secs()
            ),
            WebhookError::NoMatchingSignature => f.write_str(
                "no signature of the delivery matches its body under this secret: forged, altered, or signed with another secret",
            ),
            WebhookError::InvalidEvent { pointer, message } => write!(
                f,
                "the delivery is signed but its body is not a Clerk event (at `{pointer}`): {message}"
            ),
        }
    }
}

impl std::error::Error for WebhookError {}

/// The three headers, each under its Svix and its Standard Webhooks name.
const ID: (&str, &str) = ("svix-id", "webhook-id");
const TIMESTAMP: (&str, &str) = ("svix-timestamp", "webhook-timestamp");
const SIGNATURE: (&str, &str) = ("svix-signature", "webhook-signature");

impl Webhook {
    /// The secret as Clerk's dashboard shows it (`whsec_...`), or the bare
    /// base64 after the prefix.
    pub fn new(secret: &str) -> Result<Self, WebhookError> {
        let encoded = secret.trim();
        let encoded = encoded.strip_prefix("whsec_").unwrap_or(encoded);
        let key = base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .map_err(|_| WebhookError::InvalidSecret)?;
        if key.is_empty() {
            return Err(WebhookError::InvalidSecret);
        }
        Ok(Webhook { key })
    }

    /// A secret's raw bytes (not base64): for tests that sign their own
    /// deliveries.
    pub fn from_bytes(key: &[u8]) -> Result<Self, WebhookError> {
        if key.is_empty() {
            return Err(WebhookError::InvalidSecret);
        }
        Ok(Webhook { key: key.to_vec() })
    }

    /// Verifies a delivery against the system clock.
    pub fn verify(&self, body: &[u8], headers: &impl WebhookHeaders) -> Result<(), WebhookError> {
        self.verify_at(body, headers, SystemTime::now())
    }

    /// Verifies a delivery as of `now`: its headers are there once each, its
    /// timestamp is within [`TOLERANCE`] of `now`, and one of its `v1`
    /// signatures is the HMAC-SHA256 of `{id}.{timestamp}.{body}` under the
    /// secret (compared in constant time; several signatures are sent while
    /// a secret is rotated).
    pub fn verify_at(
        &self,
        body: &[u8],
        headers: &impl WebhookHeaders,
        now: SystemTime,
    ) -> Result<(), WebhookError> {
        self.check_at(body, headers, now).map(|_| ())
    }

    /// [`Webhook::verify_at`], giving the message id and the timestamp
    /// (seconds) of the delivery it verified.
    pub(super) fn check_at<'h>(
        &self,
        body: &[u8],
        headers: &'h impl WebhookHeaders,
        now: SystemTime,
    ) -> Result<(&'h str, u64), WebhookError> {
        let id = header(headers, ID)?;
        let timestamp = header(headers, TIMESTAMP)?;
        let signatures = header(headers, SIGNATURE)?;
        let seconds = parse_seconds(timestamp)?;
        let sent = Duration::from_secs(seconds);
        match age(now, sent) {
            Ok(age) if age > TOLERANCE => return Err(WebhookError::TimestampTooOld(age)),
            Err(ahead) if ahead > TOLERANCE => return Err(WebhookError::TimestampTooNew(ahead)),
            _ => {}
        }
        let mac = self.mac(id, timestamp, body);
        let engine = base64::engine::general_purpose::STANDARD;
        for entry in signatures.split(' ') {
            let Some(("v1", encoded)) = entry.split_once(',') else {
                continue;
            };
            let Ok(signature) = engine.decode(encoded) else {
                continue;
            };
            if mac.clone().verify_slice(&signature).is_ok() {
                return Ok((id, seconds));
            }
        }
        Err(WebhookError::NoMatchingSignature)
    }

    /// The `v1,...` signature of a delivery, as Svix sends it: to sign
    /// deliveries in tests.
    pub fn sign(&self, id: &str, timestamp: u64, body: &[u8]) -> String {
        let tag = self
            .mac(id, &timestamp.to_string(), body)
            .finalize()
            .into_bytes();
        format!(
            "v1,{}",
            base64::engine::general_purpose::STANDARD.encode(tag)
        )
    }

    fn mac(&self, id: &str, timestamp: &str, body: &[u8]) -> Hmac<Sha256> {
        // Any key length is accepted by HMAC.
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.key)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(id.as_bytes());
        mac.update(b".");
        mac.update(timestamp.as_bytes());
        mac.update(b".");
        mac.update(body);
        mac
    }
}

/// The one value of a header given under either of its names.
fn header<'h>(
    headers: &'h impl WebhookHeaders,
    (svix, standard): (&'static str, &'static str),
) -> Result<&'h str, WebhookError> {
    let mut values = headers.values(svix);
    values.extend(headers.values(standard));
    let mut found: Option<&str> = None;
    for value in values {
        let value = value.ok_or(WebhookError::InvalidHeader(svix))?;
        match found {
            None => found = Some(value),
            // The same value under both names is one header.
            Some(seen) if seen == value => {}
            Some(_) => return Err(WebhookError::DuplicateHeader(svix)),
        }
    }
    found.ok_or(WebhookError::MissingHeader(svix))
}

/// How long before `now` a delivery stamped `sent` (since the Unix epoch)
/// was sent, or (`Err`) how far after it. Counted as durations since the
/// epoch, not as `SystemTime`s: a header may name a time `SystemTime` does
/// not hold (from 2^63 seconds), and adding it would panic.
fn age(now: SystemTime, sent: Duration) -> Result<Duration, Duration> {
    match now.duration_since(UNIX_EPOCH) {
        Ok(now) if now >= sent => Ok(now - sent),
        Ok(now) => Err(sent - now),
        // A clock before 1970: every timestamp is ahead of it.
        Err(before) => Err(sent.saturating_add(before.duration())),
    }
}

fn parse_seconds(text: &str) -> Result<u64, WebhookError> {
    if text.is_empty() || text.len() > 19 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(WebhookError::InvalidTimestamp);
    }
    text.parse().map_err(|_| WebhookError::InvalidTimestamp)
}
