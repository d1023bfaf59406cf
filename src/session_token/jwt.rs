//! A compact JWS taken apart: the three base64url parts, the header's
//! members that decide whether it is a session token, the signing input.

use base64::Engine as _;
use serde::de::{Deserialize, Deserializer, Error as _, MapAccess, Visitor};
use serde_json::{Map, Value};

use super::error::bounded;
use super::SessionTokenError;

/// The digests Clerk may sign a session token with (RS256, RS384, RS512).
/// There is no other: a token that says `none` or `HS256` is refused here,
/// before any key is looked at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Algorithm {
    Rs256,
    Rs384,
    Rs512,
}

/// A token's parts.
pub(super) struct Parts<'t> {
    pub(super) algorithm: Algorithm,
    pub(super) kid: Option<String>,
    /// `header.payload`, what the signature covers.
    pub(super) signing_input: &'t [u8],
    pub(super) payload: Vec<u8>,
    pub(super) signature: Vec<u8>,
}

/// The token category of a session token (`cat`), and of a token that
/// carries no class; any other category is not a session token.
const SESSION_CATEGORIES: &[&str] = &["cl_B7d4PD111AAA", "cl_I7d4PD111III"];

/// Splits `token` and reads its header.
pub(super) fn parse(token: &str) -> Result<Parts<'_>, SessionTokenError> {
    let malformed = |why: &str| SessionTokenError::Malformed(why.to_owned());
    let mut pieces = token.split('.');
    let (Some(header_part), Some(payload), Some(signature), None) =
        (pieces.next(), pieces.next(), pieces.next(), pieces.next())
    else {
        return Err(malformed("not three base64url parts separated by dots"));
    };
    let decode = |part: &str, what: &str| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(part)
            .map_err(|_| malformed(&format!("the {what} is not base64url")))
    };
    let header_bytes = decode(header_part, "header")?;
    let Header(header) = serde_json::from_slice(&header_bytes).map_err(|e| {
        if e.is_data() {
            // A member given twice: say which (the name shortened).
            let message = e.to_string();
            malformed(message.split(" at line ").next().unwrap_or_default())
        } else {
            malformed("the header is not a JSON object")
        }
    })?;
    let text = |member: &str| -> Result<Option<&str>, SessionTokenError> {
        match header.get(member) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(malformed(&format!(
                "the header's `{member}` is not a string"
            ))),
        }
    };
    let algorithm = match text("alg")? {
        Some("RS256") => Algorithm::Rs256,
        Some("RS384") => Algorithm::Rs384,
        Some("RS512") => Algorithm::Rs512,
        Some(other) => return Err(SessionTokenError::UnsupportedAlgorithm(bounded(other))),
        None => return Err(malformed("the header has no `alg`")),
    };
    // Exactly `JWT`, as Clerk's SDK requires (not `jwt`).
    if let Some(typ) = text("typ")? {
        if typ != "JWT" {
            return Err(SessionTokenError::NotSessionJwt(bounded(typ)));
        }
    }
    if let Some(cat) = text("cat")? {
        if !SESSION_CATEGORIES.contains(&cat) {
            return Err(SessionTokenError::WrongCategory(bounded(cat)));
        }
    }
    let kid = text("kid")?.map(str::to_owned);
    let signing_input = &token.as_bytes()[..header_part.len() + 1 + payload.len()];
    Ok(Parts {
        algorithm,
        kid,
        signing_input,
        payload: decode(payload, "payload")?,
        signature: decode(signature, "signature")?,
    })
}

/// A header's members, refusing a name given twice: the claims already
/// refuse a duplicate, and a header that says `alg` twice must not read
/// one way here and another way elsewhere.
struct Header(Map<String, Value>);

impl<'de> Deserialize<'de> for Header {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Members;
        impl<'de> Visitor<'de> for Members {
            type Value = Header;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Header, A::Error> {
                let mut members = Map::new();
                while let Some((name, value)) = map.next_entry::<String, Value>()? {
                    if members.contains_key(&name) {
                        return Err(A::Error::custom(format!(
                            "the header has `{}` twice",
                            bounded(&name)
                        )));
                    }
                    members.insert(name, value);
                }
                Ok(Header(members))
            }
        }
        deserializer.deserialize_map(Members)
    }
}
