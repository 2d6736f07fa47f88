//! Repair by exchange chains. Where seats are tight, a person can only go remote on a date if
//! someone else comes in on another date of the week, who in turn frees a date… Annealing
//! finds such chains slowly; a breadth-first search over the (at most seven) dates of the
//! week finds them directly. Every repair is kept only if the total violation drops.

use std::collections::VecDeque;

use super::model::{NO_TEAM, OFFICE, REMOTE};
use super::search::Search;

/// The breadth-first search's buffers, kept between calls.
#[derive(Debug, Default)]
pub(crate) struct ChainScratch {
    via: Vec<Option<(usize, usize)>>,
    seen: Vec<bool>,
    queue: VecDeque<usize>,
}

impl Search<'_> {
    /// Tries to remove hard violations; keeps the best roster up to date.
    pub fn repair(&mut self) {
        for _ in 0..4 {
            let before = self.st.viol;
            if before == 0 {
                break;
            }
            self.repair_seats();
            self.repair_people();
            self.repair_coverage();
            self.repair_anchors();
            if self.st.viol >= before {
                break;
            }
        }
        let key = self.st.key(self.m);
        if key < self.best {
            self.best = key;
            self.mark_best();
        }
    }

    /// Keeps the flips logged since the last commit if they lowered the violation below
    /// `before`, else undoes them.
    fn settle(&mut self, before: i64) -> bool {
        if self.st.viol < before {
            self.commit();
            true
        } else {
            self.undo();
            false
        }
    }

    fn repair_seats(&mut self) {
        for d in 0..self.m.days {
            while self.st.office[d] > self.m.seats[d] {
                let before = self.st.viol;
                if self.chain_to_remote(d, &|_, _| false) && self.settle(before) {
                    continue;
                }
                self.undo();
                // Everyone who could leave may be held by their team's only meeting day of the
                // week: move that day elsewhere, which frees its seats for the others.
                if !self.move_meeting_off(d) {
                    break;
                }
            }
        }
    }

    /// Moves the meeting day of a team that meets only on `d` (that week) to another of its
    /// candidate dates: its members trade a remote date there for `d`, those without one just
    /// come in, and chains make room on the new date. Kept only if the violation drops.
    fn move_meeting_off(&mut self, d: usize) -> bool {
        let m = self.m;
        let w = m.week_of[d];
        let mut dates: Vec<usize> = Vec::with_capacity(7);
        for (t, team) in m.teams.iter().enumerate() {
            let pinned = team.members.iter().any(|&e| {
                let c = e as usize * m.days + d;
                m.free[c] && self.st.cell[c] == OFFICE && self.pins_anchor(e as usize, d)
            });
            if !pinned {
                continue;
            }
            dates.clear();
            dates.extend(team.candidates[w].iter().copied().filter(|&d2| d2 != d));
            dates.sort_by_key(|&d2| self.st.team_remote[t * m.days + d2]);
            for &d2 in &dates {
                let before = self.st.viol;
                for &e in &team.members {
                    let e = e as usize;
                    let (c, c2) = (e * m.days + d, e * m.days + d2);
                    if !m.free[c2] || self.st.cell[c2] != REMOTE {
                        continue;
                    }
                    self.apply(e, d2);
                    if m.free[c] && self.st.cell[c] == OFFICE {
                        self.apply(e, d);
                    }
                }
                let keep = |p: usize, day: usize| day == d2 && m.team_of[p] == t as u32;
                while self.st.office[d2] > m.seats[d2] {
                    if !self.chain_to_remote(d2, &keep) {
                        break;
                    }
                }
                if self.settle(before) {
                    return true;
                }
            }
        }
        false
    }

    /// Weekly remote limits and monthly office minimums: bring the person in on one of their
    /// remote dates, then make room in the office that date.
    fn repair_people(&mut self) {
        let m = self.m;
        for e in 0..m.n() {
            for w in 0..m.weeks {
                while self.st.week_remote[e * m.weeks + w] > m.max_remote[e] {
                    if !self.come_in(e, m.week_days[w].clone()) {
                        break;
                    }
                }
            }
            for mo in 0..m.months {
                let i = e * m.months + mo;
                while self.st.month_office[i] < m.month_req[i] {
                    if !self.come_in(e, m.month_days[mo].clone()) {
                        break;
                    }
                }
            }
        }
    }

    /// Moves `e` to the office on one of their remote dates in `days` (trying each), with a
    /// chain that sends someone else home if the seats overflow. Whether it helped is judged
    /// on the total violation.
    fn come_in(&mut self, e: usize, days: std::ops::Range<usize>) -> bool {
        let m = self.m;
        for d in days {
            let c = e * m.days + d;
            if !m.free[c] || self.st.cell[c] != REMOTE {
                continue;
            }
            let before = self.st.viol;
            self.apply(e, d);
            if self.st.office[d] > m.seats[d]
                && !self.chain_to_remote(d, &|p, day| p == e && day == d)
            {
                self.undo();
                continue;
            }
            if self.settle(before) {
                return true;
            }
        }
        false
    }

    fn repair_coverage(&mut self) {
        let m = self.m;
        for k in 0..m.skill_count {
            for d in 0..m.days {
                while self.st.cover[k * m.days + d] < m.need[k * m.days + d] {
                    let holder = (0..m.n()).find(|&e| {
                        let c = e * m.days + d;
                        m.free[c]
                            && self.st.cell[c] == REMOTE
                            && m.skills_of(e).contains(&(k as u16))
                    });
                    let Some(e) = holder else { break };
                    let before = self.st.viol;
                    self.apply(e, d);
                    let keep =
                        |p: usize, day: usize| day == d && m.skills_of(p).contains(&(k as u16));
                    if self.st.office[d] > m.seats[d] && !self.chain_to_remote(d, &keep) {
                        self.undo();
                        break;
                    }
                    if !self.settle(before) {
                        break;
                    }
                }
            }
        }
    }

    /// A team-week without its day: bring every member in on a candidate date, making room
    /// in the office as needed (chains that leave other teams' days alone). Candidate dates
    /// are tried fewest remote members first until one works: the date that needs the fewest
    /// people to come in is often the one whose seats cannot be freed.
    fn repair_anchors(&mut self) {
        let m = self.m;
        let mut order: Vec<usize> = Vec::with_capacity(7);
        for (t, team) in m.teams.iter().enumerate() {
            for w in 0..m.weeks {
                if self.st.team_viol[t * m.weeks + w] == 0 {
                    continue;
                }
                order.clear();
                order.extend_from_slice(&team.candidates[w]);
                order.sort_by_key(|&d| self.st.team_remote[t * m.days + d]);
                for &d in &order {
                    let before = self.st.viol;
                    for &e in &team.members {
                        let c = e as usize * m.days + d;
                        if m.free[c] && self.st.cell[c] == REMOTE {
                            self.apply(e as usize, d);
                        }
                    }
                    let keep = |p: usize, day: usize| day == d && m.team_of[p] == t as u32;
                    while self.st.office[d] > m.seats[d] {
                        if !self.chain_to_remote(d, &keep) {
                            break;
                        }
                    }
                    if self.settle(before) {
                        break;
                    }
                }
            }
        }
    }

    /// Whether sending `e` home on date `d` would take away their team's only meeting day of
    /// that week (or make a missing one harder to reach): chains must not pay for one rule
    /// with another.
    pub fn pins_anchor(&self, e: usize, d: usize) -> bool {
        let m = self.m;
        let t = m.team_of[e];
        if t == NO_TEAM {
            return false;
        }
        let (t, w) = (t as usize, m.week_of[d]);
        let team = &m.teams[t];
        if !team.active[w] || !team.candidates[w].contains(&d) {
            return false;
        }
        let row = &self.st.team_remote[t * m.days..(t + 1) * m.days];
        let here = row[d];
        // The violation is the fewest remote members on a candidate date: it grows only when
        // `d` is the one date reaching it.
        !team.candidates[w]
            .iter()
            .any(|&d2| d2 != d && row[d2] <= here)
    }

    /// Sends one more person home on date `d` without breaking anyone's weekly or monthly
    /// limit: a chain of people each moving a remote date to the date the previous one left,
    /// ending with someone who has a remote day to spare or on a date with a free seat.
    /// `keep(e, d)` marks cells that must stay in the office. The flips are applied (and
    /// logged); false if no chain exists.
    fn chain_to_remote(&mut self, d: usize, keep: &dyn Fn(usize, usize) -> bool) -> bool {
        self.chain_within(d, 0..self.m.days, keep)
    }

    /// `chain_to_remote` through the dates in `span` only (a week is much cheaper to search).
    pub fn chain_within(
        &mut self,
        d: usize,
        span: std::ops::Range<usize>,
        keep: &dyn Fn(usize, usize) -> bool,
    ) -> bool {
        let m = self.m;
        if self.st.office[d] <= m.office_min[d] {
            return false;
        }
        // Reused buffers: this runs inside the annealing loop, which must not allocate.
        let mut scratch = std::mem::take(&mut self.chains);
        let ChainScratch { via, seen, queue } = &mut scratch;
        via.clear();
        via.resize(m.days, None);
        seen.clear();
        seen.resize(m.days, false);
        queue.clear();
        seen[d] = true;
        queue.push_back(d);
        let n = m.n();
        let start = self.rng.below(n.max(1));
        let mut end: Option<(usize, Option<usize>)> = None;
        'search: while let Some(a) = queue.pop_front() {
            let week = m.week_of[a];
            for i in 0..n {
                let e = (start + i) % n;
                let c = e * m.days + a;
                if !m.free[c] || self.st.cell[c] != OFFICE || keep(e, a) || self.pins_anchor(e, a) {
                    continue;
                }
                let covered = m.skills_of(e).iter().all(|&k| {
                    let j = k as usize * m.days + a;
                    self.st.cover[j] > m.need[j]
                });
                if !covered {
                    continue;
                }
                // Room for one more remote date in the week and one fewer office date in the
                // month of `a`.
                let week_room = self.st.week_remote[e * m.weeks + week] < m.max_remote[e];
                let mi = e * m.months + m.month_of[a];
                let month_room = self.st.month_office[mi] > m.month_req[mi];
                if week_room && month_room {
                    end = Some((a, Some(e)));
                    break 'search;
                }
                for b in span.clone() {
                    let cb = e * m.days + b;
                    if seen[b] || !m.free[cb] || self.st.cell[cb] != REMOTE {
                        continue;
                    }
                    if (m.week_of[b] != week && !week_room)
                        || (m.month_of[b] != m.month_of[a] && !month_room)
                    {
                        continue;
                    }
                    seen[b] = true;
                    via[b] = Some((a, e));
                    if self.st.office[b] < m.seats[b] {
                        end = Some((b, None));
                        break 'search;
                    }
                    queue.push_back(b);
                }
            }
        }
        let found = end.is_some();
        if let Some((mut day, spare)) = end {
            if let Some(e) = spare {
                self.apply(e, day);
            }
            while day != d {
                let Some((from, e)) = scratch.via[day] else {
                    break;
                };
                self.apply(e, from);
                self.apply(e, day);
                day = from;
            }
        }
        self.chains = scratch;
        found
    }
}

