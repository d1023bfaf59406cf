//! A careful hand-written serde model of the User `user_payload` builds, as
//! a Rust user would write it without this crate: derive, `Option` for
//! what may be `null` or absent, `#[serde(tag = "object")]` for the
//! verification union, enums with `#[serde(other)]`, unknown members
//! ignored. The speed anchor for decoding a User (issue 25).

#![allow(dead_code)]

use serde::Deserialize;
use serde_json::{Map, Value};

#[derive(Deserialize)]
pub struct User {
    pub object: UserObject,
    pub id: String,
    pub external_id: Option<String>,
    pub primary_email_address_id: Option<String>,
    pub primary_phone_number_id: Option<String>,
    pub primary_web3_wallet_id: Option<String>,
    pub username: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub image_url: Option<String>,
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
    pub email_addresses: Vec<EmailAddress>,
    #[serde(default)]
    pub phone_numbers: Vec<PhoneNumber>,
    #[serde(default)]
    pub web3_wallets: Vec<Map<String, Value>>,
    #[serde(default)]
    pub passkeys: Vec<Map<String, Value>>,
    #[serde(default)]
    pub saml_accounts: Vec<Map<String, Value>>,
    #[serde(default)]
    pub enterprise_accounts: Vec<Map<String, Value>>,
    #[serde(default)]
    pub external_accounts: Vec<ExternalAccount>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UserObject {
    User,
}

#[derive(Deserialize)]
pub struct EmailAddress {
    pub object: String,
    pub id: Option<String>,
    pub email_address: String,
    #[serde(default)]
    pub reserved: bool,
    pub verification: Option<Verification>,
    #[serde(default)]
    pub linked_to: Vec<Link>,
    #[serde(default)]
    pub matches_sso_connection: bool,
    #[serde(default)]
    pub created_at: i64,
    #[serde(default)]
    pub updated_at: i64,
}

#[derive(Deserialize)]
pub struct PhoneNumber {
    pub object: String,
    pub id: Option<String>,
    pub phone_number: String,
    #[serde(default)]
    pub reserved_for_second_factor: bool,
    #[serde(default)]
    pub default_second_factor: bool,
    #[serde(default)]
    pub reserved: bool,
    pub verification: Option<Verification>,
    #[serde(default)]
    pub linked_to: Vec<Link>,
    pub backup_codes: Option<Vec<String>>,
    #[serde(default)]
    pub created_at: i64,
    #[serde(default)]
    pub updated_at: i64,
}

#[derive(Deserialize)]
pub struct Link {
    #[serde(rename = "type")]
    pub kind: String,
    pub id: String,
}

#[derive(Deserialize)]
#[serde(tag = "object")]
pub enum Verification {
    #[serde(rename = "verification_otp")]
    Otp(Otp),
    #[serde(rename = "verification_from_oauth")]
    FromOauth(FromOauth),
    #[serde(rename = "verification_oauth")]
    Oauth(FromOauth),
    #[serde(other)]
    Other,
}

#[derive(Deserialize)]
pub struct Otp {
    pub status: Status,
    pub strategy: String,
    pub attempts: Option<i64>,
    pub expire_at: Option<i64>,
}

#[derive(Deserialize)]
pub struct FromOauth {
    pub status: Status,
    pub strategy: String,
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
pub struct ExternalAccount {
    pub object: String,
    pub id: String,
    pub provider: String,
    pub identification_id: String,
    pub provider_user_id: String,
    pub approved_scopes: String,
    pub email_address: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub avatar_url: Option<String>,
    pub image_url: Option<String>,
    pub username: Option<String>,
    pub phone_number: Option<String>,
    #[serde(default)]
    pub public_metadata: Map<String, Value>,
    pub label: Option<String>,
    #[serde(default)]
    pub created_at: i64,
    #[serde(default)]
    pub updated_at: i64,
    pub verification: Option<Verification>,
}
