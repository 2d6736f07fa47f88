//! The team calendar: who is where, pending requests apart, presence marks, and the
//! head-count rows with each gap in red AND in words.

use super::helpers::*;

#[tokio::test]
async fn the_head_sees_where_everyone_is_and_the_gaps_by_name() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let people = people_of(&t, UNIT).await;
        let n = people.len();
        assert!(n >= 6, "{e}: the demo unit has people ({n})");
        // Seats for everyone, one fewer needed on site, and at most 10 % away.
        let (seats, min) = (n.to_string(), (n - 1).to_string());
        set_policy(
            &t,
            UNIT,
            &[
                ("seats", &seats),
                ("min_on_site", &min),
                ("max_away_percent", "10"),
            ],
        )
        .await;
        let others = others_of(&t).await;
        // Tuesday: two at home (below the minimum, over the away share); Wednesday: one
        // on leave (exactly the minimum; leave is no flexible work).
        approved_day(&t, others[0].id, "2026-11-24", "home").await;
        approved_day(&t, others[1].id, "2026-11-24", "other_office").await;
        approved_day(&t, others[2].id, "2026-11-25", "leave").await;
        // The staff member checks in at 09:00 WIB on Monday: late under regular hours.
        let token = api_token(&t, STAFF).await;
        punch(&t, &token, "check-in", "office", "senin-masuk-001").await;

        let head = signed_in(&t, HEAD).await;
        let (status, html) = page(&head, "/team-calendar?week=2026-11-25").await;
        assert_eq!(status, 200, "{e}: {html}");
        assert!(
            html.contains("2026-11-23"),
            "{e}: the week of the date asked"
        );
        assert!(html.contains(&format!("{n} pegawai")), "{e}");

        // The office row: Tuesday n-2 of n seats, the others full; no seat is over.
        let office = cells(part(&html, "office", "</tr>"));
        assert_eq!(office.len(), 5, "{e}: Monday to Friday: {office:?}");
        assert_eq!(office[1].1, format!("{}/{n}", n - 2), "{e}");
        assert_eq!(office[2].1, format!("{}/{n}", n - 1), "{e}");
        assert_eq!(office[3].1, format!("{n}/{n}"), "{e}");
        assert!(office.iter().all(|(c, _)| c != "bad"), "{e}: {office:?}");

        // The minimum: only Tuesday is short, in red and with the word.
        let minimum = cells(part(&html, "min", "</tr>"));
        assert_eq!(
            minimum[1],
            ("bad".to_string(), format!("{}/{} KURANG", n - 2, n - 1)),
            "{e}"
        );
        for i in [0, 2, 3, 4] {
            assert_eq!(minimum[i].0, "", "{e}: day {i} is no gap: {minimum:?}");
            assert!(!minimum[i].1.contains("KURANG"), "{e}");
        }
        // The away share: 10 % of n rounds down to 1; Tuesday's two are over.
        let limit = n / 10;
        let flexible = cells(part(&html, "flexible", "</tr>"));
        assert_eq!(
            flexible[1],
            ("bad".to_string(), format!("2/{limit} LEBIH")),
            "{e}"
        );
        assert_eq!(flexible[2], (String::new(), format!("0/{limit}")), "{e}");
        let away = cells(part(&html, "away", "</tr>"));
        assert_eq!(away[2].1, "1", "{e}: Wednesday's leave");

        // The gaps in words, in the list under the table.
        let gaps = part(&html, "gaps", "</ul>");
        assert!(
            gaps.contains(&format!(
                "di bawah minimum layanan: {} di kantor, minimal {}",
                n - 2,
                n - 1
            )),
            "{e}: {gaps}"
        );
        assert!(
            gaps.contains(&format!(
                "melebihi porsi kerja fleksibel: 2 orang, paling banyak {limit}"
            )),
            "{e}: {gaps}"
        );
        assert!(gaps.contains("Selasa, 2026-11-24"), "{e}");
        assert!(!gaps.contains("Rabu"), "{e}: Wednesday has no gap");

        // Cells: the home day, the other office, leave, and the staff member's late
        // check-in (T) on Monday; nobody else has checked in yet (…).
        let row = cells(person_row(&html, &others[0].name));
        assert_eq!(row[1], ("r".to_string(), "R".to_string()), "{e}");
        assert_eq!(row[0], ("d".to_string(), "K…".to_string()), "{e}");
        assert_eq!(row[2], ("d".to_string(), "K".to_string()), "{e}: future");
        let row = cells(person_row(&html, &others[1].name));
        assert_eq!(row[1].1, "KL", "{e}");
        let row = cells(person_row(&html, &others[2].name));
        assert_eq!(row[2], ("a".to_string(), "C".to_string()), "{e}");
        let me = employee(&t, employee_of(&t, STAFF).await).await;
        let row = cells(person_row(&html, &me.name));
        assert_eq!(row[0].1, "KT", "{e}: late on Monday");
        // Presence of today: one in, at the office, late.
        let present = cells(part(&html, "present", "</tr>"));
        assert_eq!(present[0].1, "1/1/1", "{e}");
        assert_eq!(present[1].1, "–", "{e}: not yet");

        // The same through the API.
        let token = api_token(&t, HEAD).await;
        let (status, v) = api_json(&t, &token, "/schedule/team?week=2026-11-24").await;
        assert_eq!(status, 200, "{e}: {v}");
        assert_eq!(v["group"], "unit", "{e}");
        assert_eq!(v["total"], n as i64, "{e}");
        assert_eq!(v["days"][1]["office"], (n - 2) as i64, "{e}");
        assert_eq!(
            v["days"][1]["gaps"],
            json!(["below_minimum", "over_away_share"]),
            "{e}"
        );
        assert_eq!(v["days"][2]["gaps"], json!([]), "{e}");
        assert_eq!(v["days"][0]["late"], 1, "{e}");
    }
}

