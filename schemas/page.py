"""The page model: what `ingest` produces and `parsers` consume.

One model for both text sources (img2table's idea): a page read from the PDF text layer and a page
read by tesseract look the same here, with `mode` saying which produced it. Parsers never know the
difference, so every parser can be tested on stored page data without a PDF or tesseract.

Coordinates are PDF points (1/72 inch) in the *upright* page: origin top-left, y growing down,
after any rotation ingest applied. Plain frozen dataclasses (not pydantic) because a page holds
thousands of glyphs and must be cheap to build and to pickle across processes; `PAGE_ADAPTER`
gives JSON round-tripping for stored test data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import TypeAdapter

from schemas.types import PageMode


@dataclass(frozen=True, slots=True)
class BBox:
    """Axis-aligned box in points, top-left origin."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    def union(self, other: BBox) -> BBox:
        return BBox(
            min(self.x0, other.x0),
            min(self.y0, other.y0),
            max(self.x1, other.x1),
            max(self.y1, other.y1),
        )

    def shifted(self, dx: float, dy: float) -> BBox:
        return BBox(self.x0 + dx, self.y0 + dy, self.x1 + dx, self.y1 + dy)

    def contains_point(self, x: float, y: float, tol: float = 0.0) -> bool:
        return self.x0 - tol <= x <= self.x1 + tol and self.y0 - tol <= y <= self.y1 + tol

    def __reduce__(self) -> tuple[type[BBox], tuple[float, float, float, float]]:
        # Pickled as a constructor call (also Glyph and Line): a batch sends every OCR'd page
        # across processes twice, and dataclasses' generic slots state (`fields()` per object)
        # made that ~7 ms of CPU per page; this is ~2.5 ms.
        return (BBox, (self.x0, self.y0, self.x1, self.y1))


@dataclass(frozen=True, slots=True)
class Glyph:
    """One character (or grapheme cluster, for OCR) with its box.

    `conf` is 0..1 for OCR glyphs and None for text-layer glyphs.
    """

    text: str
    bbox: BBox
    conf: float | None = None

    def __reduce__(self) -> tuple[type[Glyph], tuple[str, BBox, float | None]]:
        return (Glyph, (self.text, self.bbox, self.conf))


@dataclass(frozen=True, slots=True)
class Line:
    """A line of text in reading order.

    `text` is as extracted (text layer) or recognized (OCR), with spaces where the geometry shows a
    gap; Thai repair is the parsers' job. `glyphs` keeps the geometry so parsers can split a line
    that crosses table cells; it may be empty when a source gives only line boxes.

    Invariant: `glyphs` spell `text` in order, where a space in `text` either is a glyph of its
    own (a space character the PDF wrote) or has no glyph (a gap seen in the geometry). A text
    ending in a space means the producer wrote a space at the end of the line: the line was
    wrapped at a space.
    """

    text: str
    bbox: BBox
    conf: float | None = None
    glyphs: tuple[Glyph, ...] = ()

    def __reduce__(
        self,
    ) -> tuple[type[Line], tuple[str, BBox, float | None, tuple[Glyph, ...]]]:
        return (Line, (self.text, self.bbox, self.conf, self.glyphs))


def glyph_offsets(line: Line) -> list[int] | None:
    """Index in `line.text` of each glyph's first character, or None if they do not align.

    Relies on the invariant above: glyphs spell the text, spaces being glyphs of their own or
    gaps without one.
    """
    offsets = []
    pos = 0
    text = line.text
    for g in line.glyphs:
        if g.text != " ":
            while pos < len(text) and text[pos] == " ":
                pos += 1
        if not text.startswith(g.text, pos):
            return None
        offsets.append(pos)
        pos += len(g.text)
    return offsets


def tokens(line: Line) -> list[tuple[int, int, list[int]]]:
    """(start, end, glyph indices) of each space-separated token of the line's text."""
    offsets = glyph_offsets(line)
    if offsets is None:
        return []
    out: list[tuple[int, int, list[int]]] = []
    for i, (g, off) in enumerate(zip(line.glyphs, offsets, strict=True)):
        if g.text == " ":
            continue
        if out and line.text[out[-1][1] : off].strip() == "" and off == out[-1][1]:
            start, _, idx = out[-1]
            out[-1] = (start, off + len(g.text), [*idx, i])
        else:
            out.append((off, off + len(g.text), [i]))
    return out


@dataclass(frozen=True, slots=True)
class Ruling:
    """A ruled line (table border) found on the page, as a thin box."""

    orientation: Literal["h", "v"]
    bbox: BBox


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a document, upright, with its lines and ruled lines."""

    number: int
    width: float
    height: float
    mode: PageMode
    lines: tuple[Line, ...] = ()
    rulings: tuple[Ruling, ...] = ()
    confidence: float | None = None
    rotation: int = 0
    notes: tuple[str, ...] = field(default=())
    """Codes of what ingest did to the page ("text_repaired", "text_replaced_by_ocr", ...)."""

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


PAGE_ADAPTER: TypeAdapter[Page] = TypeAdapter(Page)
PAGES_ADAPTER: TypeAdapter[list[Page]] = TypeAdapter(list[Page])
