//! The Backend API client against a server on 127.0.0.1 that answers like
//! Clerk (`support/clerk_api.rs`): a user's day (list users page by page,
//! get one, update metadata, create and list organizations, delete, verify
//! an API key, a 404, a 422 and a 429) with every request as Clerk's own
//! SDK sends it; the retries (how many, how far apart, `Retry-After`, no
//! retry of what may have acted); the answers that are not Clerk's; the
//! secret key never shown.

#[path = "support/clerk_api.rs"]
mod clerk_api;

use std::time::{Duration, Instant};

use clerk_api::{Answer, ClerkApi};
use clerk_types::api::{self, ApiError, Client, Retry};
use serde_json::json;

const KEY: &str = "sk_test_0123456789abcdefSECRET";

fn quick() -> Retry {
    Retry {
        initial: Duration::from_millis(20),
        ..Retry::default()
    }
}

fn client(server: &ClerkApi) -> Client {
    Client::new(KEY).base_url(&server.base).retry(quick())
}

fn user(id: &str) -> serde_json::Value {
    json!({"object": "user", "id": id, "first_name": "Ada", "email_addresses": [], "future_member": {"kept": true}})
}

fn header<'a>(seen: &'a clerk_api::Seen, name: &str) -> &'a str {
    seen.headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

