//! The monthly attendance recap as a page, CSV and XLSX, with figures from real check-ins.

use super::helpers::*;
use std::io::Cursor;

/// Punches of the staff member in November: Friday the 20th in at 08:00 WIB with no
/// check-out (late, a missing check-out, then a correction asked), Monday the 23rd at
/// home 07:20–16:30. Another colleague was on leave on the 10th. The clock ends on Monday
/// 16:30 WIB.
async fn november(t: &TestApp) -> i64 {
    at(t, "2026-11-20T01:00:00Z");
    let token = api_token(t, STAFF).await;
    punch(t, &token, "check-in", "office", "jumat-masuk-0001").await;
    at(t, "2026-11-23T00:20:00Z");
    punch(t, &token, "check-in", "home", "senin-masuk-0001").await;
    at(t, "2026-11-23T09:30:00Z");
    punch(t, &token, "check-out", "home", "senin-pulang-001").await;
    let (status, body) = api_post(
        t,
        &token,
        "/presence/corrections",
        &json!({"date": "2026-11-20", "check_out": "16:00", "reason": "Lupa presensi pulang"}),
    )
    .await;
    assert!(status.is_success(), "correction: {status} {body}");
    let leave = others_of(t).await[0].id;
    approved_day(t, leave, "2026-11-10", "leave").await;
    leave
}

/// The sum of the staff member's effective minutes in November, as the presence writer
/// kept them.
async fn effective_of(t: &TestApp, employee: i64) -> i64 {
    let a = demo_agency(t).await;
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::schedule::presence_of(&mut c, a, &[employee], "2026-11-01", "2026-11-30")
        .await
        .unwrap()
        .iter()
        .map(|d| d.effective_minutes)
        .sum()
}

fn hours(minutes: i64) -> String {
    fleksi_domain::schedule::hours(minutes)
}

