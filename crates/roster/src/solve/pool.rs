//! The pool of threads that runs units side by side: units share nothing while they are
//! solved, and each unit's result depends only on its own inputs and seed, never on which
//! thread ran it or when, so the outcome is deterministic.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs `work` on each index of `order` on all cores; results by index (`count` of them,
/// `None` for indices not in `order`).
pub(crate) fn parallel<R: Send>(
    count: usize,
    order: &[usize],
    work: impl Fn(usize) -> R + Sync,
) -> Vec<Option<R>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(order.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let run = || {
        let mut mine = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(&index) = order.get(i) else { break };
            mine.push((index, work(index)));
        }
        mine
    };
    let done: Vec<Vec<(usize, R)>> = if threads == 1 {
        vec![run()]
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads).map(|_| s.spawn(run)).collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        })
    };
    let mut out: Vec<Option<R>> = (0..count).map(|_| None).collect();
    for (index, r) in done.into_iter().flatten() {
        if let Some(slot) = out.get_mut(index) {
            *slot = Some(r);
        }
    }
    out
}

/// Shares the time left until `deadline` among units in proportion to their size, so that a
/// tight time limit cuts every unit's search a little rather than leaving the last units
/// none. When the limit is generous the slices are far longer than any unit needs, and the
/// search stops on its own deterministic budget.
#[derive(Debug)]
pub(crate) struct TimeShare {
    deadline: std::time::Instant,
    remaining: AtomicUsize,
    threads: usize,
}

impl TimeShare {
    pub fn new(deadline: std::time::Instant, total: usize, units: usize) -> TimeShare {
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(units)
            .max(1);
        TimeShare {
            deadline,
            remaining: AtomicUsize::new(total),
            threads,
        }
    }

    /// The deadline of a unit of `size` starting now.
    pub fn slice(&self, size: usize) -> std::time::Instant {
        let size = size.max(1);
        let left = self
            .remaining
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |r| {
                Some(r.saturating_sub(size))
            })
            .unwrap_or(size);
        let now = std::time::Instant::now();
        let share = (size as f64 / left.max(size) as f64 * self.threads as f64).min(1.0);
        now + self.deadline.saturating_duration_since(now).mul_f64(share)
    }
}
