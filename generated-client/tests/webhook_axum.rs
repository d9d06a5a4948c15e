//! End to end: a local axum app on 127.0.0.1 behind `TwilioWebhook` receives requests signed by
//! an independent signer (ring's HMAC and the signed string written out here, not the crate's
//! signing code); a stranger's or a tampered request never reaches the handler.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{FromRef, State};
use axum::routing::post;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ring::hmac;
use twilio_numbers_v2::webhook::{
    BundleStatus, BundleStatusCallback, FormParams, TwilioWebhook, Validator, WebhookConfig,
};

const AUTH_TOKEN: &str = "0123456789abcdef0123456789abcdef";
const SHARED_KEY_ID: &str = "KSaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const SHARED_SECRET: &str = "a shared key's secret";
/// Where Twilio reaches the app: a proxy in front forwards to 127.0.0.1.
const PUBLIC_BASE: &str = "https://hooks.example.com";

#[derive(Clone)]
struct AppState {
    webhook: WebhookConfig,
    bundles: Arc<Mutex<Vec<BundleStatusCallback>>>,
    forms: Arc<Mutex<Vec<FormParams>>>,
}

impl FromRef<AppState> for WebhookConfig {
    fn from_ref(state: &AppState) -> Self {
        state.webhook.clone()
    }
}

async fn bundle_status(
    State(state): State<AppState>,
    TwilioWebhook(callback): TwilioWebhook<BundleStatusCallback>,
) -> &'static str {
    state.bundles.lock().unwrap().push(callback);
    "received"
}

async fn any_form(
    State(state): State<AppState>,
    TwilioWebhook(params): TwilioWebhook,
) -> &'static str {
    state.forms.lock().unwrap().push(params);
    "received"
}

