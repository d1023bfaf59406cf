//! Maintainer tasks for clerk-types (`cargo xtask ...`, an alias in
//! `.cargo/config.toml`). `cargo xtask --help` and `cargo xtask COMMAND
//! --help` say what each does.
//!
//! Exit status: 0 done (or up to date), 1 drift found without `--write`,
//! 2 any error, reported in one line.

mod buildcheck;
mod features;
mod freshness;
mod manifest;
mod operations;
mod report;
mod sources;
mod sync;
mod webhooks;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};

/// What every command's help ends with: the network, the environment, the
/// exit codes.
const AFTER_HELP: &str = "\
Network: sync-schema and freshness read GitHub over HTTPS (api.github.com to
resolve the ref and list files, raw.githubusercontent.com for the bytes);
codegen and derive-schema work offline. sync-schema --write and --add also run
`cargo check` on a scratch copy of the crate (in target/sync-check, or
$CLERK_TYPES_CHECK_TARGET), which needs the crate's dependencies (cached after
one build).

Environment: GITHUB_TOKEN, when set, is sent to the GitHub API (a higher rate
limit); HTTPS_PROXY and NO_PROXY are honoured.

Without the network: serve local copies of the repositories at GitHub's paths
with `scripts/github-stand-in DIR` and point --upstream and --github-api at it
(plain http is accepted only on loopback).

Exit status: 0 done or up to date, 1 drift found (without --write) or a schema
lags (freshness), 2 any error, in one line.";

/// Maintainer tasks for clerk-types.
#[derive(Parser)]
#[command(
    name = "cargo xtask",
    bin_name = "cargo xtask",
    after_help = AFTER_HELP
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
    /// Compare the vendored schemas with api-evangelist/clerk-com (or, with
    /// --clerk, with Clerk's own OpenAPI) and say
    /// what each change does to users: does the current release still
    /// decode new payloads, which semver bump, the Rust API delta, the next
    /// version. `--write` vendors the new bytes and updates the names file.
    /// Needs GitHub (or a mirror: --upstream, --github-api).
    #[command(after_help = AFTER_HELP)]
    SyncSchema(SyncArgs),
    /// Print the Rust generated from every vendored schema. Offline.
    Codegen(CodegenArgs),
    /// How far each vendored schema lags Clerk's own OpenAPI
    /// (clerk/openapi-specs), with the Clerk commit each change dates from.
    /// Exit 0 when all are in step, 1 when some lag. Needs GitHub (or a
    /// mirror: --upstream, --github-api).
    #[command(after_help = AFTER_HELP)]
    Freshness(FreshnessArgs),
    /// Derive one schema from a local copy of Clerk's OpenAPI by
    /// api-evangelist's rule and print its bytes (what `sync-schema --clerk`
    /// compares): to check the rule by hand against a published file. With
    /// --catalog, print the webhooks catalog of a `webhooks/<version>.yml`;
    /// with --operations, the operations catalog of a `bapi/<version>.yml`.
    /// Offline.
    DeriveSchema(DeriveArgs),
}

