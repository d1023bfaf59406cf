//! Decoding the root object of every vendored schema, against
//! `serde_json::Value` and `serde::de::IgnoredAny` (the parse-only floor),
//! side by side in one run (issue 25).
//!
//! Each payload is drawn from the vendored schema (`tests/support/draw.rs`),
//! strictly valid, in three shapes: `complete` (every member, values rather
//! than `null`, two items in each array, id-length strings, millisecond
//! timestamps), `absent` (only the required members, as older API
//! versions and the dashboard's test events send) and `unknown` (the
//! complete one with a member the schema does not list in every object). Each is measured twice:
//! decoding alone (divan drops what was decoded after the sample's clock
//! stops) and decoding then dropping, what a service pays per payload.
//!
//! ```sh
//! DIVAN_SAMPLE_COUNT=1000 cargo bench --bench roots --features full,validate
//! ```

use divan::{black_box, counter::BytesCount, Bencher};
use serde::de::DeserializeOwned;
use serde_json::Value;

#[path = "../tests/support/draw.rs"]
mod draw;

fn main() {
    divan::main();
}

const SHAPES: &[&str] = &["complete", "absent", "unknown"];

/// The payload of the schema whose root is `T`, in `shape`: the first
/// strictly valid draw; for `unknown`, the complete one with a member the
/// schema does not list in every object that may have one (last, as a
/// sorted payload has `zz_unknown_...`), as Clerk sends members newer than
/// the vendored schema.
fn payload<T>(shape: &str) -> String {
    let rust = std::any::type_name::<T>().rsplit("::").next().unwrap_or("");
    let info = clerk_types::SCHEMAS
        .iter()
        .find(|s| s.root_type == rust)
        .unwrap_or_else(|| panic!("no enabled schema has the root {rust}"));
    let text = clerk_types::validate::schema_text(info.name).expect("vendored");
    let schema: Value = serde_json::from_str(text).expect("json");
    for seed in 0..500 {
        let mut rng = draw::Rng(seed);
        let doc = match shape {
            "absent" => draw::required_document(&schema, &mut rng),
            _ => draw::complete_document(&schema, &mut rng),
        };
        let valid = clerk_types::validate::schema(info.name, &doc)
            .expect("vendored")
            .is_empty();
        if valid && shape == "unknown" {
            return draw::with_unknowns(&doc, &schema, &mut rng, 100).to_string();
        }
        if valid {
            return doc.to_string();
        }
    }
    panic!("no valid {shape} draw of {}", info.name)
}

/// Every root type, by its module.
macro_rules! roots {
    ($($module:ident :: $root:ident),* $(,)?) => {
        /// Decoding alone: what was decoded is dropped after the clock stops.
        mod decode {
            use super::*;

            #[divan::bench(types = [$(clerk_types::$module::$root),*], args = SHAPES)]
            fn clerk_types<T: DeserializeOwned + Sync>(bencher: Bencher, shape: &str) {
                run::<T, T>(bencher, shape, false);
            }

            #[divan::bench(types = [$(clerk_types::$module::$root),*], args = SHAPES)]
            fn value<T>(bencher: Bencher, shape: &str) {
                run::<T, Value>(bencher, shape, false);
            }

            #[divan::bench(types = [$(clerk_types::$module::$root),*], args = SHAPES)]
            fn ignored_any<T>(bencher: Bencher, shape: &str) {
                run::<T, serde::de::IgnoredAny>(bencher, shape, false);
            }
        }

        /// Decoding and dropping what was decoded, inside the clock.
        mod decode_and_drop {
            use super::*;

            #[divan::bench(types = [$(clerk_types::$module::$root),*], args = SHAPES)]
            fn clerk_types<T: DeserializeOwned + Sync>(bencher: Bencher, shape: &str) {
                run::<T, T>(bencher, shape, true);
            }

            #[divan::bench(types = [$(clerk_types::$module::$root),*], args = SHAPES)]
            fn value<T>(bencher: Bencher, shape: &str) {
                run::<T, Value>(bencher, shape, true);
            }
        }
    };
}

/// Decodes the payload of `Root` as `As`, dropping the result inside the
/// clock when `drop` is set.
fn run<Root, As: DeserializeOwned>(bencher: Bencher, shape: &str, drop: bool) {
    let text = payload::<Root>(shape);
    let bencher = bencher.counter(BytesCount::of_str(&text));
    if drop {
        bencher.bench(|| {
            let decoded: As = serde_json::from_str(black_box(&text)).expect("decodes");
            std::mem::drop(black_box(decoded));
        });
    } else {
        bencher.bench(|| black_box(serde_json::from_str::<As>(black_box(&text)).expect("decodes")));
    }
}

roots!(
    actortoken::ActorToken,
    billingsubscriptionitemeventpayload::SubscriptionItem,
    client::Client,
    deletedobject::DeletedObject,
    emailaddress::EmailAddress,
    emaileventpayload::Email,
    invitation::Invitation,
    jwttemplate::JwtTemplate,
    oauthapplication::OAuthApplication,
    organization::Organization,
    organizationdomain::OrganizationDomain,
    organizationinvitation::OrganizationInvitation,
    organizationmembership::OrganizationMembership,
    paymentattempteventpayload::PaymentAttempt,
    permission::Permission,
    phonenumber::PhoneNumber,
    role::Role,
    samlconnection::SamlConnection,
    session::Session,
    sessionclaims::SessionClaims,
    signintoken::SignInToken,
    smseventpayload::SmsMessage,
    subscriptioneventpayload::Subscription,
    user::User,
    waitlistentry::WaitlistEntry,
);
