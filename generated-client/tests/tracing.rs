//! What the client tells `tracing`: enough to debug (operation, path template, status, request
//! id, retries) and never credentials, bodies or query values.
//!
//! A test binary of its own: `tracing` caches per call site whether anyone listens, and a test
//! running in parallel could fix that answer to "no" before the capturing subscriber below is
//! installed. Alone in its process, this test sees every event.

use std::fmt::{Debug, Write as _};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use twilio_numbers_v2::params::{ListEndUserParams, UpdateEndUserParams};
use twilio_numbers_v2::sids::EndUserSid;
use twilio_numbers_v2::{Client, Credentials, RetryPolicy};

const AUTH_TOKEN: &str = "test-auth-token-do-not-log";

/// Records every span and event as one line of `name key=value ...`.
#[derive(Default)]
struct Capture {
    lines: Arc<Mutex<Vec<String>>>,
    next_id: AtomicU64,
}

struct Line<'a>(&'a mut String);

impl Visit for Line<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        let _ = write!(self.0, " {}={value:?}", field.name());
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut line = format!("span {}", span.metadata().name());
        span.record(&mut Line(&mut line));
        self.lines.lock().unwrap().push(line);
        Id::from_u64(self.next_id.fetch_add(1, Ordering::Relaxed) + 1)
    }

    fn record(&self, _: &Id, values: &Record<'_>) {
        let mut line = "record".to_owned();
        values.record(&mut Line(&mut line));
        self.lines.lock().unwrap().push(line);
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut line = format!("event {}", event.metadata().level());
        event.record(&mut Line(&mut line));
        self.lines.lock().unwrap().push(line);
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

/// Answers 503 to the first request, then an End-User (or an empty page) with a request id.
async fn start_server() -> String {
    let calls = Arc::new(AtomicUsize::new(0));
    let app = Router::new().fallback(move |request: axum::extract::Request| {
        let calls = Arc::clone(&calls);
        async move {
            if calls.fetch_add(1, Ordering::SeqCst) == 0 {
                return (StatusCode::SERVICE_UNAVAILABLE, r#"{"message": "busy"}"#).into_response();
            }
            let body = if request.method() == axum::http::Method::GET {
                r#"{"results": [], "meta": {"page": 0, "page_size": 50, "next_page_url": null, "key": "results"}}"#
            } else {
                r#"{"sid": "IT0123456789abcdef0123456789abcdef", "attributes": {"email": "jane@example.com"}}"#
            };
            let headers = [("twilio-request-id", "RQ42"), ("content-type", "application/json")];
            (headers, body).into_response()
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{address}")
}

// Current-thread runtime, so the thread-local subscriber sees the client's events.
#[tokio::test(flavor = "current_thread")]
async fn traces_requests_and_retries_without_secrets_bodies_or_query_values() {
    let base_url = start_server().await;
    let credentials = Credentials::new("AC0123456789abcdef0123456789abcdef", AUTH_TOKEN).unwrap();
    let client = Client::builder(credentials)
        .base_url(base_url)
        .allow_insecure_http(true)
        .retry_policy(
            RetryPolicy::new()
                .with_max_attempts(3)
                .with_base_delay(Duration::from_millis(1))
                .with_max_delay(Duration::from_millis(20)),
        )
        .build()
        .unwrap();
    let capture = Capture::default();
    let lines = Arc::clone(&capture.lines);
    let _guard = tracing::subscriber::set_default(capture);

    let sid: EndUserSid = "IT0123456789abcdef0123456789abcdef".parse().unwrap();
    let update = UpdateEndUserParams::default()
        .friendly_name("Jane Roe")
        .attributes(serde_json::json!({ "email": "jane@example.com" }));
    client.update_end_user(&sid, &update).await.unwrap();
    let list = ListEndUserParams::default().page_token("query-value-secret");
    client.list_end_user(&list).await.unwrap();

    let lines = lines.lock().unwrap().join("\n");
    assert!(
        lines.contains("operation=\"UpdateEndUser\"")
            && lines.contains("path=\"/v2/RegulatoryCompliance/EndUsers/{Sid}\"")
            && lines.contains("method=POST")
            && lines.contains("operation=\"ListEndUser\""),
        "{lines}"
    );
    assert!(
        lines.contains("status=503") && lines.contains("status=200"),
        "{lines}"
    );
    assert!(lines.contains("request_id=\"RQ42\""), "{lines}");
    let retry = lines
        .lines()
        .find(|line| line.contains("retrying Twilio request"))
        .unwrap_or_else(|| panic!("no retry event in:\n{lines}"));
    assert!(retry.starts_with("event WARN"), "{retry}");
    assert!(
        retry.contains("attempt=1") && retry.contains("HTTP 503"),
        "{retry}"
    );
    for secret in [
        AUTH_TOKEN,
        "query-value-secret",
        "jane@example.com",
        "jane%40example.com",
        "Jane Roe",
        "Basic ",
        "busy",
    ] {
        assert!(!lines.contains(secret), "{secret:?} leaked into:\n{lines}");
    }
}
