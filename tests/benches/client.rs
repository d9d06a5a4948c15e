//! The generated client against the local Twilio-like server, each figure next to its
//! baseline from the same run, reported and never asserted: `cargo bench -p tests --bench client`.
//!
//! - `per_request`: fetch, create (form-encoded POST) and one page of 1,000 End-Users, through
//!   the generated client and through a hand-written baseline: a plain `reqwest` call with the
//!   same headers and basic auth, and `serde_json` into a plain struct.
//! - `decode`: the same page of 1,000 End-Users decoded into the generated types and into plain
//!   serde structs (no HTTP).
//! - `stream`: walking 10,000 and 100,000 End-Users with `list_end_user_stream` (items/s); after
//!   the table, the peak heap of each walk, counted over every thread of the process (the client,
//!   tokio's workers and the in-process server alike), so a flat figure means one page at a time.
//! - `concurrent_fetch_1000`: 1,000 fetches in flight through one client.
//! - `upload` (after the table; `client/upload.rs`): the peak heap of a 50 MiB multipart upload
//!   streamed from disk, next to a 5 MiB one and to the same 50 MiB given as bytes.
//!
//! The server runs in the same process on 127.0.0.1, so the numbers are the client's cost plus
//! a minimal server's, over real loopback HTTP/1.1 connections.

// The counting global allocator (client/heap.rs: peak heap of every thread) is the workspace's
// only unsafe code: it forwards to `System` with the caller's guarantees.
#![allow(unsafe_code)]

// Shared with the integration tests, which use parts of the server that the benchmarks do not.
#[allow(dead_code, unused_imports)]
#[path = "../it/support/server/mod.rs"]
mod server;

#[path = "client/upload.rs"]
mod upload;

#[path = "client/heap.rs"]
mod heap;

#[path = "client/baseline.rs"]
mod baseline;

use std::sync::LazyLock;
use std::sync::atomic::Ordering;

use baseline::{Baseline, PlainPage, PlainTimedPage};
use futures_util::StreamExt;
use futures_util::future::join_all;
use heap::{LIVE, PEAK};
use server::{ACCOUNT_SID, AUTH_TOKEN, EndUsersServer};
use twilio_numbers_v2::enums::EndUserEnumType;
use twilio_numbers_v2::models::{EndUser, ListEndUserResponse};
use twilio_numbers_v2::params::{CreateEndUserParams, ListEndUserParams};
use twilio_numbers_v2::sids::EndUserSid;
use twilio_numbers_v2::{Client, Credentials, ListPage, Page};

fn main() {
    divan::main();
    // After the table, unless only other benchmarks were asked for (`cargo bench -- decode`).
    let args: Vec<String> = std::env::args().skip(1).collect();
    let filters: Vec<&String> = args.iter().filter(|arg| !arg.starts_with('-')).collect();
    let listing = args.iter().any(|arg| arg == "--list");
    let asked =
        |name: &str| filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str()));
    if !listing && (asked("per_request") || asked("decode")) {
        report_paired_ratios();
    }
    if !listing && asked("stream") {
        report_streaming_peak_heap();
    }
    if !listing && asked("upload") {
        upload::report_upload_peak_heap();
    }
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

/// End-Users on the list page that `per_request` and `decode` read.
const PAGE: usize = 1_000;

struct Fixture {
    server: EndUsersServer,
    client: Client,
    baseline: Baseline,
    sid: EndUserSid,
    /// The JSON of one page of 1,000 End-Users, as the server sends it.
    page_json: Vec<u8>,
}

/// One server with 1,000 End-Users, one generated client and one baseline client (one
/// connection pool each) for every benchmark.
static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    RUNTIME.block_on(async {
        let server = EndUsersServer::start().await;
        server.seed_end_users(PAGE);
        let client = client(&server);
        let params = CreateEndUserParams::new("Harbour Street Bakery", EndUserEnumType::Business)
            .attributes(serde_json::json!({"business_name": "Harbour Street Bakery Ltd"}));
        let sid = client.create_end_user(&params).await.unwrap().sid.unwrap();
        // After the generated client, which installs the TLS crypto provider reqwest needs.
        let baseline = Baseline::new(&server, client.user_agent());
        let page_json = baseline.get_bytes(&baseline.list_url).await;
        Fixture {
            server,
            client,
            baseline,
            sid,
            page_json,
        }
    })
});

fn client(server: &EndUsersServer) -> Client {
    Client::builder(Credentials::new(ACCOUNT_SID, AUTH_TOKEN).unwrap())
        .base_url(server.origin())
        .allow_insecure_http(true)
        .build()
        .unwrap()
}

/// The server records every request; forgetting them keeps memory flat across samples.
fn forget_requests() {
    FIXTURE.server.take_requests();
}

