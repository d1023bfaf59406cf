//! When to send a request again, and after how long, decided without I/O
//! (the client sleeps and sends). Clerk's own generated SDKs follow the
//! spec's `x-speakeasy-retries`: backoff from 500 ms, exponent 1.5, at most
//! 60 s apart, on 5xx and connection errors. Here, by default:
//!
//! - a **429** is sent again after its `Retry-After` (or the backoff), when
//!   that is within [`Retry::max_delay`]: Clerk refused it, so it did
//!   nothing, whatever the method;
//! - a **5xx**, a timeout or a connection dropped after sending: again only
//!   for an idempotent request (GET, PUT, DELETE), since Clerk may have
//!   acted on it;
//! - a connection never made: again for any request (it was not sent);
//! - anything else (4xx, a success that does not decode): never.
//!
//! Each pause is the backoff for the attempt, `initial × 1.5^attempt`,
//! capped at `max_delay`, with its upper half drawn at random (jitter:
//! many clients refused together do not come back together).

use std::time::Duration;

/// How many times, and how far apart, a request is sent again.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Retry {
    /// The most retries after the first attempt (0: never retry).
    pub max_retries: u32,
    /// The first pause.
    pub initial: Duration,
    /// Each pause is this many times the one before.
    pub multiplier: f64,
    /// The longest pause; a `Retry-After` longer than this is not waited
    /// for (the 429 is returned).
    pub max_delay: Duration,
}

impl Default for Retry {
    /// 3 retries, from 500 ms, ×1.5, at most 60 s apart.
    fn default() -> Self {
        Retry {
            max_retries: 3,
            initial: Duration::from_millis(500),
            multiplier: 1.5,
            max_delay: Duration::from_secs(60),
        }
    }
}

/// What happened to one attempt, as far as retrying goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Clerk (or a proxy) answered with this status, and maybe a
    /// `Retry-After`.
    Status(http::StatusCode, Option<Duration>),
    /// No answer; `not_sent` when the connection was never made.
    NoAnswer {
        /// The request certainly did not leave.
        not_sent: bool,
    },
}

impl Retry {
    /// No retries at all.
    pub fn never() -> Self {
        Retry {
            max_retries: 0,
            ..Retry::default()
        }
    }

    /// The pause before retry number `attempt` (0 for the first retry),
    /// or `None` when the request is not to be sent again. `jitter` in
    /// `[0, 1)` picks the pause within the upper half of the backoff.
    pub fn decide(
        &self,
        attempt: u32,
        outcome: Outcome,
        idempotent: bool,
        jitter: f64,
    ) -> Option<Duration> {
        if attempt >= self.max_retries {
            return None;
        }
        let backoff = self.backoff(attempt, jitter);
        match outcome {
            Outcome::Status(status, retry_after)
                if status == http::StatusCode::TOO_MANY_REQUESTS =>
            {
                let wait = retry_after.unwrap_or(backoff);
                (wait <= self.max_delay).then_some(wait)
            }
            Outcome::Status(status, _) if status.is_server_error() && idempotent => Some(backoff),
            Outcome::Status(..) => None,
            Outcome::NoAnswer { not_sent } => (not_sent || idempotent).then_some(backoff),
        }
    }

    /// The backoff before retry `attempt`: `initial × multiplier^attempt`,
    /// capped, its upper half picked by `jitter`.
    pub fn backoff(&self, attempt: u32, jitter: f64) -> Duration {
        let exponent = i32::try_from(attempt).unwrap_or(i32::MAX);
        let full = self.initial.as_secs_f64() * self.multiplier.max(1.0).powi(exponent);
        let full = full.min(self.max_delay.as_secs_f64());
        let jitter = if jitter.is_finite() {
            jitter.clamp(0.0, 1.0)
        } else {
            0.0
        };
        Duration::from_secs_f64(full * (0.5 + 0.5 * jitter))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::StatusCode;

    #[test]
    fn what_is_retried_and_after_how_long() {
        let r = Retry::default();
        let s = |code: u16| Outcome::Status(StatusCode::from_u16(code).unwrap(), None);
        assert_eq!(
            r.decide(0, s(503), true, 1.0),
            Some(Duration::from_millis(500))
        );
        assert_eq!(
            r.decide(1, s(503), true, 1.0),
            Some(Duration::from_millis(750))
        );
        assert_eq!(
            r.decide(0, s(503), true, 0.0),
            Some(Duration::from_millis(250))
        );
        assert_eq!(
            r.decide(0, s(503), false, 1.0),
            None,
            "a POST may have acted"
        );
        assert_eq!(
            r.decide(3, s(503), true, 1.0),
            None,
            "three retries at most"
        );
        assert_eq!(r.decide(0, s(404), true, 1.0), None);
        let limited = Outcome::Status(StatusCode::TOO_MANY_REQUESTS, Some(Duration::from_secs(2)));
        assert_eq!(
            r.decide(0, limited, false, 0.3),
            Some(Duration::from_secs(2))
        );
        let too_long = Outcome::Status(
            StatusCode::TOO_MANY_REQUESTS,
            Some(Duration::from_secs(3600)),
        );
        assert_eq!(r.decide(0, too_long, true, 0.3), None);
        assert!(r
            .decide(0, Outcome::NoAnswer { not_sent: true }, false, 1.0)
            .is_some());
        assert_eq!(
            r.decide(0, Outcome::NoAnswer { not_sent: false }, false, 1.0),
            None
        );
        assert_eq!(r.backoff(40, 1.0), Duration::from_secs(60), "capped");
        assert_eq!(Retry::never().decide(0, s(503), true, 1.0), None);
    }
}
