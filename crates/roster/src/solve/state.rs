//! The search state of one unit: the cells and every count the hard constraints and the
//! objective depend on, kept up to date by `flip` in O(skills + log n), so that a move is
//! judged without recomputing anything.

use super::maxtree::MaxTree;
use super::model::{UnitModel, NO_TEAM, OFFICE, REMOTE};

#[derive(Debug, Clone)]
pub(crate) struct State {
    pub cell: Vec<u8>,
    /// Office count per date.
    pub office: Vec<i32>,
    /// Office count per coverage skill and date, `[k * days + d]`.
    pub cover: Vec<i32>,
    /// Remote count per employee and week, `[e * weeks + w]`.
    pub week_remote: Vec<i32>,
    /// Office count per employee and month, `[e * months + m]`.
    pub month_office: Vec<i32>,
    /// Remote members per anchored team and date, `[t * days + d]`.
    pub team_remote: Vec<i32>,
    /// Violation of each team-week's anchor, `[t * weeks + w]`.
    pub team_viol: Vec<i32>,
    pub unmet: Vec<i128>,
    pub sum: i128,
    /// Total amount of hard violation (0 = feasible).
    pub viol: i64,
    /// The unmet level up to which the fairness term charges nothing.
    pub cap: i128,
    /// Each person's unmet total, but never below `cap`: most people are below it most of
    /// the time, and then a flip of their cells need not touch the tree at all.
    pub tree: MaxTree,
}

impl State {
    /// The state of the given cells (absent and fixed cells must be as in `m.init`), with
    /// the fairness term charging unmet totals above `cap`.
    pub fn new(m: &UnitModel, cells: &[u8], cap: i128) -> State {
        let (n, days) = (m.n(), m.days);
        let mut st = State {
            cell: cells.to_vec(),
            office: vec![0; days],
            cover: vec![0; m.skill_count * days],
            week_remote: vec![0; n * m.weeks],
            month_office: vec![0; n * m.months],
            team_remote: vec![0; m.teams.len() * days],
            team_viol: vec![0; m.teams.len() * m.weeks],
            unmet: vec![0; n],
            sum: 0,
            viol: 0,
            cap,
            tree: MaxTree::new(&[]),
        };
        for e in 0..n {
            for d in 0..days {
                let c = e * days + d;
                let w = i128::from(m.wish[c]);
                match cells[c] {
                    OFFICE => {
                        st.office[d] += 1;
                        for &k in m.skills_of(e) {
                            st.cover[k as usize * days + d] += 1;
                        }
                        st.month_office[e * m.months + m.month_of[d]] += 1;
                        st.unmet[e] += w.max(0);
                    }
                    REMOTE => {
                        st.week_remote[e * m.weeks + m.week_of[d]] += 1;
                        if m.team_of[e] != NO_TEAM {
                            st.team_remote[m.team_of[e] as usize * days + d] += 1;
                        }
                        st.unmet[e] += (-w).max(0);
                    }
                    _ => {}
                }
            }
        }
        st.sum = st.unmet.iter().sum();
        let clamped: Vec<i128> = st.unmet.iter().map(|&u| u.max(cap)).collect();
        st.tree = MaxTree::new(&clamped);
        for t in 0..m.teams.len() {
            for w in 0..m.weeks {
                st.team_viol[t * m.weeks + w] = st.team_week_viol(m, t, w);
            }
        }
        st.viol = st.recount_viol(m);
        st
    }

    /// Total violation counted from scratch (used at creation and by tests).
    pub fn recount_viol(&self, m: &UnitModel) -> i64 {
        let days = m.days;
        let mut v: i64 = (0..days)
            .map(|d| i64::from(day_viol(m, d, self.office[d])))
            .sum();
        v += (0..m.skill_count * days)
            .map(|i| i64::from((m.need[i] - self.cover[i]).max(0)))
            .sum::<i64>();
        for e in 0..m.n() {
            for w in 0..m.weeks {
                v += i64::from((self.week_remote[e * m.weeks + w] - m.max_remote[e]).max(0));
            }
            for mo in 0..m.months {
                let i = e * m.months + mo;
                v += i64::from((m.month_req[i] - self.month_office[i]).max(0));
            }
        }
        v + self.team_viol.iter().map(|&x| i64::from(x)).sum::<i64>()
    }

    /// How far a team-week is from having its anchor: the fewest remote members on any
    /// candidate date (1 when no date can serve, a violation no move changes).
    fn team_week_viol(&self, m: &UnitModel, t: usize, w: usize) -> i32 {
        let team = &m.teams[t];
        if !team.active[w] {
            return 0;
        }
        let row = &self.team_remote[t * m.days..(t + 1) * m.days];
        team.candidates[w]
            .iter()
            .map(|&d| row[d])
            .min()
            .unwrap_or(1)
    }

    /// Whether team `t` meets on date `d` (no member remote there).
    pub fn team_meets(&self, m: &UnitModel, t: usize, d: usize) -> bool {
        self.team_remote[t * m.days + d] == 0
    }

    pub fn office(&self, d: usize) -> i32 {
        self.office[d]
    }

