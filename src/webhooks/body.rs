//! A delivery's body decoded in one pass.
//!
//! `data` comes before `type` in Clerk's bodies (their members are in
//! alphabetical order), so a decoder that reads them in order can only
//! keep `data`'s text and decode it once `type` is known: two passes over
//! the largest part of the body. With the whole body at hand, its `type`
//! can be read first from its end, where Clerk's bodies have it; `data` is
//! then decoded as that type as it is read, and the `type` read in order
//! must be the same. That is a guess checked, never trusted: when the body
//! does not end with its type, names a type this release does not know,
//! or does not decode that way for any reason (data that is not its type,
//! a member given twice, not JSON), it is decoded again as
//! `Deserialize for Event` does, which gives the same event, or the same
//! error, as if the guess had not been made.

use serde::de::{Deserializer, MapAccess};

use super::event::{knows, EventVisitor, Known, ReadData};
use super::{Event, EventData};
use crate::DecodeError;

impl Event {
    /// Decodes a delivery's body, as [`crate::from_slice`] does (what
    /// `serde_json::from_slice` gives, with the JSON path of a failure),
    /// in one pass over the body when it ends with its `type`, as Clerk's
    /// deliveries do: `Deserialize` must read `data` as text and decode it
    /// once it has read `type`, after it. [`Webhook::verify_event`]
    /// decodes with it.
    ///
    /// ```
    /// use clerk_types::webhooks::{Event, EventData};
    ///
    /// let body = br#"{"data": {"object": "user", "id": "user_1", "deleted": true},
    ///                 "object": "event", "timestamp": 1716883200000, "type": "user.deleted"}"#;
    /// let event = Event::from_slice(body)?;
    /// assert!(matches!(event.data, EventData::UserDeleted(_)));
    /// assert_eq!(event, serde_json::from_slice(body)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// [`Webhook::verify_event`]: super::Webhook::verify_event
    pub fn from_slice(body: &[u8]) -> Result<Event, DecodeError> {
        // Read as text (as crate::from_slice does), so that `data`'s types
        // are decoded by the code that decodes them from `data`'s text in
        // two passes: no second copy of it in the build.
        let Ok(text) = std::str::from_utf8(body) else {
            return crate::from_slice(body);
        };
        type_at_end(text)
            .filter(|guess| knows(guess))
            .and_then(|guess| in_one_pass(text, guess))
            .map_or_else(|| crate::from_str(text), Ok)
    }
}

/// The event of `body` decoded with `data` as type `guess`, when that is
/// what the body is; `None` for anything else, left to the two-pass decode
/// to say.
fn in_one_pass(body: &str, guess: &str) -> Option<Event> {
    let mut deserializer = serde_json::Deserializer::from_str(body);
    let event = (&mut deserializer)
        .deserialize_map(EventVisitor(AsGuessed(guess)))
        .ok()?;
    deserializer.end().ok()?;
    Some(event)
}

/// The event type a body ends with, when it ends with
/// `"type": "NAME"}` (whitespace allowed where JSON allows it) and `NAME`
/// has no escapes: a guess, which the decode checks.
fn type_at_end(body: &str) -> Option<&str> {
    let rest = body.as_bytes().trim_ascii_end().strip_suffix(b"}")?;
    let rest = rest.trim_ascii_end().strip_suffix(b"\"")?;
    let open = rest.iter().rposition(|&b| b == b'"')?;
    // `rest` is a prefix of the body, so its indices are the body's: the
    // name lies between two quotes, on character boundaries, already UTF-8.
    let name = body.get(open + 1..rest.len())?;
    if name.contains('\\') {
        return None;
    }
    let rest = rest[..open].trim_ascii_end().strip_suffix(b":")?;
    rest.trim_ascii_end().strip_suffix(b"\"type\"")?;
    Some(name)
}

/// `data` decoded as the type the guess names, as it is read; the event's
/// `type` must be the guess.
struct AsGuessed<'g>(&'g str);

impl<'de> ReadData<'de> for AsGuessed<'_> {
    type Read = EventData;

    fn read<A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<EventData, A::Error> {
        map.next_value_seed(Known(self.0))
    }

    fn data(self, event_type: String, data: EventData) -> Result<EventData, String> {
        if event_type == self.0 {
            Ok(data)
        } else {
            // Not seen by users: the two-pass decode takes over.
            Err(format!("`type` is {event_type}, not {}", self.0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{in_one_pass, type_at_end};
    use crate::webhooks::EventData;

    #[test]
    fn a_body_that_ends_with_its_type_decodes_in_one_pass() {
        let body = r#"{"data": {"object": "session", "id": "sess_1", "status": "ended",
            "user": {"object": "user", "id": "user_1"}}, "object": "event", "type": "session.ended"}"#;
        let event = in_one_pass(body, "session.ended").expect("one pass");
        let EventData::SessionEnded(session) = &event.data else {
            panic!("{:?}", event.data)
        };
        assert_eq!(session.user.as_ref().map(|u| u.id.as_str()), Some("user_1"));
        assert_eq!(Some(event), serde_json::from_str(body).ok());
        // A wrong guess, an unknown type: left to the two passes.
        assert!(in_one_pass(body, "session.created").is_none());
        assert!(in_one_pass(body, "session.frozen").is_none());
    }

    #[test]
    fn the_type_is_read_from_the_end_only_where_it_is_plainly_last() {
        assert_eq!(
            type_at_end(r#"{"data":{},"type":"user.created"}"#),
            Some("user.created")
        );
        assert_eq!(
            type_at_end("{\"data\": {},\n  \"type\" :\t\"session.ended\" }\n"),
            Some("session.ended")
        );
        assert_eq!(type_at_end(r#"{"type":"x"}"#), Some("x"));
        // Not last, not a string, escaped, not `type`, not an object.
        assert_eq!(type_at_end(r#"{"type":"user.created","data":{}}"#), None);
        assert_eq!(type_at_end(r#"{"data":{},"type":1}"#), None);
        assert_eq!(
            type_at_end(r#"{"data":{},"type":"user\u002ecreated"}"#),
            None
        );
        assert_eq!(type_at_end(r#"{"data":{},"kind":"user.created"}"#), None);
        assert_eq!(type_at_end(r#"{"data":{},"xtype":"user.created"}"#), None);
        assert_eq!(type_at_end(r#"["type":"user.created"]"#), None);
        assert_eq!(type_at_end(r#""user.created"}"#), None);
        assert_eq!(type_at_end(""), None);
        assert_eq!(type_at_end("}"), None);
        assert_eq!(type_at_end(r#""}"#), None);
    }
}
