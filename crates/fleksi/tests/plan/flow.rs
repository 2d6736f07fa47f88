//! The life of a request: submitted from the page, seen and approved by the supervisor,
//! written as approved plan days (replacing roster days, never approved leave), the
//! employee notified, everything audited; bulk decisions; changes asked and resubmitted;
//! withdrawal; auto-approval when the policy needs none.

use super::helpers::*;

#[tokio::test]
async fn staff_submit_a_week_and_the_head_approves_it_in_the_browser() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let a = demo_agency(&t).await;
        let me = employee_of(&t, STAFF).await;
        let head_id = employee_of(&t, HEAD).await;
        settle(&t, &[me]).await;
        assert_eq!(
            employee(&t, me).await.supervisor_id,
            Some(head_id),
            "{e}: the demo's staff login reports to the head"
        );
        // An earlier roster day and approved leave in the same week.
        let mut tx = t.app.db.begin().await.unwrap();
        fleksi_store::plan::put(&mut tx, a, me, TUE, "office", "approved", "roster", None, 1)
            .await
            .unwrap();
        fleksi_store::plan::put(
            &mut tx,
            a,
            me,
            FRI,
            "leave",
            "approved",
            "leave",
            Some("Cuti tahunan"),
            1,
        )
        .await
        .unwrap();
        fleksi_store::commit(tx).await.unwrap();

        let staff = signed_in(&t, STAFF).await;
        let (status, body) = page(&staff, "/plans").await;
        assert_eq!(status, 200, "{e}");
        assert!(
            body.contains("name=\"pattern.tuesday\""),
            "{e}: one select per weekday"
        );
        assert!(
            body.contains(&format!("value=\"{MON}\"")),
            "{e}: next week by default"
        );
        assert!(
            body.contains("href=\"/plans\""),
            "{e}: the navigation links the page"
        );
        let (status, _, location) =
            send_form(&staff, "/plans", &week_form(&["tuesday", "thursday"]), None).await;
        assert_eq!(status, 303, "{e}");
        assert_eq!(location.as_deref(), Some("/plans?done=submitted"), "{e}");
        let r = last_request_of(&t, me).await;
        assert_eq!(r.status, "pending", "{e}");
        assert_eq!(
            (r.first_day.as_str(), r.last_day.as_str()),
            (MON, FRI),
            "{e}"
        );
        let flags = r.flags.clone().unwrap_or_default();
        assert!(
            flags.contains("week_at_max"),
            "{e}: two home days is the maximum: {flags}"
        );
        assert!(
            flags.contains("kept_away"),
            "{e}: Friday's leave stays: {flags}"
        );
        assert!(
            plan_days(&t, me).await.iter().all(|d| d.3 != "request"),
            "{e}: nothing is planned before approval"
        );
        assert!(
            notifications_of(&t, head_id)
                .await
                .iter()
                .any(|n| n.contains("mengajukan rencana kerja fleksibel")),
            "{e}: the head is told"
        );
        assert_eq!(audited(&t, "plan.submit").await.len(), 1, "{e}");
        let (_, mine) = page(&staff, "/plans?done=submitted").await;
        assert!(mine.contains("Menunggu persetujuan"), "{e}");
        assert!(mine.contains(&format!("href=\"/plans/{}\"", r.id)), "{e}");

        // The head sees it, flagged, and approves it.
        let head = signed_in(&t, HEAD).await;
        let (_, home) = page(&head, "/").await;
        assert!(
            home.contains("href=\"/approvals\""),
            "{e}: the head has the link"
        );
        let (status, queue) = page(&head, "/approvals").await;
        assert_eq!(status, 200, "{e}");
        assert!(
            queue.contains(&format!("id=\"q{}\" class=\"flagged\"", r.id)),
            "{e}: {queue}"
        );
        assert!(
            queue.contains("tepat 2 hari di luar kantor"),
            "{e}: the flag is shown"
        );
        let id = r.id.to_string();
        let (status, _) = send(
            &head,
            "/approvals",
            &[("ids", &id), ("decision", "approve"), ("comment", "")],
        )
        .await;
        assert_eq!(status, 303, "{e}");
        let r = request(&t, r.id).await;
        assert_eq!(r.status, "approved", "{e}");
        assert_eq!(r.decided_as_acting, 0, "{e}");
        let days = plan_days(&t, me).await;
        let week: Vec<(&str, &str, &str)> = days
            .iter()
            .filter(|d| d.0.as_str() >= MON && d.0.as_str() <= FRI)
            .map(|d| (d.0.as_str(), d.1.as_str(), d.3.as_str()))
            .collect();
        assert_eq!(
            week,
            vec![
                (MON, "office", "request"),
                (TUE, "home", "request"),
                (WED, "office", "request"),
                (THU, "home", "request"),
                (FRI, "leave", "leave"),
            ],
            "{e}: the roster day is replaced, the leave kept"
        );
        assert!(
            days.iter()
                .filter(|d| d.3 == "request")
                .all(|d| d.2 == "approved"
                    && d.4 == Some(r.id)
                    && d.5.as_deref() == Some("regular")),
            "{e}: {days:?}"
        );
        assert!(
            notifications_of(&t, me)
                .await
                .iter()
                .any(|n| n.contains("disetujui")),
            "{e}: the employee is told"
        );
        let approvals = audited(&t, "plan.approve").await;
        assert_eq!(approvals.len(), 1, "{e}");
        assert!(
            approvals[0]
                .after_json
                .as_deref()
                .unwrap_or("")
                .contains("\"plan_days\":4"),
            "{e}"
        );
        let (_, queue) = page(&head, "/approvals?done=approve&n=1").await;
        assert!(
            !queue.contains(&format!("id=\"q{}\"", r.id)),
            "{e}: decided, gone from the queue"
        );

        // The employee sees the approval and the week.
        let (_, mine) = page(&staff, "/plans").await;
        assert!(mine.contains("Disetujui"), "{e}");
        let (_, week) = page(&staff, &format!("/week?date={MON}")).await;
        assert!(
            week.contains("Rumah (WFH)"),
            "{e}: the week shows the home days"
        );
        let (status, detail) = page(&staff, &format!("/plans/{}", r.id)).await;
        assert_eq!(status, 200, "{e}");
        assert!(
            detail.contains("Rumah (WFH)") && detail.contains("Disetujui"),
            "{e}"
        );
    }
}