/// The app on a free port of 127.0.0.1; its state, to see what the handlers received.
async fn start() -> (String, AppState) {
    let validator = Validator::new(AUTH_TOKEN).with_shared_key(SHARED_KEY_ID, SHARED_SECRET);
    let state = AppState {
        webhook: WebhookConfig::new(validator, PUBLIC_BASE)
            .unwrap()
            .body_limit(4096),
        bundles: Arc::default(),
        forms: Arc::default(),
    };
    let app = Router::new()
        .route("/twilio/bundles", post(bundle_status))
        .route("/twilio/events", post(any_form).get(any_form))
        .with_state(state.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{address}"), state)
}

/// Twilio's signature, computed independently: the URL, then each parameter's name and value
/// sorted by name (each distinct value, sorted), HMAC with ring, base64.
fn twilio_signature(
    algorithm: hmac::Algorithm,
    key: &str,
    url: &str,
    params: &[(&str, &str)],
) -> String {
    let mut sorted: Vec<(&str, &str)> = params.to_vec();
    sorted.sort();
    sorted.dedup();
    let mut signed = url.to_owned();
    for (name, value) in sorted {
        signed += name;
        signed += value;
    }
    let key = hmac::Key::new(algorithm, key.as_bytes());
    STANDARD.encode(hmac::sign(&key, signed.as_bytes()).as_ref())
}

fn form_body(params: &[(&str, &str)]) -> String {
    let mut body = form_urlencoded::Serializer::new(String::new());
    body.extend_pairs(params);
    body.finish()
}

/// A request the app must refuse: what it is, its body, its headers.
type Attempt<'a> = (&'a str, String, Vec<(&'a str, String)>);

struct Sent {
    status: u16,
}

async fn post_form(local: &str, path: &str, body: String, headers: &[(&str, String)]) -> Sent {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::new();
    let mut request = client
        .post(format!("{local}{path}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body);
    for (name, value) in headers {
        request = request.header(*name, value);
    }
    let response = request.send().await.unwrap();
    Sent {
        status: response.status().as_u16(),
    }
}

const APPROVED: &[(&str, &str)] = &[
    ("AccountSid", "ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"),
    ("BundleSid", "BUaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
    ("Status", "twilio-approved"),
];

#[tokio::test]
async fn a_signed_bundle_status_callback_reaches_the_handler_typed() {
    let (local, state) = start().await;
    let public = format!("{PUBLIC_BASE}/twilio/bundles");
    let signature = twilio_signature(
        hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY,
        AUTH_TOKEN,
        &public,
        APPROVED,
    );
    let sent = post_form(
        &local,
        "/twilio/bundles",
        form_body(APPROVED),
        &[("X-Twilio-Signature", signature)],
    )
    .await;
    assert_eq!(sent.status, 200);
    let received = state.bundles.lock().unwrap().clone();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].bundle_sid, "BUaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    assert_eq!(received[0].status, BundleStatus::TwilioApproved);
    assert_eq!(
        received[0].account_sid.as_deref(),
        Some("ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
    );
}

#[tokio::test]
async fn strangers_and_tampered_requests_never_reach_the_handler() {
    let (local, state) = start().await;
    let public = format!("{PUBLIC_BASE}/twilio/bundles");
    let sha1 = hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY;
    let genuine = twilio_signature(sha1, AUTH_TOKEN, &public, APPROVED);
    let rejected: &[(&str, &str)] = &[
        ("AccountSid", "ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"),
        ("BundleSid", "BUaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
        ("Status", "twilio-rejected"),
    ];
    let attempts: Vec<Attempt> = vec![
        ("no signature", form_body(APPROVED), vec![]),
        (
            "signed with another token",
            form_body(APPROVED),
            vec![(
                "X-Twilio-Signature",
                twilio_signature(sha1, "not the token", &public, APPROVED),
            )],
        ),
        (
            "a genuine signature on a changed body",
            form_body(rejected),
            vec![("X-Twilio-Signature", genuine.clone())],
        ),
        (
            "signed for the address the app listens on, not the public one",
            form_body(APPROVED),
            vec![(
                "X-Twilio-Signature",
                twilio_signature(
                    sha1,
                    AUTH_TOKEN,
                    &format!("{local}/twilio/bundles"),
                    APPROVED,
                ),
            )],
        ),
        (
            "a settings header naming a key the app does not have",
            form_body(APPROVED),
            vec![
                ("X-Twilio-Signature", genuine.clone()),
                (
                    "X-Twilio-Webhooks-Signature-Settings",
                    "key=KSother,algorithm=HMAC_SHA256".to_owned(),
                ),
            ],
        ),
        (
            "a signature that is not base64",
            form_body(APPROVED),
            vec![("X-Twilio-Signature", "%%%".to_owned())],
        ),
    ];
    for (what, body, headers) in attempts {
        let sent = post_form(&local, "/twilio/bundles", body, &headers).await;
        assert_eq!(sent.status, 403, "{what}");
    }
    assert!(
        state.bundles.lock().unwrap().is_empty(),
        "no refused request reached the handler"
    );

    // Genuine but without the parameters the handler's type needs: 400, handler not run.
    let partial: &[(&str, &str)] = &[("Status", "draft")];
    let signature = twilio_signature(sha1, AUTH_TOKEN, &public, partial);
    let sent = post_form(
        &local,
        "/twilio/bundles",
        form_body(partial),
        &[("X-Twilio-Signature", signature)],
    )
    .await;
    assert_eq!(sent.status, 400);
    assert!(state.bundles.lock().unwrap().is_empty());
}

#[tokio::test]
async fn shared_keys_query_strings_and_repeated_parameters_arrive_whole() {
    let (local, state) = start().await;
    // A Webhook Rule's shared key, HMAC-SHA256; a query the URL was configured with; a name
    // sent twice.
    let path = "/twilio/events?tenant=a%20b&x=1";
    let public = format!("{PUBLIC_BASE}{path}");
    let params: &[(&str, &str)] = &[
        ("To", "+15550001111"),
        ("Digits", "9"),
        ("Digits", "1"),
        ("Body", "a+b & c"),
    ];
    let signature = twilio_signature(hmac::HMAC_SHA256, SHARED_SECRET, &public, params);
    let headers = [
        ("X-Twilio-Signature", signature),
        (
            "X-Twilio-Webhooks-Signature-Settings",
            format!("key={SHARED_KEY_ID},algorithm=HMAC_SHA256"),
        ),
    ];
    let sent = post_form(&local, path, form_body(params), &headers).await;
    assert_eq!(sent.status, 200);
    let forms = state.forms.lock().unwrap().clone();
    assert_eq!(forms.len(), 1);
    let received: Vec<(&str, &str)> = forms[0].iter().collect();
    assert_eq!(received, params, "every pair, in the order sent");
}

#[tokio::test]
async fn get_webhooks_carry_their_parameters_in_the_signed_query() {
    let (local, state) = start().await;
    let path = "/twilio/events?CallSid=CA123&Digits=42";
    // A GET is signed over the URL alone.
    let signature = twilio_signature(
        hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY,
        AUTH_TOKEN,
        &format!("{PUBLIC_BASE}{path}"),
        &[],
    );
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::new();
    let response = client
        .get(format!("{local}{path}"))
        .header("X-Twilio-Signature", &signature)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let changed = client
        .get(format!("{local}/twilio/events?CallSid=CA123&Digits=43"))
        .header("X-Twilio-Signature", &signature)
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status().as_u16(), 403);
    let forms = state.forms.lock().unwrap().clone();
    assert_eq!(forms.len(), 1, "only the signed GET reached the handler");
    assert_eq!(forms[0].get("Digits"), Some("42"));
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused_unread() {
    let (local, state) = start().await;
    let large = format!("Body={}", "x".repeat(8192));
    let sent = post_form(
        &local,
        "/twilio/events",
        large,
        &[("X-Twilio-Signature", "AAAA".to_owned())],
    )
    .await;
    assert_eq!(sent.status, 413);
    assert!(state.forms.lock().unwrap().is_empty());
}
