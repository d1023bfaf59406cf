//! The operations catalog: reproducible from the vendored copy of Clerk's
//! Backend API spec by the xtask's own rule, and watched by `sync-schema`
//! against a stand-in for GitHub on 127.0.0.1 serving clerk/openapi-specs'
//! `bapi/`: an operation added, removed and changed, each reported with
//! what it does to users.

mod support;

use std::path::Path;

use support::{project, repo_root, sha256, snapshot, xtask, Server};

const COMMIT: &str = "89abcdef0123456789abcdef0123456789abcdef";
const EVANGELIST: &str = "0123456789abcdef0123456789abcdef01234567";
const SPEC: &str = "bapi/2026-05-12.yml";

/// The value of `key` in the manifest's only `[[kind]]` table.
fn only(manifest: &str, kind: &str, key: &str) -> String {
    let header = format!("[[{kind}]]");
    let start = manifest.find(&header).expect("the table");
    let table = &manifest[start + header.len()..];
    let table = &table[..table.find("[[").unwrap_or(table.len())];
    let line = table
        .lines()
        .find(|l| l.starts_with(&format!("{key} = ")))
        .expect("the key");
    line.split_once(" = ")
        .expect("=")
        .1
        .trim_matches('"')
        .to_owned()
}

#[test]
fn the_operations_catalog_is_what_the_rule_derives_from_the_vendored_spec() {
    let root = repo_root();
    let manifest = std::fs::read_to_string(root.join("schema/manifest.toml")).expect("manifest");
    let spec_path = root
        .join("schema")
        .join(only(&manifest, "operations", "path"));
    let spec = std::fs::read(&spec_path).expect("the vendored spec");
    assert_eq!(
        only(&manifest, "operations", "source_sha256"),
        sha256(&spec)
    );
    let file = root
        .join("schema")
        .join(only(&manifest, "operations", "file"));
    let vendored = std::fs::read(file).expect("catalog");
    assert_eq!(only(&manifest, "operations", "sha256"), sha256(&vendored));
    let spec_arg = spec_path.to_string_lossy().into_owned();
    let (out, err, code) = xtask(
        &root,
        &["derive-schema", "--spec", &spec_arg, "--operations"],
        &[],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.as_bytes() == vendored,
        "the catalog is what the rule derives"
    );
}

/// A Backend API spec with `operations` (`operationId`, method, path,
/// extra YAML under the operation).
fn spec(operations: &[(&str, &str, &str, &str)]) -> Vec<u8> {
    let mut text =
        String::from("openapi: 3.0.3\nservers:\n  - url: https://api.clerk.com/v1\npaths:\n");
    for (id, method, path, extra) in operations {
        text.push_str(&format!(
            "  {path}:\n    {method}:\n      operationId: {id}\n{extra}      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/Client'}}\n"
        ));
    }
    text.push_str("components:\n  schemas:\n    Client: {type: object}\n");
    text.into_bytes()
}

const GET: (&str, &str, &str, &str) = ("GetClient", "get", "/clients/{client_id}", "      parameters:\n        - {in: path, name: client_id, required: true, schema: {type: string}}\n");
const LIST: (&str, &str, &str, &str) = ("GetClientList", "get", "/clients", "");

/// The Client-only project with the catalog of `spec(operations)` vendored.
fn project_with_operations(
    name: &str,
    operations: &[(&str, &str, &str, &str)],
) -> std::path::PathBuf {
    let dir = project(name);
    let bytes = spec(operations);
    // Named as upstream's file: the catalog's version is the file's date.
    let path = dir.join("2026-05-12.yml");
    std::fs::write(&path, &bytes).expect("spec");
    let (catalog, err, code) = xtask(
        &dir,
        &[
            "derive-schema",
            "--spec",
            &path.to_string_lossy(),
            "--operations",
        ],
        &[],
    );
    assert_eq!(code, 0, "{err}");
    std::fs::create_dir_all(dir.join("schema/bapi")).expect("dir");
    std::fs::write(dir.join("schema/bapi/operations.json"), &catalog).expect("catalog");
    std::fs::write(dir.join("schema").join(SPEC), &bytes).expect("spec copy");
    let mut manifest = std::fs::read_to_string(dir.join("schema/manifest.toml")).expect("m");
    manifest.push_str(&format!(
        "\n[[operations]]\nname = \"operations\"\nfile = \"bapi/operations.json\"\nrepository = \"clerk/openapi-specs\"\npath = \"{SPEC}\"\nref = \"main\"\ncommit = \"{COMMIT}\"\nsha256 = \"{}\"\nsynced = \"2026-12-06\"\ncomponent = \"\"\nsource_sha256 = \"{}\"\nrule = \"clerk-types-operations-1\"\n",
        sha256(catalog.as_bytes()),
        sha256(&bytes)
    ));
    std::fs::write(dir.join("schema/manifest.toml"), manifest).expect("m");
    dir
}

