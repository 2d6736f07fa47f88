//! The supervisor chain (atasan langsung) must have no cycle: every chain ends at a head.

use std::collections::HashMap;
use std::hash::Hash;

/// Finds a cycle in a "reports to" map, if any, and returns it in order starting and
/// ending at the same node (`a → b → c → a`). Runs in linear time: each node is walked
/// once, with a colour per node.
pub fn find_cycle<K: Eq + Hash + Clone + Ord>(reports_to: &HashMap<K, K>) -> Option<Vec<K>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Walking,
        Done,
    }
    let mut state: HashMap<&K, State> = HashMap::with_capacity(reports_to.len());
    // Sorted start points make the reported cycle deterministic.
    let mut starts: Vec<&K> = reports_to.keys().collect();
    starts.sort();
    for start in starts {
        if state.contains_key(start) {
            continue;
        }
        let mut path: Vec<&K> = Vec::new();
        let mut node = start;
        loop {
            match state.get(node) {
                Some(State::Done) => break,
                Some(State::Walking) => {
                    let at = path.iter().position(|n| *n == node).unwrap_or(0);
                    let mut cycle: Vec<K> = path[at..].iter().map(|k| (*k).clone()).collect();
                    cycle.push(node.clone());
                    return Some(cycle);
                }
                None => {}
            }
            state.insert(node, State::Walking);
            path.push(node);
            match reports_to.get(node) {
                Some(next) => node = next,
                None => break,
            }
        }
        for n in path {
            state.insert(n, State::Done);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(u32, u32)]) -> HashMap<u32, u32> {
        pairs.iter().copied().collect()
    }

    #[test]
    fn a_tree_has_no_cycle() {
        assert_eq!(find_cycle(&map(&[(2, 1), (3, 1), (4, 2), (5, 4)])), None);
    }

    #[test]
    fn finds_a_loop_and_names_it() {
        assert_eq!(
            find_cycle(&map(&[(1, 2), (2, 3), (3, 1), (4, 1)])),
            Some(vec![1, 2, 3, 1])
        );
        assert_eq!(find_cycle(&map(&[(7, 7)])), Some(vec![7, 7]));
    }

    proptest::proptest! {
        #[test]
        fn a_reported_cycle_is_real(pairs in proptest::collection::vec((0u8..20, 0u8..20), 0..40)) {
            let m: HashMap<u8, u8> = pairs.into_iter().collect();
            if let Some(c) = find_cycle(&m) {
                proptest::prop_assert_eq!(c.first(), c.last());
                for w in c.windows(2) {
                    proptest::prop_assert_eq!(m.get(&w[0]), Some(&w[1]));
                }
            } else {
                // No cycle: following any chain ends within n steps.
                for start in m.keys() {
                    let mut n = *start;
                    let mut steps = 0;
                    while let Some(next) = m.get(&n) { n = *next; steps += 1; proptest::prop_assert!(steps <= m.len()); }
                }
            }
        }
    }
}
