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
/// The `cat` header of each token category (Clerk's JS SDK's
/// `tokenTypes`): session, "ignore" (accepted as a session token), M2M and
/// JWT template.
pub(crate) const SESSION_CATEGORIES: &[&str] = &["cl_B7d4PD111AAA", "cl_I7d4PD111III"];
/// The M2M token category.
pub(crate) const M2M_CATEGORY: &str = "cl_B7d4PD333AAA";
/// The JWT template category.
pub(crate) const TEMPLATE_CATEGORY: &str = "cl_B7d4PD222AAA";

/// The `typ` of an OAuth access token (RFC 9068), either spelling.
pub(crate) const ACCESS_TOKEN_TYPES: &[&str] = &["at+jwt", "application/at+jwt"];

/// Which kind of token the header must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Expect {
    /// A session token: `typ` exactly `JWT` when present, a session `cat`
    /// when present.
    Session,
    /// An M2M token: `typ` `JWT` when present, the M2M `cat` when present.
    M2m,
    /// An OAuth access token: `typ` `at+jwt` or `application/at+jwt`, and
    /// no `cat` of another known category.
    OAuth,
}

/// What a token's header and payload say of its kind, read without
/// verifying anything: `typ`, `cat` and the payload's `sub`, when they are
/// strings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Peek {
    pub(crate) typ: Option<String>,
    pub(crate) cat: Option<String>,
    pub(crate) sub: Option<String>,
}

/// Peeks at `token` (`None` when it is no JWT at all).
pub(crate) fn peek(token: &str) -> Option<Peek> {
    let mut pieces = token.split('.');
    let (Some(header), Some(payload), Some(_), None) =
        (pieces.next(), pieces.next(), pieces.next(), pieces.next())
    else {
        return None;
    };
    let decode = |part: &str| -> Option<Map<String, Value>> {
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(part)
            .ok()?;
        serde_json::from_slice(&bytes).ok()
    };
    let header = decode(header)?;
    let text = |map: &Map<String, Value>, key: &str| {
        map.get(key).and_then(Value::as_str).map(str::to_owned)
    };
    let sub = decode(payload).and_then(|p| text(&p, "sub"));
    Some(Peek {
        typ: text(&header, "typ"),
        cat: text(&header, "cat"),
        sub,
    })
}

/// Takes `token` apart, judging its header as `expect` says.
pub(crate) fn parse_as(token: &str, expect: Expect) -> Result<Parts<'_>, SessionTokenError> {
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
    judge(expect, text("typ")?, text("cat")?)?;
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
/// Whether a header's `typ` and `cat` are those of the kind expected.
fn judge(expect: Expect, typ: Option<&str>, cat: Option<&str>) -> Result<(), SessionTokenError> {
    match expect {
        // Exactly `JWT`, as Clerk's SDK requires (not `jwt`).
        Expect::Session | Expect::M2m => {
            if let Some(typ) = typ.filter(|t| *t != "JWT") {
                return Err(SessionTokenError::NotSessionJwt(bounded(typ)));
            }
        }
        Expect::OAuth => {
            if !typ.is_some_and(|t| ACCESS_TOKEN_TYPES.contains(&t)) {
                return Err(SessionTokenError::NotSessionJwt(bounded(typ.unwrap_or(""))));
            }
        }
    }
    let Some(cat) = cat else {
        // Absent: accepted for each kind (Clerk is still rolling it out).
        return Ok(());
    };
    let fits = match expect {
        Expect::Session => SESSION_CATEGORIES.contains(&cat),
        Expect::M2m => cat == M2M_CATEGORY,
        // No category of its own is published: any but the others'.
        Expect::OAuth => {
            !SESSION_CATEGORIES.contains(&cat) && cat != M2M_CATEGORY && cat != TEMPLATE_CATEGORY
        }
    };
    if fits {
        Ok(())
    } else {
        Err(SessionTokenError::WrongCategory(bounded(cat)))
    }
}

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
