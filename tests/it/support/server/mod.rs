//! A local End-Users server that behaves like Twilio's Numbers v2 API: stateful End-Users with
//! generated SIDs, timestamps and absolute URLs, End-User Types, Twilio's paging and error
//! answers, basic auth. It records every request and can be told to misbehave (see [`Fault`]).
//!
//! Runs on 127.0.0.1 with an OS-assigned port, inside the calling test's tokio runtime, and
//! stops with it.

mod faults;
mod paging;
mod store;
mod twilio_error;

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use serde_json::Value;

pub use faults::{Fault, Route};
pub use paging::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
pub use store::{BUSINESS_TYPE_SID, END_USER_TYPES_PATH, END_USERS_PATH, INDIVIDUAL_TYPE_SID};
pub use twilio_error::{AUTHENTICATE, INVALID_PARAMETER, NOT_FOUND, TwilioError};

use store::Store;

/// The credentials the server accepts.
pub const ACCOUNT_SID: &str = "AC0123456789abcdef0123456789abcdef";
pub const AUTH_TOKEN: &str = "local-server-auth-token";

/// One request as it arrived.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: Method,
    pub path: String,
    pub query: Option<String>,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The query string's pairs, decoded, in order.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        decode_pairs(self.query.as_deref().unwrap_or("").as_bytes())
    }

    /// The value of one query parameter.
    pub fn query_param(&self, name: &str) -> Option<String> {
        self.query_pairs()
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }

    /// The form body's pairs, decoded, in order.
    pub fn form_pairs(&self) -> Vec<(String, String)> {
        decode_pairs(&self.body)
    }

    pub fn body_text(&self) -> &str {
        std::str::from_utf8(&self.body).expect("request bodies are UTF-8")
    }
}

fn decode_pairs(text: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(text).into_owned().collect()
}

struct Shared {
    origin: String,
    store: Mutex<Store>,
    requests: Mutex<Vec<Recorded>>,
    faults: Mutex<HashMap<Route, VecDeque<Fault>>>,
}

/// A running server. Cheap to clone; every clone sees the same state.
#[derive(Clone)]
pub struct EndUsersServer {
    shared: Arc<Shared>,
}

impl EndUsersServer {
    /// Binds 127.0.0.1 on a free port and serves until the tokio runtime stops.
    pub async fn start() -> Self {
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
    pub fn origin(&self) -> &str {
        &self.shared.origin
    }

    /// Every request received so far, in arrival order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.requests.lock().unwrap().clone()
    }

    /// Every request received so far, forgetting them (to look at one phase of a test).
    pub fn take_requests(&self) -> Vec<Recorded> {
        std::mem::take(&mut *self.shared.requests.lock().unwrap())
    }

    /// Queues `fault` for the next request on `route` that has no earlier fault queued.
    pub fn inject(&self, route: Route, fault: Fault) {
        self.shared
            .faults
            .lock()
            .unwrap()
            .entry(route)
            .or_default()
            .push_back(fault);
    }

    pub fn end_user_count(&self) -> usize {
        self.shared.store.lock().unwrap().end_user_count()
    }
}

/// Which operation a request is for, and the SID in its path if any.
fn route(method: &Method, path: &str) -> Result<(Route, Option<String>), TwilioError> {
    let not_found = || TwilioError::not_found(path);
    let (collection, sid) = if let Some(rest) = path.strip_prefix(END_USERS_PATH) {
        (true, rest)
    } else if let Some(rest) = path.strip_prefix(END_USER_TYPES_PATH) {
        (false, rest)
    } else {
        return Err(not_found());
    };
    let sid = match sid {
        "" => None,
        rest => Some(
            rest.strip_prefix('/')
                .filter(|sid| !sid.is_empty() && !sid.contains('/'))
                .ok_or_else(not_found)?
                .to_owned(),
        ),
    };
    let route = match (collection, sid.is_some(), method.as_str()) {
        (true, false, "GET") => Route::ListEndUsers,
        (true, false, "POST") => Route::CreateEndUser,
        (true, true, "GET") => Route::FetchEndUser,
        (true, true, "POST") => Route::UpdateEndUser,
        (true, true, "DELETE") => Route::DeleteEndUser,
        (false, false, "GET") => Route::ListEndUserTypes,
        (false, true, "GET") => Route::FetchEndUserType,
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
        path: uri.path().to_owned(),
        query: uri.query().map(str::to_owned),
        headers: headers.clone(),
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
            Route::ListEndUserTypes => store
                .list_end_user_types(&query)
                .map(|v| (StatusCode::OK, v)),
            Route::FetchEndUserType => {
                found(store.fetch_end_user_type(sid)).map(|v| (StatusCode::OK, v))
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
    headers.get(header::AUTHORIZATION).map(HeaderValue::as_bytes) == Some(expected.as_bytes())
}

/// Every Twilio answer carries a request id (`RQ` + 32 hex digits).
fn with_request_id(mut response: Response) -> Response {
    let id = format!("RQ{:032x}", fastrand::u128(..));
    response.headers_mut().insert(
        HeaderName::from_static("twilio-request-id"),
        HeaderValue::from_str(&id).expect("hex is a valid header value"),
    );
    response
}

fn json_response(status: StatusCode, body: String) -> Response {
    with_request_id(
        (
            status,
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            body,
        )
            .into_response(),
    )
}

fn error_response(error: &TwilioError) -> Response {
    let status = StatusCode::from_u16(error.status).expect("a valid status");
    let mut response = json_response(status, error.body().to_string());
    if error.status == 401 {
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"Twilio API\""),
        );
    }
    response
}

fn scripted(status: u16, headers: &[(&'static str, String)], body: &str) -> Response {
    let mut response = (
        StatusCode::from_u16(status).expect("a valid scripted status"),
        body.to_owned(),
    )
        .into_response();
    for (name, value) in headers {
        response.headers_mut().insert(
            HeaderName::from_static(name),
            HeaderValue::from_str(value).expect("a valid scripted header"),
        );
    }
    with_request_id(response)
}

/// Announces the whole body's length, sends the first half, then fails the body stream, which
/// makes hyper drop the connection with the body incomplete.
fn cut_body(status: StatusCode, body: String) -> Response {
    let full_length = body.len();
    let half = Bytes::from(body.into_bytes()).slice(..full_length / 2);
    let chunks: Vec<Result<Bytes, std::io::Error>> = vec![
        Ok(half),
        Err(std::io::Error::other("connection dropped mid-body")),
    ];
    let mut response = Response::new(Body::from_stream(futures_util::stream::iter(chunks)));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(full_length));
    with_request_id(response)
}
