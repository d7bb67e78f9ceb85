use super::*;
use proptest::prelude::*;
use proptest::strategy::ValueTree;

/// The table with its totals as one grid, rows then the totals row.
fn with_totals(cells: &[Vec<u64>]) -> Vec<Vec<u64>> {
    let c = cells[0].len();
    let mut grid: Vec<Vec<u64>> = cells
        .iter()
        .map(|row| {
            let mut row = row.clone();
            row.push(row.iter().sum());
            row
        })
        .collect();
    let totals: Vec<u64> = (0..=c).map(|j| grid.iter().map(|r| r[j]).sum()).collect();
    grid.push(totals);
    grid
}

fn published(p: &Protected) -> Vec<Vec<Cell>> {
    let mut grid: Vec<Vec<Cell>> = p
        .cells
        .iter()
        .zip(&p.row_totals)
        .map(|(row, total)| {
            let mut row = row.clone();
            row.push(*total);
            row
        })
        .collect();
    let mut last = p.column_totals.clone();
    last.push(p.total);
    grid.push(last);
    grid
}

/// What an attacker knows: the published grid, each line's cells (its
/// total last), and how large a hidden cell may be searched.
struct Attacker<'a> {
    grid: &'a [Vec<Cell>],
    lines: Vec<Vec<(usize, usize)>>,
    cap: u64,
}

type Values = Vec<Vec<Option<u64>>>;

impl Attacker<'_> {
    /// What a cell's marker allows.
    fn range(&self, i: usize, j: usize) -> (u64, u64) {
        match self.grid[i][j] {
            Cell::Value(v) => (v, v),
            Cell::Small => (1, SMALL_MAX),
            Cell::Hidden => (5, self.cap),
        }
    }

    /// Whether every line can still balance with what is assigned so far.
    fn lines_ok(&self, value: &Values) -> bool {
        self.lines.iter().all(|line| {
            let (parts, total) = line.split_at(line.len() - 1);
            let bounds = |(i, j): (usize, usize)| match value[i][j] {
                Some(v) => (v, v),
                None => self.range(i, j),
            };
            let (lo, hi) = parts
                .iter()
                .map(|c| bounds(*c))
                .fold((0, 0), |(a, b), (c, d)| (a + c, b + d));
            let (tlo, thi) = bounds(total[0]);
            lo <= thi && tlo <= hi
        })
    }

    /// Depth-first over the hidden cells in `order`; the first is the target
    /// and may not take `avoid`.
    fn search(&self, k: usize, order: &[(usize, usize)], value: &mut Values, avoid: u64) -> bool {
        if !self.lines_ok(value) {
            return false;
        }
        let Some(&(i, j)) = order.get(k) else {
            return true;
        };
        let (lo, hi) = self.range(i, j);
        for v in lo..=hi {
            if k == 0 && v == avoid {
                continue;
            }
            value[i][j] = Some(v);
            if self.search(k + 1, order, value, avoid) {
                return true;
            }
        }
        value[i][j] = None;
        false
    }
}

/// An attacker's search, written apart from the cycle audit: every
/// assignment of whole numbers to the hidden cells that agrees with the
/// totals and with what each marker says. True if `target` can take a
/// value other than its true one.
fn another_value_fits(grid: &[Vec<Cell>], truth: &[Vec<u64>], target: (usize, usize)) -> bool {
    let (rows, cols) = (grid.len(), grid[0].len());
    let mut lines: Vec<Vec<(usize, usize)>> = (0..rows)
        .map(|i| (0..cols).map(|j| (i, j)).collect())
        .collect();
    lines.extend((0..cols).map(|j| (0..rows).map(|i| (i, j)).collect::<Vec<_>>()));
    let attacker = Attacker {
        grid,
        lines,
        cap: truth.iter().flatten().max().copied().unwrap_or(0) + 12,
    };
    let mut value: Values = grid
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Cell::Value(v) => Some(*v),
                    _ => None,
                })
                .collect()
        })
        .collect();
    // The target first, so a different value is fixed before anything else.
    let mut order = vec![target];
    order.extend(
        (0..rows)
            .flat_map(|i| (0..cols).map(move |j| (i, j)))
            .filter(|&(i, j)| value[i][j].is_none() && (i, j) != target),
    );
    attacker.search(0, &order, &mut value, truth[target.0][target.1])
}

