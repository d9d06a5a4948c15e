//! What `build.rs` embedded: the client crate's hand-written files and the manifests the
//! stand-alone manifest is assembled from.

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
