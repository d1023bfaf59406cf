//! `cargo xtask sync-schema` against a stand-in for GitHub on 127.0.0.1.

mod support;

use std::path::Path;
use std::time::Duration;

use serde_json::{json, Value};
use support::{project, sha256, snapshot, xtask, Reply, Server};

const SCHEMA_PATH: &str = "json-schema/clerk-client-schema.json";
const COMMIT: &str = "0123456789abcdef0123456789abcdef01234567";

fn vendored() -> Vec<u8> {
    std::fs::read(support::repo_root().join("schema/clerk-client-schema.json"))
        .expect("vendored schema")
}

fn edited(edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut schema: Value = serde_json::from_slice(&vendored()).expect("json");
    edit(&mut schema);
    serde_json::to_vec_pretty(&schema).expect("bytes")
}

fn session(schema: &mut Value) -> &mut Value {
    &mut schema["properties"]["sessions"]["items"]
}

/// Runs `sync-schema` in `dir` against `server`, with `extra` arguments and
/// environment.
fn run_sync(
    dir: &Path,
    server: &Server,
    extra: &[&str],
    env: &[(&str, &str)],
) -> (String, String, i32) {
    let mut args = vec![
        "sync-schema",
        "--upstream",
        &server.base,
        "--github-api",
        &server.base,
    ];
    args.extend_from_slice(extra);
    xtask(dir, &args, env)
}

fn sync(name: &str, upstream: &[u8], extra: &[&str]) -> (String, String, i32, bool) {
    let dir = project(name);
    let before = snapshot(&dir);
    let server = Server::start();
    server.github(
        COMMIT,
        &[
            (SCHEMA_PATH, upstream),
            ("json-schema/clerk-user-schema.json", b"{}"),
        ],
    );
    let (out, err, code) = run_sync(&dir, &server, extra, &[]);
    let unchanged = snapshot(&dir) == before;
    (out, err, code, unchanged)
}

#[test]
fn up_to_date_exits_0() {
    let (out, err, code, unchanged) = sync("sync-up-to-date", &vendored(), &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("clerk-client-schema.json: up to date with main (0123456789ab)"),
        "{out}"
    );
    assert!(
        out.contains(
            "not vendored (add with `cargo xtask sync-schema --add NAME`): clerk-user-schema.json"
        ),
        "{out}"
    );
    assert!(unchanged);
}

// ---- Clerk's real history, as states of the Client schema ----

/// Older API versions: without `last_authentication_strategy`.
fn without_last_authentication_strategy(s: &mut Value) {
    s["properties"]
        .as_object_mut()
        .unwrap()
        .remove("last_authentication_strategy");
    s["required"]
        .as_array_mut()
        .unwrap()
        .retain(|r| r != "last_authentication_strategy");
}

/// Before `tasks` and the status `pending`.
fn without_tasks(s: &mut Value) {
    session(s)["properties"]
        .as_object_mut()
        .unwrap()
        .remove("tasks");
    session(s)["properties"]["status"]["enum"]
        .as_array_mut()
        .unwrap()
        .retain(|v| v != "pending");
}

/// Before `latest_activity`.
fn without_latest_activity(s: &mut Value) {
    session(s)["properties"]
        .as_object_mut()
        .unwrap()
        .remove("latest_activity");
}

/// Before `is_mobile` became required and the timestamps got `int64`.
fn first_latest_activity(s: &mut Value) {
    session(s)["properties"]["latest_activity"]["required"]
        .as_array_mut()
        .unwrap()
        .retain(|r| r != "is_mobile");
    for field in ["expire_at", "abandon_at"] {
        let f = session(s)["properties"][field].as_object_mut().unwrap();
        f.remove("format");
        f.remove("description");
    }
}

/// Runs sync with `old` vendored and `new` upstream.
fn transition(name: &str, old: &[u8], new: &[u8]) -> (String, String, i32) {
    let dir = project(name);
    std::fs::write(dir.join("schema/clerk-client-schema.json"), old).expect("old");
    let before = snapshot(&dir);
    let server = Server::start();
    server.github(COMMIT, &[(SCHEMA_PATH, new)]);
    let (out, err, code) = run_sync(&dir, &server, &[], &[]);
    assert_eq!(
        snapshot(&dir),
        before,
        "{name}: files changed without --write"
    );
    (out, err, code)
}

