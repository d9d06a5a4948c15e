// The crate documentation comes from the API document (its title and description) with an
// example the generator writes for this API; see `generated/crate_docs.md`.
#![doc = include_str!("generated/crate_docs.md")]
#![warn(missing_docs)]
#![forbid(unsafe_code)]

mod generated;
mod runtime;

pub use generated::{enums, models, params, sids};
pub use runtime::*;
