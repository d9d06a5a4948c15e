//! Operations whose only declared answers are redirects (Bulk Exports' day files, OAuth's
//! authorize): the target is returned to the caller and never followed with credentials.

use serde::de::DeserializeOwned;

use super::client::Client;
use super::decode::decode_json;
use super::error::Result;
use super::request::RequestSpec;
use super::response::Response;

/// Where a redirect-only operation points: the `Location` header and, when the answer has one,
/// its JSON body (Bulk Exports puts the file's address in `redirect_to`).
///
/// The client never follows the target itself: it is usually another host (a storage bucket),
/// which must not receive Twilio credentials.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Redirect<T> {
    /// The `Location` header, when the answer has one.
    pub location: Option<String>,
    /// The decoded JSON body, when the answer has one.
    pub body: Option<T>,
}

impl Client {
    /// Sends `request`, treating a 3xx (or 2xx) answer as success; the body is decoded when
    /// present.
    #[allow(dead_code)] // Only documents with redirect-only operations use it.
    pub(crate) async fn send_redirect<T: DeserializeOwned>(
        &self,
        request: RequestSpec,
    ) -> Result<Response<Redirect<T>>> {
        let raw = self.execute_allowing_redirects(&request).await?;
        let location = raw
            .headers
            .get(reqwest::header::LOCATION)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let body = if raw.body.iter().all(u8::is_ascii_whitespace) {
            None
        } else {
            Some(
                decode_json(
                    request.operation_id,
                    request.path_template,
                    &raw.headers,
                    &raw.body,
                )
                .map_err(|e| e.at_status(raw.status))?,
            )
        };
        Ok(Response::new(
            raw.status,
            raw.headers,
            Redirect { location, body },
        ))
    }
}
