//! Clerk's timestamps (`created_at`, `expire_at`, ...) are Unix time in
//! milliseconds, kept as the `i64` Clerk sends (so a payload round-trips
//! exactly). [`UnixMillis`] turns one into a time value without hand
//! arithmetic.

use std::time::{Duration, SystemTime};

/// A Unix time in milliseconds, as Clerk writes timestamps.
///
/// ```
/// use clerk_types::UnixMillis;
/// let t = 1_760_381_439_785_i64.system_time().expect("in range");
/// let secs = t.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
/// assert_eq!(secs, 1_760_381_439);
/// ```
pub trait UnixMillis: sealed::Sealed {
    /// As a `SystemTime`; `None` if the platform cannot represent it.
    fn system_time(self) -> Option<SystemTime>;

    /// As a `jiff::Timestamp`; `None` outside jiff's range.
    #[cfg(feature = "jiff")]
    #[cfg_attr(docsrs, doc(cfg(feature = "jiff")))]
    fn jiff_timestamp(self) -> Option<jiff::Timestamp>;

    /// As a `chrono::DateTime<Utc>`; `None` outside chrono's range.
    #[cfg(feature = "chrono")]
    #[cfg_attr(docsrs, doc(cfg(feature = "chrono")))]
    fn chrono_utc(self) -> Option<chrono::DateTime<chrono::Utc>>;

    /// As a `time::OffsetDateTime` in UTC; `None` outside time's range.
    #[cfg(feature = "time")]
    #[cfg_attr(docsrs, doc(cfg(feature = "time")))]
    fn offset_date_time(self) -> Option<time::OffsetDateTime>;
}

impl UnixMillis for i64 {
    fn system_time(self) -> Option<SystemTime> {
        let magnitude = Duration::from_millis(self.unsigned_abs());
        if self >= 0 {
            SystemTime::UNIX_EPOCH.checked_add(magnitude)
        } else {
            SystemTime::UNIX_EPOCH.checked_sub(magnitude)
        }
    }

    #[cfg(feature = "jiff")]
    fn jiff_timestamp(self) -> Option<jiff::Timestamp> {
        jiff::Timestamp::from_millisecond(self).ok()
    }

    #[cfg(feature = "chrono")]
    fn chrono_utc(self) -> Option<chrono::DateTime<chrono::Utc>> {
        chrono::DateTime::from_timestamp_millis(self)
    }

    #[cfg(feature = "time")]
    fn offset_date_time(self) -> Option<time::OffsetDateTime> {
        time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(self) * 1_000_000).ok()
    }
}

mod sealed {
    /// Only `i64`: methods can be added without breaking anyone.
    pub trait Sealed {}
    impl Sealed for i64 {}
}
