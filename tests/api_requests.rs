//! The sans-IO requests, property-tested: whatever text a path parameter
//! or a query list holds, the request goes to the operation's own path and
//! the server reads back exactly what was set.

use clerk_types::api::{self, Endpoint, Operation};
use proptest::prelude::*;

fn endpoint() -> Endpoint {
    Endpoint::new("sk_test_123").base_url("http://127.0.0.1:8080/v1")
}

/// Percent-decodes one path segment.
fn decoded(segment: &str) -> String {
    percent_encoding::percent_decode_str(segment)
        .decode_utf8()
        .expect("UTF-8")
        .into_owned()
}

proptest! {
    #[test]
    fn a_path_parameter_stays_one_segment_and_decodes_back(id in any::<String>()) {
        let request = api::GetUser::new(id.clone()).to_request(&endpoint()).expect("request");
        let path = request.uri().path();
        let segment = path.strip_prefix("/v1/users/").expect("the operation's path");
        prop_assert!(!segment.contains('/'));
        prop_assert_eq!(request.uri().query(), None);
        prop_assert_eq!(decoded(segment), id);
    }

    #[test]
    fn query_lists_decode_back(emails in proptest::collection::vec(any::<String>(), 0..5), limit in any::<i64>()) {
        let request = api::GetUserList::new()
            .email_address(emails.clone())
            .limit(limit)
            .to_request(&endpoint())
            .expect("request");
        let pairs: Vec<(String, String)> = form_urlencoded::parse(request.uri().query().unwrap_or_default().as_bytes())
            .into_owned()
            .collect();
        let back: Vec<String> = pairs.iter().filter(|(k, _)| k == "email_address").map(|(_, v)| v.clone()).collect();
        prop_assert_eq!(back, emails);
        let limits: Vec<&(String, String)> = pairs.iter().filter(|(k, _)| k == "limit").collect();
        prop_assert_eq!(limits.len(), 1);
        prop_assert_eq!(&limits[0].1, &limit.to_string());
    }

    #[test]
    fn body_members_are_sent_as_set(name in any::<String>(), metadata in any::<Option<bool>>()) {
        let request = api::CreateOrganization::new()
            .name(name.clone())
            .public_metadata(serde_json::json!({"flag": metadata}))
            .to_request(&endpoint())
            .expect("request");
        let body: serde_json::Value = serde_json::from_slice(request.body()).expect("JSON");
        prop_assert_eq!(body, serde_json::json!({"name": name, "public_metadata": {"flag": metadata}}));
    }
}

#[test]
fn a_comma_joined_list_and_a_multipart_upload() {
    let request = api::ListAllOrganizationDomains::new()
        .enrollment_mode(["manual_invitation", "-enterprise_sso"])
        .to_request(&endpoint())
        .expect("request");
    assert_eq!(
        request.uri().query(),
        Some("enrollment_mode=manual_invitation%2C-enterprise_sso")
    );
    let request = api::UploadOrganizationLogo::new("org_1")
        .file(api::File::new("logo.png", b"\x89PNG...".to_vec()).content_type("image/png"))
        .uploader_user_id("user_1")
        .to_request(&endpoint())
        .expect("request");
    let content_type = request.headers()["content-type"].to_str().expect("text");
    assert!(
        content_type.starts_with("multipart/form-data; boundary="),
        "{content_type}"
    );
    let body = String::from_utf8_lossy(request.body());
    assert!(
        body.contains("name=\"file\"; filename=\"logo.png\"\r\nContent-Type: image/png"),
        "{body}"
    );
    assert!(
        body.contains("name=\"uploader_user_id\"\r\n\r\nuser_1\r\n"),
        "{body}"
    );
}

#[test]
fn every_operation_is_listed_once_with_its_type() {
    assert_eq!(api::OPERATIONS.len(), 249);
    let mut names: Vec<&str> = api::OPERATIONS.iter().map(|o| o.type_name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), api::OPERATIONS.len());
    let verify = api::OPERATIONS
        .iter()
        .find(|o| o.operation_id == "verifyApiKey")
        .expect("listed");
    assert_eq!(
        (verify.type_name, verify.method, verify.path),
        ("VerifyApiKey", "POST", "/api_keys/verify")
    );
}
