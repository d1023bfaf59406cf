//! Built into a copy of the crate whose schema/ also holds the synthetic
//! schemas of tests/dialect; run by tests/dialect.rs. It checks every case
//! of cases.json (decodes or not, strict verdict, round trip) and the Rust
//! API the constructs must produce.

use clerk_types::{activity, composition, enums, verification};
use serde_json::Value;

fn main() {
    let cases: Vec<Value> = serde_json::from_str(include_str!("../cases.json")).expect("cases");
    let mut failures = Vec::new();
    for case in &cases {
        let (schema, name) = (case["schema"].as_str().unwrap_or(""), case["name"].as_str().unwrap_or(""));
        let payload = &case["payload"];
        let bytes = payload.to_string().into_bytes();
        let decoded = clerk_types::reencode(schema, &bytes).expect("schema is vendored");
        let violations = clerk_types::validate::schema(schema, payload).expect("schema is vendored");
        if decoded.is_ok() != case["decodes"].as_bool().unwrap_or(false) {
            failures.push(format!("{schema}/{name}: decodes = {:?}", decoded.as_ref().err()));
        }
        if violations.is_empty() != case["valid"].as_bool().unwrap_or(false) {
            failures.push(format!("{schema}/{name}: strict verdict: {violations:?}"));
        }
        if let Ok(encoded) = decoded {
            let expected = case.get("encoded").unwrap_or(payload);
            if &encoded != expected {
                failures.push(format!("{schema}/{name}: round trip gave {encoded}"));
            }
        }
    }

    // The shapes users program against.
    let v: verification::Verification = serde_json::from_value(serde_json::json!({
        "object": "holder",
        "verification": {"object": "verification_admin", "status": "verified", "strategy": "impersonation"}
    }))
    .expect("decodes");
    match v.verification {
        Some(verification::VerificationVerification::Admin(admin)) => {
            assert_eq!(admin.strategy.as_str(), "impersonation");
            assert!(!admin.strategy.is_known());
        }
        other => failures.push(format!("expected Admin, got {other:?}")),
    }
    let unknown: verification::VerificationVerification =
        serde_json::from_str(r#"{"object": "verification_passkey", "x": 1}"#).expect("decodes");
    assert!(matches!(unknown, verification::VerificationVerification::Unknown(_)));
    let _otp = verification::VerificationVerification::Otp;
    let _oauth = verification::VerificationVerification::FromOAuth;
    let role: enums::EnumsRole = "owner".into();
    assert_eq!(role, enums::EnumsRole::Unknown("owner".into()));
    assert_eq!(enums::EnumsStrategy::from("ticket"), enums::EnumsStrategy::Ticket);
    let c: composition::Composition = serde_json::from_str(
        r#"{"object": "composition", "organization": {"id": "o"}, "price": {"amount": 1, "currency": "EUR"}, "discount": null}"#,
    )
    .expect("decodes");
    let _money: &composition::Money = &c.price;
    assert!(c.discount.is_none());
    // Identical subschemas share one type: the synthetic Activity schema is
    // the Client's latest_activity.
    let a: activity::Activity = serde_json::from_str(r#"{"object": "session_activity", "id": "a", "is_mobile": false}"#).expect("decodes");
    let _same: clerk_types::SessionActivity = a;

    if failures.is_empty() {
        println!("probe ok: {} cases", cases.len());
    } else {
        for f in &failures {
            println!("FAIL {f}");
        }
        std::process::exit(1);
    }
}
