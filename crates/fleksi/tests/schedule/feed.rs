//! The private calendar feed: made on the week page, shown once, readable by a calendar
//! program without a session, parsed back as iCalendar; renewed (the old link stops) and
//! revoked (404).

use super::helpers::*;

/// The feed URL on the page shown after making one.
fn feed_url(html: &str) -> String {
    let at = part(html, "feed-url", "</code>");
    at[at.find('>').unwrap() + 1..].to_string()
}

async fn fetch(url: &str) -> (StatusCode, String, String) {
    let r = reqwest::get(url).await.unwrap();
    let status = r.status();
    let kind = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, kind, r.text().await.unwrap())
}

#[tokio::test]
async fn a_private_feed_lists_my_plan_and_can_be_renewed_and_revoked() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let me = employee_of(&t, STAFF).await;
        approved_day(&t, me, "2026-11-24", "home").await;
        approved_day(&t, me, "2026-11-02", "other").await; // 21 days back: in
        approved_day(&t, me, "2026-10-20", "home").await; // 34 days back: out
        approved_day(&t, me, "2027-03-30", "home").await; // 127 days ahead: out
                                                          // Someone else's day is not in my feed.
        let other = others_of(&t).await[0].id;
        approved_day(&t, other, "2026-11-25", "home").await;

        let b = signed_in(&t, STAFF).await;
        let (_, week) = page(&b, "/week").await;
        assert!(week.contains("Belum ada tautan kalender."), "{e}");
        let r = b.post("/feeds", &[]).await;
        assert_eq!(r.status(), 200, "{e}");
        let url = feed_url(&r.text().await.unwrap());
        assert!(url.starts_with(&format!("{}/feeds/", t.base)), "{e}: {url}");
        assert!(url.ends_with(".ics"), "{e}");

        // Read without any session, as a calendar program does.
        let (status, kind, body) = fetch(&url).await;
        assert_eq!(status, 200, "{e}");
        assert_eq!(kind, "text/calendar; charset=utf-8", "{e}");
        for line in body.split("\r\n") {
            assert!(!line.contains('\n'), "{e}: a bare line feed");
            assert!(line.len() <= 75, "{e}: an unfolded line: {line}");
        }
        let cal: icalendar::Calendar = body.parse().expect("the feed parses as iCalendar");
        let events: Vec<_> = cal.components.iter().filter_map(|c| c.as_event()).collect();
        use icalendar::Component;
        let uids: Vec<&str> = events.iter().filter_map(|v| v.get_uid()).collect();
        let agency = demo_agency(&t).await;
        let mine = |date: &str| format!("fleksi-{agency}-{me}-{date}@fleksi");
        assert!(uids.contains(&mine("2026-11-24").as_str()), "{e}: {uids:?}");
        assert!(uids.contains(&mine("2026-11-02").as_str()), "{e}");
        assert!(!uids.iter().any(|u| u.contains("2026-10-20")), "{e}");
        assert!(!uids.iter().any(|u| u.contains("2027-03-30")), "{e}");
        assert!(
            !uids.iter().any(|u| u.contains(&format!("-{other}-"))),
            "{e}"
        );
        let tuesday = events
            .iter()
            .find(|v| v.get_uid() == Some(mine("2026-11-24").as_str()))
            .unwrap();
        assert_eq!(tuesday.get_summary(), Some("Rumah (WFH)"), "{e}");
        assert!(body.contains("DTSTART;VALUE=DATE:20261124\r\n"), "{e}");
        assert!(body.contains("DTEND;VALUE=DATE:20261125\r\n"), "{e}");
        assert!(body.contains("STATUS:CONFIRMED"), "{e}");
        assert!(body.contains("PRODID:-//Fleksi//"), "{e}");
        // The same feed twice is the same text (stable UIDs and stamps).
        let (_, _, again) = fetch(&url).await;
        assert_eq!(again, body, "{e}");

        // The week page says a link is on; a new one ends the old.
        let (_, week) = page(&b, "/week").await;
        assert!(week.contains("Tautan aktif sejak 2026-11-23 09:00"), "{e}");
        let r = b.post("/feeds", &[]).await;
        let renewed = feed_url(&r.text().await.unwrap());
        assert_ne!(renewed, url, "{e}");
        assert_eq!(fetch(&url).await.0, 404, "{e}: the old link stopped");
        assert_eq!(fetch(&renewed).await.0, 200, "{e}");

        // Revoked: gone.
        let r = b.post("/feeds/revoke", &[]).await;
        assert_eq!(r.status(), 303, "{e}");
        let (_, week) = page(&b, "/week?feed=revoked").await;
        assert!(week.contains("Tautan kalender dicabut."), "{e}");
        assert!(week.contains("Belum ada tautan kalender."), "{e}");
        assert_eq!(fetch(&renewed).await.0, 404, "{e}");
        assert_eq!(
            fetch(&format!("{}/feeds/not-a-token.ics", t.base)).await.0,
            404,
            "{e}"
        );
        assert_eq!(fetch(&format!("{}/feeds/x", t.base)).await.0, 404, "{e}");

        // Audited: two made, one revoked; a second revoke changes and audits nothing.
        assert_eq!(audited(&t, "schedule.feed_create").await.len(), 2, "{e}");
        assert_eq!(audited(&t, "schedule.feed_revoke").await.len(), 1, "{e}");
        b.post("/feeds/revoke", &[]).await;
        assert_eq!(audited(&t, "schedule.feed_revoke").await.len(), 1, "{e}");

        // Forms need their token.
        let before = audited(&t, "schedule.feed_create").await.len();
        let r = b.post("/feeds", &[("csrf", "x".repeat(43).as_str())]).await;
        assert_eq!(r.status(), 403, "{e}");
        assert_eq!(
            audited(&t, "schedule.feed_create").await.len(),
            before,
            "{e}"
        );
        // Without a session: the sign-in page.
        let stranger = Browser::new(&t);
        assert_eq!(stranger.post("/feeds", &[]).await.status(), 303, "{e}");
    }
}

#[tokio::test]
async fn a_pending_request_is_tentative_in_the_feed() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        submit_request(
            &t,
            STAFF,
            json!({
                "first_day": "2026-12-02", "last_day": "2026-12-02",
                "exceptions": [{"date": "2026-12-02", "location": "other", "description": "Balai Desa Sukamaju, pelayanan keliling"}],
                "time_mode": "regular",
                "reason": "Pelayanan KTP-el keliling",
                "work_plan": "50 perekaman KTP-el"
            }),
        )
        .await;
        let b = signed_in(&t, STAFF).await;
        let r = b.post("/feeds", &[]).await;
        let url = feed_url(&r.text().await.unwrap());
        let (status, _, body) = fetch(&url).await;
        assert_eq!(status, 200, "{e}");
        let unfolded = body.replace("\r\n ", "");
        assert!(
            unfolded.contains("SUMMARY:Lokasi lain (menunggu persetujuan)"),
            "{e}: {unfolded}"
        );
        assert!(unfolded.contains("STATUS:TENTATIVE"), "{e}");
        // The description's comma is escaped, as RFC 5545 wants.
        assert!(
            unfolded.contains("Balai Desa Sukamaju\\, pelayanan keliling"),
            "{e}: {unfolded}"
        );
        let _: icalendar::Calendar = body.parse().expect("parses");
    }
}
