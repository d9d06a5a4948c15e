//! One mock expectation per operation, each answering with a handler over the shared store:
//! the generated typed `expect_<operation>` picks the route, [`answer`] checks credentials,
//! records the request, runs the rule and sends the status callbacks it queued.

use std::sync::Arc;

use serde_json::Value;
use twilio_numbers_v2::mock::{MockRequest, MockServer, Then};

use crate::Shared;
use crate::errors::FakeError;
use crate::paging::page;
use crate::resources;
use crate::store::{Store, json_of};

/// What a rule answers: a status and a JSON body (`Null`: none).
pub(crate) type Answer = Result<(u16, Value), FakeError>;

/// A handler running `rule` on the store under the lock.
fn answer(
    shared: &Arc<Shared>,
    rule: impl Fn(&mut Store, &MockRequest) -> Answer + Send + Sync + 'static,
) -> impl Fn(&MockRequest, &mut Then) + Send + Sync + 'static {
    let shared = Arc::clone(shared);
    move |request, then| {
        let (outcome, request_id) = {
            let mut store = shared.lock();
            store.requests.push(request.clone());
            // Twilio names every answer with a request SID (`RQ...`).
            let request_id = store.sid("RQ");
            let outcome = if request.header("authorization") != Some(shared.authorization.as_str())
            {
                Err(FakeError::unauthenticated())
            } else {
                rule(&mut store, request)
            };
            (outcome, request_id)
        };
        shared.send_queued();
        then.header("twilio-request-id", request_id);
        match outcome {
            Ok((status, Value::Null)) => {
                then.status(status);
            }
            Ok((status, body)) => {
                then.json(status, &body);
            }
            Err(error) => error.answer(then),
        }
    }
}

fn ok<T: serde::Serialize>(value: &T) -> Answer {
    Ok((200, json_of(value)))
}

fn created<T: serde::Serialize>(value: &T) -> Answer {
    Ok((201, json_of(value)))
}

fn arg<'a>(request: &'a MockRequest, name: &str) -> &'a str {
    request.path_arg(name).unwrap_or_default()
}

