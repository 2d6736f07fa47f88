//! The starting roster of a unit: everyone in the office, one anchor day per team-week on the
//! date the team minds least, then remote wishes granted heaviest first while no hard
//! constraint breaks, then seat overflows relieved by sending the cheapest people home.

use std::cmp::Reverse;

use super::model::{UnitModel, OFFICE, REMOTE};
use super::rng::Rng;
use super::state::State;

pub(crate) fn construct(m: &UnitModel, cap: i128, rng: &mut Rng) -> State {
    let days = m.days;
    let mut st = State::new(m, &m.init, cap);
    let mut protect = vec![false; m.init.len()];
    for team in &m.teams {
        for (w, candidates) in team.candidates.iter().enumerate() {
            if !team.active[w] {
                continue;
            }
            // The date on which keeping the team in the office costs the fewest remote wishes.
            let cost = |d: usize| -> i128 {
                team.members
                    .iter()
                    .map(|&e| i128::from(m.wish[e as usize * days + d].max(0)))
                    .sum()
            };
            if let Some(&d) = candidates.iter().min_by_key(|&&d| cost(d)) {
                for &e in &team.members {
                    protect[e as usize * days + d] = true;
                }
            }
        }
    }

    // Heaviest remote wishes first; a random key breaks ties so that nobody is favoured for
    // coming first in the file.
    let mut order: Vec<(i64, u64, u32)> = m
        .wish_cells
        .iter()
        .filter(|&&c| m.wish[c as usize] > 0 && !protect[c as usize])
        .map(|&c| (m.wish[c as usize], rng.next_u64(), c))
        .collect();
    order.sort_unstable_by_key(|&(w, key, _)| (Reverse(w), key));
    for &(_, _, c) in &order {
        let (e, d) = (c as usize / days, c as usize % days);
        let before = st.viol;
        st.flip(m, e, d);
        if st.viol > before {
            st.flip(m, e, d);
        }
    }

    // Seat overflow: send home those who most want it (office wishes and anchors last).
    for d in 0..days {
        if st.office(d) <= m.seats[d] {
            continue;
        }
        let mut cands: Vec<(bool, Reverse<i64>, u64, usize)> = (0..m.n())
            .filter(|&e| m.free[e * days + d] && st.cell[e * days + d] == OFFICE)
            .map(|e| {
                (
                    protect[e * days + d],
                    Reverse(m.wish[e * days + d]),
                    rng.next_u64(),
                    e,
                )
            })
            .collect();
        cands.sort_unstable();
        for &(_, _, _, e) in &cands {
            if st.office(d) <= m.seats[d] {
                break;
            }
            let before = st.viol;
            st.flip(m, e, d);
            if st.viol >= before {
                st.flip(m, e, d);
            }
        }
    }
    debug_assert!(st
        .cell
        .iter()
        .zip(&m.init)
        .all(|(a, b)| *a == *b || (*a == REMOTE && *b == OFFICE)));
    st
}
