//! Small numbers protected. A count of 1–4 can point to a person in a small
//! unit, so such cells (and totals) are shown as "<5". Secondary suppression
//! then hides further cells ("x", always 5 or more) until no hidden cell can
//! be worked out from what is published: the shown cells, the totals, and
//! what the markers themselves say ("<5" is 1–4, "x" is 5 or more).
//!
//! The audit is exact for a table with row and column totals: such a table
//! is a network, so a hidden cell can take another value exactly when it lies
//! on a cycle of hidden cells along which every cell can move within its
//! bounds (a conformal-cycle argument; the bounds are integers, so another
//! integer value exists too). Cells are hidden a rectangle at a time, the
//! cheapest first; if no rectangle of cells of 5 or more is left to protect
//! a cell, the table is withheld.

use serde::Serialize;

pub const SMALL_MAX: u64 = 4;

/// One published cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case", tag = "shown", content = "value")]
pub enum Cell {
    Value(u64),
    /// 1–4: shown as "<5".
    Small,
    /// Hidden so that a small cell cannot be worked out; 5 or more: shown as "x".
    Hidden,
}

impl Cell {
    pub fn text(self) -> String {
        match self {
            Cell::Value(v) => crate::report::danish::number(v),
            Cell::Small => "<5".into(),
            Cell::Hidden => "x".into(),
        }
    }
}

/// A table as published: cells, row totals, column totals and the grand
/// total, or withheld altogether.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Protected {
    pub cells: Vec<Vec<Cell>>,
    pub row_totals: Vec<Cell>,
    pub column_totals: Vec<Cell>,
    pub total: Cell,
    /// True when no pattern of hidden cells could protect every small cell:
    /// every cell is then withheld.
    pub withheld: bool,
}

/// What a rectangle costs: the sum it hides, then the totals it hides.
type Cost = (u64, usize);

/// The table extended by its totals: rows 0..r are the table's rows plus
/// the totals row last; columns likewise. Every line then balances.
struct Grid {
    rows: usize,
    cols: usize,
    value: Vec<Vec<u64>>,
    hidden: Vec<Vec<bool>>,
}

impl Grid {
    fn new(columns: usize, cells: &[Vec<u64>]) -> Grid {
        let r = cells.len();
        let c = columns;
        let mut value = vec![vec![0; c + 1]; r + 1];
        for (i, row) in cells.iter().enumerate() {
            for (j, v) in row.iter().enumerate() {
                value[i][j] = *v;
                value[i][c] += v;
                value[r][j] += v;
                value[r][c] += v;
            }
        }
        let hidden = value
            .iter()
            .map(|row| row.iter().map(|v| (1..=SMALL_MAX).contains(v)).collect())
            .collect();
        Grid {
            rows: r + 1,
            cols: c + 1,
            value,
            hidden,
        }
    }

    /// A margin cell is a total: in the balanced form it counts negatively,
    /// so its moves run the other way (the grand total counts positively).
    fn is_margin(&self, i: usize, j: usize) -> bool {
        (i == self.rows - 1) != (j == self.cols - 1)
    }

    /// The value can rise without leaving what its marker says.
    fn can_rise(&self, i: usize, j: usize) -> bool {
        let v = self.value[i][j];
        !(SMALL_MAX..5).contains(&v)
    }

    /// The value can fall without leaving what its marker says.
    fn can_fall(&self, i: usize, j: usize) -> bool {
        let v = self.value[i][j];
        v > 5 || (1..=SMALL_MAX).contains(&v) && v > 1
    }

    /// Arcs row→column for a hidden cell whose balanced value may grow,
    /// column→row for one whose balanced value may shrink.
    fn arcs(&self, i: usize, j: usize) -> (bool, bool) {
        let (rise, fall) = (self.can_rise(i, j), self.can_fall(i, j));
        if self.is_margin(i, j) {
            (fall, rise)
        } else {
            (rise, fall)
        }
    }

