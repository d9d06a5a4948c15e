//! Runs inside the crate generated from `tests/it/fixtures/ok/sid_union.yaml` (see `.ci/run`):
//! a union of SID kinds takes each of its kinds, refuses every other one without a request,
//! and goes through JSON as the SID's text.

use sid_union::models::{MemberSid, Membership};
use sid_union::sids::{MailboxSid, UserSid};

const USER: &str = "US0123456789abcdef0123456789ABCDEF";
const MAILBOX: &str = "MB0123456789abcdef0123456789abcdef";

#[test]
fn each_kind_parses_into_its_variant() {
    assert!(matches!(MemberSid::parse(USER), Ok(MemberSid::User(_))));
    assert!(matches!(MemberSid::parse(MAILBOX), Ok(MemberSid::Mailbox(_))));
    let from_user: MemberSid = UserSid::parse(USER).unwrap().into();
    assert_eq!(from_user.as_str(), USER);
    assert_eq!(from_user.to_string(), USER);
}

#[test]
fn other_kinds_and_malformed_sids_are_refused() {
    let other = USER.replacen("US", "AC", 1);
    let err = MemberSid::parse(other.as_str()).unwrap_err();
    assert_eq!(err.type_name(), "MemberSid");
    assert!(err.to_string().contains("\"US\", \"MB\""), "{err}");
    // The mailbox kind allows lowercase hex only; its own check applies.
    assert!(MemberSid::parse(MAILBOX.to_ascii_uppercase()).is_err());
    assert!(MemberSid::parse("US12").is_err());
    assert!(MailboxSid::parse(USER).is_err());
}

#[test]
fn json_carries_the_sid_text() {
    let body = serde_json::json!({
        "sid": "ME0123456789abcdef0123456789abcdef",
        "member_sid": MAILBOX,
    });
    let membership: Membership = serde_json::from_value(body.clone()).unwrap();
    assert!(matches!(membership.member_sid, Some(MemberSid::Mailbox(_))));
    assert_eq!(serde_json::to_value(&membership).unwrap(), body);
    let wrong = serde_json::json!({"member_sid": USER.replacen("US", "AC", 1)});
    assert!(serde_json::from_value::<Membership>(wrong).is_err());
}
