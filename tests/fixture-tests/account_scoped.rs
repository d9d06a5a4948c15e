//! Runs inside the crate generated from `tests/it/fixtures/ok/account_scoped.yaml` (see
//! `.ci/run`): account-scoped paths take the client's own account, or a subaccount named with
//! `Client::for_account`, against a local server that records the paths it is asked for.

use std::sync::{Arc, Mutex};

use account_scoped::sids::NoteSid;
use account_scoped::{Client, Credentials};
use axum::extract::State;
use axum::http::Uri;
use axum::routing::get;

const OWN: &str = "AC00000000000000000000000000000001";
const SUB: &str = "AC0000000000000000000000000000000b";

type Seen = Arc<Mutex<Vec<String>>>;

async fn answer(State(seen): State<Seen>, uri: Uri) -> axum::Json<serde_json::Value> {
    seen.lock().unwrap().push(uri.path().to_owned());
    axum::Json(serde_json::json!({"sid": "NO00000000000000000000000000000002", "body": "hi"}))
}

async fn server() -> (Client, Seen) {
    let seen: Seen = Arc::default();
    let app = axum::Router::new()
        .route("/{*rest}", get(answer))
        .with_state(Arc::clone(&seen));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let credentials = Credentials::new(OWN, "token").unwrap();
    let client = Client::builder(credentials)
        .base_url(origin)
        .allow_insecure_http(true)
        .build()
        .unwrap();
    (client, seen)
}

#[tokio::test]
async fn the_path_names_the_clients_own_account_or_the_subaccount_asked_for() {
    let (client, seen) = server().await;
    let note: NoteSid = "NO00000000000000000000000000000002".parse().unwrap();
    client.fetch_note(&note).await.unwrap();
    let sub = client.for_account(SUB).unwrap();
    assert_eq!(sub.account_sid(), SUB);
    sub.fetch_note(&note).await.unwrap();
    // The original client is unchanged.
    client.fetch_note(&note).await.unwrap();
    assert_eq!(
        *seen.lock().unwrap(),
        [
            format!("/2010-04-01/Accounts/{OWN}/Notes/{note}.json"),
            format!("/2010-04-01/Accounts/{SUB}/Notes/{note}.json"),
            format!("/2010-04-01/Accounts/{OWN}/Notes/{note}.json"),
        ]
    );
}

#[tokio::test]
async fn a_malformed_subaccount_is_refused_before_any_request() {
    let (client, seen) = server().await;
    assert!(client.for_account("AC123").is_err());
    assert!(client.for_account("XX00000000000000000000000000000001").is_err());
    assert!(seen.lock().unwrap().is_empty());
}