    /// Whether node `to` is reachable from `from` (rows 0..rows, columns
    /// rows..rows+cols) without using the cell (skip_i, skip_j).
    fn reachable(&self, from: usize, to: usize, skip: (usize, usize)) -> bool {
        let n = self.rows + self.cols;
        let mut seen = vec![false; n];
        let mut stack = vec![from];
        seen[from] = true;
        while let Some(node) = stack.pop() {
            if node == to {
                return true;
            }
            let next: Vec<usize> = if node < self.rows {
                (0..self.cols)
                    .filter(|&j| self.hidden[node][j] && (node, j) != skip && self.arcs(node, j).0)
                    .map(|j| self.rows + j)
                    .collect()
            } else {
                let j = node - self.rows;
                (0..self.rows)
                    .filter(|&i| self.hidden[i][j] && (i, j) != skip && self.arcs(i, j).1)
                    .collect()
            };
            for m in next {
                if !seen[m] {
                    seen[m] = true;
                    stack.push(m);
                }
            }
        }
        false
    }

    /// A hidden cell whose value the published table fixes.
    fn first_derivable(&self) -> Option<(usize, usize)> {
        for i in 0..self.rows {
            for j in 0..self.cols {
                if !self.hidden[i][j] {
                    continue;
                }
                let (row_node, col_node) = (i, self.rows + j);
                let (up, down) = self.arcs(i, j);
                let movable = (up && self.reachable(col_node, row_node, (i, j)))
                    || (down && self.reachable(row_node, col_node, (i, j)));
                if !movable {
                    return Some((i, j));
                }
            }
        }
        None
    }

    /// The cheapest rectangle through a cell: the three other corners,
    /// each already hidden or 5 or more, that would let it move. Returns
    /// the corners to hide (never none: a rectangle adding nothing is
    /// skipped), or None when no rectangle is left.
    fn rectangle(&self, i: usize, j: usize) -> Option<Vec<(usize, usize)>> {
        let mut best: Option<(Cost, Vec<(usize, usize)>)> = None;
        for r in (0..self.rows).filter(|&r| r != i) {
            for c in (0..self.cols).filter(|&c| c != j) {
                let corners = [(i, c), (r, j), (r, c)];
                if corners
                    .iter()
                    .any(|&(a, b)| !self.hidden[a][b] && self.value[a][b] < 5)
                {
                    continue;
                }
                let new: Vec<(usize, usize)> = corners
                    .into_iter()
                    .filter(|&(a, b)| !self.hidden[a][b])
                    .collect();
                if new.is_empty() {
                    continue;
                }
                // Hide as little as possible, and totals only when cells will not do.
                let cost = (
                    new.iter().map(|&(a, b)| self.value[a][b]).sum::<u64>(),
                    new.iter().filter(|&&(a, b)| self.is_margin(a, b)).count(),
                );
                if best.as_ref().is_none_or(|(b, _)| cost < *b) {
                    best = Some((cost, new));
                }
            }
        }
        best.map(|(_, new)| new)
    }
}

/// Protects a table of counts: `columns` wide (every row that long), any
/// number of rows, none included.
pub fn protect(columns: usize, cells: &[Vec<u64>]) -> Protected {
    let mut grid = Grid::new(columns, cells);
    let mut withheld = false;
    while let Some((i, j)) = grid.first_derivable() {
        match grid.rectangle(i, j) {
            Some(corners) => corners
                .into_iter()
                .for_each(|(r, c)| grid.hidden[r][c] = true),
            None => {
                withheld = true;
                break;
            }
        }
    }
    let shown = |i: usize, j: usize| -> Cell {
        let v = grid.value[i][j];
        if !grid.hidden[i][j] {
            Cell::Value(v)
        } else if (1..=SMALL_MAX).contains(&v) {
            Cell::Small
        } else {
            Cell::Hidden
        }
    };
    let (r, c) = (grid.rows - 1, grid.cols - 1);
    if withheld {
        return Protected {
            cells: vec![vec![Cell::Hidden; c]; r],
            row_totals: vec![Cell::Hidden; r],
            column_totals: vec![Cell::Hidden; c],
            total: Cell::Hidden,
            withheld,
        };
    }
    Protected {
        cells: (0..r)
            .map(|i| (0..c).map(|j| shown(i, j)).collect())
            .collect(),
        row_totals: (0..r).map(|i| shown(i, c)).collect(),
        column_totals: (0..c).map(|j| shown(r, j)).collect(),
        total: shown(r, c),
        withheld,
    }
}

#[cfg(test)]
#[path = "suppress_tests.rs"]
mod tests;