/// Where GitHub is, and which ref to read (shared by the commands that
/// fetch).
#[derive(Args)]
struct Remote {
    /// The ref to compare with (in either repository), resolved to a commit
    /// first.
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
struct FreshnessArgs {
    /// The API version file to follow (`2025-11-10`); default the newest.
    #[arg(long, value_name = "DATE")]
    api_version: Option<String>,
    #[command(flatten)]
    remote: Remote,
}

#[derive(Args)]
struct DeriveArgs {
    /// A `bapi/<version>.yml` or `webhooks/<version>.yml` file of
    /// clerk/openapi-specs.
    #[arg(long, value_name = "FILE")]
    spec: PathBuf,
    /// The schema's key (`user`, `samlconnection`, `role`).
    #[arg(value_name = "NAME", required_unless_present_any = ["catalog", "operations"])]
    name: Option<String>,
    /// Print the webhooks catalog instead of a schema.
    #[arg(long, conflicts_with = "name")]
    catalog: bool,
    /// Print the operations catalog instead of a schema.
    #[arg(long, conflicts_with_all = ["name", "catalog"])]
    operations: bool,
}

#[derive(Args)]
struct SyncArgs {
    /// Vendor upstream's bytes (atomically) and update the manifest and the
    /// names file; refused if the new schemas do not generate.
    #[arg(long)]
    write: bool,
    /// Vendor json-schema/clerk-NAME-schema.json as well (NAME as upstream
    /// spells it: session, emailaddress, organizationmembership; with
    /// --clerk, a component's name in lower case, or an answer's the
    /// operations rule names: apikey). Several names, comma-separated, are
    /// vendored together with one build check.
    #[arg(long, value_name = "NAME", value_delimiter = ',', num_args = 1..)]
    add: Vec<String>,
    /// Compare with (and with --write or --add, vendor from) Clerk's own
    /// OpenAPI, github.com/clerk/openapi-specs: each schema derived from
    /// `components.schemas.<Name>` of `bapi/<version>.yml` by
    /// api-evangelist's rule. Without it, each schema is compared with the
    /// source the manifest records (api-evangelist/clerk-com by default).
    #[arg(long)]
    clerk: bool,
    /// With --clerk: the API version file to derive from (`2025-11-10`);
    /// default the newest `bapi/<date>.yml`.
    #[arg(long, value_name = "DATE", requires = "clerk")]
    api_version: Option<String>,
    /// Clerk's webhooks spec (the newest `webhooks/<date>.yml`): with
    /// --add, derive the schema of an object only webhooks carry from it
    /// (`--add role --webhooks`); otherwise, compare (and with --write
    /// vendor) the webhooks catalog even when it is not vendored yet. A
    /// vendored catalog is compared on every run.
    #[arg(long)]
    webhooks: bool,
    /// Compare (and with --write vendor) the Backend API's operations
    /// catalog, derived from Clerk's `bapi/<version>.yml` (the newest, or
    /// --api-version), even when it is not vendored yet. A vendored
    /// catalog is compared on every run.
    #[arg(long)]
    operations: bool,
    #[command(flatten)]
    remote: Remote,
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
                reference: args.remote.reference,
                choice: if args.clerk {
                    sources::Choice::Clerk
                } else {
                    sources::Choice::Recorded
                },
                api_version: args.api_version,
                webhooks: args.webhooks,
                operations: args.operations,
                raw_base: args.remote.upstream,
                api_base: args.remote.github_api,
                timeout: Duration::from_secs(args.remote.timeout),
                token: std::env::var("GITHUB_TOKEN").ok().filter(|t| !t.is_empty()),
            };
            if args.add.is_empty() {
                sync::run(&options)
            } else {
                sync::add(&options, &args.add)
            }
        }
        Command::Freshness(args) => freshness::run(&freshness::Options {
            root,
            reference: args.remote.reference,
            api_version: args.api_version,
            upstream: sources::github::Upstream {
                repository: sources::clerk::REPOSITORY.to_owned(),
                raw_base: args.remote.upstream,
                api_base: args.remote.github_api,
                timeout: Duration::from_secs(args.remote.timeout),
                token: std::env::var("GITHUB_TOKEN").ok().filter(|t| !t.is_empty()),
            },
        }),
        Command::DeriveSchema(args) => {
            let text = std::fs::read_to_string(&args.spec)
                .with_context(|| format!("{}: cannot read", args.spec.display()))?;
            let spec = sources::clerk::yaml::parse(&text)
                .with_context(|| args.spec.display().to_string())?;
            let place = |e: sources::clerk::derive::Underivable| {
                anyhow::anyhow!("{}: {e}", args.spec.display())
            };
            if args.operations {
                let version = sources::clerk::version_of(&args.spec.to_string_lossy());
                let catalog = sources::clerk::operations::derive(&spec, &version).map_err(place)?;
                print!("{}", catalog.render());
                return Ok(0);
            }
            let Some(name) = args.name else {
                let catalog = sources::clerk::catalog::derive(&spec).map_err(place)?;
                print!("{}", catalog.render());
                return Ok(0);
            };
            let answers = std::cell::OnceCell::new();
            let catalog = || {
                answers
                    .get_or_init(|| sources::clerk::source::answers_of(&spec))
                    .as_ref()
            };
            let (_, bytes, _) =
                sources::clerk::source::derive_key(&spec, &name, catalog).map_err(place)?;
            print!("{bytes}");
            Ok(0)
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
