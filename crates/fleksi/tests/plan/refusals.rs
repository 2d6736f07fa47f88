//! Every rule that refuses a request, through the API and the page: the problem names the
//! field, says why in the reader's language, and nothing changes (rows counted before and
//! after). The unit's away share with several people, at decision time too.

use super::helpers::*;

/// `body` with `changes` applied at the top level.
fn with(mut body: Value, changes: Value) -> Value {
    for (k, v) in changes.as_object().unwrap() {
        body[k] = v.clone();
    }
    body
}

#[tokio::test]
async fn every_bad_request_is_refused_with_its_field_and_nothing_changes() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let me = employee_of(&t, STAFF).await;
        settle(&t, &[me]).await;
        let peer = colleagues(&t).await.remove(0);
        let token = api_token(&t, STAFF).await;
        let base = week(&["tuesday"]);
        let cases: Vec<(&str, Value, Vec<&str>, &str)> = vec![
            (
                "a past date",
                with(base.clone(), json!({"first_day": "2026-11-20"})),
                vec!["first_day"],
                "sudah lewat",
            ),
            (
                "beyond the planning horizon",
                with(
                    base.clone(),
                    json!({"first_day": "2027-02-15", "last_day": "2027-02-26"}),
                ),
                vec!["last_day"],
                "batas perencanaan 90 hari",
            ),
            (
                "first day after the last",
                with(base.clone(), json!({"first_day": FRI, "last_day": MON})),
                vec!["last_day"],
                "sebelum tanggal mulai",
            ),
            (
                "a span over 93 days",
                with(base.clone(), json!({"last_day": "2027-03-03"})),
                vec!["last_day", "last_day"],
                "terlalu panjang",
            ),
            (
                "an impossible date",
                with(base.clone(), json!({"first_day": "2026-02-30"})),
                vec!["first_day"],
                "tanggal tidak valid",
            ),
            (
                "overlapping exceptions",
                with(
                    base.clone(),
                    json!({"exceptions": [
                    {"date": WED, "location": "home"}, {"date": WED, "location": "other_office"}]}),
                ),
                vec!["exceptions[1].date"],
                "tumpang tindih",
            ),
            (
                "an exception on a holiday",
                with(
                    base.clone(),
                    json!({"first_day": "2026-12-21", "last_day": "2026-12-25",
                    "exceptions": [{"date": "2026-12-25", "location": "home"}]}),
                ),
                vec!["exceptions[0].date"],
                "hari libur nasional",
            ),
            (
                "an exception on cuti bersama",
                with(
                    base.clone(),
                    json!({"first_day": "2026-12-21", "last_day": "2026-12-25",
                    "exceptions": [{"date": "2026-12-24", "location": "home"}]}),
                ),
                vec!["exceptions[0].date"],
                "cuti bersama",
            ),
            (
                "an exception on a Saturday",
                with(
                    base.clone(),
                    json!({"last_day": "2026-12-05", "exceptions": [{"date": "2026-12-05", "location": "office"}]}),
                ),
                vec!["exceptions[0].date"],
                "bukan hari kerja",
            ),
            (
                "three flexible days in a week",
                week(&["monday", "tuesday", "thursday"]),
                vec!["pattern.monday"],
                "paling banyak 2 hari per minggu",
            ),
            (
                "another location without a description",
                with(
                    base.clone(),
                    json!({"pattern": {"monday": {"location": "other"}}}),
                ),
                vec!["pattern.monday.description"],
                "wajib diberi keterangan",
            ),
            (
                "an unknown location",
                with(
                    base.clone(),
                    json!({"pattern": {"monday": {"location": "pantai"}}}),
                ),
                vec!["pattern.monday"],
                "pilih salah satu",
            ),
            (
                "a shift without its start",
                with(base.clone(), json!({"time_mode": "shift"})),
                vec!["start"],
                "wajib diisi",
            ),
            (
                "a shift that does not end the same day",
                with(
                    base.clone(),
                    json!({"time_mode": "shift", "start": "17:00"}),
                ),
                vec!["start"],
                "hari yang sama",
            ),
            (
                "a dynamic start outside the window",
                with(
                    base.clone(),
                    json!({"time_mode": "dynamic", "start": "09:15"}),
                ),
                vec!["start"],
                "antara 06:30 dan 08:30",
            ),
            (
                "a start with regular hours",
                with(base.clone(), json!({"start": "08:00"})),
                vec!["start"],
                "hanya diisi",
            ),
            (
                "an empty reason",
                with(base.clone(), json!({"reason": "  "})),
                vec!["reason"],
                "wajib diisi",
            ),
            (
                "an empty work plan",
                with(base.clone(), json!({"work_plan": ""})),
                vec!["work_plan"],
                "wajib diisi",
            ),
            (
                "a plain http evidence link",
                with(
                    base.clone(),
                    json!({"evidence_link": "http://drive.example.id/x"}),
                ),
                vec!["evidence_link"],
                "https://",
            ),
            (
                "someone else's request",
                with(base.clone(), json!({"employee_id": peer.0})),
                vec!["employee_id"],
                "diri sendiri",
            ),
            (
                "someone else's NIP",
                with(base.clone(), json!({"nip": peer.1})),
                vec!["nip"],
                "diri sendiri",
            ),
            (
                "an evidence file of someone else",
                with(base.clone(), json!({"evidence_file_id": 999999})),
                vec!["evidence_file_id"],
                "tidak ditemukan",
            ),
            (
                "no working day at all",
                with(
                    base.clone(),
                    json!({"pattern": {"saturday": {"location": "home"}}}),
                ),
                vec!["pattern"],
                "tidak berisi satu hari kerja",
            ),
        ];
        for (what, body, expected, text) in cases {
            let before = snapshot(&t).await;
            let (status, problem) = submit(&t, &token, &body).await;
            assert_eq!(status, 422, "{e}: {what}: {problem}");
            assert_eq!(fields(&problem), expected, "{e}: {what}: {problem}");
            assert!(
                messages(&problem).contains(text),
                "{e}: {what}: {}",
                messages(&problem)
            );
            assert_eq!(snapshot(&t).await, before, "{e}: {what} changed something");
        }
        // Bodies that are not the request at all.
        for raw in [
            "{not json",
            r#"{"first_day": "2026-11-30", "colour": "blue"}"#,
        ] {
            let r = reqwest::Client::new()
                .post(format!("{}/api/v1/plans", t.base))
                .bearer_auth(&token)
                .header("content-type", "application/json")
                .body(raw)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 422, "{e}: {raw}");
            let problem: Value = r.json().await.unwrap();
            assert_eq!(fields(&problem), vec!["body"], "{e}: {raw}");
        }
        // In English for an English reader.
        exec(
            &t,
            &format!("UPDATE users SET locale = 'en' WHERE employee_id = {me}"),
        )
        .await;
        let token = api_token(&t, STAFF).await;
        let (_, problem) = submit(
            &t,
            &token,
            &with(base.clone(), json!({"first_day": "2026-11-20"})),
        )
        .await;
        assert!(messages(&problem).contains("has passed"), "{e}: {problem}");
    }
}

