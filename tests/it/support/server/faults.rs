//! Scripted faults: each route has a queue, and the next request on that route takes the first
//! fault in it instead of (or on top of) the normal answer.

use std::time::Duration;

/// The operations the server knows, to say which one a fault is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Route {
    ListEndUsers,
    CreateEndUser,
    FetchEndUser,
    UpdateEndUser,
    DeleteEndUser,
}

/// What goes wrong with one request.
#[derive(Debug, Clone)]
pub(crate) enum Fault {
    /// Answer with exactly this, without touching the state (a proxy, an overloaded edge, a
    /// server bug). `{origin}` in the body becomes the server's own origin.
    Reply {
        status: u16,
        headers: Vec<(&'static str, String)>,
        body: String,
    },
    /// Wait this long, then answer normally.
    Delay(Duration),
    /// Answer normally but send only half of the body: the headers announce the full length,
    /// then the connection is dropped.
    CutBody,
    /// Answer a list normally, with `meta.next_page_url` replaced by this URL.
    NextPageUrl(String),
}

impl Fault {
    /// A JSON answer with this status.
    pub(crate) fn json(status: u16, body: impl Into<String>) -> Self {
        Fault::Reply {
            status,
            headers: vec![("content-type", "application/json; charset=utf-8".to_owned())],
            body: body.into(),
        }
    }

    /// An HTML page, as a proxy or load balancer sends.
    pub(crate) fn html(status: u16, body: impl Into<String>) -> Self {
        Fault::Reply {
            status,
            headers: vec![("content-type", "text/html".to_owned())],
            body: body.into(),
        }
    }

    /// Adds a response header to a [`Fault::Reply`].
    pub(crate) fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        if let Fault::Reply { headers, .. } = &mut self {
            headers.push((name, value.into()));
        }
        self
    }
}