/// Every transition between the Client schema's real states, forward and
/// backward (as an older API version looks): exit 1, a complete report,
/// precise verdicts, the next version.
#[test]
fn real_transitions_are_judged_in_both_directions() {
    type State = fn(&mut Value);
    let states: [(&str, State, &[&str], &[&str]); 4] = [
        (
            "last-authentication-strategy",
            without_last_authentication_strategy,
            // forward: the field appears
            &[
                "last_authentication_strategy: property added (required, nullable)",
                "decoding unaffected; semver minor",
                "+ field Client.last_authentication_strategy: Option<String> (minor)",
                "recommended version bump: minor, 0.2.0 -> 0.2.1 (the current release still decodes every new payload)",
            ],
            // backward: an older API version omits it
            &[
                "last_authentication_strategy: property removed (was required, nullable)",
                "decoding unaffected; semver major: the field goes",
                "- field Client.last_authentication_strategy: Option<String> (major)",
                "recommended version bump: major, 0.2.0 -> 0.3.0 (the current release still decodes every new payload)",
            ],
        ),
        (
            "tasks",
            without_tasks,
            &[
                "sessions[].tasks: property added (optional, nullable)",
                "sessions[].status: enum value \"pending\" added",
                "the current SessionStatus::Unknown keeps it",
                "+ variant SessionStatus::Pending (minor)",
                "+ struct SessionTask (minor)",
                "recommended version bump: minor, 0.2.0 -> 0.2.1",
            ],
            &[
                "sessions[].tasks: property removed (was optional, nullable)",
                "sessions[].status: enum value \"pending\" removed",
                "- variant SessionStatus::Pending (major)",
                "- struct SessionTask (major)",
                "SessionTask: its node /properties/sessions/items/properties/tasks/items is gone",
                "recommended version bump: major, 0.2.0 -> 0.3.0 (the current release still decodes every new payload)",
            ],
        ),
        (
            "latest-activity",
            without_latest_activity,
            &[
                "sessions[].latest_activity: property added (optional, nullable)",
                "+ field Session.latest_activity: Option<SessionActivity> (minor)",
                "recommended version bump: minor, 0.2.0 -> 0.2.1",
            ],
            &[
                "sessions[].latest_activity: property removed (was optional, nullable)",
                "- struct SessionActivity (major)",
                "recommended version bump: major, 0.2.0 -> 0.3.0 (the current release still decodes every new payload)",
            ],
        ),
        (
            "is-mobile",
            first_latest_activity,
            &[
                "sessions[].latest_activity.is_mobile: became required",
                "~ field SessionActivity.is_mobile: Option<bool> -> bool (major)",
                "`format` none -> \"int64\" (no effect on the generated types)",
                "recommended version bump: major, 0.2.0 -> 0.3.0 (the current release still decodes every new payload)",
            ],
            &[
                // The current release decodes an absent `is_mobile` (as
                // false, listed by missing_required()): no urgency.
                "sessions[].latest_activity.is_mobile: no longer required",
                "decoding unaffected; semver major: bool becomes Option<bool>",
                "`format` \"int64\" -> none (no effect on the generated types)",
                "recommended version bump: major, 0.2.0 -> 0.3.0 (the current release still decodes every new payload)",
            ],
        ),
    ];
    for (name, state, forward, backward) in states {
        let older = edited(state);
        for (direction, old, new, expect) in [
            ("forward", older.clone(), vendored(), forward),
            ("backward", vendored(), older.clone(), backward),
        ] {
            let (out, err, code) = transition(&format!("history-{name}-{direction}"), &old, &new);
            assert_eq!(code, 1, "{name} {direction}: {out}{err}");
            assert!(err.is_empty(), "{name} {direction}: {err}");
            for section in [
                "Schema changes (",
                "Rust API (",
                "Schema edits, keyword by keyword (",
                "--- vendored\n+++ upstream\n",
            ] {
                assert!(
                    out.contains(section),
                    "{name} {direction}: no {section:?} in\n{out}"
                );
            }
            for line in expect {
                assert!(
                    out.contains(line),
                    "{name} {direction}: expected {line:?} in\n{out}"
                );
            }
            assert!(
                !out.contains("may break") && !out.contains("not classified"),
                "{out}"
            );
            let last = out.lines().last().unwrap_or_default();
            assert!(last.starts_with("recommended version bump: "), "{last}");
        }
    }
}

