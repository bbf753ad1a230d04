"""Geometry of text for the parsers: normalized lines, splitting at cell borders, joining.

The parsers work on `TextLine`s: text already repaired (Thai), digits Arabic, with the box and
the page it came from. Splitting a raw line where it crosses a table border happens *before*
repair, on the glyph geometry, because repair changes the text and would break the glyph ↔
character correspondence.

Joining wrapped lines is where Thai differs from Latin scripts: words are not separated by
spaces, so a line wrapped between two Thai words must be joined with *no* space, while a line
the author ended early (an explicit break, a new phrase) is joined with one space.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from parsers.numerals import to_arabic
from parsers.thai_marks import restore_marks
from parsers.thai_text import repair
from schemas.page import BBox, Line, glyph_offsets

THAI_RANGE = ("\u0e01", "\u0e5b")


@dataclass(frozen=True, slots=True)
class TextLine:
    """A line ready for parsing: repaired Thai, Arabic digits, with provenance."""

    text: str
    bbox: BBox
    page: int
    conf: float | None = None
    min_conf: float | None = None
    """Lowest glyph confidence on the line (OCR only): a single bad digit shows up here."""
    trailing_space: bool = False
    """The PDF wrote a space at the end of the line: it was wrapped at a space."""
    head_width: float | None = None
    """Measured width of the first space-delimited chunk (None: glyph boxes untrustworthy)."""
    ocr: bool = False
    """Read by OCR (spelling differences may be misreadings rather than the author's)."""
    repaired: bool = False
    """From a text layer itadoc found broken and rebuilt: like OCR, its spelling is a
    reconstruction (a tone mark the broken layer dropped stays dropped), not the author's."""


def is_thai(ch: str) -> bool:
    return THAI_RANGE[0] <= ch <= THAI_RANGE[1]


_STRAY_MARK = re.compile(r"(?<=\s)[.,'`|“”\"]+(?=\s)")
"""A lone dot or quote between words of OCR text is a speck, not punctuation."""


@functools.lru_cache(maxsize=65536)
def clean_text(text: str, ocr: bool = False) -> str:
    """Repair Thai text, convert digits to Arabic, collapse whitespace.

    OCR text also gets the tone marks tesseract drops put back (`parsers.thai_marks`).
    """
    fixed = repair(text, trust_spaces=True)
    if ocr:
        fixed = _STRAY_MARK.sub(" ", restore_marks(fixed))
    return " ".join(to_arabic(fixed).split())


def _squeezed(line: Line) -> bool:
    """Glyph boxes that do not show where glyphs are (see ingest.textlayer.compressed)."""
    # parsers never import ingest; this mirrors the check for the parsers' own use.
    bases = [g for g in line.glyphs if g.text != " " and not _is_mark(g.text)]
    if len(bases) < 4:
        return True
    height = max(g.bbox.height for g in bases)
    if height <= 0 or (bases[-1].bbox.x1 - bases[0].bbox.x0) / len(bases) < 0.3 * height:
        return True
    # Boxes all of one width are interpolated (pdfium spreading an /ActualText over glyphs),
    # not measured: real Thai and Latin glyphs differ in width.
    widths = sorted(round(g.bbox.width, 1) for g in bases)
    return widths[0] == widths[-1]


def _head_width(line: Line) -> float | None:
    """Measured width of the line's first space-delimited chunk, when glyph boxes allow."""
    offsets = glyph_offsets(line)
    if not offsets or _squeezed(line):
        return None
    lead = len(line.text) - len(line.text.lstrip())
    cut = line.text.find(" ", lead)
    end = cut if cut > 0 else len(line.text)
    boxes = [g.bbox for g, o in zip(line.glyphs, offsets, strict=True) if o < end and g.text != " "]
    if not boxes:
        return None
    return max(b.x1 for b in boxes) - min(b.x0 for b in boxes)


def to_text_line(line: Line, page: int, *, ocr: bool = False, repaired: bool = False) -> TextLine:
    confs = [g.conf for g in line.glyphs if g.conf is not None]
    return TextLine(
        text=clean_text(line.text, ocr),
        bbox=line.bbox,
        page=page,
        conf=line.conf,
        min_conf=min(confs) if confs else None,
        trailing_space=line.text.endswith(" "),
        head_width=_head_width(line),
        ocr=ocr,
        repaired=repaired,
    )


def split_line(line: Line, cuts: Sequence[float]) -> list[Line]:
    """Split a raw line at x positions (table borders) using its glyph centres.

    Marks go with the base they follow, so a tone mark hanging over a border stays with its
    consonant. Lines without usable glyph geometry are returned whole.
    """
    inner = [x for x in cuts if line.bbox.x0 < x < line.bbox.x1]
    if not inner or not line.glyphs:
        return [line]
    offsets = glyph_offsets(line)
    if offsets is None:
        return [line]
    bounds = sorted(inner)
    parts: list[list[int]] = [[] for _ in range(len(bounds) + 1)]
    current = 0
    for i, g in enumerate(line.glyphs):
        if g.bbox.width > 0 and not _is_mark(g.text):
            cx = g.bbox.cx
            current = sum(1 for b in bounds if cx > b)
        parts[current].append(i)
    out = []
    for idx in parts:
        if not idx:
            continue
        start = offsets[idx[0]]
        last = idx[-1]
        end = offsets[last] + len(line.glyphs[last].text)
        text = line.text[start:end].lstrip()
        glyphs = tuple(line.glyphs[i] for i in idx)
        box = glyphs[0].bbox
        for g in glyphs[1:]:
            box = box.union(g.bbox)
        confs = [g.conf for g in glyphs if g.conf is not None]
        conf = sum(confs) / len(confs) if confs else line.conf
        if text.strip():
            out.append(Line(text=text, bbox=box, conf=conf, glyphs=glyphs))
    return out


def _is_mark(text: str) -> bool:
    return len(text) == 1 and (
        text == "\u0e31" or "\u0e34" <= text <= "\u0e3a" or "\u0e47" <= text <= "\u0e4e"
    )


def median(values: Iterable[float]) -> float:
    data = sorted(values)
    if not data:
        return 0.0
    mid = len(data) // 2
    return data[mid] if len(data) % 2 else (data[mid - 1] + data[mid]) / 2


def char_width(line: TextLine) -> float:
    n = sum(1 for ch in line.text if not _is_mark(ch))
    return line.bbox.width / max(1, n)


def _first_chunk_len(text: str) -> int:
    """Characters (marks excluded) up to the first space.

    Line breakers differ: Word breaks Thai at dictionary words, others keep a space-delimited
    chunk whole when it fits on the next line. Measuring the whole chunk makes "the author
    ended this line" the conservative call, so a wrapped line is never taken for a break.
    """
    head = text.split(" ", 1)[0]
    return sum(1 for ch in head if not _is_mark(ch))


def ends_early(
    prev: TextLine, nxt: TextLine, right_edge: float, left_edge: float | None = None
) -> bool:
    """Did the author end `prev` before the margin (a break), rather than the line wrapping?

    True when the first word of `nxt` would have fitted in the space left at the end of `prev`
    — or, for a centred line (equal room on both sides, given `left_edge`), in the room on
    both sides together.
    """
    room = right_edge - prev.bbox.x1
    if left_edge is not None:
        left_room = prev.bbox.x0 - left_edge
        cw = char_width(prev)
        if left_room > 2 * cw and abs(left_room - room) < 2 * cw:
            room += left_room
    if nxt.head_width is not None:
        need = nxt.head_width + 0.25 * char_width(prev)
    else:
        # Character widths vary a lot in Thai fonts: demand clearly more room than an
        # average estimate needs, so a wrapped line is not mistaken for a break.
        need = 1.1 * _first_chunk_len(nxt.text) * char_width(nxt) + 0.5 * char_width(prev)
    return room > need


PHRASE_STARTS = ("ประจำปีงบประมาณ", "พ.ศ.", "จำนวน", "ณ ", "ระหว่างวันที่", "ตั้งแต่วันที่", "เมื่อวันที่", "ลงวันที่")
"""Thai official writing puts a space before these phrases; a wrap there hid that space."""


def join_pair(left: str, right: str, explicit_break: bool) -> str:
    """Join two pieces of one logical text across a line break."""
    if not left:
        return right
    if not right:
        return left
    a, b = left[-1], right[0]
    if explicit_break or not (is_thai(a) and is_thai(b)) or right.startswith(PHRASE_STARTS):
        if a == "-" or a == "/":
            return left + right
        return left + " " + right
    return left + right


def join_lines(
    lines: Sequence[TextLine], right_edge: float | None = None, left_edge: float | None = None
) -> str:
    """One string from wrapped lines: no space inside a wrapped Thai run, one at real breaks."""
    if not lines:
        return ""
    edge = right_edge if right_edge is not None else max(ln.bbox.x1 for ln in lines)
    text = lines[0].text
    for prev, nxt in itertools.pairwise(lines):
        text = join_pair(
            text, nxt.text, prev.trailing_space or ends_early(prev, nxt, edge, left_edge)
        )
    return " ".join(text.split())
