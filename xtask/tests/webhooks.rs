//! The webhooks catalog and the schemas of the objects only webhooks
//! carry: reproducible from the vendored copy of Clerk's webhooks spec by
//! the xtask's own rules, and watched by `sync-schema` against a stand-in
//! for GitHub on 127.0.0.1 serving clerk/openapi-specs' `webhooks/`.

mod support;

use std::path::Path;

use support::{project, repo_root, sha256, snapshot, xtask, Server};

const COMMIT: &str = "89abcdef0123456789abcdef0123456789abcdef";
const EVANGELIST: &str = "0123456789abcdef0123456789abcdef01234567";

/// `(key, value)` pairs of each `[[kind]]` table of the manifest.
fn tables(manifest: &str, kind: &str) -> Vec<Vec<(String, String)>> {
    let doc: toml_edit::DocumentMut = manifest.parse().expect("manifest");
    doc.get(kind)
        .and_then(|t| t.as_array_of_tables())
        .map(|tables| {
            tables
                .iter()
                .map(|t| {
                    t.iter()
                        .filter_map(|(k, v)| Some((k.to_owned(), v.as_str()?.to_owned())))
                        .collect()
                })
                .collect()
        })
        .unwrap_or_default()
}

fn get<'a>(table: &'a [(String, String)], key: &str) -> &'a str {
    table
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no {key}"))
}

#[test]
fn the_catalog_and_webhook_schemas_are_what_the_rules_derive_from_the_vendored_spec() {
    let root = repo_root();
    let manifest = std::fs::read_to_string(root.join("schema/manifest.toml")).expect("manifest");
    let catalog = tables(&manifest, "catalog");
    let [catalog] = catalog.as_slice() else {
        panic!("one [[catalog]]: {catalog:?}")
    };
    let spec_path = root.join("schema").join(get(catalog, "path"));
    let spec = std::fs::read(&spec_path).expect("the vendored spec");
    assert_eq!(get(catalog, "source_sha256"), sha256(&spec));
    let vendored = std::fs::read(root.join("schema").join(get(catalog, "file"))).expect("catalog");
    assert_eq!(get(catalog, "sha256"), sha256(&vendored));
    let spec_arg = spec_path.to_string_lossy().into_owned();
    let (out, err, code) = xtask(
        &root,
        &["derive-schema", "--spec", &spec_arg, "--catalog"],
        &[],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.as_bytes(),
        vendored,
        "the catalog is what the rule derives"
    );
    let webhook_schemas: Vec<_> = tables(&manifest, "schema")
        .into_iter()
        .filter(|t| get(t, "path") == get(catalog, "path"))
        .collect();
    assert!(webhook_schemas.len() >= 10, "{webhook_schemas:?}");
    for table in webhook_schemas {
        let key = get(&table, "name");
        assert_eq!(get(&table, "source_sha256"), sha256(&spec), "{key}");
        let (out, err, code) = xtask(&root, &["derive-schema", "--spec", &spec_arg, key], &[]);
        assert_eq!(code, 0, "{key}: {err}");
        let file = std::fs::read(root.join("schema").join(get(&table, "file"))).expect("file");
        assert_eq!(out.as_bytes(), file, "{key} is what the rule derives");
    }
}

/// A webhooks spec whose events are `events` (type, component), over the
/// components `Client` and `Role`.
fn spec(events: &[(&str, &str)]) -> Vec<u8> {
    let mut text = String::from("openapi: 3.0.3\nx-webhooks:\n");
    for (event, component) in events {
        text.push_str(&format!(
            "  {event}:\n    post:\n      description: {event}\n      requestBody:\n        content:\n          application/json:\n            schema:\n              allOf:\n                - $ref: '#/components/schemas/WebhookEventPayload'\n                - properties:\n                    data:\n                      $ref: '#/components/schemas/{component}'\n"
        ));
    }
    text.push_str("components:\n  schemas:\n    WebhookEventPayload: {type: object}\n    Client: {type: object}\n    Role: {type: object}\n");
    text.into_bytes()
}

