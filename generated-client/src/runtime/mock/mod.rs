//! A local fake of the API for tests (feature `mock`): a server on 127.0.0.1, a [`Client`]
//! pointed at it, and per operation a typed expectation, `server.expect_<operation>(|when,
//! then| ...)`.
//!
//! - **when**: the operation's path arguments (its SID types), its `...Params` value (query,
//!   form and header fields, encoded exactly as the client encodes them and compared field by
//!   field; JSON fields such as `Attributes` compared as JSON values, key order aside), its JSON
//!   body, and any header. Anything not set matches any value.
//! - **then**: the operation's success answer as its typed model (`ok`), a list's items
//!   (`page`), Twilio's error shape (`error`), `Retry-After`, a delay, or a handler computing
//!   the answer from the request (`respond_with`).
//!
//! A request no expectation matches is answered `418` with a Twilio error whose message names
//! the closest expectation and every difference (`form field FriendlyName: expected "Jane", got
//! "Jane Doe"; 3 other fields matched`), and is recorded: [`MockServer::verify`] (also run when
//! the server is dropped) panics with it, and with every expectation not met.
//!
//! Operations that declare a server of their own (an upload host) are served on a second
//! port of 127.0.0.1, and [`MockServer::client`] sends them there; a handler sees which host a
//! request came to ([`MockRequest::server`]) and reads an upload's parts
//! ([`MockRequest::multipart`]).
//!
//! The messages quote the values the test sent: this is a test server, fed test data.
//!
//! [`Client`]: crate::Client

mod expectation;
mod matching;
mod multipart;
mod request;
mod server;

pub use expectation::{Expectation, Then, When};
pub use request::{MockPart, MockRequest};
pub use server::{MockServer, TEST_ACCESS_TOKEN, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN};

// The typed expectation builders generated for this API (`CreateEndUserWhen`, ...).
pub use crate::generated::mock::*;