/// One request through the generated client and the same request hand-written, side by side.
#[divan::bench_group]
mod per_request {
    use super::*;

    /// One GET round trip: send, receive, decode an End-User.
    #[divan::bench(sample_count = 100, sample_size = 20)]
    fn fetch_generated(bencher: divan::Bencher) {
        let Fixture { client, sid, .. } = &*FIXTURE;
        forget_requests();
        bencher.bench(|| RUNTIME.block_on(client.fetch_end_user(sid)).unwrap());
    }

    #[divan::bench(sample_count = 100, sample_size = 20)]
    fn fetch_baseline(bencher: divan::Bencher) {
        let Fixture { baseline, sid, .. } = &*FIXTURE;
        forget_requests();
        bencher.bench(|| RUNTIME.block_on(baseline.fetch(sid.as_str())));
    }

    /// A form-encoded POST with JSON attributes; the answer decoded.
    #[divan::bench(sample_count = 100, sample_size = 10)]
    fn create_generated(bencher: divan::Bencher) {
        let client = &FIXTURE.client;
        forget_requests();
        let params = CreateEndUserParams::new("Mara Lindqvist", EndUserEnumType::Individual)
            .attributes(serde_json::json!({"first_name": "Mara", "last_name": "Lindqvist"}));
        bencher.bench(|| RUNTIME.block_on(client.create_end_user(&params)).unwrap());
    }

    #[divan::bench(sample_count = 100, sample_size = 10)]
    fn create_baseline(bencher: divan::Bencher) {
        let baseline = &FIXTURE.baseline;
        forget_requests();
        bencher.bench(|| {
            // The same body as the generated client's: `Attributes` as compact JSON text.
            let attributes =
                serde_json::json!({"first_name": "Mara", "last_name": "Lindqvist"}).to_string();
            RUNTIME.block_on(baseline.create("Mara Lindqvist", "individual", &attributes))
        });
    }

    /// One page of 1,000 End-Users (about 400 kB of JSON).
    #[divan::bench(sample_count = 30, sample_size = 1)]
    fn list_page_1000_generated(bencher: divan::Bencher) {
        let client = &FIXTURE.client;
        forget_requests();
        let params = ListEndUserParams::default().page_size(PAGE as i64);
        bencher.bench(|| {
            let page = RUNTIME.block_on(client.list_end_user(&params)).unwrap();
            assert_eq!(page.items.len(), PAGE);
            page
        });
    }

    #[divan::bench(sample_count = 30, sample_size = 1)]
    fn list_page_1000_baseline(bencher: divan::Bencher) {
        let baseline = &FIXTURE.baseline;
        forget_requests();
        bencher.bench(|| {
            let page = RUNTIME.block_on(baseline.list_page());
            assert_eq!(page.results.len(), PAGE);
            page
        });
    }
}

/// Decoding one page of 1,000 End-Users from bytes already received, side by side.
#[divan::bench_group(sample_count = 50, sample_size = 5)]
mod decode {
    use super::*;

    /// Into the generated `ListEndUserResponse` and then a `Page<EndUser>`, as the client does.
    #[divan::bench]
    fn page_1000_generated(bencher: divan::Bencher) {
        let json = &FIXTURE.page_json;
        bencher.bench(|| {
            let page: Page<EndUser> =
                serde_json::from_slice::<ListEndUserResponse>(divan::black_box(json))
                    .unwrap()
                    .into_page();
            assert_eq!(page.items.len(), PAGE);
            page
        });
    }

    /// Into plain structs of `String`s.
    #[divan::bench]
    fn page_1000_plain(bencher: divan::Bencher) {
        let json = &FIXTURE.page_json;
        bencher.bench(|| {
            let page: PlainPage = serde_json::from_slice(divan::black_box(json)).unwrap();
            assert_eq!(page.results.len(), PAGE);
            page
        });
    }

    /// Into plain structs whose two timestamps are `jiff::Timestamp`s (not a baseline: it
    /// splits the generated decoding's extra cost into timestamps and the rest).
    #[divan::bench]
    fn page_1000_plain_timestamps(bencher: divan::Bencher) {
        let json = &FIXTURE.page_json;
        bencher.bench(|| {
            let page: PlainTimedPage = serde_json::from_slice(divan::black_box(json)).unwrap();
            assert_eq!(page.results.len(), PAGE);
            page
        });
    }
}

