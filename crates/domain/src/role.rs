//! Roles and what each may see or change.
//!
//! Pegawai, atasan and ketua tim are *derived* (from the employee record, the supervisor
//! chain and team leads); the others are *granted* and stored, each scoped to an agency
//! and, for admin unit and auditor, optionally to one unit's subtree.

use crate::ids::{AgencyId, EmployeeId, UnitId};
use crate::message::Message;
use crate::org::OrgPath;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GrantedRole {
    /// The deployment's operator: agencies, admins of agencies, the national calendar.
    SystemAdmin,
    /// Personnel office (BKPSDM) of an agency: everything in the agency.
    AgencyAdmin,
    /// Personnel work for one unit's subtree.
    UnitAdmin,
    /// Reads everything in scope, changes nothing.
    Auditor,
    /// Technical-disruption tickets; reads the directory of the agency.
    Helpdesk,
}

impl GrantedRole {
    pub const ALL: [GrantedRole; 5] = [
        GrantedRole::SystemAdmin,
        GrantedRole::AgencyAdmin,
        GrantedRole::UnitAdmin,
        GrantedRole::Auditor,
        GrantedRole::Helpdesk,
    ];

    pub fn code(self) -> &'static str {
        match self {
            GrantedRole::SystemAdmin => "system_admin",
            GrantedRole::AgencyAdmin => "agency_admin",
            GrantedRole::UnitAdmin => "unit_admin",
            GrantedRole::Auditor => "auditor",
            GrantedRole::Helpdesk => "helpdesk",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Message> {
        GrantedRole::ALL
            .into_iter()
            .find(|r| r.code() == s.trim())
            .ok_or(Message::InvalidChoice {
                allowed: "system_admin, agency_admin, unit_admin, auditor, helpdesk".into(),
            })
    }

    pub fn is_admin(self) -> bool {
        matches!(
            self,
            GrantedRole::SystemAdmin | GrantedRole::AgencyAdmin | GrantedRole::UnitAdmin
        )
    }
}

/// A stored grant, with the unit path resolved so scope checks need no query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grant {
    pub role: GrantedRole,
    pub agency_id: Option<AgencyId>,
    pub unit_id: Option<UnitId>,
    pub unit_path: Option<OrgPath>,
}

/// Who is asking, with everything needed to decide without another query.
#[derive(Debug, Clone, Serialize)]
pub struct Access {
    pub agency_id: Option<AgencyId>,
    pub employee_id: Option<EmployeeId>,
    pub grants: Vec<Grant>,
    /// Derived: somebody reports to this employee.
    pub is_supervisor: bool,
    /// Derived: this employee leads a work team.
    pub is_team_lead: bool,
}

/// How much of the agency's people an actor may read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadScope {
    /// The whole agency.
    Agency,
    /// These subtrees, plus the actor's own chain of reports and teams.
    Units(Vec<OrgPath>),
    /// Only the actor, the people who report to them (directly or not), their
    /// supervisor, and the teams they belong to.
    Own,
}

impl Access {
    pub fn is_system_admin(&self) -> bool {
        self.grants
            .iter()
            .any(|g| g.role == GrantedRole::SystemAdmin)
    }

    fn in_agency(&self, agency: AgencyId) -> impl Iterator<Item = &Grant> {
        self.grants
            .iter()
            .filter(move |g| g.agency_id == Some(agency))
    }

    pub fn has_role(&self, role: GrantedRole) -> bool {
        self.grants.iter().any(|g| g.role == role)
    }

    /// Agency admin of this agency.
    pub fn is_agency_admin(&self, agency: AgencyId) -> bool {
        self.in_agency(agency)
            .any(|g| g.role == GrantedRole::AgencyAdmin)
    }

    /// May change personnel data of a unit at `path` in `agency`.
    pub fn can_administer(&self, agency: AgencyId, path: &OrgPath) -> bool {
        self.in_agency(agency).any(|g| match g.role {
            GrantedRole::AgencyAdmin => true,
            GrantedRole::UnitAdmin => g.unit_path.as_ref().is_some_and(|p| p.contains(path)),
            _ => false,
        })
    }

