//! Decoding and encoding speed, side by side in one run: clerk-types
//! against a careful hand-written serde model of the same shape,
//! `serde_json::Value`, and `IgnoredAny` (parsing alone), on realistic
//! clients of 1 to 64 sessions; plus the cost of decoding with paths and of
//! strict validation. With members the schema does not list, clerk-types
//! (which keeps them) against a hand-written model that keeps them with
//! serde's `flatten` and against `Value`.
//!
//! `cargo bench --bench decode --features validate,user`; see BENCHMARKS.md.

// The User payload is one large `json!` literal.
#![recursion_limit = "256"]

use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use serde_json::{json, Value};

fn main() {
    divan::main();
}

const SIZES: &[usize] = &[1, 4, 16, 64];

/// A realistic client with `n` sessions: millisecond timestamps, mostly
/// active sessions with full activity, some ended or pending with tasks,
/// one impersonated; with `unknown`, a member the schema does not list on
/// every session (`last_active_token`, as webhooks carry it).
fn payload(n: usize, unknown: bool) -> String {
    let t: i64 = 1_760_381_439_785;
    let sessions: Vec<Value> = (0..n)
        .map(|i| {
            let last = t - (i as i64) * 60_000;
            let status = match i % 8 {
                5 => "ended",
                6 => "pending",
                _ => "active",
            };
            let mut s = json!({
                "object": "session",
                "id": format!("sess_2nVX{i:04}bK9cQm4Lr7TzPa1"),
                "user_id": "user_2nVW8dE3kLq9ZrX5yTb7MhC0pQ",
                "client_id": "client_2nVW5fHq1LmA8sR3tYk6JdN9xE",
                "actor": if i == 3 { json!({"sub": "user_2nVZ9aQ4wErT6yU1iO3pAs5D", "iss": "https://dashboard.clerk.com"}) } else { Value::Null },
                "status": status,
                "last_active_organization_id": if i % 3 == 0 { json!("org_2nVZ3kP8qLm1XcV7bN4tRy6W") } else { Value::Null },
                "last_active_at": last,
                "latest_activity": {
                    "object": "session_activity", "id": format!("sess_act_{i:04}Yw8PqB0xTq3"),
                    "device_type": "Macintosh", "is_mobile": false, "browser_name": "Chrome",
                    "browser_version": "141.0.0.0", "ip_address": "203.0.113.42",
                    "city": "Lisbon", "country": "PT"
                },
                "expire_at": last + 7 * 86_400_000,
                "abandon_at": last + 30 * 86_400_000,
                "updated_at": last,
                "created_at": last - 2 * 86_400_000
            });
            if unknown {
                s["last_active_token"] = json!({"object": "token", "jwt": "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2ln"});
            }
            if status == "pending" {
                s["tasks"] = json!([{"key": "choose-organization"}]);
            }
            s
        })
        .collect();
    let ids: Vec<Value> = sessions.iter().map(|s| s["id"].clone()).collect();
    json!({
        "object": "client", "id": "client_2nVW5fHq1LmA8sR3tYk6JdN9xE",
        "session_ids": ids, "sessions": sessions,
        "sign_in_id": null, "sign_up_id": null,
        "last_active_session_id": "sess_2nVX0000bK9cQm4Lr7TzPa1",
        "last_authentication_strategy": "oauth_google",
        "updated_at": t, "created_at": t - 9 * 86_400_000
    })
    .to_string()
}

/// A careful hand-written model of the same shape, as a user would write
/// it with serde's derive: `Option` for nullable and optional fields, an
/// enum with a unit catch-all for the status, unknown fields ignored.
mod handwritten {
    use serde::{Deserialize, Serialize};

    #[derive(Deserialize, Serialize)]
    #[allow(dead_code)]
    pub struct Client {
        pub object: ClientObject,
        pub id: String,
        pub session_ids: Vec<String>,
        pub sessions: Vec<Session>,
        pub sign_in_id: Option<String>,
        pub sign_up_id: Option<String>,
        pub last_active_session_id: Option<String>,
        pub last_authentication_strategy: Option<String>,
        pub updated_at: i64,
        pub created_at: i64,
    }

