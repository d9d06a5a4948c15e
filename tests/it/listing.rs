//! Walking 2,500 End-Users page by page with `list_end_user_stream`: every item once, in
//! order, and page sizes chosen as documented (Twilio's default without a limit, else
//! `min(limit, 1000)`, an explicit size always winning), against the Regulatory Compliance
//! fake (`twilio-numbers-v2-fake`), which pages as Twilio does.

use futures_util::TryStreamExt;
use twilio_numbers_v2::Client;
use twilio_numbers_v2::enums::EndUserEnumType;
use twilio_numbers_v2::mock::MockRequest;
use twilio_numbers_v2::params::{CreateEndUserParams, ListEndUserParams};
use twilio_numbers_v2::sids::EndUserSid;
use twilio_numbers_v2_fake::{ComplianceFake, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};

use crate::support::no_hang;

const END_USERS_PATH: &str = "/v2/RegulatoryCompliance/EndUsers";

const TOTAL: usize = 2_500;

/// Creates `TOTAL` End-Users one after the other, returning their SIDs in creation order.
async fn create_all(client: &Client) -> Vec<EndUserSid> {
    let mut sids = Vec::with_capacity(TOTAL);
    for i in 0..TOTAL {
        let kind = if i % 2 == 0 {
            EndUserEnumType::Individual
        } else {
            EndUserEnumType::Business
        };
        let params = CreateEndUserParams::new(format!("End-User {i:04}"), kind);
        let created = client.create_end_user(&params).await.unwrap();
        sids.push(created.sid.unwrap());
    }
    sids
}

/// A fake holding End-Users `E0` to `E4`, and a client for it.
async fn server_with_five_end_users() -> (ComplianceFake, Client) {
    let server = ComplianceFake::start().await;
    let client = server.client();
    for i in 0..5 {
        let params = CreateEndUserParams::new(format!("E{i}"), EndUserEnumType::Business);
        client.create_end_user(&params).await.unwrap();
    }
    (server, client)
}

/// Streams with `params` and `limit`, returning the SIDs and the list requests sent.
async fn walk(
    server: &ComplianceFake,
    client: &Client,
    params: &ListEndUserParams,
    limit: Option<usize>,
) -> (Vec<EndUserSid>, Vec<MockRequest>) {
    server.take_requests();
    let items: Vec<_> = client
        .list_end_user_stream(params, limit)
        .try_collect()
        .await
        .unwrap();
    let sids = items
        .into_iter()
        .map(|end_user| end_user.sid.unwrap())
        .collect();
    let requests = server.take_requests();
    for request in &requests {
        assert_eq!(
            (request.method().as_str(), request.path()),
            ("GET", END_USERS_PATH)
        );
    }
    (sids, requests)
}

/// The first value of query field `name`.
fn query_param(request: &MockRequest, name: &str) -> Option<String> {
    request.query_values(name).first().map(|v| (*v).to_owned())
}

fn page_sizes(requests: &[MockRequest]) -> Vec<Option<String>> {
    requests
        .iter()
        .map(|r| query_param(r, "PageSize"))
        .collect()
}

