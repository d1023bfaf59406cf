//! Arbitrary session tokens verified at arbitrary clocks, with an oracle:
//! nothing panics, and nothing is accepted (the key is made here and
//! never signs: only a forged token can reach the verifier, so every
//! answer must be an error). The bytes are tried as the token itself and
//! as its three parts base64url-encoded (so that headers and claims that
//! parse are reached).
#![no_main]

use std::sync::OnceLock;
use std::time::{Duration, UNIX_EPOCH};

use base64::Engine as _;
use clerk_types::session_token::Verifier;
use libfuzzer_sys::fuzz_target;
use rsa::pkcs8::{EncodePublicKey, LineEnding};
use rsa::{Generate, PrivateKey};

fn verifier() -> &'static Verifier {
    static V: OnceLock<Verifier> = OnceLock::new();
    V.get_or_init(|| {
        let pem = PrivateKey::generate()
            .to_public_key()
            .to_public_key_pem(LineEnding::LF)
            .expect("pem");
        Verifier::from_pem(&pem).expect("key").authorized_parties(["https://a.example"])
    })
}

fuzz_target!(|bytes: &[u8]| {
    let Some((clock, rest)) = bytes.split_first_chunk::<8>() else {
        return;
    };
    let now = UNIX_EPOCH + Duration::from_secs(u64::from_le_bytes(*clock) >> 32);
    if let Ok(token) = std::str::from_utf8(rest) {
        assert!(verifier().verify_at(token, now).is_err());
    }
    let b64 = |b: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b);
    let parts: Vec<String> = rest.splitn(3, |b| *b == 0).map(b64).collect();
    let token = parts.join(".");
    assert!(verifier().verify_at(&token, now).is_err());
});
