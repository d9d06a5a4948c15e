//! A deliberately breakable End-Users server, for the tests and benchmarks that need Twilio to
//! misbehave (see [`Fault`]): stateful End-Users with generated SIDs, timestamps and absolute
//! URLs, Twilio's paging and error answers, basic auth, every request recorded. Tests that need
//! a well-behaved Twilio use the Regulatory Compliance fake (`compliance-fake/`) instead.
//!
//! Runs on 127.0.0.1 with an OS-assigned port, inside the calling test's tokio runtime, and
//! stops with it.

mod faults;
mod paging;
mod recorded;
mod responses;
mod store;
mod twilio_error;

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use serde_json::Value;

pub(crate) use faults::{Fault, Route};
pub(crate) use recorded::Recorded;
pub(crate) use store::END_USERS_PATH;

use responses::{cut_body, error_response, json_response, scripted, with_request_id};
use store::Store;
use twilio_error::TwilioError;

/// The credentials the server accepts.
pub(crate) const ACCOUNT_SID: &str = "AC0123456789abcdef0123456789abcdef";
pub(crate) const AUTH_TOKEN: &str = "local-server-auth-token";

struct Shared {
    origin: String,
    store: Mutex<Store>,
    requests: Mutex<Vec<Recorded>>,
    faults: Mutex<HashMap<Route, VecDeque<Fault>>>,
}

/// A running server. Cheap to clone; every clone sees the same state.
#[derive(Clone)]
pub(crate) struct EndUsersServer {
    shared: Arc<Shared>,
}

impl EndUsersServer {
    /// Binds 127.0.0.1 on a free port and serves until the tokio runtime stops.
    pub(crate) async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let origin = format!("http://{}", listener.local_addr().expect("local address"));
        let shared = Arc::new(Shared {
            store: Mutex::new(Store::new(&origin, ACCOUNT_SID)),
            origin,
            requests: Mutex::default(),
            faults: Mutex::default(),
        });
        let app = axum::Router::new()
            .fallback(handle)
            .with_state(Arc::clone(&shared));
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { shared }
    }

    /// `http://127.0.0.1:PORT`, the base URL to give the client.
    pub(crate) fn origin(&self) -> &str {
        &self.shared.origin
    }

    /// Every request received so far, in arrival order.
    pub(crate) fn requests(&self) -> Vec<Recorded> {
        self.shared.requests.lock().unwrap().clone()
    }

    /// Every request received so far, forgetting them (to look at one phase of a test).
    pub(crate) fn take_requests(&self) -> Vec<Recorded> {
        std::mem::take(&mut *self.shared.requests.lock().unwrap())
    }

    /// Queues `fault` for the next request on `route` that has no earlier fault queued.
    pub(crate) fn inject(&self, route: Route, fault: Fault) {
        self.shared
            .faults
            .lock()
            .unwrap()
            .entry(route)
            .or_default()
            .push_back(fault);
    }

    /// Adds `count` End-Users directly to the store (no HTTP), alternating individuals and
    /// businesses, as if created in that order: a large list without a request per item.
    #[allow(dead_code)] // The client bench's lists (tests/benches/client.rs); no test uses it.
    pub(crate) fn seed_end_users(&self, count: usize) {
        let mut store = self.shared.store.lock().unwrap();
        for i in 0..count {
            let kind = if i % 2 == 0 { "individual" } else { "business" };
            let form = [
                ("FriendlyName".to_owned(), format!("Seeded End-User {i}")),
                ("Type".to_owned(), kind.to_owned()),
                (
                    "Attributes".to_owned(),
                    format!(r#"{{"first_name":"Seeded","last_name":"No. {i}"}}"#),
                ),
            ];
            store
                .create_end_user(&form)
                .expect("a seeded End-User is valid");
        }
    }

    pub(crate) fn end_user_count(&self) -> usize {
        self.shared.store.lock().unwrap().end_user_count()
    }
}

/// Which operation a request is for, and the SID in its path if any.
fn route(method: &Method, path: &str) -> Result<(Route, Option<String>), TwilioError> {
    let not_found = || TwilioError::not_found(path);
    let sid = path.strip_prefix(END_USERS_PATH).ok_or_else(not_found)?;
    let sid = match sid {
        "" => None,
        rest => Some(
            rest.strip_prefix('/')
                .filter(|sid| !sid.is_empty() && !sid.contains('/'))
                .ok_or_else(not_found)?
                .to_owned(),
        ),
    };
    let route = match (sid.is_some(), method.as_str()) {
        (false, "GET") => Route::ListEndUsers,
        (false, "POST") => Route::CreateEndUser,
        (true, "GET") => Route::FetchEndUser,
        (true, "POST") => Route::UpdateEndUser,
        (true, "DELETE") => Route::DeleteEndUser,
        _ => return Err(TwilioError::method_not_allowed(method.as_str())),
    };
    Ok((route, sid))
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let recorded = Recorded {
        method: method.clone(),
        query: uri.query().map(str::to_owned),
        body: body.to_vec(),
    };
    let (query, form) = (recorded.query_pairs(), recorded.form_pairs());
    shared.requests.lock().unwrap().push(recorded);

    let (route, sid) = match route(&method, uri.path()) {
        Ok(found) => found,
        Err(error) => return error_response(&error),
    };
    let fault = shared
        .faults
        .lock()
        .unwrap()
        .get_mut(&route)
        .and_then(VecDeque::pop_front);
    match &fault {
        Some(Fault::Reply {
            status,
            headers,
            body,
        }) => return scripted(*status, headers, &body.replace("{origin}", &shared.origin)),
        Some(Fault::Delay(delay)) => tokio::time::sleep(*delay).await,
        _ => {}
    }
    if !authorized(&headers) {
        return error_response(&TwilioError::unauthenticated());
    }

    let answer = {
        let mut store = shared.store.lock().unwrap();
        let path = uri.path();
        let sid = sid.as_deref().unwrap_or_default();
        let found = |value: Option<Value>| value.ok_or_else(|| TwilioError::not_found(path));
        match route {
            Route::ListEndUsers => store.list_end_users(&query).map(|v| (StatusCode::OK, v)),
            Route::CreateEndUser => store
                .create_end_user(&form)
                .map(|v| (StatusCode::CREATED, v)),
            Route::FetchEndUser => found(store.fetch_end_user(sid)).map(|v| (StatusCode::OK, v)),
            Route::UpdateEndUser => match store.update_end_user(sid, &form) {
                Some(result) => result.map(|v| (StatusCode::OK, v)),
                None => Err(TwilioError::not_found(path)),
            },
            Route::DeleteEndUser => {
                if store.delete_end_user(sid) {
                    Ok((StatusCode::NO_CONTENT, Value::Null))
                } else {
                    Err(TwilioError::not_found(path))
                }
            }
        }
    };
    let (status, mut body) = match answer {
        Ok(answer) => answer,
        Err(error) => return error_response(&error),
    };
    if status == StatusCode::NO_CONTENT {
        return with_request_id(status.into_response());
    }
    if let Some(Fault::NextPageUrl(url)) = &fault {
        body["meta"]["next_page_url"] = Value::String(url.clone());
    }
    let text = body.to_string();
    if let Some(Fault::CutBody) = fault {
        return cut_body(status, text);
    }
    json_response(status, text)
}

fn authorized(headers: &HeaderMap) -> bool {
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{ACCOUNT_SID}:{AUTH_TOKEN}"))
    );
    headers
        .get(header::AUTHORIZATION)
        .map(HeaderValue::as_bytes)
        == Some(expected.as_bytes())
}
