"""Laid-out pages -> PDF content streams, with the text-layer profile's way of writing glyphs.

Why the profile matters here too: besides the ToUnicode CMap (`textmap`), producers differ in how
they write glyph runs. `clean`/`harfbuzz` write one TJ array per line, glyphs in shaping order
with kerning-style adjustments (what extractors handle best). `legacy` writes the spacing glyphs
of a line first and then every mark glyph as its own positioned run, as old Word exports do;
extractors that order by stream or by x then misplace tone marks and vowels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from samples.generator.canvas import FillItem, Page, PenItem, RuleItem, TextItem
from samples.generator.fonts import FontFace
from samples.generator.pdfwriter import (
    PdfWriter,
    embed_font,
    finish,
    fmt,
    helvetica,
    image_xobject,
)
from samples.generator.shaping import ShapedLine


@dataclass
class InvisibleLine:
    """A line of the (bad) invisible OCR layer: Latin-1 bytes stretched over a box."""

    x: float
    baseline: float
    width: float
    size: float
    data: bytes


@dataclass
class ImagePage:
    """A scanned page: one image covering the page, optionally with an invisible text layer."""

    width: float
    height: float
    px_width: int
    px_height: int
    data: bytes
    kind: str  # "jpeg" | "bilevel"
    invisible: list[InvisibleLine] = field(default_factory=list)


def _hex(gids: list[int]) -> str:
    return "<" + "".join(f"{g:04X}" for g in gids) + ">"


def _tj_line(face: FontFace, size: float, glyphs: list[tuple[int, float, float]]) -> list[str]:
    """TJ/Ts operators drawing glyphs (gid, x, y) relative to the current Tm origin."""
    ops: list[str] = []
    arr: list[str] = []
    seg: list[int] = []
    pen = 0.0
    rise = 0.0

    def flush_seg() -> None:
        if seg:
            arr.append(_hex(seg))
            seg.clear()

    def flush_arr() -> None:
        flush_seg()
        if arr:
            ops.append("[" + " ".join(arr) + "] TJ")
            arr.clear()

    for gid, x, y in glyphs:
        if abs(y - rise) > 0.001:
            flush_arr()
            ops.append(f"{fmt(y)} Ts")
            rise = y
        adj = (pen - x) * 1000 / size
        if abs(adj) > 0.05:
            flush_seg()
            arr.append(fmt(adj))
        seg.append(gid)
        pen = x + face.advances[gid] * size / face.upm
    flush_arr()
    if abs(rise) > 0.001:
        ops.append("0 Ts")
    return ops


def _clamped(line: ShapedLine) -> list[tuple[int, float, float]]:
    """Glyph positions with mark origins kept inside their cluster in logical order.

    A one-to-one producer (Word with TH Sarabun-style fonts) places every mark at the end of
    its base's advance, so extractors that sort characters by x (pdfminer/pdfplumber) keep
    "base, vowel, tone" order. HarfBuzz's GPOS offsets can put a mark past the next base or a
    tone left of its vowel; here such origins are clamped, moving a mark by at most a few
    hundredths of an em (checked to stay under 0.08 em)."""
    out: list[tuple[int, float, float]] = []
    pen = 0.0
    floor: float | None = None
    for g in line.glyphs:
        if g.mark:
            x = min(g.x, pen)
            if floor is not None:
                x = max(x, floor)
            if abs(x - g.x) > 0.08 * line.size:
                raise ValueError(f"clean profile: mark moved {x - g.x:.2f}pt in {line.text!r}")
            floor = x
            out.append((g.gid, x, g.y))
        else:
            out.append((g.gid, g.x, g.y))
            pen = g.x + g.advance
            floor = None
    return out


def _text_ops(page: Page, names: dict[str, str], profile: str) -> list[str]:
    ops = ["BT"]
    cur_font: tuple[str, float] | None = None
    cur_gray = 0.0
    for item in page.items:
        if not isinstance(item, TextItem):
            continue
        line = item.line
        if not line.glyphs:
            continue
        key = (names[line.face.key], line.size)
        if key != cur_font:
            ops.append(f"/{key[0]} {fmt(key[1])} Tf")
            cur_font = key
        if item.gray != cur_gray:
            ops.append(f"{fmt(item.gray)} g")
            cur_gray = item.gray
        x0, y0 = item.x, page.height - item.baseline
        ops.append(f"1 0 0 1 {fmt(x0)} {fmt(y0)} Tm")
        if profile == "legacy":
            bases = [(g.gid, g.x, g.y) for g in line.glyphs if not g.mark]
            ops += _tj_line(line.face, line.size, bases)
            for g in line.glyphs:
                if g.mark:
                    ops.append(f"1 0 0 1 {fmt(x0 + g.x)} {fmt(y0 + g.y)} Tm {_hex([g.gid])} Tj")
        elif profile == "clean":
            # One-to-one producers tag each line with its logical text (as Word/LibreOffice do
            # for complex scripts) and keep mark origins inside their base glyph's box.
            actual = ("\ufeff" + line.text).encode("utf-16-be").hex().upper()
            ops.append(f"/Span << /ActualText <{actual}> >> BDC")
            ops += _tj_line(line.face, line.size, _clamped(line))
            ops.append("EMC")
        else:
            ops += _tj_line(line.face, line.size, [(g.gid, g.x, g.y) for g in line.glyphs])
    ops.append("ET")
    return ops


def _graphics_ops(page: Page, fills: bool) -> list[str]:
    ops: list[str] = []
    h = page.height
    for item in page.items:
        if fills and isinstance(item, FillItem):
            ops.append(
                f"{fmt(item.gray)} g {fmt(item.x)} {fmt(h - item.y - item.h)} "
                f"{fmt(item.w)} {fmt(item.h)} re f 0 g"
            )
        elif not fills and isinstance(item, RuleItem):
            dash = "[] 0 d 0 J"
            if item.dash:
                dash = f"[{fmt(item.dash[0])} {fmt(item.dash[1])}] 0 d 1 J"
            ops.append(
                f"{dash} {fmt(item.width)} w {fmt(item.gray)} G "
                f"{fmt(item.x0)} {fmt(h - item.y0)} m {fmt(item.x1)} {fmt(h - item.y1)} l S"
            )
        elif not fills and isinstance(item, PenItem):
            r, g, b = item.rgb
            parts = [f"[] 0 d 1 J 1 j {fmt(item.width)} w {fmt(r)} {fmt(g)} {fmt(b)} RG"]
            parts.append(f"{fmt(item.start[0])} {fmt(h - item.start[1])} m")
            for c in item.curves:
                parts.append(
                    f"{fmt(c[0])} {fmt(h - c[1])} {fmt(c[2])} {fmt(h - c[3])} "
                    f"{fmt(c[4])} {fmt(h - c[5])} c"
                )
            parts.append("S 0 G")
            ops.append(" ".join(parts))
    return ops


def page_content(page: Page, names: dict[str, str], profile: str) -> bytes:
    ops = ["q", *_graphics_ops(page, fills=True), "Q"]
    ops += _text_ops(page, names, profile)
    ops += ["q", *_graphics_ops(page, fills=False), "Q"]
    return ("\n".join(ops) + "\n").encode("latin-1")


def _image_content(page: ImagePage, font: str | None) -> bytes:
    ops = ["q", f"{fmt(page.width)} 0 0 {fmt(page.height)} 0 0 cm /Im1 Do", "Q"]
    if page.invisible and font:
        ops.append("BT 3 Tr")
        for ln in page.invisible:
            natural = len(ln.data) * 0.5 * ln.size
            hscale = 100.0 * ln.width / natural if natural else 100.0
            body = ln.data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            ops.append(
                f"/{font} {fmt(ln.size)} Tf {fmt(hscale)} Tz 1 0 0 1 {fmt(ln.x)} "
                f"{fmt(page.height - ln.baseline)} Tm ({body.decode('latin-1')}) Tj"
            )
        ops.append("ET")
    return ("\n".join(ops) + "\n").encode("latin-1")


def build_pdf(pages: Sequence[Page | ImagePage], profile: str, title: str, ident: bytes) -> bytes:
    """Write a PDF from laid-out pages (text layer under `profile`) and/or scanned pages."""
    pdf = PdfWriter()
    used: dict[str, tuple[FontFace, set[int]]] = {}
    for page in pages:
        if isinstance(page, Page):
            for item in page.items:
                if isinstance(item, TextItem):
                    face = item.line.face
                    used.setdefault(face.key, (face, set()))[1].update(
                        g.gid for g in item.line.glyphs
                    )
    names: dict[str, str] = {}
    font_objs: dict[str, int] = {}
    for i, key in enumerate(sorted(used)):
        face, gids = used[key]
        names[key] = f"F{i + 1}"
        font_objs[key] = embed_font(pdf, face, gids, profile)
    helv: int | None = None
    entries: list[tuple[float, float, int, str]] = []
    for page in pages:
        if isinstance(page, Page):
            keys = sorted({i.line.face.key for i in page.items if isinstance(i, TextItem)})
            fonts = " ".join(f"/{names[k]} {font_objs[k]} 0 R" for k in keys)
            content = pdf.stream("", page_content(page, names, profile))
            entries.append((page.width, page.height, content, f"<< /Font << {fonts} >> >>"))
        else:
            img = image_xobject(pdf, page.px_width, page.px_height, page.data, page.kind)
            res = f"<< /XObject << /Im1 {img} 0 R >>"
            font = None
            if page.invisible:
                if helv is None:
                    helv = helvetica(pdf)
                font = "H1"
                res += f" /Font << /H1 {helv} 0 R >>"
            res += " >>"
            content = pdf.stream("", _image_content(page, font))
            entries.append((page.width, page.height, content, res))
    return finish(pdf, entries, title, ident)
