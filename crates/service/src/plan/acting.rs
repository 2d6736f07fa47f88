//! Acting officials (Plt: *pelaksana tugas*, Plh: *pelaksana harian*): who decides for an
//! official while they are away. Admins whose subtree holds the official's unit set and end
//! them; the acting person is told. Other features (presence corrections) ask [`acts_for`].

use super::today_in;
use crate::{audit, Actor, App, Result, ServiceError};
use fleksi_domain::calendar::parse_date;
use fleksi_domain::org::OrgPath;
use fleksi_domain::{AgencyId, FieldError, Message};
use fleksi_store::acting::{self as store, ActingRow, NewActing};
use fleksi_store::employee;
use fleksi_store::notification::{self, NewNotification};
use fleksi_store::{audit as audit_store, commit, Conn};
use jiff::civil::Date;

/// An assignment lasts at most a year; a longer absence is a new decree.
pub const MAX_DAYS: i32 = 366;

/// Whether `acting` stands in for `holder` on `date`.
pub async fn acts_for(
    c: &mut Conn,
    agency: AgencyId,
    acting: i64,
    holder: i64,
    date: Date,
) -> Result<bool> {
    Ok(store::holders_for(c, agency.0, acting, &date.to_string())
        .await?
        .contains(&holder))
}

/// The assignments an admin sees: current and future ones of their subtree.
pub struct Listing {
    pub rows: Vec<ActingRow>,
    pub today: Date,
}

fn may_manage(actor: &Actor) -> Result<AgencyId> {
    let agency = actor.agency()?;
    if !actor.access.administers_any(agency) {
        return Err(ServiceError::Forbidden);
    }
    Ok(agency)
}

pub async fn list(app: &App, actor: &Actor) -> Result<Listing> {
    let agency = may_manage(actor)?;
    let today = today_in(app, "WIB");
    let paths: Option<Vec<String>> = actor
        .access
        .administered_paths(agency)
        .map(|ps| ps.iter().map(|p| p.as_str().to_string()).collect());
    let mut c = app.db.conn().await?;
    let rows = store::current(&mut c, agency.0, &today.to_string(), paths.as_deref(), 200).await?;
    Ok(Listing { rows, today })
}

/// The form to assign someone.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ActingForm {
    #[serde(default)]
    pub holder_nip: String,
    #[serde(default)]
    pub acting_nip: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub first_day: String,
    #[serde(default)]
    pub last_day: String,
}

