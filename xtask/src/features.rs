//! The crate's cargo features, one per vendored schema: `--add NAME` gives
//! the new schema its feature and puts it in `full`, in Cargo.toml's text
//! (comments and layout kept).

/// `manifest` (Cargo.toml's text) with feature `name` declared and enabled
/// by `full`; `None` when it has it already or has no `full = [...]` list
/// to extend (then the maintainer adds it by hand; tests/features.rs
/// checks).
pub fn with_feature(manifest: &str, name: &str) -> Option<String> {
    if manifest.contains(&format!("\n{name} = [")) {
        return None;
    }
    let listed = enabled_by(manifest, "full", name).unwrap_or_else(|| manifest.to_owned());
    // The feature after the line that closes `full`.
    let (_, end) = list_span(&listed, "full")?;
    let line_end = listed[end..]
        .find('\n')
        .map_or(listed.len(), |i| end + i + 1);
    Some(format!(
        "{}## The `{name}` schema (`clerk_types::{name}`).\n{name} = []\n{}",
        &listed[..line_end],
        &listed[line_end..]
    ))
}

/// The text between the brackets of the feature list `list = [...]`, as a
/// byte range of `manifest`.
fn list_span(manifest: &str, list: &str) -> Option<(usize, usize)> {
    let head = format!("\n{list} = [");
    let start = manifest.find(&head)? + head.len();
    let end = start + manifest[start..].find(']')?;
    Some((start, end))
}

/// `manifest` with `name` added to the feature list `list` (`full`, or
/// `webhooks = ["dep:hmac", ...]`), on a line of its own when the list is
/// laid out one entry per line, else on the list's line; `None` when the
/// list is not found or holds it already.
pub fn enabled_by(manifest: &str, list: &str, name: &str) -> Option<String> {
    let (start, end) = list_span(manifest, list)?;
    let entries = &manifest[start..end];
    let quoted = format!("\"{name}\"");
    if entries.contains(&quoted) {
        return None;
    }
    let (at, entry) = if entries.contains('\n') {
        // After the last entry: at the start of the line that closes it.
        let last_line = entries.rfind('\n').map_or(0, |i| i + 1);
        (start + last_line, format!("    {quoted},\n"))
    } else if entries.trim().is_empty() {
        (end, quoted)
    } else {
        (end, format!(", {quoted}"))
    };
    Some(format!("{}{entry}{}", &manifest[..at], &manifest[at..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_webhook_object_is_enabled_by_webhooks() {
        let manifest = "[features]\nwebhooks = [\"dep:hmac\", \"user\"]\nrole = []\n";
        let out = enabled_by(manifest, "webhooks", "role").expect("added");
        assert_eq!(
            out,
            "[features]\nwebhooks = [\"dep:hmac\", \"user\", \"role\"]\nrole = []\n"
        );
        assert_eq!(enabled_by(&out, "webhooks", "role"), None);
        assert_eq!(
            enabled_by("[features]\nw = []\n", "w", "a").as_deref(),
            Some("[features]\nw = [\"a\"]\n")
        );
    }

    #[test]
    fn a_new_schema_gets_its_feature_and_full_enables_it() {
        let manifest = "[features]\ndefault = [\"client\"]\nfull = [\n    \"client\",\n    \"user\",\n]\nclient = []\nuser = []\n\n[dependencies]\n";
        let out = with_feature(manifest, "domain").expect("added");
        assert_eq!(
            out,
            "[features]\ndefault = [\"client\"]\nfull = [\n    \"client\",\n    \"user\",\n    \"domain\",\n]\n## The `domain` schema (`clerk_types::domain`).\ndomain = []\nclient = []\nuser = []\n\n[dependencies]\n"
        );
        assert_eq!(with_feature(&out, "domain"), None);
        let one_line = "[features]\nfull = [\"client\"]\nclient = []\n";
        assert_eq!(
            with_feature(one_line, "user").as_deref(),
            Some("[features]\nfull = [\"client\", \"user\"]\n## The `user` schema (`clerk_types::user`).\nuser = []\nclient = []\n")
        );
        assert_eq!(with_feature("[features]\n", "user"), None);
    }
}
