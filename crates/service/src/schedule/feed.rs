//! The private iCalendar feed of one's plan: a random token in the URL (shown once, stored
//! hashed, revocable; a new one ends the old), readable without a session by calendar
//! programs. It lists the plan days from 30 days back to 90 ahead as all-day events with
//! stable UIDs (one per person and date, so a changed plan updates its event), DTSTAMP as
//! the day's last change (RFC 5545 §3.8.7.2, for a feed without METHOD:REQUEST), and the
//! escaping, line folding and CRLF of RFC 5545 done by the `icalendar` crate.

use super::{add_days, today_in};
use crate::{audit, auth, Actor, App, Result, ServiceError};
use fleksi_domain::roster::PlanLocation;
use fleksi_domain::schedule::location_label;
use fleksi_domain::Locale;
use fleksi_store::schedule::{self as store, FeedRow, PendingDayRow, PlanRow};
use fleksi_store::{audit as audit_store, commit, employee, user, Millis};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus, Property};
use jiff::civil::Date;
use jiff::Timestamp;

/// The feed covers this many days back and ahead of today.
pub const DAYS_BACK: i64 = 30;
pub const DAYS_AHEAD: i64 = 90;

fn own_employee(actor: &Actor) -> Result<(i64, i64)> {
    let agency = actor.agency()?;
    let me = actor.access.employee_id.ok_or(ServiceError::Forbidden)?;
    Ok((agency.0, me.0))
}

/// One's live feed, if any (when it was made; the token itself is never kept).
pub async fn status(app: &App, actor: &Actor) -> Result<Option<FeedRow>> {
    let (agency, me) = own_employee(actor)?;
    let mut c = app.db.conn().await?;
    Ok(store::live_feed_of(&mut c, agency, me).await?)
}

/// Makes a new private feed for oneself and returns its token (shown once). Any earlier
/// feed of the person stops working.
pub async fn create(app: &App, actor: &Actor) -> Result<String> {
    let (agency, me) = own_employee(actor)?;
    let token = auth::new_token();
    let hash = auth::token_hash(&token);
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let e = employee::get(&mut tx, agency, me)
        .await?
        .ok_or(ServiceError::Forbidden)?;
    let revoked = store::revoke_feeds(&mut tx, agency, me, now).await?;
    store::insert_feed(&mut tx, agency, me, &hash, now).await?;
    audit_store::append(
        &mut tx,
        &[
            audit::event(app, actor, "schedule.feed_create", "calendar_feed", me)
                .in_unit(&e.unit_path)
                .after(&serde_json::json!({"revoked_before": revoked})),
        ],
    )
    .await?;
    commit(tx).await?;
    Ok(token)
}