#[tokio::test]
async fn test_list_stream_walks_2500_end_users_in_order_across_pages() {
    no_hang("listing 2,500 End-Users", async {
        let server = ComplianceFake::start().await;
        let client = server.client();
        let created = create_all(&client).await;

        // No limit: Twilio's default page size (nothing sent), then the server's next pages.
        let (sids, requests) = walk(&server, &client, &ListEndUserParams::default(), None).await;
        assert_eq!(sids, created);
        let pages = TOTAL / DEFAULT_PAGE_SIZE;
        assert_eq!(requests.len(), pages);
        assert!(requests[0].query().is_empty());
        for (page, request) in requests.iter().enumerate().skip(1) {
            assert_eq!(query_param(request, "PageSize").as_deref(), Some("50"));
            assert_eq!(query_param(request, "Page"), Some(page.to_string()));
            assert!(query_param(request, "PageToken").is_some());
        }

        // A limit above the maximum: pages of 1,000, all items.
        let (sids, requests) =
            walk(&server, &client, &ListEndUserParams::default(), Some(TOTAL)).await;
        assert_eq!(sids, created);
        let max = Some(MAX_PAGE_SIZE.to_string());
        assert_eq!(page_sizes(&requests), vec![max.clone(); 3]);

        // A limit between pages: stops after it, without fetching a third page.
        let (sids, requests) =
            walk(&server, &client, &ListEndUserParams::default(), Some(1_234)).await;
        assert_eq!(sids, created[..1_234]);
        assert_eq!(page_sizes(&requests), vec![max; 2]);

        // A small limit is also the page size: one request.
        let (sids, requests) =
            walk(&server, &client, &ListEndUserParams::default(), Some(120)).await;
        assert_eq!(sids, created[..120]);
        assert_eq!(page_sizes(&requests), [Some("120".to_owned())]);

        // An explicit page size wins over the limit.
        let params = ListEndUserParams::default().page_size(7);
        let (sids, requests) = walk(&server, &client, &params, Some(20)).await;
        assert_eq!(sids, created[..20]);
        assert_eq!(page_sizes(&requests), vec![Some("7".to_owned()); 3]);
    })
    .await;
}

#[tokio::test]
async fn test_list_pages_link_to_each_other_on_the_servers_own_origin() {
    no_hang("page links", async {
        let (server, client) = server_with_five_end_users().await;
        let base = format!("{}{END_USERS_PATH}", server.server().base_url());
        let first = client
            .list_end_user(&ListEndUserParams::default().page_size(2))
            .await
            .unwrap();
        assert_eq!(first.items.len(), 2);
        assert_eq!(first.meta.page, Some(0));
        assert_eq!(first.meta.page_size, Some(2));
        assert_eq!(first.meta.key.as_deref(), Some("results"));
        let first_url = format!("{base}?PageSize=2&Page=0");
        assert_eq!(
            first.meta.first_page_url.as_deref(),
            Some(first_url.as_str())
        );
        assert_eq!(first.meta.url.as_deref(), Some(first_url.as_str()));
        // No link back from the first page (`""` or `null`: both mean none).
        assert_eq!(first.meta.previous_page_url(), None);
        let next = first.next_page_url().unwrap();
        assert!(
            next.starts_with(&format!("{base}?PageSize=2&Page=1&PageToken=")),
            "{next}"
        );

        // The last page of three has no next page and links back.
        let token = |url: &str| url.rsplit_once("PageToken=").unwrap().1.to_owned();
        let second = client
            .list_end_user(
                &ListEndUserParams::default()
                    .page_size(2)
                    .page(1)
                    .page_token(token(next)),
            )
            .await
            .unwrap();
        let third = client
            .list_end_user(
                &ListEndUserParams::default()
                    .page_size(2)
                    .page(2)
                    .page_token(token(second.next_page_url().unwrap())),
            )
            .await
            .unwrap();
        assert_eq!(third.items.len(), 1);
        assert_eq!(third.meta.next_page_url, None);
        let previous = third.meta.previous_page_url.as_deref().unwrap();
        assert!(previous.starts_with(&format!("{base}?PageSize=2&Page=1&PageToken=")));
        let back = client
            .list_end_user(
                &ListEndUserParams::default()
                    .page_size(2)
                    .page(1)
                    .page_token(token(previous)),
            )
            .await
            .unwrap();
        assert_eq!(back.items, second.items);
    })
    .await;
}