/// Assigns `acting_nip` to act for `holder_nip` from the first to the last day.
pub async fn add(app: &App, actor: &Actor, form: &ActingForm) -> Result<i64> {
    let agency = may_manage(actor)?;
    let mut tx = app.db.begin().await?;
    let mut errors = Vec::new();
    let holder = employee::by_nip(&mut tx, agency.0, form.holder_nip.trim()).await?;
    let acting = employee::by_nip(&mut tx, agency.0, form.acting_nip.trim()).await?;
    let unknown = |nip: &str| Message::UnknownEmployee {
        nip: nip.trim().chars().take(20).collect(),
    };
    if holder.is_none() {
        errors.push(FieldError::new("holder_nip", unknown(&form.holder_nip)));
    }
    if acting.is_none() {
        errors.push(FieldError::new("acting_nip", unknown(&form.acting_nip)));
    }
    if let Some(h) = &holder {
        if !actor
            .access
            .can_administer(agency, &OrgPath::from_trusted(h.unit_path.clone()))
        {
            return Err(ServiceError::Forbidden);
        }
    }
    if let (Some(h), Some(a)) = (&holder, &acting) {
        if h.id == a.id {
            errors.push(FieldError::new(
                "acting_nip",
                Message::text_of(
                    "pejabat tidak dapat menjadi Plt/Plh bagi dirinya sendiri",
                    "an official cannot act for themselves",
                ),
            ));
        }
    }
    let kind = form.kind.trim();
    if !matches!(kind, "plt" | "plh") {
        errors.push(FieldError::new(
            "kind",
            Message::InvalidChoice {
                allowed: "plt, plh".into(),
            },
        ));
    }
    let date = |field: &str, s: &str, errors: &mut Vec<FieldError>| {
        parse_date(s)
            .map_err(|m| errors.push(FieldError::new(field, m)))
            .ok()
    };
    let first = date("first_day", &form.first_day, &mut errors);
    let last = date("last_day", &form.last_day, &mut errors);
    let today = today_in(app, holder.as_ref().map_or("WIB", |h| h.time_zone.as_str()));
    if let (Some(f), Some(l)) = (first, last) {
        if f > l {
            errors.push(FieldError::new(
                "last_day",
                Message::text_of(
                    "tanggal akhir sebelum tanggal mulai",
                    "the last day is before the first",
                ),
            ));
        } else if fleksi_domain::plan::rules::span_days(f, l) > MAX_DAYS {
            errors.push(FieldError::new(
                "last_day",
                Message::text_of(
                    format!("penugasan paling lama {MAX_DAYS} hari"),
                    format!("an assignment lasts at most {MAX_DAYS} days"),
                ),
            ));
        } else if l < today {
            errors.push(FieldError::new("last_day", Message::PastDate));
        }
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let (Some(h), Some(a), Some(f), Some(l)) = (holder, acting, first, last) else {
        return Err(ServiceError::Internal("checked above".into()));
    };
    if let Some(o) =
        store::overlapping(&mut tx, agency.0, h.id, &f.to_string(), &l.to_string()).await?
    {
        return Err(ServiceError::field(
            "first_day",
            Message::text_of(
                format!(
                    "{} sudah memiliki {} ({}) pada {} s.d. {}",
                    h.name,
                    o.kind.to_uppercase(),
                    o.acting_name,
                    o.first_day,
                    o.last_day
                ),
                format!(
                    "{} already has an acting official ({}) from {} to {}",
                    h.name, o.acting_name, o.first_day, o.last_day
                ),
            ),
        ));
    }
    let new = NewActing {
        holder_id: h.id,
        acting_id: a.id,
        kind: kind.into(),
        first_day: f.to_string(),
        last_day: l.to_string(),
    };
    let id = store::insert(&mut tx, agency.0, &new, actor.audit_user(), app.now()).await?;
    notification::insert_many(
        &mut tx,
        agency.0,
        &[NewNotification {
            employee_id: a.id,
            kind: "acting.assigned".into(),
            text_id: format!(
                "Anda ditunjuk sebagai {} {} ({f} s.d. {l}); pengajuan bawahannya masuk ke daftar persetujuan Anda",
                kind.to_uppercase(),
                h.position_name
            ),
            text_en: format!(
                "You act ({}) for {} ({f} to {l}); their staff's requests come to your approvals",
                kind.to_uppercase(),
                h.name
            ),
            link: Some("/approvals".into()),
        }],
        app.now(),
    )
    .await?;
    audit_store::append(
        &mut tx,
        &[
            audit::event(app, actor, "acting.add", "acting_official", id)
                .in_unit(&h.unit_path)
                .after(&new),
        ],
    )
    .await?;
    commit(tx).await?;
    Ok(id)
}

/// Ends (removes) an assignment.
pub async fn remove(app: &App, actor: &Actor, id: i64) -> Result<()> {
    let agency = may_manage(actor)?;
    let mut tx = app.db.begin().await?;
    let row = store::get(&mut tx, agency.0, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if !actor
        .access
        .can_administer(agency, &OrgPath::from_trusted(row.holder_unit_path.clone()))
    {
        return Err(ServiceError::Forbidden);
    }
    if !store::delete(&mut tx, agency.0, id).await? {
        return Err(ServiceError::NotFound);
    }
    audit_store::append(
        &mut tx,
        &[
            audit::event(app, actor, "acting.remove", "acting_official", id)
                .in_unit(&row.holder_unit_path)
                .before(&row),
        ],
    )
    .await?;
    commit(tx).await?;
    Ok(())
}
