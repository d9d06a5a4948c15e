//! HTTP behaviour tests: a real axum server on 127.0.0.1 records what the client sent and
//! answers scripted responses.

mod body_size;
mod config;
mod documents;
mod errors;
mod headers;
mod pagination;
mod paths;
mod properties;
mod retries;
mod secrets;
mod server;
mod tls;
mod webhook;
mod webhook_properties;

/// An environment made of `pairs`, for `from_env_with`.
pub(crate) fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
    let map: std::collections::HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    move |name| map.get(name).cloned()
}