    #[derive(Deserialize, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum ClientObject {
        Client,
    }

    #[derive(Deserialize, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum SessionObject {
        Session,
    }

    #[derive(Deserialize, Serialize)]
    #[allow(dead_code)]
    pub struct Session {
        pub object: SessionObject,
        pub id: String,
        pub user_id: String,
        pub client_id: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub actor: Option<serde_json::Map<String, serde_json::Value>>,
        pub status: Status,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub last_active_organization_id: Option<String>,
        pub last_active_at: i64,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub latest_activity: Option<Activity>,
        pub expire_at: i64,
        pub abandon_at: i64,
        pub updated_at: i64,
        pub created_at: i64,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub tasks: Option<Vec<Task>>,
    }

    #[derive(Deserialize, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Status {
        Active,
        Revoked,
        Ended,
        Expired,
        Removed,
        Abandoned,
        Replaced,
        Pending,
        #[serde(other)]
        Unknown,
    }

    #[derive(Deserialize, Serialize)]
    #[allow(dead_code)]
    pub struct Activity {
        pub object: String,
        pub id: String,
        pub device_type: Option<String>,
        pub is_mobile: bool,
        pub browser_name: Option<String>,
        pub browser_version: Option<String>,
        pub ip_address: Option<String>,
        pub city: Option<String>,
        pub country: Option<String>,
    }

    #[derive(Deserialize, Serialize)]
    #[allow(dead_code)]
    pub struct Task {
        pub key: String,
    }
}

/// The hand-written model again, keeping unknown members as a user would:
/// `#[serde(flatten)]` into a map on every struct.
mod flattened {
    use serde::Deserialize;
    use serde_json::{Map, Value};

