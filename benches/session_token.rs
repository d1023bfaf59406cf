//! Verifying a typical Clerk session token (RS256 with a 2048-bit key, and
//! decoding its version 2 claims) beside decoding a typical webhook event
//! (a `session.created` with its user), side by side in one run: what a
//! request's authentication costs against what a webhook's decoding costs.
//!
//! `cargo bench --bench session_token --features session-token,webhooks`;
//! see BENCHMARKS.md.

use std::time::{Duration, SystemTime};

use base64::Engine as _;
use clerk_types::session_token::Verifier;
use clerk_types::webhooks::Event;
use divan::{black_box, Bencher};
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::{EncodePublicKey, LineEnding};
use rsa::sha2::Sha256;
use rsa::signature::{SignatureEncoding, Signer};
use rsa::{Generate, PrivateKey};
use serde_json::json;

fn main() {
    divan::main();
}

const NOW: u64 = 1_760_000_000;

fn token_and_verifier() -> (String, Verifier) {
    let key = PrivateKey::generate();
    let pem = key
        .to_public_key()
        .to_public_key_pem(LineEnding::LF)
        .expect("pem");
    let b64 = |b: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b);
    let header = json!({"alg": "RS256", "kid": "ins_2g7np7Hrk0SN6kj5EDMLDaKNL0S", "typ": "JWT", "cat": "cl_B7d4PD111AAA"});
    let claims = json!({
        "azp": "https://app.example.com", "exp": NOW + 60, "fva": [2, -1], "iat": NOW,
        "iss": "https://clerk.example.com", "nbf": NOW - 10,
        "sid": "sess_2g7np7Hrk0SN6kj5EDMLDaKNL0S", "sts": "active",
        "sub": "user_2g7np7Hrk0SN6kj5EDMLDaKNL0S", "v": 2,
        "fea": "o:dashboard,o:teams", "pla": "o:pro",
        "o": {"id": "org_2g7np7Hrk0SN6kj5EDMLDaKNL0S", "slg": "acme", "rol": "admin", "per": "manage,read", "fpm": "3,2"}
    });
    let input = format!(
        "{}.{}",
        b64(header.to_string().as_bytes()),
        b64(claims.to_string().as_bytes())
    );
    let signature = SigningKey::<Sha256>::new(key).sign(input.as_bytes());
    let token = format!("{input}.{}", b64(&signature.to_vec()));
    let verifier = Verifier::from_pem(&pem)
        .expect("key")
        .authorized_parties(["https://app.example.com"]);
    (token, verifier)
}

#[divan::bench]
fn verify_session_token(bencher: Bencher) {
    let (token, verifier) = token_and_verifier();
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(NOW);
    bencher.bench(|| {
        let claims = verifier.verify_at(black_box(&token), now).expect("valid");
        black_box(claims.organization())
    });
}

#[divan::bench]
fn decode_webhook_event(bencher: Bencher) {
    let body = json!({
        "type": "session.created", "object": "event", "timestamp": 1_716_883_200_000_i64,
        "instance_id": "ins_2g7np7Hrk0SN6kj5EDMLDaKNL0S",
        "data": {
            "object": "session", "id": "sess_2g7np7Hrk0SN6kj5EDMLDaKNL0S",
            "user_id": "user_2g7np7Hrk0SN6kj5EDMLDaKNL0S", "client_id": "client_2g7np7Hrk0SN6kj5EDMLDaKNL0S",
            "status": "active", "actor": null, "last_active_organization_id": null,
            "last_active_at": 1_716_883_200_000_i64, "expire_at": 1_717_488_000_000_i64,
            "abandon_at": 1_719_475_200_000_i64, "updated_at": 1_716_883_200_000_i64,
            "created_at": 1_716_883_200_000_i64,
            "user": {"object": "user", "id": "user_2g7np7Hrk0SN6kj5EDMLDaKNL0S", "first_name": "Ada",
                     "last_name": "Lovelace", "username": null, "email_addresses": [], "phone_numbers": [],
                     "created_at": 1_716_883_200_000_i64, "updated_at": 1_716_883_200_000_i64}
        }
    })
    .to_string();
    bencher.bench(|| black_box(serde_json::from_str::<Event>(black_box(&body)).expect("event")));
}
