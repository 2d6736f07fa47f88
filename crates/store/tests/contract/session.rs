//! Sessions read many at once (what the service's loader does for the requests of a
//! moment): each hash gets its own session and actor with exactly its own grants, in the
//! order asked, whatever the padding and repetitions.

use super::helpers::*;
use fleksi_store::session::{self, NewSession};
use fleksi_store::user::{self, NewUser};

/// What a test looks at in an actor: user id, grant roles, home unit.
type Seen = (i64, Vec<String>, Option<i64>);

async fn user_with_session(tx: &mut Tx, agency: i64, name: &str, employee: i64) -> (i64, String) {
    let id = user::insert(
        tx,
        &NewUser {
            agency_id: Some(agency),
            employee_id: Some(employee),
            username: name,
            email: None,
            display_name: name,
            password_hash: "x",
        },
        NOW,
    )
    .await
    .unwrap();
    let hash = format!("hash-of-{name}");
    let s = NewSession {
        token_hash: &hash,
        user_id: id,
        kind: "api",
        mfa_pending: false,
        expires_at: NOW + 1000,
        address: None,
        user_agent: None,
    };
    session::insert(tx, &s, NOW).await.unwrap();
    (id, hash)
}

#[tokio::test]
async fn many_sessions_are_read_at_once_each_with_its_own_grants() {
    for t in TestDb::all().await {
        let engine = t.engine();
        let db = &t.db;
        let (a, unit, ani, budi) = ani_and_budi(db, "AG-SESSIONS").await;
        let mut tx = db.begin().await.unwrap();
        let (ani_user, ani_hash) = user_with_session(&mut tx, a, "ani", ani).await;
        let (budi_user, budi_hash) = user_with_session(&mut tx, a, "budi", budi).await;
        user::add_grant(&mut tx, ani_user, Some(a), "unit_admin", Some(unit.id), NOW)
            .await
            .unwrap();
        user::add_grant(&mut tx, budi_user, Some(a), "auditor", None, NOW)
            .await
            .unwrap();
        user::add_grant(&mut tx, budi_user, Some(a), "agency_admin", None, NOW)
            .await
            .unwrap();
        // Five keys (padded to eight): a repeat and an unknown hash among them.
        let asked = [
            budi_hash.clone(),
            "no-such-hash".to_string(),
            ani_hash.clone(),
            budi_hash.clone(),
            ani_hash.clone(),
        ];
        let found = session::get_with_actor_many(&mut tx, &asked).await.unwrap();
        let seen: Vec<Option<Seen>> = found
            .iter()
            .map(|f| {
                f.as_ref().map(|f| {
                    (
                        f.actor.row.user.id,
                        f.actor.grants.iter().map(|g| g.role.clone()).collect(),
                        f.actor.row.home_unit_id,
                    )
                })
            })
            .collect();
        let ani_seen = Some((ani_user, vec!["unit_admin".to_string()], Some(unit.id)));
        let budi_seen = Some((
            budi_user,
            vec!["auditor".to_string(), "agency_admin".to_string()],
            Some(unit.id),
        ));
        assert_eq!(
            seen,
            vec![
                budi_seen.clone(),
                None,
                ani_seen.clone(),
                budi_seen,
                ani_seen
            ],
            "{engine:?}"
        );
        assert_eq!(
            found[0].as_ref().map(|f| f.session.token_hash.as_str()),
            Some(budi_hash.as_str()),
            "{engine:?}"
        );
        // One at a time reads the same.
        let one = session::get_with_actor(&mut tx, &ani_hash).await.unwrap();
        assert_eq!(
            one.map(|f| f.actor.row.user.id),
            Some(ani_user),
            "{engine:?}"
        );
        assert!(
            session::get_with_actor_many(&mut tx, &[])
                .await
                .unwrap()
                .is_empty(),
            "{engine:?}"
        );
        commit(tx).await.unwrap();
        // On SQLite the session reader runs the same query on a connection driven
        // directly: the same answers, field for field.
        if let Some(native) = db.native().await.unwrap() {
            let keys = asked.to_vec();
            let direct = native
                .call(move |c| session::get_with_actor_many_native(c, &keys))
                .await
                .unwrap();
            assert_eq!(
                format!("{direct:?}"),
                format!("{found:?}"),
                "{engine:?}: driven directly"
            );
        }
    }
}
