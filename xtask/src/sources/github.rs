//! Talking to GitHub: resolve a ref to a commit, download a file at that
//! commit, list a directory. Every answer is checked (status, size, JSON)
//! before anything else sees it.

use std::time::Duration;

use anyhow::{bail, Context, Result};
use serde_json::Value;

/// The largest body accepted from upstream.
pub const MAX_BODY: u64 = 4 * 1024 * 1024;
const MAX_REDIRECTS: usize = 5;

/// Where upstream lives and how to reach it.
#[derive(Clone, Debug)]
pub struct Upstream {
    /// `owner/name` of the repository.
    pub repository: String,
    /// Base URL of raw file downloads (`https://raw.githubusercontent.com`).
    pub raw_base: String,
    /// Base URL of the REST API (`https://api.github.com`).
    pub api_base: String,
    /// Per-request time limit, connection to last byte.
    pub timeout: Duration,
    /// Sent as a bearer token when set (`GITHUB_TOKEN`).
    pub token: Option<String>,
}

impl Upstream {
    fn agent(&self) -> ureq::Agent {
        ureq::Agent::config_builder()
            .timeout_global(Some(self.timeout))
            .http_status_as_error(false)
            // Redirects are followed by hand, so each hop is checked.
            .max_redirects(0)
            // HTTPS_PROXY / ALL_PROXY, with NO_PROXY honored.
            .proxy(ureq::Proxy::try_from_env())
            .user_agent("clerk-types-xtask")
            .build()
            .into()
    }

    /// GETs `url`, following up to five redirects, and returns the body of
    /// a 200 answer.
    fn get(&self, url: &str, accept: &str) -> Result<Vec<u8>> {
        let agent = self.agent();
        let mut url = url.to_owned();
        for _ in 0..=MAX_REDIRECTS {
            check_url(&url)?;
            let mut request = agent.get(&url).header("Accept", accept);
            if let Some(token) = &self.token {
                request = request.header("Authorization", format!("Bearer {token}"));
            }
            let mut response = request.call().map_err(|e| describe(&url, e))?;
            let status = response.status().as_u16();
            if (300..400).contains(&status) {
                let location = response
                    .headers()
                    .get("location")
                    .and_then(|v| v.to_str().ok())
                    .with_context(|| format!("GET {url}: HTTP {status} without a Location"))?;
                url = resolve(&url, location);
                continue;
            }
            let body = response
                .body_mut()
                .with_config()
                .limit(MAX_BODY)
                .read_to_vec()
                .map_err(|e| describe(&url, e))?;
            if status != 200 {
                let text = String::from_utf8_lossy(&body[..body.len().min(200)]).into_owned();
                let excerpt = text.split_whitespace().collect::<Vec<_>>().join(" ");
                bail!("GET {url}: HTTP {status}: {excerpt}");
            }
            return Ok(body);
        }
        bail!("GET {url}: more than {MAX_REDIRECTS} redirects")
    }

    /// GETs a GitHub API document.
    fn get_json(&self, url: &str) -> Result<Value> {
        let body = self.get(url, "application/vnd.github+json")?;
        serde_json::from_slice(&body).with_context(|| format!("GET {url}: the answer is not JSON"))
    }

    /// The REST API's URL for `tail` in this repository
    /// (`{api}/repos/{owner/name}/{tail}`).
    fn api_url(&self, tail: &str) -> String {
        format!(
            "{}/repos/{}/{tail}",
            self.api_base.trim_end_matches('/'),
            self.repository
        )
    }

    /// Resolves `reference` (branch, tag or SHA) to a full commit SHA.
    pub fn resolve(&self, reference: &str) -> Result<String> {
        let url = self.api_url(&format!("commits/{reference}"));
        let value = self.get_json(&url)?;
        let sha = value
            .get("sha")
            .and_then(Value::as_str)
            .with_context(|| format!("GET {url}: the answer has no commit \"sha\""))?;
        if !is_commit_sha(sha) {
            bail!("GET {url}: \"{sha}\" is not a commit SHA");
        }
        Ok(sha.to_ascii_lowercase())
    }

    /// Downloads `path` at `commit`.
    pub fn download(&self, commit: &str, path: &str) -> Result<Vec<u8>> {
        let url = format!(
            "{}/{}/{}/{}",
            self.raw_base.trim_end_matches('/'),
            self.repository,
            commit,
            path
        );
        self.get(&url, "*/*")
    }

