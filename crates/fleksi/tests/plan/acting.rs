//! Plt / Plh: an admin of the holder's subtree appoints someone to act for the head; the
//! head's staff's requests reach the acting official, who decides them as acting during
//! the period and is refused outside it.

use super::helpers::*;

/// What is wrong, the fields changed from a good form, and the field named.
type BadForm<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a str);

/// The head of the demo unit's sister bidang: a supervisor of another unit, who acts for
/// the head here. (employee id, login = NIP)
async fn stand_in(t: &TestApp) -> (i64, String) {
    let a = demo_agency(t).await;
    let u = unit(t, "DISDUKCAPIL-B2").await;
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::employee::all_in_agency(&mut c, a)
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.unit_id == u.id && e.position_name == "Kepala Bidang")
        .map(|e| (e.id, e.nip))
        .unwrap()
}

#[tokio::test]
async fn the_acting_official_decides_during_the_period_only() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let head_id = employee_of(&t, HEAD).await;
        let head_nip = employee(&t, head_id).await.nip;
        let (plh_id, plh_nip) = stand_in(&t).await;
        let admin = signed_in(&t, "admin.bkpsdm").await;
        let (status, body) = page(&admin, "/acting").await;
        assert_eq!(status, 200, "{e}");
        assert!(body.contains("name=\"holder_nip\""), "{e}");

        // Bad appointments are named and change nothing.
        let good = [
            ("holder_nip", head_nip.as_str()),
            ("acting_nip", plh_nip.as_str()),
            ("kind", "plh"),
            ("first_day", "2026-11-23"),
            ("last_day", "2026-11-27"),
        ];
        let bad: Vec<BadForm> = vec![
            (
                "acting for oneself",
                vec![("acting_nip", head_nip.as_str())],
                "acting_nip",
            ),
            (
                "an unknown official",
                vec![("holder_nip", "199901012020121001")],
                "holder_nip",
            ),
            (
                "an impossible date",
                vec![("first_day", "2026-02-30")],
                "first_day",
            ),
            (
                "a period ending before it starts",
                vec![("last_day", "2026-11-20")],
                "last_day",
            ),
            (
                "a period already over",
                vec![("first_day", "2026-11-02"), ("last_day", "2026-11-06")],
                "last_day",
            ),
            ("an unknown kind", vec![("kind", "boss")], "kind"),
        ];
        for (what, changes, field) in bad {
            let form: Vec<(&str, &str)> = good
                .iter()
                .map(|(k, v)| {
                    (
                        *k,
                        changes
                            .iter()
                            .find(|(ck, _)| ck == k)
                            .map(|(_, cv)| *cv)
                            .unwrap_or(v),
                    )
                })
                .collect();
            let before = snapshot(&t).await;
            let (status, body) = send(&admin, "/acting", &form).await;
            assert_eq!(status, 422, "{e}: {what}");
            assert!(
                body.contains(&format!("<code>{field}</code>")),
                "{e}: {what}"
            );
            assert_eq!(snapshot(&t).await, before, "{e}: {what}");
        }
        // Admins of another subtree and plain employees cannot appoint anyone.
        for (login, status_page, status_post) in [
            ("admin.dinkes", 200, 403),
            ("pegawai", 403, 403),
            ("admin.lain", 200, 422),
        ] {
            let b = signed_in(&t, login).await;
            let before = snapshot(&t).await;
            assert_eq!(
                page(&b, "/acting").await.0.as_u16(),
                status_page,
                "{e}: {login}"
            );
            assert_eq!(
                send(&b, "/acting", &good).await.0.as_u16(),
                status_post,
                "{e}: {login}"
            );
            assert_eq!(snapshot(&t).await, before, "{e}: {login}");
        }

        let (status, _) = send(&admin, "/acting", &good).await;
        assert_eq!(status, 303, "{e}");
        assert_eq!(audited(&t, "acting.add").await.len(), 1, "{e}");
        assert!(
            notifications_of(&t, plh_id)
                .await
                .iter()
                .any(|n| n.contains("PLH")),
            "{e}: the stand-in is told"
        );
        // A second appointment for the same days is refused.
        let (status, body) = send(&admin, "/acting", &good).await;
        assert_eq!(status, 422, "{e}");
        assert!(body.contains("<code>first_day</code>"), "{e}");
        let (_, list) = page(&admin, "/acting").await;
        assert!(list.contains(&plh_nip), "{e}");

        // The head's staff submit; the stand-in sees and approves as acting.
        let me = employee_of(&t, STAFF).await;
        settle(&t, &[me]).await;
        let staff = api_token(&t, STAFF).await;
        let (status, body) = submit(&t, &staff, &week(&["thursday"])).await;
        assert_eq!(status, 201, "{e}: {body}");
        let id = body["id"].as_i64().unwrap();
        assert!(
            notifications_of(&t, plh_id)
                .await
                .iter()
                .any(|n| n.contains("mengajukan rencana")),
            "{e}: the stand-in is told of the request"
        );
        let plh = signed_in(&t, &plh_nip).await;
        let (status, queue) = page(&plh, "/approvals").await;
        assert_eq!(status, 200, "{e}");
        assert!(
            queue.contains("Anda bertindak sebagai Plt/Plh untuk"),
            "{e}"
        );
        assert!(queue.contains(&format!("id=\"q{id}\"")), "{e}: {queue}");
        let sid = id.to_string();
        let (status, _) = send(
            &plh,
            "/approvals",
            &[("ids", &sid), ("decision", "approve")],
        )
        .await;
        assert_eq!(status, 303, "{e}");
        let r = request(&t, id).await;
        assert_eq!(
            (r.status.as_str(), r.decided_as_acting),
            ("approved", 1),
            "{e}"
        );
        let entry = audited(&t, "plan.approve").await.remove(0);
        assert!(
            entry.after_json.unwrap().contains("\"as_acting\":true"),
            "{e}"
        );

        // After the period the stand-in decides nothing for the head.
        let peer = colleagues(&t).await.remove(0);
        let peer_token = api_token(&t, &peer.1).await;
        let mut body = week(&["monday"]);
        body["first_day"] = json!("2026-12-07");
        body["last_day"] = json!("2026-12-11");
        let (status, b) = submit(&t, &peer_token, &body).await;
        assert_eq!(status, 201, "{e}: {b}");
        let later = b["id"].as_i64().unwrap();
        let plh_token = api_token(&t, &plh_nip).await;
        t.clock.set("2026-11-30T02:00:00Z".parse().unwrap());
        let before = snapshot(&t).await;
        assert_eq!(
            decide(&t, &plh_token, &[later], "approve", "").await.0,
            403,
            "{e}"
        );
        let queue: Value = api_get(&t, &plh_token, "/plans/queue")
            .await
            .json()
            .await
            .unwrap();
        assert!(
            queue.as_array().unwrap().iter().all(|p| p["id"] != later),
            "{e}"
        );
        assert_eq!(snapshot(&t).await, before, "{e}");
        // …nor before one: a future period gives no right today.
        t.clock.set("2026-11-23T02:00:00Z".parse().unwrap());
        let admin = signed_in(&t, "admin.bkpsdm").await;
        let (_, list) = page(&admin, "/acting").await;
        let row = ids_in(&list, "action=\"/acting/")[0].to_string();
        let (status, _) = send(&admin, &format!("/acting/{row}/delete"), &[]).await;
        assert_eq!(status, 303, "{e}");
        assert_eq!(audited(&t, "acting.remove").await.len(), 1, "{e}");
        let future = [
            ("holder_nip", head_nip.as_str()),
            ("acting_nip", plh_nip.as_str()),
            ("kind", "plt"),
            ("first_day", "2026-11-25"),
            ("last_day", "2026-12-31"),
        ];
        assert_eq!(send(&admin, "/acting", &future).await.0, 303, "{e}");
        let before = snapshot(&t).await;
        assert_eq!(
            decide(&t, &plh_token, &[later], "approve", "").await.0,
            403,
            "{e}"
        );
        assert_eq!(snapshot(&t).await, before, "{e}");
        // From its first day on, the Plt decides.
        t.clock.set("2026-11-25T02:00:00Z".parse().unwrap());
        assert_eq!(
            decide(&t, &plh_token, &[later], "approve", "").await.0,
            200,
            "{e}"
        );
        assert_eq!(request(&t, later).await.decided_as_acting, 1, "{e}");
    }
}
