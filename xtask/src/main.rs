//! Maintainer tasks for clerk-types (`cargo xtask ...`, an alias in
//! `.cargo/config.toml`). `cargo xtask --help` and `cargo xtask COMMAND
//! --help` say what each does.
//!
//! Exit status: 0 done (or up to date), 1 drift found without `--write`,
//! 2 any error, reported in one line.

mod buildcheck;
mod features;
mod fetch;
mod manifest;
mod report;
mod sync;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;
use clap::{Args, Parser, Subcommand};

/// Maintainer tasks for clerk-types.
#[derive(Parser)]
#[command(
    name = "cargo xtask",
    bin_name = "cargo xtask",
    after_help = "exit status: 0 done or up to date, 1 drift found (without --write), 2 error"
)]
struct Cli {
    /// The clerk-types checkout to work on (default: this one).
    #[arg(long, global = true, value_name = "DIR")]
    root: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compare the vendored schemas with api-evangelist/clerk-com and say
    /// what each change does to users: does the current release still
    /// decode new payloads, which semver bump, the Rust API delta, the next
    /// version. `--write` vendors the new bytes and updates the names file.
    SyncSchema(SyncArgs),
    /// Print the Rust generated from every vendored schema.
    Codegen(CodegenArgs),
}

#[derive(Args)]
struct SyncArgs {
    /// Vendor upstream's bytes (atomically) and update the manifest and the
    /// names file; refused if the new schemas do not generate.
    #[arg(long)]
    write: bool,
    /// Vendor json-schema/clerk-NAME-schema.json as well (NAME as upstream
    /// spells it: session, emailaddress, organizationmembership).
    #[arg(long, value_name = "NAME")]
    add: Option<String>,
    /// The upstream ref to compare with, resolved to a commit first.
    #[arg(long = "ref", value_name = "REF", default_value = "main")]
    reference: String,
    /// Where raw files are downloaded from (a mirror, a test server).
    #[arg(
        long,
        value_name = "URL",
        default_value = "https://raw.githubusercontent.com"
    )]
    upstream: String,
    /// The GitHub API to resolve refs and list files with.
    #[arg(long, value_name = "URL", default_value = "https://api.github.com")]
    github_api: String,
    /// Give up on a request after this many seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..))]
    timeout: u64,
}

#[derive(Args)]
struct CodegenArgs {
    /// Print only this schema's module (`client`, `session`, ...).
    #[arg(long, value_name = "NAME")]
    schema: Option<String>,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help goes to stdout with 0; usage errors to stderr with 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {}", format!("{e:#}").replace('\n', " "));
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<u8> {
    let root = cli
        .root
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".."));
    match cli.command {
        Command::SyncSchema(args) => {
            let options = sync::Options {
                root,
                write: args.write,
                reference: args.reference,
                upstream: fetch::Upstream {
                    repository: "api-evangelist/clerk-com".into(),
                    raw_base: args.upstream,
                    api_base: args.github_api,
                    timeout: Duration::from_secs(args.timeout),
                    token: std::env::var("GITHUB_TOKEN").ok().filter(|t| !t.is_empty()),
                },
            };
            match args.add {
                Some(name) => sync::add(&options, &name),
                None => sync::run(&options),
            }
        }
        Command::Codegen(args) => {
            let set = clerk_types_codegen::vendored::load(&root.join("schema"))?.generate()?;
            if let Some(name) = &args.schema {
                if set.module(name).is_none() {
                    let known: Vec<&str> = set.modules.iter().map(|m| m.key.as_str()).collect();
                    anyhow::bail!(
                        "--schema {name}: no vendored schema has that name (vendored: {})",
                        known.join(", ")
                    );
                }
            }
            for module in &set.modules {
                if args.schema.as_deref().is_none_or(|s| s == module.key) {
                    println!(
                        "// clerk_types::{} (schema/{})",
                        module.key, module.model.file
                    );
                    print!("{}", module.source());
                }
            }
            Ok(0)
        }
    }
}
