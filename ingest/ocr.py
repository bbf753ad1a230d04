"""tesseract output → the page model's lines, in pixel space.

tesseract's TSV splits Thai into one "word" per character (tesseract#2702), so it gives good
geometry and confidences but loses where the real spaces are; its plain-text output keeps the
spaces. One recognition pass writes both, and this module zips them back together line by line.
Coordinates stay in pixels here; the caller scales the finished page to points.
"""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass

from schemas.page import BBox, Glyph, Line

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _TsvWord:
    key: tuple[int, int, int, int]
    bbox: BBox
    conf: float
    text: str


def _rows(tsv: str) -> tuple[list[tuple[tuple[int, int, int, int], BBox]], list[_TsvWord]]:
    lines: list[tuple[tuple[int, int, int, int], BBox]] = []
    words: list[_TsvWord] = []
    reader = csv.reader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    next(reader, None)
    for row in reader:
        if len(row) < 11:
            continue
        level = int(row[0])
        key = (int(row[1]), int(row[2]), int(row[3]), int(row[4]))
        left, top, width, height = (int(v) for v in row[6:10])
        bbox = BBox(left, top, left + width, top + height)
        if level == 4:
            lines.append((key, bbox))
        elif level == 5:
            text = row[11] if len(row) > 11 else ""
            conf = float(row[10])
            if text.strip() and conf >= 0:
                words.append(_TsvWord(key, bbox, conf / 100.0, text))
    return lines, words


def _spaced_text(glyphs: list[Glyph], txt_line: str | None) -> str:
    """Line text with tesseract's own spaces when its txt line matches the TSV glyphs."""
    joined = "".join(g.text for g in glyphs)
    if txt_line is not None and txt_line.replace(" ", "") == joined:
        return " ".join(txt_line.split())
    return joined


def parse(tsv: str, txt: str) -> list[Line]:
    """Build lines (pixel coordinates) from one tesseract run's TSV and TXT outputs."""
    line_rows, words = _rows(tsv)
    by_key: dict[tuple[int, int, int, int], list[Glyph]] = {}
    for w in words:
        by_key.setdefault(w.key, []).append(Glyph(w.text, w.bbox, w.conf))
    txt_lines = [t for t in txt.splitlines() if t.strip()]
    ordered = [(bbox, by_key.get(key, [])) for key, bbox in line_rows]
    ordered = [(bbox, glyphs) for bbox, glyphs in ordered if glyphs]
    aligned = len(txt_lines) == len(ordered)
    if not aligned:
        log.debug(
            "tesseract txt has %d lines, tsv %d: using tsv only", len(txt_lines), len(ordered)
        )
    out: list[Line] = []
    for i, (bbox, glyphs) in enumerate(ordered):
        text = _spaced_text(glyphs, txt_lines[i] if aligned else None)
        conf = sum(g.conf or 0.0 for g in glyphs) / len(glyphs)
        out.append(Line(text=text, bbox=bbox, conf=conf, glyphs=tuple(glyphs)))
    return out


def shift_line(line: Line, dx: float, dy: float) -> Line:
    """A line read in a cut-out, moved back to where the cut-out came from (pixels)."""
    return Line(
        text=line.text,
        bbox=line.bbox.shifted(dx, dy),
        conf=line.conf,
        glyphs=tuple(Glyph(g.text, g.bbox.shifted(dx, dy), g.conf) for g in line.glyphs),
    )


def scale_line(line: Line, factor: float, dx: float = 0.0, dy: float = 0.0) -> Line:
    """Map a line from pixel space to points (factor = 72 / dpi), optionally shifted."""

    def sb(b: BBox) -> BBox:
        return BBox(b.x0 * factor + dx, b.y0 * factor + dy, b.x1 * factor + dx, b.y1 * factor + dy)

    return Line(
        text=line.text,
        bbox=sb(line.bbox),
        conf=line.conf,
        glyphs=tuple(Glyph(g.text, sb(g.bbox), g.conf) for g in line.glyphs),
    )
