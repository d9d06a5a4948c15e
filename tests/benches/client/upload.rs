//! Peak heap of a multipart upload: a 50 MiB file sent from disk (streamed in 64 KiB chunks),
//! next to a 5 MiB one and to the same 50 MiB given as bytes in memory. The upload goes to a
//! local host that reads the body chunk by chunk and keeps nothing, so the figure is the
//! client's (plus the server's chunk buffers).

use std::sync::atomic::Ordering;

use futures_util::StreamExt;
use twilio_numbers_v2::params::UploadSupportingDocumentParams;
use twilio_numbers_v2::{Client, Credentials, FilePart};

use super::RUNTIME;
use super::heap::{LIVE, PEAK};

const MIB: usize = 1024 * 1024;

/// A server on 127.0.0.1 that drains each request body and answers with a document.
async fn draining_server() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let app = axum::Router::new().fallback(|body: axum::body::Body| async move {
        let mut stream = body.into_data_stream();
        let mut received = 0usize;
        while let Some(Ok(chunk)) = stream.next().await {
            received += chunk.len();
        }
        let sid = "RD0123456789abcdef0123456789abcdef";
        (
            axum::http::StatusCode::CREATED,
            [("content-type", "application/json")],
            format!(r#"{{"sid":"{sid}","friendly_name":"{received} bytes"}}"#),
        )
    });
    tokio::spawn(async move { axum::serve(listener, app).await });
    origin
}

/// Uploads `file`, returning the peak heap above what was live before, in bytes.
fn peak_of(client: &Client, file: FilePart) -> usize {
    let params = UploadSupportingDocumentParams::new("Scan", "utility_bill", file);
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let document = RUNTIME
        .block_on(client.upload_supporting_document(&params))
        .unwrap();
    assert!(document.friendly_name.is_some());
    PEAK.load(Ordering::Relaxed) - before
}

pub(super) fn report_upload_peak_heap() {
    let origin = RUNTIME.block_on(draining_server());
    let client = Client::builder(Credentials::new(super::ACCOUNT_SID, super::AUTH_TOKEN).unwrap())
        .base_url(origin.clone())
        .operation_server(
            "https://numbers-upload.twilio.com/v2",
            format!("{origin}/v2"),
        )
        .allow_insecure_http(true)
        .max_upload_size(64 * MIB as u64)
        .build()
        .unwrap();
    let dir = std::env::temp_dir().join(format!("upload-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    println!("\nupload peak heap (every thread, client and draining server together):");
    for size in [5 * MIB, 50 * MIB] {
        let path = dir.join(format!("scan-{size}.pdf"));
        std::fs::write(&path, vec![0x25u8; size]).unwrap();
        let file = RUNTIME.block_on(FilePart::from_path(&path)).unwrap();
        let peak = peak_of(&client, file);
        println!(
            "  {:>2} MiB file from disk:     {:.2} MB above the heap before",
            size / MIB,
            peak as f64 / 1e6
        );
    }
    let bytes = FilePart::from_bytes(vec![0x25u8; 50 * MIB]);
    let peak = peak_of(&client, bytes);
    println!(
        "  50 MiB file given as bytes: {:.2} MB above the heap before (the bytes themselves \
         were allocated before)",
        peak as f64 / 1e6
    );
    let _ = std::fs::remove_dir_all(&dir);
}
