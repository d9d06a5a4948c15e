//! Load: many requests in flight at once through one client (one connection pool) all complete.
//! How fast is for the benchmark (`cargo bench -p tests --bench client`), not for a test.

use std::collections::BTreeSet;

use futures_util::future::join_all;
use twilio_numbers_v2::RetryPolicy;
use twilio_numbers_v2::enums::EndUserEnumType;
use twilio_numbers_v2::params::CreateEndUserParams;

use twilio_numbers_v2_fake::ComplianceFake;

use crate::support::no_hang;

const REQUESTS: usize = 1_000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn test_1000_concurrent_creates_through_one_client_all_succeed() {
    no_hang("1,000 concurrent requests", async {
        let server = ComplianceFake::start().await;
        // No retries: every request is exactly one attempt, so a failure cannot hide.
        let client = server
            .server()
            .client_builder()
            .retry_policy(RetryPolicy::disabled())
            .build()
            .unwrap();
        let params: Vec<_> = (0..REQUESTS)
            .map(|i| CreateEndUserParams::new(format!("Load {i:04}"), EndUserEnumType::Individual))
            .collect();
        let answers = join_all(params.iter().map(|p| client.create_end_user(p))).await;

        let mut sids = BTreeSet::new();
        for (i, answer) in answers.into_iter().enumerate() {
            let end_user = answer.unwrap_or_else(|e| panic!("request {i}: {e:?}"));
            // Each answer belongs to its own request.
            assert_eq!(end_user.friendly_name, Some(format!("Load {i:04}")));
            sids.insert(end_user.sid.unwrap());
        }
        assert_eq!(sids.len(), REQUESTS);
        assert_eq!(server.requests().len(), REQUESTS);
        assert_eq!(server.end_users().len(), REQUESTS);
    })
    .await;
}
