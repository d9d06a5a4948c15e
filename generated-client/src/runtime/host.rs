//! Which origin requests go to: the default Twilio host, rewritten for edge and region like the
//! official libraries do, or an explicit base URL.

use url::Url;

use super::error::ConfigError;

/// The configured edge and region, validated as DNS labels.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Location {
    pub(crate) edge: Option<String>,
    pub(crate) region: Option<String>,
}

impl Location {
    /// Validates both parts; they end up inside a host name, so anything but a DNS label could
    /// redirect requests (and credentials) to another host.
    pub(crate) fn new(edge: Option<&str>, region: Option<&str>) -> Result<Self, ConfigError> {
        let check = |kind: &'static str, value: Option<&str>| {
            value
                .map(|value| {
                    let ok = !value.is_empty()
                        && value.len() <= 63
                        && value
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
                    if ok {
                        Ok(value.to_ascii_lowercase())
                    } else {
                        Err(ConfigError::InvalidLocation {
                            kind,
                            value: value.to_owned(),
                        })
                    }
                })
                .transpose()
        };
        Ok(Self {
            edge: check("edge", edge)?,
            region: check("region", region)?,
        })
    }

    /// Rewrites a Twilio host the way twilio-python's `get_hostname` and twilio-node's
    /// `getHostname` do: `{product}[.{edge}][.{region}].twilio.com`, keeping an edge or region
    /// already in the host unless overridden, and defaulting the region to `us1` when only an
    /// edge is known. Hosts outside `twilio.com` (local test servers, proxies) are left alone.
    pub(crate) fn apply(&self, url: &mut Url) {
        if self.edge.is_none() && self.region.is_none() {
            return;
        }
        let Some(host) = url.host_str() else { return };
        let pieces: Vec<&str> = host.split('.').collect();
        let (product, existing_edge, existing_region) = match pieces.as_slice() {
            [product, "twilio", "com"] => (*product, None, None),
            [product, region, "twilio", "com"] => (*product, None, Some(*region)),
            [product, edge, region, "twilio", "com"] => (*product, Some(*edge), Some(*region)),
            _ => return,
        };
        let edge = self.edge.as_deref().or(existing_edge);
        let region = self
            .region
            .as_deref()
            .or(existing_region)
            .or(edge.map(|_| "us1"));
        let new_host = [Some(product), edge, region, Some("twilio"), Some("com")]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(".");
        // Labels were validated, so the new host always parses; keep the old one if not.
        let _ = url.set_host(Some(&new_host));
    }
}