#[tokio::test]
async fn policy_choices_and_eligibility_refuse_with_their_reasons() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let me = employee_of(&t, STAFF).await;
        settle(&t, &[me]).await;
        let token = api_token(&t, STAFF).await;
        set_policy(
            &t,
            UNIT,
            json!({"allowed_locations": ["office", "home"], "allowed_time_modes": ["regular", "dynamic"]}),
        )
        .await;
        let before = snapshot(&t).await;
        let mut body = week(&["tuesday"]);
        body["pattern"]["monday"] = json!({"location": "other_office"});
        let (status, problem) = submit(&t, &token, &body).await;
        assert_eq!(status, 422, "{e}");
        assert_eq!(fields(&problem), vec!["pattern.monday"], "{e}: {problem}");
        assert!(
            messages(&problem).contains("tidak diizinkan oleh kebijakan unit"),
            "{e}"
        );
        let mut body = week(&["tuesday"]);
        body["time_mode"] = json!("shift");
        body["start"] = json!("13:00");
        let (_, problem) = submit(&t, &token, &body).await;
        assert_eq!(fields(&problem), vec!["time_mode"], "{e}: {problem}");
        assert_eq!(snapshot(&t).await, before, "{e}");
        // Dynamic hours within the window are fine, and kept on the approved days.
        let mut body = week(&["tuesday"]);
        body["time_mode"] = json!("dynamic");
        body["start"] = json!("07:00");
        let (status, ok) = submit(&t, &token, &body).await;
        assert_eq!(status, 201, "{e}: {ok}");
        assert_eq!(
            (ok["time_mode"].as_str(), ok["start"].as_str()),
            (Some("dynamic"), Some("07:00")),
            "{e}"
        );
        let head = api_token(&t, HEAD).await;
        let id = ok["id"].as_i64().unwrap();
        assert_eq!(decide(&t, &head, &[id], "approve", "").await.0, 200, "{e}");
        let start: Vec<(Option<String>, Option<String>)> =
            sqlx::query_as("SELECT time_mode, start_time FROM plan_days WHERE request_id = $1")
                .bind(id)
                .fetch_all(t.app.db.pool())
                .await
                .unwrap();
        assert!(
            start
                .iter()
                .all(|s| s == &(Some("dynamic".into()), Some("07:00".into()))),
            "{e}: {start:?}"
        );

        // Not eligible: a disciplinary process, every reason named.
        exec(
            &t,
            &format!("UPDATE employees SET discipline = 'in_process' WHERE id = {me}"),
        )
        .await;
        let before = snapshot(&t).await;
        let mut body = week(&["tuesday"]);
        body["first_day"] = json!("2026-12-07");
        body["last_day"] = json!("2026-12-11");
        let (status, problem) = submit(&t, &token, &body).await;
        assert_eq!(status, 422, "{e}");
        assert!(
            fields(&problem).iter().all(|f| f == "employee"),
            "{e}: {problem}"
        );
        assert!(messages(&problem).contains("disiplin"), "{e}: {problem}");
        assert_eq!(snapshot(&t).await, before, "{e}");
        let staff = signed_in(&t, STAFF).await;
        let (status, page_body) = page(&staff, "/plans").await;
        assert_eq!(status, 200, "{e}");
        assert!(
            page_body.contains("belum memenuhi syarat") && page_body.contains("disiplin"),
            "{e}"
        );
    }
}

