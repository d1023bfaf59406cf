//! The envelope of every event Clerk sends: `type`, `object`, `timestamp`,
//! `instance_id`, `event_attributes` and `data`, with `data` typed by
//! `type` ([`EventData`], generated from the vendored catalog).
//!
//! Hand-written because what it holds does not depend on the catalog and
//! because JSON Schema cannot say "`data`'s type depends on `type`"; every
//! `data` type is generated. Lossless like the generated types: a member
//! that is absent stays absent, a `null` stays `null`, an unknown member is
//! kept, so that decoding then encoding gives back every member; a member
//! given twice is refused, as by every generated struct.

use serde::de::{DeserializeSeed, Error as _, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::{EventData, EVENT_TYPES};
use crate::member_name::{Name, NameSeed};
use crate::Members;

/// One event, as Clerk sends it in a webhook delivery's body.
///
/// ```
/// use clerk_types::webhooks::{Event, EventData};
///
/// let body = br#"{"type": "user.deleted", "object": "event", "timestamp": 1716883200000,
///                 "data": {"object": "user", "id": "user_29w83sxmDNGwOuEthce5gg56FcC", "deleted": true}}"#;
/// let event: Event = serde_json::from_slice(body)?;
/// assert_eq!(event.event_type(), "user.deleted");
/// match &event.data {
///     EventData::UserDeleted(stub) => assert_eq!(stub.id.as_deref(), Some("user_29w83sxmDNGwOuEthce5gg56FcC")),
///     EventData::Undecoded(e) => panic!("a known event this release cannot read: {}", e.error),
///     other => panic!("{other:?}"),
/// }
/// // Every member comes back.
/// assert_eq!(serde_json::to_value(&event)?, serde_json::from_slice::<serde_json::Value>(body)?);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Event {
    /// `data`, typed by the event type (which it carries:
    /// [`EventData::event_type`]).
    pub data: EventData,
    /// `timestamp`, exactly as sent: Clerk's docs and real deliveries give
    /// Unix **milliseconds**, the spec's examples seconds, so it is not
    /// converted. `None` when absent (older events and some test events).
    pub timestamp: Option<i64>,
    /// `instance_id`, the Clerk instance that sent it: `None` in events
    /// from before 2025 and in the dashboard's examples.
    pub instance_id: Option<String>,
    /// `event_attributes` (the request that caused the event), when sent.
    pub event_attributes: Option<EventAttributes>,
    /// The envelope's members this release does not know, kept as sent.
    pub unknown: Members,
    /// Whether `object` (always `"event"`) was sent.
    object: bool,
    /// Known members sent as `null` (written back as `null` while their
    /// field is `None`).
    null_members: Vec<&'static str>,
}

/// `event_attributes`: what Clerk knows of the request that caused the
/// event. Kept whole; the accessors read the members Clerk documents.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EventAttributes(pub Map<String, Value>);

impl EventAttributes {
    /// `http_request.client_ip`.
    pub fn client_ip(&self) -> Option<&str> {
        self.http_request("client_ip")
    }

    /// `http_request.user_agent`.
    pub fn user_agent(&self) -> Option<&str> {
        self.http_request("user_agent")
    }

    fn http_request(&self, member: &str) -> Option<&str> {
        self.0.get("http_request")?.get(member)?.as_str()
    }
}

/// An event whose type this release does not know (Clerk adds types):
/// kept as sent ([`EventData::Unknown`]).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct UnknownEvent {
    /// The event type, as sent.
    pub event_type: String,
    /// `data`, as sent.
    pub data: Value,
}

/// An event of a type this release knows whose `data` did not decode as
/// that type: kept as sent, with the reason ([`EventData::Undecoded`]).
/// Worth a log line or an alert: Clerk sent something this release's types
/// do not describe.
///
/// Two are equal when their type and data are: `error` is a diagnostic,
/// and its wording may depend on the order of the data's members (the
/// first unknown one a decoder met), which re-encoding does not keep.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct UndecodedEvent {
    /// The event type, as sent.
    pub event_type: String,
    /// `data`, as sent.
    pub data: Value,
    /// Why `data` did not decode as its type: the member's path in `data`
    /// and what was wrong.
    pub error: String,
}

/// One event type of [`EVENT_TYPES`](super::EVENT_TYPES): its name and
/// what its `data` is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventTypeInfo {
    /// The event type (`session.created`).
    pub event_type: &'static str,
    /// The Rust type (at the crate root) the data is (`Session`).
    pub object: &'static str,
    /// Members the data carries beside the object's own, and their Rust
    /// types (`[("user", "User")]`).
    pub members: &'static [(&'static str, &'static str)],
}

impl PartialEq for UndecodedEvent {
    fn eq(&self, other: &Self) -> bool {
        (&self.event_type, &self.data) == (&other.event_type, &other.data)
    }
}

