//! A careful hand-written serde model of the User `user_payload` builds, as
//! a Rust user would write it without this crate: derive, `Option` for
//! what may be `null` or absent, `#[serde(tag = "object")]` for the
//! verification union, enums with `#[serde(other)]`, unknown members
//! ignored. The speed anchor for decoding a User (issue 25).
//!
//! Generic over the string type: `User` owns its strings (`String`), as
//! this crate's types do; `User<&str>` borrows them from the payload (it
//! cannot decode a string with an escape), the floor for a model that
//! does not allocate its strings.

#![allow(dead_code)]

use serde::Deserialize;
use serde_json::{Map, Value};

#[derive(Deserialize)]
pub struct User<S = String> {
    pub object: UserObject,
    pub id: S,
    pub external_id: Option<S>,
    pub primary_email_address_id: Option<S>,
    pub primary_phone_number_id: Option<S>,
    pub primary_web3_wallet_id: Option<S>,
    pub username: Option<S>,
    pub first_name: Option<S>,
    pub last_name: Option<S>,
    pub image_url: Option<S>,
    #[serde(default)]
    pub has_image: bool,
    #[serde(default)]
    pub public_metadata: Map<String, Value>,
    #[serde(default)]
    pub private_metadata: Option<Map<String, Value>>,
    #[serde(default)]
    pub unsafe_metadata: Map<String, Value>,
    #[serde(default)]
    pub password_enabled: bool,
    #[serde(default)]
    pub two_factor_enabled: bool,
    #[serde(default)]
    pub totp_enabled: bool,
    #[serde(default)]
    pub backup_code_enabled: bool,
    pub mfa_enabled_at: Option<i64>,
    pub mfa_disabled_at: Option<i64>,
    #[serde(default)]
    pub banned: bool,
    #[serde(default)]
    pub locked: bool,
    pub lockout_expires_in_seconds: Option<i64>,
    pub verification_attempts_remaining: Option<i64>,
    #[serde(default)]
    pub delete_self_enabled: bool,
    #[serde(default)]
    pub create_organization_enabled: bool,
    pub create_organizations_limit: Option<i64>,
    pub last_sign_in_at: Option<i64>,
    pub last_active_at: Option<i64>,
    pub legal_accepted_at: Option<i64>,
    #[serde(default)]
    pub created_at: i64,
    #[serde(default)]
    pub updated_at: i64,
    #[serde(default)]
    pub email_addresses: Vec<EmailAddress<S>>,
    #[serde(default)]
    pub phone_numbers: Vec<PhoneNumber<S>>,
    #[serde(default)]
    pub web3_wallets: Vec<Map<String, Value>>,
    #[serde(default)]
    pub passkeys: Vec<Map<String, Value>>,
    #[serde(default)]
    pub saml_accounts: Vec<Map<String, Value>>,
    #[serde(default)]
    pub enterprise_accounts: Vec<Map<String, Value>>,
    #[serde(default)]
    pub external_accounts: Vec<ExternalAccount<S>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UserObject {
    User,
}

#[derive(Deserialize)]
pub struct EmailAddress<S = String> {
    pub object: S,
    pub id: Option<S>,
    pub email_address: S,
    #[serde(default)]
    pub reserved: bool,
    pub verification: Option<Verification<S>>,
    #[serde(default)]
    pub linked_to: Vec<Link<S>>,
    #[serde(default)]
    pub matches_sso_connection: bool,
    #[serde(default)]
    pub created_at: i64,
    #[serde(default)]
    pub updated_at: i64,
}

#[derive(Deserialize)]
pub struct PhoneNumber<S = String> {
    pub object: S,
    pub id: Option<S>,
    pub phone_number: S,
    #[serde(default)]
    pub reserved_for_second_factor: bool,
    #[serde(default)]
    pub default_second_factor: bool,
    #[serde(default)]
    pub reserved: bool,
    pub verification: Option<Verification<S>>,
    #[serde(default)]
    pub linked_to: Vec<Link<S>>,
    pub backup_codes: Option<Vec<S>>,
    #[serde(default)]
    pub created_at: i64,
    #[serde(default)]
    pub updated_at: i64,
}

#[derive(Deserialize)]
pub struct Link<S = String> {
    #[serde(rename = "type")]
    pub kind: S,
    pub id: S,
}

#[derive(Deserialize)]
#[serde(tag = "object")]
pub enum Verification<S = String> {
    #[serde(rename = "verification_otp")]
    Otp(Otp<S>),
    #[serde(rename = "verification_from_oauth")]
    FromOauth(FromOauth<S>),
    #[serde(rename = "verification_oauth")]
    Oauth(FromOauth<S>),
    #[serde(other)]
    Other,
}

#[derive(Deserialize)]
pub struct Otp<S = String> {
    pub status: Status,
    pub strategy: S,
    pub attempts: Option<i64>,
    pub expire_at: Option<i64>,
}

#[derive(Deserialize)]
pub struct FromOauth<S = String> {
    pub status: Status,
    pub strategy: S,
    pub attempts: Option<i64>,
    pub expire_at: Option<i64>,
    pub error: Option<Map<String, Value>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Unverified,
    Verified,
    Transferable,
    Failed,
    Expired,
    #[serde(other)]
    Unknown,
}

#[derive(Deserialize)]
pub struct ExternalAccount<S = String> {
    pub object: S,
    pub id: S,
    pub provider: S,
    pub identification_id: S,
    pub provider_user_id: S,
    pub approved_scopes: S,
    pub email_address: S,
    pub first_name: Option<S>,
    pub last_name: Option<S>,
    pub avatar_url: Option<S>,
    pub image_url: Option<S>,
    pub username: Option<S>,
    pub phone_number: Option<S>,
    #[serde(default)]
    pub public_metadata: Map<String, Value>,
    pub label: Option<S>,
    #[serde(default)]
    pub created_at: i64,
    #[serde(default)]
    pub updated_at: i64,
    pub verification: Option<Verification<S>>,
}