/// A node the names file pins moved: the name follows, and the report says
/// so; nothing is renamed.
#[test]
fn a_moved_node_keeps_its_pinned_name() {
    let moved = edited(|s| {
        let activity = session(s)["properties"]
            .as_object_mut()
            .unwrap()
            .remove("latest_activity")
            .unwrap();
        session(s)["properties"]["last_activity"] = activity;
    });
    let (out, err, code, unchanged) = sync("sync-moved", &moved, &[]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(unchanged);
    assert!(
        out.contains("= SessionActivity: its node moved from /properties/sessions/items/properties/latest_activity to /properties/sessions/items/properties/last_activity; the pinned name follows it"),
        "{out}"
    );
    assert!(
        out.contains("+ field Session.last_activity: Option<SessionActivity> (minor)"),
        "{out}"
    );
    assert!(!out.contains("struct SessionActivity"), "{out}");
}

#[test]
fn required_added_to_an_optional_field_is_major_in_rust() {
    let (out, _, code, _) = sync(
        "sync-required-org",
        &edited(|s| {
            session(s)["required"]
                .as_array_mut()
                .unwrap()
                .push(json!("last_active_organization_id"))
        }),
        &[],
    );
    assert_eq!(code, 1);
    assert!(
        out.contains("sessions[].last_active_organization_id: became required"),
        "{out}"
    );
    assert!(
        out.contains("semver minor: stays as it is; an absent key still decodes"),
        "{out}"
    );
}

#[test]
fn long_diffs_are_shortened() {
    let huge = edited(|s| {
        for i in 0..200 {
            session(s)["properties"][format!("field_{i}")] =
                json!({"type": "string", "description": "x\n"});
        }
    });
    let (out, _, code, _) = sync("sync-long", &huge, &[]);
    assert_eq!(code, 1);
    assert!(out.contains("more lines of diff not shown"), "{out}");
}

#[test]
fn github_token_is_sent_when_set() {
    let dir = project("sync-token");
    let server = Server::start();
    server.github(COMMIT, &[(SCHEMA_PATH, &vendored())]);
    let (_, err, code) = run_sync(&dir, &server, &[], &[("GITHUB_TOKEN", "t0ken")]);
    assert_eq!(code, 0, "{err}");
    let requests = server.requests.lock().expect("requests");
    assert!(
        requests.iter().all(|r| r
            .to_ascii_lowercase()
            .contains("authorization: bearer t0ken")),
        "{requests:?}"
    );
    assert!(
        requests[0].starts_with("GET /repos/api-evangelist/clerk-com/commits/main "),
        "{requests:?}"
    );
    assert!(
        requests[1].starts_with(&format!(
            "GET /api-evangelist/clerk-com/{COMMIT}/{SCHEMA_PATH} "
        )),
        "{requests:?}"
    );
}

#[test]
fn ref_is_resolved_to_a_commit_first() {
    let dir = project("sync-ref");
    let server = Server::start();
    let tag_commit = "fedcba9876543210fedcba9876543210fedcba98";
    server.route(
        "/repos/api-evangelist/clerk-com/commits/v2",
        Reply::Body(200, format!("{{\"sha\": \"{tag_commit}\"}}").into_bytes()),
    );
    server.route(
        &format!("/api-evangelist/clerk-com/{tag_commit}/{SCHEMA_PATH}"),
        Reply::Body(200, vendored()),
    );
    let (out, err, code) = run_sync(&dir, &server, &["--ref", "v2"], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("up to date with v2 (fedcba987654)"), "{out}");
    assert!(
        out.contains("note: could not list upstream's schemas"),
        "{out}"
    );
}

#[test]
fn write_vendors_the_exact_bytes_and_records_provenance() {
    let new = edited(|s| {
        session(s)["properties"]["status"]["enum"]
            .as_array_mut()
            .unwrap()
            .push(json!("locked"))
    });
    let dir = project("sync-write");
    let server = Server::start();
    server.github(COMMIT, &[(SCHEMA_PATH, &new)]);
    let (out, err, code) = run_sync(&dir, &server, &["--write"], &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("wrote schema/clerk-client-schema.json"),
        "{out}"
    );
    assert_eq!(
        std::fs::read(dir.join("schema/clerk-client-schema.json")).expect("written"),
        new
    );
    let manifest = std::fs::read_to_string(dir.join("schema/manifest.toml")).expect("manifest");
    assert!(
        manifest.starts_with("# The vendored schemas"),
        "comments kept: {manifest}"
    );
    assert!(
        manifest.contains(&format!("commit = \"{COMMIT}\"")),
        "{manifest}"
    );
    let sha = sha256(&new);
    assert!(
        manifest.contains(&format!("sha256 = \"{sha}\"")),
        "{manifest}"
    );
    // No temporary files left behind.
    let names: Vec<String> = snapshot(&dir).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "aliases.json",
            "clerk-client-schema.json",
            "manifest.toml",
            "names.json"
        ]
    );
    // Now up to date.
    let (out, _, code) = run_sync(&dir, &server, &["--write"], &[]);
    assert_eq!(code, 0);
    assert!(out.contains("up to date"), "{out}");
    // And the next build has the new types.
    let out = support::run_probe(
        &dir,
        "fn main() { let s: clerk_types::SessionStatus = \"locked\".into(); assert_eq!(s, clerk_types::SessionStatus::Locked); println!(\"probe ok\"); }\n",
        &[],
    );
    assert_eq!(out.trim(), "probe ok");
}

