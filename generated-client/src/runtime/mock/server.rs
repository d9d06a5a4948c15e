//! The mock server: an axum server on 127.0.0.1 answering from the registered expectations.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::Response;

use super::expectation::{Answer, Expectation, Then, When, error_answer};
use super::matching::{Outcome, check};
use super::request::MockRequest;
use crate::runtime::{Client, ClientBuilder, Credentials};

/// The Account SID of [`MockServer::client`]'s credentials.
pub const TEST_ACCOUNT_SID: &str = "AC00000000000000000000000000000000";
/// The Auth Token of [`MockServer::client`]'s credentials.
pub const TEST_AUTH_TOKEN: &str = "mock-auth-token";
/// The access token of [`MockServer::client`] (for operations with bearer authentication).
pub const TEST_ACCESS_TOKEN: &str = "mock-access-token";

/// The largest request body the server reads.
const MAX_BODY: usize = 16 * 1024 * 1024;

/// A fake of the API on 127.0.0.1, answering from expectations.
///
/// Dropping it stops it and runs [`verify`](Self::verify) (unless the thread is already
/// panicking).
pub struct MockServer {
    shared: Arc<Shared>,
    address: SocketAddr,
    /// One listener per server an operation declares for itself (`OPERATION_SERVERS`): the
    /// declared URL and the local origin standing in for it.
    operation_servers: Vec<(&'static str, SocketAddr, String)>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

/// Which of the API's hosts a listener stands in for.
#[derive(Clone)]
struct Host {
    shared: Arc<Shared>,
    /// The declared server (`None`: the base URL).
    server: Option<&'static str>,
    /// The path of that server's URL, stripped from requests before matching.
    base_path: String,
}

/// The state the server task and the test share.
pub(crate) struct Shared {
    state: Mutex<ServerState>,
    /// The path of the API's default base URL (`/api` for `https://host/api`), stripped from
    /// requests before matching.
    base_path: String,
}

/// The path of `url` without its trailing `/` (empty for none, or for a URL that does not
/// parse).
fn path_of(url: &str) -> String {
    url::Url::parse(url)
        .map(|url| url.path().trim_end_matches('/').to_owned())
        .unwrap_or_default()
}

/// Binds a free port of 127.0.0.1 and serves `host` on it, on the current tokio runtime.
async fn listen(host: Host) -> (SocketAddr, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("the mock server cannot bind 127.0.0.1: {e}"));
    let address = listener
        .local_addr()
        .unwrap_or_else(|e| panic!("the mock server has no local address: {e}"));
    let app = axum::Router::new().fallback(handle).with_state(host);
    let task = tokio::spawn(async move {
        // The server runs until the task is aborted when the MockServer is dropped.
        let _ = axum::serve(listener, app).await;
    });
    (address, task)
}

#[derive(Default)]
struct ServerState {
    expectations: Vec<Registered>,
    /// The message of every request no expectation matched.
    unmatched: Vec<String>,
}

pub(crate) struct Registered {
    pub(crate) when: When,
    pub(crate) then: Then,
    pub(crate) hits: usize,
    pub(crate) times: Option<usize>,
    /// May answer no request at all without failing `verify` (a route of a stateful fake).
    pub(crate) optional: bool,
    /// Forgotten by [`MockServer::reset`]: never matches, never verified.
    pub(crate) retired: bool,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, ServerState> {
        // A panicking test thread must not hide the server's report behind a poisoned lock.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn with_expectation<R>(
        &self,
        index: usize,
        f: impl FnOnce(&mut Registered) -> R,
    ) -> R {
        let mut state = self.lock();
        f(&mut state.expectations[index])
    }

    /// Every unmatched request's message, as a paragraph to append (empty when none).
    pub(crate) fn unmatched_report(&self) -> String {
        let state = self.lock();
        if state.unmatched.is_empty() {
            return String::new();
        }
        let mut out = String::from("\nrequests no expectation matched:");
        for message in &state.unmatched {
            out.push_str("\n- ");
            out.push_str(message);
        }
        out
    }