    /// The commits that touched `path`, newest first, from `commit` back
    /// (at most `limit`): each SHA with its committer date.
    pub fn commits_touching(
        &self,
        commit: &str,
        path: &str,
        limit: usize,
    ) -> Result<Vec<(String, String)>> {
        let url = self.api_url(&format!(
            "commits?sha={commit}&path={path}&per_page={}",
            limit.min(100)
        ));
        let value = self.get_json(&url)?;
        let list = value
            .as_array()
            .with_context(|| format!("GET {url}: the answer is not a list of commits"))?;
        list.iter()
            .map(|c| {
                let sha = c
                    .get("sha")
                    .and_then(Value::as_str)
                    .filter(|s| is_commit_sha(s));
                let date = c
                    .pointer("/commit/committer/date")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                match sha {
                    Some(sha) => Ok((sha.to_ascii_lowercase(), date.to_owned())),
                    None => anyhow::bail!("GET {url}: a commit without a SHA"),
                }
            })
            .collect()
    }

    /// The names of the files in directory `dir` at `commit` (GitHub's
    /// contents API).
    pub fn list(&self, commit: &str, dir: &str) -> Result<Vec<String>> {
        let url = self.api_url(&format!("contents/{dir}?ref={commit}"));
        let value = self.get_json(&url)?;
        let entries = value
            .as_array()
            .with_context(|| format!("GET {url}: the answer is not a directory listing"))?;
        Ok(entries
            .iter()
            .filter_map(|e| e.get("name").and_then(Value::as_str).map(str::to_owned))
            .collect())
    }
}

/// A full commit SHA: forty hexadecimal digits.
fn is_commit_sha(s: &str) -> bool {
    s.len() == 40 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Only `https`, except to this machine (for tests and local mirrors).
fn check_url(url: &str) -> Result<()> {
    let (scheme, rest) = url
        .split_once("://")
        .with_context(|| format!("{url}: not an absolute URL"))?;
    match scheme {
        "https" => Ok(()),
        "http" if is_loopback(rest) => Ok(()),
        _ => bail!("{url}: refusing {scheme}; only https is allowed (http only to 127.0.0.1, ::1 or localhost)"),
    }
}

fn is_loopback(rest: &str) -> bool {
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        v6.split(']').next().unwrap_or("")
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The target of a redirect: absolute, or relative to the current URL's
/// origin.
fn resolve(current: &str, location: &str) -> String {
    if location.contains("://") {
        return location.to_owned();
    }
    let origin_end = current
        .find("://")
        .and_then(|i| current[i + 3..].find('/').map(|j| i + 3 + j))
        .unwrap_or(current.len());
    format!(
        "{}/{}",
        &current[..origin_end],
        location.trim_start_matches('/')
    )
}

fn describe(url: &str, error: ureq::Error) -> anyhow::Error {
    // `true`: the host could not be reached at all.
    let (what, unreachable) = match &error {
        ureq::Error::Timeout(_) => ("timed out".to_owned(), true),
        ureq::Error::HostNotFound => ("host not found (DNS)".to_owned(), true),
        ureq::Error::ConnectionFailed => ("connection failed".to_owned(), true),
        ureq::Error::BodyExceedsLimit(_) => {
            (format!("the answer is larger than {MAX_BODY} bytes"), false)
        }
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            ("connection refused".to_owned(), true)
        }
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            ("the answer was cut short".to_owned(), false)
        }
        ureq::Error::Io(e) => {
            let unreachable = matches!(
                e.kind(),
                std::io::ErrorKind::ConnectionReset
                    | std::io::ErrorKind::NetworkUnreachable
                    | std::io::ErrorKind::HostUnreachable
            );
            (error.to_string(), unreachable)
        }
        other => (other.to_string(), false),
    };
    if unreachable {
        // Say how to work without the network.
        anyhow::anyhow!("GET {url}: {what} (this command needs GitHub; set HTTPS_PROXY behind a proxy, or point --upstream and --github-api at a mirror such as `scripts/github-stand-in DIR`)")
    } else {
        anyhow::anyhow!("GET {url}: {what}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_except_loopback() {
        assert!(check_url("https://api.github.com/x").is_ok());
        assert!(check_url("http://127.0.0.1:8080/x").is_ok());
        assert!(check_url("http://localhost/x").is_ok());
        assert!(check_url("http://[::1]:9/x").is_ok());
        assert!(check_url("http://127.9.9.9/x").is_ok());
        assert!(check_url("http://api.github.com/x").is_err());
        assert!(check_url("http://127.0.0.1.evil.com/x").is_err());
        assert!(check_url("http://user@10.0.0.1/x").is_err());
        assert!(check_url("ftp://127.0.0.1/x").is_err());
        assert!(check_url("api.github.com").is_err());
    }

    #[test]
    fn redirects_resolve() {
        assert_eq!(resolve("https://a.b/c/d", "https://e.f/g"), "https://e.f/g");
        assert_eq!(resolve("https://a.b/c/d", "/g/h"), "https://a.b/g/h");
        assert_eq!(resolve("http://127.0.0.1:9/c", "x"), "http://127.0.0.1:9/x");
    }
}