// ---- failures: one line, exit 2, vendored bytes unchanged ----

fn fails(name: &str, setup: impl FnOnce(&Server), extra: &[&str], expect: &str) {
    let dir = project(name);
    let before = snapshot(&dir);
    let server = Server::start();
    setup(&server);
    for write in [false, true] {
        let mut a = extra.to_vec();
        if write {
            a.push("--write");
        }
        let (out, err, code) = run_sync(&dir, &server, &a, &[]);
        assert_eq!(code, 2, "{name}: {out}{err}");
        assert_eq!(err.lines().count(), 1, "{name}: one line, got {err:?}");
        assert!(err.starts_with("error: "), "{name}: {err}");
        assert!(err.contains(expect), "{name}: expected {expect:?} in {err}");
        assert_eq!(snapshot(&dir), before, "{name}: vendored files changed");
    }
}

fn upstream_file(body: Reply) -> impl FnOnce(&Server) {
    move |s: &Server| {
        s.github(COMMIT, &[]);
        s.route(
            &format!("/api-evangelist/clerk-com/{COMMIT}/{SCHEMA_PATH}"),
            body,
        );
    }
}

#[test]
fn http_errors() {
    fails("fail-404", |s| s.github(COMMIT, &[]), &[], "HTTP 404");
    fails(
        "fail-500",
        upstream_file(Reply::Body(500, b"oops".to_vec())),
        &[],
        "HTTP 500: oops",
    );
    fails("fail-commit-404", |_| {}, &[], "commits/main: HTTP 404");
}

