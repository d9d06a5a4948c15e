//! Receives a Bundle's status callbacks, safely: only requests Twilio signed reach the handler.
//!
//! ```sh
//! TWILIO_AUTH_TOKEN=... PUBLIC_BASE_URL=https://hooks.example.com \
//!   cargo run -p twilio-numbers-v2 --features axum --example bundle_status_receiver
//! ```
//!
//! Give the Bundle `StatusCallback = $PUBLIC_BASE_URL/twilio/bundles`; the app listens on
//! 127.0.0.1:3000 behind whatever proxy serves the public URL.

use axum::Router;
use axum::routing::post;
use twilio_numbers_v2::webhook::{
    BundleStatus, BundleStatusCallback, TwilioWebhook, Validator, WebhookConfig,
};

async fn bundle_status(
    TwilioWebhook(callback): TwilioWebhook<BundleStatusCallback>,
) -> &'static str {
    match callback.status {
        BundleStatus::TwilioApproved => println!("{} approved", callback.bundle_sid),
        BundleStatus::TwilioRejected => println!("{} rejected", callback.bundle_sid),
        other => println!("{} is now {other}", callback.bundle_sid),
    }
    "ok"
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let token = std::env::var("TWILIO_AUTH_TOKEN")?;
    let public_base_url = std::env::var("PUBLIC_BASE_URL")?;
    let config = WebhookConfig::new(Validator::new(token), &public_base_url)?;
    let app = Router::new()
        .route("/twilio/bundles", post(bundle_status))
        .with_state(config);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    println!("listening on 127.0.0.1:3000 for {public_base_url}/twilio/bundles");
    axum::serve(listener, app).await?;
    Ok(())
}
