//! The next version under Cargo's rules: before 1.0, the leftmost non-zero
//! number is the "major" one (`0.1.0` -> `0.2.0` for a breaking change,
//! `0.1.1` for anything else).

use std::fmt;

use super::Bump;

/// A `MAJOR.MINOR.PATCH` version (pre-release and build metadata dropped).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Version {
    /// Major.
    pub major: u64,
    /// Minor.
    pub minor: u64,
    /// Patch.
    pub patch: u64,
}

impl Version {
    /// Reads `1.2.3` (or `1.2.3-rc.1`).
    pub fn parse(text: &str) -> Option<Version> {
        let core = text.trim().split(['-', '+']).next()?;
        let mut parts = core.split('.').map(|p| p.parse::<u64>().ok());
        let v = Version {
            major: parts.next()??,
            minor: parts.next()??,
            patch: parts.next()??,
        };
        parts.next().is_none().then_some(v)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// The version after `current` for a change that needs `bump`.
pub fn next_version(current: Version, bump: Bump) -> Version {
    let Version {
        major,
        minor,
        patch,
    } = current;
    match (major, minor, bump) {
        (0, 0, _) => Version {
            major: 0,
            minor: 0,
            patch: patch + 1,
        },
        (0, _, Bump::Major) => Version {
            major: 0,
            minor: minor + 1,
            patch: 0,
        },
        (0, _, _) => Version {
            major: 0,
            minor,
            patch: patch + 1,
        },
        (_, _, Bump::Major) => Version {
            major: major + 1,
            minor: 0,
            patch: 0,
        },
        (_, _, Bump::Minor) => Version {
            major,
            minor: minor + 1,
            patch: 0,
        },
        (_, _, Bump::Patch) => Version {
            major,
            minor,
            patch: patch + 1,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn next(v: &str, bump: Bump) -> String {
        next_version(Version::parse(v).expect("version"), bump).to_string()
    }

    #[test]
    fn cargo_rules() {
        assert_eq!(next("0.1.0", Bump::Major), "0.2.0");
        assert_eq!(next("0.1.0", Bump::Minor), "0.1.1");
        assert_eq!(next("0.1.3", Bump::Patch), "0.1.4");
        assert_eq!(next("0.0.4", Bump::Major), "0.0.5");
        assert_eq!(next("1.4.2", Bump::Major), "2.0.0");
        assert_eq!(next("1.4.2", Bump::Minor), "1.5.0");
        assert_eq!(next("1.4.2", Bump::Patch), "1.4.3");
        assert_eq!(Version::parse("1.2"), None);
    }
}
