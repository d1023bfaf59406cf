//! Doc comments from the model's text: one `#[doc]` per line, with the
//! leading space rustdoc expects, safe to compile (no control characters,
//! no code block that rustdoc would run as a doctest).

use syn::{parse_quote, Attribute};

/// Replaces the doc attributes in `attrs` with `paragraphs` (each may span
/// lines; empty ones are skipped), separated by blank lines, where the
/// first doc attribute was.
pub fn set<S: AsRef<str>>(attrs: &mut Vec<Attribute>, paragraphs: &[S]) {
    let at = attrs
        .iter()
        .position(|a| a.path().is_ident("doc"))
        .unwrap_or(0);
    attrs.retain(|a| !a.path().is_ident("doc"));
    let at = at.min(attrs.len());
    attrs.splice(at..at, lines(paragraphs));
}

/// The doc attributes for `paragraphs`.
pub fn lines<S: AsRef<str>>(paragraphs: &[S]) -> Vec<Attribute> {
    let mut out: Vec<String> = Vec::new();
    for paragraph in paragraphs {
        let text = clean(paragraph.as_ref());
        let mut lines: Vec<&str> = text.lines().map(str::trim_end).collect();
        while lines.first().is_some_and(|l| l.trim().is_empty()) {
            lines.remove(0);
        }
        while lines.last().is_some_and(|l| l.trim().is_empty()) {
            lines.pop();
        }
        if lines.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(String::new());
        }
        out.extend(lines.into_iter().map(str::to_owned));
    }
    out.into_iter()
        .map(|line| {
            let line = if line.is_empty() {
                line
            } else {
                format!(" {}", line.trim_start())
            };
            parse_quote!(#[doc = #line])
        })
        .collect()
}

/// Schema text made fit for rustdoc: control characters (but newlines and
/// tabs) dropped, `\r\n` as `\n`, and every fenced block marked `text` so
/// that it is shown, never compiled or run.
fn clean(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let mut out = String::with_capacity(text.len());
    for line in text.split('\n') {
        let line: String = line
            .chars()
            .filter(|c| !c.is_control() || *c == '\t')
            .collect();
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed
            .strip_prefix("```")
            .or_else(|| trimmed.strip_prefix("~~~"))
        {
            let fence = &trimmed[..3];
            let indent = &line[..line.len() - trimmed.len()];
            if rest.trim().is_empty() {
                // An opening fence gets `text`; a closing one stays as it is,
                // and `text` on it would open a new block: tell them apart
                // by counting.
                let open = out.matches(&format!("{fence}text\n")).count()
                    > out.matches(&format!("{fence}\n")).count();
                if open {
                    out.push_str(&format!("{indent}{fence}\n"));
                } else {
                    out.push_str(&format!("{indent}{fence}text\n"));
                }
            } else {
                out.push_str(&format!("{indent}{fence}text\n"));
            }
            continue;
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn text(paragraphs: &[&str]) -> String {
        let attrs = lines(paragraphs);
        quote!(#(#attrs)*).to_string()
    }

    #[test]
    fn paragraphs_become_tidy_lines() {
        let out = text(&["First line.\nSecond.\n", "", "From `#/x`."]);
        assert_eq!(
            out,
            "# [doc = \" First line.\"] # [doc = \" Second.\"] # [doc = \"\"] # [doc = \" From `#/x`.\"]"
        );
    }

    #[test]
    fn code_fences_never_run_and_control_characters_go() {
        let cleaned = clean("a\r\nb\u{7}c\n```\nlet x = 1;\n```\n```rust\nfn f() {}\n```\n");
        assert_eq!(
            cleaned,
            "a\nbc\n```text\nlet x = 1;\n```\n```text\nfn f() {}\n```\n\n"
        );
    }
}
