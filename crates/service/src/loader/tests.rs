//! The loader against real databases: reads asked for together are answered together,
//! each caller with its own answer; a failed read fails only its own callers, and the
//! next read works again on a new connection.

use super::*;
use fleksi_store::testing::TestDb;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Reads made by `double` (each test has its own loader, so count per key range).
static READS: AtomicUsize = AtomicUsize::new(0);

/// Each key times two, from the database: one statement for all keys. A negative key
/// fails the read.
fn double<'a>(c: &'a mut Conn, keys: &'a [i64]) -> Loaded<'a, i64> {
    Box::pin(async move {
        READS.fetch_add(1, Ordering::SeqCst);
        if keys.iter().any(|k| *k < 0) {
            return Err(StoreError::NotReturned("a negative key"));
        }
        let mut out = Vec::with_capacity(keys.len());
        for chunk in keys.chunks(100) {
            let sql = format!(
                "WITH t (i, v) AS (VALUES {}) SELECT v * 2 FROM t ORDER BY i",
                fleksi_store::sql::value_rows(chunk.len(), 2)
            );
            let mut q = sqlx::query_scalar::<_, i64>(&sql);
            for (i, k) in chunk.iter().enumerate() {
                q = q.bind(i as i64).bind(*k);
            }
            out.extend(q.fetch_all(&mut *c).await?);
        }
        Ok(out)
    })
}

#[tokio::test]
async fn reads_asked_together_are_read_together_each_answered_with_its_own() {
    for t in TestDb::all().await {
        let engine = t.engine();
        let loader = Loader::new("double", double);
        let before = READS.load(Ordering::SeqCst);
        let asks: Vec<_> = (0..200i64)
            .map(|k| {
                let (loader, db) = (loader.clone(), t.db.clone());
                tokio::spawn(async move { (k, loader.get(&db, k).await) })
            })
            .collect();
        for ask in asks {
            let (k, got) = ask.await.unwrap();
            assert_eq!(got.unwrap(), k * 2, "{engine:?}");
        }
        let reads = READS.load(Ordering::SeqCst) - before;
        // 200 asks, at most 128 per read, queued while the first read ran.
        assert!(reads < 20, "{engine:?}: {reads} reads for 200 asks");
    }
}

#[tokio::test]
async fn a_failed_read_fails_its_callers_only_and_the_next_read_works() {
    for t in TestDb::all().await {
        let engine = t.engine();
        let loader = Loader::new("double", double);
        assert_eq!(loader.get(&t.db, 21).await.unwrap(), 42, "{engine:?}");
        let failed = loader.get(&t.db, -1).await;
        assert!(
            matches!(failed, Err(ServiceError::Internal(ref m)) if m.contains("negative")),
            "{engine:?}: {failed:?}"
        );
        assert_eq!(loader.get(&t.db, 5).await.unwrap(), 10, "{engine:?}");
    }
}