/// Registers every route of the fake on `server`; each may go unused.
pub(crate) fn install(server: &MockServer, shared: &Arc<Shared>) {
    macro_rules! route {
        ($expect:ident, $rule:expr) => {{
            let handler = answer(shared, $rule);
            let _route = server
                .$expect(move |_, then| {
                    then.respond_with(handler);
                })
                .optional();
        }};
    }
    let list = |key: &'static str, items: fn(&Store, &MockRequest) -> Vec<Value>| {
        move |store: &mut Store, request: &MockRequest| -> Answer {
            let items = items(store, request);
            Ok((200, page(request, &store.origin, key, &items)?))
        }
    };

    // End-Users and their types.
    route!(
        expect_list_end_user,
        list("results", |s, _| s.end_users.iter().map(json_of).collect())
    );
    route!(expect_create_end_user, |s, r| created(
        &resources::create_end_user(s, r)?
    ));
    route!(expect_fetch_end_user, |s, r| ok(s.end_user(arg(r, "Sid"))?));
    route!(expect_update_end_user, |s, r| ok(
        &resources::update_end_user(s, arg(r, "Sid"), r)?
    ));
    route!(expect_delete_end_user, |s, r| {
        resources::delete_end_user(s, arg(r, "Sid"))?;
        Ok((204, Value::Null))
    });
    route!(
        expect_list_end_user_type,
        list("end_user_types", |s, _| s
            .end_user_types
            .iter()
            .map(json_of)
            .collect())
    );
    route!(expect_fetch_end_user_type, |s, r| {
        let sid = arg(r, "Sid");
        let found = s
            .end_user_types
            .iter()
            .find(|t| t.sid.as_ref().is_some_and(|x| x.as_str() == sid));
        found
            .map(ok)
            .unwrap_or_else(|| Err(FakeError::not_found(&format!("EndUserTypes/{sid}"))))
    });

    // Regulations and document types.
    route!(
        expect_list_regulation,
        list("results", resources::regulations)
    );
    route!(expect_fetch_regulation, |s, r| {
        let sid = arg(r, "Sid");
        s.regulation(sid)
            .map(ok)
            .unwrap_or_else(|| Err(FakeError::not_found(&format!("Regulations/{sid}"))))
    });
    route!(
        expect_list_supporting_document_type,
        list("supporting_document_types", |s, _| s
            .document_types
            .iter()
            .map(json_of)
            .collect())
    );
    route!(expect_fetch_supporting_document_type, |s, r| {
        let sid = arg(r, "Sid");
        let found = s
            .document_types
            .iter()
            .find(|t| t.sid.as_ref().is_some_and(|x| x.as_str() == sid));
        found.map(ok).unwrap_or_else(|| {
            Err(FakeError::not_found(&format!(
                "SupportingDocumentTypes/{sid}"
            )))
        })
    });

    // Supporting Documents, on the main host and the upload host.
    route!(
        expect_list_supporting_document,
        list("results", |s, _| s.documents.iter().map(json_of).collect())
    );
    route!(expect_create_supporting_document, |s, r| {
        let form = |name: &str| r.form_values(name).first().map(|v| (*v).to_owned());
        created(&resources::create_document(
            s,
            form("FriendlyName"),
            form("Type"),
            form("Attributes"),
            None,
        )?)
    });
    route!(expect_upload_supporting_document, |s, r| created(
        &resources::upload_document(s, r)?
    ));
    route!(expect_fetch_supporting_document, |s, r| ok(
        s.document(arg(r, "Sid"))?
    ));
    route!(expect_update_supporting_document, |s, r| ok(
        &resources::update_document(s, arg(r, "Sid"), r)?
    ));
    route!(expect_delete_supporting_document, |s, r| {
        resources::delete_document(s, arg(r, "Sid"))?;
        Ok((204, Value::Null))
    });

    // Bundles, their items and evaluations.
    route!(expect_list_bundle, list("results", resources::bundles));
    route!(expect_create_bundle, |s, r| created(
        &resources::create_bundle(s, r)?
    ));
    route!(expect_fetch_bundle, |s, r| ok(s.bundle(arg(r, "Sid"))?));
    route!(expect_update_bundle, |s, r| ok(&resources::update_bundle(
        s,
        arg(r, "Sid"),
        r
    )?));
    route!(expect_delete_bundle, |s, r| {
        resources::delete_bundle(s, arg(r, "Sid"))?;
        Ok((204, Value::Null))
    });
    // Copies, clones and item replacement (copies.rs).
    route!(expect_create_bundle_copy, |s, r| Ok((
        201,
        crate::copies::summary(&crate::copies::copy(s, arg(r, "BundleSid"), r)?)
    )));
    route!(expect_list_bundle_copy, |s, r| {
        let copies = crate::copies::copies_of(s, arg(r, "BundleSid"))?;
        Ok((200, page(r, &s.origin, "results", &copies)?))
    });
    route!(expect_create_bundle_clone, |s, r| Ok((
        201,
        crate::copies::clone_into(s, arg(r, "BundleSid"), r)?
    )));
    route!(expect_create_replace_items, |s, r| Ok((
        201,
        crate::copies::summary(&crate::copies::replace_items(s, arg(r, "BundleSid"), r)?)
    )));
    route!(expect_list_item_assignment, |s, r| {
        let items = resources::items_of(s, arg(r, "BundleSid"))?;
        Ok((200, page(r, &s.origin, "results", &items)?))
    });
    route!(expect_create_item_assignment, |s, r| created(
        &resources::assign(s, arg(r, "BundleSid"), r)?
    ));
    route!(expect_fetch_item_assignment, |s, r| {
        let (bundle, sid) = (arg(r, "BundleSid"), arg(r, "Sid"));
        let items = resources::items_of(s, bundle)?;
        items
            .into_iter()
            .find(|i| i["sid"] == sid)
            .map(|i| (200, i))
            .ok_or_else(|| FakeError::not_found(&format!("Bundles/{bundle}/ItemAssignments/{sid}")))
    });
    route!(expect_delete_item_assignment, |s, r| {
        resources::unassign(s, arg(r, "BundleSid"), arg(r, "Sid"))?;
        Ok((204, Value::Null))
    });
    route!(expect_list_evaluation, |s, r| {
        let evaluations = resources::evaluations_of(s, arg(r, "BundleSid"))?;
        Ok((200, page(r, &s.origin, "results", &evaluations)?))
    });
    route!(expect_create_evaluation, |s, r| {
        let bundle = arg(r, "BundleSid");
        let evaluation = crate::rules::evaluate(s, bundle)?;
        s.evaluations.push(evaluation.clone());
        created(&evaluation)
    });
    route!(expect_fetch_evaluation, |s, r| {
        let (bundle, sid) = (arg(r, "BundleSid"), arg(r, "Sid"));
        let evaluations = resources::evaluations_of(s, bundle)?;
        evaluations
            .into_iter()
            .find(|e| e["sid"] == sid)
            .map(|e| (200, e))
            .ok_or_else(|| FakeError::not_found(&format!("Bundles/{bundle}/Evaluations/{sid}")))
    });
}