/// The Client-only project with a catalog of `events` vendored from
/// `spec(events)`.
fn project_with_catalog(name: &str, events: &[(&str, &str)]) -> std::path::PathBuf {
    let dir = project(name);
    let bytes = spec(events);
    let path = dir.join("spec.yml");
    std::fs::write(&path, &bytes).expect("spec");
    let (catalog, err, code) = xtask(
        &dir,
        &[
            "derive-schema",
            "--spec",
            &path.to_string_lossy(),
            "--catalog",
        ],
        &[],
    );
    assert_eq!(code, 0, "{err}");
    std::fs::create_dir_all(dir.join("schema/webhooks")).expect("dir");
    std::fs::write(dir.join("schema/webhooks/catalog.json"), &catalog).expect("catalog");
    std::fs::write(dir.join("schema/webhooks/2025-04-15.yml"), &bytes).expect("spec copy");
    let mut manifest = std::fs::read_to_string(dir.join("schema/manifest.toml")).expect("m");
    manifest.push_str(&format!(
        "\n[[catalog]]\nname = \"webhooks\"\nfile = \"webhooks/catalog.json\"\nrepository = \"clerk/openapi-specs\"\npath = \"webhooks/2025-04-15.yml\"\nref = \"main\"\ncommit = \"{COMMIT}\"\nsha256 = \"{}\"\nsynced = \"2026-11-30\"\ncomponent = \"\"\nsource_sha256 = \"{}\"\nrule = \"clerk-types-webhooks-1\"\n",
        sha256(catalog.as_bytes()),
        sha256(&bytes)
    ));
    std::fs::write(dir.join("schema/manifest.toml"), manifest).expect("m");
    dir
}

/// Serves the project's Client at api-evangelist and `events` as Clerk's
/// webhooks spec.
fn serve(dir: &Path, events: &[(&str, &str)]) -> Server {
    let server = Server::start();
    let client = std::fs::read(dir.join("schema/clerk-client-schema.json")).expect("client");
    server.github(
        EVANGELIST,
        &[("json-schema/clerk-client-schema.json", &client)],
    );
    server.clerk_webhooks(COMMIT, &[("webhooks/2025-04-15.yml", &spec(events))]);
    server
}

fn sync(dir: &Path, server: &Server, extra: &[&str]) -> (String, String, i32) {
    let mut args = vec!["sync-schema"];
    args.extend_from_slice(extra);
    args.extend(["--upstream", &server.base, "--github-api", &server.base]);
    xtask(dir, &args, &[])
}

const BEFORE: &[(&str, &str)] = &[("client.created", "Client"), ("client.ended", "Client")];

#[test]
fn an_unchanged_catalog_is_in_sync() {
    let dir = project_with_catalog("webhooks-in-sync", BEFORE);
    let server = serve(&dir, BEFORE);
    let (out, err, code) = sync(&dir, &server, &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("webhooks/catalog.json: up to date with clerk/openapi-specs webhooks/2025-04-15.yml at main (89abcdef0123)"),
        "{out}"
    );
}

#[test]
fn a_new_event_type_is_minor_and_a_removed_one_major() {
    let dir = project_with_catalog("webhooks-drift", BEFORE);
    let before = snapshot(&dir);
    let added = [BEFORE[0], BEFORE[1], ("client.pending", "Client")];
    let (out, err, code) = sync(&dir, &serve(&dir, &added), &[]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("+ event type `client.pending` (data: Client): minor; the current release decodes it as EventData::Unknown"),
        "{out}"
    );
    assert!(out.contains("recommended version bump: minor"), "{out}");
    let (out, err, code) = sync(&dir, &serve(&dir, &BEFORE[..1]), &[]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("- event type `client.ended`: major (its EventData variant goes); the current release still decodes it"),
        "{out}"
    );
    assert!(out.contains("recommended version bump: major"), "{out}");
    let changed = [BEFORE[0], ("client.ended", "Role")];
    let (out, _, _) = sync(&dir, &serve(&dir, &changed), &[]);
    assert!(
        out.contains("~ event type `client.ended`: data Client -> Role: major"),
        "{out}"
    );
    assert_eq!(snapshot(&dir), before, "nothing written without --write");
}

