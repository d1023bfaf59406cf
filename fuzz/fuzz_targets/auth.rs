//! Arbitrary tokens given a kind and authenticated at arbitrary clocks
//! under every `Accepts`, with an oracle: nothing panics; the kind
//! `TokenKind::of` gives is the one every refusal and success names;
//! nothing is accepted (the key is made here and never signs, so only a
//! forged token reaches the verifier); a kind not accepted is refused as
//! such, before anything is verified. The bytes are tried as the token and
//! as its three parts base64url-encoded (so that headers and claims that
//! parse, `at+jwt` and `mch_` subjects, are reached).
#![no_main]

use std::sync::OnceLock;
use std::time::{Duration, UNIX_EPOCH};

use base64::Engine as _;
use clerk_types::auth::{Accepts, AuthError, TokenKind};
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
        Verifier::from_pem(&pem).expect("key")
    })
}

fn check(token: &str, accepts: Accepts, now: std::time::SystemTime) {
    let kind = TokenKind::of(token);
    match verifier().authenticate_at(token, accepts, now) {
        Ok(_) => panic!("a token no key signed was accepted"),
        Err(AuthError::TokenTypeMismatch { kind: k, accepted }) => {
            assert_eq!(k, kind);
            assert!(!accepted.accepts(kind));
        }
        Err(AuthError::NeedsBackendApi(k)) => {
            assert_eq!(k, kind);
            assert!(accepts.accepts(kind) && TokenKind::is_opaque(token));
        }
        Err(AuthError::Invalid { kind: k, .. }) => assert_eq!(k, kind),
        Err(_) => {}
    }
}

fuzz_target!(|bytes: &[u8]| {
    let Some((head, rest)) = bytes.split_first_chunk::<9>() else {
        return;
    };
    let now = UNIX_EPOCH + Duration::from_secs(u64::from_le_bytes(head[..8].try_into().unwrap_or_default()) >> 32);
    let accepts = Accepts::only(TokenKind::ALL.into_iter().enumerate().filter(|(i, _)| head[8] >> i & 1 == 1).map(|(_, k)| k));
    for accepts in [accepts, Accepts::Any] {
        if let Ok(token) = std::str::from_utf8(rest) {
            check(token, accepts, now);
        }
        let b64 = |b: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b);
        let parts: Vec<String> = rest.splitn(3, |b| *b == 0).map(b64).collect();
        check(&parts.join("."), accepts, now);
    }
});