#[tokio::test]
async fn holidays_are_named_and_pending_requests_shown_apart() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        // A request for next Tuesday at home, still waiting for the head.
        let id = submit_request(
            &t,
            STAFF,
            json!({
                "first_day": "2026-12-01", "last_day": "2026-12-01",
                "exceptions": [{"date": "2026-12-01", "location": "home"}],
                "time_mode": "regular",
                "reason": "Menyusun laporan kependudukan triwulan",
                "work_plan": "Draf laporan 20 halaman selesai"
            }),
        )
        .await;
        assert!(id > 0);
        let head = signed_in(&t, HEAD).await;
        let me = employee(&t, employee_of(&t, STAFF).await).await;
        let (status, html) = page(&head, "/team-calendar?week=2026-11-30").await;
        assert_eq!(status, 200, "{e}");
        let row = cells(person_row(&html, &me.name));
        assert_eq!(
            row[1],
            ("d".to_string(), "K?R".to_string()),
            "{e}: pending apart from the plan (still the office)"
        );
        // Pending requests do not count as away.
        let flexible = cells(part(&html, "flexible", "</tr>"));
        assert!(flexible[1].1.starts_with("0/"), "{e}: {flexible:?}");

        // Christmas week: cuti bersama on Thursday, Christmas on Friday, grey and named,
        // with no head-count and no marks.
        let (_, html) = page(&head, "/team-calendar?week=2026-12-21").await;
        let thursday = part(&html, "h2026-12-24", "</th>");
        assert!(thursday.contains("class=\"x\""), "{e}: {thursday}");
        assert!(
            thursday.contains("Cuti bersama Kelahiran Yesus Kristus"),
            "{e}: {thursday}"
        );
        assert!(
            part(&html, "h2026-12-25", "</th>").contains("Kelahiran Yesus Kristus"),
            "{e}"
        );
        let office = cells(part(&html, "office", "</tr>"));
        assert_eq!(office[3].1, "–", "{e}");
        assert_eq!(office[4].1, "–", "{e}");
        let row = cells(person_row(&html, &me.name));
        assert_eq!(row[3], ("x".to_string(), String::new()), "{e}");
    }
}

