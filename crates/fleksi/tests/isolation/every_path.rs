//! Every operation of the API description refuses a caller without a valid token — so a
//! new endpoint cannot be added without its door (the sign-in that makes tokens excepted).

use super::helpers::*;

#[tokio::test]
async fn every_documented_operation_needs_a_token() {
    for t in spawn_all_seeded().await {
        let engine = t.db.engine();
        let doc: Value = reqwest::get(format!("{}/api/v1/openapi.json", t.base))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let paths = doc["paths"].as_object().unwrap();
        assert!(
            paths.len() >= 50,
            "{engine:?}: {} paths documented",
            paths.len()
        );
        let mut checked = 0;
        for (path, ops) in paths {
            if path == "/api/v1/auth/token" {
                continue;
            }
            // Path parameters as a plausible id.
            let concrete: String = path
                .split('/')
                .map(|seg| if seg.starts_with('{') { "1" } else { seg })
                .collect::<Vec<_>>()
                .join("/");
            for method in ops.as_object().unwrap().keys() {
                let m = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
                for token in ["", "bukan-token"] {
                    let mut r =
                        reqwest::Client::new().request(m.clone(), format!("{}{concrete}", t.base));
                    if !token.is_empty() {
                        r = r.bearer_auth(token);
                    }
                    let r = r.json(&serde_json::json!({})).send().await.unwrap();
                    assert_eq!(
                        r.status(),
                        401,
                        "{engine:?}: {method} {path} with {token:?}"
                    );
                }
                checked += 1;
            }
        }
        assert!(checked >= 60, "{engine:?}: {checked} operations");
    }
}
