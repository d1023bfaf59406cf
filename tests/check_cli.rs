//! The `clerk-check` binary as a user runs it: output lines and exit codes.

#![cfg(feature = "validate")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary cargo built for this test run, with the test's features.
fn check_binary() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_clerk-check"))
}

fn run(args: &[&str], dir: &Path) -> (String, String, i32) {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(check_binary())
        .args(args)
        .current_dir(dir)
        .output()
        .expect("check runs");
    (
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
        status.code().expect("exited"),
    )
}

fn scratch(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    for (file, text) in files {
        std::fs::write(dir.join(file), text).expect("scratch file");
    }
    dir
}

const SAMPLE: &str = include_str!("../examples/client.json");

#[test]
fn the_sample_is_ok() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (out, _, code) = run(&["examples/client.json"], root);
    assert_eq!(out, "examples/client.json: ok\n");
    assert_eq!(code, 0);
    let (out, _, code) = run(&["--strict", "examples/client.json"], root);
    assert_eq!(out, "examples/client.json: ok\n");
    assert_eq!(code, 0);
}

#[test]
fn an_extra_session_field_warns_and_fails_strict() {
    let extra = SAMPLE.replacen(
        "\"status\": \"active\",",
        "\"status\": \"active\", \"user\": {\"id\": \"u\"},",
        1,
    );
    let dir = scratch("check-extra", &[("extra.json", &extra)]);
    let (out, _, code) = run(&["extra.json"], &dir);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("extra.json: warning: /sessions/0: Additional properties are not allowed ('user' was unexpected)"), "{out}");
    let (out, _, code) = run(&["--strict", "extra.json"], &dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("extra.json: error: /sessions/0: Additional properties are not allowed ('user' was unexpected)"), "{out}");
    assert!(
        out.ends_with("extra.json: invalid, 1 schema violation\n"),
        "{out}"
    );
}

#[test]
fn an_empty_latest_activity_lists_each_missing_key() {
    // The shape of upstream's own example: `"latest_activity": {}`.
    let empty = SAMPLE.replacen(
        "\"latest_activity\": {",
        "\"latest_activity\": {}, \"_was\": {",
        1,
    );
    let dir = scratch("check-empty-activity", &[("a.json", &empty)]);
    let (out, _, code) = run(&["--strict", "a.json"], &dir);
    assert_eq!(code, 1);
    for key in ["id", "object", "is_mobile"] {
        let line =
            format!("a.json: error: /sessions/0/latest_activity: \"{key}\" is a required property");
        assert!(out.contains(&line), "{out}");
    }
    assert!(
        out.contains("a.json: error: sessions[0].latest_activity: missing field"),
        "{out}"
    );
}

#[test]
fn decode_errors_name_the_path_and_exit_1() {
    let bad = SAMPLE.replacen("\"status\": \"ended\"", "\"status\": 42", 1);
    let dir = scratch(
        "check-bad",
        &[
            ("bad.json", &bad),
            ("ok.json", SAMPLE),
            ("not.json", "{\"object\": "),
        ],
    );
    let (out, _, code) = run(&["ok.json", "bad.json", "not.json"], &dir);
    assert_eq!(code, 1);
    assert!(out.starts_with("ok.json: ok\n"), "{out}");
    assert!(
        out.contains(
            "bad.json: error: sessions[1].status: invalid type: integer `42`, expected a string"
        ),
        "{out}"
    );
    // The end of the input is located by line and column, not by a path.
    assert!(
        out.contains("not.json: error: object: EOF while parsing a value at line 1 column 11"),
        "{out}"
    );
}

#[test]
fn usage_and_io_errors_exit_2() {
    let dir = scratch("check-usage", &[("ok.json", SAMPLE)]);
    let (_, err, code) = run(&[], &dir);
    assert_eq!(code, 2);
    assert!(err.contains("usage: clerk-check"), "{err}");
    let (_, err, code) = run(&["--bogus", "ok.json"], &dir);
    assert_eq!(code, 2);
    assert!(err.contains("unknown option --bogus"), "{err}");
    let (_, err, code) = run(&["--type", "nope", "ok.json"], &dir);
    assert_eq!(code, 2);
    // Every enabled schema, in generation order (the Client first).
    assert!(
        err.contains("--type nope: no such vendored schema (known: client, actortoken, "),
        "{err}"
    );
    for name in ["organizationmembership", "session", "user", "role"] {
        assert!(
            err.contains(&format!(" {name},")) || err.contains(&format!(" {name})")),
            "{name}: {err}"
        );
    }
    let (out, _, code) = run(&["--type", "client", "ok.json"], &dir);
    assert_eq!((out.as_str(), code), ("ok.json: ok\n", 0));
    for help in ["--help", "-h"] {
        let (out, err, code) = run(&[help], &dir);
        assert_eq!((err.as_str(), code), ("", 0), "{help}");
        assert!(out.starts_with("usage: clerk-check"), "{out}");
    }
    let (out, err, code) = run(&["ok.json", "missing.json"], &dir);
    assert_eq!(code, 2);
    assert_eq!(out, "ok.json: ok\n");
    assert!(err.contains("missing.json: cannot read"), "{err}");
}

#[test]
fn every_schema_can_be_checked_by_name() {
    let email = r#"{"id": "idn_1", "object": "email_address", "email_address": "ada@example.com",
        "reserved": false, "linked_to": [], "created_at": 1, "updated_at": 2,
        "verification": {"object": "verification_otp", "status": "verified",
            "strategy": "email_code", "attempts": 1, "expire_at": null}}"#;
    let dir = scratch(
        "check-types",
        &[("empty.json", "{}"), ("email.json", email)],
    );
    let names = [
        "client",
        "actortoken",
        "emailaddress",
        "invitation",
        "jwttemplate",
        "oauthapplication",
        "organization",
        "organizationinvitation",
        "organizationmembership",
        "phonenumber",
        "samlconnection",
        "session",
        "signintoken",
        "user",
    ];
    for name in names {
        let (out, err, code) = run(&["--type", name, "empty.json"], &dir);
        if matches!(name, "emailaddress" | "phonenumber") {
            // Their schemas do not require `id`: every member may be absent,
            // and `--strict` names each missing one.
            assert_eq!(code, 0, "{name}: {out}{err}");
            assert!(
                out.contains("empty.json: warning: /: \"object\" is a required property"),
                "{name}: {out}"
            );
            continue;
        }
        // An object without its identity is no Clerk object: refused.
        assert_eq!(code, 1, "{name}: {out}{err}");
        assert!(
            out.contains("empty.json: error: .: missing field `id`"),
            "{name}: {out}"
        );
    }
    let (out, _, code) = run(&["--strict", "--type", "emailaddress", "email.json"], &dir);
    assert_eq!((out.as_str(), code), ("email.json: ok\n", 0));
    let (out, _, code) = run(&["--type", "user", "email.json"], &dir);
    assert_eq!(code, 1, "{out}");
}
