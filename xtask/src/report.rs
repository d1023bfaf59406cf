//! The drift report a maintainer reads before a schema change lands. Only
//! rendering: every judgement in it comes from `clerk_types_codegen::compat`.

use std::fmt::Write as _;

use clerk_types_codegen::compat::{self, Bump, Comparison, Decode, Edit, Version};
use clerk_types_codegen::naming::repin::Repin;

/// Lines of unified diff shown before the rest is summarized.
pub const DIFF_LINES: usize = 120;

/// Schema edits listed before the rest is counted.
pub const EDIT_LINES: usize = 60;

/// Everything known about one schema's drift.
pub struct Drift<'a> {
    /// The vendored file's name.
    pub file: &'a str,
    /// The commit the vendored copy came from.
    pub old_commit: &'a str,
    /// How the source is named (`upstream main`, or Clerk's file and
    /// component at the ref).
    pub source: &'a str,
    /// The commit the ref resolved to.
    pub new_commit: &'a str,
    /// The vendored text.
    pub old_text: &'a str,
    /// The upstream text.
    pub new_text: &'a str,
    /// The models compared; `None` when the new schema did not generate.
    pub comparison: Option<&'a Comparison>,
    /// What happened to the pinned names.
    pub repins: &'a [Repin],
    /// The schema's edits, keyword by keyword.
    pub edits: &'a [Edit],
}

impl Drift<'_> {
    /// The report's text (without the final recommendation line, which
    /// covers every schema).
    pub fn render(&self) -> String {
        let mut out = String::new();
        let short = |c: &str| c.get(..12).unwrap_or(c).to_owned();
        let _ = writeln!(
            out,
            "{}: {} ({}) differs from the vendored copy ({})",
            self.file,
            self.source,
            short(self.new_commit),
            short(self.old_commit)
        );
        match self.comparison {
            Some(c) => {
                let _ = writeln!(out, "\nSchema changes ({}):", c.changes.len());
                if c.changes.is_empty() {
                    let _ = writeln!(out, "  none that reach the generated types");
                }
                for change in &c.changes {
                    let decode = match &change.decode {
                        Decode::Unaffected => "decoding unaffected".to_owned(),
                        Decode::Breaks(why) => format!("DECODING BREAKS: {why}"),
                    };
                    let pointer = if change.pointer.is_empty() {
                        "/"
                    } else {
                        &change.pointer
                    };
                    let _ = writeln!(out, "  {}: {}", change.path, change.what);
                    let _ = writeln!(
                        out,
                        "      at {pointer}; {decode}; semver {}: {}",
                        change.bump, change.why
                    );
                }
            }
            None => {
                let _ = writeln!(
                    out,
                    "\nSchema changes: not judged, the new schema does not generate (see the error)"
                );
            }
        }
        if !self.repins.is_empty() {
            let _ = writeln!(out, "\nNames (schema/names.json, {}):", self.repins.len());
            for r in self.repins {
                let _ = match r {
                    Repin::Moved { name, from, to } => writeln!(
                        out,
                        "  = {name}: its node moved from {} to {}; the pinned name follows it",
                        at(from),
                        at(to)
                    ),
                    Repin::Removed { name, pointer } => writeln!(
                        out,
                        "  - {name}: its node {} is gone; the row goes with the type",
                        at(pointer)
                    ),
                    Repin::Added { name, pointer } => {
                        writeln!(out, "  + {name}: pinned for the new node {}", at(pointer))
                    }
                };
            }
        }
        if let Some(c) = self.comparison {
            let _ = writeln!(out, "\nRust API ({}):", c.api.len());
            if c.api.is_empty() {
                let _ = writeln!(out, "  unchanged");
            }
            for delta in &c.api {
                let _ = writeln!(out, "  {delta}");
            }
        }
        let _ = writeln!(
            out,
            "\nSchema edits, keyword by keyword ({}):",
            self.edits.len()
        );
        if self.edits.is_empty() {
            let _ = writeln!(out, "  none in meaning (formatting or key order only)");
        }
        for edit in self.edits.iter().take(EDIT_LINES) {
            let note = match self.comparison {
                Some(c) if explains(c, edit) => "",
                Some(_) => " (no effect on the generated types)",
                None => "",
            };
            let _ = writeln!(out, "  {}: {}{note}", at(&edit.pointer), edit.what);
        }
        if self.edits.len() > EDIT_LINES {
            let _ = writeln!(out, "  ... {} more", self.edits.len() - EDIT_LINES);
        }
        let _ = writeln!(out, "\nText diff (vendored -> upstream):");
        out.push_str(&unified_diff(self.old_text, self.new_text, DIFF_LINES));
        out
    }
}

/// Whether a judged change sits at (or under) the edit's node; a
/// description change explains only a description edit.
fn explains(c: &Comparison, edit: &Edit) -> bool {
    let docs_edit = edit.what.starts_with("`description`");
    c.changes.iter().any(|change| {
        let near = change.pointer == edit.pointer
            || change.pointer.starts_with(&format!("{}/", edit.pointer))
            || edit.pointer.starts_with(&format!("{}/", change.pointer));
        near && (docs_edit || change.what != "description changed")
    })
}

fn at(pointer: &str) -> &str {
    if pointer.is_empty() {
        "/"
    } else {
        pointer
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
pub fn recommendation(bump: Bump, breaks: bool, current: Version) -> String {
    let effect = if breaks {
        "the current release FAILS on some new payloads: release urgently"
    } else {
        "the current release still decodes every new payload"
    };
    let next = compat::next_version(current, bump);
    format!("recommended version bump: {bump}, {current} -> {next} ({effect})")
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

    #[test]
    fn the_last_line_names_the_next_version() {
        let v = Version::parse("0.1.0").expect("version");
        assert_eq!(
            recommendation(Bump::Major, true, v),
            "recommended version bump: major, 0.1.0 -> 0.2.0 (the current release FAILS on some new payloads: release urgently)"
        );
        assert_eq!(
            recommendation(Bump::Minor, false, v),
            "recommended version bump: minor, 0.1.0 -> 0.1.1 (the current release still decodes every new payload)"
        );
    }
}
