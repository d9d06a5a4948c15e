//! Throughput of the generated client against the local Twilio-like server, reported and never
//! asserted: `cargo bench -p tests --bench client`.
//!
//! The server runs in the same process on 127.0.0.1, so the numbers are the client's cost plus
//! a minimal server's, over real loopback HTTP/1.1 connections.

// Shared with the integration tests, which use parts of the server that the benchmarks do not.
#[allow(dead_code, unused_imports)]
#[path = "../it/support/server/mod.rs"]
mod server;

use std::sync::LazyLock;

use futures_util::future::join_all;
use server::{ACCOUNT_SID, AUTH_TOKEN, EndUsersServer};
use twilio_numbers_v2::enums::EndUserEnumType;
use twilio_numbers_v2::params::CreateEndUserParams;
use twilio_numbers_v2::sids::EndUserSid;
use twilio_numbers_v2::{Client, Credentials};

fn main() {
    divan::main();
}

/// Two workers, like the machine's two cores; the server's tasks run on them between
/// benchmark iterations too.
static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime")
});

struct Fixture {
    server: EndUsersServer,
    client: Client,
    sid: EndUserSid,
}

/// One server with one End-User, and one client (one connection pool) for every benchmark.
static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    RUNTIME.block_on(async {
        let server = EndUsersServer::start().await;
        let client = Client::builder(Credentials::new(ACCOUNT_SID, AUTH_TOKEN).unwrap())
            .base_url(server.origin())
            .allow_insecure_http(true)
            .build()
            .unwrap();
        let params = CreateEndUserParams::new("Harbour Street Bakery", EndUserEnumType::Business)
            .attributes(serde_json::json!({"business_name": "Harbour Street Bakery Ltd"}));
        let sid = client.create_end_user(&params).await.unwrap().sid.unwrap();
        Fixture {
            server,
            client,
            sid,
        }
    })
});

/// The server records every request; forgetting them keeps memory flat across samples.
fn forget_requests() {
    FIXTURE.server.take_requests();
}

/// One GET round trip: send, receive, decode an End-User.
#[divan::bench(sample_count = 100, sample_size = 20)]
fn fetch(bencher: divan::Bencher) {
    let Fixture { client, sid, .. } = &*FIXTURE;
    forget_requests();
    bencher
        .counter(divan::counter::ItemsCount::new(1u32))
        .bench(|| RUNTIME.block_on(client.fetch_end_user(sid)).unwrap());
}

/// A create (form-encoded POST with JSON attributes) followed by a fetch of what it created.
#[divan::bench(sample_count = 100, sample_size = 10)]
fn create_then_fetch(bencher: divan::Bencher) {
    let client = &FIXTURE.client;
    forget_requests();
    let params = CreateEndUserParams::new("Mara Lindqvist", EndUserEnumType::Individual)
        .attributes(serde_json::json!({"first_name": "Mara", "last_name": "Lindqvist"}));
    // Two requests per iteration.
    bencher
        .counter(divan::counter::ItemsCount::new(2u32))
        .bench(|| {
            RUNTIME.block_on(async {
                let created = client.create_end_user(&params).await.unwrap();
                client.fetch_end_user(&created.sid.unwrap()).await.unwrap()
            })
        });
}

/// 1,000 fetches in flight at once through one client; divide the time by 1,000 for the cost
/// of one request under that load.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn concurrent_fetch_1000(bencher: divan::Bencher) {
    let Fixture { client, sid, .. } = &*FIXTURE;
    forget_requests();
    bencher
        .counter(divan::counter::ItemsCount::new(1_000u32))
        .bench(|| {
            RUNTIME.block_on(async {
                let answers = join_all((0..1_000).map(|_| client.fetch_end_user(sid))).await;
                assert!(answers.iter().all(Result::is_ok));
            })
        });
}