#[tokio::test]
async fn a_users_day() {
    let server = ClerkApi::start().await;
    let client = client(&server);
    // Three users, two to a page.
    server.script(
        "GET",
        "/users",
        [
            Answer::json(200, json!([user("user_1"), user("user_2")])),
            Answer::json(200, json!([user("user_3")])),
        ],
    );
    let all = client
        .all(
            api::GetUserList::new()
                .email_address(["a@example.com", "b@example.com"])
                .limit(2),
        )
        .await
        .expect("every page");
    assert_eq!(
        all.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(),
        ["user_1", "user_2", "user_3"]
    );
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(
        seen[0].query.as_deref(),
        Some("email_address=a%40example.com&email_address=b%40example.com&limit=2&offset=0")
    );
    assert_eq!(
        seen[1].query.as_deref(),
        Some("email_address=a%40example.com&email_address=b%40example.com&limit=2&offset=2")
    );
    for s in &seen {
        assert_eq!(s.method, "GET");
        assert_eq!(header(s, "authorization"), format!("Bearer {KEY}"));
        assert_eq!(header(s, "clerk-api-version"), api::API_VERSION);
        assert!(header(s, "user-agent").starts_with("clerk-types/"));
        assert!(s.headers.get("content-type").is_none(), "no body on a GET");
        assert!(s.body.is_empty());
    }
    server.clear();

    // Get one: the same User a webhook carries, with what this release
    // does not know kept.
    server.script("GET", "/users/user_1", [Answer::json(200, user("user_1"))]);
    let one = client
        .send(api::GetUser::new("user_1"))
        .await
        .expect("user");
    assert_eq!(one.first_name.as_deref(), Some("Ada"));
    assert_eq!(
        serde_json::to_value(&one).expect("encodes"),
        user("user_1"),
        "lossless"
    );

    // Update metadata.
    server.script(
        "PATCH",
        "/users/user_1/metadata",
        [Answer::json(200, user("user_1"))],
    );
    client
        .send(api::UpdateUserMetadata::new("user_1").public_metadata(json!({"plan": "pro"})))
        .await
        .expect("updated");
    let update = server.seen().pop().expect("seen");
    assert_eq!(update.method, "PATCH");
    assert_eq!(header(&update, "content-type"), "application/json");
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&update.body).expect("json"),
        json!({"public_metadata": {"plan": "pro"}})
    );

    // Create and list organizations.
    let org = json!({"object": "organization", "id": "org_1", "name": "Acme", "slug": "acme"});
    server.script("POST", "/organizations", [Answer::json(200, org.clone())]);
    let made = client
        .send(
            api::CreateOrganization::new()
                .name("Acme")
                .created_by("user_1"),
        )
        .await
        .expect("created");
    assert_eq!(made.id, "org_1");
    let create = server.seen().pop().expect("seen");
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&create.body).expect("json"),
        json!({"name": "Acme", "created_by": "user_1"})
    );
    server.script(
        "GET",
        "/organizations",
        [Answer::json(200, json!({"data": [org], "total_count": 1}))],
    );
    let page = client
        .send(api::ListOrganizations::new().limit(10))
        .await
        .expect("listed");
    assert_eq!((page.data.len(), page.total_count), (1, Some(1)));

    // Delete.
    server.script(
        "DELETE",
        "/users/user_1",
        [Answer::json(
            200,
            json!({"object": "user", "id": "user_1", "deleted": true}),
        )],
    );
    let deleted = client
        .send(api::DeleteUser::new("user_1"))
        .await
        .expect("deleted");
    assert_eq!(deleted.id.as_deref(), Some("user_1"));

    // Verify an API key (its answer is JSON until its object is vendored).
    server.script(
        "POST",
        "/api_keys/verify",
        [Answer::json(
            200,
            json!({"object": "api_key", "id": "ak_1", "subject": "user_1"}),
        )],
    );
    let key = client
        .send(api::VerifyApiKey::new().secret("ak_secret"))
        .await
        .expect("verified");
    assert_eq!(key.subject, "user_1", "typed: Clerk's API key object");

    // A 404, a 422 and a 429: Clerk's errors, typed.
    match client.send(api::GetUser::new("user_404")).await {
        Err(ApiError::Clerk {
            status,
            errors,
            trace_id,
            ..
        }) => {
            assert_eq!(status, 404);
            assert_eq!(errors.errors[0].code, "resource_not_found");
            assert_eq!(trace_id.as_deref(), Some("trace_123"));
        }
        other => panic!("{other:?}"),
    }
    server.script(
        "POST",
        "/users",
        [Answer::clerk_error(422, "form_identifier_exists")],
    );
    let e = client
        .send(api::CreateUser::new().email_address(["a@example.com"]))
        .await
        .expect_err("422");
    assert!(e.is_code("form_identifier_exists"), "{e}");
    server.script(
        "POST",
        "/organizations",
        [Answer::clerk_error(429, "too_many_requests").header("retry-after", "3600")],
    );
    match client.send(api::CreateOrganization::new().name("x")).await {
        Err(ApiError::Clerk {
            status,
            retry_after,
            ..
        }) => {
            assert_eq!(status, 429);
            assert_eq!(
                retry_after,
                Some(Duration::from_secs(3600)),
                "too long to wait: returned"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn the_pager_is_a_stream() {
    use std::future::poll_fn;
    use std::pin::pin;
    let server = ClerkApi::start().await;
    let client = client(&server);
    server.script(
        "GET",
        "/organizations",
        [
            Answer::json(200, json!({"data": [{"object": "organization", "id": "org_1"}, {"object": "organization", "id": "org_2"}], "total_count": 3})),
            Answer::json(200, json!({"data": [{"object": "organization", "id": "org_3"}], "total_count": 3})),
        ],
    );
    let mut stream = pin!(client.pages(api::ListOrganizations::new().limit(2)));
    let mut ids = Vec::new();
    while let Some(org) = poll_fn(|cx| futures_core::Stream::poll_next(stream.as_mut(), cx)).await {
        ids.push(org.expect("page").id);
    }
    assert_eq!(ids, ["org_1", "org_2", "org_3"]);
    assert_eq!(server.seen().len(), 2, "stops at the total count");
}

#[tokio::test]
async fn retries_what_is_safe_to_repeat_within_bounds() {
    let server = ClerkApi::start().await;
    let client = client(&server);
    // A GET: 503, 502, then the user.
    server.script(
        "GET",
        "/users/user_1",
        [
            Answer::raw(503, "text/plain", "unavailable"),
            Answer::raw(502, "text/html", "<html>bad gateway</html>"),
            Answer::json(200, user("user_1")),
        ],
    );
    let started = Instant::now();
    client
        .send(api::GetUser::new("user_1"))
        .await
        .expect("third time");
    let took = started.elapsed();
    assert_eq!(server.seen().len(), 3);
    // Backoff 20 ms then 30 ms, each at least half of that.
    assert!(took >= Duration::from_millis(25), "{took:?}");
    server.clear();

    // A POST that got a 503 may have acted: not sent again.
    server.script(
        "POST",
        "/organizations",
        [Answer::raw(503, "text/plain", "unavailable")],
    );
    let e = client
        .send(api::CreateOrganization::new().name("x"))
        .await
        .expect_err("503");
    assert_eq!(e.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(server.seen().len(), 1);
    server.clear();

    // A 429 is sent again after its Retry-After, whatever the method.
    server.script(
        "POST",
        "/organizations",
        [
            Answer::clerk_error(429, "too_many_requests").header("retry-after", "1"),
            Answer::json(200, json!({"object": "organization", "id": "org_1"})),
        ],
    );
    let started = Instant::now();
    client
        .send(api::CreateOrganization::new().name("x"))
        .await
        .expect("after the wait");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After honoured"
    );
    assert_eq!(server.seen().len(), 2);
    server.clear();

    // At most three retries.
    server.script(
        "GET",
        "/users/user_2",
        (0..10).map(|_| Answer::raw(500, "text/plain", "boom")),
    );
    let e = client
        .send(api::GetUser::new("user_2"))
        .await
        .expect_err("gives up");
    assert!(matches!(e, ApiError::Unexpected { .. }), "{e:?}");
    assert_eq!(server.seen().len(), 4);
}

#[tokio::test]
async fn a_timeout_repeats_a_get_but_not_a_post() {
    let server = ClerkApi::start().await;
    let client = client(&server).timeout(Duration::from_millis(200));
    let slow = || {
        Answer::json(200, json!({"object": "organization", "id": "org_1"}))
            .delayed(Duration::from_secs(2))
    };
    server.script("POST", "/organizations", [slow()]);
    let e = client
        .send(api::CreateOrganization::new().name("x"))
        .await
        .expect_err("timed out");
    assert!(
        matches!(
            e,
            ApiError::Transport {
                not_sent: false,
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(
        server.seen().len(),
        1,
        "a POST that may have acted is not sent again"
    );
    server.clear();
    server.script(
        "GET",
        "/users/user_1",
        [
            Answer::json(200, user("user_1")).delayed(Duration::from_secs(2)),
            Answer::json(200, user("user_1")),
        ],
    );
    client
        .send(api::GetUser::new("user_1"))
        .await
        .expect("the retry answers");
    assert_eq!(server.seen().len(), 2);
}

#[tokio::test]
async fn answers_that_are_not_clerks_are_typed_errors() {
    let server = ClerkApi::start().await;
    let client = client(&server).retry(Retry::never());
    let cases = [
        (
            Answer::raw(200, "text/html", "<html>login</html>"),
            "html 200",
        ),
        (Answer::raw(200, "application/json", ""), "empty"),
        (
            Answer::raw(
                200,
                "application/json",
                "{\"object\": \"user\", \"id\": \"us",
            ),
            "truncated",
        ),
        (
            Answer::raw(502, "text/html", "<html>502 Bad Gateway</html>"),
            "gateway",
        ),
    ];
    for (answer, what) in cases {
        server.script("GET", "/users/u", [answer]);
        match client.send(api::GetUser::new("u")).await {
            Err(ApiError::Unexpected { snippet, .. }) => {
                assert!(snippet.len() <= api::SNIPPET_BYTES, "{what}")
            }
            other => panic!("{what}: {other:?}"),
        }
    }
    // JSON of another shape: where it stops fitting.
    server.script(
        "GET",
        "/users/u",
        [Answer::json(200, json!({"object": "user", "id": 42}))],
    );
    match client.send(api::GetUser::new("u")).await {
        Err(ApiError::Decode { error, .. }) => assert_eq!(error.pointer(), "/id"),
        other => panic!("{other:?}"),
    }
    // A body over the limit is not read.
    server.script(
        "GET",
        "/users/u",
        [Answer::raw(
            200,
            "application/json",
            vec![b' '; api::MAX_BODY_BYTES + 10],
        )],
    );
    assert!(matches!(
        client.send(api::GetUser::new("u")).await,
        Err(ApiError::TooLarge { .. })
    ));
    // A Retry-After that is no number.
    server.script(
        "GET",
        "/users/u",
        [Answer::clerk_error(429, "too_many_requests").header("retry-after", "soon")],
    );
    match client.send(api::GetUser::new("u")).await {
        Err(ApiError::Clerk { retry_after, .. }) => assert_eq!(retry_after, None),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn parameters_never_reach_another_path_and_the_key_is_never_shown() {
    let server = ClerkApi::start().await;
    let client = client(&server).retry(Retry::never());
    server.script(
        "GET",
        "/users/a%2F..%2Fadmin%3Fx%3D1%25",
        [Answer::json(200, user("user_1"))],
    );
    client
        .send(api::GetUser::new("a/../admin?x=1%"))
        .await
        .expect("one segment");
    let seen = server.seen().pop().expect("seen");
    assert_eq!(seen.path, "/v1/users/a%2F..%2Fadmin%3Fx%3D1%25");
    assert_eq!(seen.query, None);

    let shown = format!("{client:?}");
    assert!(!shown.contains("SECRET"), "{shown}");
    let e = client
        .send(api::GetUser::new("nobody"))
        .await
        .expect_err("404");
    assert!(!format!("{e} {e:?}").contains("SECRET"));

    // A key with a line break makes no request, and is not echoed.
    server.clear();
    let broken = Client::new("sk_test_abc\r\nX-Evil: 1SECRET").base_url(&server.base);
    let e = broken
        .send(api::GetUser::new("user_1"))
        .await
        .expect_err("refused");
    assert!(matches!(e, ApiError::Request { .. }), "{e:?}");
    assert!(!format!("{e} {e:?} {broken:?}").contains("SECRET"));
    assert!(server.seen().is_empty(), "nothing sent");

    // Nobody listening: not sent, so even a POST may be tried again; the
    // error says so.
    let nowhere = Client::new(KEY)
        .base_url("http://127.0.0.1:9/v1")
        .retry(Retry::never());
    match nowhere.send(api::CreateOrganization::new().name("x")).await {
        Err(ApiError::Transport { not_sent, .. }) => assert!(not_sent),
        other => panic!("{other:?}"),
    }
}
