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
