"""Ruled lines → table grids with (possibly merged) cells.

Segments are merged into full lines, tables are the connected groups of crossing lines, and cells
come from the grid of distinct x and y positions: two neighbouring elementary cells belong to the
same (merged) cell when no ruling separates them. This handles the spanning cells real tables
have without any knowledge of the table's meaning.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from schemas.page import BBox, Ruling

POS_TOL = 3.0
"""Points: segments closer than this in their cross direction are the same line."""
MIN_CELL = 7.0
"""Points: borders closer than this are one border drawn double (or a scanned line's two
edges); no real cell is narrower than a character."""
GAP_TOL = 4.0
COVER = 0.5
"""A border exists between two elementary cells if rulings cover this share of their edge."""


@dataclass(frozen=True, slots=True)
class Segment:
    pos: float
    start: float
    end: float


@dataclass(frozen=True, slots=True)
class Cell:
    row: int
    col: int
    row_span: int
    col_span: int
    bbox: BBox


@dataclass(frozen=True, slots=True)
class Grid:
    """A ruled table: column x-borders, row y-borders and its cells in row-major order."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    cells: tuple[Cell, ...]

    @property
    def bbox(self) -> BBox:
        return BBox(self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1


def _merge(segments: list[Segment]) -> list[Segment]:
    out: list[Segment] = []
    for s in sorted(segments, key=lambda s: (s.pos, s.start)):
        for i, o in enumerate(out):
            if (
                abs(o.pos - s.pos) <= POS_TOL
                and s.start <= o.end + GAP_TOL
                and s.end >= o.start - GAP_TOL
            ):
                out[i] = Segment((o.pos + s.pos) / 2, min(o.start, s.start), max(o.end, s.end))
                break
        else:
            out.append(s)
    return out


def _segments(rulings: Sequence[Ruling]) -> tuple[list[Segment], list[Segment]]:
    hs = [Segment(r.bbox.cy, r.bbox.x0, r.bbox.x1) for r in rulings if r.orientation == "h"]
    vs = [Segment(r.bbox.cx, r.bbox.y0, r.bbox.y1) for r in rulings if r.orientation == "v"]
    hs = _merge(_merge(hs))
    vs = _merge(_merge(vs))
    return hs, vs


def _crosses(h: Segment, v: Segment) -> bool:
    return (
        h.start - GAP_TOL <= v.pos <= h.end + GAP_TOL
        and v.start - GAP_TOL <= h.pos <= v.end + GAP_TOL
    )


def _cluster(values: list[float]) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= MIN_CELL:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def _coverage(segs: list[Segment], pos: float, a: float, b: float) -> float:
    covered = 0.0
    for s in segs:
        if abs(s.pos - pos) <= MIN_CELL:
            covered += max(0.0, min(b, s.end) - max(a, s.start))
    return covered / max(1e-6, b - a)


def _grid(hs: list[Segment], vs: list[Segment]) -> Grid | None:
    xs = _cluster([v.pos for v in vs])
    ys = _cluster([h.pos for h in hs])
    # A table cut by a page break may lack its closing border: the verticals still end there.
    v_top, v_bottom = min(v.start for v in vs), max(v.end for v in vs)
    if ys and v_bottom > ys[-1] + 2 * POS_TOL:
        ys.append(v_bottom)
        hs = [*hs, Segment(v_bottom, xs[0], xs[-1])]
    if ys and v_top < ys[0] - 2 * POS_TOL:
        ys.insert(0, v_top)
        hs = [*hs, Segment(v_top, xs[0], xs[-1])]
    if len(xs) < 2 or len(ys) < 2:
        return None
    n_r, n_c = len(ys) - 1, len(xs) - 1
    parent = list(range(n_r * n_c))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_r):
        for c in range(n_c):
            if c + 1 < n_c and _coverage(vs, xs[c + 1], ys[r], ys[r + 1]) < COVER:
                parent[find(r * n_c + c + 1)] = find(r * n_c + c)
            if r + 1 < n_r and _coverage(hs, ys[r + 1], xs[c], xs[c + 1]) < COVER:
                parent[find((r + 1) * n_c + c)] = find(r * n_c + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_r):
        for c in range(n_c):
            groups.setdefault(find(r * n_c + c), []).append((r, c))
    cells = []
    for members in groups.values():
        r0 = min(r for r, _ in members)
        r1 = max(r for r, _ in members)
        c0 = min(c for _, c in members)
        c1 = max(c for _, c in members)
        cells.append(
            Cell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, BBox(xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]))
        )
    cells.sort(key=lambda c: (c.row, c.col))
    return Grid(tuple(xs), tuple(ys), tuple(cells))


def find_grids(rulings: Sequence[Ruling], *, min_rows: int = 1, min_cols: int = 2) -> list[Grid]:
    """Tables on a page, top to bottom."""
    hs, vs = _segments(rulings)
    if not hs or not vs:
        return []
    # connected components of crossing lines
    n = len(hs) + len(vs)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if _crosses(h, v):
                parent[find(len(hs) + j)] = find(i)
    comps: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for i, h in enumerate(hs):
        comps.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        comps.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    grids = []
    for comp_h, comp_v in comps.values():
        if len(comp_h) < 2 or len(comp_v) < 2:
            continue
        grid = _grid(comp_h, comp_v)
        if grid and grid.n_rows >= min_rows and grid.n_cols >= min_cols:
            grids.append(grid)
    grids.sort(key=lambda g: (g.ys[0], g.xs[0]))
    return grids
