//! The first walk through the front door: the demo loads, a person signs in and sees
//! the directory, on every engine.

mod common;
use common::*;

#[tokio::test]
async fn demo_login_and_directory() {
    for t in spawn_all_seeded().await {
        let b = Browser::new(&t);
        let r = b.login("pegawai", PASSWORD).await;
        assert_eq!(r.status(), 303, "{:?}", t.db.engine());
        let home = b.get("/").await;
        assert_eq!(home.status(), 200);
        assert!(home.text().await.unwrap().contains("Selamat datang"));
        let list = b.get("/employees").await.text().await.unwrap();
        assert!(list.contains("/employees/"), "directory lists people");
        assert_eq!(b.get("/healthz").await.status(), 200);
        assert_eq!(b.get("/readyz").await.status(), 200);
    }
}

/// Operations: Prometheus metrics per route and the pool, and the OpenAPI document
/// listing every endpoint the foundation promises.
#[tokio::test]
async fn metrics_and_openapi() {
    let t = spawn_app(fleksi_store::testing::TestDb::sqlite().await).await;
    seed(&t).await;
    let b = Browser::new(&t);
    b.get("/login").await;
    let metrics = b.get("/metrics").await.text().await.unwrap();
    assert!(metrics.contains("http_requests_total"), "{metrics}");
    assert!(metrics.contains("route=\"/login\""));
    assert!(metrics.contains("http_request_duration_seconds_bucket"));
    assert!(metrics.contains("db_pool_connections"));
    let doc: serde_json::Value = b.get("/api/v1/openapi.json").await.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/v1/auth/token",
        "/api/v1/me",
        "/api/v1/units",
        "/api/v1/employees",
        "/api/v1/employees/{id}",
        "/api/v1/import/employees",
        "/api/v1/audit",
    ] {
        assert!(doc["paths"].get(path).is_some(), "OpenAPI lacks {path}");
    }
    let r = b.get("/").await;
    assert!(
        r.headers().contains_key("x-request-id"),
        "every response carries its request id"
    );
}
