//! The whole life of a roster: wishes, skills, settings, generate, edit, publish, and the
//! employee's week afterwards.

use super::helpers::*;

#[tokio::test]
async fn a_head_generates_edits_and_publishes_and_the_staff_see_it() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let id = roster_id(&t, UNIT, MONTH)
            .await
            .expect("the demo opens next month");
        let head = signed_in(&t, HEAD).await;
        let staff = signed_in(&t, STAFF).await;
        let me = employee_of(&t, STAFF).await;

        // The head finds the roster; it collects wishes.
        let (status, list) = page(&head, "/rosters").await;
        assert_eq!(status, 200, "{e}");
        assert!(list.contains(&format!("href=\"/rosters/{id}\"")), "{e}");
        let (_, home) = page(&head, "/").await;
        assert!(
            home.contains("href=\"/rosters\""),
            "{e}: the head has the roster link"
        );
        assert!(
            home.contains("href=\"/week\""),
            "{e}: everyone has their week"
        );

        // The employee gives wishes on their week page.
        let (status, week) = page(&staff, "/week?date=2026-12-07").await;
        assert_eq!(status, 200, "{e}");
        assert!(week.contains("name=\"wish.2026-12-07\""), "{e}: {week}");
        let (status, _) = send(
            &staff,
            "/week/wishes",
            &[
                ("date", "2026-12-07"),
                ("wish.2026-12-07", "3"),
                ("wish.2026-12-08", "-1"),
                ("wish.2026-12-09", "0"),
            ],
        )
        .await;
        assert_eq!(status, 303, "{e}");
        assert_eq!(
            wishes_of(&t, me).await,
            vec![
                ("2026-12-07".to_string(), 3),
                ("2026-12-08".to_string(), -1)
            ],
            "{e}"
        );
        assert_eq!(audited(&t, "roster.wishes").await.len(), 1, "{e}");

        // The head records a skill and chooses a weekly team day, with a seat for everyone
        // on that day.
        let (_, detail) = page(&head, &format!("/rosters/{id}")).await;
        assert!(detail.contains(&format!("name=\"skills.{me}\"")), "{e}");
        let skills_field = format!("skills.{me}");
        let (status, _) = send(
            &head,
            &format!("/rosters/{id}/skills"),
            &[(skills_field.as_str(), "verifikator, loket, arsip")],
        )
        .await;
        assert_eq!(status, 303, "{e}");
        let fields = settings_fields(&detail);
        let (status, body) = send(
            &head,
            &format!("/rosters/{id}/settings"),
            &with(&fields, &[("anchor", "wednesday"), ("seats_wed", "11")]),
        )
        .await;
        assert_eq!(status, 303, "{e}: {body}");
        assert!(
            roster_row(&t, id)
                .await
                .settings
                .contains("\"anchor\":\"wednesday\""),
            "{e}"
        );

        // Generate: a draft grid that breaks no rule, approved leave shown as away.
        let (status, _) = send(&head, &format!("/rosters/{id}/generate"), &[]).await;
        assert_eq!(status, 303, "{e}");
        let (_, grid) = page(&head, &format!("/rosters/{id}")).await;
        assert!(grid.contains("class=\"grid\""), "{e}");
        assert!(
            grid.contains("Semua terpenuhi"),
            "{e}: the solver's roster is feasible\n{grid}"
        );
        let r = roster_row(&t, id).await;
        assert_eq!(r.status, "draft", "{e}");
        assert!(
            r.instance.as_deref().unwrap().contains("\"2026-12-07\":3"),
            "{e}: the wish reached the solver"
        );
        let leave = unit_plans(&t).await;
        assert_eq!(
            leave.len(),
            3,
            "{e}: the demo's approved leave and training"
        );
        let buttons = cell_buttons(&grid);
        assert_eq!(
            buttons.len(),
            11 * 22 - 3,
            "{e}: one button per cell but the away ones"
        );
        for p in &leave {
            assert!(
                !buttons
                    .iter()
                    .any(|b| b.starts_with(&format!("{}|{}|", p.employee_id, p.date))),
                "{e}: an away day has no button"
            );
        }

        // Put everyone in the office on one day: more people than seats, shown at once.
        let day = "2026-12-14";
        let to_office: Vec<String> = buttons
            .iter()
            .filter(|b| b.contains(&format!("|{day}|O")))
            .cloned()
            .collect();
        assert!(!to_office.is_empty(), "{e}: some work remotely on {day}");
        for b in &to_office {
            let (status, _) = send(&head, &format!("/rosters/{id}/cells"), &[("cell", b)]).await;
            assert_eq!(status, 303, "{e}");
        }
        let (_, broken) = page(&head, &format!("/rosters/{id}")).await;
        assert!(
            broken.contains("id=\"violations\""),
            "{e}: the violation is listed"
        );
        assert!(
            broken.contains(&format!("title=\"{day}\" class=\"bad\"")),
            "{e}: the day is marked"
        );
        assert_eq!(roster_row(&t, id).await.feasible, Some(0), "{e}");
        let before = snapshot(&t, id).await;
        let (status, body) = send(&head, &format!("/rosters/{id}/publish"), &[]).await;
        assert_eq!(status, 422, "{e}");
        assert!(body.contains("aturan wajib"), "{e}: {body}");
        assert_eq!(
            snapshot(&t, id).await,
            before,
            "{e}: a refused publish changes nothing"
        );

        // Put them back: the roster is feasible again.
        for b in &to_office {
            let back = b.replace("|O", "|R");
            let (status, _) = send(
                &head,
                &format!("/rosters/{id}/cells"),
                &[("cell", back.as_str())],
            )
            .await;
            assert_eq!(status, 303, "{e}");
        }
        let (_, fixed) = page(&head, &format!("/rosters/{id}")).await;
        assert!(fixed.contains("Semua terpenuhi"), "{e}");
        assert_eq!(
            audited(&t, "roster.edit").await.len(),
            to_office.len() * 2,
            "{e}"
        );

        // Meanwhile, someone's request is approved and another one is waiting: publishing
        // keeps the approved one and decides the waiting one.
        let agency = demo_agency(&t).await;
        let colleague = leave
            .iter()
            .map(|p| p.employee_id)
            .find(|x| *x != me)
            .unwrap();
        {
            let mut c = t.app.db.begin().await.unwrap();
            fleksi_store::plan::put(
                &mut c,
                agency,
                me,
                "2026-12-16",
                "other_office",
                "approved",
                "request",
                Some("rapat"),
                0,
            )
            .await
            .unwrap();
            fleksi_store::plan::put(
                &mut c,
                agency,
                colleague,
                "2026-12-17",
                "home",
                "pending",
                "request",
                None,
                0,
            )
            .await
            .unwrap();
            fleksi_store::commit(c).await.unwrap();
        }

        let (status, _) = send(&head, &format!("/rosters/{id}/publish"), &[]).await;
        assert_eq!(status, 303, "{e}");
        let r = roster_row(&t, id).await;
        assert_eq!(r.status, "published", "{e}");
        let plans = unit_plans(&t).await;
        assert_eq!(
            plans.len(),
            11 * 22,
            "{e}: every working day of everyone is planned"
        );
        for p in &leave {
            assert!(plans.contains(p), "{e}: approved leave kept: {p:?}");
        }
        let mine = plans_of(&t, me).await;
        let kept = mine.iter().find(|p| p.date == "2026-12-16").unwrap();
        assert_eq!(
            (kept.location.as_str(), kept.source.as_str()),
            ("other_office", "request"),
            "{e}"
        );
        let decided = plans_of(&t, colleague).await;
        let decided = decided.iter().find(|p| p.date == "2026-12-17").unwrap();
        assert_eq!(
            (decided.status.as_str(), decided.source.as_str()),
            ("approved", "roster"),
            "{e}"
        );
        assert!(plans.iter().all(|p| p.status == "approved"), "{e}");
        let notes = notifications_of(&t, me).await;
        assert_eq!(notes.len(), 1, "{e}");
        assert!(
            notes[0].starts_with("Roster Desember 2026 telah terbit: "),
            "{e}: {notes:?}"
        );
        let path = unit(&t, UNIT).await.path;
        for action in [
            "roster.skills",
            "roster.settings",
            "roster.generate",
            "roster.publish",
        ] {
            let entries = audited(&t, action).await;
            assert!(!entries.is_empty(), "{e}: {action} audited");
            assert!(
                entries
                    .iter()
                    .all(|x| x.unit_path.as_deref() == Some(path.as_str())),
                "{e}"
            );
        }

        // Published is final.
        let before = snapshot(&t, id).await;
        let (status, body) = send(&head, &format!("/rosters/{id}/publish"), &[]).await;
        assert_eq!(status, 422, "{e}");
        assert!(body.contains("sudah terbit"), "{e}");
        let any = buttons[0].clone();
        for (path, fields) in [
            (format!("/rosters/{id}/cells"), vec![("cell", any.as_str())]),
            (format!("/rosters/{id}/generate"), vec![]),
            (format!("/rosters/{id}/settings"), with(&fields, &[])),
            (
                format!("/rosters/{id}/skills"),
                vec![(skills_field.as_str(), "loket")],
            ),
        ] {
            let (status, _) = send(&head, &path, &fields).await;
            assert_eq!(status, 422, "{e}: {path} after publishing");
        }
        assert_eq!(snapshot(&t, id).await, before, "{e}");
        let (_, published) = page(&head, &format!("/rosters/{id}")).await;
        assert!(
            cell_buttons(&published).is_empty(),
            "{e}: a published grid has no buttons"
        );

        // The employee's week shows the roster's days and the notification.
        let (_, week) = page(&staff, "/week?date=2026-12-14").await;
        assert!(week.contains("Roster Desember 2026 telah terbit"), "{e}");
        assert!(
            week.contains("<td>Roster <span class=\"tag\">Disetujui</span>"),
            "{e}: {week}"
        );
        assert!(
            week.contains("Kantor lain"),
            "{e}: the approved request stays"
        );
        assert!(
            !week.contains("name=\"wish."),
            "{e}: a published roster takes no wishes"
        );
    }
}

/// A roster opened in its own month plans only the days still ahead: the test clock stands on
/// Monday 2026-11-23, so November's roster covers the 23rd to the 30th.
#[tokio::test]
async fn a_roster_opened_mid_month_plans_only_the_days_ahead() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let head = signed_in(&t, HEAD).await;
        let unit_id = unit(&t, UNIT).await.id.to_string();
        let (status, _) = send(
            &head,
            "/rosters",
            &[("unit_id", unit_id.as_str()), ("month", "2026-11")],
        )
        .await;
        assert_eq!(status, 303, "{e}");
        let id = roster_id(&t, UNIT, "2026-11").await.expect("opened");
        let (status, _) = send(&head, &format!("/rosters/{id}/generate"), &[]).await;
        assert_eq!(status, 303, "{e}");
        let instance: serde_json::Value =
            serde_json::from_str(roster_row(&t, id).await.instance.as_deref().unwrap()).unwrap();
        let dates: Vec<&str> = instance["dates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d.as_str().unwrap())
            .collect();
        assert_eq!(
            dates,
            [
                "2026-11-23",
                "2026-11-24",
                "2026-11-25",
                "2026-11-26",
                "2026-11-27",
                "2026-11-30"
            ],
            "{e}"
        );
    }
}
