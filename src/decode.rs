//! Decoding with errors that say where.
//!
//! serde_json's own errors give a line and column, which tell little inside
//! a client with sixty sessions. These entry points name the JSON path of
//! the failure (`sessions[3].status: invalid type: ...`). The path costs
//! nothing on success: a document is decoded once at full speed, and only a
//! failure is decoded again, with serde_path_to_error tracking the path.

use std::marker::PhantomData;

use serde::de::{DeserializeOwned, DeserializeSeed};
use serde_json::Value;

/// A document that did not decode, with where and why.
///
/// Displayed as `path: message`, and with the line and column of the
/// input text where the path alone does not locate the problem (a syntax
/// error, the end of the input, trailing characters): `sessions[1].?:
/// expected `,` or `}` at line 14 column 5`.
#[derive(Debug)]
pub struct DecodeError {
    path: String,
    pointer: String,
    message: String,
    line: usize,
    column: usize,
    category: Category,
    source: Option<serde_json::Error>,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)?;
        // A data error is located by its path; the others by the text.
        if self.line > 0 && self.category != Category::Data {
            write!(f, " at line {} column {}", self.line, self.column)?;
        }
        Ok(())
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_ref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// What kind of failure a [`DecodeError`] is, as
/// [`serde_json::Error::classify`] tells them apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Category {
    /// Not JSON: a missing comma, a stray character, trailing characters.
    Syntax,
    /// Valid JSON that is not the type asked for: a missing field, a
    /// string where a number belongs, an array where an object belongs.
    Data,
    /// The input ended before the document did (a body cut short, an
    /// empty file).
    Eof,
    /// Reading the input failed.
    Io,
}

impl DecodeError {
    /// The path of the failure in serde's notation (`sessions[3].status`),
    /// `.` for the document itself.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The same place as a JSON pointer (`/sessions/3/status`), as strict
    /// validation reports it.
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// What went wrong, without the place.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// 1-based line and column in the input text, when it was text
    /// (`None` for [`from_value`]).
    pub fn position(&self) -> Option<(usize, usize)> {
        (self.line > 0).then_some((self.line, self.column))
    }

    /// What kind of failure this is: a caller can tell a body cut short
    /// ([`Category::Eof`]) from a payload of another shape
    /// ([`Category::Data`]).
    pub fn classify(&self) -> Category {
        self.category
    }

    fn new(error: serde_path_to_error::Error<serde_json::Error>) -> Self {
        let path = error.path().clone();
        Self::at(&path, error.into_inner())
    }

    fn at(path: &serde_path_to_error::Path, inner: serde_json::Error) -> Self {
        let pointer: String = path
            .iter()
            .map(|segment| {
                use serde_path_to_error::Segment;
                let text = match segment {
                    Segment::Seq { index } => index.to_string(),
                    Segment::Map { key } => key.replace('~', "~0").replace('/', "~1"),
                    Segment::Enum { variant } => variant.clone(),
                    Segment::Unknown => "?".to_owned(),
                };
                format!("/{text}")
            })
            .collect();
        let path = path.to_string();
        let (line, column) = (inner.line(), inner.column());
        let text = inner.to_string();
        let suffix = format!(" at line {line} column {column}");
        let message = bounded(text.strip_suffix(&suffix).unwrap_or(&text));
        let category = match inner.classify() {
            serde_json::error::Category::Syntax => Category::Syntax,
            serde_json::error::Category::Eof => Category::Eof,
            serde_json::error::Category::Io => Category::Io,
            serde_json::error::Category::Data => Category::Data,
        };
        Self {
            path,
            pointer,
            message,
            line,
            column,
            category,
            source: Some(inner),
        }
    }
}

/// At most this many bytes of serde's message are kept: it quotes the
/// offending value (`invalid type: string "…", expected i64`), which may be
/// a megabyte long.
const MESSAGE_BYTES: usize = 240;

