//! The hand-written baseline each figure is measured against: a plain `reqwest` call with the
//! same headers and basic auth, `serde_json` into plain structs.

use super::PAGE;
use super::server::{ACCOUNT_SID, AUTH_TOKEN, END_USERS_PATH, EndUsersServer};

/// What a hand-written client would do: `reqwest` with the same headers (User-Agent, Accept,
/// basic auth, the form's Content-Type), `serde_json` into plain structs.
pub(crate) struct Baseline {
    http: reqwest::Client,
    origin: String,
    pub(crate) list_url: String,
}

/// A plain End-User: the same fields, as `String`s (no SID check, no timestamp parsing, no
/// enum), which is the least a hand-written client could do.
#[derive(serde::Deserialize)]
#[allow(dead_code)] // Decoded, not read.
pub(crate) struct PlainEndUser {
    sid: String,
    account_sid: String,
    friendly_name: String,
    #[serde(rename = "type")]
    type_: String,
    attributes: serde_json::Value,
    date_created: String,
    date_updated: String,
    url: String,
}

/// The plain End-User with its timestamps parsed (`jiff::Timestamp`, as the generated model):
/// shows how much of the generated decoding's extra cost is reading the timestamps.
#[derive(serde::Deserialize)]
#[allow(dead_code)] // Decoded, not read.
pub(crate) struct PlainTimedEndUser {
    sid: String,
    account_sid: String,
    friendly_name: String,
    #[serde(rename = "type")]
    type_: String,
    attributes: serde_json::Value,
    date_created: jiff::Timestamp,
    date_updated: jiff::Timestamp,
    url: String,
}

#[derive(serde::Deserialize)]
pub(crate) struct PlainTimedPage {
    pub(crate) results: Vec<PlainTimedEndUser>,
    #[allow(dead_code)] // Decoded, not read.
    meta: PlainMeta,
}

#[derive(serde::Deserialize)]
#[allow(dead_code)] // Decoded, not read.
pub(crate) struct PlainMeta {
    page: i64,
    // The local server sends it as text, as Twilio sends numbers elsewhere.
    page_size: String,
    first_page_url: String,
    previous_page_url: Option<String>,
    next_page_url: Option<String>,
    url: String,
    key: String,
}

#[derive(serde::Deserialize)]
pub(crate) struct PlainPage {
    pub(crate) results: Vec<PlainEndUser>,
    #[allow(dead_code)] // Decoded, not read.
    meta: PlainMeta,
}

impl Baseline {
    pub(crate) fn new(server: &EndUsersServer, user_agent: &str) -> Self {
        let http = reqwest::Client::builder()
            .user_agent(user_agent)
            .connect_timeout(std::time::Duration::from_secs(10))
            .timeout(std::time::Duration::from_secs(30))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Self {
            http,
            origin: server.origin().to_owned(),
            list_url: format!("{}{END_USERS_PATH}?PageSize={PAGE}", server.origin()),
        }
    }

    fn request(&self, method: reqwest::Method, url: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, url)
            .header(reqwest::header::ACCEPT, "application/json")
            .basic_auth(ACCOUNT_SID, Some(AUTH_TOKEN))
    }

    pub(crate) async fn get_bytes(&self, url: &str) -> Vec<u8> {
        let response = self
            .request(reqwest::Method::GET, url)
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success());
        response.bytes().await.unwrap().to_vec()
    }

    pub(crate) async fn fetch(&self, sid: &str) -> PlainEndUser {
        let url = format!("{}{END_USERS_PATH}/{sid}", self.origin);
        let response = self
            .request(reqwest::Method::GET, &url)
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success());
        serde_json::from_slice(&response.bytes().await.unwrap()).unwrap()
    }

    pub(crate) async fn create(
        &self,
        friendly_name: &str,
        type_: &str,
        attributes: &str,
    ) -> PlainEndUser {
        let form = form_urlencoded::Serializer::new(String::new())
            .append_pair("FriendlyName", friendly_name)
            .append_pair("Type", type_)
            .append_pair("Attributes", attributes)
            .finish();
        let url = format!("{}{END_USERS_PATH}", self.origin);
        let response = self
            .request(reqwest::Method::POST, &url)
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(form)
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success());
        serde_json::from_slice(&response.bytes().await.unwrap()).unwrap()
    }

    pub(crate) async fn list_page(&self) -> PlainPage {
        let response = self
            .request(reqwest::Method::GET, &self.list_url)
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success());
        serde_json::from_slice(&response.bytes().await.unwrap()).unwrap()
    }
}