#[test]
fn broken_bodies() {
    fails(
        "fail-truncated",
        upstream_file(Reply::CutShort(vendored())),
        &[],
        "clerk-client-schema.json: ",
    );
    let big = vec![b' '; 5 * 1024 * 1024];
    fails(
        "fail-oversize",
        upstream_file(Reply::Body(200, big)),
        &[],
        "larger than 4194304 bytes",
    );
    fails(
        "fail-not-json",
        upstream_file(Reply::Body(200, b"<html>rate limited</html>".to_vec())),
        &[],
        "not valid JSON",
    );
    fails(
        "fail-no-schema",
        upstream_file(Reply::Body(200, b"[1, 2, 3]".to_vec())),
        &[],
        "not a JSON object, so it is no schema",
    );
    fails(
        "fail-other-schema",
        upstream_file(Reply::Body(200, br#"{"type": 5}"#.to_vec())),
        &[],
        "upstream json-schema/clerk-client-schema.json at 0123456789ab: /: `type` is 5; the generator accepts one of",
    );
    let bad_type = edited(|s| s["properties"]["id"]["type"] = json!(5));
    fails(
        "fail-bad-type",
        upstream_file(Reply::Body(200, bad_type)),
        &[],
        "upstream json-schema/clerk-client-schema.json at 0123456789ab: /properties/id: `type` is 5",
    );
    let ungeneratable = edited(|s| s["properties"]["weird"] = json!({"not": {"type": "string"}}));
    fails(
        "fail-typify",
        upstream_file(Reply::Body(200, ungeneratable)),
        &[],
        "/properties/weird: `not` is not supported",
    );
    fails(
        "fail-commit-json",
        |s| {
            s.route(
                "/repos/api-evangelist/clerk-com/commits/main",
                Reply::Body(200, b"{\"sha\": 5}".to_vec()),
            )
        },
        &[],
        "no commit \"sha\"",
    );
}

#[test]
fn network_failures() {
    // Connection refused: a port that was just free.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let dir = project("fail-refused");
    let before = snapshot(&dir);
    let base = format!("http://127.0.0.1:{port}");
    let (_, err, code) = xtask(
        &dir,
        &["sync-schema", "--upstream", &base, "--github-api", &base],
        &[],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("connection") || err.contains("refused"),
        "{err}"
    );
    // One line that says how to work without the network.
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(
        err.contains("--upstream and --github-api") && err.contains("github-stand-in"),
        "{err}"
    );
    assert_eq!(snapshot(&dir), before);
    // Timeout.
    fails(
        "fail-timeout",
        upstream_file(Reply::Slow(Duration::from_secs(5))),
        &["--timeout", "1"],
        "timed out",
    );
    // DNS: a name that cannot resolve.
    let dir = project("fail-dns");
    let (_, err, code) = xtask(
        &dir,
        &[
            "sync-schema",
            "--github-api",
            "https://no-such-host.invalid",
            "--timeout",
            "5",
        ],
        &[],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.starts_with("error: GET https://no-such-host.invalid/"),
        "{err}"
    );
    // Plain http beyond loopback is refused before connecting.
    let (_, err, code) = xtask(
        &dir,
        &["sync-schema", "--github-api", "http://example.com"],
        &[],
    );
    assert_eq!(code, 2);
    assert!(err.contains("only https is allowed"), "{err}");
}

#[test]
fn redirects_are_followed_and_checked() {
    let dir = project("sync-redirect");
    let server = Server::start();
    server.github(COMMIT, &[("elsewhere/schema.json", &vendored())]);
    server.route(
        &format!("/api-evangelist/clerk-com/{COMMIT}/{SCHEMA_PATH}"),
        Reply::Redirect(format!(
            "/api-evangelist/clerk-com/{COMMIT}/elsewhere/schema.json"
        )),
    );
    let (out, err, code) = run_sync(&dir, &server, &[], &[]);
    assert_eq!(code, 0, "{out}{err}");
    server.route(
        &format!("/api-evangelist/clerk-com/{COMMIT}/{SCHEMA_PATH}"),
        Reply::Redirect("http://example.com/x".into()),
    );
    let (_, err, code) = run_sync(&dir, &server, &[], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("only https is allowed"), "{err}");
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let dir = project("usage");
    for bad in [
        &["sync-schema", "--timeout", "soon"][..],
        &["sync-schema", "--timeout", "0"],
        &["frobnicate"],
        &["codegen", "--schema", "nope"],
    ] {
        let (out, err, code) = xtask(&dir, bad, &[]);
        assert_eq!(code, 2, "{bad:?}: {out}{err}");
        assert!(out.is_empty(), "{bad:?}: {out}");
        assert!(err.contains("error"), "{bad:?}: {err}");
    }
    for help in [
        &["--help"][..],
        &["sync-schema", "--help"],
        &["codegen", "--help"],
    ] {
        let (out, err, code) = xtask(&dir, help, &[]);
        assert_eq!(code, 0, "{help:?}: {err}");
        assert!(err.is_empty(), "{help:?}: {err}");
        assert!(out.contains("Usage: cargo xtask"), "{help:?}: {out}");
    }
    let (out, _, _) = xtask(&dir, &["sync-schema", "--help"], &[]);
    // The network it needs, the token, a mirror, the exit codes.
    for fact in [
        "api.github.com",
        "GITHUB_TOKEN",
        "HTTPS_PROXY",
        "scripts/github-stand-in",
        "Exit status: 0",
    ] {
        assert!(out.contains(fact), "{fact}: {out}");
    }
    for option in [
        "--write",
        "--add <NAME>",
        "--ref <REF>",
        "--timeout <SECS>",
        "--root <DIR>",
    ] {
        assert!(out.contains(option), "{option}: {out}");
    }
}

#[test]
fn codegen_prints_the_generated_code() {
    let dir = project("codegen");
    let (out, err, code) = xtask(&dir, &["codegen"], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("// clerk_types::client (schema/clerk-client-schema.json)"),
        "{out}"
    );
    assert!(out.contains("pub struct Client {"));
    assert!(out.contains("pub enum SessionStatus {"));
    let (out2, _, code) = xtask(&dir, &["codegen", "--schema", "client"], &[]);
    assert_eq!(code, 0);
    assert_eq!(out, out2);
}

const WIDGET: &str = r#"{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Clerk Widget",
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "object": {"type": "string", "enum": ["widget"]},
    "id": {"type": "string"},
    "color": {"type": "string", "enum": ["red", "green"], "nullable": true}
  },
  "required": ["object", "id", "color"]
}"#;