#[tokio::test]
async fn the_unit_away_share_counts_approved_days_of_several_people() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        // 11 people in the unit, at most 20 % away on a day: 2 people.
        set_policy(&t, UNIT, json!({"max_away_percent": 20})).await;
        let people = colleagues(&t).await;
        let me = employee_of(&t, STAFF).await;
        settle(&t, &[me]).await;
        let head = api_token(&t, HEAD).await;
        let (a, b, c) = (&people[0], &people[1], &people[2]);
        let ta = api_token(&t, &a.1).await;
        let tb = api_token(&t, &b.1).await;
        let tc = api_token(&t, &c.1).await;

        // A at home on Tuesday, approved.
        let (_, ra) = submit(&t, &ta, &week(&["tuesday"])).await;
        let ra = ra["id"].as_i64().unwrap();
        assert_eq!(decide(&t, &head, &[ra], "approve", "").await.0, 200, "{e}");
        // B reaches the limit on Tuesday: flagged for the approver, allowed.
        let (status, rb) = submit(&t, &tb, &week(&["tuesday"])).await;
        assert_eq!(status, 201, "{e}: {rb}");
        let codes: Vec<&str> = rb["flags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap())
            .collect();
        assert!(codes.contains(&"away_share_full"), "{e}: {rb}");
        let rb = rb["id"].as_i64().unwrap();
        // C asks for Tuesday too while B waits: still allowed (only approved days count)…
        let (status, rc) = submit(&t, &tc, &week(&["tuesday"])).await;
        assert_eq!(status, 201, "{e}: {rc}");
        let rc = rc["id"].as_i64().unwrap();
        // …but approving B and C together would put three away: the whole decision is
        // refused, naming C, and nothing changes.
        let before = snapshot(&t).await;
        let (status, problem) = decide(&t, &head, &[rb, rc], "approve", "").await;
        assert_eq!(status, 422, "{e}: {problem}");
        assert_eq!(
            fields(&problem),
            vec![format!("ids[{rc}]")],
            "{e}: {problem}"
        );
        assert!(messages(&problem).contains(TUE), "{e}: {problem}");
        assert_eq!(snapshot(&t).await, before, "{e}");
        // B alone is approved; now a fresh request for Tuesday is refused at submission.
        assert_eq!(decide(&t, &head, &[rb], "approve", "").await.0, 200, "{e}");
        let tme = api_token(&t, STAFF).await;
        let before = snapshot(&t).await;
        let (status, problem) = submit(&t, &tme, &week(&["tuesday", "thursday"])).await;
        assert_eq!(status, 422, "{e}: {problem}");
        assert_eq!(fields(&problem), vec!["pattern.tuesday"], "{e}: {problem}");
        assert!(messages(&problem).contains("batas 20%"), "{e}: {problem}");
        assert_eq!(snapshot(&t).await, before, "{e}");
        // Thursday alone is fine; C's request can no longer be approved.
        assert_eq!(submit(&t, &tme, &week(&["thursday"])).await.0, 201, "{e}");
        assert_eq!(decide(&t, &head, &[rc], "approve", "").await.0, 422, "{e}");
        assert_eq!(request(&t, rc).await.status, "pending", "{e}");
    }
}

