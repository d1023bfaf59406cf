//! The instance's public keys: from its PEM (`CLERK_JWT_KEY`) or its JWKS
//! document. Public keys only: nothing here can sign.

use base64::Engine as _;
use rsa::pkcs1::DecodeRsaPublicKey as _;
use rsa::pkcs8::DecodePublicKey as _;
use rsa::{BoxedUint, PublicKey};
use serde_json::Value;

use super::SessionTokenError;

/// One RSA public key, with the `kid` it is published under.
#[derive(Clone, Debug)]
pub(super) struct Key {
    pub(super) kid: Option<String>,
    pub(super) key: PublicKey,
}

/// The key of a PEM: SPKI (`-----BEGIN PUBLIC KEY-----`, what Clerk's
/// dashboard shows) or PKCS#1 (`-----BEGIN RSA PUBLIC KEY-----`).
pub(super) fn from_pem(pem: &str) -> Result<Key, SessionTokenError> {
    let pem = pem.trim();
    let key = PublicKey::from_public_key_pem(pem)
        .or_else(|spki| {
            PublicKey::from_pkcs1_pem(pem).map_err(|_| {
                SessionTokenError::InvalidKey(format!(
                    "{spki} (expected a PEM `PUBLIC KEY` or `RSA PUBLIC KEY`; a private key does not belong here)"
                ))
            })
        })?;
    Ok(Key { kid: None, key })
}

/// The RSA signing keys of a JWKS document (`{"keys": [...]}`); keys of
/// another type or for encryption are skipped.
pub(super) fn from_jwks(document: &[u8]) -> Result<Vec<Key>, SessionTokenError> {
    let value: Value = serde_json::from_slice(document)
        .map_err(|e| SessionTokenError::InvalidJwks(e.to_string()))?;
    let keys = value
        .get("keys")
        .and_then(Value::as_array)
        .ok_or_else(|| SessionTokenError::InvalidJwks("no `keys` array".into()))?;
    let mut out = Vec::new();
    for (i, jwk) in keys.iter().enumerate() {
        let text = |member: &str| jwk.get(member).and_then(Value::as_str);
        if text("kty") != Some("RSA") || text("use").is_some_and(|u| u != "sig") {
            continue;
        }
        let component = |member: &str| -> Result<BoxedUint, SessionTokenError> {
            let encoded = text(member).ok_or_else(|| {
                SessionTokenError::InvalidKey(format!("keys[{i}]: no `{member}`"))
            })?;
            let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(encoded.trim_end_matches('='))
                .map_err(|e| SessionTokenError::InvalidKey(format!("keys[{i}].{member}: {e}")))?;
            Ok(BoxedUint::from_be_slice_vartime(&bytes))
        };
        let key = PublicKey::new(component("n")?, component("e")?)
            .map_err(|e| SessionTokenError::InvalidKey(format!("keys[{i}]: {e}")))?;
        out.push(Key {
            kid: text("kid").map(str::to_owned),
            key,
        });
    }
    if out.is_empty() {
        return Err(SessionTokenError::NoRsaKey);
    }
    Ok(out)
}
