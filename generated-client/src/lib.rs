//! A typed async client for Twilio's Numbers v2 API, generated from its OpenAPI document.
//!
//! - [`Client`] sends requests: one async method per operation of the API
//!   (`create_end_user`, `fetch_end_user`, `list_end_user`, ...), a `_with_response` twin of
//!   each that also returns the HTTP status and headers, and for every list a `_stream` over all
//!   its items plus `_next_page`/`_previous_page` for paging by hand.
//! - [`models`] holds the resources the API returns, [`params`] the parameters each operation
//!   takes, [`enums`] the open string enums (an unknown value decodes into `Unknown` and is sent
//!   back unchanged) and [`sids`] one checked newtype per SID prefix: a malformed SID is refused
//!   before any request is made.
//! - Every failure is one [`Error`]; Twilio's own error answers keep their `code`, `message`,
//!   `more_info` and HTTP status.
//!
//! # Example
//!
//! ```no_run
//! use futures_util::TryStreamExt;
//! use twilio_numbers_v2::{Client, enums::EndUserEnumType, params::CreateEndUserParams};
//!
//! # async fn example() -> Result<(), Box<dyn std::error::Error>> {
//! // Reads TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or an API key), TWILIO_EDGE, TWILIO_REGION.
//! let client = Client::from_env()?;
//!
//! let params = CreateEndUserParams::new("Harbour Street Bakery", EndUserEnumType::Business)
//!     .attributes(serde_json::json!({ "business_name": "Harbour Street Bakery" }));
//! let end_user = client.create_end_user(&params).await?;
//! println!("created {:?}", end_user.sid);
//!
//! // Every End-User, fetched page by page as the stream is read.
//! let all: Vec<_> = client.list_end_user_stream(&Default::default(), Some(500)).try_collect().await?;
//! println!("{} End-Users", all.len());
//! # Ok(())
//! # }
//! ```

#![warn(missing_docs)]

mod generated;
mod runtime;

pub use generated::{enums, models, params, sids};
pub use runtime::*;
