//! Undo and redo as two stacks of whole states.
//!
//! Every edit records the state it replaced; undo swaps the current state for the last recorded
//! one, redo swaps it back. Whole snapshots keep this simple and obviously correct; a document of
//! a few thousand objects clones in well under a millisecond. What the stacks may hold is bounded
//! twice: by a number of steps, and by a total weight (for documents, their object count), so a
//! very large document keeps fewer steps instead of filling the browser's memory.

use std::collections::VecDeque;

/// The undo and redo stacks for states of type `T`.
#[derive(Clone, Debug)]
pub struct History<T> {
    past: VecDeque<(T, usize)>,
    future: Vec<(T, usize)>,
    limit: usize,
    budget: usize,
    weigh: fn(&T) -> usize,
    /// The weight of everything in `past` and `future`.
    held: usize,
}

impl<T> History<T> {
    /// A history that keeps at most `limit` undo steps (at least one).
    pub fn new(limit: usize) -> Self {
        Self::weighed(limit, usize::MAX, |_| 1)
    }

    /// A history of at most `limit` steps whose states weigh at most `budget` together, each
    /// weighed by `weigh`. The last step is always kept, however heavy.
    pub fn weighed(limit: usize, budget: usize, weigh: fn(&T) -> usize) -> Self {
        Self {
            past: VecDeque::new(),
            future: Vec::new(),
            limit: limit.max(1),
            budget,
            weigh,
            held: 0,
        }
    }

    /// Records `before`, the state an edit is about to replace. A new edit ends the redo chain.
    pub fn record(&mut self, before: T) {
        for (_, w) in self.future.drain(..) {
            self.held = self.held.saturating_sub(w);
        }
        let w = (self.weigh)(&before);
        self.past.push_back((before, w));
        self.held = self.held.saturating_add(w);
        while self.past.len() > self.limit || (self.held > self.budget && self.past.len() > 1) {
            match self.past.pop_front() {
                Some((_, w)) => self.held = self.held.saturating_sub(w),
                None => break,
            }
        }
    }

    /// Steps back: returns the state to show instead of `current`, or gives `current` back when
    /// there is nothing to undo.
    pub fn undo(&mut self, current: T) -> Result<T, T> {
        match self.past.pop_back() {
            Some((previous, w)) => {
                let cw = (self.weigh)(&current);
                self.future.push((current, cw));
                self.held = self.held.saturating_sub(w).saturating_add(cw);
                Ok(previous)
            }
            None => Err(current),
        }
    }

    /// Steps forward again after an undo; gives `current` back when there is nothing to redo.
    pub fn redo(&mut self, current: T) -> Result<T, T> {
        match self.future.pop() {
            Some((next, w)) => {
                let cw = (self.weigh)(&current);
                self.past.push_back((current, cw));
                self.held = self.held.saturating_sub(w).saturating_add(cw);
                Ok(next)
            }
            None => Err(current),
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    /// How many undo steps are kept.
    pub fn depth(&self) -> usize {
        self.past.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies `edit` to `state`, recording the old state, as the store does.
    fn edit(h: &mut History<i32>, state: &mut i32, to: i32) {
        h.record(*state);
        *state = to;
    }

    #[test]
    fn undo_and_redo_walk_the_edits() {
        let mut h = History::new(10);
        let mut s = 0;
        edit(&mut h, &mut s, 1);
        edit(&mut h, &mut s, 2);
        s = h.undo(s).unwrap();
        assert_eq!(s, 1);
        s = h.undo(s).unwrap();
        assert_eq!(s, 0);
        assert_eq!(h.undo(s), Err(0));
        s = h.redo(s).unwrap();
        s = h.redo(s).unwrap();
        assert_eq!(s, 2);
        assert_eq!(h.redo(s), Err(2));
    }

    #[test]
    fn a_new_edit_drops_the_redo_chain() {
        let mut h = History::new(10);
        let mut s = 0;
        edit(&mut h, &mut s, 1);
        s = h.undo(s).unwrap();
        edit(&mut h, &mut s, 5);
        assert!(!h.can_redo());
        assert_eq!(h.undo(s), Ok(0));
    }

    #[test]
    fn the_oldest_steps_fall_off_past_the_limit() {
        let mut h = History::new(2);
        let mut s = 0;
        for v in 1..=4 {
            edit(&mut h, &mut s, v);
        }
        s = h.undo(s).unwrap();
        s = h.undo(s).unwrap();
        assert_eq!(s, 2);
        assert!(!h.can_undo());
    }

    #[test]
    fn heavy_states_keep_fewer_steps_but_always_the_last() {
        // Each state weighs its own value; together they may weigh 100.
        let mut h = History::weighed(200, 100, |v: &i32| *v as usize);
        let mut s = 0;
        for v in [30, 30, 30, 30] {
            edit(&mut h, &mut s, v);
        }
        // The states replaced so far, 0 + 30 + 30 + 30, weigh 90: all four fit.
        assert_eq!(h.depth(), 4);
        edit(&mut h, &mut s, 500);
        edit(&mut h, &mut s, 1);
        // 500 alone is over the budget: only the last step survives.
        assert_eq!(h.depth(), 1);
        assert_eq!(h.undo(s), Ok(500));
    }
}
