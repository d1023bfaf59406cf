//! A stand-in for GitHub on 127.0.0.1: a real HTTP/1.1 server on a real
//! socket, serving canned answers per path, including broken ones (cut
//! short, too slow, too big) that a well-behaved library server would not
//! produce.

#![allow(dead_code)]

use std::collections::HashMap;

use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// What the server answers on one path.
#[derive(Clone, Debug)]
pub enum Reply {
    /// A status and a body.
    Body(u16, Vec<u8>),
    /// A 200 that promises more bytes than it sends, then hangs up.
    CutShort(Vec<u8>),
    /// Waits this long before answering.
    Slow(Duration),
    /// A redirect.
    Redirect(String),
}

/// A running server and what it saw.
pub struct Server {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    routes: Arc<Mutex<HashMap<String, Reply>>>,
    /// Request heads received, in order.
    pub requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Starts a server; it runs until the test process ends.
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let routes: Arc<Mutex<HashMap<String, Reply>>> = Arc::default();
        let requests: Arc<Mutex<Vec<String>>> = Arc::default();
        let (r, q) = (routes.clone(), requests.clone());
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (r, q) = (r.clone(), q.clone());
                thread::spawn(move || serve(stream, &r, &q));
            }
        });
        Server {
            base,
            routes,
            requests,
        }
    }

    /// Answers `path` (with its query) with `reply`.
    pub fn route(&self, path: &str, reply: Reply) {
        self.routes
            .lock()
            .expect("routes")
            .insert(path.to_owned(), reply);
    }

    /// Serves api-evangelist/clerk-com: `commit` as what `main` resolves
    /// to, and `files` (under `json-schema/`) at it.
    pub fn github(&self, commit: &str, files: &[(&str, &[u8])]) {
        self.repository("api-evangelist/clerk-com", "json-schema", commit, files);
    }

    /// Serves clerk/openapi-specs the same way, listing `bapi/`.
    pub fn clerk(&self, commit: &str, files: &[(&str, &[u8])]) {
        self.repository("clerk/openapi-specs", "bapi", commit, files);
    }

    /// Serves clerk/openapi-specs' `webhooks/` the same way.
    pub fn clerk_webhooks(&self, commit: &str, files: &[(&str, &[u8])]) {
        self.repository("clerk/openapi-specs", "webhooks", commit, files);
    }

    /// Serves `repo` as GitHub does: `main` resolving to `commit`, the
    /// listing of directory `dir`, and `files` under the commit.
    fn repository(&self, repo: &str, dir: &str, commit: &str, files: &[(&str, &[u8])]) {
        let sha = format!("{{\"sha\": \"{commit}\", \"commit\": {{}}}}");
        self.route(
            &format!("/repos/{repo}/commits/main"),
            Reply::Body(200, sha.into_bytes()),
        );
        let listing: Vec<String> = files
            .iter()
            .filter_map(|(path, _)| path.strip_prefix(&format!("{dir}/")))
            .map(|name| format!("{{\"name\": \"{name}\", \"type\": \"file\"}}"))
            .collect();
        self.route(
            &format!("/repos/{repo}/contents/{dir}?ref={commit}"),
            Reply::Body(200, format!("[{}]", listing.join(",")).into_bytes()),
        );
        for (path, bytes) in files {
            self.route(
                &format!("/{repo}/{commit}/{path}"),
                Reply::Body(200, bytes.to_vec()),
            );
        }
    }
}

fn serve(stream: TcpStream, routes: &Mutex<HashMap<String, Reply>>, requests: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    let path = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
    requests.lock().expect("requests").push(head);
    let reply = routes.lock().expect("routes").get(&path).cloned();
    let mut out = stream;
    let _ = match reply {
        None => respond(&mut out, 404, b"{\"message\": \"Not Found\"}"),
        Some(Reply::Body(status, body)) => respond(&mut out, status, &body),
        Some(Reply::CutShort(body)) => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len() * 3
            );
            out.write_all(head.as_bytes())
                .and_then(|()| out.write_all(&body))
        }
        Some(Reply::Slow(delay)) => {
            thread::sleep(delay);
            respond(&mut out, 200, b"{}")
        }
        Some(Reply::Redirect(location)) => {
            let head = format!("HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            out.write_all(head.as_bytes())
        }
    };
}

fn respond(out: &mut TcpStream, status: u16, body: &[u8]) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    out.write_all(head.as_bytes())?;
    out.write_all(body)
}

