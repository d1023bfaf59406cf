//! Request bodies as the request types hold them: JSON members in the
//! order set (what a user sets is what gets written, `null` included), or
//! multipart parts. `Debug` names the members but never shows their values:
//! bodies carry passwords, secrets and personal data.

use std::fmt;

use serde_json::{Map, Value};

/// A JSON body: an object of the members set, or a value set whole.
#[derive(Clone, Default, PartialEq)]
pub struct JsonBody {
    value: Option<Value>,
}

impl JsonBody {
    /// Sets member `name` (turning a whole value that is not an object
    /// into an object).
    pub fn set(&mut self, name: impl Into<String>, value: Value) {
        match &mut self.value {
            Some(Value::Object(map)) => {
                map.insert(name.into(), value);
            }
            slot => {
                let mut map = Map::new();
                map.insert(name.into(), value);
                *slot = Some(Value::Object(map));
            }
        }
    }

    /// Replaces the whole body.
    pub fn replace(&mut self, value: Value) {
        self.value = Some(value);
    }

    /// The body as set; `None` when nothing was set (an empty object is
    /// sent then).
    pub fn value(&self) -> Option<&Value> {
        self.value.as_ref()
    }
}

impl fmt::Debug for JsonBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.value {
            None => f.write_str("JsonBody {}"),
            Some(Value::Object(map)) => {
                let mut s = f.debug_struct("JsonBody");
                for name in map.keys() {
                    s.field(name, &format_args!(".."));
                }
                s.finish()
            }
            Some(_) => f.write_str("JsonBody(..)"),
        }
    }
}

/// A file to upload in a multipart body (a profile image, a logo).
#[derive(Clone, PartialEq, Eq)]
pub struct File {
    name: String,
    content_type: String,
    bytes: Vec<u8>,
}

impl File {
    /// A file named `name` (what the form says it was called) with its
    /// bytes; its content type is `application/octet-stream` until set.
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        File {
            name: name.into(),
            content_type: "application/octet-stream".to_owned(),
            bytes: bytes.into(),
        }
    }

    /// Its content type (`image/png`).
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = content_type.into();
        self
    }
}

impl fmt::Debug for File {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("File")
            .field("name", &self.name)
            .field("content_type", &self.content_type)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

/// A multipart body's parts, in the order set.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Multipart {
    parts: Vec<(String, Part)>,
}

#[derive(Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    File(File),
}

impl Multipart {
    /// Sets the text part `name`.
    pub fn set_text(&mut self, name: &str, value: String) {
        self.put(name, Part::Text(value));
    }

    /// Sets the file part `name`.
    pub fn set_file(&mut self, name: &str, file: File) {
        self.put(name, Part::File(file));
    }

    fn put(&mut self, name: &str, part: Part) {
        self.parts.retain(|(n, _)| n != name);
        self.parts.push((name.to_owned(), part));
    }

    /// The body's bytes and its content type (with the boundary): a
    /// boundary that none of the parts contains.
    pub fn encode(&self) -> (Vec<u8>, String) {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        loop {
            let boundary = format!("clerk-types-{seed:016x}");
            if !self.contains(boundary.as_bytes()) {
                return (
                    self.with_boundary(&boundary),
                    format!("multipart/form-data; boundary={boundary}"),
                );
            }
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        }
    }

    fn contains(&self, needle: &[u8]) -> bool {
        let within = |hay: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
        self.parts.iter().any(|(name, part)| {
            within(name.as_bytes())
                || match part {
                    Part::Text(t) => within(t.as_bytes()),
                    Part::File(f) => {
                        within(&f.bytes)
                            || within(f.name.as_bytes())
                            || within(f.content_type.as_bytes())
                    }
                }
        })
    }

    fn with_boundary(&self, boundary: &str) -> Vec<u8> {
        // Quotes and line breaks in names would end the header early.
        let quoted = |s: &str| s.replace(['"', '\r', '\n'], "_");
        let mut out = Vec::new();
        for (name, part) in &self.parts {
            out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            match part {
                Part::Text(text) => {
                    out.extend_from_slice(
                        format!(
                            "Content-Disposition: form-data; name=\"{}\"\r\n\r\n",
                            quoted(name)
                        )
                        .as_bytes(),
                    );
                    out.extend_from_slice(text.as_bytes());
                }
                Part::File(file) => {
                    out.extend_from_slice(
                        format!(
                            "Content-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\nContent-Type: {}\r\n\r\n",
                            quoted(name),
                            quoted(&file.name),
                            quoted(&file.content_type)
                        )
                        .as_bytes(),
                    );
                    out.extend_from_slice(&file.bytes);
                }
            }
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        out
    }
}

impl fmt::Debug for Multipart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("Multipart");
        for (name, part) in &self.parts {
            match part {
                Part::Text(_) => s.field(name, &format_args!("..")),
                Part::File(file) => s.field(name, file),
            };
        }
        s.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_names_members_and_hides_values() {
        let mut body = JsonBody::default();
        body.set("password", Value::String("hunter2".into()));
        assert_eq!(format!("{body:?}"), "JsonBody { password: .. }");
        let mut m = Multipart::default();
        m.set_text("uploader_user_id", "user_1".into());
        m.set_file(
            "file",
            File::new("a.png", b"\x89PNG".to_vec()).content_type("image/png"),
        );
        let debug = format!("{m:?}");
        assert!(!debug.contains("user_1"), "{debug}");
        let (bytes, content_type) = m.encode();
        let boundary = content_type.split("boundary=").nth(1).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.starts_with(&format!("--{boundary}\r\nContent-Disposition: form-data; name=\"uploader_user_id\"\r\n\r\nuser_1\r\n")), "{text}");
        assert!(
            text.contains("filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n"),
            "{text}"
        );
        assert!(text.ends_with(&format!("--{boundary}--\r\n")), "{text}");
    }

    #[test]
    fn the_boundary_is_in_no_part() {
        let mut m = Multipart::default();
        m.set_text("a", "clerk-types-9e3779b97f4a7c15".into());
        let (_, content_type) = m.encode();
        assert!(
            !content_type.ends_with("9e3779b97f4a7c15"),
            "{content_type}"
        );
    }
}