#[tokio::test]
async fn a_supervisor_sees_their_direct_reports_and_the_unit_pages_through() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        // The agency admin pages through a large unit, 300 at a time: the whole regency.
        let admin = signed_in(&t, "admin.bkpsdm").await;
        let root = {
            let a = demo_agency(&t).await;
            let mut c = t.app.db.conn().await.unwrap();
            fleksi_store::org::list_units(&mut c, a)
                .await
                .unwrap()
                .into_iter()
                .min_by_key(|u| u.path.len())
                .unwrap()
        };
        let total = {
            let a = demo_agency(&t).await;
            let mut c = t.app.db.conn().await.unwrap();
            fleksi_store::schedule::count_below(&mut c, a, &root.path)
                .await
                .unwrap()
        };
        assert!(total > 300, "{e}: the demo is larger than a page");
        let token = api_token(&t, "admin.bkpsdm").await;
        let (status, first) =
            api_json(&t, &token, &format!("/schedule/team?unit={}", root.id)).await;
        assert_eq!(status, 200, "{e}: {first}");
        assert_eq!(first["people"].as_array().unwrap().len(), 300, "{e}");
        assert_eq!(first["total"], total, "{e}");
        assert_eq!(
            first["days"][0]["people"], total,
            "{e}: counts cover everyone"
        );
        let after = first["next_after"].as_i64().expect("a next page");
        let (_, second) = api_json(
            &t,
            &token,
            &format!("/schedule/team?unit={}&after={after}", root.id),
        )
        .await;
        let seen: Vec<i64> = first["people"]
            .as_array()
            .unwrap()
            .iter()
            .chain(second["people"].as_array().unwrap())
            .map(|p| p["employee_id"].as_i64().unwrap())
            .collect();
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), seen.len(), "{e}: no one twice");
        assert_eq!(
            seen.len() as i64,
            total.min(600),
            "{e}: the second page follows"
        );
        let (status, html) = page(&admin, &format!("/team-calendar?unit={}", root.id)).await;
        assert_eq!(status, 200, "{e}");
        assert!(
            html.contains(&format!("&amp;after={after}")),
            "{e}: a next-page link"
        );

        // A supervisor who heads no unit (their own supervisor works in the same unit)
        // sees their direct reports, counted without a unit's gaps.
        let lead = kasubtim(&t).await;
        let b = signed_in(&t, &lead.0).await;
        let (status, html) = page(&b, "/team-calendar").await;
        assert_eq!(status, 200, "{e}: {html}");
        assert!(html.contains("Bawahan langsung saya"), "{e}");
        assert!(!html.contains("id=\"gaps\""), "{e}: no gaps for a group");
        for name in &lead.1 {
            person_row(&html, name);
        }
        let token = api_token(&t, &lead.0).await;
        let (_, v) = api_json(&t, &token, "/schedule/team").await;
        assert_eq!(v["group"], "reports", "{e}");
        assert_eq!(v["total"], lead.1.len() as i64, "{e}");
    }
}

/// Makes a staff member of the demo unit the supervisor of two colleagues (all three in the
/// same unit, under the same head): a supervisor who heads no unit. Their login and the
/// names of the reports.
async fn kasubtim(t: &TestApp) -> (String, Vec<String>) {
    let others = others_of(t).await;
    let (lead, reports) = (&others[0], &others[1..3]);
    let a = demo_agency(t).await;
    let mut tx = t.app.db.begin().await.unwrap();
    for r in reports {
        sqlx::query("UPDATE employees SET supervisor_id = $1 WHERE agency_id = $2 AND id = $3")
            .bind(lead.id)
            .bind(a)
            .bind(r.id)
            .execute(&mut *tx)
            .await
            .unwrap();
    }
    fleksi_store::commit(tx).await.unwrap();
    (
        lead.nip.clone(),
        reports.iter().map(|r| r.name.clone()).collect(),
    )
}
