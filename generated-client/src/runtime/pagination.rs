//! Twilio list pages and the stream that walks them.

use futures_core::Stream;
use futures_util::stream;
use serde::{Deserialize, Serialize};

use super::client::Client;
use super::error::{Error, Result};
use super::request::{RequestSpec, Target};
use super::response::Response;

/// One page of a list: its items and Twilio's paging metadata.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// Paging metadata (`meta` in Twilio's JSON).
    pub meta: PageMeta,
}

impl<T> Page<T> {
    /// The URL of the next page, if there is one (empty strings count as none).
    pub fn next_page_url(&self) -> Option<&str> {
        self.meta.next_page_url()
    }

    /// Whether Twilio reported a next page.
    pub fn has_next_page(&self) -> bool {
        self.next_page_url().is_some()
    }
}

/// Twilio's `meta` object on list responses. Every field is optional, so a missing or `null`
/// field never breaks decoding. `Serialize` lets generated list responses round-trip.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageMeta {
    /// Zero-based page number.
    #[serde(default)]
    pub page: Option<i64>,
    /// Items per page.
    #[serde(default)]
    pub page_size: Option<i64>,
    /// URL of the first page.
    #[serde(default)]
    pub first_page_url: Option<String>,
    /// URL of the previous page, `None` on the first.
    #[serde(default)]
    pub previous_page_url: Option<String>,
    /// URL of the next page, `None` on the last.
    #[serde(default)]
    pub next_page_url: Option<String>,
    /// URL of this page.
    #[serde(default)]
    pub url: Option<String>,
    /// Name of the JSON field holding the items, e.g. `"results"`.
    #[serde(default)]
    pub key: Option<String>,
}

impl PageMeta {
    /// The next page URL, treating an empty string as none.
    pub fn next_page_url(&self) -> Option<&str> {
        self.next_page_url.as_deref().filter(|url| !url.is_empty())
    }

    /// The previous page URL, treating an empty string as none.
    pub fn previous_page_url(&self) -> Option<&str> {
        self.previous_page_url
            .as_deref()
            .filter(|url| !url.is_empty())
    }
}

/// Implemented by generated list-response structs (`{ <key>: Vec<Item>, meta: PageMeta }`).
pub trait ListPage {
    /// The type of one listed item.
    type Item;
    /// Splits the response into items and metadata.
    fn into_page(self) -> Page<Self::Item>;
}

/// Page size for a list request: an explicit size wins, else `min(limit, max)`; always clamped
/// to `1..=max`. `None` lets Twilio pick its default.
pub(crate) fn effective_page_size<N>(
    explicit: Option<N>,
    limit: Option<usize>,
    max: i64,
) -> Option<N>
where
    N: Copy + Into<i64> + TryFrom<i64>,
{
    // `clamp` panics when min > max; a spec with a bogus maximum must not panic.
    let max = max.max(1);
    explicit
        .map(Into::into)
        .or_else(|| limit.map(|limit| i64::try_from(limit).unwrap_or(i64::MAX)))
        .map(|size| size.clamp(1, max))
        // The page-size field's own width (`i32` in some documents); a maximum beyond it
        // falls back to the API's default page size.
        .and_then(|size| N::try_from(size).ok())
}

/// Where the walk is.
struct Walk<'a, Item> {
    client: &'a Client,
    next: Option<RequestSpec>,
    items: std::vec::IntoIter<Item>,
    remaining: Option<usize>,
    /// Reported once the current page's items are out (e.g. a foreign next page).
    pending_error: Option<Error>,
}

impl Client {
    /// The page at a `next_page_url` or `previous_page_url` Twilio returned, fetched with GET
    /// only when it is on the client's own origin (after edge/region rewriting); `None` when
    /// there is no such page.
    pub(crate) async fn page_at<P>(
        &self,
        operation: &'static str,
        path_template: &'static str,
        url: Option<&str>,
    ) -> Result<Option<Response<Page<P::Item>>>>
    where
        P: ListPage + serde::de::DeserializeOwned,
    {
        let Some(raw) = url else { return Ok(None) };
        let url = self.resolve_next_page(operation, raw)?;
        let request = RequestSpec::next_page(operation, path_template, url);
        let response = self.send_json::<P>(request).await?;
        Ok(Some(response.map(ListPage::into_page)))
    }

