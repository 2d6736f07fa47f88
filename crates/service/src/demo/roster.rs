//! The demo's roster: the front office of the Dinas Kependudukan dan Pencatatan Sipil
//! (Bidang Pelayanan Pendaftaran Penduduk) with counter (`loket`) and verifier skills, a
//! little approved leave next month, and next month's roster open for wishes. Its head
//! signs in as `kabid.dukcapil`, one of its staff as `pegawai.dukcapil`.

use crate::{roster, Actor, App, Result, ServiceError};
use fleksi_domain::roster::{Month, Settings, SettingsForm};
use fleksi_domain::timezone::Zone;
use fleksi_domain::AgencyId;
use fleksi_store::roster as roster_store;
use fleksi_store::{audit as audit_store, commit, org, plan};

pub const UNIT: &str = "DISDUKCAPIL-B1";

/// Seeds once: an agency whose people already have skills is left alone.
pub(super) async fn seed(app: &App, actor: &Actor, agency: AgencyId) -> Result<()> {
    let mut tx = app.db.begin().await?;
    if roster_store::any_skills(&mut tx, agency.0).await? {
        return Ok(());
    }
    let unit = org::by_code(&mut tx, agency.0, UNIT)
        .await?
        .ok_or_else(|| ServiceError::Internal(format!("demo unit {UNIT} missing")))?;
    let people = roster_store::people(&mut tx, agency.0, &unit.path, 100).await?;
    let everyone = fleksi_store::employee::all_in_agency(&mut tx, agency.0).await?;
    let staff: Vec<_> = people
        .iter()
        .filter(|p| {
            everyone
                .iter()
                .any(|e| e.id == p.id && e.position_kind != "struktural")
        })
        .collect();
    let mut skills = Vec::new();
    for (i, p) in staff.iter().enumerate() {
        let position = everyone
            .iter()
            .find(|e| e.id == p.id)
            .map(|e| e.position_name.as_str())
            .unwrap_or("");
        let mut own = Vec::new();
        if i < 6 {
            own.push("loket".to_string());
        }
        if position.starts_with("Administrator Database") {
            own.push("verifikator".to_string());
        }
        roster_store::set_skills(&mut tx, agency.0, p.id, &own).await?;
        skills.push((p.id, own));
    }
    // Approved leave next month for two of the staff, not the `pegawai.dukcapil` login
    // (the first verifier by id), whose week should show the roster's days.
    let login = everyone
        .iter()
        .filter(|e| e.unit_id == unit.id && e.position_name.starts_with("Administrator Database"))
        .map(|e| e.id)
        .min();
    let others: Vec<_> = staff.iter().filter(|p| Some(p.id) != login).collect();
    let today = app.clock.now().to_zoned(Zone::Wib.tz()).date();
    let month = Month::of(today).next();
    let days = month.weekdays();
    let mut leave = Vec::new();
    for (who, from, n, location, source, note) in [
        (others.first(), 5, 2, "leave", "leave", "Cuti tahunan"),
        (
            others.get(3),
            10,
            1,
            "training",
            "request",
            "Diklat pelayanan prima",
        ),
    ] {
        let Some(p) = who else { continue };
        for d in days.iter().skip(from).take(n) {
            plan::put(
                &mut tx,
                agency.0,
                p.id,
                &d.to_string(),
                location,
                "approved",
                source,
                Some(note),
                app.now(),
            )
            .await?;
            leave.push((p.id, d.to_string(), location));
        }
    }
    let after = serde_json::json!({"skills": skills, "plans": leave});
    audit_store::append(
        &mut tx,
        &[
            crate::audit::event(app, actor, "demo.roster_setup", "unit", unit.id)
                .in_unit(&unit.path)
                .after(&after),
        ],
    )
    .await?;
    commit(tx).await?;

    let id = roster::open(app, actor, &unit.id.to_string(), &month.code()).await?;
    let mut settings = Settings::defaults(people.len() as i64);
    settings.coverage.insert("loket".into(), 2);
    // Christmas, when it falls on a working day of the month.
    if let Some(christmas) = month
        .weekdays()
        .into_iter()
        .find(|d| d.month() == 12 && d.day() == 25)
    {
        settings.non_working.insert(christmas);
    }
    roster::save_settings(app, actor, id, &SettingsForm::from_settings(&settings)).await
}
