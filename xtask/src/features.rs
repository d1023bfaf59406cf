//! The crate's cargo features, one per vendored schema: `--add NAME` gives
//! the new schema its feature and puts it in `full`, in Cargo.toml's text
//! (comments and layout kept).

/// `manifest` (Cargo.toml's text) with feature `name` declared (enabling
/// `regress` when the schema has a `pattern`, which generated code checks
/// with it) and enabled by `full`; `None` when it has it already or has no
/// `full = [...]` list to extend (then the maintainer adds it by hand;
/// tests/features.rs checks).
pub fn with_feature(manifest: &str, name: &str, patterns: bool) -> Option<String> {
    if manifest.contains(&format!("\n{name} = [")) {
        return None;
    }
    let start = manifest.find("\nfull = [")? + "\nfull = [".len();
    let end = start + manifest[start..].find(']')?;
    let list = &manifest[start..end];
    let entry = if list.contains('\n') {
        format!("    \"{name}\",\n")
    } else {
        format!(", \"{name}\"")
    };
    // After the last entry of the list, then the feature after the list.
    let insert_at = if list.contains('\n') {
        start + list.rfind('\n').map_or(0, |i| i + 1)
    } else {
        end
    };
    let line_end = end + manifest[end..].find('\n').unwrap_or(manifest.len() - end);
    let mut out = String::with_capacity(manifest.len() + 128);
    out.push_str(&manifest[..insert_at]);
    out.push_str(&entry);
    out.push_str(&manifest[insert_at..=line_end.min(manifest.len() - 1)]);
    let deps = if patterns { "\"dep:regress\"" } else { "" };
    out.push_str(&format!(
        "## The `{name}` schema (`clerk_types::{name}`).\n{name} = [{deps}]\n"
    ));
    out.push_str(&manifest[(line_end + 1).min(manifest.len())..]);
    Some(out)
}

/// `manifest` with `name` added to the one-line feature list `list`
/// (`webhooks = ["dep:hmac", ...]`); `None` when it is there already or
/// the list is not found.
pub fn enabled_by(manifest: &str, list: &str, name: &str) -> Option<String> {
    let head = format!("\n{list} = [");
    let start = manifest.find(&head)? + head.len();
    let end = start + manifest[start..].find(']')?;
    let quoted = format!("\"{name}\"");
    if manifest[start..end].contains(&quoted) {
        return None;
    }
    let separator = if manifest[start..end].trim().is_empty() {
        ""
    } else {
        ", "
    };
    Some(format!(
        "{}{separator}{quoted}{}",
        &manifest[..end],
        &manifest[end..]
    ))
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
        let out = with_feature(manifest, "domain", false).expect("added");
        assert_eq!(
            out,
            "[features]\ndefault = [\"client\"]\nfull = [\n    \"client\",\n    \"user\",\n    \"domain\",\n]\n## The `domain` schema (`clerk_types::domain`).\ndomain = []\nclient = []\nuser = []\n\n[dependencies]\n"
        );
        assert_eq!(with_feature(&out, "domain", false), None);
        let one_line = "[features]\nfull = [\"client\"]\nclient = []\n";
        assert_eq!(
            with_feature(one_line, "user", true).as_deref(),
            Some("[features]\nfull = [\"client\", \"user\"]\n## The `user` schema (`clerk_types::user`).\nuser = [\"dep:regress\"]\nclient = []\n")
        );
        assert_eq!(with_feature("[features]\n", "user", false), None);
    }
}
