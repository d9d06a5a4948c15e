//! [`ConfigError`]: why a client could not be configured.

use crate::runtime::sid::InvalidSid;

/// The client could not be configured.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// Required environment variables are unset or empty.
    #[error("missing environment variable{}: {}{}",
        if .missing.len() == 1 { "" } else { "s" },
        .missing.join(", "),
        if *.api_key_set { " (required because TWILIO_API_KEY is set)" } else { "" })]
    MissingEnv {
        /// The variable names, in the order they are needed.
        missing: Vec<&'static str>,
        /// Whether `TWILIO_API_KEY` was set, which changes what is required.
        api_key_set: bool,
    },

    /// An API key was given without the account SID it belongs to.
    #[error("an API key needs the account SID it belongs to (AC…)")]
    ApiKeyWithoutAccountSid,

    /// The auth token or API secret is empty.
    #[error("the {0} is empty")]
    EmptySecret(&'static str),

    /// An account SID or API key SID is malformed.
    #[error(transparent)]
    InvalidSid(#[from] InvalidSid),

    /// The base URL cannot be used. The text says why and shows at most the URL's origin
    /// (scheme, host, port), never the argument: it could hold a token.
    #[error("invalid base URL: {0}")]
    InvalidBaseUrl(String),

    /// The base URL uses plain `http`, which would send credentials unencrypted. Holds the
    /// URL's origin only.
    #[error(
        "refusing plain http base URL {0}: credentials would travel unencrypted; call \
         allow_insecure_http(true) for a local test server"
    )]
    InsecureHttp(String),

    /// An edge or region is not a DNS label.
    #[error("invalid {kind} {value:?}: expected letters, digits and '-' only")]
    InvalidLocation {
        /// `"edge"` or `"region"`.
        kind: &'static str,
        /// The rejected value.
        value: String,
    },

    /// A User-Agent extension cannot go in an HTTP header.
    #[error("invalid User-Agent extension {0:?}: it must be visible ASCII without spaces")]
    InvalidUserAgentExtension(String),

    /// The API document names no server and no base URL was configured.
    #[error("no base URL: the API document names no server, so call ClientBuilder::base_url")]
    MissingBaseUrl,

    /// An operation authenticates with a bearer token and none was configured.
    #[error("{0}: this operation needs an access token (ClientBuilder::access_token)")]
    MissingAccessToken(&'static str),

    /// A header parameter's value cannot go in an HTTP header (a line break, say).
    #[error("{operation}: the value of the {header} header is not a valid header value")]
    InvalidHeaderValue {
        /// The operation id.
        operation: &'static str,
        /// The header's name (its value is not repeated: it may be a credential).
        header: &'static str,
    },

    /// The HTTP client could not be built (TLS backend initialisation).
    #[error("could not build the HTTP client")]
    HttpClient(#[source] reqwest::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_env_message_names_variables() {
        let err = ConfigError::MissingEnv {
            missing: vec!["TWILIO_AUTH_TOKEN"],
            api_key_set: false,
        };
        assert_eq!(
            err.to_string(),
            "missing environment variable: TWILIO_AUTH_TOKEN"
        );
    }
}
