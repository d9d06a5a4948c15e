//! Twilio list pages and the stream that walks them.

use std::collections::HashSet;

use futures_core::Stream;
use futures_util::stream;
use serde::{Deserialize, Serialize};
use url::Url;

use super::client::Client;
use super::error::{Error, PagingError, Result};
use super::request::{Auth, RequestSpec};
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
    /// Items per page (`pageSize` in newer APIs).
    #[serde(default, alias = "pageSize")]
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
    /// The token of the next page, for lists paged by token (`nextToken` in newer APIs).
    #[serde(default, alias = "nextToken", skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// The token of the previous page, for lists paged by token (`previousToken`).
    #[serde(
        default,
        alias = "previousToken",
        skip_serializing_if = "Option::is_none"
    )]
    pub previous_token: Option<String>,
}

impl PageMeta {
    /// The next page URL, treating an empty string as none.
    pub fn next_page_url(&self) -> Option<&str> {
        self.next_page_url.as_deref().filter(|url| !url.is_empty())
    }

    /// The next page's token (lists paged by token), treating an empty string as none.
    pub fn next_token(&self) -> Option<&str> {
        self.next_token.as_deref().filter(|token| !token.is_empty())
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

/// Pages in a row with no items but a next page after which a stream gives up.
const MAX_EMPTY_PAGES_IN_A_ROW: u32 = 5;

/// Requests a stream with a `limit` may make beyond the `ceil(limit / page size)` the limit
/// needs: room for an empty page or a short one.
const LIMIT_SLACK: u32 = 2;

/// Where the walk is.
struct Walk<'a, Item> {
    client: &'a Client,
    next: Option<RequestSpec>,
    items: std::vec::IntoIter<Item>,
    remaining: Option<usize>,
    /// Reported once the current page's items are out (e.g. a foreign next page).
    pending_error: Option<Error>,
    /// The stream's `limit`.
    limit: Option<usize>,
    /// Every URL fetched so far (at most `max_pages` of them): a repeat is a cycle.
    seen: HashSet<String>,
    /// Requests made.
    pages: u32,
    /// Pages in a row that had no items but a next page.
    empty_in_a_row: u32,
    /// The smallest page size known: the one requested, or the server's when smaller.
    page_size: Option<usize>,
    /// The first request, for lists paged by token: later pages repeat it with the token.
    by_token: Option<RequestSpec>,
}

impl<Item> Walk<'_, Item> {
    /// The requests a `limit` justifies: `ceil(limit / page size) + LIMIT_SLACK`.
    fn requests_for_limit(&self, limit: usize) -> u32 {
        let needed = limit.div_ceil(self.page_size.unwrap_or(1).max(1));
        u32::try_from(needed)
            .unwrap_or(u32::MAX)
            .saturating_add(LIMIT_SLACK)
    }

    /// Why the page just fetched (with `items` items) must not be followed to `url`, if so.
    fn refuse(&mut self, url: &Url, items: usize) -> Option<PagingError> {
        if !self.seen.insert(url.as_str().to_owned()) {
            return Some(PagingError::RepeatedPage { pages: self.pages });
        }
        if self.pages >= self.client.max_pages() {
            return Some(PagingError::PageBudget {
                max_pages: self.client.max_pages(),
            });
        }
        if items == 0 {
            self.empty_in_a_row += 1;
            if self.empty_in_a_row >= MAX_EMPTY_PAGES_IN_A_ROW {
                return Some(PagingError::EmptyPages {
                    in_a_row: self.empty_in_a_row,
                });
            }
        } else {
            self.empty_in_a_row = 0;
        }
        match self.limit {
            Some(limit) if self.pages >= self.requests_for_limit(limit) => {
                Some(PagingError::LimitRequests {
                    limit,
                    requests: self.pages,
                })
            }
            _ => None,
        }
    }
}

/// The `PageSize` a list request asks for, when it sets one.
fn requested_page_size(request: &RequestSpec) -> Option<usize> {
    request
        .query
        .pairs()
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case("PageSize"))
        .and_then(|(_, value)| value.parse().ok())
        .filter(|size| *size > 0)
}

