//! The active organization of a session token, the same for version 1 and
//! version 2 claims, as Clerk's JavaScript SDK reads them
//! (`jwtPayloadParser`): the role with its `org:` prefix, the permissions
//! as `org:<feature>:<permission>`, decoded in version 2 from `fea`,
//! `o.per` and the bitmasks of `o.fpm` (of any size, exactly).

use crate::{OrganizationId, SessionClaims};

/// The organization a session token names as active.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Organization {
    id: OrganizationId,
    slug: Option<String>,
    role: Option<String>,
    permissions: Vec<String>,
}

impl Organization {
    /// Its ID (`org_...`).
    pub fn id(&self) -> &OrganizationId {
        &self.id
    }

    /// Its slug.
    pub fn slug(&self) -> Option<&str> {
        self.slug.as_deref()
    }

    /// The user's role in it, with the `org:` prefix (`org:admin`).
    pub fn role(&self) -> Option<&str> {
        self.role.as_deref()
    }

    /// The user's permissions in it (`org:<feature>:<permission>`), features
    /// in `fea` order, then permissions in `per` order.
    pub fn permissions(&self) -> &[String] {
        &self.permissions
    }

    /// Whether the user has `permission` (`org:dashboard:manage`).
    pub fn has_permission(&self, permission: &str) -> bool {
        self.permissions.iter().any(|p| p == permission)
    }
}

/// The organization of `claims`, or why its version 2 claims do not decode.
pub(super) fn of(claims: &SessionClaims) -> Result<Option<Organization>, String> {
    if claims.v.unwrap_or(1) >= 2 {
        let Some(o) = &claims.o else {
            return Ok(None);
        };
        let features = organization_features(claims.fea.as_deref().unwrap_or(""))?;
        let permissions = permissions(
            &features,
            o.per.as_deref().unwrap_or(""),
            o.fpm.as_deref().unwrap_or(""),
        )?;
        return Ok(Some(Organization {
            id: o.id.clone(),
            slug: o.slg.clone(),
            role: o.rol.as_ref().map(|r| format!("org:{r}")),
            permissions,
        }));
    }
    Ok(claims.org_id.as_ref().map(|id| Organization {
        id: id.clone(),
        slug: claims.org_slug.clone(),
        role: claims.org_role.clone(),
        permissions: claims.org_permissions.clone(),
    }))
}

/// The organization-scoped features of `fea` (`o:dashboard,u:chat,ou:x`:
/// scopes with an `o`), in order.
fn organization_features(fea: &str) -> Result<Vec<&str>, String> {
    let mut out = Vec::new();
    for entry in fea.split(',').map(str::trim).filter(|e| !e.is_empty()) {
        let (scope, feature) = entry
            .split_once(':')
            .ok_or_else(|| format!("feature {entry:?} in `fea` has no scope (`o:` or `u:`)"))?;
        if scope.contains('o') {
            out.push(feature);
        }
    }
    Ok(out)
}

/// `org:<feature>:<permission>` for each permission whose bit is set in the
/// feature's mask.
fn permissions(features: &[&str], per: &str, fpm: &str) -> Result<Vec<String>, String> {
    let names: Vec<&str> = per
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let masks: Vec<&str> = fpm
        .split(',')
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .collect();
    let mut out = Vec::new();
    for (i, feature) in features.iter().enumerate() {
        let Some(mask) = masks.get(i) else { break };
        let bits = Mask::parse(mask)?;
        for (j, name) in names.iter().enumerate() {
            if bits.bit(j) {
                out.push(format!("org:{feature}:{name}"));
            }
        }
    }
    Ok(out)
}

/// A non-negative decimal integer of any size, as 32-bit limbs (least
/// significant first): `fpm` masks may exceed 2^64.
struct Mask(Vec<u32>);

impl Mask {
    fn parse(text: &str) -> Result<Mask, String> {
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!(
                "`fpm` mask {text:?} is not a non-negative decimal integer"
            ));
        }
        let mut limbs: Vec<u32> = Vec::new();
        for digit in text.bytes().map(|b| u64::from(b - b'0')) {
            // limbs = limbs * 10 + digit
            let mut carry = digit;
            for limb in &mut limbs {
                let v = u64::from(*limb) * 10 + carry;
                *limb = v as u32;
                carry = v >> 32;
            }
            if carry > 0 {
                limbs.push(carry as u32);
            }
        }
        Ok(Mask(limbs))
    }

    fn bit(&self, i: usize) -> bool {
        self.0
            .get(i / 32)
            .is_some_and(|limb| limb >> (i % 32) & 1 == 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clerk_docs_example() {
        let features = organization_features("o:dashboard,o:teams").unwrap();
        assert_eq!(
            permissions(&features, "manage,read", "3,2").unwrap(),
            [
                "org:dashboard:manage",
                "org:dashboard:read",
                "org:teams:read"
            ]
        );
    }

    #[test]
    fn masks_of_any_size_and_scopes() {
        // 2^70 + 1: the first and the 71st permission.
        let mask = Mask::parse("1180591620717411303425").unwrap();
        assert!(mask.bit(0) && mask.bit(70) && !mask.bit(1) && !mask.bit(69));
        let features = organization_features("u:chat,ou:reports,o:billing").unwrap();
        assert_eq!(features, ["reports", "billing"]);
        assert!(organization_features("dashboard").is_err());
        assert!(Mask::parse("-1").is_err());
        assert!(Mask::parse("0x3").is_err());
    }
}
