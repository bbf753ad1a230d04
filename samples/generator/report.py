"""The attached report: cover page, คำนำ (preface), numbered sections; the table is `table.py`.

Why covers and prefaces at all: real ITA reports carry them, and they are where organization-name
variants and the fiscal year are repeated; parsers must cope with them, and the page count and
section order must look like the real thing.
"""

from __future__ import annotations

from samples.generator.canvas import RuleItem
from samples.generator.fonts import FontFace, load_face
from samples.generator.layout import Flow, Rendered
from samples.generator.shaping import text_width
from samples.generator.spec import DocSpec


def layout_cover(spec: DocSpec, out: Rendered) -> None:
    cover = spec.report.cover
    flow = Flow(spec, out, "cover")
    size = flow.lay.size
    head = load_face(flow.lay.heading_font, bold=True) if flow.lay.heading_font else flow.bold
    # Heading fonts (Kanit, Prompt...) are Latin-proportioned: smaller point size looks the same.
    k = 0.88 if flow.lay.heading_font else 1.0
    if cover.frame:
        _frame(flow, 34.0, 1.6)
        _frame(flow, 40.0, 0.6)
    title_size = _fit(head, size * 1.75 * k, cover.title_lines, flow.width - 20)
    lh = title_size * 1.45
    flow.y = flow.page.height * 0.24
    for line in cover.title_lines:
        flow.draw(line, flow.left, flow.y, flow.width, head, title_size, "center")
        flow.y += lh
    org_size = _fit(head, size * 1.3 * k, cover.org_lines, flow.width - 20)
    olh = org_size * 1.45
    flow.y = flow.page.height * 0.70
    for line in cover.org_lines:
        flow.draw(line, flow.left, flow.y, flow.width, head, org_size, "center")
        flow.y += olh


def _fit(face: FontFace, size: float, lines: list[str], width: float) -> float:
    """Largest size <= `size` at which every line fits (covers are set line by line)."""
    widest = max((text_width(face, size, t) for t in lines), default=0.0)
    return size if widest <= width else size * width / widest


def _frame(flow: Flow, inset: float, width: float) -> None:
    w, h = flow.page.width, flow.page.height
    x0, y0, x1, y1 = inset, inset, w - inset, h - inset
    for a, b, c, d in ((x0, y0, x1, y0), (x1, y0, x1, y1), (x1, y1, x0, y1), (x0, y1, x0, y0)):
        flow.page.items.append(RuleItem(a, b, c, d, width=width))


def layout_preface(spec: DocSpec, out: Rendered) -> None:
    preface = spec.report.preface
    if preface is None:
        return
    flow = Flow(spec, out, "preface")
    size = flow.lay.size
    lh = flow.line_height(size)
    flow.paragraph(preface.title, bold=True, size=size * 1.4, align="center", justify="none")
    flow.y += lh * 0.4
    for para in preface.paragraphs:
        flow.paragraph(para, first_indent=flow.lay.para_indent, space_after=lh * 0.25)
    flow.y += lh * 0.6
    center = flow.left + flow.width * 0.68
    half = flow.right - center
    flow.ensure(lh * len(preface.sign_lines))
    for line in preface.sign_lines:
        flow.draw(line, center - half, flow.y + lh * 0.72, 2 * half, flow.regular, size, "center")
        flow.y += lh


def layout_sections(spec: DocSpec, out: Rendered) -> None:
    flow = Flow(spec, out, "report", numbered=True)
    lh = flow.line_height(flow.lay.size)
    for i, section in enumerate(spec.report.sections):
        flow.paragraph(
            section.heading,
            bold=True,
            space_before=0.0 if i == 0 else lh * 0.45,
            justify="none",
            keep_lines=4,
        )
        for para in section.paragraphs:
            flow.paragraph(para, first_indent=flow.lay.para_indent, space_after=lh * 0.15)
