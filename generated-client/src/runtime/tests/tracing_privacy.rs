//! What the client tells `tracing`: enough to debug (operation, template, status, request id,
//! retries), never credentials, bodies or query values.

use std::fmt::{Debug, Write as _};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use reqwest::Method;
use serde_json::Value;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

use super::server::{AUTH_TOKEN, Reply, TestServer, fast_retries};
use crate::runtime::{RequestSpec, WireParams};

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

// Current-thread runtime, so the thread-local subscriber sees the client's events.
#[tokio::test(flavor = "current_thread")]
async fn traces_request_and_retry_without_secrets_bodies_or_query_values() {
    let server = TestServer::start(vec![
        Reply::json(503, r#"{"message": "busy"}"#),
        Reply::json(200, r#"{"email": "jane@example.com"}"#).header("twilio-request-id", "RQ42"),
    ])
    .await;
    let client = server
        .builder()
        .retry_policy(fast_retries())
        .build()
        .unwrap();
    let capture = Capture::default();
    let lines = Arc::clone(&capture.lines);
    let _guard = tracing::subscriber::set_default(capture);

    let mut query = WireParams::new();
    query.push("PageToken", "query-value-secret");
    let mut form = WireParams::new();
    form.push("Email", "jane@example.com");
    let request = RequestSpec::new(
        Method::POST,
        "UpdateEndUser",
        "/v2/RegulatoryCompliance/EndUsers/{Sid}",
        "/v2/RegulatoryCompliance/EndUsers/IT0123456789abcdef0123456789abcdef".to_owned(),
    )
    .query(query)
    .form(form);
    client.send_json::<Value>(request).await.unwrap();

    let lines = lines.lock().unwrap().join("\n");
    assert!(
        lines.contains("operation=\"UpdateEndUser\"")
            && lines.contains("path=\"/v2/RegulatoryCompliance/EndUsers/{Sid}\"")
            && lines.contains("method=POST"),
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
        "Basic ",
        "busy",
    ] {
        assert!(!lines.contains(secret), "{secret:?} leaked into:\n{lines}");
    }
}