#[tokio::test]
async fn evidence_files_are_checked_by_content_and_size() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let me = employee_of(&t, STAFF).await;
        settle(&t, &[me]).await;
        let staff = signed_in(&t, STAFF).await;
        let mut form = week_form(&["tuesday"]);
        form.push(("evidence_link", "https://drive.nusaraya.go.id/surat/123"));
        let png = [b"\x89PNG\r\n\x1a\n".as_slice(), &[0u8; 64]].concat();
        let big = [b"%PDF-1.7\n".as_slice(), &vec![b'x'; 2 * 1024 * 1024]].concat();
        for (name, bytes, text) in [
            (
                "surat.pdf",
                b"just text pretending to be a PDF".to_vec(),
                "PDF, PNG, atau JPEG",
            ),
            ("besar.pdf", big, "terlalu besar"),
        ] {
            let before = snapshot(&t).await;
            let (status, body, _) = send_form(&staff, "/plans", &form, Some((name, bytes))).await;
            assert_eq!(status, 422, "{e}: {name}");
            assert!(
                body.contains("evidence_file") && body.contains(text),
                "{e}: {name}"
            );
            assert!(
                body.contains("drive.nusaraya.go.id/surat/123"),
                "{e}: the form keeps what was typed"
            );
            assert_eq!(snapshot(&t).await, before, "{e}: {name}");
        }
        let (status, _, _) = send_form(
            &staff,
            "/plans",
            &form,
            Some(("../../etc/surat tugas.png", png.clone())),
        )
        .await;
        assert_eq!(status, 303, "{e}");
        let r = last_request_of(&t, me).await;
        let file = r.evidence_file_id.expect("stored");
        let (name, kind, size): (String, String, i64) =
            sqlx::query_as("SELECT name, content_type, size FROM evidence_files WHERE id = $1")
                .bind(file)
                .fetch_one(t.app.db.pool())
                .await
                .unwrap();
        assert_eq!(
            (name.as_str(), kind.as_str(), size),
            ("surat tugas.png", "image/png", png.len() as i64),
            "{e}"
        );
        // The head downloads it; the bytes come back as sent, as a download.
        let head = signed_in(&t, HEAD).await;
        let resp = head.get(&format!("/plans/{}/evidence", r.id)).await;
        assert_eq!(resp.status(), 200, "{e}");
        assert_eq!(resp.headers()["content-type"], "image/png", "{e}");
        assert!(
            resp.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment"),
            "{e}"
        );
        assert_eq!(resp.bytes().await.unwrap().to_vec(), png, "{e}");
        // Through the API: the file first, then the request naming it.
        let peer = colleagues(&t).await.remove(0);
        let token = api_token(&t, &peer.1).await;
        let up = |bytes: Vec<u8>| {
            reqwest::Client::new()
                .post(format!("{}/api/v1/plans/evidence", t.base))
                .bearer_auth(&token)
                .header("x-file-name", "undangan.pdf")
                .body(bytes)
                .send()
        };
        let r = up(b"<html>not a pdf</html>".to_vec()).await.unwrap();
        assert_eq!(r.status(), 422, "{e}");
        let r = up(b"%PDF-1.4 undangan rapat".to_vec()).await.unwrap();
        assert_eq!(r.status(), 201, "{e}");
        let id = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        let mut body = week(&["monday"]);
        body["evidence_file_id"] = json!(id);
        let (status, ok) = submit(&t, &token, &body).await;
        assert_eq!(status, 201, "{e}: {ok}");
        assert_eq!(ok["evidence_file_id"], id, "{e}");
        // Someone else's file cannot be named.
        let mine = api_token(&t, STAFF).await;
        let mut body = week(&["monday"]);
        body["first_day"] = json!("2026-12-07");
        body["last_day"] = json!("2026-12-11");
        body["evidence_file_id"] = json!(id);
        let (status, problem) = submit(&t, &mine, &body).await;
        assert_eq!(
            (status, fields(&problem)),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                vec!["evidence_file_id".to_string()]
            ),
            "{e}"
        );
    }
}