/// Parses and checks the base URL, then applies edge/region.
///
/// An origin, optionally with a base path that every operation path is appended to (a
/// document's `servers` URL may have one); no query, fragment or user info. Plain `http` needs
/// `allow_insecure_http`.
pub(crate) fn resolve_base_url(
    base: &str,
    location: &Location,
    allow_insecure_http: bool,
) -> Result<Url, ConfigError> {
    // The argument itself is never echoed: a URL can carry a token (`https://AC…:token@host`)
    // and a mistaken argument can be a secret. Errors show at most the parsed origin.
    let mut url =
        Url::parse(base).map_err(|e| ConfigError::InvalidBaseUrl(format!("not a URL ({e})")))?;
    let origin = url.origin().ascii_serialization();
    let invalid = |why: &str| ConfigError::InvalidBaseUrl(format!("{origin}: {why}"));
    match url.scheme() {
        "https" => {}
        "http" if allow_insecure_http => {}
        "http" => return Err(ConfigError::InsecureHttp(origin)),
        _ => {
            return Err(ConfigError::InvalidBaseUrl(format!(
                "the scheme must be https, not {:?}",
                shorten_scheme(url.scheme())
            )));
        }
    }
    if url.host_str().is_none() {
        return Err(invalid("no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid("credentials belong in Credentials, not in the URL"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("only scheme, host, port and a path are allowed"));
    }
    location.apply(&mut url);
    Ok(url)
}

/// The servers that operations declare as their own (`servers` at operation or path level),
/// each resolved like the base URL (checked, edge and region applied), or replaced by the URL
/// the caller gave for it.
#[derive(Debug, Clone, Default)]
pub(crate) struct OperationServers {
    servers: Vec<(&'static str, Url)>,
}

impl OperationServers {
    pub(crate) fn resolve(
        declared: &[&'static str],
        overrides: &[(String, String)],
        location: &Location,
        allow_insecure_http: bool,
    ) -> Result<Self, ConfigError> {
        if let Some((unknown, _)) = overrides
            .iter()
            .find(|(name, _)| !declared.contains(&name.as_str()))
        {
            return Err(ConfigError::InvalidBaseUrl(format!(
                "{} is not a server any operation declares",
                origin_of(unknown)
            )));
        }
        let servers = declared
            .iter()
            .map(|&name| {
                let url = overrides
                    .iter()
                    .rev()
                    .find(|(declared, _)| declared == name)
                    .map_or(name, |(_, url)| url.as_str());
                Ok((name, resolve_base_url(url, location, allow_insecure_http)?))
            })
            .collect::<Result<_, ConfigError>>()?;
        Ok(Self { servers })
    }

    /// The resolved URL of the declared server `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&Url> {
        self.servers
            .iter()
            .find(|(declared, _)| *declared == name)
            .map(|(_, url)| url)
    }
}

/// The origin of `url` for messages and `Debug` (a URL can carry a token in its user info).
pub(crate) fn origin_of(url: &str) -> String {
    match Url::parse(url) {
        Ok(url) => url.origin().ascii_serialization(),
        Err(_) => "<not a URL>".to_owned(),
    }
}

/// A scheme, cut to 16 characters (a scheme is letters, digits, `+`, `-`, `.`).
fn shorten_scheme(scheme: &str) -> String {
    scheme.chars().take(16).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Twilio product host: the rules are the same for every product, so the runtime's tests
    /// do not depend on the document this crate was generated from.
    const DEFAULT: &str = "https://numbers.twilio.com";

    #[test]
    fn the_documents_server_is_a_usable_base_url_when_it_names_one() {
        let server = crate::generated::DEFAULT_BASE_URL;
        if !server.is_empty() {
            assert!(resolve_base_url(server, &Location::default(), false).is_ok());
        }
    }

    fn host(edge: Option<&str>, region: Option<&str>) -> String {
        let location = Location::new(edge, region).unwrap();
        resolve_base_url(DEFAULT, &location, false)
            .unwrap()
            .to_string()
    }

    #[test]
    fn operation_servers_follow_edge_and_region_and_take_overrides() {
        const UPLOAD: &str = "https://files-upload.twilio.com/v2";
        let location = Location::new(Some("sydney"), None).unwrap();
        let servers = OperationServers::resolve(&[UPLOAD], &[], &location, false).unwrap();
        assert_eq!(
            servers.get(UPLOAD).map(Url::as_str),
            Some("https://files-upload.sydney.us1.twilio.com/v2")
        );
        assert_eq!(servers.get("https://other.twilio.com"), None);
        let local = [(UPLOAD.to_owned(), "http://127.0.0.1:9/v2".to_owned())];
        let servers =
            OperationServers::resolve(&[UPLOAD], &local, &Location::default(), true).unwrap();
        assert_eq!(
            servers.get(UPLOAD).map(Url::as_str),
            Some("http://127.0.0.1:9/v2")
        );
        // Plain http needs the opt-in, as for the base URL; an undeclared server is refused.
        assert!(OperationServers::resolve(&[UPLOAD], &local, &Location::default(), false).is_err());
        let unknown = [(
            "https://token:secret@else.example".to_owned(),
            UPLOAD.to_owned(),
        )];
        let err = OperationServers::resolve(&[UPLOAD], &unknown, &Location::default(), false)
            .unwrap_err()
            .to_string();
        assert!(!err.contains("secret"), "{err}");
    }

    #[test]
    fn default_host_is_the_spec_server() {
        assert_eq!(host(None, None), "https://numbers.twilio.com/");
    }

    #[test]
    fn edge_and_region_rewrite_the_host() {
        assert_eq!(
            host(Some("sydney"), Some("au1")),
            "https://numbers.sydney.au1.twilio.com/"
        );
    }

    #[test]
    fn edge_alone_defaults_region_to_us1() {
        assert_eq!(
            host(Some("ashburn"), None),
            "https://numbers.ashburn.us1.twilio.com/"
        );
    }

    #[test]
    fn region_alone_has_no_edge() {
        assert_eq!(host(None, Some("ie1")), "https://numbers.ie1.twilio.com/");
    }

    #[test]
    fn rewrite_keeps_parts_already_in_the_host() {
        let mut url = Url::parse("https://numbers.dublin.ie1.twilio.com/v2/x?PageToken=a").unwrap();
        Location::new(None, Some("us2")).unwrap().apply(&mut url);
        assert_eq!(
            url.as_str(),
            "https://numbers.dublin.us2.twilio.com/v2/x?PageToken=a"
        );
        let mut url = Url::parse("https://numbers.ie1.twilio.com/").unwrap();
        Location::new(Some("dublin"), None).unwrap().apply(&mut url);
        assert_eq!(url.as_str(), "https://numbers.dublin.ie1.twilio.com/");
    }

    #[test]
    fn non_twilio_hosts_are_not_rewritten() {
        let location = Location::new(Some("sydney"), Some("au1")).unwrap();
        let url = resolve_base_url("http://127.0.0.1:8080", &location, true).unwrap();
        assert_eq!(url.as_str(), "http://127.0.0.1:8080/");
        let mut url = Url::parse("https://twilio.com.evil.example/").unwrap();
        location.apply(&mut url);
        assert_eq!(url.as_str(), "https://twilio.com.evil.example/");
    }

    #[test]
    fn edge_and_region_must_be_dns_labels() {
        for bad in ["", "evil.com/", "a.b", "x y", "über"] {
            let err = Location::new(Some(bad), None).unwrap_err();
            assert!(err.to_string().starts_with("invalid edge"), "{err}");
            assert!(Location::new(None, Some(bad)).is_err());
        }
        let upper = Location::new(Some("Sydney"), Some("AU1")).unwrap();
        assert_eq!(upper.edge.as_deref(), Some("sydney"));
    }

    #[test]
    fn plain_http_needs_explicit_opt_in() {
        let none = Location::default();
        let err = resolve_base_url("http://127.0.0.1:1", &none, false).unwrap_err();
        assert!(matches!(err, ConfigError::InsecureHttp(_)), "{err}");
        assert!(err.to_string().contains("allow_insecure_http"), "{err}");
        assert!(resolve_base_url("http://127.0.0.1:1", &none, true).is_ok());
    }

    #[test]
    fn base_url_is_an_origin_with_an_optional_path() {
        let none = Location::default();
        let with_path = resolve_base_url("https://proxy.example/twilio", &none, false).unwrap();
        assert_eq!(with_path.path(), "/twilio");
        for bad in [
            "not a url",
            "ftp://numbers.twilio.com",
            "https://user:pw@numbers.twilio.com",
            "https://numbers.twilio.com/?x=1",
            "https://numbers.twilio.com/#frag",
        ] {
            let err = resolve_base_url(bad, &none, false).unwrap_err();
            assert!(
                matches!(err, ConfigError::InvalidBaseUrl(_)),
                "{bad}: {err}"
            );
        }
        assert!(resolve_base_url("https://proxy.example:8443/", &none, false).is_ok());
    }
}
