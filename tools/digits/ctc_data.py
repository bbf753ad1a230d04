"""Training windows for the CTC reader: numbers cut out of degraded rendered lines.

Why windows like these: at run time the reader is handed the x-range of a number the glyph
path found, widened over the unsure glyphs beside it (see `ingest.digits.reader`). So a window
here is a number's ink extent (a maximal run of digit and punctuation pieces holding a
digit) with a little paper around it, and now and then part of the letter beside it, which
the label marks "~". Its rows come from the same baseline and x-height estimate as at run time.
"""

from __future__ import annotations

import random

import numpy as np

from ingest.digits.ctc import OTHER_MARK, window
from ingest.digits.model import OTHER
from ingest.digits.segment import line_geom
from tools.digits.dataset import TRAIN_DEGRADE, Sample, make_line
from tools.digits.fonts import Face
from tools.digits.render import Degrade

CONTEXT_P = 0.3
"""Share of window sides that reach into the glyph beside the number."""


def _extents(ids: np.ndarray, n: int) -> list[tuple[int, int] | None]:
    """Ink x-range [x0, x1) of each piece (None if none of its ink survived the crop)."""
    cols = np.zeros((n + 1, ids.shape[1]), bool)
    ys, xs = np.nonzero(ids)
    cols[ids[ys, xs], xs] = True
    out: list[tuple[int, int] | None] = []
    for k in range(1, n + 1):
        hit = np.flatnonzero(cols[k])
        out.append((int(hit[0]), int(hit[-1]) + 1) if len(hit) else None)
    return out


def _spans(sample: Sample) -> list[tuple[int, int]]:
    """Piece index ranges [i, j) of the numbers: digit and punctuation pieces, with a digit."""
    out: list[tuple[int, int]] = []
    ps = sample.pieces
    i = 0
    while i < len(ps):
        if ps[i].label == OTHER or ps[i].text == " ":
            i += 1
            continue
        j = i
        while j < len(ps) and ps[j].label != OTHER and ps[j].text != " ":
            j += 1
        if any(p.text.isdigit() for p in ps[i:j]):
            out.append((i, j))
        i = j
    return out


def windows(sample: Sample, rng: random.Random) -> list[tuple[np.ndarray, str]]:
    """(normalized window, label) for each number on the line."""
    geom = line_geom(sample.gray)
    xh = geom.xh
    ext = _extents(sample.ids, len(sample.pieces))
    out: list[tuple[np.ndarray, str]] = []
    for i, j in _spans(sample):
        inside = [e for e in ext[i:j] if e is not None]
        if len(inside) != j - i:
            continue  # part of the number was lost (cropped): its label would be wrong
        x0, x1 = min(e[0] for e in inside), max(e[1] for e in inside)
        label = "".join(p.text for p in sample.pieces[i:j])
        left = ext[i - 1] if i > 0 and sample.pieces[i - 1].text != " " else None
        right = ext[j] if j < len(ext) and sample.pieces[j].text != " " else None
        # paper margin, never reaching the neighbour's ink unless on purpose
        lo = x0 - rng.uniform(0.0, 0.3) * xh
        hi = x1 + rng.uniform(0.0, 0.3) * xh
        if left is not None:
            lo = max(lo, min(x0, left[1]))
            if rng.random() < CONTEXT_P and left[1] - left[0] > 0.3 * xh:
                lo = max(left[0], x0 - rng.uniform(0.5, 1.5) * xh)
                label = OTHER_MARK + label
        if right is not None:
            hi = min(hi, max(x1, right[0]))
            if rng.random() < CONTEXT_P and right[1] - right[0] > 0.3 * xh:
                hi = min(right[1], x1 + rng.uniform(0.5, 1.5) * xh)
                label = label + OTHER_MARK
        out.append((_to_u8(window(sample.gray, geom, lo, hi)), label))
    return out


def _to_u8(x: np.ndarray) -> np.ndarray:
    return np.round(x * 255).astype(np.uint8)


def chunk(
    args: tuple[int, int, list[Face], tuple[float, float], Degrade | None],
) -> list[tuple[np.ndarray, str]]:
    """Windows of lines [start, stop) (a unit of work for a process pool)."""
    start, stop, faces, px_range, deg = args
    out: list[tuple[np.ndarray, str]] = []
    for seed in range(start, stop):
        sample = make_line(seed, faces, px_range, deg or TRAIN_DEGRADE)
        out.extend(windows(sample, random.Random(seed + 3_000_000)))
    return out
