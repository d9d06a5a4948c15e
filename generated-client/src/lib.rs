// The crate documentation comes from the API document (its title and description) with an
// example the generator writes for this API; see `generated/crate_docs.md`.
#![doc = include_str!("generated/crate_docs.md")]
#![warn(missing_docs)]
#![forbid(unsafe_code)]

mod generated;
mod runtime;

pub use generated::{enums, models, params, sids};
pub use runtime::*;
// Receiving Twilio's webhooks (signature validation, payloads, the axum extractor): already
// reached through the glob above, named here so it is found.
pub use runtime::webhook;

/// Everything a program needs in one `use twilio_…::prelude::*;`: the client and its
/// configuration, errors and pages, and every generated model, enum, parameters struct and SID
/// type (also reachable through their modules, `models::EndUser`, ...).
pub mod prelude {
    // A generated name that two modules share (rare) is left out of the globs and stays
    // reachable through its module; the runtime's names win over generated ones.
    pub use crate::{
        ApiError, Client, ClientBuilder, Credentials, Error, FilePart, JsonParam, Page, PageMeta,
        Redirect, Response, Result, RetryPolicy,
    };
    #[allow(ambiguous_glob_reexports)]
    pub use crate::{enums::*, models::*, params::*, sids::*};
}