#[tokio::test]
async fn a_head_decides_many_at_once_through_the_api() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let people = colleagues(&t).await;
        let head = api_token(&t, HEAD).await;
        let mut ids = Vec::new();
        for (i, (_, nip)) in people.iter().take(2).enumerate() {
            let token = api_token(&t, nip).await;
            let day = ["monday", "wednesday"][i];
            let (status, body) = submit(&t, &token, &week(&[day])).await;
            assert_eq!(status, 201, "{e}: {body}");
            assert_eq!(body["status"], "pending", "{e}");
            assert_eq!(body["days"].as_array().unwrap().len(), 5, "{e}");
            ids.push(body["id"].as_i64().unwrap());
            let (status, mine) = {
                let r = api_get(&t, &token, "/plans").await;
                (r.status(), r.json::<Value>().await.unwrap())
            };
            assert_eq!(status, 200, "{e}");
            assert_eq!(mine[0]["id"], body["id"], "{e}");
        }
        let queue: Value = api_get(&t, &head, "/plans/queue")
            .await
            .json()
            .await
            .unwrap();
        let queued: Vec<i64> = queue
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_i64().unwrap())
            .collect();
        assert!(ids.iter().all(|id| queued.contains(id)), "{e}: {queued:?}");

        // Rejecting needs a comment: refused, nothing changes.
        let before = snapshot(&t).await;
        let (status, problem) = decide(&t, &head, &ids, "reject", " ").await;
        assert_eq!(status, 422, "{e}");
        assert_eq!(fields(&problem), vec!["comment"], "{e}");
        let (status, problem) = decide(&t, &head, &ids, "maybe", "x").await;
        assert_eq!(
            (status, fields(&problem)),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                vec!["decision".to_string()]
            ),
            "{e}"
        );
        let (status, problem) = decide(&t, &head, &[], "approve", "").await;
        assert_eq!(
            (status, fields(&problem)),
            (StatusCode::UNPROCESSABLE_ENTITY, vec!["ids".to_string()]),
            "{e}"
        );
        assert_eq!(snapshot(&t).await, before, "{e}");

        let (status, body) =
            decide(&t, &head, &ids, "approve", "Silakan, jaga target harian").await;
        assert_eq!(status, 200, "{e}: {body}");
        assert_eq!(body["plan_days"], 10, "{e}");
        for (id, (emp, _)) in ids.iter().zip(&people) {
            assert_eq!(request(&t, *id).await.status, "approved", "{e}");
            assert_eq!(
                plan_days(&t, *emp)
                    .await
                    .iter()
                    .filter(|d| d.4 == Some(*id))
                    .count(),
                5,
                "{e}"
            );
        }
        assert_eq!(audited(&t, "plan.approve").await.len(), 2, "{e}");
        // Deciding again is refused: they no longer wait.
        let before = snapshot(&t).await;
        let (status, problem) = decide(&t, &head, &ids, "reject", "Terlambat").await;
        assert_eq!(status, 422, "{e}");
        assert_eq!(
            fields(&problem),
            vec![format!("ids[{}]", ids[0]), format!("ids[{}]", ids[1])],
            "{e}"
        );
        assert_eq!(snapshot(&t).await, before, "{e}");

        // The following week, both rejected at once with one comment.
        let mut next = Vec::new();
        for (_, nip) in people.iter().take(2) {
            let token = api_token(&t, nip).await;
            let mut body = week(&["friday"]);
            body["first_day"] = json!("2026-12-07");
            body["last_day"] = json!("2026-12-11");
            let (status, b) = submit(&t, &token, &body).await;
            assert_eq!(status, 201, "{e}: {b}");
            next.push(b["id"].as_i64().unwrap());
        }
        let (status, _) = decide(
            &t,
            &head,
            &next,
            "reject",
            "Minggu itu ada pelayanan keliling",
        )
        .await;
        assert_eq!(status, 200, "{e}");
        for (id, (emp, _)) in next.iter().zip(&people) {
            let r = request(&t, *id).await;
            assert_eq!(r.status, "rejected", "{e}");
            assert_eq!(
                r.decision_comment.as_deref(),
                Some("Minggu itu ada pelayanan keliling"),
                "{e}"
            );
            assert!(
                plan_days(&t, *emp).await.iter().all(|d| d.4 != Some(*id)),
                "{e}"
            );
            assert!(
                notifications_of(&t, *emp)
                    .await
                    .iter()
                    .any(|n| n.contains("ditolak: Minggu itu")),
                "{e}"
            );
        }
        assert_eq!(audited(&t, "plan.reject").await.len(), 2, "{e}");
    }
}

