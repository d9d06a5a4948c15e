//! One page of a list: its items, Twilio's `meta`, and how it was fetched (so its neighbours
//! can be).

use std::fmt;

use reqwest::header::HeaderMap;
use serde::{Deserialize, Serialize};

use crate::runtime::decode::decode_json;
use crate::runtime::error::Result;
use crate::runtime::request::RequestSpec;

/// One page of a list: its items and Twilio's paging metadata.
///
/// A page the client fetched remembers how, so [`Client::next_page`](crate::Client::next_page) and
/// [`Client::previous_page`](crate::Client::previous_page) can fetch its neighbours.
#[derive(Clone)]
pub struct Page<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// Paging metadata (`meta` in Twilio's JSON).
    pub meta: PageMeta,
    /// The request that fetched this page and how to decode its neighbours; `None` for a page
    /// built by hand.
    pub(super) origin: Option<PageOrigin<T>>,
}

/// How a page was fetched.
pub(super) struct PageOrigin<T> {
    pub(super) request: RequestSpec,
    pub(super) decode: DecodePage<T>,
}

impl<T> Clone for PageOrigin<T> {
    fn clone(&self) -> Self {
        Self {
            request: self.request.clone(),
            decode: self.decode,
        }
    }
}

/// Decodes a page of one list operation's response type (monomorphised per list).
pub(super) type DecodePage<T> =
    fn(&'static str, &'static str, &HeaderMap, &[u8]) -> Result<Page<T>>;

pub(super) fn decode_page<P>(
    operation: &'static str,
    path_template: &'static str,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Page<P::Item>>
where
    P: ListPage + serde::de::DeserializeOwned,
{
    decode_json::<P>(operation, path_template, headers, body).map(ListPage::into_page)
}

impl<T: fmt::Debug> fmt::Debug for Page<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Page")
            .field("items", &self.items)
            .field("meta", &self.meta)
            .finish_non_exhaustive()
    }
}

/// Pages are equal when their items and metadata are.
impl<T: PartialEq> PartialEq for Page<T> {
    fn eq(&self, other: &Self) -> bool {
        self.items == other.items && self.meta == other.meta
    }
}

impl<T> Page<T> {
    /// A page of `items` with `meta`, not fetched by a client (so without neighbours).
    pub fn new(items: Vec<T>, meta: PageMeta) -> Self {
        Self {
            items,
            meta,
            origin: None,
        }
    }

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
    /// Zero-based page number (decoded from a number or text, as every Twilio number).
    #[serde(default, deserialize_with = "crate::runtime::tolerant::option")]
    pub page: Option<i64>,
    /// Items per page (`pageSize` in newer APIs).
    #[serde(
        default,
        alias = "pageSize",
        deserialize_with = "crate::runtime::tolerant::option"
    )]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_meta_tolerates_missing_and_null_fields() {
        let meta: PageMeta = serde_json::from_str(r#"{"next_page_url": null, "page": 2}"#).unwrap();
        assert_eq!(meta.page, Some(2));
        assert_eq!(meta.next_page_url(), None);
        let meta: PageMeta = serde_json::from_str(r#"{"next_page_url": "", "extra": 1}"#).unwrap();
        assert_eq!(meta.next_page_url(), None);
        let page = Page::<u8>::new(
            vec![],
            PageMeta {
                next_page_url: Some("https://numbers.twilio.com/v2/x?Page=1".to_owned()),
                ..PageMeta::default()
            },
        );
        assert!(page.has_next_page());
    }
}
