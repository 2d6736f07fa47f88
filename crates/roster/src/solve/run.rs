//! The work of each phase on one unit and how much search a unit gets.

use std::time::Instant;

use super::construct::construct;
use super::model::UnitModel;
use super::rng::Rng;
use super::search::Search;
use super::state::State;

/// A unit's roster after a phase.
#[derive(Debug, Clone)]
pub(crate) struct UnitResult {
    pub cells: Vec<u8>,
    pub iterations: u64,
    pub max_unmet: i128,
}

/// How much search the units of one instance get.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Budget {
    /// The most moves per free cell.
    pub per_cell: f64,
    /// The caller's effort (1 = default), which scales the anneals' lengths.
    pub effort: f64,
}

impl Budget {
    /// Generous for small instances (they should reach the optimum), fewer moves per cell as
    /// the instance grows so that 100,000 people still solve in seconds.
    pub fn new(total_free_cells: usize, effort: f64) -> Budget {
        let effort = if effort.is_finite() {
            effort.max(0.0)
        } else {
            1.0
        };
        let per_cell = (4.0e7 / total_free_cells.max(1) as f64).clamp(40.0, 2000.0) * effort;
        Budget { per_cell, effort }
    }
}

/// Temperatures, in units of the unit's mean wish weight: the first anneal starts at `HOT`,
/// restarts at `REHEAT × HOT`, all cool to `COLD`.
/// Measured: starting at 0.09 instead of 0.3 lowers the objective from 1,000 to 100,000 people.
const HOT: f64 = 0.09;
const REHEAT: f64 = 0.3;
const COLD: f64 = 0.02;
/// While no feasible roster is known, restarts walk at this share of the violation weight.
const INFEASIBLE_HOT: f64 = 0.1;
const INFEASIBLE_COLD: f64 = 0.05;
/// Moves per free cell of the first anneal and of each restart, at effort 1.
const FIRST_PER_CELL: f64 = 150.0;
const CHUNK_PER_CELL: f64 = 50.0;
/// A start per this many moves per cell, at most `MAX_STARTS`.
const PER_START: f64 = 250.0;
const MAX_STARTS: usize = 4;
/// Moves per free cell, at effort 1, that a unit whose best roster is still infeasible may use.
const INFEASIBLE_PER_CELL: f64 = 2000.0;

/// Phase one: construct, then anneal against the fairness level `cap`. Where the budget is
/// generous (small instances) it is split over a few independent starts and the best kept:
/// separate starts escape local optima better than one longer walk (measured).
pub(crate) fn first_phase(
    m: &UnitModel,
    seed: u64,
    cap: i128,
    budget: Budget,
    deadline: Instant,
) -> UnitResult {
    let starts = ((budget.per_cell / PER_START) as usize).clamp(1, MAX_STARTS);
    let share = Budget {
        per_cell: budget.per_cell / starts as f64,
        effort: budget.effort / starts as f64,
    };
    let mut best: Option<((i64, i128), UnitResult)> = None;
    let mut iterations = 0;
    for k in 0..starts {
        let mut rng = Rng::new(seed, (m.index as u64) << 8 | k as u64);
        let st = construct(m, cap, &mut rng);
        let mut search = Search::new(m, st, rng);
        search.repair();
        schedule(&mut search, share, HOT, deadline);
        iterations += search.iterations;
        if best.as_ref().is_none_or(|(key, _)| search.best < *key) {
            best = Some((search.best, finish(search)));
        }
        if Instant::now() >= deadline {
            break;
        }
    }
    let mut result = match best {
        Some((_, r)) => r,
        None => finish(Search::new(
            m,
            State::new(m, &m.init, cap),
            Rng::new(seed, 0),
        )),
    };
    result.iterations = iterations;
    result
}

/// Phase two: from the phase-one roster, anneal cooler against the instance's actual largest
/// unmet total, which lets units below it trade fairness they do not need for a lower total.
pub(crate) fn second_phase(
    m: &UnitModel,
    cells: &[u8],
    seed: u64,
    cap: i128,
    budget: Budget,
    deadline: Instant,
) -> UnitResult {
    let rng = Rng::new(seed, (m.index as u64) << 8 | 255);
    let mut search = Search::new(m, State::new(m, cells, cap), rng);
    let half = Budget {
        per_cell: budget.per_cell / 2.0,
        effort: budget.effort,
    };
    schedule(&mut search, half, REHEAT * HOT, deadline);
    finish(search)
}

fn finish(search: Search<'_>) -> UnitResult {
    UnitResult {
        max_unmet: search.st.max_unmet(),
        iterations: search.iterations,
        cells: search.st.cell,
    }
}

/// One long anneal (its violation weight starting soft), then shorter, cooler restarts from
/// the best roster until two in a row find nothing better (convergence) or the budget is
/// spent; while the best roster is infeasible, the budget grows (`INFEASIBLE_PER_CELL`). After
/// each, chains repair what violations remain.
fn schedule(search: &mut Search<'_>, budget: Budget, hot: f64, deadline: Instant) {
    let cells = search.m.free_cells.len() as f64;
    let scale = search.m.wish_scale;
    let (hot, cold) = (hot * scale, COLD * scale);
    let total = (cells * budget.per_cell) as u64;
    let first = ((cells * FIRST_PER_CELL * budget.effort) as u64).min(total / 2);
    search.anneal(first, hot, cold, scale, deadline);
    search.restore_best();
    search.repair();
    let chunk = ((cells * CHUNK_PER_CELL * budget.effort) as u64).max(1);
    // An infeasible roster is not a result to stop at while time remains: the unit may use up
    // to the budget per cell of the smallest instances (still deterministic, and bounded for
    // units that are infeasible for good).
    let infeasible_total = ((cells * INFEASIBLE_PER_CELL * budget.effort) as u64).max(total);
    let (mut used, mut fails) = (first, 0);
    while fails < 2 && Instant::now() < deadline {
        let limit = if search.best.0 > 0 {
            infeasible_total
        } else {
            total
        };
        if used >= limit {
            break;
        }
        let len = chunk.min(limit - used);
        used += len;
        // Still infeasible: a walk hot enough to cross one more violation at a time, where
        // the objective hardly matters, usually finds a way out.
        let weight = search.m.viol_weight as f64;
        let (from, to) = if search.best.0 > 0 {
            (INFEASIBLE_HOT * weight, INFEASIBLE_COLD * weight)
        } else {
            (REHEAT * hot, cold)
        };
        let improved = search.anneal(len, from, to, f64::MAX, deadline);
        search.restore_best();
        search.repair();
        // An infeasible roster is not converged: keep searching while the budget lasts.
        fails = if improved || search.best.0 > 0 {
            0
        } else {
            fails + 1
        };
    }
}