#[test]
fn an_event_whose_data_is_not_vendored_says_what_to_add_and_is_not_written() {
    let dir = project_with_catalog("webhooks-missing", BEFORE);
    let before = snapshot(&dir);
    let added = [BEFORE[0], BEFORE[1], ("role.created", "Role")];
    let (out, err, code) = sync(&dir, &serve(&dir, &added), &["--write"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        out.contains("! `Role` is not vendored: vendor it first with `cargo xtask sync-schema --add role --webhooks`"),
        "{out}"
    );
    assert!(err.contains("not written"), "{err}");
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn write_vendors_the_catalog_and_the_spec_then_it_is_in_sync() {
    let dir = project_with_catalog("webhooks-write", BEFORE);
    let added = [BEFORE[0], BEFORE[1], ("client.pending", "Client")];
    let server = serve(&dir, &added);
    let (out, err, code) = sync(&dir, &server, &["--write"]);
    assert_eq!(code, 0, "{out}{err}");
    let catalog = std::fs::read_to_string(dir.join("schema/webhooks/catalog.json")).expect("c");
    assert!(catalog.contains("client.pending"), "{catalog}");
    assert_eq!(
        std::fs::read(dir.join("schema/webhooks/2025-04-15.yml")).expect("spec"),
        spec(&added)
    );
    let (out, err, code) = sync(&dir, &server, &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("webhooks/catalog.json: up to date"), "{out}");
}

/// A catalog change and a schema change in one `--write` are checked by
/// one build and written together: when the crate does not build with the
/// new schema (upstream drops the session `status` the crate's helpers
/// read), neither is written.
#[test]
fn write_with_a_schema_the_crate_does_not_build_with_writes_no_catalog_either() {
    let dir = project_with_catalog("webhooks-write-unbuildable", BEFORE);
    let before = snapshot(&dir);
    let client_path = dir.join("schema/clerk-client-schema.json");
    let mut client: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&client_path).expect("client")).expect("json");
    let session = &mut client["properties"]["sessions"]["items"];
    session["properties"]
        .as_object_mut()
        .expect("properties")
        .remove("status");
    session["required"]
        .as_array_mut()
        .expect("required")
        .retain(|r| r != "status");
    let client = serde_json::to_vec_pretty(&client).expect("bytes");
    let added = [BEFORE[0], BEFORE[1], ("client.pending", "Client")];
    let server = Server::start();
    server.github(
        EVANGELIST,
        &[("json-schema/clerk-client-schema.json", &client)],
    );
    server.clerk_webhooks(COMMIT, &[("webhooks/2025-04-15.yml", &spec(&added))]);
    let (out, err, code) = sync(&dir, &server, &["--write"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("nothing was written"), "{err}");
    // Both changes were reported first.
    assert!(out.contains("+ event type `client.pending`"), "{out}");
    assert!(out.contains("sessions[].status: property removed"), "{out}");
    assert_eq!(snapshot(&dir), before, "schema/ untouched");
}

#[test]
fn freshness_follows_a_webhook_object_in_the_webhooks_spec() {
    let dir = project("webhooks-freshness");
    let old = spec(BEFORE);
    let new = String::from_utf8(old.clone())
        .expect("text")
        .replace(
            "Role: {type: object}",
            "Role: {type: object, properties: {key: {type: string}}}",
        )
        .into_bytes();
    let path = dir.join("old.yml");
    std::fs::write(&path, &old).expect("spec");
    let (role, err, code) = xtask(
        &dir,
        &["derive-schema", "--spec", &path.to_string_lossy(), "role"],
        &[],
    );
    assert_eq!(code, 0, "{err}");
    std::fs::write(dir.join("schema/clerk-role-schema.json"), &role).expect("role");
    // Only the Role, vendored from the webhooks spec.
    std::fs::write(
        dir.join("schema/manifest.toml"),
        format!(
            "[[schema]]\nname = \"role\"\nfile = \"clerk-role-schema.json\"\nrepository = \"clerk/openapi-specs\"\npath = \"webhooks/2025-04-15.yml\"\nref = \"main\"\ncommit = \"{EVANGELIST}\"\nsha256 = \"{}\"\nsynced = \"2026-11-30\"\ncomponent = \"Role\"\nsource_sha256 = \"{}\"\nrule = \"api-evangelist-2026-05\"\n",
            sha256(role.as_bytes()),
            sha256(&old)
        ),
    )
    .expect("manifest");
    let server = Server::start();
    server.clerk_webhooks(COMMIT, &[("webhooks/2025-04-15.yml", &new)]);
    server.route(
        &format!("/clerk/openapi-specs/{EVANGELIST}/webhooks/2025-04-15.yml"),
        support::Reply::Body(200, old.clone()),
    );
    server.route(
        &format!("/repos/clerk/openapi-specs/commits?sha={COMMIT}&path=webhooks/2025-04-15.yml&per_page=100"),
        support::Reply::Body(
            200,
            format!(
                "[{{\"sha\": \"{COMMIT}\", \"commit\": {{\"committer\": {{\"date\": \"2026-08-14T09:00:00Z\"}}}}}}, {{\"sha\": \"{EVANGELIST}\", \"commit\": {{\"committer\": {{\"date\": \"2026-05-11T09:00:00Z\"}}}}}}]"
            )
            .into_bytes(),
        ),
    );
    let (out, err, code) = xtask(
        &dir,
        &[
            "freshness",
            "--upstream",
            &server.base,
            "--github-api",
            &server.base,
        ],
        &[],
    );
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains(
            "Freshness against clerk/openapi-specs webhooks/2025-04-15.yml at main (89abcdef0123)"
        ),
        "{out}"
    );
    assert!(
        out.contains("clerk-role-schema.json: behind Clerk by 1 change(s), dating from: 2026-08-14 89abcdef0123"),
        "{out}"
    );
    assert!(out.contains("1 of 1 vendored schemas lag Clerk"), "{out}");
}