    /// Switches a free cell between office and remote and updates every count.
    pub fn flip(&mut self, m: &UnitModel, e: usize, d: usize) {
        let days = m.days;
        let c = e * days + d;
        let to_remote = self.cell[c] == OFFICE;
        // The change of every office count; remote counts change the other way.
        let step: i32 = if to_remote { -1 } else { 1 };
        self.cell[c] = if to_remote { REMOTE } else { OFFICE };
        let mut dv: i32 = 0;

        let o = self.office[d];
        dv += day_viol(m, d, o + step) - day_viol(m, d, o);
        self.office[d] = o + step;

        for &k in m.skills_of(e) {
            let i = k as usize * days + d;
            let (need, had) = (m.need[i], self.cover[i]);
            dv += (need - had - step).max(0) - (need - had).max(0);
            self.cover[i] = had + step;
        }

        let w = m.week_of[d];
        let i = e * m.weeks + w;
        let (r, max) = (self.week_remote[i], m.max_remote[e]);
        dv += (r - step - max).max(0) - (r - max).max(0);
        self.week_remote[i] = r - step;

        let i = e * m.months + m.month_of[d];
        let (o, req) = (self.month_office[i], m.month_req[i]);
        dv += (req - o - step).max(0) - (req - o).max(0);
        self.month_office[i] = o + step;

        let t = m.team_of[e];
        if t != NO_TEAM {
            let t = t as usize;
            self.team_remote[t * days + d] -= step;
            let j = t * m.weeks + w;
            let v = self.team_week_viol(m, t, w);
            dv += v - self.team_viol[j];
            self.team_viol[j] = v;
        }
        self.viol += i64::from(dv);

        let wish = m.wish[c];
        if wish != 0 {
            // Into the office: a remote wish becomes unmet (+w), an office wish met (w < 0).
            let du = i128::from(step) * i128::from(wish);
            let old = self.unmet[e];
            self.unmet[e] = old + du;
            self.sum += du;
            if old > self.cap || old + du > self.cap {
                self.tree.set(e, (old + du).max(self.cap));
            }
        }
    }

    /// How far the unit's largest unmet total is above `cap` (the part the fairness term
    /// charges), and how many people are at that largest total.
    pub fn excess(&self) -> (i128, u32) {
        let max = self.tree.max();
        if max > self.cap {
            (max - self.cap, self.tree.count())
        } else {
            (0, 0)
        }
    }

    /// The largest unmet total in the unit (0 without people).
    pub fn max_unmet(&self) -> i128 {
        self.unmet.iter().copied().max().unwrap_or(0)
    }

    /// The unit's score to minimise, lexicographic: (violation, sum + fairness × excess).
    pub fn key(&self, m: &UnitModel) -> (i64, i128) {
        (
            self.viol,
            self.sum
                .saturating_add(m.fairness.saturating_mul(self.excess().0)),
        )
    }

    /// The score the annealing walks on: the violation weighted in, and the fairness term
    /// `fairness × excess` made `fairness × (excess + count / (n + 1))` (everything scaled by
    /// `n + 1` to stay in integers), so that fewer people at the top counts as progress
    /// towards a lower maximum. Saturating: absurd weights must not overflow.
    pub fn energy(&self, m: &UnitModel, viol_weight: i128) -> i128 {
        let (excess, count) = self.excess();
        let base = i128::from(self.viol)
            .saturating_mul(viol_weight)
            .saturating_add(self.sum)
            .saturating_add(m.fairness.saturating_mul(excess));
        let tie = if excess > 0 {
            m.fairness.saturating_mul(i128::from(count))
        } else {
            0
        };
        base.saturating_mul(m.n() as i128 + 1).saturating_add(tie)
    }
}

/// Seats overflow plus away-share overflow on date `d` with `office` people in the office.
fn day_viol(m: &UnitModel, d: usize, office: i32) -> i32 {
    (office - m.seats[d]).max(0) + (m.office_min[d] - office).max(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::calendar::Calendar;
    use crate::solve::rng::Rng;

    #[test]
    fn incremental_counts_match_a_recount() {
        let inst = crate::solve::tests_explain::medium(1);
        let cal = Calendar::new(&inst.dates);
        let m = UnitModel::new(&inst, &cal, 0, (0..inst.employees.len()).collect());
        let mut rng = Rng::new(5, 5);
        for cap in [0, 12] {
            let mut st = State::new(&m, &m.init, cap);
            for _ in 0..5000 {
                let c = m.free_cells[rng.below(m.free_cells.len())] as usize;
                st.flip(&m, c / m.days, c % m.days);
            }
            let fresh = State::new(&m, &st.cell, cap);
            assert_eq!(
                (st.viol, st.sum, st.unmet.clone()),
                (fresh.viol, fresh.sum, fresh.unmet.clone())
            );
            assert_eq!(st.viol, st.recount_viol(&m));
            assert_eq!(
                (st.excess(), st.max_unmet()),
                (fresh.excess(), fresh.max_unmet())
            );
            assert_eq!(st.energy(&m, 7), fresh.energy(&m, 7));
        }
    }
}
