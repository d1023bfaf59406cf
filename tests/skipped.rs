//! Plain `cargo test` builds the default features only (the Client
//! schema), so the tests that need strict validation or the other schemas
//! do not build. This says so in the test output, instead of skipping them
//! silently: `cargo test --workspace --all-features` runs everything.

#[cfg(not(feature = "validate"))]
#[test]
#[ignore = "strict validation, the check CLI and the dialect and schema tests need `--features validate`; run `cargo test --workspace --all-features`"]
fn validation_tests_skipped() {}

#[cfg(not(feature = "full"))]
#[test]
#[ignore = "the tests of every vendored schema need `--features full`; run `cargo test --workspace --all-features`"]
fn other_schemas_skipped() {}

#[cfg(not(feature = "webhooks"))]
#[test]
#[ignore = "the webhook tests (verification, typed events, the axum example) need `--features webhooks`; run `cargo test --workspace --all-features`"]
fn webhook_tests_skipped() {}

#[cfg(all(feature = "validate", feature = "full"))]
#[test]
fn every_test_is_built() {}
