//! A scripted HTTP server on 127.0.0.1 that records every request it receives.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::IntoResponse;

use crate::runtime::{ClientBuilder, Credentials, RetryPolicy};

pub(super) const ACCOUNT_SID: &str = "AC0123456789abcdef0123456789abcdef";
pub(super) const AUTH_TOKEN: &str = "test-auth-token";
pub(super) const API_KEY_SID: &str = "SK0123456789abcdef0123456789abcdef";
pub(super) const API_SECRET: &str = "test-api-secret";

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub(super) struct Recorded {
    pub(super) method: Method,
    pub(super) path: String,
    pub(super) query: Option<String>,
    pub(super) headers: HeaderMap,
    pub(super) body: Vec<u8>,
}

impl Recorded {
    pub(super) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// One scripted answer. `{base}` in the body is replaced by the server's own origin.
#[derive(Debug, Clone)]
pub(super) struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: String,
    delay: Duration,
    /// Instead of `body`: this many spaces (JSON whitespace), streamed in 64 KiB chunks, with
    /// a Content-Length header when the flag is set.
    streamed: Option<(u64, bool)>,
}

/// One chunk of a streamed body.
static CHUNK: [u8; 64 * 1024] = [b' '; 64 * 1024];

impl Reply {
    pub(super) fn json(status: u16, body: impl Into<String>) -> Self {
        Self {
            status,
            headers: vec![("content-type", "application/json".to_owned())],
            body: body.into(),
            delay: Duration::ZERO,
            streamed: None,
        }
    }

    /// `len` bytes of spaces labelled `content_type`, streamed as the client reads them; with
    /// a Content-Length header only when `announce` is set (else chunked).
    pub(super) fn streamed(status: u16, content_type: &str, len: u64, announce: bool) -> Self {
        Self {
            headers: vec![("content-type", content_type.to_owned())],
            streamed: Some((len, announce)),
            ..Self::json(status, "")
        }
    }

    pub(super) fn html(status: u16, body: impl Into<String>) -> Self {
        Self {
            headers: vec![("content-type", "text/html".to_owned())],
            ..Self::json(status, body)
        }
    }

    pub(super) fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    pub(super) fn delayed(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

/// Answers the `n`th request (0-based) once the scripted replies are used up.
type Responder = Box<dyn Fn(usize, &Recorded) -> Reply + Send + Sync>;

#[derive(Default)]
struct Shared {
    base: String,
    requests: Mutex<Vec<Recorded>>,
    replies: Mutex<VecDeque<Reply>>,
    responder: Option<Responder>,
    /// Bytes of streamed bodies handed to the connection so far.
    streamed_bytes: Arc<AtomicU64>,
}

/// A running server; it stops with the test's runtime.
pub(super) struct TestServer {
    shared: Arc<Shared>,
}

impl TestServer {
    pub(super) async fn start(replies: Vec<Reply>) -> Self {
        Self::start_with(replies, None).await
    }

    /// A server that answers every request with `responder(n, request)`, for as long as the
    /// client keeps asking.
    pub(super) async fn answering(
        responder: impl Fn(usize, &Recorded) -> Reply + Send + Sync + 'static,
    ) -> Self {
        Self::start_with(Vec::new(), Some(Box::new(responder))).await
    }

    async fn start_with(replies: Vec<Reply>, responder: Option<Responder>) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(Shared {
            base: format!("http://{addr}"),
            requests: Mutex::default(),
            replies: Mutex::new(replies.into()),
            responder,
            streamed_bytes: Arc::default(),
        });
        let app = axum::Router::new()
            .fallback(handle)
            .with_state(Arc::clone(&shared));
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { shared }
    }

    /// `http://127.0.0.1:{port}`
    pub(super) fn url(&self) -> &str {
        &self.shared.base
    }

    /// Bytes of streamed bodies the server has handed to its connections (what the client
    /// did not read stays unsent once it hangs up).
    pub(super) fn streamed_bytes(&self) -> u64 {
        self.shared.streamed_bytes.load(Ordering::Relaxed)
    }

    pub(super) fn requests(&self) -> Vec<Recorded> {
        self.shared.requests.lock().unwrap().clone()
    }

    /// A client builder pointed at this server, with fast retries so tests stay quick.
    pub(super) fn builder(&self) -> ClientBuilder {
        ClientBuilder::new(Credentials::new(ACCOUNT_SID, AUTH_TOKEN).unwrap())
            .base_url(self.url())
            .allow_insecure_http(true)
            .retry_policy(fast_retries())
    }
}

pub(super) fn fast_retries() -> RetryPolicy {
    RetryPolicy::new()
        .with_max_attempts(3)
        .with_base_delay(Duration::from_millis(1))
        .with_max_delay(Duration::from_millis(20))
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> axum::response::Response {
    let recorded = Recorded {
        method,
        path: uri.path().to_owned(),
        query: uri.query().map(str::to_owned),
        headers,
        body: body.to_vec(),
    };
    let count = {
        let mut requests = shared.requests.lock().unwrap();
        requests.push(recorded.clone());
        requests.len() - 1
    };
    let scripted = shared.replies.lock().unwrap().pop_front();
    let reply = scripted.or_else(|| {
        let responder = shared.responder.as_ref()?;
        Some(responder(count, &recorded))
    });
    let Some(reply) = reply else {
        return (StatusCode::IM_A_TEAPOT, "no scripted reply left").into_response();
    };
    tokio::time::sleep(reply.delay).await;
    let status = StatusCode::from_u16(reply.status).unwrap();
    let mut response = match reply.streamed {
        None => (status, reply.body.replace("{base}", &shared.base)).into_response(),
        Some((len, announce)) => {
            let counter = Arc::clone(&shared.streamed_bytes);
            let chunks = (0..len.div_ceil(CHUNK.len() as u64)).map(move |n| {
                let start = n * CHUNK.len() as u64;
                let size = (len - start).min(CHUNK.len() as u64) as usize;
                counter.fetch_add(size as u64, Ordering::Relaxed);
                Ok::<_, std::convert::Infallible>(Bytes::from_static(&CHUNK[..size]))
            });
            let mut response = (
                status,
                Body::from_stream(futures_util::stream::iter(chunks)),
            )
                .into_response();
            if announce {
                response
                    .headers_mut()
                    .insert(axum::http::header::CONTENT_LENGTH, HeaderValue::from(len));
            }
            response
        }
    };
    for (name, value) in reply.headers {
        response.headers_mut().insert(
            HeaderName::from_static(name),
            HeaderValue::from_str(&value).unwrap(),
        );
    }
    response
}