impl Event {
    /// An event of `data` (for tests and mocks): `"object": "event"`, no
    /// timestamp, instance or attributes.
    pub fn new(data: EventData) -> Self {
        Event {
            data,
            timestamp: None,
            instance_id: None,
            event_attributes: None,
            unknown: Members::new(),
            object: true,
            null_members: Vec::new(),
        }
    }

    /// The event type (`user.created`), as sent.
    pub fn event_type(&self) -> &str {
        self.data.event_type()
    }
}

impl<'de> Deserialize<'de> for Event {
    /// Reads the envelope's members one by one and `data` as its JSON text
    /// (serde_json's `RawValue`: no tree is built), then decodes that text
    /// once, as the type `type` names: `data` comes before `type` in
    /// Clerk's bodies, so it cannot be decoded as it is read. Works with
    /// every serde_json entry point (text, bytes, readers, `Value`);
    /// [`Event::from_slice`] decodes a body in one pass.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(EventVisitor(AsText))
    }
}

/// How the envelope reads `data`, and makes it the event's data once
/// `type` is known.
pub(super) trait ReadData<'de> {
    /// `data` as read.
    type Read;

    /// Reads `data`'s value.
    fn read<A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<Self::Read, A::Error>;

    /// The event's data, from `data` as read and the event's `type`.
    fn data(self, event_type: String, data: Self::Read) -> Result<EventData, String>;
}

/// `data` read as its text and decoded once `type` is known: a known type
/// whose data does not decode is kept whole, with the reason.
struct AsText;

impl<'de> ReadData<'de> for AsText {
    type Read = Box<RawValue>;

    fn read<A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<Box<RawValue>, A::Error> {
        map.next_value()
    }

    fn data(self, event_type: String, data: Box<RawValue>) -> Result<EventData, String> {
        // RawValue holds valid JSON, which a Value always takes.
        let as_sent = || serde_json::from_str::<Value>(data.get()).map_err(|e| e.to_string());
        if !knows(&event_type) {
            return Ok(EventData::Unknown(UnknownEvent {
                event_type,
                data: as_sent()?,
            }));
        }
        Ok(
            match crate::decode::seed_from_str(data.get(), Known(&event_type)) {
                Ok(data) => data,
                Err(e) => EventData::Undecoded(UndecodedEvent {
                    event_type,
                    data: as_sent()?,
                    // Where in `data` and what; never a position in its
                    // text, which depends on how the body was laid out.
                    error: format!("{}: {}", e.path(), e.message()),
                }),
            },
        )
    }
}

/// Whether this release knows event type `event_type` ([`EVENT_TYPES`]).
pub(super) fn knows(event_type: &str) -> bool {
    EVENT_TYPES.iter().any(|t| t.event_type == event_type)
}

/// `data` as known event type `.0` says.
#[derive(Clone, Copy)]
pub(super) struct Known<'t>(pub(super) &'t str);

impl<'de> DeserializeSeed<'de> for Known<'_> {
    type Value = EventData;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<EventData, D::Error> {
        EventData::deserialize_known(self.0, deserializer)
            .unwrap_or_else(|| Err(D::Error::custom("an event type this release does not know")))
    }
}

/// The envelope's visitor, reading `data` as `R` says.
pub(super) struct EventVisitor<R>(pub(super) R);

impl<'de, R: ReadData<'de>> Visitor<'de> for EventVisitor<R> {
    type Value = Event;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a Clerk event (a JSON object with `type` and `data`)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Event, A::Error> {
        let EventVisitor(mut reader) = self;
        let mut event_type: Option<Value> = None;
        let mut data: Option<R::Read> = None;
        let mut members: Members4 = Default::default();
        let mut unknown = Members::new();
        while let Some(name) = map.next_key_seed(NameSeed(&NAMES))? {
            match Key::from(name) {
                Key::Type if event_type.is_some() => return Err(A::Error::duplicate_field("type")),
                Key::Data if data.is_some() => return Err(A::Error::duplicate_field("data")),
                Key::Type => event_type = Some(map.next_value()?),
                Key::Data => data = Some(reader.read(&mut map)?),
                Key::Member(i) if members[i].is_some() => {
                    return Err(A::Error::custom(format_args!(
                        "duplicate field `{}`",
                        MEMBERS[i]
                    )))
                }
                Key::Member(i) => members[i] = Some(map.next_value()?),
                Key::Other(name) if unknown.contains_key(&name) => {
                    return Err(A::Error::custom(format_args!("duplicate field `{name}`")))
                }
                Key::Other(name) => {
                    let value: Value = map.next_value()?;
                    unknown.insert(name, value);
                }
            }
        }
        let event_type = match event_type {
            Some(Value::String(t)) => t,
            Some(v) => {
                return Err(A::Error::custom(format_args!(
                    "`type` is {}, not a string: not a Clerk event",
                    kind(&v)
                )))
            }
            None => return Err(A::Error::custom("no `type` member: not a Clerk event")),
        };
        let data = data.ok_or_else(|| A::Error::custom("no `data` member: not a Clerk event"))?;
        let envelope = Envelope::of(members).map_err(A::Error::custom)?;
        let data = reader.data(event_type, data).map_err(A::Error::custom)?;
        Ok(envelope.with(data, unknown))
    }
}