#[tokio::test]
async fn changes_are_asked_for_and_the_request_comes_back() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let me = employee_of(&t, STAFF).await;
        settle(&t, &[me]).await;
        let staff = signed_in(&t, STAFF).await;
        let head = signed_in(&t, HEAD).await;
        let mut form = week_form(&["tuesday"]);
        form.retain(|(k, _)| *k != "work_plan");
        form.push(("work_plan", "Bekerja dari rumah"));
        let (status, _, _) = send_form(&staff, "/plans", &form, None).await;
        assert_eq!(status, 303, "{e}");
        let id = last_request_of(&t, me).await.id;

        // Asked from the request's own page, with the reason.
        let (status, detail) = page(&head, &format!("/plans/{id}")).await;
        assert_eq!(status, 200, "{e}");
        assert!(
            detail.contains("value=\"changes\""),
            "{e}: the head may decide here"
        );
        let sid = id.to_string();
        let (status, _) = send(
            &head,
            "/approvals",
            &[
                ("ids", &sid),
                ("back", &sid),
                ("decision", "changes"),
                ("comment", "Tulis target yang terukur per hari"),
            ],
        )
        .await;
        assert_eq!(status, 303, "{e}");
        let r = request(&t, id).await;
        assert_eq!(r.status, "changes_requested", "{e}");
        assert!(
            notifications_of(&t, me)
                .await
                .iter()
                .any(|n| n.contains("perlu diperbaiki")),
            "{e}"
        );
        assert_eq!(audited(&t, "plan.changes").await.len(), 1, "{e}");

        // The employee sees the comment and a form filled with the request.
        let (_, mine) = page(&staff, "/plans").await;
        assert!(
            mine.contains("Perlu perbaikan") && mine.contains("Tulis target yang terukur"),
            "{e}"
        );
        let (_, detail) = page(&staff, &format!("/plans/{id}")).await;
        assert!(
            detail.contains(&format!("action=\"/plans/{id}/resubmit\"")),
            "{e}"
        );
        assert!(
            detail.contains("<option value=\"home\" selected>"),
            "{e}: the pattern is kept"
        );
        // Still vague is still refused on the same page; an empty plan names the field.
        let mut bad = week_form(&["tuesday"]);
        bad.retain(|(k, _)| *k != "work_plan");
        let before = snapshot(&t).await;
        let (status, body, _) =
            send_form(&staff, &format!("/plans/{id}/resubmit"), &bad, None).await;
        assert_eq!(status, 422, "{e}");
        assert!(body.contains("work_plan"), "{e}");
        assert_eq!(snapshot(&t).await, before, "{e}");
        let (status, _, location) = send_form(
            &staff,
            &format!("/plans/{id}/resubmit"),
            &week_form(&["tuesday"]),
            None,
        )
        .await;
        assert_eq!(status, 303, "{e}");
        assert_eq!(
            location,
            Some(format!("/plans/{id}?done=resubmitted")),
            "{e}"
        );
        let r = request(&t, id).await;
        assert_eq!(r.status, "pending", "{e}");
        assert!(r.work_plan.contains("300 rekaman"), "{e}");
        assert_eq!(audited(&t, "plan.resubmit").await.len(), 1, "{e}");
        // Only a request sent back may be resubmitted.
        let before = snapshot(&t).await;
        let (status, _, _) = send_form(
            &staff,
            &format!("/plans/{id}/resubmit"),
            &week_form(&["tuesday"]),
            None,
        )
        .await;
        assert_eq!(status, 422, "{e}");
        assert_eq!(snapshot(&t).await, before, "{e}");

        let (status, _) = send(
            &head,
            "/approvals",
            &[("ids", &sid), ("decision", "approve")],
        )
        .await;
        assert_eq!(status, 303, "{e}");
        assert_eq!(request(&t, id).await.status, "approved", "{e}");
    }
}

