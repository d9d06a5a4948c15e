//! Twilio's error answers: `{code, message, more_info, status}` with the HTTP status repeated.

use serde_json::{Value, json};

/// Twilio's code for a missing or invalid request parameter ("Invalid parameter"), which its
/// v2 APIs return with messages such as "Missing required parameter FriendlyName in the post
/// body".
pub(crate) const INVALID_PARAMETER: u32 = 20001;
/// Twilio's code for failed authentication ("Authenticate").
pub(crate) const AUTHENTICATE: u32 = 20003;
/// Twilio's code for an unknown resource.
pub(crate) const NOT_FOUND: u32 = 20404;
/// Twilio's code for a method the resource does not support.
pub(super) const METHOD_NOT_ALLOWED: u32 = 20004;

/// One error answer, before it is turned into an HTTP response.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct TwilioError {
    pub status: u16,
    pub code: u32,
    pub message: String,
}

impl TwilioError {
    pub(super) fn bad_request(message: impl Into<String>) -> Self {
        Self {
            status: 400,
            code: INVALID_PARAMETER,
            message: message.into(),
        }
    }

    pub(super) fn missing(parameter: &str) -> Self {
        Self::bad_request(format!(
            "Missing required parameter {parameter} in the post body"
        ))
    }

    /// Twilio names the whole path, as the client sent it, in its 404 message.
    pub(super) fn not_found(path: &str) -> Self {
        Self {
            status: 404,
            code: NOT_FOUND,
            message: format!("The requested resource {path} was not found"),
        }
    }

    pub(super) fn unauthenticated() -> Self {
        Self {
            status: 401,
            code: AUTHENTICATE,
            message: "Authenticate".to_owned(),
        }
    }

    pub(super) fn method_not_allowed(method: &str) -> Self {
        Self {
            status: 405,
            code: METHOD_NOT_ALLOWED,
            message: format!("Method not allowed: {method}"),
        }
    }

    pub(super) fn more_info(code: u32) -> String {
        format!("https://www.twilio.com/docs/errors/{code}")
    }

    pub(super) fn body(&self) -> Value {
        let mut body = json!({
            "code": self.code,
            "message": self.message,
            "more_info": Self::more_info(self.code),
            "status": self.status,
        });
        // Twilio adds a `detail` to authentication failures only.
        if self.code == AUTHENTICATE {
            body["detail"] = json!("Your AccountSid or AuthToken was incorrect.");
        }
        body
    }
}
