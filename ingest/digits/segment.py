"""Line image → glyph columns → candidate segments, the geometry half of the digit re-reader.

Why our own segmentation: tesseract's per-character TSV boxes for Thai are unreliable (one box
may span a whole word, boxes overlap, a digit may come back as two characters), but its line
boxes are good. Inside a line box the ink is cut into connected components, stacked marks are
merged into *columns* (a Thai consonant with its vowel/tone marks; ":"; "%"), and every column
that could hold touching glyphs gets candidate cut points from its ink projection. The decoder
then picks the best path through the candidates, so touching and broken digits are handled by
the classifier's "junk" class rather than by hand-tuned thresholds.

All sizes are relative to the line's x-height `xh` so one recipe works from 150 to 400 dpi.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

MAX_CUTS = 4
"""At most this many projection-minimum cut points per column (five touching glyphs)."""
EDGE = 0.28
"""No cut point closer than this (x-heights) to a column's edge: no glyph is that narrow."""
MAX_ATOMS = 3
"""A candidate joins at most this many atoms (slices between cuts)."""
MAX_EVEN = 4
"""Second pass (`segment(..., even_at=...)`): even splits into 2 .. MAX_EVEN parts."""
EVEN_OFFSETS = (-0.12, 0.0, 0.12)
"""Each even cut is also tried this far (x-heights) to either side: glyph widths differ."""
EVEN_MIN_WIDTH = 1.6
"""Only columns at least this wide (x-heights) are split evenly: a single Thai digit is
narrower, and cutting one evenly offers its parts as look-alikes (๙ without its tail reads ๗)."""
EVEN_MIN_GAP = 0.08
"""Even cuts closer than this (x-heights) to another cut add nothing and are dropped."""
EVEN_MAX_ATOMS = 6
"""Candidates may join more atoms where even cuts slice a column finely."""
BELOW_ZONE = 0.75
"""No glyph of a line reaches further below its baseline than this (x-heights): Thai's
lowest marks and descenders (ุ ู ฎ ฏ ฤ) stop at about half an x-height."""
FOOT = 0.12
"""How far below the baseline a digit's round foot may reach (x-heights), with slack for a
slightly skewed baseline fit."""
NEAR_FOOT = 0.45
"""... and a separate blob starting this close under the baseline sits on a digit's foot."""
ABOVE_ZONE = 2.1
"""... nor further above it than this: a consonant's stacked vowel and tone mark."""


@dataclass(frozen=True, slots=True)
class LineGeom:
    """Baseline (a straight, possibly slightly skewed line) and x-height of a text line."""

    xh: float
    base_a: float
    base_b: float

    def baseline(self, x: float) -> float:
        return self.base_a + self.base_b * x


@dataclass(slots=True)
class Column:
    """Connected components stacked over the same x-range: one glyph or touching glyphs."""

    x0: int
    x1: int
    y0: int
    y1: int
    labels: list[int] = field(default_factory=list)
    cuts: list[int] = field(default_factory=list)
    mask: np.ndarray | None = None
    """The column's own ink (bool) over [y0:y1, x0:x1]; neighbours' ink is excluded."""


@dataclass(frozen=True, slots=True)
class Atom:
    """A column, or a slice of one between cut points: the unit the decoder joins."""

    col: int
    x0: int
    x1: int


@dataclass(frozen=True, slots=True)
class Candidate:
    """A contiguous run of atoms that may be one glyph."""

    first: int
    last: int
    x0: int
    x1: int
    cut_left: bool
    cut_right: bool


@dataclass(slots=True)
class LineSeg:
    """Everything the feature extractor needs about one line crop."""

    binary: np.ndarray
    labels: np.ndarray
    geom: LineGeom
    columns: list[Column]
    atoms: list[Atom]
    candidates: list[Candidate]
    erased: np.ndarray | None = None
    """Pixels of the neighbouring lines' ink cut off this line's glyphs (`detach_neighbours`),
    and their grey fringe; None when nothing was cut."""


