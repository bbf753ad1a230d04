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
import itertools
import unicodedata
from dataclasses import dataclass

import numpy as np
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


def _is_mark_char(c: _Char) -> bool:
    """A mark by its code point, or an unmapped glyph drawn floating above the baseline."""
    if c.ch == "\ufffd":
        return c.box.y1 < c.base_y - 0.2 * c.size
    return is_mark(c.ch)


def _is_lower_mark(ch: str) -> bool:
    return ch in _LOWER or "\uf718" <= ch <= "\uf71a"


def _mark_rank(ch: str) -> int:
    return _MARK_ORDER.get(ch, 20)


@dataclass(slots=True)
class _Char:
    ch: str
    box: BBox
    base_y: float
    size: float
    index: int
    run_box: BBox | None = None
    """Bounds of the text run (PDF text object) the character was drawn in."""


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
    run_boxes: dict[int, BBox | None] = {}
    fl, fb, fr, ft = (ctypes.c_float() for _ in range(4))
    for i in range(n):
        if pdfium_c.FPDFText_IsGenerated(raw, i) == 1:
            continue
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        if pdfium_c.FPDFText_HasUnicodeMapError(raw, i) == 1:
            # A glyph without a Unicode mapping: keep its place (repair can often tell what it
            # was, e.g. the nikhahit of a sara am) instead of silently dropping it.
            unmapped += 1
            code = 0xFFFD
        if code in (0, 0xFFFE, 0xFFFF) or code in (0x0A, 0x0D):
            continue
        ch = chr(code)
        obj = pdfium_c.FPDFText_GetTextObject(raw, i)
        run_box: BBox | None = None
        if obj:
            if (
                pdfium_c.FPDFTextObj_GetTextRenderMode(obj)
                == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE
            ):
                invisible += 1
            key = ctypes.cast(obj, ctypes.c_void_p).value or 0
            if key not in run_boxes:
                run_boxes[key] = None
                if pdfium_c.FPDFPageObj_GetBounds(obj, fl, fb, fr, ft):
                    rx0, ry0 = tf(fl.value - ox, fb.value - oy)
                    rx1, ry1 = tf(fr.value - ox, ft.value - oy)
                    run_boxes[key] = BBox(
                        min(rx0, rx1), min(ry0, ry1), max(rx0, rx1), max(ry0, ry1)
                    )
            run_box = run_boxes[key]
        if not pdfium_c.FPDFText_GetCharBox(raw, i, left, right, bottom, top):
            continue
        pdfium_c.FPDFText_GetCharOrigin(raw, i, origin_x, origin_y)
        ax, ay = tf(left.value - ox, bottom.value - oy)
        bx, by = tf(right.value - ox, top.value - oy)
        _, base_y = tf(origin_x.value - ox, origin_y.value - oy)
        size = pdfium_c.FPDFText_GetFontSize(raw, i) or (abs(by - ay) or 10.0)
        box = BBox(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
        chars.append(_Char(ch, box, base_y, float(size), i, run_box))
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
        for prev, c in itertools.pairwise(row):
            if c.box.x0 - prev.box.x1 > COLUMN_GAP_EM * max(prev.size, c.size):
                lines.append(current)
                current = []
            current.append(c)
        lines.append(current)
    return lines


def _attach_marks(
    marks: list[_Char], lines: list[list[_Char]], by_index: dict[int, _Char]
) -> dict[int, list[_Char]]:
    """Give each mark to the base it belongs to.

    Geometry first: when the mark has a real glyph box drawn over a base (the line whose mark
    zone is nearest, the base under the mark's centre), that base wins, which undoes producers
    that write marks in a separate pass (old Word). When a PDF gives no usable glyph boxes
    (every character the same box, as in invisible OCR-style layers), content order decides:
    the base written just before the mark.
    """
    attached: dict[int, list[_Char]] = {}
    indexed = []
    for line in lines:
        solid = [c for c in line if not c.ch.isspace()]
        if solid:
            size = max(c.size for c in solid)
            indexed.append((solid, [c.box.cx for c in solid], solid[0].base_y, size))
    for m in marks:
        prev = _content_base(m, by_index)
        best: tuple[float, _Char] | None = None
        lower = _is_lower_mark(m.ch)
        for solid, centers, base_y, size in indexed:
            # Upper marks sit above their own line's baseline (never in the descender zone of
            # the line above); lower vowels hang below their line's baseline.
            if lower:
                dy = m.box.cy - base_y
                if dy < -0.5 * size or dy > 0.9 * size:
                    continue
            else:
                dy = base_y - m.box.cy
                if dy < 0.15 * size or dy > 1.8 * size:
                    continue
            if best is not None and dy >= best[0]:
                continue
            if m.box.cx < solid[0].box.x0 - size or m.box.cx > solid[-1].box.x1 + size:
                continue
            k = bisect.bisect_left(centers, m.box.cx)
            near = [solid[j] for j in (k - 1, k) if 0 <= j < len(solid)]
            base = min(near, key=lambda b: _x_distance(m.box.cx, b.box))
            if _x_distance(m.box.cx, base.box) <= 0.6 * size:
                best = (dy, base)
        geo = best[1] if best is not None else None
        if (
            geo is not None
            and _x_distance(m.box.cx, geo.box) <= 0.25 * geo.size
            and _looks_like_mark_box(m, geo)
        ):
            chosen: _Char | None = geo
        else:
            chosen = prev or geo
        if chosen is not None:
            attached.setdefault(chosen.index, []).append(m)
    return attached


def _content_base(m: _Char, by_index: dict[int, _Char]) -> _Char | None:
    """The base character written right before mark `m` (skipping other marks)."""
    for i in range(m.index - 1, max(-1, m.index - 6), -1):
        c = by_index.get(i)
        if c is not None:
            return c
    return None


def _looks_like_mark_box(m: _Char, base: _Char) -> bool:
    """Does the mark have a real glyph box (smaller than, or off the band of, its base)?"""
    return m.box.height < 0.8 * base.box.height or abs(m.box.cy - base.box.cy) > 0.2 * base.size


def _x_distance(x: float, box: BBox) -> float:
    return 0.0 if box.x0 <= x <= box.x1 else min(abs(x - box.x0), abs(x - box.x1))


def _cluster_right(c: _Char, marks: dict[int, list[_Char]]) -> float:
    return max([c.box.x1] + [m.box.x1 for m in marks.get(c.index, [])])


def _line_from(chars: list[_Char], marks: dict[int, list[_Char]]) -> Line:
    """One line from its base characters (x order) and their marks.

    Spaces: explicit space characters, plus gaps wider than the line's *typical* gap by
    `SPACE_GAP_EM`. Measuring against the typical gap matters for Thai "distributed"
    justification, which widens every gap of a line: a fixed threshold would put a space
    between every letter of such a line.
    """
    solid = [c for c in chars if not c.ch.isspace()]
    gaps = [b.box.x0 - _cluster_right(a, marks) for a, b in itertools.pairwise(solid)]
    typical = max(0.0, sorted(gaps)[len(gaps) // 2]) if gaps else 0.0
    parts: list[str] = []
    glyphs: list[Glyph] = []
    box = chars[0].box
    prev: _Char | None = None
    right = float("-inf")
    for c in chars:
        if c.ch.isspace():
            # An explicit space is kept as a glyph, so a space the producer wrote at the end of
            # a wrapped line (Word does) survives splitting the line at table borders.
            if parts and parts[-1] != " ":
                parts.append(" ")
                glyphs.append(Glyph(" ", c.box))
            prev = c
            continue
        if (
            prev is not None
            and not prev.ch.isspace()
            and parts
            and parts[-1] != " "
            and c.box.x0 - right > typical + SPACE_GAP_EM * max(prev.size, c.size)
        ):
            parts.append(" ")
        parts.append(c.ch)
        glyphs.append(Glyph(c.ch, c.box))
        box = box.union(c.box)
        right = c.box.x1
        for m in sorted(marks.get(c.index, []), key=lambda m: (_mark_rank(m.ch), m.index)):
            parts.append(m.ch)
            glyphs.append(Glyph(m.ch, m.box))
            box = box.union(m.box)
            right = max(right, m.box.x1)
        prev = c
    box = _extend_to_runs(box, chars)
    return Line(text="".join(parts), bbox=box, conf=None, glyphs=tuple(glyphs))


def _extend_to_runs(box: BBox, chars: list[_Char]) -> BBox:
    """Widen a line's box to the text runs it was drawn with.

    Character boxes are not always where the glyphs are: with a line-level /ActualText (as
    Word and LibreOffice write for complex scripts) pdfium spreads the characters over the
    first glyphs' boxes and the line seems to end early. The run's own bounds do not lie.
    Runs are used only when they sit on this line and start inside it.
    """
    x1 = box.x1
    for c in chars:
        r = c.run_box
        if r is not None and box.y0 - 2 <= r.cy <= box.y1 + 2 and box.x0 - 2 <= r.x0 <= box.x1:
            x1 = max(x1, r.x1)
    return BBox(box.x0, box.y0, x1, box.y1) if x1 > box.x1 else box


def compressed(line: Line) -> bool:
    """Are the line's character boxes squeezed (e.g. pdfium's handling of /ActualText)?

    Real Thai and Latin glyphs average 0.4-0.6 of the line height; boxes averaging under
    0.3 mean the
    boxes do not show where the glyphs are.
    """
    bases = [g for g in line.glyphs if not is_mark(g.text)]
    if len(bases) < 4:
        return False
    height = max(g.bbox.height for g in bases)
    mean_width = (bases[-1].bbox.x1 - bases[0].bbox.x0) / len(bases)
    return height > 0 and mean_width < 0.3 * height


def widen_to_ink(line: Line, ink: np.ndarray, dpi: float, stops: list[float]) -> Line:
    """Extend a line's right edge to where its ink really ends (for `compressed` lines).

    Scans the binarized page image (ink = True) in the line's band from its left edge,
    following ink across gaps narrower than ~1 em and never past a vertical ruling.
    """
    f = dpi / 72.0
    y0 = int(line.bbox.y0 * f + 0.2 * line.bbox.height * f)
    y1 = max(y0 + 1, int(line.bbox.y1 * f - 0.2 * line.bbox.height * f))
    x0 = int(line.bbox.x0 * f)
    limit = min([x * f for x in stops if x > line.bbox.x0 + 1] + [ink.shape[1]])
    band = ink[max(0, y0) : y1, x0 : int(limit) - 1]
    if band.size == 0:
        return line
    cols = np.flatnonzero(band.any(axis=0))
    if cols.size == 0:
        return line
    max_gap = line.bbox.height * f
    end = cols[0]
    for c in cols[1:]:
        if c - end > max_gap:
            break
        end = c
    x1 = (x0 + end + 1) / f
    if x1 <= line.bbox.x1:
        return line
    b = line.bbox
    return Line(line.text, BBox(b.x0, b.y0, x1, b.y1), line.conf, line.glyphs)


def read_lines(page: pdfium.PdfPage) -> tuple[list[Line], TextLayerStats]:
    """The page's text layer as lines in reading order (top to bottom, left to right)."""
    chars, stats = _read_chars(page)
    marks = [c for c in chars if _is_mark_char(c)]
    bases = [c for c in chars if not _is_mark_char(c)]
    if not bases:
        return [], stats
    groups = _group_lines(bases)
    by_index = {c.index: c for c in bases if not c.ch.isspace()}
    attached = _attach_marks(marks, groups, by_index)
    lines = []
    for group in groups:
        if all(c.ch.isspace() for c in group):
            continue
        line = _line_from(group, attached)
        if line.text.strip():
            lines.append(line)
    lines.sort(key=lambda ln: (round(ln.bbox.y0, 1), ln.bbox.x0))
    return lines, stats
