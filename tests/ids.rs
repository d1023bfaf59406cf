//! Typed ids across objects, events, claims and operations: any string
//! decodes and comes back as sent, a wrong JSON type is refused as before,
//! and one kind is not another (the doc tests of `clerk_types::ids` show
//! the mix-up not compiling).

use std::collections::{BTreeSet, HashMap};

use clerk_types::api::{self, Endpoint, Operation};
use clerk_types::webhooks::{Event, EventData};
use clerk_types::{
    Client, OrganizationId, OrganizationMembership, Session, SessionClaims, SessionId, User, UserId,
};
use proptest::prelude::*;
use serde_json::{json, Value};

proptest! {
    /// An id is opaque: any text, empty or strange, decodes into an
    /// object's own `id`, a member that refers to one and a list of them,
    /// and is written back as sent.
    #[test]
    fn any_text_is_an_id_and_comes_back(id in any::<String>()) {
        let user = json!({"object": "user", "id": id, "primary_email_address_id": id});
        let decoded: User = clerk_types::from_value(&user).expect("decodes");
        prop_assert_eq!(decoded.id.as_str(), id.as_str());
        prop_assert_eq!(serde_json::to_value(&decoded).expect("encodes"), user);

        let session = json!({"object": "session", "id": id, "user_id": id, "client_id": id});
        let decoded: Session = clerk_types::from_value(&session).expect("decodes");
        prop_assert_eq!(&decoded.user_id, &id);
        prop_assert_eq!(serde_json::to_value(&decoded).expect("encodes"), session);

        let client = json!({"object": "client", "id": id, "session_ids": [id, "sess_2"]});
        let decoded: Client = clerk_types::from_value(&client).expect("decodes");
        prop_assert_eq!(&decoded.session_ids[0], &id);
        prop_assert_eq!(serde_json::to_value(&decoded).expect("encodes"), client);
    }
}

/// An id of another JSON type is refused, as a `String` was.
#[test]
fn an_id_that_is_not_text_is_refused_as_before() {
    for bad in [json!(5), json!({}), json!(["user_1"]), json!(true)] {
        let user = json!({"object": "user", "id": bad});
        assert!(clerk_types::from_value::<User>(&user).is_err(), "{bad}");
        let session = json!({"object": "session", "id": "sess_1", "user_id": bad});
        assert!(
            clerk_types::from_value::<Session>(&session).is_err(),
            "{bad}"
        );
    }
    // A nullable reference still takes `null`.
    let user = json!({"object": "user", "id": "user_1", "primary_email_address_id": null});
    let user: User = clerk_types::from_value(&user).expect("null");
    assert_eq!(user.primary_email_address_id, None);
}

/// The same kind of id is one type wherever it is met, and an operation
/// takes it, or text, as its parameter.
#[test]
fn one_user_id_from_an_event_a_session_and_claims_to_an_operation() {
    let body = json!({
        "type": "user.created", "object": "event",
        "data": {"object": "user", "id": "user_1"}
    });
    let event: Event = serde_json::from_value(body).expect("event");
    let EventData::UserCreated(user) = &event.data else {
        panic!("user.created")
    };
    let session: Session =
        clerk_types::from_value(&json!({"object": "session", "id": "sess_1", "user_id": "user_1"}))
            .expect("session");
    let claims: SessionClaims =
        clerk_types::from_value(&json!({"sub": "user_1", "sid": "sess_1", "exp": 1, "iat": 0}))
            .expect("claims");
    let from_event: &UserId = &user.id;
    let from_session: &UserId = &session.user_id;
    let from_claims: &UserId = claims.user_id();
    assert_eq!(from_event, from_session);
    assert_eq!(from_session, from_claims);
    let session_id: &SessionId = claims.session_id();
    assert_eq!(session_id, &session.id);

    let endpoint = Endpoint::new("sk_test_123").base_url("http://127.0.0.1:8080/v1");
    for request in [
        api::GetUser::new(from_claims.clone()),
        api::GetUser::new(&session.user_id),
        api::GetUser::new("user_1"),
        api::GetUser::new(String::from("user_1")),
    ] {
        let request = request.to_request(&endpoint).expect("request");
        assert_eq!(request.uri().path(), "/v1/users/user_1");
    }
    let sessions = api::GetSessionList::new()
        .user_id(user.id.clone())
        .to_request(&endpoint)
        .expect("request");
    assert_eq!(sessions.uri().query(), Some("user_id=user_1"));
}

/// A membership's organization and user are typed too.
#[test]
fn a_membership_names_its_organization_and_user() {
    let membership: OrganizationMembership = clerk_types::from_value(&json!({
        "object": "organization_membership", "id": "orgmem_1",
        "organization": {"object": "organization", "id": "org_1"},
        "public_user_data": {"user_id": "user_1"}
    }))
    .expect("membership");
    let organization: &OrganizationId = &membership.organization.id;
    let user: &UserId = &membership.public_user_data.as_ref().expect("data").user_id;
    assert_eq!((organization.as_str(), user.as_str()), ("org_1", "user_1"));
}

/// What an id converts from, compares with and reads as.
#[test]
fn ids_read_as_text_and_key_maps_by_it() {
    let id: UserId = "user_1".parse().expect("infallible");
    assert_eq!(id, "user_1");
    assert_eq!("user_1", id);
    assert_eq!(id, String::from("user_1"));
    assert_eq!(id.to_string(), "user_1");
    assert_eq!(format!("{id:?}"), r#"UserId("user_1")"#);
    assert_eq!(&*id, "user_1");
    assert_eq!(UserId::OBJECT, "user");
    assert_eq!(UserId::from(String::from("user_1")), id);
    assert_eq!(UserId::new("user_1"), id);
    let mut by_id: HashMap<UserId, u8> = HashMap::new();
    by_id.insert(id.clone(), 1);
    assert_eq!(by_id.get("user_1"), Some(&1));
    let ordered: BTreeSet<UserId> = ["b", "a"].into_iter().map(UserId::from).collect();
    assert_eq!(
        ordered.iter().map(|i| i.as_str()).collect::<Vec<_>>(),
        ["a", "b"]
    );
    assert_eq!(String::from(id.clone()), "user_1");
    assert_eq!(id.into_string(), "user_1");
    let built = User::builder().id("user_2").build().expect("built");
    assert_eq!(built.id, "user_2");
    assert_eq!(
        serde_json::to_value(UserId::from("user_3")).expect("text"),
        Value::from("user_3")
    );
}
