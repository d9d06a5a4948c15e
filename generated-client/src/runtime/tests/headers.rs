//! What goes on the wire: auth, headers, query strings and bodies.

use serde_json::{Value, json};

use super::server::{ACCOUNT_SID, API_KEY_SID, API_SECRET, Reply, TestServer};
use crate::runtime::{ClientBuilder, Credentials, Method, RequestSpec, WireParams};

const END_USER: &str = r#"{"sid": "IT0123456789abcdef0123456789abcdef"}"#;

fn fetch() -> RequestSpec {
    RequestSpec::new(
        Method::Get,
        "FetchEndUser",
        "/v2/RegulatoryCompliance/EndUsers/{Sid}",
        &["IT0123456789abcdef0123456789abcdef"],
    )
}

#[tokio::test]
async fn sends_basic_auth_with_account_sid_and_token() {
    let server = TestServer::start(vec![Reply::json(200, END_USER)]).await;
    let client = server.builder().build().unwrap();
    client.send_json::<Value>(fetch()).await.unwrap();
    let request = &server.requests()[0];
    // base64("AC0123456789abcdef0123456789abcdef:test-auth-token")
    assert_eq!(
        request.header("authorization"),
        Some("Basic QUMwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZjp0ZXN0LWF1dGgtdG9rZW4=")
    );
    assert_eq!(request.method, reqwest::Method::GET);
    assert_eq!(
        request.path,
        "/v2/RegulatoryCompliance/EndUsers/IT0123456789abcdef0123456789abcdef"
    );
}

#[tokio::test]
async fn sends_basic_auth_with_api_key_and_secret() {
    let server = TestServer::start(vec![Reply::json(200, END_USER)]).await;
    let credentials = Credentials::api_key(API_KEY_SID, API_SECRET, ACCOUNT_SID).unwrap();
    let client = ClientBuilder::new(credentials)
        .base_url(server.url())
        .allow_insecure_http(true)
        .build()
        .unwrap();
    client.send_json::<Value>(fetch()).await.unwrap();
    // base64("SK0123456789abcdef0123456789abcdef:test-api-secret")
    assert_eq!(
        server.requests()[0].header("authorization"),
        Some("Basic U0swMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZjp0ZXN0LWFwaS1zZWNyZXQ=")
    );
}

#[tokio::test]
async fn sends_user_agent_with_extensions_and_accept_json() {
    let server = TestServer::start(vec![Reply::json(200, END_USER)]).await;
    let client = server
        .builder()
        .user_agent_extension("my-app/1.0")
        .user_agent_extension("batch-job")
        .build()
        .unwrap();
    client.send_json::<Value>(fetch()).await.unwrap();
    let request = &server.requests()[0];
    let agent = request.header("user-agent").unwrap();
    let prefix = format!(
        "{}/{} ({} {}) rust/",
        env!("CARGO_PKG_NAME"),
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH
    );
    assert!(agent.starts_with(&prefix), "{agent}");
    assert!(agent.ends_with(" my-app/1.0 batch-job"), "{agent}");
    assert_eq!(agent, client.user_agent());
    assert_eq!(request.header("accept"), Some("application/json"));
}

#[tokio::test]
async fn form_body_is_exact_twilio_encoding() {
    let server = TestServer::start(vec![Reply::json(201, END_USER)]).await;
    let client = server.builder().build().unwrap();
    let mut form = WireParams::new();
    form.push("FriendlyName", "Harbour Street Bakery");
    form.push("Type", "business");
    form.push("Attributes", &json!({"business_name": "H&S"}));
    form.push("Tags", &vec!["a".to_owned(), "b".to_owned()]);
    form.push("Active", &true);
    form.push_opt::<str>("Missing", None);
    let request = RequestSpec::new(
        Method::Post,
        "CreateEndUser",
        "/v2/RegulatoryCompliance/EndUsers",
        &[],
    )
    .form(form);
    let response = client.send_json::<Value>(request).await.unwrap();
    assert_eq!(response.status(), 201);
    let recorded = &server.requests()[0];
    assert_eq!(recorded.method, reqwest::Method::POST);
    assert_eq!(
        recorded.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        String::from_utf8(recorded.body.clone()).unwrap(),
        "FriendlyName=Harbour+Street+Bakery&Type=business\
         &Attributes=%7B%22business_name%22%3A%22H%26S%22%7D&Tags=a&Tags=b&Active=true"
    );
}

#[tokio::test]
async fn query_parameters_are_encoded_in_order() {
    let server = TestServer::start(vec![Reply::json(200, "{}")]).await;
    let client = server.builder().build().unwrap();
    let mut query = WireParams::new();
    query.push("PageSize", &50i64);
    query.push("PageToken", "PT a/b");
    let request = RequestSpec::new(
        Method::Get,
        "ListEndUser",
        "/v2/RegulatoryCompliance/EndUsers",
        &[],
    )
    .query(query);
    client.send_json::<Value>(request).await.unwrap();
    let recorded = &server.requests()[0];
    assert_eq!(
        recorded.query.as_deref(),
        Some("PageSize=50&PageToken=PT+a%2Fb")
    );
    assert_eq!(recorded.body, b"");
    assert_eq!(recorded.header("content-type"), None);
}

#[tokio::test]
async fn json_body_is_sent_as_json() {
    let server = TestServer::start(vec![Reply::json(200, "{}")]).await;
    let client = server.builder().build().unwrap();
    let request = RequestSpec::new(Method::Post, "Op", "/v2/X", &[])
        .json(&json!({"a": [1, 2]}))
        .unwrap();
    client.send_json::<Value>(request).await.unwrap();
    let recorded = &server.requests()[0];
    assert_eq!(recorded.header("content-type"), Some("application/json"));
    assert_eq!(recorded.body, br#"{"a":[1,2]}"#);
}

#[tokio::test]
async fn response_exposes_status_headers_and_request_id() {
    let server = TestServer::start(vec![
        Reply::json(200, END_USER).header("twilio-request-id", "RQ0123"),
    ])
    .await;
    let client = server.builder().build().unwrap();
    let response = client.send_json::<Value>(fetch()).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.request_id(), Some("RQ0123"));
    assert_eq!(
        response.headers().get("content-type").unwrap(),
        "application/json"
    );
    let sid = response.map(|body| body["sid"].as_str().unwrap().to_owned());
    assert_eq!(sid.into_body(), "IT0123456789abcdef0123456789abcdef");
}

#[tokio::test]
async fn send_empty_ignores_any_body() {
    let server = TestServer::start(vec![
        Reply::json(204, ""),
        Reply::html(200, "not json at all"),
    ])
    .await;
    let client = server.builder().build().unwrap();
    let delete = || RequestSpec::new(Method::Delete, "DeleteEndUser", "/v2/X/{Sid}", &["IT1"]);
    assert_eq!(client.send_empty(delete()).await.unwrap().status(), 204);
    assert_eq!(client.send_empty(delete()).await.unwrap().status(), 200);
    assert_eq!(server.requests()[0].method, reqwest::Method::DELETE);
}
