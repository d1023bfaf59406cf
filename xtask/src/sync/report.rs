//! The report of a sync, from its plan: what is up to date, what changed
//! and what it does to users (`findings`), and after any writing, the
//! manifest's new sources and the bump to release (`conclusion`). Text
//! only; `crate::report` renders one schema's change.

use std::fmt::Write as _;

use super::local::Local;
use super::plan::Plan;
use super::snapshot::Snapshot;
use super::Options;
use crate::operations;
use crate::sources::clerk::{short, REPOSITORY};
use crate::webhooks;

/// What the run found, in the order a maintainer reads it.
pub fn findings(o: &Options, local: &Local, upstream: &Snapshot, plan: &Plan) -> String {
    let mut out = String::new();
    for w in &local.written {
        let _ = writeln!(
            out,
            "{}: written here (from {}); no upstream to compare with",
            w.file,
            w.sources.join("; ")
        );
    }
    for u in &plan.unchanged {
        let _ = writeln!(
            out,
            "{}: up to date with {} ({})",
            u.entry.file,
            u.provenance.at(&o.reference),
            short(&u.provenance.commit)
        );
    }
    match &upstream.listing {
        Some(Ok(names)) => {
            let missing: Vec<&str> = names
                .iter()
                .map(String::as_str)
                .filter(|n| {
                    n.ends_with("-schema.json") && !local.entries.iter().any(|e| e.file == *n)
                })
                .collect();
            if !missing.is_empty() {
                let _ = writeln!(
                    out,
                    "not vendored (add with `cargo xtask sync-schema --add NAME`): {}",
                    missing.join(", ")
                );
            }
        }
        Some(Err(e)) => {
            let _ = writeln!(out, "note: could not list upstream's schemas: {e}");
        }
        None => {}
    }
    match (&upstream.catalog, &plan.catalog) {
        (Some(now), None) => {
            let _ = writeln!(
                out,
                "{}: up to date with {REPOSITORY} {} at {} ({})",
                webhooks::FILE,
                now.spec_path,
                o.reference,
                short(&now.commit)
            );
        }
        (_, Some(drift)) => {
            let old_path = local.catalog_entry.as_ref().map(|e| e.path.as_str());
            let _ = writeln!(out, "{}", drift.render(old_path, &o.reference));
        }
        (None, None) => {}
    }
    match (&upstream.operations, &plan.operations) {
        (Some(now), None) => {
            let _ = writeln!(
                out,
                "{}: up to date with {REPOSITORY} {} at {} ({})",
                operations::FILE,
                now.spec_path,
                o.reference,
                short(&now.commit)
            );
        }
        (_, Some(drift)) => {
            let old_path = local.operations_entry.as_ref().map(|e| e.path.as_str());
            let _ = writeln!(out, "{}", drift.render(old_path, &o.reference));
        }
        (None, None) => {}
    }
    for drift in &plan.drifts {
        let (old_text, new_text) = (
            String::from_utf8_lossy(&drift.old),
            String::from_utf8_lossy(&drift.new),
        );
        let text = crate::report::Drift {
            file: &drift.entry.file,
            old_commit: &drift.entry.commit,
            source: &drift.provenance.label(&o.reference),
            new_commit: &drift.provenance.commit,
            old_text: &old_text,
            new_text: &new_text,
            comparison: drift.comparison.as_ref(),
            repins: &drift.repins,
            edits: &drift.edits,
        }
        .render();
        let _ = writeln!(out, "{text}");
    }
    out
}

/// The end of the report: which schemas the manifest now (with `--write`)
/// or would record from the chosen source, and the release to make.
pub fn conclusion(o: &Options, plan: &Plan) -> String {
    let mut out = String::new();
    let verb = if o.write {
        "records"
    } else {
        "would record (with --write)"
    };
    for entry in plan.restamped() {
        let _ = writeln!(
            out,
            "schema/manifest.toml {verb} {} as from {} {} at {} (the same bytes)",
            entry.file,
            entry.repository,
            entry.path,
            short(&entry.commit)
        );
    }
    if let Some(version) = &plan.version {
        let _ = writeln!(
            out,
            "{}",
            crate::report::recommendation(plan.bump.0, plan.bump.1, *version)
        );
    }
    out
}