/// Serves the project's Client at api-evangelist and `operations` as
/// Clerk's Backend API spec.
fn serve(dir: &Path, operations: &[(&str, &str, &str, &str)]) -> Server {
    let server = Server::start();
    let client = std::fs::read(dir.join("schema/clerk-client-schema.json")).expect("client");
    server.github(
        EVANGELIST,
        &[("json-schema/clerk-client-schema.json", &client)],
    );
    server.clerk(COMMIT, &[(SPEC, &spec(operations))]);
    server
}

fn sync(dir: &Path, server: &Server, extra: &[&str]) -> (String, String, i32) {
    let mut args = vec!["sync-schema"];
    args.extend_from_slice(extra);
    args.extend(["--upstream", &server.base, "--github-api", &server.base]);
    xtask(dir, &args, &[])
}

#[test]
fn operations_added_removed_and_changed_are_reported_with_their_bump() {
    let dir = project_with_operations("operations-drift", &[GET, LIST]);
    let before = snapshot(&dir);
    let (out, err, code) = sync(&dir, &serve(&dir, &[GET, LIST]), &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("bapi/operations.json: up to date with clerk/openapi-specs bapi/2026-05-12.yml at main (89abcdef0123)"),
        "{out}"
    );
    let added = [
        GET,
        LIST,
        ("DeleteClient", "delete", "/clients/{client_id}/x", ""),
    ];
    let (out, err, code) = sync(&dir, &serve(&dir, &added), &[]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("+ operation `DeleteClient` (api::DeleteClient): DELETE /clients/{client_id}/x (a new request type; the current release cannot send it): minor"), "{out}");
    assert!(out.contains("recommended version bump: minor"), "{out}");
    let (out, err, code) = sync(&dir, &serve(&dir, &[GET]), &[]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("- operation `GetClientList` (api::GetClientList): GET /clients (its request type goes;"),
        "{out}"
    );
    assert!(out.contains("recommended version bump: major"), "{out}");
    let paged = (
        "GetClientList",
        "get",
        "/clients",
        "      parameters:\n        - {in: query, name: limit, schema: {type: integer}}\n",
    );
    let (out, _, _) = sync(&dir, &serve(&dir, &[GET, paged]), &[]);
    assert!(
        out.contains("~ operation `GetClientList` (api::GetClientList): optional query parameter `limit` added: minor"),
        "{out}"
    );
    let moved = ("GetClient", "get", "/client/{client_id}", GET.3);
    let (out, _, _) = sync(&dir, &serve(&dir, &[moved, LIST]), &[]);
    assert!(out.contains("~ operation `GetClient` (api::GetClient): GET /clients/{client_id} -> GET /client/{client_id} (the current release sends the old request): major"), "{out}");
    assert_eq!(snapshot(&dir), before, "nothing written without --write");
}

#[test]
fn write_vendors_the_catalog_and_the_spec_then_it_is_in_sync() {
    let dir = project_with_operations("operations-write", &[GET]);
    let server = serve(&dir, &[GET, LIST]);
    let (out, err, code) = sync(&dir, &server, &["--write"]);
    assert_eq!(code, 0, "{out}{err}");
    let catalog = std::fs::read_to_string(dir.join("schema/bapi/operations.json")).expect("c");
    assert!(catalog.contains("GetClientList"), "{catalog}");
    assert_eq!(
        std::fs::read(dir.join("schema").join(SPEC)).expect("spec"),
        spec(&[GET, LIST])
    );
    let (out, err, code) = sync(&dir, &server, &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("bapi/operations.json: up to date"), "{out}");
}

#[test]
fn a_spec_the_rule_cannot_read_is_refused_with_its_pointer_and_nothing_written() {
    let dir = project_with_operations("operations-broken", &[GET]);
    let before = snapshot(&dir);
    let broken = (
        "GetClient",
        "get",
        "/clients/{client_id}",
        "      parameters:\n        - $ref: '#/components/parameters/Nope'\n",
    );
    let (out, err, code) = sync(&dir, &serve(&dir, &[broken]), &["--write"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("bapi/2026-05-12.yml at 89abcdef0123"), "{err}");
    assert!(
        err.contains("/paths/~1clients~1{client_id}/get/parameters/0"),
        "{err}"
    );
    assert!(
        err.contains("cannot derive the operations catalog"),
        "{err}"
    );
    assert_eq!(snapshot(&dir), before);
}
