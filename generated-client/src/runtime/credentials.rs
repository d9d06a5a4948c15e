//! Who the client authenticates as.

use std::fmt;

use super::error::ConfigError;
use super::redact::Secret;
use super::sid::check_sid;

/// Credentials for HTTP basic auth against Twilio.
///
/// Either an Account SID with its Auth Token, or an API Key (`SK…`) with its secret and the
/// Account SID it belongs to. `Debug` shows the SIDs but never the token or secret.
#[derive(Clone)]
pub struct Credentials {
    account_sid: String,
    kind: Kind,
}

#[derive(Clone)]
enum Kind {
    AuthToken(Secret),
    ApiKey { sid: String, secret: Secret },
}

impl Credentials {
    /// Account SID (`AC…`) and Auth Token.
    ///
    /// A malformed SID is an error that names the type and the length, never the value (it
    /// might be the token, given in the wrong order).
    pub fn new(
        account_sid: impl Into<String>,
        auth_token: impl Into<String>,
    ) -> Result<Self, ConfigError> {
        let account_sid = account_sid.into();
        check_credential_sid(&account_sid, "AccountSid", "AC")?;
        Ok(Self {
            account_sid,
            kind: Kind::AuthToken(non_empty(auth_token.into(), "auth token")?),
        })
    }

    /// API Key SID (`SK…`), its secret, and the Account SID (`AC…`) it belongs to.
    ///
    /// An empty `account_sid` is [`ConfigError::ApiKeyWithoutAccountSid`].
    pub fn api_key(
        api_key_sid: impl Into<String>,
        api_secret: impl Into<String>,
        account_sid: impl Into<String>,
    ) -> Result<Self, ConfigError> {
        let (sid, account_sid) = (api_key_sid.into(), account_sid.into());
        check_credential_sid(&sid, "ApiKeySid", "SK")?;
        if account_sid.is_empty() {
            return Err(ConfigError::ApiKeyWithoutAccountSid);
        }
        check_credential_sid(&account_sid, "AccountSid", "AC")?;
        Ok(Self {
            account_sid,
            kind: Kind::ApiKey {
                sid,
                secret: non_empty(api_secret.into(), "API secret")?,
            },
        })
    }

    /// Reads `TWILIO_ACCOUNT_SID` with `TWILIO_AUTH_TOKEN`, or, when `TWILIO_API_KEY` is set,
    /// `TWILIO_API_KEY`, `TWILIO_API_SECRET` and `TWILIO_ACCOUNT_SID`. Empty means unset.
    ///
    /// The error names every missing variable.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_env_with(|name| std::env::var(name).ok())
    }

    /// Like [`from_env`](Self::from_env), reading variables through `var` (handy for tests and
    /// for configuration stored elsewhere).
    pub fn from_env_with(var: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| var(name).filter(|value| !value.is_empty());
        let account_sid = get("TWILIO_ACCOUNT_SID");
        // API key wins when both are present: it is the narrower, revocable credential.
        if let Some(key) = get("TWILIO_API_KEY") {
            let secret = get("TWILIO_API_SECRET");
            let mut missing = Vec::new();
            if secret.is_none() {
                missing.push("TWILIO_API_SECRET");
            }
            if account_sid.is_none() {
                missing.push("TWILIO_ACCOUNT_SID");
            }
            return match (secret, account_sid) {
                (Some(secret), Some(account_sid)) => Self::api_key(key, secret, account_sid),
                _ => Err(ConfigError::MissingEnv {
                    missing,
                    api_key_set: true,
                }),
            };
        }
        let token = get("TWILIO_AUTH_TOKEN");
        match (account_sid, token) {
            (Some(account_sid), Some(token)) => Self::new(account_sid, token),
            (account_sid, token) => Err(ConfigError::MissingEnv {
                missing: [
                    account_sid.is_none().then_some("TWILIO_ACCOUNT_SID"),
                    token.is_none().then_some("TWILIO_AUTH_TOKEN"),
                ]
                .into_iter()
                .flatten()
                .collect(),
                api_key_set: false,
            }),
        }
    }

    /// The Account SID the requests act on.
    pub fn account_sid(&self) -> &str {
        &self.account_sid
    }

    /// The API Key SID, when authenticating with an API key.
    pub fn api_key_sid(&self) -> Option<&str> {
        match &self.kind {
            Kind::ApiKey { sid, .. } => Some(sid),
            Kind::AuthToken(_) => None,
        }
    }

    /// Basic-auth username: the Account SID, or the API Key SID.
    pub(crate) fn username(&self) -> &str {
        self.api_key_sid().unwrap_or(&self.account_sid)
    }

    /// Basic-auth password: the Auth Token, or the API secret.
    pub(crate) fn password(&self) -> &str {
        match &self.kind {
            Kind::AuthToken(token) => token.expose(),
            Kind::ApiKey { secret, .. } => secret.expose(),
        }
    }
}

