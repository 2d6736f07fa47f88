//! Simulated annealing over one unit's roster. A move is a few cell flips applied to the
//! state (which updates every count), judged by the change of energy, then kept or undone.
//! The best roster is never copied: the cells that differ from it are tracked instead, so a
//! move costs the same in a unit of 20 people and in one of 20,000.

use std::time::Instant;

use super::model::{UnitModel, OFFICE, REMOTE};
use super::repair::ChainScratch;
use super::rng::Rng;
use super::state::State;

const NOT_IN_DIFF: u32 = u32::MAX;

pub(crate) struct Search<'m> {
    pub m: &'m UnitModel,
    pub st: State,
    pub rng: Rng,
    /// Flips of the move being tried, to undo it.
    pub log: Vec<(u32, u32)>,
    /// Buffers of the chain search (see `repair`).
    pub chains: ChainScratch,
    /// Flips of a simple move not yet applied: most moves can be rejected on their wish
    /// weights alone, without touching the state.
    staged: Vec<(u32, u32)>,
    /// Cells that differ from the best roster, and each cell's place in that list.
    diff: Vec<u32>,
    diff_pos: Vec<u32>,
    /// The best key seen (see `State::key`).
    pub best: (i64, i128),
    pub iterations: u64,
}

impl<'m> Search<'m> {
    /// A search from `st`, which becomes the best roster so far.
    pub fn new(m: &'m UnitModel, st: State, rng: Rng) -> Search<'m> {
        let best = st.key(m);
        let longest_team = m.teams.iter().map(|t| t.members.len()).max().unwrap_or(0);
        Search {
            m,
            st,
            rng,
            log: Vec::with_capacity(2 * longest_team + 4),
            staged: Vec::with_capacity(4),
            chains: ChainScratch::default(),
            diff: Vec::with_capacity(64),
            diff_pos: vec![NOT_IN_DIFF; m.init.len()],
            best,
            iterations: 0,
        }
    }

    pub fn apply(&mut self, e: usize, d: usize) {
        self.st.flip(self.m, e, d);
        self.log.push((e as u32, d as u32));
    }

    pub fn undo(&mut self) {
        while let Some((e, d)) = self.log.pop() {
            self.st.flip(self.m, e as usize, d as usize);
        }
    }

    /// Keeps the move: its cells now differ from the best roster, or again agree with it.
    pub fn commit(&mut self) {
        for &(e, d) in &self.log {
            let c = e as usize * self.m.days + d as usize;
            let pos = self.diff_pos[c];
            if pos == NOT_IN_DIFF {
                self.diff_pos[c] = self.diff.len() as u32;
                self.diff.push(c as u32);
            } else {
                let last = self.diff.pop().unwrap_or(c as u32);
                if last as usize != c {
                    self.diff[pos as usize] = last;
                    self.diff_pos[last as usize] = pos;
                }
                self.diff_pos[c] = NOT_IN_DIFF;
            }
        }
        self.log.clear();
    }

    /// The current roster is the new best.
    pub fn mark_best(&mut self) {
        for &c in &self.diff {
            self.diff_pos[c as usize] = NOT_IN_DIFF;
        }
        self.diff.clear();
    }

    /// Returns to the best roster found.
    pub fn restore_best(&mut self) {
        while let Some(c) = self.diff.pop() {
            self.diff_pos[c as usize] = NOT_IN_DIFF;
            self.st
                .flip(self.m, c as usize / self.m.days, c as usize % self.m.days);
        }
    }

    /// Anneals for `moves` moves, cooling geometrically from `hot` to `cold` (in objective
    /// units). The weight of a unit of violation grows from `soft` to its full value: early
    /// on the walk may cross infeasible rosters to reach better feasible ones. Returns
    /// whether the best roster improved.
    pub fn anneal(
        &mut self,
        moves: u64,
        hot: f64,
        cold: f64,
        soft: f64,
        deadline: Instant,
    ) -> bool {
        if self.m.free_cells.is_empty() || moves == 0 {
            return false;
        }
        let scale = (self.m.n() + 1) as f64;
        let fall = (cold / hot).ln();
        let full = self.m.viol_weight as f64;
        let soft = soft.clamp(1.0, full);
        let rise = (full / soft).ln();
        let mut temp = hot * scale;
        let mut weight = self.m.viol_weight;
        let mut current = self.st.energy(self.m, weight);
        let mut improved = false;
        for i in 0..moves {
            if i % 1024 == 0 {
                if Instant::now() >= deadline {
                    break;
                }
                let progress = i as f64 / moves as f64;
                temp = hot * (fall * progress).exp() * scale;
                // Full weight for the last fifth, so the walk ends among feasible rosters.
                weight = (soft * (rise * (progress / 0.8).min(1.0)).exp()).round() as i128;
                current = self.st.energy(self.m, weight);
            }
            self.iterations += 1;
            self.staged.clear();
            if !self.propose() {
                continue;
            }
            // The acceptance threshold, drawn once and only when needed: accepting when
            // delta <= -T ln(u) is accepting with probability exp(-delta / T).
            let mut threshold: Option<f64> = None;
            if !self.staged.is_empty() {
                // From a feasible roster with nobody above the fairness level, no move lowers
                // the violation or the fairness term: the change of the wish total alone is a
                // lower bound of the change of energy.
                if self.st.viol == 0 && self.st.excess().0 == 0 {
                    let least = self.staged_wish_change() * (self.m.n() as i128 + 1);
                    if least > 0 {
                        let t = -temp * self.rng.unit().ln();
                        threshold = Some(t);
                        if least as f64 > t {
                            continue;
                        }
                    }
                }
                for i in 0..self.staged.len() {
                    let (e, d) = self.staged[i];
                    self.apply(e as usize, d as usize);
                }
            }
            let energy = self.st.energy(self.m, weight);
            let delta = energy - current;
            let accept = delta <= 0 || {
                let t = *threshold.get_or_insert_with(|| -temp * self.rng.unit().ln());
                delta as f64 <= t
            };
            if accept {
                current = energy;
                self.commit();
                let key = self.st.key(self.m);
                if key < self.best {
                    self.best = key;
                    self.mark_best();
                    improved = true;
                }
            } else {
                self.undo();
            }
        }
        improved
    }

    /// The change of the unit's wish total if the staged flips were applied.
    fn staged_wish_change(&self) -> i128 {
        let m = self.m;
        self.staged
            .iter()
            .map(|&(e, d)| {
                let c = e as usize * m.days + d as usize;
                let w = i128::from(m.wish[c]);
                if self.st.cell[c] == OFFICE {
                    -w
                } else {
                    w
                }
            })
            .sum()
    }

    fn stage(&mut self, e: usize, d: usize) {
        self.staged.push((e as u32, d as u32));
    }

    /// Chooses one random move: simple ones are staged, compound ones (which must look at
    /// the state between their steps) applied. False when the move had nothing to do.
    fn propose(&mut self) -> bool {
        let roll = self.rng.below(100);
        if roll < 8 && !self.m.anchor_slots.is_empty() {
            return self.move_anchor();
        }
        let target = if roll < 16 && self.st.excess().0 > 0 {
            self.unmet_cell_at_max()
        } else {
            None
        };
        let (e, d) = target.unwrap_or_else(|| self.random_cell());
        match self.rng.below(100) {
            // Chains are what a tight unit needs most: one grant that pays for itself through
            // the week (measured: 10 % lowers the totals of 1,000 to 100,000 people).
            0..=9 => self.grant_with_chain(e, d),
            10..=19 => {
                self.stage(e, d);
                true
            }
            20..=44 => self.swap_days(e, d),
            45..=69 => self.rectangle(e, d),
            _ => self.swap_people(e, d),
        }
    }

    /// A free cell, half the time one with a wish on it.
    fn random_cell(&mut self) -> (usize, usize) {
        let m = self.m;
        let list = if !m.wish_cells.is_empty() && self.rng.below(2) == 0 {
            &m.wish_cells
        } else {
            &m.free_cells
        };
        let c = list[self.rng.below(list.len())] as usize;
        (c / m.days, c % m.days)
    }

    /// A free cell where someone at the unit's largest unmet total misses a wish.
    fn unmet_cell_at_max(&mut self) -> Option<(usize, usize)> {
        let m = self.m;
        let rng = &mut self.rng;
        let e = self.st.tree.argmax(|| rng.below(2) == 0);
        let start = self.rng.below(m.days);
        (0..m.days)
            .map(|i| (start + i) % m.days)
            .map(|d| (e, d))
            .find(|&(e, d)| {
                let c = e * m.days + d;
                let w = m.wish[c];
                m.free[c]
                    && ((w > 0 && self.st.cell[c] == OFFICE)
                        || (w < 0 && self.st.cell[c] == REMOTE))
            })
    }

    /// Swaps office and remote between two dates of one person: the same week (keeps the
    /// weekly remote count) or anywhere in the horizon (moves a remote day across weeks).
    fn swap_days(&mut self, e: usize, d: usize) -> bool {
        let m = self.m;
        let range = if self.rng.below(10) < 6 {
            m.week_days[m.week_of[d]].clone()
        } else {
            0..m.days
        };
        let here = self.st.cell[e * m.days + d];
        for _ in 0..4 {
            let d2 = range.start + self.rng.below(range.len());
            let c2 = e * m.days + d2;
            if d2 != d && m.free[c2] && self.st.cell[c2] != here {
                self.stage(e, d);
                self.stage(e, d2);
                return true;
            }
        }
        false
    }

    /// Two people trade dates within a week: `e` takes `e2`'s remote date and `e2` takes
    /// `e`'s. Keeps every date's count and everyone's weekly count: the move that still works
    /// when seats and weekly limits are both tight.
    fn rectangle(&mut self, e: usize, d: usize) -> bool {
        let m = self.m;
        let week = m.week_days[m.week_of[d]].clone();
        let here = self.st.cell[e * m.days + d];
        let d2 = week.start + self.rng.below(week.len());
        let c2 = e * m.days + d2;
        if d2 == d || !m.free[c2] || self.st.cell[c2] == here {
            return false;
        }
        for _ in 0..6 {
            let e2 = self.rng.below(m.n());
            let (a, b) = (e2 * m.days + d, e2 * m.days + d2);
            if e2 != e
                && m.free[a]
                && m.free[b]
                && self.st.cell[a] != here
                && self.st.cell[b] == here
            {
                self.stage(e, d);
                self.stage(e, d2);
                self.stage(e2, d);
                self.stage(e2, d2);
                return true;
            }
        }
        false
    }

    /// Swaps office and remote between two people on one date: keeps the seat count.
    fn swap_people(&mut self, e: usize, d: usize) -> bool {
        let m = self.m;
        let here = self.st.cell[e * m.days + d];
        for _ in 0..4 {
            let e2 = self.rng.below(m.n());
            let c2 = e2 * m.days + d;
            if e2 != e && m.free[c2] && self.st.cell[c2] != here {
                self.stage(e, d);
                self.stage(e2, d);
                return true;
            }
        }
        false
    }

    /// Moves a team's meeting day within a week: every remote member comes in on the new
    /// date, then each member takes their most wished office dates of the week remote as far
    /// as their weekly limit allows (the old meeting date among them).
    fn move_anchor(&mut self) -> bool {
        let m = self.m;
        let (t, w) = m.anchor_slots[self.rng.below(m.anchor_slots.len())];
        let (t, w) = (t as usize, w as usize);
        let team = &m.teams[t];
        let candidates = &team.candidates[w];
        let d = candidates[self.rng.below(candidates.len())];
        if self.st.team_meets(m, t, d) {
            return false;
        }
        for &e in &team.members {
            let c = e as usize * m.days + d;
            if m.free[c] && self.st.cell[c] == REMOTE {
                self.apply(e as usize, d);
            }
        }
        // Half the time only those who came in get a date back; half the time everyone
        // fills their week (which also hands out the old meeting date).
        let everyone = self.rng.below(2) == 0;
        for &e in &team.members {
            let e = e as usize;
            let came_in = self.log.iter().any(|&(p, _)| p as usize == e);
            let mut grants = if everyone {
                usize::MAX
            } else {
                usize::from(came_in)
            };
            while grants > 0 && self.st.week_remote[e * m.weeks + w] < m.max_remote[e] {
                grants -= 1;
                let best = m.week_days[w]
                    .clone()
                    .filter(|&d2| {
                        let c2 = e * m.days + d2;
                        d2 != d && m.free[c2] && self.st.cell[c2] == OFFICE && m.wish[c2] > 0
                    })
                    .max_by_key(|&d2| (m.wish[e * m.days + d2], std::cmp::Reverse(d2)));
                let Some(d2) = best else { break };
                self.apply(e, d2);
            }
        }
        !self.log.is_empty()
    }
}
