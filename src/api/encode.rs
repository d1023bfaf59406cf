//! Percent-encoding of path parameters: every byte but RFC 3986's
//! unreserved characters is escaped, so that a parameter holding `/`, `?`,
//! `#` or `%` stays one segment of the path it was meant for.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but `A-Z a-z 0-9 - . _ ~`.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Appends `value` to `path` as one percent-encoded path segment. A value
/// that would name another path as a whole segment (`.` or `..`, which
/// clients and servers resolve) is escaped too.
pub fn segment(path: &mut String, value: &str) {
    match value {
        "." => path.push_str("%2E"),
        ".." => path.push_str("%2E%2E"),
        _ => path.extend(utf8_percent_encode(value, SEGMENT)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_segment_stays_one_segment() {
        let mut p = String::from("/users/");
        segment(&mut p, "user_1/../../admin?x=1#f%20");
        assert_eq!(p, "/users/user_1%2F..%2F..%2Fadmin%3Fx%3D1%23f%2520");
        for (value, encoded) in [(".", "%2E"), ("..", "%2E%2E"), ("", ""), ("é", "%C3%A9")] {
            let mut p = String::new();
            segment(&mut p, value);
            assert_eq!(p, encoded);
        }
    }
}
