from __future__ import annotations

from parsers.table_grid import find_grids
from schemas.page import BBox, Ruling


def _h(y: float, x0: float, x1: float) -> Ruling:
    return Ruling("h", BBox(x0, y - 0.5, x1, y + 0.5))


def _v(x: float, y0: float, y1: float) -> Ruling:
    return Ruling("v", BBox(x - 0.5, y0, x + 0.5, y1))


def test_regular_grid() -> None:
    rulings = [_h(y, 0, 300) for y in (0, 20, 100, 200)] + [
        _v(x, 0, 200) for x in (0, 100, 200, 300)
    ]
    (grid,) = find_grids(rulings)
    assert (grid.n_rows, grid.n_cols) == (3, 3)
    assert len(grid.cells) == 9


def test_merged_cell_where_a_border_is_missing() -> None:
    # the first column has no border between rows 2 and 3: one tall cell
    rulings = [_h(0, 0, 300), _h(20, 0, 300), _h(100, 100, 300), _h(200, 0, 300)]
    rulings += [_v(x, 0, 200) for x in (0, 100, 200, 300)]
    (grid,) = find_grids(rulings)
    tall = [c for c in grid.cells if c.col == 0 and c.row == 1]
    assert tall and tall[0].row_span == 2
    assert len(grid.cells) == 8


def test_table_cut_by_a_page_break_gets_its_missing_bottom_border() -> None:
    rulings = [_h(0, 0, 300), _h(20, 0, 300)] + [_v(x, 0, 150) for x in (0, 150, 300)]
    (grid,) = find_grids(rulings)
    assert grid.ys[-1] == 150
    assert grid.n_rows == 2


def test_separate_tables_and_stray_lines() -> None:
    table_a = [_h(y, 0, 100) for y in (0, 50)] + [_v(x, 0, 50) for x in (0, 50, 100)]
    table_b = [_h(y, 0, 100) for y in (300, 350)] + [_v(x, 300, 350) for x in (0, 50, 100)]
    underline = [_h(200, 10, 60)]
    grids = find_grids(table_a + table_b + underline)
    assert [g.ys[0] for g in grids] == [0, 300]
