"""Synthetic OCR lines for re-reading tests: one 10-pixel glyph per character, spaces as gaps."""

from __future__ import annotations

from schemas.page import BBox, Glyph, Line


def ocr_line(text: str, conf: float = 0.9) -> Line:
    glyphs = tuple(
        Glyph(ch, BBox(10 * i, 0, 10 * i + 9, 20), conf) for i, ch in enumerate(text) if ch != " "
    )
    return Line(text, BBox(0, 0, 10 * len(text), 20), conf, glyphs)