#[tokio::test]
async fn test_paging_by_hand_follows_next_and_previous_links() {
    no_hang("paging by hand", async {
        let (server, client) = server_with_five_end_users().await;
        let names = |page: &twilio_numbers_v2::Page<_>| -> Vec<String> {
            let items: &Vec<twilio_numbers_v2::models::EndUser> = &page.items;
            items
                .iter()
                .map(|e| e.friendly_name.clone().unwrap())
                .collect()
        };
        let first = client
            .list_end_user(&ListEndUserParams::default().page_size(2))
            .await
            .unwrap();
        assert_eq!(client.previous_page(&first).await.unwrap(), None);
        let second = client.next_page(&first).await.unwrap().unwrap();
        let third = client.next_page(&second).await.unwrap().unwrap();
        assert_eq!(
            [names(&first), names(&second), names(&third)],
            [vec!["E0", "E1"], vec!["E2", "E3"], vec!["E4"]]
                .map(|v| v.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        );
        assert_eq!(
            client.next_page(&third).await.unwrap(),
            None,
            "the last page has no next"
        );
        let back = client.previous_page(&third).await.unwrap().unwrap();
        assert_eq!(back.items, second.items);
        // Each neighbour was one GET of the link Twilio gave, on the server's own origin.
        let gets = server
            .take_requests()
            .into_iter()
            .filter(|r| r.method() == "GET")
            .count();
        assert_eq!(gets, 4);
    })
    .await;
}

#[tokio::test]
async fn test_a_foreign_page_link_is_refused_without_sending_anything() {
    no_hang("a foreign page link", async {
        let server = ComplianceFake::start().await;
        let other = ComplianceFake::start().await;
        let client = server.client();
        let mut page = client
            .list_end_user(&ListEndUserParams::default())
            .await
            .unwrap();
        page.meta.next_page_url = Some(format!(
            "{}{END_USERS_PATH}?Page=1",
            other.server().base_url()
        ));
        let error = client.next_page(&page).await.unwrap_err();
        assert!(
            matches!(error, twilio_numbers_v2::Error::ForeignNextPage { .. }),
            "{error:?}"
        );
        assert!(
            other.take_requests().is_empty(),
            "the other origin received a request"
        );
    })
    .await;
}

#[tokio::test]
async fn test_the_list_method_and_its_stream_send_page_sizes_within_the_apis_range() {
    no_hang("page sizes within range", async {
        let (server, client) = server_with_five_end_users().await;
        for (asked, sent) in [(5_000, "1000"), (-3, "1"), (0, "1"), (2, "2")] {
            let params = ListEndUserParams::default().page_size(asked);
            server.take_requests();
            client.list_end_user(&params).await.unwrap();
            let by_list = page_sizes(&server.take_requests());
            let (_, by_stream) = walk(&server, &client, &params, Some(1)).await;
            assert_eq!(by_list, [Some(sent.to_owned())], "list, asked {asked}");
            assert_eq!(
                page_sizes(&by_stream)[0].as_deref(),
                Some(sent),
                "stream, asked {asked}"
            );
        }
    })
    .await;
}

/// End-Users seeded straight into the fake's store list like created ones: every one once,
/// in order, pages of 1,000.
#[tokio::test]
async fn test_seeded_end_users_stream_in_pages_of_1000() {
    no_hang("listing seeded End-Users", async {
        let server = ComplianceFake::start().await;
        for i in 0..2_345 {
            let name = format!("Seeded {i:04}");
            server.seed_end_user(&name, EndUserEnumType::Individual, serde_json::json!({}));
        }
        let client = server.client();
        let (sids, requests) = walk(
            &server,
            &client,
            &ListEndUserParams::default(),
            Some(usize::MAX),
        )
        .await;
        assert_eq!(sids.len(), 2_345);
        let unique: std::collections::HashSet<_> = sids.iter().collect();
        assert_eq!(unique.len(), 2_345);
        let seeded: Vec<_> = server
            .end_users()
            .into_iter()
            .map(|u| u.sid.unwrap())
            .collect();
        assert_eq!(sids, seeded);
        let max = Some(MAX_PAGE_SIZE.to_string());
        assert_eq!(page_sizes(&requests), vec![max; 3]);
    })
    .await;
}