    /// First page from `first`, then follows `meta.next_page_url` (same origin only) with GET,
    /// yielding items; stops after `limit` items when set. One page in memory at a time.
    ///
    /// An error ends the stream after being yielded. A `next_page_url` on another origin yields
    /// [`Error::ForeignNextPage`] once this page's items are out, and nothing is sent there.
    pub(crate) fn paginate<P>(
        &self,
        first: RequestSpec,
        limit: Option<usize>,
    ) -> impl Stream<Item = Result<P::Item>> + Send + Unpin + '_
    where
        P: ListPage + serde::de::DeserializeOwned + Send + 'static,
        P::Item: Send + 'static,
    {
        let walk = Walk {
            client: self,
            next: Some(first),
            items: Vec::new().into_iter(),
            remaining: limit,
            pending_error: None,
        };
        // Boxed so the stream is `Unpin`: callers can use `next()` and `try_next()` directly,
        // without pinning it first. One allocation per list, not per item.
        Box::pin(stream::unfold(walk, |mut walk| async move {
            loop {
                if walk.remaining == Some(0) {
                    return None;
                }
                if let Some(item) = walk.items.next() {
                    if let Some(remaining) = walk.remaining.as_mut() {
                        *remaining -= 1;
                    }
                    return Some((Ok(item), walk));
                }
                if let Some(error) = walk.pending_error.take() {
                    return Some((Err(error), walk));
                }
                let request = walk.next.take()?;
                let (operation, template) = (request.operation_id, request.path_template);
                let this_url = match &request.target {
                    Target::Url(url) => Some(url.clone()),
                    Target::Path(_) => None,
                };
                let page = match walk.client.send_json::<P>(request).await {
                    Ok(response) => response.into_body().into_page(),
                    Err(error) => return Some((Err(error), walk)),
                };
                if let Some(raw) = page.next_page_url() {
                    match walk.client.resolve_next_page(operation, raw) {
                        // A server repeating the same URL would otherwise loop forever.
                        Ok(url) if Some(&url) == this_url.as_ref() => {}
                        Ok(url) => {
                            walk.next = Some(RequestSpec::next_page(operation, template, url));
                        }
                        Err(error) => walk.pending_error = Some(error),
                    }
                }
                walk.items = page.items.into_iter();
            }
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_page_size_wins_but_is_clamped() {
        assert_eq!(effective_page_size(Some(20), Some(5), 1000), Some(20));
        assert_eq!(effective_page_size(Some(5000), None, 1000), Some(1000));
        assert_eq!(effective_page_size(Some(0), None, 1000), Some(1));
        assert_eq!(effective_page_size(Some(-3), Some(7), 1000), Some(1));
    }

    #[test]
    fn limit_sets_page_size_up_to_max() {
        assert_eq!(effective_page_size(None, Some(30), 1000), Some(30));
        assert_eq!(effective_page_size(None, Some(5000), 1000), Some(1000));
        assert_eq!(
            effective_page_size(None, Some(usize::MAX), 1000),
            Some(1000)
        );
        assert_eq!(effective_page_size(None, Some(0), 1000), Some(1));
    }

    #[test]
    fn nothing_set_leaves_twilio_default() {
        assert_eq!(effective_page_size::<i64>(None, None, 1000), None);
    }

    #[test]
    fn bogus_max_does_not_panic() {
        assert_eq!(effective_page_size(Some(10), None, 0), Some(1));
    }

    #[test]
    fn page_meta_tolerates_missing_and_null_fields() {
        let meta: PageMeta = serde_json::from_str(r#"{"next_page_url": null, "page": 2}"#).unwrap();
        assert_eq!(meta.page, Some(2));
        assert_eq!(meta.next_page_url(), None);
        let meta: PageMeta = serde_json::from_str(r#"{"next_page_url": "", "extra": 1}"#).unwrap();
        assert_eq!(meta.next_page_url(), None);
        let page = Page::<u8> {
            items: vec![],
            meta: PageMeta {
                next_page_url: Some("https://numbers.twilio.com/v2/x?Page=1".to_owned()),
                ..PageMeta::default()
            },
        };
        assert!(page.has_next_page());
    }
}
