//! Twilio's error answers as the fake gives them: `{code, message, more_info, status}`.

use twilio_numbers_v2::mock::Then;

/// Twilio's code for a missing or invalid parameter, which its v2 APIs also give for a request
/// the resource's state refuses (a Bundle that is not in `draft`).
pub const INVALID_PARAMETER: i64 = 20001;
/// Twilio's code for failed authentication.
pub const AUTHENTICATE: i64 = 20003;
/// Twilio's code for a resource that does not exist.
pub const NOT_FOUND: i64 = 20404;
/// The code of an evaluation result whose item is missing from the Bundle.
pub const MISSING_ITEM: i64 = 22216;
/// The code of an evaluation result whose item lacks a required field.
pub const MISSING_FIELD: i64 = 22217;

/// An error answer, before it is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FakeError {
    pub(crate) status: u16,
    pub(crate) code: i64,
    pub(crate) message: String,
}

impl FakeError {
    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Self {
            status: 400,
            code: INVALID_PARAMETER,
            message: message.into(),
        }
    }

    pub(crate) fn missing(parameter: &str) -> Self {
        Self::invalid(format!(
            "Missing required parameter {parameter} in the post body"
        ))
    }

    pub(crate) fn not_found(rest: &str) -> Self {
        Self {
            status: 404,
            code: NOT_FOUND,
            message: format!(
                "The requested resource /v2/RegulatoryCompliance/{rest} was not found"
            ),
        }
    }

    pub(crate) fn unauthenticated() -> Self {
        Self {
            status: 401,
            code: AUTHENTICATE,
            message: "Authenticate".to_owned(),
        }
    }

    pub(crate) fn answer(&self, then: &mut Then) {
        then.error(self.status, self.code, &self.message);
    }
}
