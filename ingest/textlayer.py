"""Read a page's PDF text layer into lines, using geometry rather than content order.

Why geometry: Thai PDFs made by Word/LibreOffice often write mark glyphs (tone marks, upper and
lower vowels) out of order or in separate runs, so content-stream order (what pdftotext and
pdfplumber follow) detaches a tone mark from its consonant or even moves it past a line break.
Here every mark is put back on the base character it is drawn over, bases are grouped into lines
by baseline, and spaces come from visible gaps. pdfium is used because it extracts characters
with boxes ~50x faster than pdfplumber on these files.

Output text is *not* yet repaired (sara am, PUA, spaces inside words): that is
`parsers.thai_text`'s job, shared with the OCR path.
"""

from __future__ import annotations

import bisect
import ctypes
import unicodedata
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from schemas.page import BBox, Glyph, Line

SPACE_GAP_EM = 0.2
"""A horizontal gap wider than this share of the font size between two characters is a space."""
COLUMN_GAP_EM = 2.0
"""A gap wider than this splits a baseline into separate lines (columns, ที่ ... วันที่ ...)."""
BASELINE_TOL_EM = 0.35

_LOWER = "\u0e38\u0e39\u0e3a"
_UPPER_VOWELS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47"
_TONES = "\u0e48\u0e49\u0e4a\u0e4b"
_MARK_ORDER = {ch: i for i, ch in enumerate(_LOWER + _UPPER_VOWELS + _TONES + "\u0e4c\u0e4d\u0e4e")}


def is_mark(ch: str) -> bool:
    """Thai combining marks, including the PUA variants of marks (U+F701–U+F71A but ฐ/ญ)."""
    if "\uf700" <= ch <= "\uf71f":
        return ch not in ("\uf700", "\uf70f")
    return unicodedata.category(ch) == "Mn"


def _mark_rank(ch: str) -> int:
    return _MARK_ORDER.get(ch, 20)


@dataclass(slots=True)
class _Char:
    ch: str
    box: BBox
    base_y: float
    size: float
    index: int


@dataclass(frozen=True, slots=True)
class TextLayerStats:
    """Facts about a page's text layer that decide whether to trust it."""

    chars: int
    invisible_chars: int
    unmapped_chars: int
    image_coverage: float
    """Share of the page area covered by images (a scan with a text layer has ~1.0)."""
    path_objects: int


def _transform(rotation: int, width: float, height: float):  # type: ignore[no-untyped-def]
    """Map PDF user space (origin bottom-left) to upright top-left coordinates."""
    if rotation == 90:
        return lambda x, y: (y, x)
    if rotation == 180:
        return lambda x, y: (width - x, y)
    if rotation == 270:
        return lambda x, y: (height - y, width - x)
    return lambda x, y: (x, height - y)


def _page_geometry(page: pdfium.PdfPage) -> tuple[float, float, float, float, int]:
    x0, y0, x1, y1 = page.get_cropbox()
    return x0, y0, x1 - x0, y1 - y0, page.get_rotation() % 360


def upright_size(page: pdfium.PdfPage) -> tuple[float, float]:
    """Width and height of the page as displayed (after /Rotate)."""
    _, _, w, h, rot = _page_geometry(page)
    return (h, w) if rot in (90, 270) else (w, h)


