//! What applications share across tasks and return through `?` must be thread-safe:
//! `Box<dyn Error + Send + Sync>`, `anyhow` and `tokio::spawn` need it.
//!
//! Outside the crate's own tests because it names spec-specific types, and the runtime's tests
//! are copied into crates generated from other documents.

use twilio_numbers_v2::{enums, models, params, sids};

fn check<T: Send + Sync + 'static>() {}

#[test]
fn public_types_are_send_sync_and_static() {
    check::<twilio_numbers_v2::Client>();
    check::<twilio_numbers_v2::ClientBuilder>();
    check::<twilio_numbers_v2::Credentials>();
    check::<twilio_numbers_v2::Error>();
    check::<twilio_numbers_v2::InvalidSid>();
    check::<twilio_numbers_v2::Response<models::EndUser>>();
    check::<twilio_numbers_v2::Page<models::EndUser>>();
    check::<params::CreateEndUserParams>();
    check::<sids::EndUserSid>();
    check::<enums::EndUserEnumType>();
    check::<twilio_numbers_v2::webhook::Validator>();
    check::<twilio_numbers_v2::webhook::WebhookError>();
    check::<twilio_numbers_v2::webhook::FormParams>();
    check::<twilio_numbers_v2::webhook::BundleStatusCallback>();
    #[cfg(feature = "axum")]
    check::<twilio_numbers_v2::webhook::WebhookConfig>();
}