fn small_table() -> impl Strategy<Value = Vec<Vec<u64>>> {
    (1usize..=3, 1usize..=3).prop_flat_map(|(r, c)| {
        let cell = prop_oneof![Just(0u64), 1u64..=4, 5u64..=9];
        proptest::collection::vec(proptest::collection::vec(cell, c), r)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// For random tables: every count of 1–4 is hidden, every other hidden
    /// cell is 5 or more, and no hidden cell can be worked out from what is
    /// published, by an exhaustive search written apart from the audit.
    #[test]
    fn no_hidden_cell_can_be_derived_from_the_published_table(cells in small_table()) {
        let protected = protect(cells[0].len(), &cells);
        let truth = with_totals(&cells);
        let grid = published(&protected);
        for (i, row) in grid.iter().enumerate() {
            for (j, cell) in row.iter().enumerate() {
                let v = truth[i][j];
                match cell {
                    Cell::Value(shown) => {
                        prop_assert_eq!(*shown, v);
                        prop_assert!(!(1..=SMALL_MAX).contains(&v), "{} shown at {},{}", v, i, j);
                    }
                    Cell::Small => prop_assert!((1..=SMALL_MAX).contains(&v)),
                    Cell::Hidden => prop_assert!(protected.withheld || v >= 5),
                }
            }
        }
        if !protected.withheld {
            for (i, row) in grid.iter().enumerate() {
                for (j, cell) in row.iter().enumerate() {
                    if !matches!(cell, Cell::Value(_)) {
                        prop_assert!(
                            another_value_fits(&grid, &truth, (i, j)),
                            "cell {},{} of {:?} can be worked out from {:?}", i, j, truth, grid
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn a_lone_small_cell_gets_a_partner_in_its_row_and_column() {
    let cells = vec![vec![3, 10, 12], vec![8, 20, 7], vec![9, 6, 30]];
    let p = protect(cells[0].len(), &cells);
    assert!(!p.withheld);
    assert_eq!(p.cells[0][0], Cell::Small);
    let hidden_in_row = p.cells[0]
        .iter()
        .filter(|c| **c != Cell::Value(0) && !matches!(c, Cell::Value(_)))
        .count();
    assert!(hidden_in_row >= 2, "{p:?}");
    assert_eq!(p.total, Cell::Value(105));
}

#[test]
fn a_table_without_small_numbers_is_published_whole() {
    let cells = vec![vec![0, 10], vec![8, 20]];
    let p = protect(cells[0].len(), &cells);
    assert_eq!(
        p.cells,
        vec![
            vec![Cell::Value(0), Cell::Value(10)],
            vec![Cell::Value(8), Cell::Value(20)]
        ]
    );
    assert_eq!(p.row_totals, vec![Cell::Value(10), Cell::Value(28)]);
}

#[test]
fn one_small_count_and_its_equal_totals_protect_each_other() {
    // One unit, one column, three concerns: the cell and every total are the
    // same number, hidden together; none of them can be told apart.
    let p = protect(1, &[vec![3]]);
    assert!(!p.withheld);
    assert_eq!(p.cells, vec![vec![Cell::Small]]);
    assert_eq!(
        (p.row_totals[0], p.column_totals[0], p.total),
        (Cell::Small, Cell::Small, Cell::Small)
    );
}

/// Most random tables with small numbers are published, not withheld: the
/// property above is about tables people see.
#[test]
fn most_tables_with_small_numbers_are_published() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut published, mut withheld) = (0, 0);
    for _ in 0..500 {
        let cells = small_table()
            .new_tree(&mut runner)
            .expect("table")
            .current();
        if cells.iter().flatten().any(|v| (1..=SMALL_MAX).contains(v)) {
            if protect(cells[0].len(), &cells).withheld {
                withheld += 1;
            } else {
                published += 1;
            }
        }
    }
    assert!(
        published > 3 * withheld,
        "published {published}, withheld {withheld}"
    );
}

#[test]
fn a_table_without_rows_has_its_columns_and_zero_totals() {
    let p = protect(3, &[]);
    assert_eq!(p.column_totals, vec![Cell::Value(0); 3]);
    assert_eq!(p.total, Cell::Value(0));
    assert!(p.cells.is_empty() && !p.withheld);
}
