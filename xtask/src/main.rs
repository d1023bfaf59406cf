//! Maintainer tasks for clerk-types (`cargo xtask ...`, an alias in
//! `.cargo/config.toml`).
//!
//! ```text
//! cargo xtask sync-schema [--write] [--add NAME] [--ref REF] [--upstream URL] [--github-api URL] [--timeout SECS]
//! cargo xtask codegen [--schema FILE]
//! ```
//!
//! Exit status: 0 done (or up to date), 1 drift found without `--write`,
//! 2 any error, reported in one line.

mod api;
mod changes;
mod fetch;
mod manifest;
mod report;
mod sync;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context, Result};

const USAGE: &str = "usage:
  cargo xtask sync-schema [--write] [--add NAME] [--ref REF] [--upstream URL] [--github-api URL] [--timeout SECS]
      compare the vendored schemas with api-evangelist/clerk-com at REF (default main),
      report what changed and what it means for users; --write vendors the new bytes;
      --add NAME vendors json-schema/clerk-NAME-schema.json as well
  cargo xtask codegen [--schema FILE]
      print the Rust generated from every vendored schema (or from FILE alone)

common option: --root DIR   the clerk-types checkout to work on (default: this one)
exit status: 0 done or up to date, 1 drift found (without --write), 2 error";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let text = format!("{e:#}");
            if text.starts_with("usage") {
                eprintln!("{text}");
            } else {
                eprintln!("error: {}", text.replace('\n', " "));
            }
            ExitCode::from(2)
        }
    }
}

/// Options as `--name value` pairs and `--flag`s.
struct Args {
    items: Vec<String>,
}

impl Args {
    fn flag(&mut self, name: &str) -> bool {
        let before = self.items.len();
        self.items.retain(|a| a != name);
        before != self.items.len()
    }

    fn value(&mut self, name: &str) -> Result<Option<String>> {
        let Some(i) = self.items.iter().position(|a| a == name) else {
            return Ok(None);
        };
        if i + 1 >= self.items.len() {
            bail!("{name} needs a value");
        }
        let v = self.items.remove(i + 1);
        self.items.remove(i);
        Ok(Some(v))
    }

    fn finish(self) -> Result<()> {
        match self.items.first() {
            None => Ok(()),
            Some(extra) => bail!("unexpected argument {extra}\n{USAGE}"),
        }
    }
}

fn run(args: Vec<String>) -> Result<u8> {
    let Some((command, rest)) = args.split_first() else {
        bail!("{USAGE}");
    };
    let mut args = Args {
        items: rest.to_vec(),
    };
    let root = match args.value("--root")? {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join(".."),
    };
    match command.as_str() {
        "sync-schema" => {
            let write = args.flag("--write");
            let add = args.value("--add")?;
            let reference = args.value("--ref")?.unwrap_or_else(|| "main".into());
            let raw_base = args
                .value("--upstream")?
                .unwrap_or_else(|| "https://raw.githubusercontent.com".into());
            let api_base = args
                .value("--github-api")?
                .unwrap_or_else(|| "https://api.github.com".into());
            let timeout =
                match args.value("--timeout")? {
                    Some(s) => s.parse::<u64>().ok().filter(|t| *t > 0).with_context(|| {
                        format!("--timeout {s}: not a positive number of seconds")
                    })?,
                    None => 30,
                };
            args.finish()?;
            let options = sync::Options {
                root,
                write,
                reference,
                upstream: fetch::Upstream {
                    repository: "api-evangelist/clerk-com".into(),
                    raw_base,
                    api_base,
                    timeout: Duration::from_secs(timeout),
                    token: std::env::var("GITHUB_TOKEN").ok().filter(|t| !t.is_empty()),
                },
            };
            match add {
                Some(name) => sync::add(&options, &name),
                None => sync::run(&options),
            }
        }
        "codegen" => {
            let schema = args.value("--schema")?;
            args.finish()?;
            let (label, path) = match schema {
                Some(file) => (file.clone(), PathBuf::from(file)),
                None => (
                    "schema/clerk-client-schema.json".to_owned(),
                    root.join("schema/clerk-client-schema.json"),
                ),
            };
            let bytes =
                std::fs::read(&path).with_context(|| format!("{}: cannot read", path.display()))?;
            let generated = clerk_types_codegen::generate(&label, &bytes)?;
            print!("{}", generated.source());
            Ok(0)
        }
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(0)
        }
        other => bail!("unknown command {other}\n{USAGE}"),
    }
}