def _read_chars(page: pdfium.PdfPage) -> tuple[list[_Char], TextLayerStats]:
    ox, oy, w, h, rot = _page_geometry(page)
    tf = _transform(rot, w, h)
    textpage = page.get_textpage()
    raw = textpage.raw
    n = pdfium_c.FPDFText_CountChars(raw)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    chars: list[_Char] = []
    invisible = unmapped = 0
    for i in range(n):
        if pdfium_c.FPDFText_IsGenerated(raw, i) == 1:
            continue
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        if pdfium_c.FPDFText_HasUnicodeMapError(raw, i) == 1:
            unmapped += 1
            continue
        if code in (0, 0xFFFE, 0xFFFF) or code in (0x0A, 0x0D):
            continue
        ch = chr(code)
        obj = pdfium_c.FPDFText_GetTextObject(raw, i)
        if obj and pdfium_c.FPDFTextObj_GetTextRenderMode(obj) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE:
            invisible += 1
        if not pdfium_c.FPDFText_GetCharBox(raw, i, left, right, bottom, top):
            continue
        pdfium_c.FPDFText_GetCharOrigin(raw, i, origin_x, origin_y)
        ax, ay = tf(left.value - ox, bottom.value - oy)
        bx, by = tf(right.value - ox, top.value - oy)
        _, base_y = tf(origin_x.value - ox, origin_y.value - oy)
        size = pdfium_c.FPDFText_GetFontSize(raw, i) or (abs(by - ay) or 10.0)
        box = BBox(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
        chars.append(_Char(ch, box, base_y, float(size), i))
    textpage.close()
    images = paths = 0
    image_area = 0.0
    for obj in page.get_objects(max_depth=2):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images += 1
            l_, b_, r_, t_ = obj.get_bounds()
            image_area += max(0.0, r_ - l_) * max(0.0, t_ - b_)
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            paths += 1
    stats = TextLayerStats(
        chars=sum(1 for c in chars if not c.ch.isspace()),
        invisible_chars=invisible,
        unmapped_chars=unmapped,
        image_coverage=min(1.0, image_area / max(1.0, w * h)),
        path_objects=paths,
    )
    return chars, stats


def _group_lines(bases: list[_Char]) -> list[list[_Char]]:
    """Group base characters by baseline, then split each baseline at wide gaps."""
    rows: list[list[_Char]] = []
    for c in sorted(bases, key=lambda c: (c.base_y, c.box.x0)):
        if rows:
            row = rows[-1]
            ref = row[0]
            if abs(c.base_y - ref.base_y) <= BASELINE_TOL_EM * max(ref.size, c.size):
                row.append(c)
                continue
        rows.append([c])
    lines: list[list[_Char]] = []
    for row in rows:
        row.sort(key=lambda c: (c.box.x0, c.index))
        current = [row[0]]
        for prev, c in zip(row, row[1:], strict=False):
            if c.box.x0 - prev.box.x1 > COLUMN_GAP_EM * max(prev.size, c.size):
                lines.append(current)
                current = []
            current.append(c)
        lines.append(current)
    return lines


def _attach_marks(marks: list[_Char], lines: list[list[_Char]]) -> dict[int, list[_Char]]:
    """Give each mark to the base it is drawn over.

    The line is chosen by vertical nearness of the mark to the line's mark zone, among lines that
    have a base under the mark; the base by horizontal overlap (bisect on x).
    """
    attached: dict[int, list[_Char]] = {}
    indexed = []
    for line in lines:
        solid = [c for c in line if not c.ch.isspace()]
        if solid:
            size = max(c.size for c in solid)
            indexed.append((solid, [c.box.cx for c in solid], solid[0].base_y, size))
    for m in marks:
        best: tuple[float, _Char] | None = None
        for solid, centers, base_y, size in indexed:
            dy = abs(m.box.cy - (base_y - 0.35 * size))
            if dy > 1.5 * size or (best is not None and dy >= best[0]):
                continue
            if m.box.cx < solid[0].box.x0 - size or m.box.cx > solid[-1].box.x1 + size:
                continue
            k = bisect.bisect_left(centers, m.box.cx)
            near = [solid[j] for j in (k - 1, k) if 0 <= j < len(solid)]
            base = min(near, key=lambda b: _x_distance(m.box.cx, b.box))
            if _x_distance(m.box.cx, base.box) <= 0.6 * size:
                best = (dy, base)
        if best is not None:
            attached.setdefault(best[1].index, []).append(m)
    return attached


def _x_distance(x: float, box: BBox) -> float:
    return 0.0 if box.x0 <= x <= box.x1 else min(abs(x - box.x0), abs(x - box.x1))


def _line_from(chars: list[_Char], marks: dict[int, list[_Char]]) -> Line:
    parts: list[str] = []
    glyphs: list[Glyph] = []
    box = chars[0].box
    prev: _Char | None = None
    for c in chars:
        if c.ch.isspace():
            if parts and parts[-1] != " ":
                parts.append(" ")
            prev = c
            continue
        if (
            prev is not None
            and not prev.ch.isspace()
            and parts
            and parts[-1] != " "
            and c.box.x0 - prev.box.x1 > SPACE_GAP_EM * max(prev.size, c.size)
        ):
            parts.append(" ")
        parts.append(c.ch)
        glyphs.append(Glyph(c.ch, c.box))
        box = box.union(c.box)
        for m in sorted(marks.get(c.index, []), key=lambda m: (_mark_rank(m.ch), m.index)):
            parts.append(m.ch)
            glyphs.append(Glyph(m.ch, m.box))
            box = box.union(m.box)
        prev = c
    return Line(text="".join(parts).strip(), bbox=box, conf=None, glyphs=tuple(glyphs))


def read_lines(page: pdfium.PdfPage) -> tuple[list[Line], TextLayerStats]:
    """The page's text layer as lines in reading order (top to bottom, left to right)."""
    chars, stats = _read_chars(page)
    marks = [c for c in chars if is_mark(c.ch)]
    bases = [c for c in chars if not is_mark(c.ch)]
    if not bases:
        return [], stats
    groups = _group_lines(bases)
    attached = _attach_marks(marks, groups)
    lines = []
    for group in groups:
        if all(c.ch.isspace() for c in group):
            continue
        line = _line_from(group, attached)
        if line.text:
            lines.append(line)
    lines.sort(key=lambda ln: (round(ln.bbox.y0, 1), ln.bbox.x0))
    return lines, stats
