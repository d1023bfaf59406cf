//! When to fetch the JWKS again after a token named a `kid` no key has:
//! at most once per interval, whoever sends the tokens.

use std::time::{Duration, Instant};

/// How long a fetched JWKS is trusted to hold every current key: Clerk's
/// JavaScript SDK caches it for five minutes.
pub const DEFAULT_JWKS_REFRESH_INTERVAL: Duration = Duration::from_secs(5 * 60);

/// Says whether to fetch the JWKS again after
/// [`SessionTokenError::UnknownKid`](super::SessionTokenError::UnknownKid).
///
/// Clerk may have rotated its keys, so an unknown `kid` is a reason to
/// fetch the document again, but anyone can send a token with a made-up
/// `kid`: refetching on every one would let a caller make the service fetch
/// the JWKS once per request (and be rate-limited by Clerk). This allows
/// one fetch per interval at most. Sans-IO: the fetch (and the new
/// [`Verifier`](super::Verifier)) is yours; keep one `JwksRefresh` beside
/// the verifier (behind the same lock).
///
/// ```
/// use std::time::{Duration, Instant};
/// use clerk_types::session_token::JwksRefresh;
/// let mut refresh = JwksRefresh::new(Duration::from_secs(300));
/// let start = Instant::now();
/// refresh.fetched_at(start); // the document the verifier was made from
/// assert!(!refresh.due_at(start + Duration::from_secs(1))); // a flood of unknown kids: no fetch
/// assert!(refresh.due_at(start + Duration::from_secs(301))); // fetch now...
/// assert!(!refresh.due_at(start + Duration::from_secs(302))); // ...and not again until 601 s
/// ```
#[derive(Clone, Debug)]
pub struct JwksRefresh {
    interval: Duration,
    last: Option<Instant>,
}

impl Default for JwksRefresh {
    fn default() -> Self {
        Self::new(DEFAULT_JWKS_REFRESH_INTERVAL)
    }
}

impl JwksRefresh {
    /// At most one fetch per `interval`.
    pub fn new(interval: Duration) -> Self {
        JwksRefresh {
            interval,
            last: None,
        }
    }

    /// Records a fetch made at `now` (the first one, or one made for
    /// another reason).
    pub fn fetched_at(&mut self, now: Instant) {
        self.last = Some(now);
    }

    /// Whether a token with an unknown `kid`, seen at `now`, is reason to
    /// fetch the JWKS again: yes if no fetch was made within the interval,
    /// and then the fetch is taken as made (so the next unknown `kid` in
    /// the interval is not).
    pub fn due_at(&mut self, now: Instant) -> bool {
        let due = self
            .last
            .is_none_or(|last| now.saturating_duration_since(last) >= self.interval);
        if due {
            self.last = Some(now);
        }
        due
    }

    /// [`JwksRefresh::due_at`] now.
    pub fn due(&mut self) -> bool {
        self.due_at(Instant::now())
    }
}