    #[derive(Deserialize)]
    #[allow(dead_code)]
    pub struct Client {
        pub object: String,
        pub id: String,
        pub session_ids: Vec<String>,
        pub sessions: Vec<Session>,
        pub sign_in_id: Option<String>,
        pub sign_up_id: Option<String>,
        pub last_active_session_id: Option<String>,
        pub last_authentication_strategy: Option<String>,
        pub updated_at: i64,
        pub created_at: i64,
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    pub struct Session {
        pub object: String,
        pub id: String,
        pub user_id: String,
        pub client_id: String,
        pub actor: Option<Map<String, Value>>,
        pub status: super::handwritten::Status,
        pub last_active_organization_id: Option<String>,
        pub last_active_at: i64,
        pub latest_activity: Option<Activity>,
        pub expire_at: i64,
        pub abandon_at: i64,
        pub updated_at: i64,
        pub created_at: i64,
        pub tasks: Option<Vec<Task>>,
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    pub struct Activity {
        pub object: String,
        pub id: String,
        pub device_type: Option<String>,
        pub is_mobile: bool,
        pub browser_name: Option<String>,
        pub browser_version: Option<String>,
        pub ip_address: Option<String>,
        pub city: Option<String>,
        pub country: Option<String>,
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    pub struct Task {
        pub key: String,
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

/// Decoding `text` with `decode`, counting its bytes.
fn bench_decode<T>(bencher: Bencher, text: &str, decode: impl Fn(&str) -> T + Sync) {
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| black_box(decode(black_box(text))));
}

fn run<T>(bencher: Bencher, n: usize, unknown: bool, decode: impl Fn(&str) -> T + Sync) {
    bench_decode(bencher, &payload(n, unknown), decode);
}

/// Decoding payloads that carry only what the schema lists.
mod decode {
    use super::*;

    #[divan::bench(args = SIZES)]
    fn clerk_types(bencher: Bencher, n: usize) {
        run(bencher, n, false, |t| {
            serde_json::from_str::<clerk_types::Client>(t).expect("decodes")
        });
    }

    #[divan::bench(args = SIZES)]
    fn handwritten(bencher: Bencher, n: usize) {
        run(bencher, n, false, |t| {
            serde_json::from_str::<super::handwritten::Client>(t).expect("decodes")
        });
    }

    #[divan::bench(args = SIZES)]
    fn value(bencher: Bencher, n: usize) {
        run(bencher, n, false, |t| {
            serde_json::from_str::<Value>(t).expect("decodes")
        });
    }

    #[divan::bench(args = SIZES)]
    fn ignored_any(bencher: Bencher, n: usize) {
        run(bencher, n, false, |t| {
            serde_json::from_str::<serde::de::IgnoredAny>(t).expect("parses")
        });
    }

    #[divan::bench(args = SIZES)]
    fn clerk_types_with_paths(bencher: Bencher, n: usize) {
        run(bencher, n, false, |t| {
            clerk_types::from_str::<clerk_types::Client>(t).expect("decodes")
        });
    }

    #[cfg(feature = "validate")]
    #[divan::bench(args = SIZES)]
    fn strict_validation(bencher: Bencher, n: usize) {
        let doc: Value = serde_json::from_str(&payload(n, false)).expect("json");
        bencher.bench(|| black_box(clerk_types::validate::client(black_box(&doc))));
    }
}

/// Decoding payloads with a member the schema does not list on every
/// session, each keeping it.
mod decode_unknown_members {
    use super::*;

    #[divan::bench(args = SIZES)]
    fn clerk_types(bencher: Bencher, n: usize) {
        run(bencher, n, true, |t| {
            serde_json::from_str::<clerk_types::Client>(t).expect("decodes")
        });
    }

    #[divan::bench(args = SIZES)]
    fn handwritten_flatten(bencher: Bencher, n: usize) {
        run(bencher, n, true, |t| {
            serde_json::from_str::<super::flattened::Client>(t).expect("decodes")
        });
    }

    #[divan::bench(args = SIZES)]
    fn value(bencher: Bencher, n: usize) {
        run(bencher, n, true, |t| {
            serde_json::from_str::<Value>(t).expect("decodes")
        });
    }
}

/// Encoding what was decoded (payloads with only what the schema lists).
mod encode {
    use super::*;

    fn encode<T: serde::Serialize + serde::de::DeserializeOwned + Sync>(
        bencher: Bencher,
        n: usize,
    ) {
        let text = payload(n, false);
        let decoded: T = serde_json::from_str(&text).expect("decodes");
        bencher
            .counter(BytesCount::of_str(&text))
            .bench(|| black_box(serde_json::to_string(black_box(&decoded)).expect("encodes")));
    }

    #[divan::bench(args = SIZES)]
    fn clerk_types(bencher: Bencher, n: usize) {
        encode::<clerk_types::Client>(bencher, n);
    }

    #[divan::bench(args = SIZES)]
    fn handwritten(bencher: Bencher, n: usize) {
        encode::<super::handwritten::Client>(bencher, n);
    }

    #[divan::bench(args = SIZES)]
    fn value(bencher: Bencher, n: usize) {
        encode::<Value>(bencher, n);
    }
}

/// A realistic User (the largest object, and the one webhooks carry): two
/// email addresses with OTP and OAuth verifications, a phone number, a
/// Google account, an organization membership. With `absent`, shaped as
/// docs-era payloads and the dashboard's test events are: the email
/// addresses and phone number without timestamps, no `enterprise_accounts`,
/// `backup_code_enabled`, `locked`, ... (members upstream calls required).
#[cfg(feature = "user")]
fn user_payload(absent: bool) -> String {
    let t: i64 = 1_760_381_439_785;
    let otp = json!({"object": "verification_otp", "status": "verified", "strategy": "email_code",
        "attempts": 1, "expire_at": t + 600_000});
    let oauth = json!({"object": "verification_from_oauth", "status": "verified",
        "strategy": "from_oauth_google", "attempts": null, "expire_at": null, "error": null});
    let mut user = json!({
        "object": "user", "id": "user_2nVW8dE3kLq9ZrX5yTb7MhC0pQ",
        "external_id": null, "primary_email_address_id": "idn_2nVW8bQ4wErT6yU1iO3pAs5D",
        "primary_phone_number_id": "idn_2nVW9cR5xFsU7zV2jP4qBt6E", "primary_web3_wallet_id": null,
        "username": "ada", "first_name": "Ada", "last_name": "Lovelace",
        "image_url": "https://img.clerk.com/eyJ0eXBlIjoicHJveHkiLCJzcmMiOiJodHRwcyJ9",
        "has_image": true, "public_metadata": {"plan": "pro"}, "private_metadata": {"stripe": "cus_1"},
        "unsafe_metadata": {}, "password_enabled": true, "two_factor_enabled": false,
        "totp_enabled": false, "backup_code_enabled": false, "mfa_enabled_at": null,
        "mfa_disabled_at": null, "banned": false, "locked": false,
        "lockout_expires_in_seconds": null, "verification_attempts_remaining": 100,
        "delete_self_enabled": true, "create_organization_enabled": true,
        "create_organizations_limit": null, "last_sign_in_at": t, "last_active_at": t,
        "legal_accepted_at": null, "created_at": t - 86_400_000, "updated_at": t,
        "email_addresses": [
            {"object": "email_address", "id": "idn_2nVW8bQ4wErT6yU1iO3pAs5D",
             "email_address": "ada@example.org", "reserved": false, "verification": otp,
             "linked_to": [], "matches_sso_connection": false,
             "created_at": t - 86_400_000, "updated_at": t},
            {"object": "email_address", "id": "idn_2nVWAdS6yGtV8aW3kQ5rCu7F",
             "email_address": "ada@gmail.example", "reserved": false, "verification": oauth,
             "linked_to": [{"type": "oauth_google", "id": "idn_2nVWBeT7zHuW9bX4lR6sDv8G"}],
             "matches_sso_connection": false, "created_at": t - 86_400_000, "updated_at": t}
        ],
        "phone_numbers": [
            {"object": "phone_number", "id": "idn_2nVW9cR5xFsU7zV2jP4qBt6E",
             "phone_number": "+15555550100", "reserved_for_second_factor": false,
             "default_second_factor": false, "reserved": false,
             "verification": {"object": "verification_otp", "status": "verified",
                 "strategy": "phone_code", "attempts": 1, "expire_at": t + 600_000},
             "linked_to": [], "backup_codes": null, "created_at": t - 86_400_000, "updated_at": t}
        ],
        "web3_wallets": [], "passkeys": [], "saml_accounts": [], "enterprise_accounts": [],
        "external_accounts": [
            {"object": "google_account", "id": "eac_2nVWBeT7zHuW9bX4lR6sDv8G", "provider": "oauth_google",
             "identification_id": "idn_2nVWAdS6yGtV8aW3kQ5rCu7F", "provider_user_id": "1084",
             "approved_scopes": "email openid profile", "email_address": "ada@gmail.example",
             "first_name": "Ada", "last_name": "Lovelace", "avatar_url": "https://lh3.example/a",
             "image_url": "https://img.clerk.com/x", "username": null, "phone_number": null,
             "public_metadata": {}, "label": null, "created_at": t - 86_400_000, "updated_at": t,
             "verification": {"object": "verification_oauth", "status": "verified",
                 "strategy": "oauth_google", "attempts": null, "expire_at": t + 600_000, "error": null}}
        ]
    });
    if absent {
        let obj = user.as_object_mut().expect("object");
        for key in [
            "enterprise_accounts",
            "backup_code_enabled",
            "locked",
            "passkeys",
            "saml_accounts",
            "lockout_expires_in_seconds",
            "verification_attempts_remaining",
            "delete_self_enabled",
            "create_organization_enabled",
            "legal_accepted_at",
            "last_active_at",
            "mfa_enabled_at",
            "mfa_disabled_at",
            "totp_enabled",
            "has_image",
        ] {
            obj.remove(key);
        }
        for list in ["email_addresses", "phone_numbers"] {
            for item in user[list].as_array_mut().expect("array") {
                let item = item.as_object_mut().expect("object");
                item.remove("created_at");
                item.remove("updated_at");
                item.remove("reserved");
            }
        }
    }
    user.to_string()
}

/// The User of `user_payload` with `n` email addresses and `n` external
/// accounts (each with its verification, half OTP and half OAuth): a busy
/// user, to see that a union's cost does not grow with its nesting.
#[cfg(feature = "user")]
fn user_with_many(n: usize) -> String {
    let mut user: Value = serde_json::from_str(&user_payload(false)).expect("json");
    for key in ["email_addresses", "external_accounts"] {
        let items = user[key].as_array().cloned().unwrap_or_default();
        let many: Vec<Value> = (0..n)
            .map(|i| {
                let mut item = items[i % items.len()].clone();
                item["id"] = json!(format!("idn_2nVW8bQ4wErT6yU1iO3pA{i:03}"));
                item
            })
            .collect();
        user[key] = Value::Array(many);
    }
    user.to_string()
}

/// Cuts `item`'s verification as Clerk's older payloads have it: without
/// its `object` unless `tagged`, and with `few`, to `status` and
/// `strategy` (and `object` if kept).
#[cfg(feature = "user")]
fn cut_verification(item: &mut Value, tagged: bool, few: bool) {
    if let Some(verification) = item["verification"].as_object_mut() {
        verification.retain(|k, _| {
            (tagged || k != "object")
                && (!few || matches!(k.as_str(), "object" | "status" | "strategy"))
        });
    }
}

/// `user_payload` with every verification cut (`cut_verification`).
#[cfg(feature = "user")]
fn user_with_verifications_cut(tagged: bool, few: bool) -> String {
    let mut user: Value = serde_json::from_str(&user_payload(false)).expect("json");
    for list in ["email_addresses", "phone_numbers", "external_accounts"] {
        for item in user[list].as_array_mut().into_iter().flatten() {
            cut_verification(item, tagged, few);
        }
    }
    user.to_string()
}

/// The User of `user_payload` with no `object` in any verification (the
/// schema does not require it): each union is matched by shape.
#[cfg(feature = "user")]
fn user_without_tags() -> String {
    user_with_verifications_cut(false, false)
}

/// The User of `user_payload` with verifications of two members, as
/// Clerk's docs, SDK fixtures and dashboard test events published them
/// before 2024 (`{"status": "verified", "strategy": "ticket"}`), without
/// their `object` (`tagged`: with it, the same User otherwise): every
/// candidate of each union lacks members, so none is chosen early.
#[cfg(feature = "user")]
fn user_with_few_verification_members(tagged: bool) -> String {
    user_with_verifications_cut(tagged, true)
}

#[cfg(feature = "user")]
#[path = "models/user.rs"]
mod handwritten_user;

/// Decoding a User, complete, with absent members, with ten email
/// addresses and accounts, without its verifications' tags, and with
/// verifications of two members with and without their tags, against a
/// hand-written serde model (which cannot decode the last), owning its
/// strings and borrowing them, `Value` and `IgnoredAny` (the parse-only
/// floor).
#[cfg(feature = "user")]
mod decode_user {
    use super::*;

    const PAYLOADS: &[&str] = &[
        "complete",
        "absent",
        "many",
        "tagless",
        "few_tagged",
        "few_tagless",
        "docs_era",
    ];
    /// The shapes Clerk has published Users in, one of each: today's
    /// Backend API (`complete`), older API versions and the dashboard's
    /// test events (`absent`), verifications without `object` with every
    /// member (`tagless`) and with two (`few_tagless`), and the docs-era
    /// User of Clerk's webhook docs, sorted as a `Value` writes it
    /// (`docs_era`: `tests/payloads/absent/user_docs_era.json`).
    const PUBLISHED: &[&str] = &["complete", "absent", "tagless", "few_tagless", "docs_era"];
    /// What the hand-written model decodes (serde's `tag` needs the tag).
    const TAGGED: &[&str] = &["complete", "absent", "many"];

    fn text(payload: &str) -> String {
        match payload {
            "absent" => user_payload(true),
            "many" => user_with_many(10),
            "tagless" => user_without_tags(),
            "few_tagged" => user_with_few_verification_members(true),
            "few_tagless" => user_with_few_verification_members(false),
            "docs_era" => {
                let user: Value = serde_json::from_str(include_str!(
                    "../tests/payloads/absent/user_docs_era.json"
                ))
                .expect("json");
                user.to_string()
            }
            _ => user_payload(false),
        }
    }

    fn run<T>(bencher: Bencher, payload: &str, decode: impl Fn(&str) -> T + Sync) {
        bench_decode(bencher, &text(payload), decode);
    }

    #[divan::bench(args = PAYLOADS)]
    fn clerk_types(bencher: Bencher, payload: &str) {
        run(bencher, payload, |t| {
            serde_json::from_str::<clerk_types::User>(t).expect("decodes")
        });
    }

    /// The published shapes together, one after the other in each
    /// iteration: what a service that sees all of them pays on average.
    fn run_published<T>(bencher: Bencher, decode: impl Fn(&str) -> T + Sync) {
        let texts: Vec<String> = PUBLISHED.iter().map(|p| text(p)).collect();
        let bytes: usize = texts.iter().map(String::len).sum();
        bencher.counter(BytesCount::new(bytes)).bench(|| {
            for text in &texts {
                black_box(decode(black_box(text)));
            }
        });
    }

    #[divan::bench]
    fn published_clerk_types(bencher: Bencher) {
        run_published(bencher, |t| {
            serde_json::from_str::<clerk_types::User>(t).expect("decodes")
        });
    }

    #[divan::bench]
    fn published_value(bencher: Bencher) {
        run_published(bencher, |t| {
            serde_json::from_str::<Value>(t).expect("decodes")
        });
    }

    #[divan::bench(args = TAGGED)]
    fn handwritten(bencher: Bencher, payload: &str) {
        run(bencher, payload, |t| {
            serde_json::from_str::<super::handwritten_user::User>(t).expect("decodes")
        });
    }

    /// The same model with its strings borrowed from the payload: what a
    /// model that allocates no strings would gain (ARCHITECTURE.md, "The
    /// types own their strings").
    #[divan::bench(args = TAGGED)]
    fn handwritten_borrowed(bencher: Bencher, payload: &str) {
        // Not through `run`: what it decodes borrows from the text.
        let text = text(payload);
        bencher.counter(BytesCount::of_str(&text)).bench(|| {
            black_box(
                serde_json::from_str::<super::handwritten_user::User<&str>>(black_box(&text))
                    .expect("decodes"),
            )
        });
    }

    #[divan::bench(args = PAYLOADS)]
    fn value(bencher: Bencher, payload: &str) {
        run(bencher, payload, |t| {
            serde_json::from_str::<Value>(t).expect("decodes")
        });
    }

    #[divan::bench(args = PAYLOADS)]
    fn ignored_any(bencher: Bencher, payload: &str) {
        run(bencher, payload, |t| {
            serde_json::from_str::<serde::de::IgnoredAny>(t).expect("parses")
        });
    }
}

/// One identification of `user_payload` (`list` is `email_addresses` or
/// `phone_numbers`; its first item) with its verification whole or cut to
/// two members (`few_`), with or without its `object` (`tagless`): the
/// unions Clerk's published payloads make the decoder match by shape, alone.
#[cfg(feature = "user")]
fn identification(list: &str, shape: &str) -> String {
    let user: Value = serde_json::from_str(&user_payload(false)).expect("json");
    let mut item = user[list][0].clone();
    cut_verification(
        &mut item,
        !shape.ends_with("tagless"),
        shape.starts_with("few_"),
    );
    item.to_string()
}

/// Decoding an email address (its verification an OTP one) and a phone
/// number, with their verifications whole and of two members, with and
/// without `object`, against the hand-written model (tagged shapes only)
/// and `Value`.
#[cfg(feature = "user")]
mod decode_identification {
    use super::*;

    const SHAPES: &[&str] = &["tagged", "tagless", "few_tagged", "few_tagless"];
    /// What the hand-written model decodes (serde's `tag` needs the tag).
    const TAGGED: &[&str] = &["tagged", "few_tagged"];

    fn run<T>(bencher: Bencher, list: &str, shape: &str, decode: impl Fn(&str) -> T + Sync) {
        bench_decode(bencher, &identification(list, shape), decode);
    }

    fn decode<T: serde::de::DeserializeOwned>(text: &str) -> T {
        serde_json::from_str(text).expect("decodes")
    }

    #[divan::bench(args = SHAPES)]
    fn email_address_clerk_types(bencher: Bencher, shape: &str) {
        run(
            bencher,
            "email_addresses",
            shape,
            decode::<clerk_types::user::EmailAddress>,
        );
    }

    #[divan::bench(args = TAGGED)]
    fn email_address_handwritten(bencher: Bencher, shape: &str) {
        run(
            bencher,
            "email_addresses",
            shape,
            decode::<super::handwritten_user::EmailAddress>,
        );
    }

    #[divan::bench(args = SHAPES)]
    fn email_address_value(bencher: Bencher, shape: &str) {
        run(bencher, "email_addresses", shape, decode::<Value>);
    }

    #[divan::bench(args = SHAPES)]
    fn phone_number_clerk_types(bencher: Bencher, shape: &str) {
        run(
            bencher,
            "phone_numbers",
            shape,
            decode::<clerk_types::user::PhoneNumber>,
        );
    }

    #[divan::bench(args = TAGGED)]
    fn phone_number_handwritten(bencher: Bencher, shape: &str) {
        run(
            bencher,
            "phone_numbers",
            shape,
            decode::<super::handwritten_user::PhoneNumber>,
        );
    }

    #[divan::bench(args = SHAPES)]
    fn phone_number_value(bencher: Bencher, shape: &str) {
        run(bencher, "phone_numbers", shape, decode::<Value>);
    }
}

/// Verifying a webhook delivery (a `user.created` of about 5 KB, the
/// User of `user_payload` in Clerk's envelope) against decoding it.
#[cfg(all(feature = "webhooks", feature = "user"))]
mod webhook {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    fn delivery() -> (clerk_types::webhooks::Webhook, Vec<u8>, http::HeaderMap) {
        let user: Value = serde_json::from_str(&user_payload(false)).expect("json");
        let mut users = user.clone();
        // Two more email addresses and accounts, as a busy user has: ~5 KB.
        for key in ["email_addresses", "external_accounts"] {
            let items = users[key].as_array().cloned().unwrap_or_default();
            users[key] = Value::Array(items.iter().chain(items.iter()).cloned().collect());
        }
        let body = json!({
            "data": users, "object": "event", "type": "user.created",
            "timestamp": 1_760_381_439_785_i64, "instance_id": "ins_2nVW8dE3kLq9ZrX5yTb7MhC0pQ",
            "event_attributes": {"http_request": {"client_ip": "203.0.113.42", "user_agent": "Mozilla/5.0"}}
        })
        .to_string()
        .into_bytes();
        let wh = clerk_types::webhooks::Webhook::from_bytes(b"an endpoint's secret").expect("key");
        let mut headers = http::HeaderMap::new();
        headers.insert(
            "svix-id",
            "msg_2nVW8dE3kLq9ZrX5yTb7MhC0pQ".parse().expect("value"),
        );
        headers.insert("svix-timestamp", "1760381439".parse().expect("value"));
        let signature = wh.sign("msg_2nVW8dE3kLq9ZrX5yTb7MhC0pQ", 1_760_381_439, &body);
        headers.insert("svix-signature", signature.parse().expect("value"));
        (wh, body, headers)
    }

    #[divan::bench]
    fn verify(bencher: Bencher) {
        let (wh, body, headers) = delivery();
        let now = UNIX_EPOCH + Duration::from_secs(1_760_381_440);
        bencher
            .counter(BytesCount::of_slice(&body))
            .bench(|| black_box(wh.verify_at(black_box(&body), &headers, now)).expect("verifies"));
    }

    #[divan::bench]
    fn decode_data_as_user(bencher: Bencher) {
        #[derive(serde::Deserialize)]
        struct Envelope {
            #[allow(dead_code)]
            data: clerk_types::User,
        }
        let (_, body, _) = delivery();
        bencher.counter(BytesCount::of_slice(&body)).bench(|| {
            black_box(serde_json::from_slice::<Envelope>(black_box(&body)).expect("decodes"))
        });
    }

    #[divan::bench]
    fn decode_as_event(bencher: Bencher) {
        let (_, body, _) = delivery();
        bencher.counter(BytesCount::of_slice(&body)).bench(|| {
            let event: clerk_types::webhooks::Event =
                serde_json::from_slice(black_box(&body)).expect("decodes");
            assert!(matches!(
                event.data,
                clerk_types::webhooks::EventData::UserCreated(_)
            ));
            black_box(event)
        });
    }

    #[divan::bench]
    fn decode_as_event_in_one_pass(bencher: Bencher) {
        let (_, body, _) = delivery();
        bencher.counter(BytesCount::of_slice(&body)).bench(|| {
            let event =
                clerk_types::webhooks::Event::from_slice(black_box(&body)).expect("decodes");
            assert!(matches!(
                event.data,
                clerk_types::webhooks::EventData::UserCreated(_)
            ));
            black_box(event)
        });
    }

    #[divan::bench]
    fn verify_and_decode_as_event(bencher: Bencher) {
        let (wh, body, headers) = delivery();
        let now = UNIX_EPOCH + Duration::from_secs(1_760_381_440);
        bencher.counter(BytesCount::of_slice(&body)).bench(|| {
            black_box(wh.verify_event_at(black_box(&body), &headers, now)).expect("verifies")
        });
    }

    #[divan::bench]
    fn decode_as_value(bencher: Bencher) {
        let (_, body, _) = delivery();
        bencher.counter(BytesCount::of_slice(&body)).bench(|| {
            black_box(serde_json::from_slice::<Value>(black_box(&body)).expect("decodes"))
        });
    }
}
