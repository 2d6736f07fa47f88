//! Who is asking: the signed-in user with everything permission checks need.

use crate::{App, Result, ServiceError};
use fleksi_domain::org::OrgPath;
use fleksi_domain::role::{Access, Grant, GrantedRole};
use fleksi_domain::{AgencyId, EmployeeId, Locale, UnitId, UserId};
use fleksi_store::user;

#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: UserId,
    pub username: String,
    pub display_name: String,
    pub locale: Locale,
    pub access: Access,
    /// The agency's policy requires a second factor that this admin has not set up yet:
    /// until they do, only the enrolment pages are open.
    pub must_enrol_totp: bool,
    pub totp_enabled: bool,
    /// Where the actor works, when they are an employee (read with the session).
    pub home: Option<Home>,
    /// Where the request came from and its id, for the audit log.
    pub address: Option<String>,
    pub request_id: Option<String>,
}

/// The employee an actor is, their unit and its time zone: what services acting on the
/// actor's own records (a check-in, a report) need first.
#[derive(Debug, Clone)]
pub struct Home {
    pub employee_id: EmployeeId,
    pub unit_id: UnitId,
    pub unit_path: OrgPath,
    pub time_zone: String,
}

impl Actor {
    /// Loads the actor for a user id (after a session or token was verified): one query.
    pub async fn load(app: &App, user_id: i64) -> Result<Actor> {
        let mut c = app.db.conn().await?;
        let found = user::actor(&mut c, user_id)
            .await?
            .ok_or(ServiceError::Unauthenticated)?;
        Actor::of_row(found)
    }

    /// The actor of a user read with its flags and grants (`user::actor`, or a session's).
    pub(crate) fn of_row(found: user::ActorWithGrants) -> Result<Actor> {
        let row = found.row;
        let u = row.user;
        if u.disabled != 0 {
            return Err(ServiceError::Unauthenticated);
        }
        let home = match (
            u.employee_id,
            row.home_unit_id,
            row.home_unit_path,
            row.home_time_zone,
        ) {
            (Some(employee), Some(unit), Some(path), Some(zone)) => Some(Home {
                employee_id: EmployeeId(employee),
                unit_id: UnitId(unit),
                unit_path: OrgPath::from_trusted(path),
                time_zone: zone,
            }),
            _ => None,
        };
        let grants = found
            .grants
            .into_iter()
            .filter_map(|g| {
                Some(Grant {
                    role: GrantedRole::parse(&g.role).ok()?,
                    agency_id: g.agency_id.map(AgencyId),
                    unit_id: g.unit_id.map(UnitId),
                    unit_path: g.unit_path.map(fleksi_domain::org::OrgPath::from_trusted),
                })
            })
            .collect::<Vec<_>>();
        let is_admin = grants.iter().any(|g| g.role.is_admin());
        Ok(Actor {
            user_id: UserId(u.id),
            username: u.username,
            display_name: u.display_name,
            locale: Locale::from_code(&u.locale),
            must_enrol_totp: is_admin && row.agency_requires_totp != 0 && u.totp_enabled == 0,
            totp_enabled: u.totp_enabled != 0,
            home,
            access: Access {
                agency_id: u.agency_id.map(AgencyId),
                employee_id: u.employee_id.map(EmployeeId),
                grants,
                is_supervisor: row.is_supervisor != 0,
                is_team_lead: row.is_team_lead != 0,
            },
            address: None,
            request_id: None,
        })
    }

    /// The operator at the command line, acting as an agency admin of `agency`.
    pub fn cli(agency: Option<AgencyId>) -> Actor {
        let grants = match agency {
            Some(a) => vec![Grant {
                role: GrantedRole::AgencyAdmin,
                agency_id: Some(a),
                unit_id: None,
                unit_path: None,
            }],
            None => vec![Grant {
                role: GrantedRole::SystemAdmin,
                agency_id: None,
                unit_id: None,
                unit_path: None,
            }],
        };
        Actor {
            user_id: UserId(0),
            username: "cli".into(),
            display_name: "Command line".into(),
            locale: Locale::Id,
            access: Access {
                agency_id: agency,
                employee_id: None,
                grants,
                is_supervisor: false,
                is_team_lead: false,
            },
            must_enrol_totp: false,
            totp_enabled: false,
            home: None,
            address: None,
            request_id: None,
        }
    }

    pub fn with_request(mut self, address: Option<String>, request_id: Option<String>) -> Actor {
        self.address = address;
        self.request_id = request_id;
        self
    }

    /// The actor's agency, or Forbidden for accounts without one (a system admin
    /// reading agency data).
    pub fn agency(&self) -> Result<AgencyId> {
        self.ensure_active()?;
        self.access.agency_id.ok_or(ServiceError::Forbidden)
    }

    /// Refuses everything but second-factor enrolment while it is pending.
    pub fn ensure_active(&self) -> Result<()> {
        if self.must_enrol_totp {
            Err(ServiceError::Forbidden)
        } else {
            Ok(())
        }
    }

    /// The user id as stored in audit entries (`None` for the command line).
    pub fn audit_user(&self) -> Option<i64> {
        (self.user_id.0 != 0).then_some(self.user_id.0)
    }
}
