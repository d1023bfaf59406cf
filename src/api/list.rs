//! Lists and paging. Clerk answers a list operation with a page
//! (`{data, total_count}`, [`List`]) or a plain JSON array; either way it
//! pages with `limit` and `offset`. [`Paged`] is what the generated request
//! types of such operations implement, and [`Pages`] walks the pages
//! without doing any I/O: it says which request comes next and learns from
//! each answer whether there is another.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::Operation;

/// A page of a list: the items, and how many there are in all. Members
/// this release does not know are kept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct List<T> {
    /// The items of this page.
    pub data: Vec<T>,
    /// How many items the whole list has (every page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_count: Option<i64>,
    /// Members this release does not know.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// A list operation that pages with `limit` and `offset`.
pub trait Paged: Operation + Clone {
    /// What the list holds.
    type Item;
    /// The request for the page of `limit` items starting at `offset`.
    fn page(self, limit: i64, offset: i64) -> Self;
    /// The page size set on the request, if any.
    fn page_size(&self) -> Option<i64>;
    /// The offset set on the request, if any.
    fn start(&self) -> Option<i64>;
    /// A page's items, and the list's total count if the page says it.
    fn split(output: Self::Output) -> (Vec<Self::Item>, Option<i64>);
}

/// The page size [`Pages`] asks for when the request sets none: Clerk's
/// largest (`limit` is at most 500), so that a walk takes few requests.
pub const DEFAULT_PAGE_SIZE: i64 = 500;

/// A walk through every page of a list, sans-IO: [`Pages::next_request`]
/// gives the request of the next page (or `None` at the end), and
/// [`Pages::items`] takes its answer. The walk ends at a page shorter than
/// the page size, or once the total count is reached.
#[derive(Clone, Debug)]
pub struct Pages<O> {
    request: O,
    limit: i64,
    offset: i64,
    done: bool,
}

impl<O: Paged> Pages<O> {
    /// A walk from the request's own `offset` (or 0), in pages of its own
    /// `limit` (or [`DEFAULT_PAGE_SIZE`]).
    pub fn new(request: O) -> Self {
        let limit = request
            .page_size()
            .filter(|l| *l > 0)
            .unwrap_or(DEFAULT_PAGE_SIZE);
        let offset = request.start().filter(|o| *o >= 0).unwrap_or(0);
        Pages {
            request,
            limit,
            offset,
            done: false,
        }
    }

    /// The request for the next page, or `None` when the walk is over.
    pub fn next_request(&self) -> Option<O> {
        (!self.done).then(|| self.request.clone().page(self.limit, self.offset))
    }

    /// Takes the answer to the last [`Pages::next_request`]: its items.
    pub fn items(&mut self, output: O::Output) -> Vec<O::Item> {
        let (items, total) = O::split(output);
        let got = i64::try_from(items.len()).unwrap_or(i64::MAX);
        self.offset = self.offset.saturating_add(got);
        self.done = got < self.limit || got == 0 || total.is_some_and(|t| self.offset >= t);
        items
    }
}
