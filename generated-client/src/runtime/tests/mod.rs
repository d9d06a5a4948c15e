//! HTTP behaviour tests: a real axum server on 127.0.0.1 records what the client sent and
//! answers scripted responses.

mod config;
mod errors;
mod headers;
mod pagination;
mod retries;
mod server;
mod tls;