    /// May change personnel data somewhere in the agency (imports, teams).
    pub fn administers_any(&self, agency: AgencyId) -> bool {
        self.in_agency(agency)
            .any(|g| matches!(g.role, GrantedRole::AgencyAdmin | GrantedRole::UnitAdmin))
    }

    /// The subtrees whose personnel data this actor may change (`None` = whole agency).
    pub fn administered_paths(&self, agency: AgencyId) -> Option<Vec<OrgPath>> {
        if self.is_agency_admin(agency) {
            return None;
        }
        Some(
            self.in_agency(agency)
                .filter(|g| g.role == GrantedRole::UnitAdmin)
                .filter_map(|g| g.unit_path.clone())
                .collect(),
        )
    }

    /// How much of the agency this actor may read.
    pub fn read_scope(&self, agency: AgencyId) -> ReadScope {
        let agency_wide = self.in_agency(agency).any(|g| match g.role {
            GrantedRole::AgencyAdmin | GrantedRole::Helpdesk => true,
            GrantedRole::Auditor => g.unit_path.is_none(),
            _ => false,
        });
        if agency_wide {
            return ReadScope::Agency;
        }
        let paths: Vec<OrgPath> = self
            .in_agency(agency)
            .filter(|g| matches!(g.role, GrantedRole::UnitAdmin | GrantedRole::Auditor))
            .filter_map(|g| g.unit_path.clone())
            .collect();
        if paths.is_empty() {
            ReadScope::Own
        } else {
            ReadScope::Units(paths)
        }
    }

    /// May read the audit log of the agency (admins and auditors), limited to their scope.
    pub fn can_read_audit(&self, agency: AgencyId) -> bool {
        self.in_agency(agency).any(|g| {
            matches!(
                g.role,
                GrantedRole::AgencyAdmin | GrantedRole::UnitAdmin | GrantedRole::Auditor
            )
        })
    }

    /// Role names for the home page and `/me`, derived ones included.
    pub fn role_codes(&self) -> Vec<&'static str> {
        let mut roles = Vec::new();
        if self.employee_id.is_some() {
            roles.push("pegawai");
        }
        if self.is_supervisor {
            roles.push("atasan");
        }
        if self.is_team_lead {
            roles.push("ketua_tim");
        }
        for g in &self.grants {
            if !roles.contains(&g.role.code()) {
                roles.push(g.role.code());
            }
        }
        roles
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grant(role: GrantedRole, agency: i64, path: Option<OrgPath>) -> Grant {
        Grant {
            role,
            agency_id: Some(AgencyId(agency)),
            unit_id: None,
            unit_path: path,
        }
    }

    fn access(grants: Vec<Grant>) -> Access {
        Access {
            agency_id: Some(AgencyId(1)),
            employee_id: Some(EmployeeId(9)),
            grants,
            is_supervisor: false,
            is_team_lead: false,
        }
    }

    #[test]
    fn unit_admin_administers_only_the_subtree_in_its_agency() {
        let bidang = OrgPath::root(1).child(5);
        let a = access(vec![grant(GrantedRole::UnitAdmin, 1, Some(bidang.clone()))]);
        assert!(a.can_administer(AgencyId(1), &bidang.child(12)));
        assert!(!a.can_administer(AgencyId(1), &OrgPath::root(1).child(6)));
        assert!(!a.can_administer(AgencyId(2), &bidang));
        assert_eq!(a.read_scope(AgencyId(1)), ReadScope::Units(vec![bidang]));
        assert_eq!(a.read_scope(AgencyId(2)), ReadScope::Own);
    }

    #[test]
    fn auditor_reads_but_does_not_administer() {
        let a = access(vec![grant(GrantedRole::Auditor, 1, None)]);
        assert_eq!(a.read_scope(AgencyId(1)), ReadScope::Agency);
        assert!(!a.can_administer(AgencyId(1), &OrgPath::root(1)));
        assert!(a.can_read_audit(AgencyId(1)));
        assert!(!a.administers_any(AgencyId(1)));
    }

    #[test]
    fn a_plain_employee_reads_own_circle() {
        let a = access(vec![]);
        assert_eq!(a.read_scope(AgencyId(1)), ReadScope::Own);
        assert!(!a.can_read_audit(AgencyId(1)));
        assert_eq!(a.role_codes(), vec!["pegawai"]);
    }
}
