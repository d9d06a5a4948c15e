//! `https` goes through rustls with the ring provider: a handshake really starts, and a server
//! that cannot complete it gets neither credentials nor a request.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use super::server::{ACCOUNT_SID, AUTH_TOKEN};
use crate::runtime::{ClientBuilder, Credentials, Error, Method, RequestSpec, RetryPolicy};

#[tokio::test]
async fn https_starts_a_tls_handshake_and_a_failed_one_sends_nothing() {
    // A plain TCP server that answers whatever arrives with plaintext HTTP, as a misconfigured
    // proxy would.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut first = vec![0u8; 512];
        let n = socket.read(&mut first).await.unwrap();
        first.truncate(n);
        let _ = socket
            .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}")
            .await;
        first
    });

    let client = ClientBuilder::new(Credentials::new(ACCOUNT_SID, AUTH_TOKEN).unwrap())
        .base_url(format!("https://127.0.0.1:{port}"))
        .retry_policy(RetryPolicy::disabled())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let request = RequestSpec::new(
        Method::Get,
        "FetchEndUser",
        "/v2/RegulatoryCompliance/EndUsers/{Sid}",
        &["IT0123456789abcdef0123456789abcdef"],
    );
    let result = client.send_json::<serde_json::Value>(request).await;

    let first = server.await.unwrap();
    // 0x16 is a TLS handshake record: the client opened with a ClientHello, not with HTTP.
    assert_eq!(
        first.first(),
        Some(&0x16),
        "the client did not start TLS: {first:?}"
    );
    let text = String::from_utf8_lossy(&first);
    assert!(
        !text.contains("Authorization") && !text.contains("GET "),
        "{text}"
    );
    assert!(matches!(result, Err(Error::Transport { .. })), "{result:?}");
}