/// Ends one's feed; returns how many were live (0: nothing changed, nothing audited).
pub async fn revoke(app: &App, actor: &Actor) -> Result<u64> {
    let (agency, me) = own_employee(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let e = employee::get(&mut tx, agency, me)
        .await?
        .ok_or(ServiceError::Forbidden)?;
    let revoked = store::revoke_feeds(&mut tx, agency, me, now).await?;
    if revoked == 0 {
        return Ok(0);
    }
    audit_store::append(
        &mut tx,
        &[
            audit::event(app, actor, "schedule.feed_revoke", "calendar_feed", me)
                .in_unit(&e.unit_path)
                .after(&serde_json::json!({"revoked": revoked})),
        ],
    )
    .await?;
    commit(tx).await?;
    Ok(revoked)
}

/// A token as it can appear: URL-safe base64 of 32 bytes. Anything else is no feed.
fn plausible(token: &str) -> bool {
    (20..=100).contains(&token.len())
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The feed of a token as iCalendar text; an unknown or revoked token is not found.
pub async fn render(app: &App, token: &str) -> Result<String> {
    if !plausible(token) {
        return Err(ServiceError::NotFound);
    }
    let mut c = app.db.conn().await?;
    let feed = store::feed_by_hash(&mut c, &auth::token_hash(token))
        .await?
        .ok_or(ServiceError::NotFound)?;
    let me = employee::get(&mut c, feed.agency_id, feed.employee_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let locale = user::by_employee(&mut c, me.id)
        .await?
        .map(|u| Locale::from_code(&u.locale))
        .unwrap_or_default();
    let today = today_in(app.clock.now(), &me.time_zone);
    let (from, to) = (add_days(today, -DAYS_BACK), add_days(today, DAYS_AHEAD));
    let ids = [me.id];
    let (f, t) = (from.to_string(), to.to_string());
    let plans = store::plans_of(&mut c, me.agency_id, &ids, &f, &t).await?;
    let pending = store::pending_days_of(&mut c, me.agency_id, &ids, &f, &t).await?;
    Ok(ics(&me.name, me.agency_id, me.id, &plans, &pending, locale))
}

/// `20261123T020000Z`
fn utc_stamp(at: Millis) -> String {
    Timestamp::from_millisecond(at)
        .unwrap_or(Timestamp::UNIX_EPOCH)
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string()
}

/// `20261123`
fn ical_date(d: Date) -> String {
    d.strftime("%Y%m%d").to_string()
}

fn date_property(key: &str, d: Date) -> Property {
    Property::new(key, ical_date(d))
        .add_parameter("VALUE", "DATE")
        .done()
}

fn pick(locale: Locale, id: &'static str, en: &'static str) -> &'static str {
    match locale {
        Locale::Id => id,
        Locale::En => en,
    }
}

/// One event per date: the plan of the day (approved: confirmed; awaiting a roster's
/// approval: tentative), or else a request's day still pending (tentative). Rejected
/// days are left out.
pub fn ics(
    name: &str,
    agency: i64,
    employee: i64,
    plans: &[PlanRow],
    pending: &[PendingDayRow],
    locale: Locale,
) -> String {
    struct Entry<'a> {
        date: Date,
        location: PlanLocation,
        confirmed: bool,
        note: Option<&'a str>,
        time_mode: Option<&'a str>,
        changed: Millis,
    }
    let mut entries: Vec<Entry> = Vec::new();
    for p in plans.iter().filter(|p| p.status != "rejected") {
        let (Ok(date), Ok(location)) = (p.date.parse::<Date>(), PlanLocation::parse(&p.location))
        else {
            continue;
        };
        entries.push(Entry {
            date,
            location,
            confirmed: p.status == "approved",
            note: p.note.as_deref(),
            time_mode: p.time_mode.as_deref(),
            changed: p.updated_at,
        });
    }
    for p in pending {
        let (Ok(date), Ok(location)) = (p.date.parse::<Date>(), PlanLocation::parse(&p.location))
        else {
            continue;
        };
        // An approved plan of the date stands until the request is decided.
        if let Some(e) = entries.iter_mut().find(|e| e.date == date) {
            if e.confirmed {
                continue;
            }
            *e = Entry {
                date,
                location,
                confirmed: false,
                note: p.description.as_deref(),
                time_mode: Some(p.time_mode.as_str()),
                changed: p.created_at,
            };
            continue;
        }
        entries.push(Entry {
            date,
            location,
            confirmed: false,
            note: p.description.as_deref(),
            time_mode: Some(p.time_mode.as_str()),
            changed: p.created_at,
        });
    }
    entries.sort_by_key(|e| e.date);

    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"));
    cal.append_property(Property::new(
        "PRODID",
        "-//Fleksi//Rencana Lokasi Kerja//ID",
    ));
    cal.append_property(Property::new("CALSCALE", "GREGORIAN"));
    cal.append_property(Property::new("METHOD", "PUBLISH"));
    cal.name(&format!(
        "{} — {name}",
        pick(locale, "Lokasi kerja", "Work location")
    ));
    // Calendar programs refresh a subscribed feed this often.
    cal.append_property(
        Property::new("REFRESH-INTERVAL", "PT4H")
            .add_parameter("VALUE", "DURATION")
            .done(),
    );
    cal.append_property(Property::new("X-PUBLISHED-TTL", "PT4H"));
    for e in &entries {
        let label = location_label(e.location, locale);
        let summary = if e.confirmed {
            label.to_string()
        } else {
            format!(
                "{label} ({})",
                pick(locale, "menunggu persetujuan", "awaiting approval")
            )
        };
        let mut description = format!(
            "{}: {label}. {}: {}.",
            pick(locale, "Lokasi kerja", "Work location"),
            pick(locale, "Status", "Status"),
            if e.confirmed {
                pick(locale, "disetujui", "approved")
            } else {
                pick(locale, "menunggu persetujuan", "awaiting approval")
            }
        );
        if let Some(mode) = e.time_mode {
            let mode = match mode {
                "dynamic" => pick(locale, "jam kerja dinamis", "dynamic hours"),
                "shift" => pick(locale, "sif", "shift"),
                _ => pick(locale, "jam kerja reguler", "regular hours"),
            };
            description.push_str(&format!(
                " {}: {mode}.",
                pick(locale, "Pengaturan waktu", "Hours")
            ));
        }
        if let Some(note) = e.note.filter(|n| !n.trim().is_empty()) {
            description.push('\n');
            description.push_str(note);
        }
        let stamp = utc_stamp(e.changed);
        let event = Event::new()
            .uid(&format!("fleksi-{agency}-{employee}-{}@fleksi", e.date))
            .add_property("DTSTAMP", &stamp)
            .add_property("LAST-MODIFIED", &stamp)
            .append_property(date_property("DTSTART", e.date))
            .append_property(date_property("DTEND", add_days(e.date, 1)))
            .summary(&summary)
            .description(&description)
            .location(label)
            .add_property("TRANSP", "TRANSPARENT")
            .status(if e.confirmed {
                EventStatus::Confirmed
            } else {
                EventStatus::Tentative
            })
            .done();
        cal.push(event);
    }
    cal.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(date: &str, location: &str, status: &str, note: Option<&str>) -> PlanRow {
        PlanRow {
            employee_id: 7,
            date: date.into(),
            location: location.into(),
            status: status.into(),
            source: "request".into(),
            request_id: Some(1),
            time_mode: Some("dynamic".into()),
            start_time: None,
            note: note.map(Into::into),
            updated_at: 1_795_000_000_000,
        }
    }

    #[test]
    fn a_feed_is_crlf_folded_escaped_with_stable_uids() {
        let long = "Rapat koordinasi, evaluasi; dan penyusunan laporan kinerja triwulan IV di kantor kecamatan yang cukup jauh";
        let text = ics(
            "Siti Rahmawati",
            1,
            7,
            &[
                plan("2026-11-24", "home", "approved", Some(long)),
                plan("2026-11-25", "office", "rejected", None),
                plan("2026-11-26", "leave", "pending", None),
            ],
            &[PendingDayRow {
                employee_id: 7,
                date: "2026-11-27".into(),
                location: "other".into(),
                description: Some("Balai desa".into()),
                request_id: 3,
                time_mode: "regular".into(),
                created_at: 1_795_000_000_000,
            }],
            Locale::Id,
        );
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        // Every line ends in CRLF and none is longer than 75 octets.
        for line in text.split("\r\n") {
            assert!(!line.contains('\n'), "bare LF in {line:?}");
            assert!(line.len() <= 75, "unfolded: {line:?}");
        }
        // The rejected day is left out.
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 3, "{text}");
        assert!(!text.contains("UID:fleksi-1-7-2026-11-25@fleksi"));
        assert!(text.contains("UID:fleksi-1-7-2026-11-24@fleksi"));
        assert!(text.contains("DTSTART;VALUE=DATE:20261124\r\n"));
        assert!(text.contains("DTEND;VALUE=DATE:20261125\r\n"));
        assert!(text.contains("SUMMARY:Rumah (WFH)\r\n"));
        assert!(text.contains("STATUS:TENTATIVE"));
        assert!(text.contains("SUMMARY:Lokasi lain (menunggu persetujuan)"));
        // Commas and semicolons of the text are escaped (unfolded before looking).
        let unfolded = text.replace("\r\n ", "");
        assert!(
            unfolded.contains("Rapat koordinasi\\, evaluasi\\; dan"),
            "{unfolded}"
        );
        assert!(unfolded.contains("DTSTAMP:2026"), "{unfolded}");
    }
}