impl Search<'_> {
    /// A move for tight rosters: grant one unmet wish and restore the seats and the weekly
    /// limit it disturbs with a chain through the week. False if no chain exists (nothing is
    /// left applied then).
    pub fn grant_with_chain(&mut self, e: usize, d: usize) -> bool {
        let m = self.m;
        let c = e * m.days + d;
        let week = m.week_days[m.week_of[d]].clone();
        if self.st.cell[c] == OFFICE {
            if m.wish[c] <= 0 {
                return false;
            }
            self.apply(e, d);
            if self.st.week_remote[e * m.weeks + m.week_of[d]] > m.max_remote[e] {
                // Come in on another remote date of the week instead, then make room there.
                let start = self.rng.below(week.len());
                let other = (0..week.len())
                    .map(|i| week.start + (start + i) % week.len())
                    .find(|&b| {
                        let cb = e * m.days + b;
                        b != d && m.free[cb] && self.st.cell[cb] == REMOTE
                    });
                let Some(b) = other else {
                    self.undo();
                    return false;
                };
                self.apply(e, b);
                if self.st.office[b] > m.seats[b]
                    && !self.chain_within(b, week, &|p, day| p == e && day == b)
                {
                    self.undo();
                    return false;
                }
            }
            true
        } else {
            if m.wish[c] >= 0 {
                return false;
            }
            self.apply(e, d);
            if self.st.office[d] > m.seats[d]
                && !self.chain_within(d, week, &|p, day| p == e && day == d)
            {
                self.undo();
                return false;
            }
            true
        }
    }
}