def binarize(gray: np.ndarray) -> np.ndarray:
    """Ink mask (uint8 0/1) by Otsu after a 3x3 Gaussian; a blank crop gives an empty mask.

    The smoothing keeps the hairlines of serif digits (Norasi's ๒ ๖ ๗) in one piece on
    noisy scans: without it they fell apart into fragments no candidate could rejoin.
    """
    if gray.size == 0 or int(gray.max()) - int(gray.min()) < 24:
        return np.zeros(gray.shape, np.uint8)
    smooth = cv2.GaussianBlur(gray, (3, 3), 0)
    _, bw = cv2.threshold(smooth, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return bw


def estimate_geom(stats: np.ndarray, centers_x: np.ndarray) -> LineGeom:
    """x-height as the median height of body-sized components, baseline by a trimmed fit.

    Body components are those near the tall end of the height distribution (consonants and
    digits), which excludes marks, dots and noise without knowing the script mix.
    """
    h = stats[:, 3].astype(np.float64)
    bottoms = (stats[:, 1] + stats[:, 3]).astype(np.float64)
    if len(h) == 0:
        return LineGeom(10.0, 0.0, 0.0)
    ref = float(np.percentile(h, 80))
    body = (h >= 0.55 * ref) & (h <= 1.3 * ref) & (stats[:, 2] >= 0.2 * ref)
    if body.sum() < 2:
        return LineGeom(max(float(h.max()), 4.0), float(bottoms.max()), 0.0)
    xh = float(np.median(h[body]))
    xs, ys = centers_x[body], bottoms[body]
    a, b = float(np.median(ys)), 0.0
    for _ in range(2):
        keep = np.abs(ys - (a + b * xs)) <= 0.2 * xh
        if keep.sum() >= 3 and np.ptp(xs[keep]) > 2 * xh:
            b, a = (float(v) for v in np.polyfit(xs[keep], ys[keep], 1))
            b = float(np.clip(b, -0.035, 0.035))
            a = float(np.median(ys[keep] - b * xs[keep]))
        elif keep.any():
            a = float(np.median(ys[keep]))
    return LineGeom(max(xh, 4.0), a, b)


def _geom(stats: np.ndarray, cents: np.ndarray) -> LineGeom:
    """Line geometry from components of 3 pixels or more (specks would pull the fit)."""
    big = stats[:, 4] >= 3
    return estimate_geom(stats[big], cents[big, 0])


def line_geom(gray: np.ndarray) -> LineGeom:
    """Baseline and x-height of a line crop, exactly as `segment` measures them."""
    _, _, stats, cents = cv2.connectedComponentsWithStats(binarize(gray), connectivity=8)
    return _geom(stats[1:], cents[1:])


def _neck(rows: np.ndarray, lo: int, hi: int) -> int:
    """The row in [lo, hi) where a component is thinnest: where two glyphs touch."""
    lo, hi = max(lo, 0), min(hi, len(rows))
    if hi <= lo:
        return lo
    return lo + int(np.argmin(rows[lo:hi]))


def detach_neighbours(
    binary: np.ndarray, labels: np.ndarray, stats: np.ndarray, geom: LineGeom
) -> bool:
    """Cut this line's glyphs free of ink from the lines above and below (in place).

    Why: with tight line spacing a mark of the next line (the ้ over ึ of "ขึ้น") touches a
    digit's foot and the two are one connected component, which no candidate reads as a digit:
    "๘๘.๒๕" came out "๘.๒๕". A component holding ink on the baseline that reaches past where
    this line's own glyphs can, or out of the crop, is cut: below, just under the baseline
    (`FOOT`: digits stand on it); above (`ABOVE_ZONE`), at its thinnest row between the top of
    the stacked marks and the x-height. A separate blob starting just under the baseline and
    running out of the crop (`NEAR_FOOT`) is dropped. Returns whether anything was cut.
    """
    xh = geom.xh
    height = binary.shape[0]
    cut = False
    for k in range(1, len(stats)):
        x, y, w, h = (int(v) for v in stats[k, :4])
        base = geom.baseline(x + w / 2)
        below, above = base + BELOW_ZONE * xh, base - ABOVE_ZONE * xh
        if base <= y <= base + NEAR_FOOT * xh and y + h >= height:
            # just under the baseline and running out of the crop: the next line's marks,
            # which `_columns` would otherwise stack under a digit as if they were its own
            binary[y : y + h, x : x + w][labels[y : y + h, x : x + w] == k] = 0
            cut = True
            continue
        if not (y < base - 0.3 * xh < base < y + h):
            continue  # no body ink on the baseline: a mark, or another line's glyph
        rows = (labels[y : y + h, x : x + w] == k).sum(axis=1)
        # ink running out of the crop went on into the next line (the crop is the line's box
        # with a margin, so this line's own descenders end inside it)
        if y + h > below or (y + h >= height and y + h > base + 0.25 * xh):
            # digits stand on the baseline: keep the part above it, overshoot included
            r = max(0, round(base + FOOT * xh - y))
            mine = labels[y + r : y + h, x : x + w] == k
            binary[y + r : y + h, x : x + w][mine] = 0
            cut = True
        if y < above or (y <= 0 and y < base - 1.6 * xh):
            r = _neck(rows, round(max(above, y) - y), round(base - 0.9 * xh - y))
            mine = labels[y : y + r, x : x + w] == k
            binary[y : y + r, x : x + w][mine] = 0
            cut = True
    return cut


def _columns(stats: np.ndarray, ids: np.ndarray) -> list[Column]:
    """Stack components that share an x-range and sit above or below each other.

    Vowel and tone marks over a consonant, the two dots of ":" and the pieces of a glyph
    broken top from bottom are joined; a "." or "," beside a digit is not (it overlaps the
    digit's height), even when a kerned digit overhangs it. Side-by-side pieces are joined
    later, by candidates.
    """
    order = np.argsort(stats[:, 0], kind="stable")
    cols: list[Column] = []
    body: list[tuple[int, int, int]] = []  # per column: y0, y1, area of its largest component
    for k in order:
        x, y, w, h, area = (int(v) for v in stats[k, :5])
        best, best_ov = -1, 0.0
        for ci in range(max(0, len(cols) - 3), len(cols)):
            c = cols[ci]
            ov = min(c.x1, x + w) - max(c.x0, x)
            frac = ov / max(1, min(w, c.x1 - c.x0))
            by0, by1, _ = body[ci]
            v_ov = min(by1, y + h) - max(by0, y)
            stacked = v_ov <= 0.25 * min(h, by1 - by0)
            if frac >= 0.5 and stacked and frac > best_ov:
                best, best_ov = ci, frac
        if best >= 0:
            c = cols[best]
            c.x0, c.x1 = min(c.x0, x), max(c.x1, x + w)
            c.y0, c.y1 = min(c.y0, y), max(c.y1, y + h)
            c.labels.append(int(ids[k]))
            if area > body[best][2]:
                body[best] = (y, y + h, area)
        else:
            cols.append(Column(x, x + w, y, y + h, [int(ids[k])]))
            body.append((y, y + h, area))
    # the narrower first where two start together: the lower dot of a ":" whose upper dot
    # touched the next digit ("13:00") came after that digit, and the path read it there
    cols.sort(key=lambda c: (c.x0, c.x1))
    return cols


def _cut_points(mask: np.ndarray, xh: float) -> list[int]:
    """Likely boundaries inside a wide column: deep minima of its column ink counts."""
    w = mask.shape[1]
    n_glyphs = round(w / (0.75 * xh))
    if w < 0.9 * xh or n_glyphs < 2:
        return []
    proj = mask.sum(axis=0).astype(np.float64)
    proj = np.convolve(proj, np.ones(3) / 3, mode="same")
    lo = int(EDGE * xh)
    if w - 2 * lo <= 0:
        return []
    order = np.argsort(proj[lo : w - lo], kind="stable") + lo
    cuts: list[int] = []
    peak = float(proj.max()) or 1.0
    for x in order:
        if len(cuts) >= min(MAX_CUTS, n_glyphs + 1) or proj[x] > 0.6 * peak:
            break
        if all(abs(int(x) - c) >= 0.3 * xh for c in cuts):
            cuts.append(int(x))
    return sorted(cuts)


def _even_cuts(w: int, xh: float, cuts: list[int]) -> list[int]:
    """`cuts` plus even splits of a column `w` wide into 2, 3, ... parts, each nudged both ways.

    Why: digits that merge along a stroke (a 1-bit scan of "๗๘" in a heavy sans runs ๗'s stem
    into ๘'s bowl) leave no projection minimum at all, but digits are nearly equal in width.
    Only the reader's second pass asks for these, on columns the first pass could not read:
    offered everywhere, the extra pieces cost more correct reads than they win.
    """
    if w < EVEN_MIN_WIDTH * xh:
        return cuts
    lo = int(EDGE * xh)
    out = list(cuts)
    for n in range(2, min(MAX_EVEN, round(w / (0.6 * xh))) + 1):
        for k in range(1, n):
            for off in EVEN_OFFSETS:
                x = round(k * w / n + off * xh)
                if lo <= x <= w - lo and all(abs(x - c) >= EVEN_MIN_GAP * xh for c in out):
                    out.append(x)
    return sorted(out)


def _candidates(
    atoms: list[Atom], columns: list[Column], xh: float, even_cols: frozenset[int] = frozenset()
) -> list[Candidate]:
    """Runs of 1–MAX_ATOMS atoms narrow enough for one glyph, plus every whole column; from
    an evenly cut column (`even_cols`), runs of up to EVEN_MAX_ATOMS.

    Atoms of different columns join across gaps up to 0.4 x-height: a thin stroke broken
    by a light scan leaves gaps that wide (measured on Norasi at 300 dpi).
    """
    out: list[Candidate] = []
    seen: set[tuple[int, int]] = set()
    n = len(atoms)
    for i in range(n):
        limit = EVEN_MAX_ATOMS if atoms[i].col in even_cols else MAX_ATOMS
        for j in range(i, min(n, i + limit)):
            if j > i:
                prev, cur = atoms[j - 1], atoms[j]
                if prev.col != cur.col and cur.x0 - prev.x1 > 0.4 * xh:
                    break
                if atoms[j].x1 - atoms[i].x0 > 1.7 * xh:
                    break
            seen.add((i, j))
    start = 0
    for ci in range(len(columns)):
        end = start
        while end + 1 < n and atoms[end + 1].col == ci:
            end += 1
        seen.add((start, end))
        start = end + 1
    for i, j in sorted(seen):
        a, b = atoms[i], atoms[j]
        cut_l = i > 0 and atoms[i - 1].col == a.col
        cut_r = j + 1 < n and atoms[j + 1].col == b.col
        x0 = min(atoms[k].x0 for k in range(i, j + 1))
        x1 = max(atoms[k].x1 for k in range(i, j + 1))
        out.append(Candidate(i, j, x0, x1, cut_l, cut_r))
    return out


def segment(
    gray: np.ndarray,
    ranges: list[tuple[float, float]] | None = None,
    even_at: list[tuple[int, int]] | None = None,
) -> LineSeg:
    """Segment one line crop (grayscale uint8, dark ink on light paper).

    The baseline and x-height always come from the whole line; with `ranges` (x intervals in
    crop pixels) only components centred inside them become columns, which is what makes a
    page of mostly Thai text cheap to re-read. Columns overlapping an `even_at` interval are
    also split evenly (`_even_cuts`).
    """
    binary = binarize(gray)
    n, labels, stats, cents = cv2.connectedComponentsWithStats(binary, connectivity=8)
    geom = _geom(stats[1:], cents[1:])
    erased = None
    if detach_neighbours(binary, labels, stats, geom):
        gone = (labels > 0) & (binary == 0)  # `labels` still marks all the ink before the cut
        n, labels, stats, cents = cv2.connectedComponentsWithStats(binary, connectivity=8)
        erased = cv2.dilate(gone.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
        erased &= binary == 0
    stats, cents = stats[1:], cents[1:]
    ids = np.arange(1, n, dtype=np.int32)
    keep = stats[:, 4] >= max(2.0, 0.012 * geom.xh * geom.xh)
    if ranges is not None:
        cx = cents[:, 0]
        inside = np.zeros(len(cx), bool)
        for lo, hi in ranges:
            inside |= (cx >= lo) & (cx <= hi)
        keep &= inside
    stats, ids = stats[keep], ids[keep]
    columns = _columns(stats, ids)
    atoms: list[Atom] = []
    even_cols: set[int] = set()
    for ci, c in enumerate(columns):
        box = labels[c.y0 : c.y1, c.x0 : c.x1]
        c.mask = box == c.labels[0] if len(c.labels) == 1 else np.isin(box, c.labels)
        cuts = _cut_points(c.mask, geom.xh)
        if even_at and any(a < c.x1 and c.x0 < b for a, b in even_at):
            cuts = _even_cuts(c.x1 - c.x0, geom.xh, cuts)
            even_cols.add(ci)
        c.cuts = [c.x0 + x for x in cuts]
        edges = [c.x0, *c.cuts, c.x1]
        atoms.extend(Atom(ci, edges[k], edges[k + 1]) for k in range(len(edges) - 1))
    cands = _candidates(atoms, columns, geom.xh, frozenset(even_cols))
    return LineSeg(binary, labels, geom, columns, atoms, cands, erased)
