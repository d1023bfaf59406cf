//! The instance's public keys: from its PEM (`CLERK_JWT_KEY`) or its JWKS
//! document. Public keys only: nothing here can sign.

use base64::Engine as _;
use rsa::pkcs1::DecodeRsaPublicKey as _;
use rsa::pkcs8::DecodePublicKey as _;
use rsa::traits::PublicKeyParts as _;
use rsa::{BoxedUint, PublicKey};
use serde_json::Value;

use super::error::bounded;
use super::SessionTokenError;

/// The smallest RSA modulus accepted, in bits. Clerk issues 2048-bit keys;
/// a 1024-bit key (the `rsa` crate's own floor) can be factored with
/// public means and has been out of use since 2013 (NIST SP 800-131A).
pub const MIN_KEY_BITS: u32 = 2048;

/// One RSA public key, with the `kid` it is published under.
#[derive(Clone, Debug)]
pub(super) struct Key {
    pub(super) kid: Option<String>,
    pub(super) key: PublicKey,
}

/// A key of a JWKS document that was left out, and why: for logs (a
/// document may hold keys of other types or uses; Clerk may add some).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SkippedKey {
    /// Its place in the document's `keys`.
    pub index: usize,
    /// Its `kid`, if it has one (shortened past a few dozen characters).
    pub kid: Option<String>,
    /// Why it cannot verify a session token.
    pub reason: String,
}

impl std::fmt::Display for SkippedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "keys[{}]", self.index)?;
        if let Some(kid) = &self.kid {
            write!(f, " (kid {kid:?})")?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// The key of a PEM: SPKI (`-----BEGIN PUBLIC KEY-----`, what Clerk's
/// dashboard shows) or PKCS#1 (`-----BEGIN RSA PUBLIC KEY-----`), of at
/// least [`MIN_KEY_BITS`].
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
    strong(&key)?;
    Ok(Key { kid: None, key })
}

/// Refuses a key smaller than [`MIN_KEY_BITS`].
fn strong(key: &PublicKey) -> Result<(), SessionTokenError> {
    let bits = key.n().as_ref().bit_width_vartime();
    if bits < MIN_KEY_BITS {
        return Err(SessionTokenError::WeakKey(bits));
    }
    Ok(())
}

/// The keys of a JWKS document (`{"keys": [...]}`) that can verify an
/// RS256/384/512 signature, and those left out with their reason. Refused
/// only when no key is left.
pub(super) fn from_jwks(document: &[u8]) -> Result<(Vec<Key>, Vec<SkippedKey>), SessionTokenError> {
    let value: Value = serde_json::from_slice(document)
        .map_err(|e| SessionTokenError::InvalidJwks(e.to_string()))?;
    let keys = value
        .get("keys")
        .and_then(Value::as_array)
        .ok_or_else(|| SessionTokenError::InvalidJwks("no `keys` array".into()))?;
    if keys.is_empty() {
        return Err(SessionTokenError::NoRsaKey);
    }
    let (mut usable, mut skipped) = (Vec::new(), Vec::new());
    for (index, jwk) in keys.iter().enumerate() {
        let kid = jwk.get("kid").and_then(Value::as_str);
        match signing_key(jwk) {
            Ok(key) => usable.push(Key {
                kid: kid.map(str::to_owned),
                key,
            }),
            Err(reason) => skipped.push(SkippedKey {
                index,
                kid: kid.map(bounded),
                reason,
            }),
        }
    }
    if usable.is_empty() {
        return Err(SessionTokenError::NoUsableKey(skipped));
    }
    Ok((usable, skipped))
}

/// The RSA public key of `jwk`, if it is one for verifying RS256/384/512
/// signatures; else why not.
fn signing_key(jwk: &Value) -> Result<PublicKey, String> {
    let text = |member: &str| jwk.get(member).and_then(Value::as_str);
    match text("kty") {
        Some("RSA") => {}
        Some(other) => return Err(format!("kty {:?} is not RSA", bounded(other))),
        None => return Err("no `kty`".to_owned()),
    }
    if let Some(usage) = text("use").filter(|u| *u != "sig") {
        return Err(format!("use {:?} is not sig", bounded(usage)));
    }
    if let Some(alg) = text("alg").filter(|a| !matches!(*a, "RS256" | "RS384" | "RS512")) {
        return Err(format!(
            "alg {:?} is not RS256, RS384 or RS512",
            bounded(alg)
        ));
    }
    if let Some(ops) = jwk.get("key_ops") {
        let verifies = ops
            .as_array()
            .is_some_and(|ops| ops.iter().any(|op| op == "verify"));
        if !verifies {
            return Err("key_ops does not include verify".to_owned());
        }
    }
    let component = |member: &str| -> Result<BoxedUint, String> {
        let encoded = text(member).ok_or_else(|| format!("no `{member}`"))?;
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(encoded.trim_end_matches('='))
            .map_err(|e| format!("`{member}` is not base64url: {e}"))?;
        Ok(BoxedUint::from_be_slice_vartime(&bytes))
    };
    let key = PublicKey::new(component("n")?, component("e")?).map_err(|e| e.to_string())?;
    strong(&key).map_err(|e| e.to_string())?;
    Ok(key)
}
