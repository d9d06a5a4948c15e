//! The server's state: End-Users in creation order.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value, json};

use super::twilio_error::TwilioError;

pub(crate) const END_USERS_PATH: &str = "/v2/RegulatoryCompliance/EndUsers";

struct EndUser {
    sid: String,
    friendly_name: String,
    type_: String,
    attributes: Map<String, Value>,
    date_created: jiff::Timestamp,
    date_updated: jiff::Timestamp,
}

pub(super) struct Store {
    origin: String,
    account_sid: String,
    next_position: u64,
    /// Keyed by creation position, so lists come out in creation order.
    end_users: BTreeMap<u64, EndUser>,
    positions: HashMap<String, u64>,
}

/// The first value sent for `name`, like Twilio reads a form.
fn param<'a>(form: &'a [(String, String)], name: &str) -> Option<&'a str> {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Twilio keeps `Attributes` as a JSON object and refuses anything else.
fn attributes(text: &str) -> Result<Map<String, Value>, TwilioError> {
    serde_json::from_str(text).map_err(|_| {
        TwilioError::bad_request(format!("Attributes must be a JSON object, not {text:?}"))
    })
}

/// Twilio's timestamps: RFC 3339, UTC, whole seconds.
fn now() -> jiff::Timestamp {
    jiff::Timestamp::now()
        .round(jiff::Unit::Second)
        .expect("rounding the current time to seconds")
}

fn timestamp(value: jiff::Timestamp) -> String {
    value.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

impl Store {
    pub(super) fn new(origin: &str, account_sid: &str) -> Self {
        Self {
            origin: origin.to_owned(),
            account_sid: account_sid.to_owned(),
            next_position: 0,
            end_users: BTreeMap::new(),
            positions: HashMap::new(),
        }
    }

    fn end_user_json(&self, end_user: &EndUser) -> Value {
        json!({
            "sid": end_user.sid,
            "account_sid": self.account_sid,
            "friendly_name": end_user.friendly_name,
            "type": end_user.type_,
            "attributes": end_user.attributes,
            "date_created": timestamp(end_user.date_created),
            "date_updated": timestamp(end_user.date_updated),
            "url": format!("{}{END_USERS_PATH}/{}", self.origin, end_user.sid),
        })
    }

    pub(super) fn end_user_count(&self) -> usize {
        self.end_users.len()
    }

    /// `POST /EndUsers`: FriendlyName and Type are required, Type is `individual` or `business`.
    pub(super) fn create_end_user(
        &mut self,
        form: &[(String, String)],
    ) -> Result<Value, TwilioError> {
        // Twilio reads an empty value as a missing one.
        let friendly_name = param(form, "FriendlyName")
            .filter(|v| !v.is_empty())
            .ok_or_else(|| TwilioError::missing("FriendlyName"))?;
        let type_ = param(form, "Type")
            .filter(|v| !v.is_empty())
            .ok_or_else(|| TwilioError::missing("Type"))?;
        if !matches!(type_, "individual" | "business") {
            return Err(TwilioError::bad_request(format!(
                "Type must be one of individual, business, not {type_:?}"
            )));
        }
        let attributes = param(form, "Attributes")
            .map(attributes)
            .transpose()?
            .unwrap_or_default();
        let sid = format!("IT{:032x}", fastrand::u128(..));
        let created = now();
        let end_user = EndUser {
            sid: sid.clone(),
            friendly_name: friendly_name.to_owned(),
            type_: type_.to_owned(),
            attributes,
            date_created: created,
            date_updated: created,
        };
        let position = self.next_position;
        self.next_position += 1;
        let body = self.end_user_json(&end_user);
        self.end_users.insert(position, end_user);
        self.positions.insert(sid, position);
        Ok(body)
    }

    pub(super) fn fetch_end_user(&self, sid: &str) -> Option<Value> {
        let end_user = &self.end_users[self.positions.get(sid)?];
        Some(self.end_user_json(end_user))
    }

    /// `POST /EndUsers/{Sid}`: what is sent replaces what was there; `Attributes` as a whole.
    pub(super) fn update_end_user(
        &mut self,
        sid: &str,
        form: &[(String, String)],
    ) -> Option<Result<Value, TwilioError>> {
        let position = *self.positions.get(sid)?;
        let attributes = match param(form, "Attributes").map(attributes).transpose() {
            Ok(attributes) => attributes,
            Err(error) => return Some(Err(error)),
        };
        let end_user = self.end_users.get_mut(&position)?;
        if let Some(name) = param(form, "FriendlyName") {
            name.clone_into(&mut end_user.friendly_name);
        }
        if let Some(attributes) = attributes {
            end_user.attributes = attributes;
        }
        end_user.date_updated = now();
        let end_user = &self.end_users[&position];
        Some(Ok(self.end_user_json(end_user)))
    }

    pub(super) fn delete_end_user(&mut self, sid: &str) -> bool {
        match self.positions.remove(sid) {
            Some(position) => self.end_users.remove(&position).is_some(),
            None => false,
        }
    }

    pub(super) fn list_end_users(&self, query: &[(String, String)]) -> Result<Value, TwilioError> {
        let request = super::paging::PageRequest::from_query(query)?;
        let base = format!("{}{END_USERS_PATH}", self.origin);
        Ok(
            request.render(&self.end_users, &base, "results", |end_user| {
                self.end_user_json(end_user)
            }),
        )
    }
}
