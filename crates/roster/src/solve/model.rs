//! The indexed model of one unit: its people × dates as flat arrays of small integers, the
//! per-date limits, the coverage needs per skill and the anchored teams. Built once per unit;
//! the search reads it and never touches the instance again.

use std::collections::HashMap;

use crate::instance::{Fixed, Instance};

use super::calendar::Calendar;

pub(crate) const OFFICE: u8 = 0;
pub(crate) const REMOTE: u8 = 1;
pub(crate) const ABSENT: u8 = 2;
/// `team_of` for people in no anchored team.
pub(crate) const NO_TEAM: u32 = u32::MAX;

/// A team with an anchor, in unit-local terms.
#[derive(Debug, Clone)]
pub(crate) struct TeamModel {
    /// Index in `instance.teams`.
    pub index: usize,
    /// Unit-local employee indices.
    pub members: Vec<u32>,
    /// Per week: the dates on which the anchor may fall and at least one member is present.
    /// Empty for a week that needs an anchor but cannot have one.
    pub candidates: Vec<Vec<usize>>,
    /// Per week: whether some member is present on some date (else the week needs no anchor).
    pub active: Vec<bool>,
}

/// One unit, indexed. Cells are `e * days + d` for unit-local employee `e` and date `d`.
#[derive(Debug, Clone)]
pub(crate) struct UnitModel {
    pub index: usize,
    /// `instance.employees` indices of the members, in instance order.
    pub members: Vec<usize>,
    pub days: usize,
    pub weeks: usize,
    pub months: usize,
    pub week_of: Vec<usize>,
    pub week_days: Vec<std::ops::Range<usize>>,
    pub month_of: Vec<usize>,
    pub month_days: Vec<std::ops::Range<usize>>,
    /// The cell before any choice: absent and fixed cells as given, free cells office.
    pub init: Vec<u8>,
    pub free: Vec<bool>,
    /// Wish weight per cell; 0 where there is none or the person is absent (moot).
    pub wish: Vec<i64>,
    /// Per date: at most `seats` and at least `office_min` people in the office (the away
    /// share limit, restated as a lower bound on the office count).
    pub seats: Vec<i32>,
    pub office_min: Vec<i32>,
    /// Coverage needs `[k * days + d]` for the unit's coverage skills `k`.
    pub skill_count: usize,
    pub need: Vec<i32>,
    /// The coverage skills of each employee: `skill_list[skill_start[e]..skill_start[e + 1]]`.
    pub skill_start: Vec<u32>,
    pub skill_list: Vec<u16>,
    pub max_remote: Vec<i32>,
    /// Office days required `[e * months + m]`, already capped by the days present.
    pub month_req: Vec<i32>,
    pub team_of: Vec<u32>,
    pub teams: Vec<TeamModel>,
    /// (team, week) pairs whose anchor day the search may move.
    pub anchor_slots: Vec<(u32, u32)>,
    pub free_cells: Vec<u32>,
    /// Free cells with a wish: where the objective is decided.
    pub wish_cells: Vec<u32>,
    pub fairness: i128,
    /// Weight of one unit of hard violation: more than any single flip can gain.
    pub viol_weight: i128,
    /// Mean absolute wish weight on free cells: the temperature scale of the search.
    pub wish_scale: f64,
}

/// Clamps an input count into the search's integer type: more than `limit` behaves like
/// `limit` for every comparison the search makes with counts of at most `limit - 1` people.
fn clamp(v: i64, limit: usize) -> i32 {
    v.clamp(0, limit.min(i32::MAX as usize - 1) as i64) as i32
}

