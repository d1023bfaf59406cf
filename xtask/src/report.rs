//! The drift report a maintainer reads before a schema change lands.

use std::fmt::Write as _;

use crate::api::Delta;
use crate::changes::{classify, Bump, Change, Runtime};

/// Lines of unified diff shown before the rest is summarized.
pub const DIFF_LINES: usize = 120;

/// Everything known about one schema's drift.
pub struct Drift<'a> {
    /// The vendored file's name.
    pub file: &'a str,
    /// The commit the vendored copy came from.
    pub old_commit: &'a str,
    /// The ref and commit upstream is at.
    pub reference: &'a str,
    /// The commit the ref resolved to.
    pub new_commit: &'a str,
    /// The vendored and upstream texts.
    pub old_text: &'a str,
    /// The upstream text.
    pub new_text: &'a str,
    /// Semantic changes.
    pub changes: &'a [Change],
    /// Rust API changes; `None` when the new schema did not generate.
    pub api: Option<&'a [Delta]>,
}

impl Drift<'_> {
    /// The bump the whole change needs, and its worst effect on decoding.
    pub fn verdict(&self) -> (Bump, Runtime) {
        let bump = self
            .changes
            .iter()
            .map(|c| classify(&c.kind).bump)
            .chain(self.api.into_iter().flatten().map(|d| d.bump))
            .max()
            .unwrap_or(Bump::Patch);
        let runtime = self
            .changes
            .iter()
            .map(|c| classify(&c.kind).runtime)
            .max()
            .unwrap_or(Runtime::Unaffected);
        (bump, runtime)
    }

    /// The report's text (without the final recommendation line, which
    /// covers every schema).
    pub fn render(&self) -> String {
        let mut out = String::new();
        let short = |c: &str| c.get(..12).unwrap_or(c).to_owned();
        let _ = writeln!(
            out,
            "{}: upstream {} ({}) differs from the vendored copy ({})",
            self.file,
            self.reference,
            short(self.new_commit),
            short(self.old_commit)
        );
        let _ = writeln!(out, "\nSchema changes ({}):", self.changes.len());
        if self.changes.is_empty() {
            let _ = writeln!(out, "  none in meaning (formatting or key order only)");
        }
        for change in self.changes {
            let v = classify(&change.kind);
            let _ = writeln!(out, "  {}: {}", change.path, change.kind);
            let _ = writeln!(
                out,
                "      at {}; {}; semver {}: {}",
                pointer(&change.pointer),
                v.runtime,
                v.bump,
                v.why
            );
        }
        match self.api {
            Some(api) => {
                let _ = writeln!(out, "\nRust API ({}):", api.len());
                if api.is_empty() {
                    let _ = writeln!(out, "  unchanged");
                }
                for delta in api {
                    let _ = writeln!(out, "  {delta}");
                }
            }
            None => {
                let _ = writeln!(
                    out,
                    "\nRust API: not generated, the new schema does not generate (see the error)"
                );
            }
        }
        let _ = writeln!(out, "\nText diff (vendored -> upstream):");
        out.push_str(&unified_diff(self.old_text, self.new_text, DIFF_LINES));
        out
    }
}

fn pointer(p: &str) -> &str {
    if p.is_empty() {
        "/"
    } else {
        p
    }
}

/// A unified diff of two texts, cut after `max_lines` lines with a note of
/// how many were left out.
pub fn unified_diff(old: &str, new: &str, max_lines: usize) -> String {
    let diff = similar::TextDiff::from_lines(old, new);
    let text = diff
        .unified_diff()
        .context_radius(3)
        .header("vendored", "upstream")
        .missing_newline_hint(true)
        .to_string();
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() <= max_lines {
        return text;
    }
    let mut out = lines[..max_lines].join("\n");
    let _ = writeln!(
        out,
        "\n... {} more lines of diff not shown",
        lines.len() - max_lines
    );
    out
}

/// The last line of every run that found drift.
pub fn recommendation(bump: Bump, runtime: Runtime) -> String {
    let effect = match runtime {
        Runtime::Unaffected => "the current release still decodes new payloads",
        Runtime::MayBreak => "the current release may fail on some new payloads: release soon",
        Runtime::Breaks => "the current release FAILS on new payloads: release urgently",
    };
    format!("recommended version bump: {bump} ({effect})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_diffs_are_shortened() {
        let old: String = (0..500).map(|i| format!("{i}\n")).collect();
        let new: String = (0..500).map(|i| format!("{}\n", i * 2)).collect();
        let d = unified_diff(&old, &new, 50);
        assert_eq!(d.lines().count(), 51);
        assert!(d.contains("more lines of diff not shown"));
        let short = unified_diff("a\nb\n", "a\nc\n", 50);
        assert!(short.contains("-b\n+c\n"), "{short}");
    }
}