    /// Picks the expectation that answers `request` and counts the hit; else records why none
    /// does. Returns the answer, its headers and delay.
    fn answer(
        &self,
        request: &MockRequest,
    ) -> (Answer, Vec<(String, String)>, Duration, &'static str) {
        let mut state = self.lock();
        let mut closest: Option<(usize, Outcome)> = None;
        for (index, registered) in state.expectations.iter().enumerate() {
            if registered.retired {
                continue;
            }
            let mut outcome = check(&registered.when, request);
            let exhausted = registered.times.is_some_and(|n| registered.hits >= n);
            if outcome.is_match() && !exhausted {
                let registered = &mut state.expectations[index];
                registered.hits += 1;
                let then = &registered.then;
                let template = registered.when.template;
                return (
                    then.answer.clone(),
                    then.headers.clone(),
                    then.delay,
                    template,
                );
            }
            if outcome.is_match() {
                let n = registered.times.unwrap_or_default();
                outcome
                    .mismatches
                    .push(format!("already answered its {n} request(s)"));
            }
            if closest
                .as_ref()
                .is_none_or(|(_, best)| outcome.score() > best.score())
            {
                closest = Some((index, outcome));
            }
        }
        let route = format!("{} {}", request.method(), request.path());
        let message = match closest {
            None => format!("no expectation matched {route}: the server has no expectations"),
            Some((index, outcome)) => format!(
                "no expectation matched {route}; closest is expectation #{} {}: {}",
                index + 1,
                state.expectations[index].when.label(),
                outcome.describe()
            ),
        };
        state.unmatched.push(message.clone());
        (
            error_answer(418, None, &message),
            Vec::new(),
            Duration::ZERO,
            "",
        )
    }
}

impl MockServer {
    /// Starts a server on a free port of 127.0.0.1, on the current tokio runtime.
    ///
    /// # Panics
    ///
    /// When no port can be bound on 127.0.0.1, or outside a tokio runtime.
    pub async fn start() -> Self {
        let base_path = path_of(crate::generated::DEFAULT_BASE_URL);
        let shared = Arc::new(Shared {
            state: Mutex::new(ServerState::default()),
            base_path: base_path.clone(),
        });
        let (address, task) = listen(Host {
            shared: Arc::clone(&shared),
            server: None,
            base_path,
        })
        .await;
        let mut tasks = vec![task];
        let mut operation_servers = Vec::new();
        // A port of its own per declared server, so the same path on two hosts (Numbers' upload
        // host and its main host) reaches the expectations of the right operation.
        for &server in crate::generated::OPERATION_SERVERS {
            let base_path = path_of(server);
            let (address, task) = listen(Host {
                shared: Arc::clone(&shared),
                server: Some(server),
                base_path: base_path.clone(),
            })
            .await;
            tasks.push(task);
            operation_servers.push((server, address, base_path));
        }
        Self {
            shared,
            address,
            operation_servers,
            tasks,
        }
    }

    /// The origin and base path requests go to (`http://127.0.0.1:PORT`).
    pub fn base_url(&self) -> String {
        format!("http://{}{}", self.address, self.shared.base_path)
    }

    /// The local URL standing in for `declared`, a server that operations declare as their own
    /// (an upload host), or `None` when no operation declares it. [`client`](Self::client)
    /// already sends those operations there.
    pub fn operation_server_url(&self, declared: &str) -> Option<String> {
        self.operation_servers
            .iter()
            .find(|(server, _, _)| *server == declared)
            .map(|(_, address, path)| format!("http://{address}{path}"))
    }

    /// A client of this server: test credentials ([`TEST_ACCOUNT_SID`], [`TEST_AUTH_TOKEN`],
    /// [`TEST_ACCESS_TOKEN`]), plain `http` allowed, operations with servers of their own sent
    /// to this server's stand-ins for them, every other setting at its default.
    ///
    /// # Panics
    ///
    /// Never in practice: the settings are fixed and valid.
    pub fn client(&self) -> Client {
        self.client_builder()
            .build()
            .unwrap_or_else(|e| panic!("the mock client cannot be built: {e}"))
    }

    /// [`client`](Self::client)'s builder, to change a setting (retries, timeout) first.
    pub fn client_builder(&self) -> ClientBuilder {
        let credentials = Credentials::new(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN)
            .unwrap_or_else(|e| panic!("the test credentials are refused: {e}"));
        let mut builder = Client::builder(credentials)
            .base_url(self.base_url())
            .allow_insecure_http(true)
            .access_token(TEST_ACCESS_TOKEN);
        for (server, address, path) in &self.operation_servers {
            builder = builder.operation_server(*server, format!("http://{address}{path}"));
        }
        builder
    }