/// The envelope's member names: `type`, `data`, then [`MEMBERS`].
const NAMES: [&str; 6] = [
    "type",
    "data",
    "object",
    "timestamp",
    "instance_id",
    "event_attributes",
];

/// The envelope's own members besides `type` and `data`, in the order
/// their `null`s are recorded.
const MEMBERS: &[&str] = {
    let (_, members) = NAMES.split_at(2);
    members
};

/// The values of [`MEMBERS`], as they came.
type Members4 = [Option<Value>; NAMES.len() - 2];

/// A member name of the envelope.
enum Key {
    Type,
    Data,
    /// `MEMBERS[i]`.
    Member(usize),
    Other(String),
}

impl From<Name> for Key {
    fn from(name: Name) -> Key {
        match name {
            Name::Known(0) => Key::Type,
            Name::Known(1) => Key::Data,
            Name::Known(i) => Key::Member(i - 2),
            Name::Other(name) => Key::Other(name),
        }
    }
}

/// The envelope's own members ([`MEMBERS`]), checked.
struct Envelope {
    object: bool,
    timestamp: Option<i64>,
    instance_id: Option<String>,
    event_attributes: Option<EventAttributes>,
    null_members: Vec<&'static str>,
}

impl Envelope {
    /// The members as they came, checked: what is not what Clerk sends
    /// says so.
    fn of(mut members: Members4) -> Result<Envelope, String> {
        // A `null` member is absent to the types, and written back as `null`.
        let mut null_members = Vec::new();
        for (at, value) in members.iter_mut().enumerate() {
            if *value == Some(Value::Null) {
                *value = None;
                null_members.push(MEMBERS[at]);
            }
        }
        let [object, timestamp, instance_id, event_attributes] = members;
        let object = match object {
            None => false,
            Some(Value::String(o)) if o == "event" => true,
            Some(v) => return Err(format!("`object` is {v}, not \"event\": not a Clerk event")),
        };
        let timestamp =
            match timestamp {
                None => None,
                Some(Value::Number(n)) => Some(n.as_i64().ok_or_else(|| {
                    format!("`timestamp` is {n}, not a whole number in i64's range")
                })?),
                Some(v) => return Err(format!("`timestamp` is {}, not a number", kind(&v))),
            };
        let instance_id = match instance_id {
            None => None,
            Some(Value::String(s)) => Some(s),
            Some(v) => return Err(format!("`instance_id` is {}, not a string", kind(&v))),
        };
        let event_attributes = match event_attributes {
            None => None,
            Some(Value::Object(map)) => Some(EventAttributes(map)),
            Some(v) => return Err(format!("`event_attributes` is {}, not an object", kind(&v))),
        };
        Ok(Envelope {
            object,
            timestamp,
            instance_id,
            event_attributes,
            null_members,
        })
    }

    /// The event of this envelope, `data` and the unknown members.
    fn with(self, data: EventData, unknown: Members) -> Event {
        Event {
            data,
            timestamp: self.timestamp,
            instance_id: self.instance_id,
            event_attributes: self.event_attributes,
            unknown,
            object: self.object,
            null_members: self.null_members,
        }
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl Serialize for Event {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Data<'a>(&'a EventData);
        impl Serialize for Data<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.0.serialize_data(serializer)
            }
        }
        let null = |member| self.null_members.contains(&member);
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("data", &Data(&self.data))?;
        match &self.event_attributes {
            Some(attributes) => map.serialize_entry("event_attributes", attributes)?,
            None if null("event_attributes") => map.serialize_entry("event_attributes", &())?,
            None => {}
        }
        match &self.instance_id {
            Some(id) => map.serialize_entry("instance_id", id)?,
            None if null("instance_id") => map.serialize_entry("instance_id", &())?,
            None => {}
        }
        if self.object {
            map.serialize_entry("object", "event")?;
        } else if null("object") {
            map.serialize_entry("object", &())?;
        }
        match &self.timestamp {
            Some(t) => map.serialize_entry("timestamp", t)?,
            None if null("timestamp") => map.serialize_entry("timestamp", &())?,
            None => {}
        }
        map.serialize_entry("type", self.event_type())?;
        // The envelope's own names are written above (never twice).
        for (k, v) in self.unknown.iter() {
            if !matches!(
                k,
                "data" | "event_attributes" | "instance_id" | "object" | "timestamp" | "type"
            ) {
                map.serialize_entry(k, v)?;
            }
        }
        map.end()
    }
}