impl Client {
    /// The page at a `next_page_url` or `previous_page_url` Twilio returned, fetched with GET
    /// only when it is on the client's own origin (after edge/region rewriting); `None` when
    /// there is no such page.
    ///
    /// A page whose next or previous link points back at itself is [`Error::Paging`], so a
    /// caller's loop over `*_next_page` cannot spin on one URL. Longer cycles need state across
    /// calls, which the streams keep.
    pub(crate) async fn page_at<P>(
        &self,
        operation: &'static str,
        path_template: &'static str,
        auth: Auth,
        url: Option<&str>,
    ) -> Result<Option<Response<Page<P::Item>>>>
    where
        P: ListPage + serde::de::DeserializeOwned,
    {
        let Some(raw) = url else { return Ok(None) };
        let url = self.resolve_next_page(operation, raw)?;
        // The operation's own credentials (a bearer-token list pages with its token).
        let request = RequestSpec::next_page(operation, path_template, url.clone()).auth(auth);
        let response = self.send_json::<P>(request).await?.map(ListPage::into_page);
        let meta = &response.body().meta;
        let links_to_itself = [meta.next_page_url(), meta.previous_page_url()]
            .into_iter()
            .flatten()
            .any(|link| self.resolve_next_page(operation, link).ok().as_ref() == Some(&url));
        if links_to_itself {
            return Err(Error::Paging {
                operation,
                reason: PagingError::RepeatedPage { pages: 1 },
            });
        }
        Ok(Some(response))
    }

    /// First page from `first`, then follows `meta.next_page_url` (same origin only) with GET,
    /// yielding items; stops after `limit` items when set. One page in memory at a time.
    ///
    /// An error ends the stream after being yielded. A `next_page_url` on another origin yields
    /// [`Error::ForeignNextPage`] once this page's items are out, and nothing is sent there.
    /// The bounds of [`ClientBuilder::max_pages`](crate::ClientBuilder::max_pages) end it with
    /// [`Error::Paging`] the same way.
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
            by_token: first.page_token.is_some().then(|| first.clone()),
            seen: HashSet::from([self.url_for(&first).as_str().to_owned()]),
            page_size: requested_page_size(&first),
            next: Some(first),
            items: Vec::new().into_iter(),
            remaining: limit,
            pending_error: None,
            limit,
            pages: 0,
            empty_in_a_row: 0,
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
                // Later pages carry the first request's credentials and header parameters.
                let (auth, headers) = (request.auth, request.headers.clone());
                walk.pages += 1;
                let page = match walk.client.send_json::<P>(request).await {
                    Ok(response) => response.into_body().into_page(),
                    Err(error) => return Some((Err(error), walk)),
                };
                if let Some(size) = page.meta.page_size.and_then(|s| usize::try_from(s).ok()) {
                    let size = size.max(1);
                    walk.page_size = Some(walk.page_size.map_or(size, |known| known.min(size)));
                }
                let items = page.items.len();
                let satisfied = walk.remaining.is_some_and(|remaining| remaining <= items);
                if let Some(raw) = page.next_page_url().filter(|_| !satisfied) {
                    match walk.client.resolve_next_page(operation, raw) {
                        Ok(url) => match walk.refuse(&url, items) {
                            Some(reason) => {
                                walk.pending_error = Some(Error::Paging { operation, reason });
                            }
                            None => {
                                let next = RequestSpec::next_page(operation, template, url);
                                walk.next = Some(next.auth(auth).headers(headers));
                            }
                        },
                        Err(error) => walk.pending_error = Some(error),
                    }
                } else if let Some((first, token)) = walk
                    .by_token
                    .as_ref()
                    .zip(page.meta.next_token())
                    .filter(|_| !satisfied)
                {
                    let key = first.page_token.unwrap_or_default();
                    let next = first.with_page_token(key, token);
                    let url = walk.client.url_for(&next);
                    match walk.refuse(&url, items) {
                        Some(reason) => {
                            walk.pending_error = Some(Error::Paging { operation, reason })
                        }
                        None => walk.next = Some(next),
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
