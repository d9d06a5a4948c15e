//! An End-User's whole life: create, fetch, find in the list, update, delete.
//!
//! Runs against Twilio with credentials from the environment:
//!
//! ```sh
//! TWILIO_ACCOUNT_SID=AC... TWILIO_AUTH_TOKEN=... cargo run -p twilio-numbers-v2 --example end_users
//! ```
//!
//! `TWILIO_API_KEY`/`TWILIO_API_SECRET` work instead of the Auth Token, and `TWILIO_EDGE` /
//! `TWILIO_REGION` choose where requests go.

use futures_util::TryStreamExt;
use twilio_numbers_v2::enums::EndUserEnumType;
use twilio_numbers_v2::params::{CreateEndUserParams, ListEndUserParams, UpdateEndUserParams};
use twilio_numbers_v2::{Client, Error};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::from_env()?;

    let params = CreateEndUserParams::new("Example Bakery", EndUserEnumType::Business)
        .attributes(serde_json::json!({ "business_name": "Example Bakery Ltd" }));
    let created = client.create_end_user(&params).await?;
    let sid = created
        .sid
        .clone()
        .ok_or("Twilio returned an End-User without a SID")?;
    println!("created {sid}");

    // `Debug` shows the resource with its personal data redacted.
    let fetched = client.fetch_end_user(&sid).await?;
    println!("fetched {fetched:?}");

    // The stream follows Twilio's next-page links, one page in memory at a time.
    let found = client
        .list_end_user_stream(&ListEndUserParams::default(), Some(1_000))
        .try_filter(|end_user| std::future::ready(end_user.sid.as_ref() == Some(&sid)))
        .try_next()
        .await?;
    println!("found in the list: {}", found.is_some());

    let update = UpdateEndUserParams::default().friendly_name("Example Bakery (renamed)");
    let response = client.update_end_user_with_response(&sid, &update).await?;
    println!("updated, Twilio-Request-Id {:?}", response.request_id());

    client.delete_end_user(&sid).await?;
    match client.fetch_end_user(&sid).await {
        Err(Error::Api(e)) if e.status().as_u16() == 404 => {
            println!("deleted (code {:?})", e.code())
        }
        other => println!("unexpected after delete: {other:?}"),
    }
    Ok(())
}