#[tokio::test]
async fn an_employee_withdraws_a_waiting_request() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let me = employee_of(&t, STAFF).await;
        settle(&t, &[me]).await;
        let token = api_token(&t, STAFF).await;
        let (status, body) = submit(&t, &token, &week(&["monday"])).await;
        assert_eq!(status, 201, "{e}: {body}");
        let id = body["id"].as_i64().unwrap();
        // A second open request for the same dates is refused until this one is gone.
        let (status, problem) = submit(&t, &token, &week(&["friday"])).await;
        assert_eq!(
            (status, fields(&problem)),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                vec!["first_day".to_string()]
            ),
            "{e}"
        );
        let staff = signed_in(&t, STAFF).await;
        let (status, _) = send(&staff, &format!("/plans/{id}/withdraw"), &[]).await;
        assert_eq!(status, 303, "{e}");
        assert_eq!(request(&t, id).await.status, "withdrawn", "{e}");
        assert_eq!(audited(&t, "plan.withdraw").await.len(), 1, "{e}");
        let before = snapshot(&t).await;
        let r = api_post(&t, &token, &format!("/plans/{id}/withdraw"), &json!({})).await;
        assert_eq!(r.status(), 422, "{e}: withdrawn once");
        assert_eq!(snapshot(&t).await, before, "{e}");
        let (status, body) = submit(&t, &token, &week(&["friday"])).await;
        assert_eq!(status, 201, "{e}: {body}");
        // The approver cannot decide a withdrawn request.
        let head = api_token(&t, HEAD).await;
        let (status, problem) = decide(&t, &head, &[id], "approve", "").await;
        assert_eq!(
            (status, fields(&problem)),
            (StatusCode::UNPROCESSABLE_ENTITY, vec![format!("ids[{id}]")]),
            "{e}"
        );
    }
}

#[tokio::test]
async fn a_unit_whose_policy_needs_no_approval_gets_its_plans_at_once() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let me = employee_of(&t, STAFF).await;
        settle(&t, &[me]).await;
        set_policy(&t, UNIT, json!({"plans_need_approval": false})).await;
        let token = api_token(&t, STAFF).await;
        let (status, body) = submit(&t, &token, &week(&["wednesday"])).await;
        assert_eq!(status, 201, "{e}: {body}");
        assert_eq!(body["status"], "approved", "{e}");
        let id = body["id"].as_i64().unwrap();
        let days = plan_days(&t, me).await;
        assert_eq!(days.iter().filter(|d| d.4 == Some(id)).count(), 5, "{e}");
        assert!(
            days.iter()
                .any(|d| d.0 == WED && d.1 == "home" && d.2 == "approved"),
            "{e}"
        );
        let r = request(&t, id).await;
        assert_eq!(r.decided_by, None, "{e}: nobody decided");
        assert!(
            r.decision_comment.unwrap_or_default().contains("otomatis"),
            "{e}"
        );
        assert_eq!(audited(&t, "plan.auto_approve").await.len(), 1, "{e}");
        assert!(
            notifications_of(&t, me)
                .await
                .iter()
                .any(|n| n.contains("disetujui")),
            "{e}"
        );
        let staff = signed_in(&t, STAFF).await;
        let (status, _, location) = send_form(
            &staff,
            "/plans",
            &[
                ("first_day", "2026-12-07"),
                ("last_day", "2026-12-11"),
                ("pattern.monday", "home"),
                ("reason", "Penyusunan laporan"),
                ("work_plan", "Senin: 1 laporan"),
            ],
            None,
        )
        .await;
        assert_eq!(status, 303, "{e}");
        assert_eq!(location.as_deref(), Some("/plans?done=approved"), "{e}");
    }
}
