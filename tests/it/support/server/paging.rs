//! Twilio's list paging: `PageSize` (50 by default, at most 1000), `Page` (echoed back) and an
//! opaque `PageToken` that the server hands out in `meta.next_page_url`/`previous_page_url`.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::twilio_error::TwilioError;

pub(crate) const DEFAULT_PAGE_SIZE: u64 = 50;
pub(crate) const MAX_PAGE_SIZE: u64 = 1000;

/// Where a page starts: tokens carry the position of a neighbouring page's edge item, so a page
/// stays stable while items are created or deleted elsewhere in the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    /// Items after this position (`PA…`).
    After(u64),
    /// The items just before this position (`PB…`).
    Before(u64),
}

impl Token {
    fn parse(text: &str) -> Option<Self> {
        let (kind, position) = text.split_at_checked(2)?;
        let position = position.parse().ok()?;
        match kind {
            "PA" => Some(Token::After(position)),
            "PB" => Some(Token::Before(position)),
            _ => None,
        }
    }

    fn render(self) -> String {
        match self {
            Token::After(position) => format!("PA{position}"),
            Token::Before(position) => format!("PB{position}"),
        }
    }
}

/// The paging parameters of one list request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct PageRequest {
    page_size: u64,
    page: u64,
    token: Option<Token>,
}

impl PageRequest {
    /// Reads `PageSize`, `Page` and `PageToken`; anything malformed is Twilio's 400.
    pub(super) fn from_query(pairs: &[(String, String)]) -> Result<Self, TwilioError> {
        let get = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v);
        let page_size = match get("PageSize") {
            None => DEFAULT_PAGE_SIZE,
            Some(text) => text
                .parse()
                .ok()
                .filter(|size| (1..=MAX_PAGE_SIZE).contains(size))
                .ok_or_else(|| {
                    TwilioError::bad_request(format!(
                        "PageSize must be an integer from 1 to {MAX_PAGE_SIZE}, not {text}"
                    ))
                })?,
        };
        let page = match get("Page") {
            None => 0,
            Some(text) => text.parse().map_err(|_| {
                TwilioError::bad_request(format!("Page must be a non-negative integer: {text}"))
            })?,
        };
        let token = get("PageToken")
            .map(|text| {
                Token::parse(text)
                    .ok_or_else(|| TwilioError::bad_request(format!("Invalid PageToken: {text}")))
            })
            .transpose()?;
        Ok(Self {
            page_size,
            page,
            token,
        })
    }

    /// The page as Twilio renders it: `{ <key>: [...], meta: {...} }`, URLs absolute on `base`
    /// (the server's origin followed by the list path).
    pub(super) fn render<T>(
        &self,
        items: &BTreeMap<u64, T>,
        base: &str,
        key: &str,
        to_json: impl Fn(&T) -> Value,
    ) -> Value {
        let size = usize::try_from(self.page_size).expect("page size fits");
        let window: Vec<(u64, &T)> = match self.token {
            Some(Token::After(position)) => items
                .range(position + 1..)
                .take(size)
                .map(|(k, v)| (*k, v))
                .collect(),
            Some(Token::Before(position)) => {
                let mut window: Vec<_> = items
                    .range(..position)
                    .rev()
                    .take(size)
                    .map(|(k, v)| (*k, v))
                    .collect();
                window.reverse();
                window
            }
            None => {
                let skip =
                    usize::try_from(self.page.saturating_mul(self.page_size)).unwrap_or(usize::MAX);
                items
                    .iter()
                    .skip(skip)
                    .take(size)
                    .map(|(k, v)| (*k, v))
                    .collect()
            }
        };
        let url = |page: u64, token: Option<Token>| {
            let mut url = format!("{base}?PageSize={}&Page={page}", self.page_size);
            if let Some(token) = token {
                url.push_str("&PageToken=");
                url.push_str(&token.render());
            }
            url
        };
        let next = window
            .last()
            .filter(|(last, _)| items.range(last + 1..).next().is_some())
            .map(|(last, _)| url(self.page + 1, Some(Token::After(*last))));
        let previous = window
            .first()
            .filter(|(first, _)| self.page > 0 && items.range(..first).next().is_some())
            .map(|(first, _)| url(self.page - 1, Some(Token::Before(*first))));
        // In Twilio's real shapes, not only its documented ones: a number as text and `""` for
        // "no link", as Twilio's servers send elsewhere (runtime/tolerant.rs).
        json!({
            key: window.iter().map(|(_, item)| to_json(item)).collect::<Vec<_>>(),
            "meta": {
                "page": self.page,
                "page_size": self.page_size.to_string(),
                "first_page_url": url(0, None),
                "previous_page_url": previous.unwrap_or_default(),
                "url": url(self.page, self.token),
                "next_page_url": next,
                "key": key,
            },
        })
    }
}
