//! Twilio list pages and the stream that walks them.

use std::collections::HashSet;

use futures_core::Stream;
use futures_util::stream;
use url::Url;

use super::client::{Client, Limits};
use super::error::{Error, PagingError, Result};
use super::request::RequestSpec;
use super::response::Response;

mod page;

pub use page::{ListPage, Page, PageMeta};
use page::{PageOrigin, decode_page};

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
    /// The first request: later pages keep its credentials and header parameters, and a list
    /// paged by token repeats it with each token.
    first: RequestSpec,
}

impl<Item> Walk<'_, Item> {
    /// The requests a `limit` justifies: `ceil(limit / page size) + Limits::LIMIT_SLACK`.
    fn requests_for_limit(&self, limit: usize) -> u32 {
        let needed = limit.div_ceil(self.page_size.unwrap_or(1).max(1));
        u32::try_from(needed)
            .unwrap_or(u32::MAX)
            .saturating_add(Limits::LIMIT_SLACK)
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
            if self.empty_in_a_row >= Limits::MAX_EMPTY_PAGES_IN_A_ROW {
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
    /// Sends the first request of a list and decodes its page, remembering how, so that
    /// [`next_page`](Self::next_page) and [`previous_page`](Self::previous_page) work on it.
    pub(crate) async fn send_page<P>(&self, request: RequestSpec) -> Result<Response<Page<P::Item>>>
    where
        P: ListPage + serde::de::DeserializeOwned,
    {
        let raw = self.execute(&request).await?;
        let (operation, template) = (request.operation_id, request.path_template);
        let mut page = decode_page::<P>(operation, template, &raw.headers, &raw.body)
            .map_err(|e| e.at_status(raw.status))?;
        page.origin = Some(PageOrigin {
            request,
            decode: decode_page::<P>,
        });
        Ok(Response::new(raw.status, raw.headers, page))
    }

    /// The page after `page`, or `None` on the last page (or for a page not fetched by a
    /// client).
    ///
    /// Follows `meta.next_page_url` on the client's own origin only (with the list's own
    /// credentials and header parameters), or, for a list paged by token, repeats its request
    /// with `meta.nextToken`. For paging by hand (a cursor in a web UI, say); to read every item,
    /// the list's `_stream` is simpler.
    ///
    /// # Errors
    ///
    /// As the list operation itself; [`Error::ForeignNextPage`] when the link points to another
    /// origin (nothing is sent there), and [`Error::Paging`] when it points back at `page`
    /// itself (nothing is sent), so a loop over `next_page` cannot spin on one URL.
    pub async fn next_page<T>(&self, page: &Page<T>) -> Result<Option<Page<T>>> {
        let link = page.meta.next_page_url();
        let token = page.meta.next_token();
        self.neighbour(page, link, token).await
    }

    /// The page before `page`, or `None` on the first page (or for a page not fetched by a
    /// client). As [`next_page`](Self::next_page), with `meta.previous_page_url` (or
    /// `meta.previousToken`).
    ///
    /// # Errors
    ///
    /// As [`next_page`](Self::next_page).
    pub async fn previous_page<T>(&self, page: &Page<T>) -> Result<Option<Page<T>>> {
        let link = page.meta.previous_page_url();
        let token = page
            .meta
            .previous_token
            .as_deref()
            .filter(|t| !t.is_empty());
        self.neighbour(page, link, token).await
    }

    /// The request for the page a link or a token names, after the page `fetched` fetched:
    /// the link (on the client's own origin only) with the list's credentials and header
    /// parameters, or, for a list paged by token, `fetched` repeated with the token. `None` when
    /// neither leads anywhere.
    fn request_for(
        &self,
        fetched: &RequestSpec,
        link: Option<&str>,
        token: Option<&str>,
    ) -> Option<Result<RequestSpec>> {
        let (operation, template) = (fetched.operation_id, fetched.path_template);
        match (link, token, fetched.page_token) {
            (Some(raw), _, _) => Some(self.resolve_next_page(operation, raw).map(|url| {
                RequestSpec::next_page(operation, template, url)
                    .auth(fetched.auth)
                    .headers(fetched.headers.clone())
            })),
            (None, Some(token), Some(key)) => Some(Ok(fetched.with_page_token(key, token))),
            _ => None,
        }
    }

    async fn neighbour<T>(
        &self,
        page: &Page<T>,
        link: Option<&str>,
        token: Option<&str>,
    ) -> Result<Option<Page<T>>> {
        let Some(origin) = &page.origin else {
            return Ok(None);
        };
        let first = &origin.request;
        let (operation, template) = (first.operation_id, first.path_template);
        let Some(request) = self.request_for(first, link, token) else {
            return Ok(None);
        };
        let request = request?;
        if self.url_for(&request) == self.url_for(first) {
            return Err(Error::Paging {
                operation,
                reason: PagingError::RepeatedPage { pages: 1 },
            });
        }
        let raw = self.execute(&request).await?;
        let mut next = (origin.decode)(operation, template, &raw.headers, &raw.body)
            .map_err(|e| e.at_status(raw.status))?;
        next.origin = Some(PageOrigin {
            request,
            decode: origin.decode,
        });
        Ok(Some(next))
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
            first: first.clone(),
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
                let operation = request.operation_id;
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
                let link = page.next_page_url().filter(|_| !satisfied);
                let token = page.meta.next_token().filter(|_| !satisfied);
                // Later pages carry the first request's credentials and header parameters.
                match walk.client.request_for(&walk.first, link, token) {
                    Some(Ok(next)) => {
                        let url = walk.client.url_for(&next);
                        match walk.refuse(&url, items) {
                            Some(reason) => {
                                walk.pending_error = Some(Error::Paging { operation, reason });
                            }
                            None => walk.next = Some(next),
                        }
                    }
                    Some(Err(error)) => walk.pending_error = Some(error),
                    None => {}
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
}