#[test]
fn add_vendors_a_new_schema_through_the_same_checked_path() {
    let dir = project("sync-add");
    let server = Server::start();
    server.github(
        COMMIT,
        &[
            (SCHEMA_PATH, &vendored()),
            ("json-schema/clerk-widget-schema.json", WIDGET.as_bytes()),
        ],
    );
    let add = ["--add", "widget"];
    let (out, err, code) = run_sync(&dir, &server, &add, &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("added schema/clerk-widget-schema.json"),
        "{out}"
    );
    assert!(
        out.contains("clerk_types::widget (root type Widget)"),
        "{out}"
    );
    assert_eq!(
        std::fs::read(dir.join("schema/clerk-widget-schema.json")).expect("added"),
        WIDGET.as_bytes()
    );
    let manifest = std::fs::read_to_string(dir.join("schema/manifest.toml")).expect("manifest");
    assert!(manifest.contains("name = \"widget\""), "{manifest}");
    assert!(
        manifest.contains("path = \"json-schema/clerk-widget-schema.json\""),
        "{manifest}"
    );
    assert!(
        manifest.contains(&format!("sha256 = \"{}\"", sha256(WIDGET.as_bytes()))),
        "{manifest}"
    );
    // Again: refused, nothing changes.
    let before = snapshot(&dir);
    let (_, err, code) = run_sync(&dir, &server, &add, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("widget is vendored already"), "{err}");
    assert_eq!(snapshot(&dir), before);
    // A plain sync now checks both, and lists nothing as missing.
    let (out, _, code) = run_sync(&dir, &server, &[], &[]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("clerk-widget-schema.json: up to date"),
        "{out}"
    );
    assert!(!out.contains("not vendored"), "{out}");
    // The next build has the module.
    let out = support::run_probe(
        &dir,
        "fn main() { let w: clerk_types::widget::Widget = serde_json::from_str(r#\"{\"object\": \"widget\", \"id\": \"w\", \"color\": \"blue\"}\"#).unwrap(); assert_eq!(w.color.as_ref().map(|c| c.to_string()).as_deref(), Some(\"blue\")); let _root: clerk_types::Widget = w; println!(\"probe ok\"); }\n",
        &[],
    );
    assert_eq!(out.trim(), "probe ok");
}

