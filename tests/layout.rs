//! What the source tree promises a newcomer (ARCHITECTURE.md): every file
//! says what it is for in its first line, and no module of the generator
//! reaches, through `crate::` paths, back to a module that reaches it (no
//! imports in a circle), so each stage can be read after the ones before.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_source_file_opens_with_what_it_is_for() {
    let mut files = Vec::new();
    for dir in ["src", "codegen/src", "xtask/src"] {
        rust_files(&root().join(dir), &mut files);
    }
    let bare: Vec<String> = files
        .iter()
        .filter(|f| {
            let text = std::fs::read_to_string(f).expect("readable");
            !text.starts_with("//!")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        bare.is_empty(),
        "files without a `//!` first line: {bare:?}"
    );
}

/// `codegen/src/model/build.rs` -> `model::build`; `mod.rs` names its folder.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("under src");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if parts
        .last()
        .is_some_and(|p| p == "mod" || p == "lib" || p == "main")
    {
        parts.pop();
    }
    parts.join("::")
}

/// The modules of this crate a file's code names (`crate::a::b::Item`
/// names `a::b` if that module exists, else `a`; `super::x` is the parent
/// folder's `x`), comments and tests left out. Paths inside `quote!` are
/// the generated crate's, not ours: where one is spelled like a module of
/// the generator (`crate::webhooks`), the false edge only makes this test
/// stricter.
fn references(module: &str, text: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let parent = module.rsplit_once("::").map_or("", |(p, _)| p);
    let mut out = BTreeSet::new();
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        for (marker, base) in [("crate::", ""), ("super::", parent)] {
            let mut rest = line;
            while let Some(at) = rest.find(marker) {
                rest = &rest[at + marker.len()..];
                let mut path: Vec<&str> = Vec::new();
                if !base.is_empty() {
                    path.push(base);
                }
                for seg in rest.split("::") {
                    let len = seg
                        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .unwrap_or(seg.len());
                    if len == 0 {
                        break;
                    }
                    path.push(&seg[..len]);
                    if len < seg.len() {
                        break;
                    }
                }
                for n in (1..=path.len()).rev() {
                    let candidate = path[..n].join("::");
                    if modules.contains(&candidate) {
                        out.insert(candidate);
                        break;
                    }
                }
            }
        }
    }
    out
}

/// A cycle in `edges`, if there is one (depth-first, three colours).
fn cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        done: &mut BTreeSet<String>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == node) {
            let mut found = path[at..].to_vec();
            found.push(node.to_owned());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, edges, done, path) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|node| visit(node, edges, &mut done, &mut Vec::new()))
}

/// The import graph of the crate under `dir`: each module and the modules
/// of the same crate it names.
fn import_graph(dir: &str) -> BTreeMap<String, BTreeSet<String>> {
    let src = root().join(dir);
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(&src, f)).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let module = module_of(&src, file);
        let text = std::fs::read_to_string(file).expect("readable");
        let mut deps = references(&module, &text, &modules);
        // A folder's `mod.rs` uses its children, and they may use what it
        // declares: a folder is one stage, read as one.
        deps.retain(|d| {
            *d != module
                && !d.starts_with(&format!("{module}::"))
                && !module.starts_with(&format!("{d}::"))
        });
        edges.insert(module, deps);
    }
    edges
}

#[test]
fn no_module_of_the_generator_imports_in_a_circle() {
    let edges = import_graph("codegen/src");
    assert!(
        edges.get("typify").is_some_and(|d| !d.contains("model")),
        "typify's adapter must not depend on the model: {:?}",
        edges.get("typify")
    );
    assert_eq!(
        cycle(&edges),
        None,
        "modules that import each other in a circle"
    );
}

#[test]
fn no_module_of_the_xtask_imports_in_a_circle() {
    let edges = import_graph("xtask/src");
    assert!(edges.contains_key("sync::plan"), "{edges:?}");
    assert_eq!(
        cycle(&edges),
        None,
        "modules that import each other in a circle"
    );
}

#[test]
fn the_circle_check_finds_a_circle() {
    let edges: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec![]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.into_iter().map(str::to_owned).collect()))
    .collect();
    assert_eq!(
        cycle(&edges),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    let modules: BTreeSet<String> = ["model", "model::set", "walk"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    let refs = references(
        "render::enums",
        "use crate::model::set::mark;\n// crate::walk in a comment\nlet x = crate::model::Kind;",
        &modules,
    );
    assert_eq!(
        refs,
        ["model", "model::set"]
            .into_iter()
            .map(str::to_owned)
            .collect()
    );
}
