//! The Client schema's shape as the tests need it, written out once: which
//! keys exist, which are required, which are nullable.

#![allow(dead_code)]

/// Every Client property; all of them are required.
pub const CLIENT_KEYS: [&str; 10] = [
    "object",
    "id",
    "session_ids",
    "sessions",
    "sign_in_id",
    "sign_up_id",
    "last_active_session_id",
    "last_authentication_strategy",
    "updated_at",
    "created_at",
];

/// The Client properties that are required and nullable.
pub const CLIENT_NULLABLE_REQUIRED: [&str; 4] = [
    "sign_in_id",
    "sign_up_id",
    "last_active_session_id",
    "last_authentication_strategy",
];

/// The required Session properties.
pub const SESSION_REQUIRED: [&str; 10] = [
    "object",
    "id",
    "user_id",
    "client_id",
    "status",
    "last_active_at",
    "expire_at",
    "abandon_at",
    "updated_at",
    "created_at",
];

/// The optional (and nullable) Session properties.
pub const SESSION_OPTIONAL: [&str; 4] = [
    "actor",
    "last_active_organization_id",
    "latest_activity",
    "tasks",
];

/// Every `latest_activity` property.
pub const ACTIVITY_KEYS: [&str; 9] = [
    "object",
    "id",
    "device_type",
    "is_mobile",
    "browser_name",
    "browser_version",
    "ip_address",
    "city",
    "country",
];
