"""Read a "(name)" line again when the signature above it ran into it.

A memo's signatures are written just above the printed "(นาย...)" under them and often touch
it. tesseract's line finder then takes the pen strokes and the name for one line and reads the
strokes as letters in place of the name's start: "(นายประสิทธิ์ คํามา)" comes out as
"เย็บระ สิทธิ์ คํามา)", and the signatory is lost (the parsers only trust whole "(...)" lines).

Such a line is plain to see: it is much taller than the page's text lines (the strokes stand
above the name) and ends in ")" without starting with "(". Its bottom band, one text line high,
holds the printed name alone; it is read again (psm 7, all such lines of a page in one tesseract
process), and the reading replaces the line only when it is a whole "(...)" line at least
`KEEP` as long as the line was: a tall line that holds more text than a name (two text lines
tesseract joined, the second in parentheses) keeps all of it. Anything else leaves the line as
it was.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from statistics import median

import numpy as np

from ingest import reread
from schemas.page import Line

TALL = 1.6
"""A joined line is at least this many times the page's median line height (measured: 2.3x
for a signature over a name; text lines 0.8-1.2x)."""
BAND = 1.3
"""Height of the bottom band read again, in median line heights: the name and its marks."""
KEEP = 0.6
"""The band's reading replaces the line only if it has at least this share of its characters
(the strokes read as a few letters; a name read again is about as long as the joined line)."""
_WHOLE = re.compile(r"^\(\s*[^()]{3,60}\)$")


def joined_name_lines(lines: Sequence[Line]) -> tuple[list[int], float]:
    """Indices of the lines that look like a name with pen strokes over it, and the page's
    median line height (pixels)."""
    heights = [ln.bbox.height for ln in lines if ln.text.strip()]
    if not heights:
        return [], 0.0
    line_h = float(median(heights))
    found = [
        i
        for i, ln in enumerate(lines)
        if ln.bbox.height >= TALL * line_h
        and ln.text.strip().endswith(")")
        and not ln.text.strip().startswith("(")
    ]
    return found, line_h


def reread_names(image: np.ndarray, lines: Sequence[Line], run_many: reread.RunMany) -> list[Line]:
    """`lines` (pixel space) with each joined name line replaced by its bottom band's reading
    when that reading is a whole "(...)" line."""
    found, line_h = joined_name_lines(lines)
    if not found:
        return list(lines)
    margin = int(0.6 * line_h)
    cutouts = []
    for i in found:
        b = lines[i].bbox
        top = max(int(b.y0), int(b.y1 - BAND * line_h))
        cutouts.append(reread.cut(image, int(b.x0), top, int(b.x1) + 1, int(b.y1) + 1, margin))
    out = list(lines)
    for i, band in zip(found, reread.read_back(cutouts, run_many), strict=True):
        if band is None or not _WHOLE.match(band.text.strip()):
            continue
        if _letters(band.text) >= KEEP * _letters(lines[i].text):
            out[i] = band
    return out


def _letters(text: str) -> int:
    return len(text.replace(" ", ""))