#[tokio::test]
async fn the_head_downloads_the_month_as_csv_and_xlsx() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let leave = november(&t).await;
        let me = employee(&t, employee_of(&t, STAFF).await).await;
        let n = people_of(&t, UNIT).await.len();
        let effective = effective_of(&t, me.id).await;
        assert!(
            effective >= 490,
            "{e}: Monday's hours at least ({effective})"
        );
        let u = unit(&t, UNIT).await;
        let head = signed_in(&t, HEAD).await;

        // The form lists the head's unit; choosing it leads to the unit's recap.
        let (status, form) = page(&head, "/recap").await;
        assert_eq!(status, 200, "{e}");
        assert!(form.contains(&format!("<option value=\"{}\"", u.id)), "{e}");
        assert!(form.contains("value=\"2026-11\""), "{e}: this month first");
        let r = head
            .get(&format!("/recap?unit={}&month=2026-11&format=csv", u.id))
            .await;
        assert_eq!(r.status(), 303, "{e}");
        let to = r.headers()["location"].to_str().unwrap().to_string();
        assert_eq!(
            to,
            format!("/units/{}/recap?month=2026-11&format=csv", u.id),
            "{e}"
        );

        // CSV: a BOM, the header, one row per person.
        let r = head.get(&to).await;
        assert_eq!(r.status(), 200, "{e}");
        assert_eq!(
            r.headers()["content-type"],
            "text/csv; charset=utf-8",
            "{e}"
        );
        assert!(
            r.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .contains("rekap-DISDUKCAPIL-B1-2026-11.csv"),
            "{e}"
        );
        let bytes = r.bytes().await.unwrap();
        assert!(bytes.starts_with("\u{feff}".as_bytes()), "{e}: a BOM");
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(
            header,
            [
                "NIP",
                "Nama",
                "Unit kerja",
                "Hari kerja",
                "Hari cuti",
                "Hari hadir",
                "Hadir di kantor",
                "Hadir dari rumah",
                "Hadir di lokasi lain",
                "Jam efektif",
                "Jam wajib",
                "Hari terlambat",
                "Tanpa presensi pulang",
                "Koreksi presensi"
            ],
            "{e}"
        );
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        assert_eq!(rows.len(), n, "{e}");
        let mine = rows.iter().find(|r| r[0] == me.nip).expect("my row");
        // 1–23 November 2026: 16 working days, 7 h 30 a day.
        assert_eq!(
            mine[1..].to_vec(),
            [
                me.name.as_str(),
                me.unit_name.as_str(),
                "16",
                "0",
                "2",
                "1",
                "1",
                "0",
                &hours(effective),
                "120.00",
                "1",
                "1",
                "1"
            ],
            "{e}"
        );
        let on_leave = employee(&t, leave).await;
        let theirs = rows.iter().find(|r| r[0] == on_leave.nip).unwrap();
        assert_eq!(theirs[4], "1", "{e}: a day of leave");
        assert_eq!(theirs[5], "0", "{e}");
        assert_eq!(theirs[10], "112.50", "{e}: a day of leave is not required");

        // XLSX through the API: the sheet, the NIP as text, hours as numbers.
        let token = api_token(&t, HEAD).await;
        let r = api_get(
            &t,
            &token,
            &format!("/units/{}/recap?month=2026-11&format=xlsx", u.id),
        )
        .await;
        assert_eq!(r.status(), 200, "{e}");
        assert_eq!(
            r.headers()["content-type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "{e}"
        );
        let bytes = r.bytes().await.unwrap().to_vec();
        use calamine::{Data, Reader, Xlsx};
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("an XLSX workbook");
        assert_eq!(book.sheet_names(), vec!["Rekap 2026-11".to_string()], "{e}");
        let sheet = book.worksheet_range("Rekap 2026-11").unwrap();
        assert_eq!(sheet.height(), n + 1, "{e}");
        assert_eq!(
            sheet.get((0, 9)),
            Some(&Data::String("Jam efektif".into())),
            "{e}"
        );
        let row = (1..=n)
            .find(|r| sheet.get((*r, 0)) == Some(&Data::String(me.nip.clone())))
            .expect("my row, NIP as text");
        assert_eq!(sheet.get((row, 3)), Some(&Data::Float(16.0)), "{e}");
        assert_eq!(sheet.get((row, 5)), Some(&Data::Float(2.0)), "{e}");
        assert_eq!(sheet.get((row, 10)), Some(&Data::Float(120.0)), "{e}");
        let h = (effective as f64 / 60.0 * 100.0).round() / 100.0;
        assert_eq!(sheet.get((row, 9)), Some(&Data::Float(h)), "{e}");

        // The JSON answer and the page agree.
        let (status, v) =
            api_json(&t, &token, &format!("/units/{}/recap?month=2026-11", u.id)).await;
        assert_eq!(status, 200, "{e}: {v}");
        assert_eq!(v["through"], "2026-11-23", "{e}");
        assert_eq!(v["working_days"], 16, "{e}");
        let (status, html) = page(&head, &format!("/units/{}/recap?month=2026-11", u.id)).await;
        assert_eq!(status, 200, "{e}");
        assert!(html.contains(&me.nip), "{e}");
        assert!(html.contains("format=xlsx"), "{e}: the download links");
    }
}

#[tokio::test]
async fn bad_months_and_units_are_named() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let u = unit(&t, UNIT).await;
        let head = signed_in(&t, HEAD).await;
        for (path, field) in [
            (format!("/units/{}/recap?month=2026-13", u.id), "month"),
            (format!("/units/{}/recap?month=November", u.id), "month"),
            (format!("/units/{}/recap?month=2027-01", u.id), "month"),
            ("/units/abc/recap?month=2026-11".to_string(), "unit"),
            (
                format!("/units/{}/recap?month=2026-11&format=pdf", u.id),
                "format",
            ),
            ("/recap?unit=abc&month=2026-11".to_string(), "unit"),
        ] {
            let (status, html) = page(&head, &path).await;
            assert_eq!(status, 422, "{e}: {path}");
            let errors = part(&html, "errors", "</div>");
            assert!(
                errors.contains(&format!("<li>{field}: ")),
                "{e}: {path}: {errors}"
            );
        }
        let (status, _) = page(&head, "/units/999999/recap?month=2026-11").await;
        assert_eq!(status, 404, "{e}");
        let token = api_token(&t, HEAD).await;
        let (status, v) = api_json(
            &t,
            &token,
            &format!("/units/{}/recap?month=2026-02-30", u.id),
        )
        .await;
        assert_eq!(status, 422, "{e}");
        assert_eq!(v["errors"][0]["field"], "month", "{e}: {v}");
        let (status, v) = api_json(&t, &token, &format!("/units/{}/recap", u.id)).await;
        assert_eq!(status, 422, "{e}: a month is needed");
        assert_eq!(v["errors"][0]["field"], "month", "{e}");
    }
}
