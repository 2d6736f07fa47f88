//! The largest unmet total in a unit and how many people share it, kept under single updates
//! in O(log n) without allocating: the fairness term of the objective needs it after every move.

/// A segment tree over employees of (max value, number of leaves holding it).
#[derive(Debug, Clone)]
pub(crate) struct MaxTree {
    size: usize,
    value: Vec<i128>,
    count: Vec<u32>,
}

impl MaxTree {
    pub fn new(values: &[i128]) -> MaxTree {
        let size = values.len().max(1).next_power_of_two();
        let mut tree = MaxTree {
            size,
            value: vec![i128::MIN; 2 * size],
            count: vec![0; 2 * size],
        };
        for (i, &v) in values.iter().enumerate() {
            tree.value[size + i] = v;
            tree.count[size + i] = 1;
        }
        for node in (1..size).rev() {
            tree.pull(node);
        }
        tree
    }

    fn pull(&mut self, node: usize) {
        let (l, r) = (2 * node, 2 * node + 1);
        let (a, b) = (self.value[l], self.value[r]);
        self.value[node] = a.max(b);
        self.count[node] = if a > b {
            self.count[l]
        } else if b > a {
            self.count[r]
        } else {
            self.count[l] + self.count[r]
        };
    }

    pub fn set(&mut self, i: usize, v: i128) {
        let mut node = self.size + i;
        self.value[node] = v;
        while node > 1 {
            node /= 2;
            self.pull(node);
        }
    }

    /// The largest value (0 for an empty tree: a unit without people has no unmet wishes).
    pub fn max(&self) -> i128 {
        if self.count[1] == 0 {
            0
        } else {
            self.value[1]
        }
    }

    /// How many leaves hold the largest value.
    pub fn count(&self) -> u32 {
        self.count[1]
    }

    /// One leaf holding the largest value; `pick` chooses between two children that both do.
    pub fn argmax(&self, mut pick: impl FnMut() -> bool) -> usize {
        let mut node = 1;
        while node < self.size {
            let (l, r) = (2 * node, 2 * node + 1);
            node = if self.value[l] == self.value[node]
                && (self.value[r] != self.value[node] || pick())
            {
                l
            } else {
                r
            };
        }
        node - self.size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_max_and_count() {
        let mut t = MaxTree::new(&[3, 1, 3]);
        assert_eq!((t.max(), t.count()), (3, 2));
        t.set(0, 0);
        assert_eq!((t.max(), t.count()), (3, 1));
        assert_eq!(t.argmax(|| true), 2);
        t.set(2, 1);
        assert_eq!((t.max(), t.count()), (1, 2));
        assert_eq!(MaxTree::new(&[]).max(), 0);
        assert_eq!(MaxTree::new(&[5]).argmax(|| false), 0);
    }
}
