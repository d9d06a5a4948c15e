//! Runs inside the crate generated from `tests/it/fixtures/ok/headers_redirects_auth.yaml` (see
//! `.ci/run`), against a local server: an answer whose body depends on its status decodes into
//! the variant of that status.

use axum::Router;
use axum::http::StatusCode;
use axum::routing::post;
use headers_redirects_auth::models::CreateWidgetRefreshOutcome;
use headers_redirects_auth::sids::WidgetSid;
use headers_redirects_auth::{Client, Credentials};

const SID: &str = "WG0123456789abcdef0123456789abcdef";

/// A server answering every refresh with `status` and `body`, and a client for it.
async fn client_answering(status: u16, body: &'static str) -> Client {
    let app = Router::new().fallback(post(move || async move {
        let status = StatusCode::from_u16(status).unwrap();
        (status, [("content-type", "application/json")], body)
    }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let credentials = Credentials::new("AC0123456789abcdef0123456789abcdef", "token").unwrap();
    Client::builder(credentials)
        .base_url(origin)
        .allow_insecure_http(true)
        .build()
        .unwrap()
}

#[tokio::test]
async fn each_status_decodes_into_its_own_variant() {
    let sid: WidgetSid = SID.parse().unwrap();
    let widget = format!(r#"{{"sid": "{SID}", "name": "w"}}"#).leak();
    let refreshed = client_answering(200, widget).await;
    match refreshed.create_widget_refresh(&sid).await.unwrap() {
        CreateWidgetRefreshOutcome::Status200(widget) => assert_eq!(widget.name.as_deref(), Some("w")),
        other => panic!("{other:?}"),
    }
    let accepted = client_answering(202, r#"{"message": "later"}"#).await;
    match accepted.create_widget_refresh(&sid).await.unwrap() {
        CreateWidgetRefreshOutcome::Status202(answer) => {
            assert_eq!(answer.message.as_deref(), Some("later"));
        }
        other => panic!("{other:?}"),
    }
    let nothing = client_answering(204, "").await;
    assert_eq!(
        nothing.create_widget_refresh(&sid).await.unwrap(),
        CreateWidgetRefreshOutcome::Status204
    );
    // A success status the document does not declare keeps its body.
    let undeclared = client_answering(203, r#"{"a": 1}"#).await;
    match undeclared.create_widget_refresh(&sid).await.unwrap() {
        CreateWidgetRefreshOutcome::Other { status, body } => {
            assert_eq!((status, body["a"].as_i64()), (203, Some(1)));
        }
        other => panic!("{other:?}"),
    }
}
