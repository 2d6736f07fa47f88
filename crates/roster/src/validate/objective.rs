//! The unmet wishes: a positive weight wishes to work remotely (unmet when `O`), a negative one
//! wishes to be in the office (unmet with weight `-w` when `R`); wishes on absent dates are moot.

use crate::output::Cell;

use super::read::Grid;

pub(super) struct Score {
    pub unmet_total: i64,
    pub max_unmet: i64,
}

/// The unmet wish totals over the rows that could be read (an unreadable row counts 0).
pub(super) fn score(grid: &Grid) -> Score {
    let mut score = Score {
        unmet_total: 0,
        max_unmet: 0,
    };
    for (e, wishes) in grid.layout.wishes.iter().enumerate() {
        let Some(cells) = &grid.rows[e] else { continue };
        let mut unmet = 0;
        for &(d, w) in wishes {
            // An absent cell is neither `O` nor `R`: its wish is moot.
            let cell = cells[d];
            // Saturating: absurd weights in the input must not make the validator panic.
            if w > 0 && cell == Cell::Office {
                unmet = w.saturating_add(unmet);
            } else if w < 0 && cell == Cell::Remote {
                unmet = w.saturating_neg().saturating_add(unmet);
            }
        }
        score.unmet_total = score.unmet_total.saturating_add(unmet);
        score.max_unmet = score.max_unmet.max(unmet);
    }
    score
}