/// Times `generated` and `baseline` in alternation, `per_round` calls each per round, the order
/// swapped every round, and prints the median time of each and the median of the per-round
/// ratios: a machine busy with other work slows both sides of a round alike. Each round's
/// results are dropped after its clock stops, as divan does.
fn paired<A, B>(
    name: &str,
    rounds: usize,
    per_round: usize,
    mut generated: impl FnMut() -> A,
    mut baseline: impl FnMut() -> B,
) {
    use std::time::Instant;
    // Results are dropped after the clock stops, as divan does.
    fn time<T>(per_round: usize, f: &mut impl FnMut() -> T) -> f64 {
        let mut results = Vec::with_capacity(per_round);
        let start = Instant::now();
        for _ in 0..per_round {
            results.push(divan::black_box(f()));
        }
        let elapsed = start.elapsed().as_secs_f64() / per_round as f64;
        drop(results);
        elapsed
    }
    let (mut ours, mut theirs, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        let (g, h) = if round % 2 == 0 {
            let g = time(per_round, &mut generated);
            (g, time(per_round, &mut baseline))
        } else {
            let h = time(per_round, &mut baseline);
            (time(per_round, &mut generated), h)
        };
        ours.push(g);
        theirs.push(h);
        ratios.push(g / h);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    println!(
        "  {name:<24} generated {:>9.1} µs   baseline {:>9.1} µs   ratio {:.3}",
        median(&mut ours) * 1e6,
        median(&mut theirs) * 1e6,
        median(&mut ratios)
    );
}

/// Each per-request and decode figure against its baseline, interleaved (see [`paired`]).
fn report_paired_ratios() {
    let Fixture {
        client,
        baseline,
        sid,
        page_json,
        ..
    } = &*FIXTURE;
    println!("\npaired, interleaved (median of per-round ratios generated / baseline):");
    paired(
        "fetch",
        101,
        20,
        || RUNTIME.block_on(client.fetch_end_user(sid)).unwrap(),
        || RUNTIME.block_on(baseline.fetch(sid.as_str())),
    );
    forget_requests();
    let params = CreateEndUserParams::new("Mara Lindqvist", EndUserEnumType::Individual)
        .attributes(serde_json::json!({"first_name": "Mara", "last_name": "Lindqvist"}));
    paired(
        "create",
        101,
        10,
        || RUNTIME.block_on(client.create_end_user(&params)).unwrap(),
        || {
            let attributes =
                serde_json::json!({"first_name": "Mara", "last_name": "Lindqvist"}).to_string();
            RUNTIME.block_on(baseline.create("Mara Lindqvist", "individual", &attributes))
        },
    );
    forget_requests();
    let list = ListEndUserParams::default().page_size(PAGE as i64);
    paired(
        "list_page_1000",
        61,
        2,
        || RUNTIME.block_on(client.list_end_user(&list)).unwrap(),
        || RUNTIME.block_on(baseline.list_page()),
    );
    forget_requests();
    paired(
        "decode_page_1000",
        101,
        5,
        || {
            serde_json::from_slice::<ListEndUserResponse>(page_json)
                .unwrap()
                .into_page()
        },
        || serde_json::from_slice::<PlainPage>(page_json).unwrap(),
    );
}

/// The largest list the benchmarks walk.
const STREAMED: usize = 100_000;

/// A server of its own with 100,000 End-Users, and a client for it.
static BIG_LIST: LazyLock<(EndUsersServer, Client)> = LazyLock::new(|| {
    RUNTIME.block_on(async {
        let server = EndUsersServer::start().await;
        server.seed_end_users(STREAMED);
        let client = client(&server);
        (server, client)
    })
});

/// Walks the first `count` End-Users of the big list, pages of 1,000; returns how many came.
fn walk(count: usize) -> usize {
    let (server, client) = &*BIG_LIST;
    let walked = RUNTIME.block_on(async {
        client
            .list_end_user_stream(&ListEndUserParams::default(), Some(count))
            .fold(0, |n, item| {
                item.unwrap();
                async move { n + 1 }
            })
            .await
    });
    server.take_requests();
    walked
}

/// `list_end_user_stream` over 10,000 and 100,000 End-Users: items per second.
#[divan::bench(args = [10_000, STREAMED], sample_count = 3, sample_size = 1)]
fn stream(bencher: divan::Bencher, count: usize) {
    LazyLock::force(&BIG_LIST);
    bencher
        .counter(divan::counter::ItemsCount::new(count))
        .bench(|| assert_eq!(walk(count), count));
}

/// The peak heap of each walk above, over the heap in use before it: flat when one page at a
/// time is held, whatever the length of the list.
fn report_streaming_peak_heap() {
    LazyLock::force(&BIG_LIST);
    println!(
        "\nstream peak heap (every thread, client and in-process server together; one page of \
         1,000 End-Users is {} kB of JSON):",
        FIXTURE.page_json.len() / 1000
    );
    for count in [1_000, 10_000, STREAMED] {
        let before = LIVE.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        assert_eq!(walk(count), count);
        let peak = PEAK.load(Ordering::Relaxed) - before;
        println!(
            "  {count:>7} End-Users: {:.2} MB above the {:.2} MB in use before",
            peak as f64 / 1e6,
            before as f64 / 1e6
        );
    }
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