#[test]
fn add_refuses_what_cannot_be_used() {
    let dir = project("sync-add-bad");
    let before = snapshot(&dir);
    let server = Server::start();
    server.github(
        COMMIT,
        &[
            (SCHEMA_PATH, &vendored()),
            ("json-schema/clerk-broken-schema.json", br#"{"type": 5}"#),
        ],
    );
    for (name, expect) in [
        (
            "broken",
            "clerk-broken-schema.json at 0123456789ab: /: `type` is 5",
        ),
        ("missing", "HTTP 404"),
        ("Bad/Name", "expected a name as upstream spells it"),
        ("client", "client is vendored already"),
    ] {
        let (_, err, code) = run_sync(&dir, &server, &["--add", name], &[]);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(err.contains(expect), "{name}: {err}");
        assert_eq!(err.lines().count(), 1, "{name}: {err}");
        assert_eq!(snapshot(&dir), before, "{name}");
    }
}

#[test]
fn a_schema_that_does_not_generate_is_still_described() {
    let broken = edited(|s| {
        session(s)["properties"]["status"]["type"] = json!(5);
        session(s)["properties"]["locked_reason"] = json!({"type": "string"});
    });
    let (out, err, code, unchanged) = sync("sync-broken-report", &broken, &[]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(unchanged);
    assert!(
        out.contains("Schema changes: not judged, the new schema does not generate"),
        "{out}"
    );
    assert!(
        out.contains("/properties/sessions/items/properties/locked_reason: subschema added"),
        "{out}"
    );
    assert!(out.contains("--- vendored\n+++ upstream\n"), "{out}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("error: upstream json-schema/clerk-client-schema.json at 0123456789ab: /properties/sessions/items/properties/status: `type` is 5"),
        "{err}"
    );
    assert!(
        !err.contains("git checkout"),
        "upstream's fault, not the checkout's: {err}"
    );
}

/// The names of a new type are pinned when `--write` vendors it.
#[test]
fn write_pins_the_names_of_new_types() {
    let new = edited(|s| {
        session(s)["properties"]["device"] =
            json!({"type": "object", "properties": {"id": {"type": "string"}}});
    });
    let dir = project("sync-write-pins");
    let server = Server::start();
    server.github(COMMIT, &[(SCHEMA_PATH, &new)]);
    let (out, err, code) = run_sync(&dir, &server, &["--write"], &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains(
            "+ SessionDevice: pinned for the new node /properties/sessions/items/properties/device"
        ),
        "{out}"
    );
    let names = std::fs::read_to_string(dir.join("schema/names.json")).expect("names");
    assert!(
        names.contains("\"/properties/sessions/items/properties/device\": \"SessionDevice\""),
        "{names}"
    );
    assert!(
        names.contains("\"name\": \"Session\""),
        "rows and notes kept: {names}"
    );
}

/// `--write` never vendors a schema the crate does not build with: here
/// upstream drops the session `status` the crate's own helpers read.
#[test]
fn write_refuses_a_schema_the_crate_does_not_build_with() {
    let new = edited(|s| {
        session(s)["properties"]
            .as_object_mut()
            .unwrap()
            .remove("status");
        session(s)["required"]
            .as_array_mut()
            .unwrap()
            .retain(|r| r != "status");
    });
    let dir = project("sync-write-unbuildable");
    let before = snapshot(&dir);
    let server = Server::start();
    server.github(COMMIT, &[(SCHEMA_PATH, &new)]);
    let (out, err, code) = run_sync(&dir, &server, &["--write"], &[]);
    assert_eq!(code, 2, "{out}{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("the crate does not build with the new clerk-client-schema.json, so nothing was written: src/helpers.rs:"),
        "names the upstream file and the compiler's location: {err}"
    );
    assert!(err.contains("SessionStatus"), "{err}");
    assert!(err.contains("hand-written code"), "{err}");
    assert_eq!(snapshot(&dir), before, "schema/ untouched");
    // The report came first, as without --write.
    assert!(out.contains("sessions[].status: property removed"), "{out}");
}
