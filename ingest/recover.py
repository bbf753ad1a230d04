"""Read the text tesseract's page layout analysis skipped.

On table pages tesseract (psm 3) sometimes drops whole narrow columns of short entries — a
"responsible unit" column of "สำนักปลัด" lines, a header cell — because its layout analysis
takes them for non-text. Here the ink not covered by any recognized line is found, cut into
line-sized pieces, pasted one under the other into a single strip, and read with one more
tesseract run (psm 6, one block) whose lines are mapped back to where each piece came from.
One extra tesseract call per page, and only for pages that need it (see `ingest.strip`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import cv2
import numpy as np

from ingest import components, strip
from schemas.page import Line

MIN_INK_PX = 30
"""Pieces with less ink than this (at 300 dpi-ish scales) are specks, not text."""


def uncovered_regions(
    image: np.ndarray, lines: Sequence[Line], line_height: float
) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, y0, x1, y1) of text-like ink outside every recognized line (page pixels).

    `image` is a cleaned OCR input (white paper, dark strokes: `rulings.clean_background`),
    so a fixed threshold finds the ink. The search runs at half resolution: it only has to
    find line-sized pieces, and labelling a full page is the costly part.
    """
    small = cv2.resize(image, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    ink = np.where(small < 160, 255, 0).astype(np.uint8)
    lh = line_height / 2
    pad = max(1, int(0.15 * lh))
    for line in lines:
        b = line.bbox
        ink[
            max(0, int(b.y0 / 2) - pad) : int(b.y1 / 2) + pad,
            max(0, int(b.x0 / 2) - pad) : int(b.x1 / 2) + pad,
        ] = 0
    # Glue letters into words and words into line pieces, but not lines into paragraphs.
    kernel = cv2.getStructuringElement(
        cv2.MORPH_RECT, (max(3, int(0.6 * lh)), max(1, int(0.15 * lh)))
    )
    _, _, stats = components.with_stats(cv2.dilate(ink, kernel))
    st = stats[1:]
    keep = (st[:, 3] >= 0.45 * lh) & (st[:, 3] <= 2.5 * lh) & (st[:, 2] >= 0.5 * lh)
    boxes = [line.bbox for line in lines]
    near_x = 0.3 * line_height
    out = []
    for x, y, w, h, _ in st[keep]:
        if int(np.count_nonzero(ink[y : y + h, x : x + w])) < MIN_INK_PX / 4:
            continue
        x0, y0, x1, y1 = 2 * int(x), 2 * int(y), 2 * int(x + w), 2 * int(y + h)
        # A piece level with a line tesseract did read, just beyond its ends, is that line's
        # stray stroke or last letter, not a missed line.
        if any(
            b.x0 - near_x < x1
            and x0 < b.x1 + near_x
            and min(y1, b.y1) - max(y0, b.y0) > 0.5 * (y1 - y0)
            for b in boxes
        ):
            continue
        out.append((x0, y0, min(x1, image.shape[1]), min(y1, image.shape[0])))
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
