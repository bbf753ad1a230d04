"""Read the text tesseract's page layout analysis skipped.

On table pages tesseract (psm 3) sometimes drops whole narrow columns of short entries — a
"responsible unit" column of "สำนักปลัด" lines, a header cell — because its layout analysis
takes them for non-text. Here the ink not covered by any recognized line is found, cut into
line-sized pieces, pasted one under the other into a single strip, and read with one more
tesseract run (psm 6, one block) whose lines are mapped back to where each piece came from.
One extra process per page, and only for pages that need it (see `ingest.strip`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import cv2
import numpy as np

from ingest import strip
from ingest.rulings import binarize
from schemas.page import Line

MIN_INK_PX = 30
"""Pieces with less ink than this (at 300 dpi-ish scales) are specks, not text."""


def uncovered_regions(
    image: np.ndarray, lines: Sequence[Line], line_height: float
) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, y0, x1, y1, pixels) of text-like ink outside every recognized line."""
    ink = binarize(image)
    covered = np.zeros_like(ink)
    pad = max(2, int(0.15 * line_height))
    for line in lines:
        b = line.bbox
        covered[
            max(0, int(b.y0) - pad) : int(b.y1) + pad, max(0, int(b.x0) - pad) : int(b.x1) + pad
        ] = 255
    rest = cv2.bitwise_and(ink, cv2.bitwise_not(covered))
    # Glue letters into words and words into line pieces, but not lines into paragraphs.
    kx = max(3, int(0.6 * line_height))
    blobs = cv2.dilate(
        rest, cv2.getStructuringElement(cv2.MORPH_RECT, (kx, max(1, int(0.15 * line_height))))
    )
    n, _, stats, _ = cv2.connectedComponentsWithStats(blobs, connectivity=8)
    near_x = 0.3 * line_height
    out = []
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if h < 0.45 * line_height or h > 2.5 * line_height or w < 0.5 * line_height:
            continue
        if int(np.count_nonzero(rest[y : y + h, x : x + w])) < MIN_INK_PX:
            continue
        # A piece level with a line tesseract did read, just beyond its ends, is that line's
        # stray stroke or last letter, not a missed line.
        if any(
            b.x0 - near_x < x + w
            and x < b.x1 + near_x
            and min(y + h, b.y1) - max(y, b.y0) > 0.5 * h
            for b in (ln.bbox for ln in lines)
        ):
            continue
        out.append((int(x), int(y), int(x + w), int(y + h)))
    out.sort(key=lambda b: (b[1], b[0]))
    return out


def recover(
    image: np.ndarray,
    lines: Sequence[Line],
    run: Callable[[np.ndarray], dict[str, str]],
    *,
    min_conf: float = 0.5,
) -> list[Line]:
    """Lines found in the ink `lines` do not cover (pixel space), read with one `run` call.

    `run(strip) -> {"tsv": ..., "txt": ...}` is the tesseract call (psm 6). Lines read with a
    confidence under `min_conf` are dropped: what layout analysis skipped may be a stamp or a
    signature, not text.
    """
    heights = sorted(ln.bbox.height for ln in lines if ln.text.strip())
    if not heights:
        return []
    line_height = heights[len(heights) // 2]
    boxes = uncovered_regions(image, lines, line_height)
    if not boxes:
        return []
    found: list[Line] = []
    for _, line in strip.read(image, boxes, run):
        letters = sum(1 for ch in line.text if ch.isalnum())
        if (line.conf or 0.0) < min_conf or letters < 2:  # a lone glyph is a stroke, not text
            continue
        found.append(line)
    return found