#[path = "../../../tests/support/scratch.rs"]
mod scratch;

#[allow(unused_imports)]
pub use scratch::{repo_root, run_probe};

/// A fresh copy of the crate to run the xtask against without touching the
/// real `schema/`, with the Client schema alone vendored (the state these
/// tests start from; `--add` tests add the others).
pub fn project(name: &str) -> PathBuf {
    let dir = scratch::scratch_crate(name);
    let schema = dir.join("schema");
    let names = std::fs::read_dir(&schema)
        .expect("schema dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned());
    // The generator's own reading of which files are vendored schemas.
    for file in clerk_types_codegen::schema_files(names) {
        if file != clerk_types_codegen::vendored::CLIENT_FILE {
            std::fs::remove_file(schema.join(&file)).expect("remove");
        }
    }
    // No catalogs: they name objects these projects do not have.
    let _ = std::fs::remove_dir_all(schema.join("webhooks"));
    let _ = std::fs::remove_dir_all(schema.join("bapi"));
    let manifest = std::fs::read_to_string(schema.join("manifest.toml")).expect("manifest");
    let manifest = manifest.split("[[catalog]]").next().unwrap_or_default();
    let mut blocks = manifest.split("[[schema]]");
    let mut kept = blocks.next().unwrap_or_default().to_owned();
    for block in blocks.filter(|b| b.contains("name = \"client\"")) {
        // As vendored from api-evangelist (the bytes are the same from
        // either source): the tests of `--clerk` switch it themselves.
        let sha = block
            .lines()
            .find(|l| l.starts_with("sha256 = "))
            .expect("a sha256 line");
        kept.push_str(&format!(
            "[[schema]]\nname = \"client\"\nfile = \"clerk-client-schema.json\"\nrepository = \"api-evangelist/clerk-com\"\npath = \"json-schema/clerk-client-schema.json\"\nref = \"main\"\ncommit = \"f1c8d5ddd10f660481682513cdeec7c0c065398b\"\n{sha}\nsynced = \"2026-11-26\"\n\n"
        ));
    }
    std::fs::write(
        schema.join("manifest.toml"),
        kept.trim_end().to_owned() + "\n",
    )
    .expect("manifest");
    let names: Value =
        serde_json::from_str(&std::fs::read_to_string(schema.join("names.json")).expect("names"))
            .expect("names json");
    let client = serde_json::json!({"client": names["client"]});
    let text = serde_json::to_string_pretty(&client).expect("names") + "\n";
    std::fs::write(schema.join("names.json"), text).expect("names");
    dir
}

/// Every file under `dir/schema` (and its subdirectories, as
/// `webhooks/catalog.json`), with its bytes.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<(String, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).expect("schema dir") {
            let p = entry.expect("entry").path();
            let name = format!("{prefix}{}", p.file_name().expect("name").to_string_lossy());
            if p.is_dir() {
                walk(&p, &format!("{name}/"), out);
            } else {
                out.push((name, std::fs::read(&p).expect("read")));
            }
        }
    }
    let mut files = Vec::new();
    walk(&dir.join("schema"), "", &mut files);
    files.sort();
    files
}

/// Runs the xtask binary; returns (stdout, stderr, exit code).
pub fn xtask(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (String, String, i32) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xtask"));
    cmd.args(args)
        .arg("--root")
        .arg(dir)
        .env_remove("GITHUB_TOKEN")
        // The target directory every scratch build of the tests shares:
        // dependencies are built once.
        .env(
            "CLERK_TYPES_CHECK_TARGET",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("scratch-target"),
        )
        // ... and the test build's intermediate artifacts (see
        // `scratch::build_dir`).
        .env("CARGO_BUILD_BUILD_DIR", scratch::build_dir())
        .env("CARGO_INCREMENTAL", "0");
    for var in [
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        cmd.env_remove(var);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    // Cargo gives copies of one package at different paths the same
    // artifact names, so build checks sharing that target directory must
    // not overlap: one at a time.
    static BUILD_CHECKS: Mutex<()> = Mutex::new(());
    let _one_at_a_time = (args.contains(&"--write") || args.contains(&"--add"))
        .then(|| BUILD_CHECKS.lock().unwrap_or_else(|e| e.into_inner()));
    let out = cmd.output().expect("xtask runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().expect("exit code"),
    )
}

/// The sha256 of `bytes` in lower-case hex, as the manifest records it.
pub fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