    /// Registers an expectation; the generated `expect_<operation>` methods call it. Earlier
    /// expectations are tried first.
    pub fn expect(&self, when: When, then: Then) -> Expectation {
        let mut state = self.shared.lock();
        state.expectations.push(Registered {
            when,
            then,
            hits: 0,
            times: None,
            optional: false,
            retired: false,
        });
        Expectation {
            shared: Arc::clone(&self.shared),
            index: state.expectations.len() - 1,
        }
    }

    /// Every request no expectation matched so far: why, with the closest expectation.
    pub fn unmatched(&self) -> Vec<String> {
        self.shared.lock().unmatched.clone()
    }

    /// Forgets every expectation and every unmatched request, as a fresh server (a test that
    /// checked a failure on purpose calls it, so dropping the server does not fail again).
    pub fn reset(&self) {
        let mut state = self.shared.lock();
        // Kept, retired, so the handles of earlier expectations stay valid.
        for registered in &mut state.expectations {
            registered.retired = true;
        }
        state.unmatched.clear();
    }

    /// Panics when a request matched no expectation, or an expectation was not met: one with
    /// [`Expectation::times`] answered another number of requests, any other answered none
    /// (unless it is [`optional`](Expectation::optional)).
    pub fn verify(&self) {
        let mut problems = Vec::new();
        {
            let state = self.shared.lock();
            for (index, e) in state.expectations.iter().enumerate() {
                if e.retired {
                    continue;
                }
                let label = e.when.label();
                match e.times {
                    Some(n) if e.hits != n => problems.push(format!(
                        "expectation #{} {label}: expected {n} request(s), got {}",
                        index + 1,
                        e.hits
                    )),
                    None if e.hits == 0 && !e.optional => problems.push(format!(
                        "expectation #{} {label}: no request matched it",
                        index + 1
                    )),
                    _ => {}
                }
            }
            problems.extend(state.unmatched.iter().cloned());
        }
        if !problems.is_empty() {
            panic!(
                "the mock server was not used as expected:\n- {}",
                problems.join("\n- ")
            );
        }
    }
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer")
            .field("address", &self.address)
            .finish_non_exhaustive()
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
        if !std::thread::panicking() {
            self.verify();
        }
    }
}

async fn handle(State(host): State<Host>, request: Request) -> Response {
    let shared = host.shared;
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, MAX_BODY)
        .await
        .unwrap_or_default();
    let path = parts.uri.path();
    let path = path.strip_prefix(host.base_path.as_str()).unwrap_or(path);
    let request = MockRequest::new(
        parts.method,
        path.to_owned(),
        parts.uri.query(),
        parts.headers,
        body.to_vec(),
    )
    .on_server(host.server);
    let (answer, headers, delay, template) = shared.answer(&request);
    let (answer, headers, delay) = match answer {
        Answer::Handler(handler) => {
            let path_args = super::matching::capture(template, request.path()).unwrap_or_default();
            let request = request.with_path_args(path_args);
            let mut then = Then::new("handler");
            then.headers = headers;
            then.delay = delay;
            let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                handler(&request, &mut then);
            }));
            match ran {
                Ok(()) => (then.answer, then.headers, then.delay),
                Err(payload) => {
                    // Recorded like an unmatched request, so `verify` reports it.
                    let why = payload
                        .downcast_ref::<String>()
                        .map(String::as_str)
                        .or_else(|| payload.downcast_ref::<&str>().copied())
                        .unwrap_or("(no message)");
                    let message = format!(
                        "the handler answering {} {} panicked: {why}",
                        request.method(),
                        request.path()
                    );
                    shared.lock().unmatched.push(message.clone());
                    (
                        error_answer(500, None, &message),
                        Vec::new(),
                        Duration::ZERO,
                    )
                }
            }
        }
        other => (other, headers, delay),
    };
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let (status, body) = match answer {
        Answer::Fixed { status, body } => (status, body),
        Answer::Unset | Answer::Handler(_) => {
            let message = "the expectation matched but says no answer: set one in `then`";
            match error_answer(500, None, message) {
                Answer::Fixed { status, body } => (status, body),
                _ => (500, None),
            }
        }
    };
    let mut response = Response::builder().status(status);
    if body.is_some() {
        response = response.header("content-type", "application/json");
    }
    for (name, value) in &headers {
        response = response.header(name.as_str(), value.as_str());
    }
    response
        .body(Body::from(body.unwrap_or_default()))
        .unwrap_or_else(|_| {
            let mut fallback =
                Response::new(Body::from("the expectation's answer is not valid HTTP"));
            *fallback.status_mut() = axum::http::StatusCode::INTERNAL_SERVER_ERROR;
            fallback
        })
}