/// A SID check whose error never shows the value: arguments given in the wrong order would
/// put the token or secret there.
fn check_credential_sid(
    value: &str,
    type_name: &'static str,
    prefix: &'static str,
) -> Result<(), ConfigError> {
    check_sid(value, type_name, prefix, false)
        .map_err(|error| ConfigError::InvalidSid(error.without_value()))
}

fn non_empty(value: String, what: &'static str) -> Result<Secret, ConfigError> {
    if value.is_empty() {
        return Err(ConfigError::EmptySecret(what));
    }
    Ok(Secret::new(value))
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("Credentials");
        out.field("account_sid", &self.account_sid);
        match &self.kind {
            Kind::AuthToken(token) => out.field("auth_token", token),
            Kind::ApiKey { sid, secret } => {
                out.field("api_key_sid", sid).field("api_secret", secret)
            }
        };
        out.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    const AC: &str = "AC0123456789abcdef0123456789abcdef";
    const SK: &str = "SK0123456789abcdef0123456789abcdef";

    use crate::runtime::tests::env;

    #[test]
    fn auth_token_credentials_authenticate_as_account() {
        let creds = Credentials::new(AC, "tok").unwrap();
        assert_eq!(creds.username(), AC);
        assert_eq!(creds.password(), "tok");
        assert_eq!(creds.account_sid(), AC);
        assert_eq!(creds.api_key_sid(), None);
    }

    #[test]
    fn api_key_credentials_authenticate_as_key() {
        let creds = Credentials::api_key(SK, "sec", AC).unwrap();
        assert_eq!(creds.username(), SK);
        assert_eq!(creds.password(), "sec");
        assert_eq!(creds.account_sid(), AC);
    }

    #[test]
    fn api_key_without_account_sid_is_an_error() {
        let err = Credentials::api_key(SK, "sec", "").unwrap_err();
        assert!(matches!(err, ConfigError::ApiKeyWithoutAccountSid), "{err}");
    }

    #[test]
    fn malformed_sids_and_empty_secrets_are_rejected() {
        let err = Credentials::new("ACnothex", "tok").unwrap_err();
        assert!(err.to_string().contains("invalid AccountSid"), "{err}");
        let err = Credentials::api_key(AC, "sec", AC).unwrap_err();
        assert!(err.to_string().contains("invalid ApiKeySid"), "{err}");
        let err = Credentials::new(AC, "").unwrap_err();
        assert_eq!(err.to_string(), "the auth token is empty");
    }

    #[test]
    fn debug_shows_sids_but_never_secrets() {
        let token = Credentials::new(AC, "s3cr3t-token").unwrap();
        let shown = format!("{token:?}");
        assert_eq!(
            shown,
            format!("Credentials {{ account_sid: \"{AC}\", auth_token: \"<redacted>\" }}")
        );
        let key = Credentials::api_key(SK, "s3cr3t-key", AC).unwrap();
        let shown = format!("{key:?} {key:#?}");
        assert!(shown.contains(SK) && shown.contains(AC), "{shown}");
        assert!(!shown.contains("s3cr3t"), "{shown}");
    }

    #[test]
    fn from_env_reads_account_credentials() {
        let creds = Credentials::from_env_with(env(&[
            ("TWILIO_ACCOUNT_SID", AC),
            ("TWILIO_AUTH_TOKEN", "tok"),
        ]))
        .unwrap();
        assert_eq!((creds.username(), creds.password()), (AC, "tok"));
    }

    #[test]
    fn from_env_prefers_api_key() {
        let creds = Credentials::from_env_with(env(&[
            ("TWILIO_ACCOUNT_SID", AC),
            ("TWILIO_AUTH_TOKEN", "tok"),
            ("TWILIO_API_KEY", SK),
            ("TWILIO_API_SECRET", "sec"),
        ]))
        .unwrap();
        assert_eq!((creds.username(), creds.password()), (SK, "sec"));
    }

    #[test]
    fn from_env_names_each_missing_variable() {
        let message = |pairs: &[(&str, &str)]| {
            Credentials::from_env_with(env(pairs))
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            message(&[]),
            "missing environment variables: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN"
        );
        assert_eq!(
            message(&[("TWILIO_ACCOUNT_SID", AC), ("TWILIO_AUTH_TOKEN", "")]),
            "missing environment variable: TWILIO_AUTH_TOKEN"
        );
        assert_eq!(
            message(&[("TWILIO_AUTH_TOKEN", "tok")]),
            "missing environment variable: TWILIO_ACCOUNT_SID"
        );
        assert_eq!(
            message(&[("TWILIO_API_KEY", SK), ("TWILIO_API_SECRET", "sec")]),
            "missing environment variable: TWILIO_ACCOUNT_SID (required because TWILIO_API_KEY \
             is set)"
        );
        assert_eq!(
            message(&[("TWILIO_API_KEY", SK), ("TWILIO_ACCOUNT_SID", AC)]),
            "missing environment variable: TWILIO_API_SECRET (required because TWILIO_API_KEY \
             is set)"
        );
    }
}
