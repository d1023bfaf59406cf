//! `cargo xtask sync-schema`: compare every vendored schema with upstream
//! at one pinned commit, report what changed and what it means (from the
//! generator's models, see `clerk_types_codegen::compat`), and with
//! `--write` vendor the new bytes and keep the names file right.
//!
//! A run is a straight pipeline, one stage a file: [`local`] reads what
//! the repository vendors, [`snapshot`] fetches what upstream says now
//! (the only network), [`plan`] compares them without I/O, [`report`]
//! says what the plan finds, [`write`] puts it in place. `--add` is
//! [`add`].

mod add;
mod local;
mod plan;
mod report;
mod snapshot;
mod write;

use std::path::PathBuf;

use anyhow::Result;

pub use add::add;
use local::Local;
use plan::Plan;
use snapshot::Snapshot;

use crate::sources::{Choice, Sources};

/// What `sync-schema` was asked to do.
pub struct Options {
    /// The project root (holds `schema/`).
    pub root: PathBuf,
    /// Vendor the new bytes when they differ.
    pub write: bool,
    /// The upstream ref to compare with (in either repository).
    pub reference: String,
    /// Which source each schema is compared with.
    pub choice: Choice,
    /// Clerk's API version file to derive from (default: the newest).
    pub api_version: Option<String>,
    /// The webhooks spec: `--add` derives from it; a plain run vendors the
    /// catalog even when it is not vendored yet.
    pub webhooks: bool,
    /// A plain run vendors the operations catalog even when it is not
    /// vendored yet.
    pub operations: bool,
    /// Base URL of raw file downloads.
    pub raw_base: String,
    /// Base URL of GitHub's REST API.
    pub api_base: String,
    /// Per-request time limit.
    pub timeout: std::time::Duration,
    /// `GITHUB_TOKEN`, if set.
    pub token: Option<String>,
}

impl Options {
    /// The sources of one run.
    fn sources(&self) -> Sources {
        Sources::new(
            &self.raw_base,
            &self.api_base,
            self.timeout,
            self.token.clone(),
            &self.reference,
            self.api_version.clone(),
        )
    }
}

/// Exit status: 0 up to date (or written), 1 drift found without `--write`.
pub fn run(o: &Options) -> Result<u8> {
    let local = Local::load(&o.root)?;
    let upstream = Snapshot::resolve(o, &local)?;
    let plan = Plan::compare(o, &local, &upstream)?;
    print!("{}", report::findings(o, &local, &upstream, &plan));
    if let Some(refusal) = plan.refusal(o.write) {
        anyhow::bail!("{refusal}");
    }
    let wrote = if o.write {
        write::apply(o, local, &plan)?
    } else {
        String::new()
    };
    print!("{wrote}{}", report::conclusion(o, &plan));
    Ok(plan.exit_code(o.write))
}
