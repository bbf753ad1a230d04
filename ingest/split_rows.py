"""Put Thai mark rows that tesseract split off back on their line.

With tall fonts (Garuda, Norasi) tesseract's line finder sometimes takes the row of tone marks
and upper vowels above a line for a line of its own: it then reads that row as garbage ("๐ =
๐ เล ร") and the real line without its marks ("ขึน" for "ขึ้น"). Such a pair is easy to see
in the geometry — a thin, low line sitting right on top of a normal one — and is fixed by
reading the two rows together as one line (psm 7). All pairs of a page go through one
tesseract process (`tesseract.run_many`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ingest import reread
from schemas.page import Line

THIN = 0.65
"""A mark row is at most this share of the height of the line below it."""


def split_pairs(lines: Sequence[Line]) -> list[tuple[int, int]]:
    """(mark row index, line index) pairs: a thin row sitting on top of a line it overlaps."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for i, m in enumerate(lines):
        mb = m.bbox
        for j, base in enumerate(lines):
            if i == j or j in used:
                continue
            b = base.bbox
            if mb.height >= THIN * b.height:
                continue
            if not (b.y0 - 0.5 * b.height <= mb.y1 <= b.y0 + 0.4 * b.height):
                continue
            overlap = min(mb.x1, b.x1) - max(mb.x0, b.x0)
            if overlap < 0.5 * mb.width:
                continue
            pairs.append((i, j))
            used.add(j)
            break
    return pairs


def rejoin(
    image: np.ndarray,
    lines: Sequence[Line],
    run_many: reread.RunMany,
) -> list[Line]:
    """`lines` with every split mark row re-read together with its line (pixel space)."""
    pairs = split_pairs(lines)
    if not pairs:
        return list(lines)
    cutouts = []
    for i, j in pairs:
        box = lines[i].bbox.union(lines[j].bbox)
        pad = int(0.25 * lines[j].bbox.height)
        cutouts.append(
            reread.cut(
                image, int(box.x0) - pad, int(box.y0) - pad, int(box.x1) + pad, int(box.y1) + pad
            )
        )
    drop: set[int] = set()
    replace: dict[int, Line] = {}
    for (i, j), joined in zip(pairs, reread.read_back(cutouts, run_many), strict=True):
        if joined is None:
            continue
        base = lines[j]
        if (joined.conf or 0.0) + 0.05 < (base.conf or 0.0):
            continue
        if len(joined.text.replace(" ", "")) < len(base.text.replace(" ", "")):
            continue
        replace[j] = joined
        drop.add(i)
    return [replace.get(k, ln) for k, ln in enumerate(lines) if k not in drop]