impl UnitModel {
    pub fn new(inst: &Instance, cal: &Calendar, index: usize, members: Vec<usize>) -> UnitModel {
        let unit = &inst.units[index];
        let (n, days) = (members.len(), cal.days);
        let date_index: HashMap<_, _> = inst
            .dates
            .iter()
            .enumerate()
            .map(|(i, d)| (*d, i))
            .collect();
        let mut init = vec![OFFICE; n * days];
        let mut free = vec![true; n * days];
        let mut wish = vec![0i64; n * days];
        for (e, &p) in members.iter().enumerate() {
            let person = &inst.employees[p];
            for (date, f) in &person.fixed {
                let Some(&d) = date_index.get(date) else {
                    continue;
                };
                free[e * days + d] = false;
                init[e * days + d] = match f {
                    Fixed::Office => OFFICE,
                    Fixed::Remote => REMOTE,
                    Fixed::Absent => ABSENT,
                };
            }
            for (date, &w) in &person.wishes {
                let Some(&d) = date_index.get(date) else {
                    continue;
                };
                if init[e * days + d] != ABSENT {
                    wish[e * days + d] = w;
                }
            }
        }
        let present = |e: usize, d: usize| init[e * days + d] != ABSENT;
        let mut seats = Vec::with_capacity(days);
        let mut office_min = Vec::with_capacity(days);
        for d in 0..days {
            let nonabsent = (0..n).filter(|&e| present(e, d)).count();
            let limit = (unit.max_away_share.on(d) * nonabsent as f64 + 1e-9).floor();
            let limit = (limit.max(0.0) as usize).min(nonabsent);
            seats.push(clamp(unit.seats.on(d), n + 1));
            office_min.push((nonabsent - limit) as i32);
        }

        // Coverage skills in the unit's order; skills never needed are left out.
        let needed: Vec<(&String, Vec<i32>)> = unit
            .coverage
            .iter()
            .map(|(s, need)| {
                (
                    s,
                    (0..days)
                        .map(|d| clamp(need.on(d), n + 1))
                        .collect::<Vec<_>>(),
                )
            })
            .filter(|(_, need)| need.iter().any(|&v| v > 0))
            .collect();
        let skill_pos: HashMap<&str, u16> = needed
            .iter()
            .enumerate()
            .map(|(k, (s, _))| (s.as_str(), k as u16))
            .collect();
        let need = needed.iter().flat_map(|(_, v)| v.iter().copied()).collect();
        let mut skill_start = vec![0u32];
        let mut skill_list = Vec::new();
        for &p in &members {
            let mut own: Vec<u16> = inst.employees[p]
                .skills
                .iter()
                .filter_map(|s| skill_pos.get(s.as_str()).copied())
                .collect();
            own.sort_unstable();
            own.dedup();
            skill_list.extend(own);
            skill_start.push(skill_list.len() as u32);
        }

        let months = cal.months.len();
        let mut month_req = vec![0i32; n * months];
        for (e, &p) in members.iter().enumerate() {
            let min = inst.employees[p].min_office_per_month;
            for (m, range) in cal.months.iter().enumerate() {
                let present_days = range.clone().filter(|&d| present(e, d)).count();
                month_req[e * months + m] = clamp(min, present_days);
            }
        }
        let max_remote = members
            .iter()
            .map(|&p| clamp(inst.employees[p].max_remote_per_week, days + 1))
            .collect();

        let (team_of, teams) = anchored_teams(inst, cal, index, &members, &init);
        let mut anchor_slots = Vec::new();
        for (t, team) in teams.iter().enumerate() {
            for (w, c) in team.candidates.iter().enumerate() {
                let movable = c
                    .iter()
                    .any(|&d| team.members.iter().any(|&e| free[e as usize * days + d]));
                if team.active[w] && movable {
                    anchor_slots.push((t as u32, w as u32));
                }
            }
        }

        let free_cells: Vec<u32> = (0..n * days)
            .filter(|&c| free[c])
            .map(|c| c as u32)
            .collect();
        let wish_cells: Vec<u32> = free_cells
            .iter()
            .copied()
            .filter(|&c| wish[c as usize] != 0)
            .collect();
        let abs_sum: f64 = wish_cells
            .iter()
            .map(|&c| (wish[c as usize] as f64).abs())
            .sum();
        let wish_scale = if wish_cells.is_empty() {
            1.0
        } else {
            abs_sum / wish_cells.len() as f64
        };
        let max_wish = wish
            .iter()
            .map(|w| i128::from(*w).abs())
            .max()
            .unwrap_or(0)
            .max(1);
        let fairness = i128::from(inst.fairness_weight);

        UnitModel {
            index,
            members,
            days,
            weeks: cal.weeks.len(),
            months,
            week_of: cal.week_of.clone(),
            week_days: cal.weeks.clone(),
            month_of: cal.month_of.clone(),
            month_days: cal.months.clone(),
            init,
            free,
            wish,
            seats,
            office_min,
            skill_count: needed.len(),
            need,
            skill_start,
            skill_list,
            max_remote,
            month_req,
            team_of,
            teams,
            anchor_slots,
            free_cells,
            wish_cells,
            fairness,
            viol_weight: (1 + fairness)
                .saturating_mul(max_wish)
                .saturating_mul(2)
                .saturating_add(1),
            wish_scale,
        }
    }

    pub fn n(&self) -> usize {
        self.members.len()
    }

    pub fn skills_of(&self, e: usize) -> &[u16] {
        &self.skill_list[self.skill_start[e] as usize..self.skill_start[e + 1] as usize]
    }
}

/// The unit's teams that have an anchor, with their candidate dates per week.
fn anchored_teams(
    inst: &Instance,
    cal: &Calendar,
    unit: usize,
    members: &[usize],
    init: &[u8],
) -> (Vec<u32>, Vec<TeamModel>) {
    let days = cal.days;
    let unit_id = inst.units[unit].id.as_str();
    let mut team_of = vec![super::model::NO_TEAM; members.len()];
    let mut teams = Vec::new();
    let mut local: HashMap<&str, u32> = HashMap::new();
    for (i, team) in inst.teams.iter().enumerate() {
        if team.unit == unit_id && team.anchor.is_some() {
            local.insert(team.id.as_str(), teams.len() as u32);
            teams.push(TeamModel {
                index: i,
                members: Vec::new(),
                candidates: Vec::new(),
                active: Vec::new(),
            });
        }
    }
    for (e, &p) in members.iter().enumerate() {
        if let Some(&t) = inst.employees[p]
            .team
            .as_deref()
            .and_then(|id| local.get(id))
        {
            team_of[e] = t;
            teams[t as usize].members.push(e as u32);
        }
    }
    for team in &mut teams {
        let anchor = inst.teams[team.index].anchor.and_then(|a| a.weekday());
        let present = |d: usize| {
            team.members
                .iter()
                .any(|&e| init[e as usize * days + d] != ABSENT)
        };
        for range in &cal.weeks {
            let fixed_day = anchor.and_then(|wd| range.clone().find(|&d| cal.weekday[d] == wd));
            let allowed: Vec<usize> = match fixed_day {
                Some(d) => vec![d],
                None => range.clone().collect(),
            };
            team.active.push(range.clone().any(present));
            team.candidates
                .push(allowed.into_iter().filter(|&d| present(d)).collect());
        }
    }
    (team_of, teams)
}
