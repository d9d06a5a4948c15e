//! [`Method`]: the HTTP methods operations use, named by the generated code instead of the
//! HTTP library's type, so the generated files do not depend on which library sends them.

use std::fmt;

/// An operation's HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
// Which variants a crate names depends on its document.
#[allow(dead_code)]
pub(crate) enum Method {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `PATCH`.
    Patch,
    /// `DELETE`.
    Delete,
}

impl Method {
    /// The method as sent (`"GET"`).
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Whether sending the request twice has no second effect (RFC 9110 §9.2.2): what may be
    /// retried after a failure that leaves unknown whether the server acted.
    pub(crate) fn is_idempotent(self) -> bool {
        match self {
            Method::Get | Method::Put | Method::Delete => true,
            Method::Post | Method::Patch => false,
        }
    }

    /// Whether a request without a body still says `Content-Length: 0` (Twilio's libraries do
    /// for every method but GET and DELETE; some servers answer 411 without it).
    pub(crate) fn announces_empty_body(self) -> bool {
        !matches!(self, Method::Get | Method::Delete)
    }
}

impl From<Method> for reqwest::Method {
    fn from(method: Method) -> Self {
        match method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Patch => reqwest::Method::PATCH,
            Method::Delete => reqwest::Method::DELETE,
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_to_the_same_method_on_the_wire() {
        for method in [
            Method::Get,
            Method::Post,
            Method::Put,
            Method::Patch,
            Method::Delete,
        ] {
            assert_eq!(reqwest::Method::from(method).as_str(), method.as_str());
            assert_eq!(method.to_string(), method.as_str());
        }
    }

    #[test]
    fn only_get_put_and_delete_are_idempotent() {
        assert!(Method::Get.is_idempotent());
        assert!(Method::Put.is_idempotent());
        assert!(Method::Delete.is_idempotent());
        assert!(!Method::Post.is_idempotent());
        assert!(!Method::Patch.is_idempotent());
    }
}
