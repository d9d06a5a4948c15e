//! Twilio's page-number paging: `PageSize` (50 by default, at most 1000) and `Page` (from 0) in
//! the query, and a `meta` with the page's own URL, the first, previous and next pages' URLs
//! and the items' key.

use serde::Serialize;
use serde_json::{Value, json};
use twilio_numbers_v2::mock::MockRequest;

use crate::errors::FakeError;

/// The page size when the request names none.
pub const DEFAULT_PAGE_SIZE: usize = 50;
/// The largest page size Twilio serves.
pub const MAX_PAGE_SIZE: usize = 1000;

/// One page of `items`, as asked by `request`, under `key`; `origin` prefixes the URLs.
pub(crate) fn page<T: Serialize>(
    request: &MockRequest,
    origin: &str,
    key: &str,
    items: &[T],
) -> Result<Value, FakeError> {
    let number = |name: &str| -> Result<Option<usize>, FakeError> {
        request
            .query_values(name)
            .first()
            .map(|v| {
                v.parse::<usize>()
                    .map_err(|_| FakeError::invalid(format!("{name} must be a whole number")))
            })
            .transpose()
    };
    let size = number("PageSize")?
        .unwrap_or(DEFAULT_PAGE_SIZE)
        .clamp(1, MAX_PAGE_SIZE);
    let index = number("Page")?.unwrap_or(0);
    // Every other query field (filters) is kept in the page URLs.
    let kept: Vec<(&str, &str)> = request
        .query()
        .iter()
        .filter(|(k, _)| k != "Page" && k != "PageSize" && k != "PageToken")
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let url = |n: usize| {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.extend_pairs(kept.iter().copied());
        query.append_pair("PageSize", &size.to_string());
        query.append_pair("Page", &n.to_string());
        format!("{origin}{}?{}", request.path(), query.finish())
    };
    let start = index.saturating_mul(size).min(items.len());
    let end = start.saturating_add(size).min(items.len());
    let shown: Vec<Value> = items[start..end]
        .iter()
        .map(|i| serde_json::to_value(i).unwrap_or(Value::Null))
        .collect();
    let mut body = serde_json::Map::new();
    body.insert(key.to_owned(), Value::Array(shown));
    body.insert(
        "meta".to_owned(),
        json!({
            "page": index,
            "page_size": size,
            "first_page_url": url(0),
            "previous_page_url": if index > 0 { json!(url(index - 1)) } else { Value::Null },
            "url": url(index),
            "next_page_url": if end < items.len() { json!(url(index + 1)) } else { Value::Null },
            "key": key,
        }),
    );
    Ok(Value::Object(body))
}
