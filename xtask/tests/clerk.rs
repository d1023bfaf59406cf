//! `cargo xtask sync-schema --clerk`: the vendored schemas against Clerk's
//! own OpenAPI, derived by api-evangelist's rule, served by a stand-in for
//! GitHub on 127.0.0.1 at clerk/openapi-specs' own paths. The specs here
//! are made from the vendored Client schema itself (JSON is YAML), so the
//! rule must give back its bytes exactly.

mod support;

use std::path::Path;

use support::{project, snapshot, xtask, Reply, Server};

const COMMIT: &str = "89abcdef0123456789abcdef0123456789abcdef";
const SPEC_PATH: &str = "bapi/2025-11-10.yml";

/// The component a vendored schema was derived from: its text without
/// the header the rule adds, on one line (JSON strings hold no newlines).
fn component(key: &str, name: &str) -> String {
    let text = std::fs::read_to_string(
        support::repo_root().join(format!("schema/clerk-{key}-schema.json")),
    )
    .expect("vendored schema");
    let body = text
        .split_once(&format!("\"description\": \"Clerk {name} object.\","))
        .expect("the header")
        .1;
    let text = format!("{{{body}");
    let one_line: Vec<&str> = text.lines().map(str::trim_start).collect();
    one_line.join(" ")
}

/// The component the vendored Client was derived from, edited.
fn client_component(edit: impl FnOnce(String) -> String) -> String {
    edit(component("client", "Client"))
}

/// A spec in YAML whose `Client` is a `$ref` to the body.
fn spec(body: &str) -> Vec<u8> {
    format!(
        "openapi: 3.0.3\ninfo:\n  title: Clerk Backend API\n  version: '2025-11-10'\ncomponents:\n  schemas:\n    Client:\n      $ref: '#/components/schemas/ClientBody'\n    ClientBody: {body}\n"
    )
    .into_bytes()
}

/// Runs the xtask with `args` against `server`.
fn at(dir: &Path, server: &Server, args: &[&str]) -> (String, String, i32) {
    let mut all = args.to_vec();
    all.extend(["--upstream", &server.base, "--github-api", &server.base]);
    xtask(dir, &all, &[])
}

/// `sync-schema --clerk` with `extra` arguments.
fn run(dir: &Path, server: &Server, extra: &[&str]) -> (String, String, i32) {
    let mut args = vec!["sync-schema", "--clerk"];
    args.extend_from_slice(extra);
    at(dir, server, &args)
}

#[test]
fn the_rule_gives_back_the_vendored_bytes_so_it_is_in_sync() {
    let dir = project("clerk-in-sync");
    let before = snapshot(&dir);
    let server = Server::start();
    server.clerk(
        COMMIT,
        &[
            ("bapi/2024-10-01.yml", b"openapi: 3.0.3\n"),
            (SPEC_PATH, &spec(&client_component(|c| c))),
        ],
    );
    let (out, err, code) = run(&dir, &server, &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("clerk-client-schema.json: up to date with clerk/openapi-specs bapi/2025-11-10.yml components.schemas.Client (api-evangelist's rule) at main (89abcdef0123)"),
        "the newest version file, by its date: {out}"
    );
    assert_eq!(snapshot(&dir), before);
}

