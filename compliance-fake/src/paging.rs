//! Twilio's paging: `PageSize` (50 by default, 1 to 1000), `Page` (from 0, echoed back) and a
//! `PageToken` in the query, and a `meta` with the page's own URL, the first, previous and next
//! pages' URLs and the items' key. As Twilio's, the tokens name the edge item of the page
//! before or after (`PA` + the last SID shown: the items after it; `PB` + the first SID: the
//! page before it), so a walk stays on its items while others are created or deleted.

use serde_json::{Value, json};
use twilio_numbers_v2::mock::MockRequest;

use crate::errors::FakeError;

/// The page size when the request names none.
pub const DEFAULT_PAGE_SIZE: usize = 50;
/// The largest page size Twilio serves.
pub const MAX_PAGE_SIZE: usize = 1000;

/// One page of `items`, as asked by `request`, under `key`; `origin` prefixes the URLs.
pub(crate) fn page(
    request: &MockRequest,
    origin: &str,
    key: &str,
    items: &[Value],
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
    let size = number("PageSize")?.unwrap_or(DEFAULT_PAGE_SIZE);
    if !(1..=MAX_PAGE_SIZE).contains(&size) {
        return Err(FakeError::invalid(format!(
            "PageSize must be between 1 and {MAX_PAGE_SIZE}"
        )));
    }
    let index = number("Page")?.unwrap_or(0);
    let position = |sid: &str| items.iter().position(|i| i["sid"] == sid);
    let token = request
        .query_values("PageToken")
        .first()
        .map(|t| t.to_string());
    let start = match token.as_deref().map(|t| t.split_at_checked(2)) {
        None => index.saturating_mul(size),
        Some(Some(("PA", sid))) => position(sid).map_or(items.len(), |p| p + 1),
        Some(Some(("PB", sid))) => position(sid).unwrap_or(0).saturating_sub(size),
        Some(_) => return Err(FakeError::invalid("PageToken is not one this list gave")),
    };
    // Every other query field (filters) is kept in the page URLs.
    let kept: Vec<(&str, &str)> = request
        .query()
        .iter()
        .filter(|(k, _)| k != "Page" && k != "PageSize" && k != "PageToken")
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let url = |n: usize, token: Option<String>| {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.extend_pairs(kept.iter().copied());
        query.append_pair("PageSize", &size.to_string());
        query.append_pair("Page", &n.to_string());
        if let Some(token) = token {
            query.append_pair("PageToken", &token);
        }
        format!("{origin}{}?{}", request.path(), query.finish())
    };
    let start = start.min(items.len());
    let end = start.saturating_add(size).min(items.len());
    let edge = |i: usize, kind: &str| items[i]["sid"].as_str().map(|sid| format!("{kind}{sid}"));
    let shown = items[start..end].to_vec();
    let mut body = serde_json::Map::new();
    body.insert(key.to_owned(), Value::Array(shown));
    body.insert(
        "meta".to_owned(),
        json!({
            "page": index,
            "page_size": size,
            "first_page_url": url(0, None),
            "previous_page_url": if start > 0 && index > 0 {
                json!(url(index - 1, edge(start, "PB")))
            } else {
                Value::Null
            },
            "url": url(index, token),
            "next_page_url": if end < items.len() {
                json!(url(index + 1, edge(end - 1, "PA")))
            } else {
                Value::Null
            },
            "key": key,
        }),
    );
    Ok(Value::Object(body))
}
