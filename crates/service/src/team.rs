//! Work teams (tim kerja, Permen PANRB 7/2022): a lead, members from any unit, and an
//! assignment letter (surat tugas) for members from other units.

use crate::{audit, Actor, App, Result, ServiceError};
use fleksi_domain::org::bounded_text;
use fleksi_domain::role::ReadScope;
use fleksi_domain::{FieldError, Message};
use fleksi_store::team::{self, MemberRow, TeamRow};
use fleksi_store::{audit as audit_store, commit, employee, org};

/// Teams the actor may see: all of the agency for agency-wide readers, otherwise the
/// teams they lead or belong to and the teams based in their administered subtrees.
pub async fn list(app: &App, actor: &Actor) -> Result<Vec<TeamRow>> {
    let agency = actor.agency()?;
    let mut c = app.db.conn().await?;
    let all = team::list(&mut c, agency.0, None).await?;
    Ok(match actor.access.read_scope(agency) {
        ReadScope::Agency => all,
        scope => {
            let mine: Vec<i64> = match actor.access.employee_id {
                Some(e) => team::list(&mut c, agency.0, Some(e.0))
                    .await?
                    .into_iter()
                    .map(|t| t.id)
                    .collect(),
                None => vec![],
            };
            let paths = match scope {
                ReadScope::Units(p) => p,
                _ => vec![],
            };
            all.into_iter()
                .filter(|t| {
                    mine.contains(&t.id)
                        || paths.iter().any(|p| t.unit_path.starts_with(p.as_str()))
                })
                .collect()
        }
    })
}

pub async fn get(app: &App, actor: &Actor, id: i64) -> Result<(TeamRow, Vec<MemberRow>)> {
    let agency = actor.agency()?;
    let team = list(app, actor)
        .await?
        .into_iter()
        .find(|t| t.id == id)
        .ok_or(ServiceError::NotFound)?;
    let mut c = app.db.conn().await?;
    let members = team::members(&mut c, agency.0, id).await?;
    Ok((team, members))
}

pub struct NewTeam {
    pub name: String,
    pub unit_id: i64,
    pub lead_id: i64,
    /// (employee id, assignment letter number)
    pub members: Vec<(i64, Option<String>)>,
}

/// Creates a team in a unit the actor administers.
pub async fn create(app: &App, actor: &Actor, new: NewTeam) -> Result<i64> {
    let agency = actor.agency()?;
    if !actor.access.administers_any(agency) {
        return Err(ServiceError::Forbidden);
    }
    let name = bounded_text(&new.name, 150, true)
        .map_err(|m| ServiceError::field("name", m))?
        .unwrap_or_default();
    let mut tx = app.db.begin().await?;
    let unit = org::get_unit(&mut tx, agency.0, new.unit_id)
        .await?
        .ok_or_else(|| ServiceError::field("unit_id", Message::NotFound))?;
    if !actor.access.can_administer(
        agency,
        &fleksi_domain::org::OrgPath::from_trusted(unit.path.clone()),
    ) {
        return Err(ServiceError::Forbidden);
    }
    let mut errors = Vec::new();
    if employee::get(&mut tx, agency.0, new.lead_id)
        .await?
        .is_none()
    {
        errors.push(FieldError::new("lead_id", Message::NotFound));
    }
    for (i, (m, letter)) in new.members.iter().enumerate() {
        if employee::get(&mut tx, agency.0, *m).await?.is_none() {
            errors.push(FieldError::new(format!("members[{i}]"), Message::NotFound));
        }
        if letter.as_ref().is_some_and(|l| l.chars().count() > 100) {
            errors.push(FieldError::new(
                format!("members[{i}].assignment_letter"),
                Message::TooLong { max: 100 },
            ));
        }
    }
    if team::by_name(&mut tx, agency.0, &name).await?.is_some() {
        errors.push(FieldError::new("name", Message::AlreadyExists));
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let id = team::insert(&mut tx, agency.0, &name, unit.id, new.lead_id, app.now()).await?;
    for (m, letter) in &new.members {
        team::add_member(&mut tx, agency.0, id, *m, letter.as_deref()).await?;
    }
    let after = serde_json::json!({"name": name, "unit_id": unit.id, "lead_id": new.lead_id, "members": new.members});
    audit_store::append(
        &mut tx,
        &[audit::event(app, actor, "team.create", "team", id)
            .in_unit(&unit.path)
            .after(&after)],
    )
    .await?;
    commit(tx).await?;
    Ok(id)
}

/// The teams the actor leads or belongs to.
pub async fn mine(app: &App, actor: &Actor) -> Result<Vec<TeamRow>> {
    let agency = actor.agency()?;
    let Some(me) = actor.access.employee_id else {
        return Ok(vec![]);
    };
    let mut c = app.db.conn().await?;
    Ok(team::list(&mut c, agency.0, Some(me.0)).await?)
}

/// A team as an admin types it: the home unit by code, people by NIP, one member per
/// line as `NIP` or `NIP; nomor surat tugas`.
pub struct TeamForm {
    pub name: String,
    pub unit_code: String,
    pub lead_nip: String,
    pub members: String,
}

/// Resolves the codes and NIPs of a form (naming every one not found), then creates.
pub async fn create_from_form(app: &App, actor: &Actor, form: TeamForm) -> Result<i64> {
    let agency = actor.agency()?;
    if !actor.access.administers_any(agency) {
        return Err(ServiceError::Forbidden);
    }
    let mut c = app.db.conn().await?;
    let mut errors = Vec::new();
    let code = form.unit_code.trim();
    let unit = org::by_code(&mut c, agency.0, code).await?;
    if unit.is_none() {
        errors.push(FieldError::new(
            "unit_code",
            Message::UnknownUnit { code: code.into() },
        ));
    }
    let mut person =
        async |field: String, nip: &str, errors: &mut Vec<FieldError>| -> Result<Option<i64>> {
            let nip: String = nip.chars().filter(|c| !c.is_whitespace()).collect();
            let found = employee::by_nip(&mut c, agency.0, &nip).await?;
            if found.is_none() {
                errors.push(FieldError::new(field, Message::UnknownEmployee { nip }));
            }
            Ok(found.map(|e| e.id))
        };
    let lead = person("lead_nip".into(), &form.lead_nip, &mut errors).await?;
    let mut members = Vec::new();
    for (i, line) in form
        .members
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let (nip, letter) = match line.split_once(';') {
            Some((n, l)) => (n, Some(l.trim().to_string()).filter(|l| !l.is_empty())),
            None => (line, None),
        };
        if let Some(id) = person(format!("members ({})", i + 1), nip, &mut errors).await? {
            members.push((id, letter));
        }
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    drop(c);
    let (Some(unit), Some(lead_id)) = (unit, lead) else {
        return Err(ServiceError::Invalid(errors));
    };
    create(
        app,
        actor,
        NewTeam {
            name: form.name,
            unit_id: unit.id,
            lead_id,
            members,
        },
    )
    .await
}