/// `--clerk --write` over a schema vendored from api-evangelist whose bytes
/// Clerk's spec gives unchanged: the manifest records Clerk as its source,
/// and nothing else changes.
#[test]
fn an_up_to_date_schema_is_recorded_as_from_clerk() {
    let dir = project("clerk-restamp");
    let server = Server::start();
    server.clerk(COMMIT, &[(SPEC_PATH, &spec(&client_component(|c| c)))]);
    let before = snapshot(&dir);
    let (out, err, code) = run(&dir, &server, &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("would record (with --write) clerk-client-schema.json as from clerk/openapi-specs bapi/2025-11-10.yml at 89abcdef0123 (the same bytes)"), "{out}");
    assert_eq!(snapshot(&dir), before);
    let (out, err, code) = run(&dir, &server, &["--write"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("schema/manifest.toml records clerk-client-schema.json"),
        "{out}"
    );
    let manifest = std::fs::read_to_string(dir.join("schema/manifest.toml")).expect("manifest");
    for line in [
        "repository = \"clerk/openapi-specs\"".to_owned(),
        format!("commit = \"{COMMIT}\""),
        "component = \"Client\"".to_owned(),
    ] {
        assert!(manifest.contains(&line), "expected {line:?} in\n{manifest}");
    }
    let after = snapshot(&dir);
    let changed: Vec<&str> = after
        .iter()
        .filter(|(name, bytes)| before.iter().all(|(n, b)| n != name || b != bytes))
        .map(|(name, _)| name.as_str())
        .collect();
    assert_eq!(changed, ["manifest.toml"]);
    // From then on it is compared with Clerk's spec, and in sync.
    let (out, err, code) = at(&dir, &server, &["sync-schema"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!out.contains("would record"), "{out}");
}

#[test]
fn a_stale_copy_is_reported_then_vendored_with_its_provenance() {
    let dir = project("clerk-stale");
    let server = Server::start();
    let newer = client_component(|c| {
        c.replacen(
            "\"properties\": {",
            "\"properties\": { \"captcha_bypass\": { \"type\": \"boolean\", \"description\": \"New in Clerk's spec.\" },",
            1,
        )
    });
    let bytes = spec(&newer);
    server.clerk(COMMIT, &[(SPEC_PATH, &bytes)]);
    let (out, err, code) = run(&dir, &server, &[]);
    assert_eq!(code, 1, "{out}{err}");
    for line in [
        "clerk-client-schema.json: clerk/openapi-specs bapi/2025-11-10.yml components.schemas.Client (api-evangelist's rule) at main (89abcdef0123) differs from the vendored copy (f1c8d5ddd10f)",
        "captcha_bypass: property added (optional)",
        "decoding unaffected; semver minor",
        "recommended version bump: minor, 0.2.0 -> 0.2.1 (the current release still decodes every new payload)",
    ] {
        assert!(out.contains(line), "expected {line:?} in\n{out}");
    }
    let (out, err, code) = run(&dir, &server, &["--write"]);
    assert_eq!(code, 0, "{out}{err}");
    let manifest = std::fs::read_to_string(dir.join("schema/manifest.toml")).expect("manifest");
    let sha = |b: &[u8]| {
        use sha2::Digest;
        sha2::Sha256::digest(b)
            .iter()
            .map(|x| format!("{x:02x}"))
            .collect::<String>()
    };
    let written = std::fs::read(dir.join("schema/clerk-client-schema.json")).expect("written");
    for line in [
        "repository = \"clerk/openapi-specs\"".to_owned(),
        "path = \"bapi/2025-11-10.yml\"".to_owned(),
        format!("commit = \"{COMMIT}\""),
        "component = \"Client\"".to_owned(),
        format!("source_sha256 = \"{}\"", sha(&bytes)),
        format!("sha256 = \"{}\"", sha(&written)),
        "rule = \"api-evangelist-2026-05\"".to_owned(),
    ] {
        assert!(manifest.contains(&line), "expected {line:?} in\n{manifest}");
    }
    // A later plain run compares it with the source it came from: in sync.
    let (out, err, code) = at(&dir, &server, &["sync-schema"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("up to date with clerk/openapi-specs"), "{out}");
}

#[test]
fn what_the_rule_cannot_derive_is_refused_in_one_line_and_nothing_is_written() {
    /// A name, the spec served, extra arguments, what the one line says.
    type Case<'a> = (&'a str, Vec<u8>, Vec<&'a str>, &'a [&'a str]);
    let cases: Vec<Case> = vec![
        (
            "not-yaml",
            b"openapi: [3.0.3\ncomponents: {".to_vec(),
            vec![],
            &["clerk/openapi-specs bapi/2025-11-10.yml at 89abcdef0123", "not YAML"],
        ),
        (
            "no-component",
            b"openapi: 3.0.3\ncomponents:\n  schemas:\n    User: {type: object}\n".to_vec(),
            vec![],
            &["at /components/schemas: no component named `client`"],
        ),
        (
            "unresolved",
            spec("{\"type\": \"object\", \"properties\": {\"x\": {\"$ref\": \"#/components/schemas/Gone\"}}}"),
            vec![],
            &["at /components/schemas/ClientBody/properties/x/$ref: `$ref: #/components/schemas/Gone` does not resolve"],
        ),
        (
            "cycle",
            b"components:\n  schemas:\n    Client:\n      $ref: '#/components/schemas/B'\n    B:\n      $ref: '#/components/schemas/Client'\n".to_vec(),
            vec![],
            &["a cycle"],
        ),
        (
            "too-big",
            vec![b'#'; 4 * 1024 * 1024 + 10],
            vec![],
            &["larger than"],
        ),
        (
            "no-such-version",
            spec(&client_component(|c| c)),
            vec!["--api-version", "2099-01-01"],
            &["clerk/openapi-specs bapi/2099-01-01.yml at 89abcdef0123: cannot download", "HTTP 404"],
        ),
    ];
    for (name, bytes, extra, expected) in cases {
        let dir = project(&format!("clerk-bad-{name}"));
        let before = snapshot(&dir);
        let server = Server::start();
        server.clerk(COMMIT, &[(SPEC_PATH, &bytes)]);
        for write in [false, true] {
            let mut args = extra.clone();
            if write {
                args.push("--write");
            }
            let (out, err, code) = run(&dir, &server, &args);
            assert_eq!(code, 2, "{name}: {out}{err}");
            assert_eq!(err.lines().count(), 1, "{name}: one line: {err}");
            for e in expected {
                assert!(err.contains(e), "{name}: expected {e:?} in {err}");
            }
            assert_eq!(snapshot(&dir), before, "{name}: nothing written");
        }
    }
    // A version file that is not a date.
    let dir = project("clerk-bad-version-name");
    let server = Server::start();
    server.clerk(COMMIT, &[]);
    let (_, err, code) = run(&dir, &server, &["--api-version", "../etc/passwd"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("expected a date"), "{err}");
    server.route(
        "/repos/clerk/openapi-specs/contents/bapi?ref=89abcdef0123456789abcdef0123456789abcdef",
        Reply::Body(200, b"[]".to_vec()),
    );
    let (_, err, code) = run(&dir, &server, &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no bapi/YYYY-MM-DD.yml"), "{err}");
}

#[test]
fn add_vendors_a_schema_derived_from_clerk() {
    let dir = project("clerk-add");
    let server = Server::start();
    let yaml = format!(
        "components:\n  schemas:\n    Client: {}\n    Session: {}\n",
        component("client", "Client"),
        component("session", "Session")
    );
    server.clerk(COMMIT, &[(SPEC_PATH, yaml.as_bytes())]);
    let (out, err, code) = at(
        &dir,
        &server,
        &["sync-schema", "--add", "session", "--clerk"],
    );
    assert_eq!(code, 0, "{out}{err}");
    let written = std::fs::read(dir.join("schema/clerk-session-schema.json")).expect("written");
    let vendored = std::fs::read(support::repo_root().join("schema/clerk-session-schema.json"))
        .expect("vendored");
    assert!(
        written == vendored,
        "the derivation gives back the published bytes"
    );
    let manifest = std::fs::read_to_string(dir.join("schema/manifest.toml")).expect("manifest");
    assert!(manifest.contains("component = \"Session\""), "{manifest}");
    assert!(out.contains("added schema/clerk-session-schema.json (clerk/openapi-specs bapi/2025-11-10.yml components.schemas.Session"), "{out}");
}

/// What Clerk writes inline as an operation's answer has no component to
/// derive from: the operations rule names it, and `--add` derives it by
/// that name like a component; several names take one build check.
#[test]
fn add_vendors_answers_the_operations_rule_names_several_at_once() {
    let dir = project("clerk-add-answers");
    let server = Server::start();
    let yaml = format!(
        r#"openapi: 3.0.3
servers:
  - url: https://api.clerk.com/v1
paths:
  /api_keys/{{id}}:
    get:
      operationId: getApiKey
      parameters:
        - {{in: path, name: id, required: true, schema: {{type: string}}}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [object, id]
                properties:
                  object: {{type: string, enum: [api_key]}}
                  id: {{type: string}}
                  subject: {{type: string, pattern: '^(user|org|mch)_\w{{27}}$'}}
  /users/{{id}}/verify_password:
    post:
      operationId: VerifyPassword
      parameters:
        - {{in: path, name: id, required: true, schema: {{type: string}}}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                additionalProperties: false
                properties:
                  verified: {{type: boolean}}
components:
  schemas:
    Client: {}
"#,
        component("client", "Client")
    );
    server.clerk(COMMIT, &[(SPEC_PATH, yaml.as_bytes())]);
    let (out, err, code) = at(
        &dir,
        &server,
        &[
            "sync-schema",
            "--add",
            "apikey,verifypasswordresponse",
            "--clerk",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    let written =
        std::fs::read_to_string(dir.join("schema/clerk-apikey-schema.json")).expect("written");
    assert!(written.contains("\"title\": \"Clerk ApiKey\""), "{written}");
    assert!(written.contains("\"api_key\""), "{written}");
    assert!(dir
        .join("schema/clerk-verifypasswordresponse-schema.json")
        .exists());
    let manifest = std::fs::read_to_string(dir.join("schema/manifest.toml")).expect("manifest");
    assert!(manifest.contains("component = \"ApiKey\""), "{manifest}");
    assert!(
        manifest.contains("rule = \"clerk-types-operations-2+api-evangelist-2026-05\""),
        "{manifest}"
    );
    assert!(
        out.contains("(clerk/openapi-specs bapi/2025-11-10.yml the answer ApiKey"),
        "{out}"
    );
    let toml = std::fs::read_to_string(dir.join("Cargo.toml")).expect("Cargo.toml");
    assert!(toml.contains("\napikey = []") && toml.contains("\nverifypasswordresponse = []"));
    // A name that is neither a component nor an answer: refused, nothing
    // written.
    let before = snapshot(&dir);
    let (_, err, code) = at(
        &dir,
        &server,
        &["sync-schema", "--add", "nothing", "--clerk"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("nor an answer the operations rule names so"),
        "{err}"
    );
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn freshness_names_the_clerk_commit_each_change_dates_from() {
    let dir = project("clerk-freshness");
    let before = snapshot(&dir);
    let server = Server::start();
    let sha = |n: u8| format!("{n:02x}").repeat(20);
    let with = |props: &str| {
        let extra = props.to_owned();
        spec(&client_component(move |c| {
            c.replacen(
                "\"properties\": {",
                &format!("\"properties\": {{{extra}"),
                1,
            )
        }))
    };
    // Newest first: head adds `b`; the one before touched the file without
    // changing the Client; the one before added `a`; the oldest is what
    // api-evangelist copied.
    let states = [
        (
            sha(4),
            "2026-08-14",
            with("\"a\": {\"type\": \"string\"}, \"b\": {\"type\": \"string\"},"),
        ),
        (sha(3), "2026-07-01", with("\"a\": {\"type\": \"string\"},")),
        (sha(2), "2026-05-29", with("\"a\": {\"type\": \"string\"},")),
        (sha(1), "2026-05-11", spec(&client_component(|c| c))),
    ];
    server.clerk(&states[0].0, &[(SPEC_PATH, &states[0].2)]);
    for (commit, _, bytes) in &states {
        server.route(
            &format!("/clerk/openapi-specs/{commit}/{SPEC_PATH}"),
            Reply::Body(200, bytes.clone()),
        );
    }
    let listing: Vec<String> = states
        .iter()
        .map(|(c, d, _)| format!("{{\"sha\": \"{c}\", \"commit\": {{\"committer\": {{\"date\": \"{d}T09:00:00Z\"}}}}}}"))
        .collect();
    server.route(
        &format!(
            "/repos/clerk/openapi-specs/commits?sha={}&path={SPEC_PATH}&per_page=100",
            states[0].0
        ),
        Reply::Body(200, format!("[{}]", listing.join(",")).into_bytes()),
    );
    let (out, err, code) = at(&dir, &server, &["freshness"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains(&format!(
            "clerk-client-schema.json: behind Clerk by 2 change(s), dating from: 2026-05-29 {}, 2026-08-14 {}",
            &sha(2)[..12],
            &sha(4)[..12]
        )),
        "{out}"
    );
    assert!(out.contains("1 of 1 vendored schemas lag Clerk"), "{out}");
    assert_eq!(snapshot(&dir), before, "a report only");
}
