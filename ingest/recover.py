"""Read the text tesseract's page layout analysis skipped.

On table pages tesseract (psm 3) sometimes drops whole narrow columns of short entries — a
"responsible unit" column of "สำนักปลัด" lines, a header cell — because its layout analysis
takes them for non-text. Here the ink not covered by any recognized line is found, cut into
line-sized pieces, pasted one under the other into a single strip, and read with one more
tesseract run (psm 6, one block) whose lines are mapped back to where each piece came from.
One extra process per page, and only for pages that need it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from ingest import ocr
from ingest.rulings import binarize
from schemas.page import BBox, Glyph, Line

MIN_INK_PX = 30
"""Pieces with less ink than this (at 300 dpi-ish scales) are specks, not text."""
GAP_PX = 24


@dataclass(frozen=True, slots=True)
class Piece:
    """An uncovered region of the page (pixel box) and where it sits in the strip."""

    box: tuple[int, int, int, int]
    strip_y: int


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


def _strip(
    image: np.ndarray, boxes: list[tuple[int, int, int, int]]
) -> tuple[np.ndarray, list[Piece]]:
    width = max(b[2] - b[0] for b in boxes) + 2 * GAP_PX
    height = sum(b[3] - b[1] + GAP_PX for b in boxes) + GAP_PX
    strip = np.full((height, width), 255, dtype=np.uint8)
    pieces = []
    y = GAP_PX
    for x0, y0, x1, y1 in boxes:
        strip[y : y + (y1 - y0), GAP_PX : GAP_PX + (x1 - x0)] = image[y0:y1, x0:x1]
        pieces.append(Piece((x0, y0, x1, y1), y))
        y += (y1 - y0) + GAP_PX
    return strip, pieces


def _moved(line: Line, dx: float, dy: float) -> Line:
    def mv(b: BBox) -> BBox:
        return BBox(b.x0 + dx, b.y0 + dy, b.x1 + dx, b.y1 + dy)

    return Line(
        line.text,
        mv(line.bbox),
        line.conf,
        tuple(Glyph(g.text, mv(g.bbox), g.conf) for g in line.glyphs),
    )


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
    strip, pieces = _strip(image, boxes)
    out = run(strip)
    found: list[Line] = []
    for line in ocr.parse(out["tsv"], out["txt"]):
        letters = sum(1 for ch in line.text if ch.isalnum())
        if (line.conf or 0.0) < min_conf or letters < 2:  # a lone glyph is a stroke, not text
            continue
        cy = line.bbox.cy
        piece = next(
            (
                p
                for p in pieces
                if p.strip_y - GAP_PX / 2 <= cy <= p.strip_y + (p.box[3] - p.box[1]) + GAP_PX / 2
            ),
            None,
        )
        if piece is None:
            continue
        found.append(_moved(line, piece.box[0] - GAP_PX, piece.box[1] - piece.strip_y))
    return found