/// `message`, with its middle cut out if it is longer than
/// [`MESSAGE_BYTES`]: the start (what is wrong) and the end (what was
/// expected) stay.
fn bounded(message: &str) -> String {
    if message.len() <= MESSAGE_BYTES {
        return message.to_owned();
    }
    let floor = |mut i: usize| {
        while !message.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let head = floor(MESSAGE_BYTES * 2 / 3);
    let tail = floor(message.len() - MESSAGE_BYTES / 3);
    format!(
        "{}… ({} bytes) …{}",
        &message[..head],
        message.len(),
        &message[tail..]
    )
}

/// Encodes a decoded value back to JSON. The generated types have string
/// keys only, so this does not fail in practice; if it did, it would say
/// so rather than panic.
pub(crate) fn encode<T: serde::Serialize>(value: &T) -> Result<Value, DecodeError> {
    serde_json::to_value(value).map_err(|e| DecodeError {
        path: ".".to_owned(),
        pointer: String::new(),
        message: format!("cannot encode again: {e}"),
        line: 0,
        column: 0,
        category: Category::Data,
        source: Some(e),
    })
}

/// Decodes `T` (e.g. [`crate::Client`]) from JSON text.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, DecodeError> {
    seed_from_str(text, PhantomData::<T>)
}

/// Decodes what `seed` decodes from JSON text (as `serde_json::from_str`
/// does for a type), with the path of a failure.
pub(crate) fn seed_from_str<'de, S>(text: &'de str, seed: S) -> Result<S::Value, DecodeError>
where
    S: DeserializeSeed<'de> + Copy,
{
    // Text is known to be UTF-8, which serde_json's str reader exploits.
    let mut de = serde_json::Deserializer::from_str(text);
    let plain = seed.deserialize(&mut de).and_then(|value| {
        de.end()?;
        Ok(value)
    });
    plain.map_err(|e| located(e, with_path(serde_json::Deserializer::from_str(text), seed)))
}

/// Decodes `T` from JSON bytes.
pub fn from_slice<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, DecodeError> {
    // serde_json checks the UTF-8 of bytes string by string, which costs a
    // User a fifth of its decode (BENCHMARKS.md); checked once, whole, the
    // bytes are read as text, with the same results. Bytes that are not
    // UTF-8 are read as bytes, for serde_json's own error where it is.
    match std::str::from_utf8(bytes) {
        Ok(text) => from_str(text),
        Err(_) => from_bytes(bytes),
    }
}

/// Decodes `T` from bytes that are not all UTF-8: serde_json says where.
fn from_bytes<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, DecodeError> {
    serde_json::from_slice(bytes).map_err(|e| {
        located(
            e,
            with_path(
                serde_json::Deserializer::from_slice(bytes),
                PhantomData::<T>,
            ),
        )
    })
}

/// The error of a failed decode, located by the second, path-tracking
/// one. Should that one succeed (the path tracker hands keys over
/// differently, and a duplicate key has been seen to pass it), the first
/// decode's error stands: a value the plain decoder refused is never
/// returned.
fn located<T>(plain: serde_json::Error, tracked: Result<T, DecodeError>) -> DecodeError {
    match tracked {
        Err(e) => e,
        Ok(_) => DecodeError::at(&serde_path_to_error::Track::new().path(), plain),
    }
}

/// The slow path, taken only after a failure: decode again, tracking the
/// path.
fn with_path<'de, R, S>(
    mut de: serde_json::Deserializer<R>,
    seed: S,
) -> Result<S::Value, DecodeError>
where
    R: serde_json::de::Read<'de>,
    S: DeserializeSeed<'de>,
{
    let mut track = serde_path_to_error::Track::new();
    let tracked = serde_path_to_error::Deserializer::new(&mut de, &mut track);
    let value = seed
        .deserialize(tracked)
        .map_err(|e| DecodeError::at(&track.path(), e))?;
    // Like serde_json::from_str, refuse trailing characters.
    let root = serde_path_to_error::Track::new().path();
    de.end().map_err(|e| DecodeError::at(&root, e))?;
    Ok(value)
}

/// Decodes `T` from a parsed JSON value (borrowed, so that a failure can be
/// decoded again to find its path).
pub fn from_value<T: DeserializeOwned>(value: &Value) -> Result<T, DecodeError> {
    T::deserialize(value).map_err(|e| {
        located(
            e,
            serde_path_to_error::deserialize::<_, T>(value).map_err(DecodeError::new),
        )
    })
}
