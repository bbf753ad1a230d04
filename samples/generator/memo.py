"""The บันทึกข้อความ (internal memo) pages, laid out like the official form.

Form conventions reproduced (ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ): the title large and bold,
header labels bold and larger than the values, "ที่" at the left and "วันที่" near the middle of
the same line, optional dotted lines after the labels, a continued เรื่อง line under its value,
body paragraphs indented 2.5 cm, signature blocks centred right of the middle.
"""

from __future__ import annotations

from samples.generator.canvas import RuleItem
from samples.generator.fonts import FontFace
from samples.generator.layout import Flow, Rendered
from samples.generator.spec import DocSpec, MemoBlock


def _label_value(
    flow: Flow, label: str, value: str, x: float, baseline: float, end: float, dotted: bool
) -> None:
    """Bold label then the value on the same baseline; dotted rule under the value if asked."""
    size = flow.lay.size
    lsize = size * 1.25
    x_label_end = flow.draw(label, x, baseline, end - x, flow.bold, lsize)
    vx = x_label_end + size * 0.45
    if value:
        # Word users shrink an over-long header value to keep the form's one-line layout.
        while _width(flow.regular, size, value) > end - vx - 2 and size > flow.lay.size * 0.7:
            size -= 0.5
        flow.draw(value, vx, baseline, end - vx, flow.regular, size)
    if dotted:
        _dots(flow, x_label_end + 2, end, baseline + size * 0.18)


def _dots(flow: Flow, x0: float, x1: float, y: float) -> None:
    flow.page.items.append(RuleItem(x0, y, x1, y, width=0.8, dash=(0.0, 2.6)))


def _continuation(
    flow: Flow, value: str, x: float, baseline: float, end: float, dotted: bool
) -> None:
    flow.draw(value, x, baseline, end - x, flow.regular, flow.lay.size)
    if dotted:
        _dots(flow, x - 4, end, baseline + flow.lay.size * 0.18)


def layout_memo(spec: DocSpec, out: Rendered) -> None:
    """Append the memo pages of `spec` to `out`."""
    flow = Flow(spec, out, "memo")
    memo = spec.memo
    size = flow.lay.size
    dotted = flow.lay.dotted_header
    lh = flow.line_height(size)
    head_lh = size * 1.25 * 1.45

    # Title: the garuda emblem sits at the left on real forms; the title is centred.
    title_size = size * 1.8
    flow.draw(
        "บันทึกข้อความ",
        flow.left,
        flow.top + title_size * 0.55,
        flow.width,
        flow.bold,
        title_size,
        "center",
    )
    flow.y = flow.top + title_size * 1.05

    value = memo.department + (f" โทร. {memo.phone}" if memo.phone else "")
    flow.y += head_lh
    _label_value(flow, "ส่วนราชการ", value, flow.left, flow.y, flow.right, dotted)

    flow.y += head_lh
    mid = flow.left + flow.width * 0.46
    _label_value(flow, "ที่", memo.reference_no, flow.left, flow.y, mid - 6, dotted)
    _label_value(flow, "วันที่", memo.date_text, mid, flow.y, flow.right, dotted)

    flow.y += head_lh
    subject_lines = memo.subject.split("\n")
    label_end = flow.left + _width(flow.bold, size * 1.25, "เรื่อง")
    _label_value(flow, "เรื่อง", subject_lines[0], flow.left, flow.y, flow.right, dotted)
    for extra in subject_lines[1:]:
        flow.y += lh
        _continuation(flow, extra, label_end + size * 0.45, flow.y, flow.right, dotted)

    flow.y += lh * 0.55
    flow.paragraph(f"เรียน {memo.to}", justify="none")
    flow.y += lh * 0.15

    sig_center = flow.left + flow.width * 0.6
    for i, block in enumerate(memo.blocks):
        if block.kind in ("comment", "closing"):
            # keep a comment/closing with its lines and the signature that follows (Word's
            # "keep with next"), so an order is never separated from who signed it
            flow.ensure(_group_height(flow, memo.blocks[i:]))
        if block.kind == "heading":
            flow.paragraph(
                block.text, bold=True, space_before=lh * 0.2, justify="none", keep_lines=3
            )
        elif block.kind == "para":
            flow.paragraph(block.text, first_indent=flow.lay.para_indent)
        elif block.kind == "item":
            flow.paragraph(block.text, first_indent=flow.lay.item_indent)
        elif block.kind == "closing":
            flow.paragraph(
                block.text, first_indent=flow.lay.para_indent, space_before=lh * 0.3, justify="none"
            )
        elif block.kind == "comment":
            flow.paragraph(block.text, space_before=lh * 0.5, justify="none", keep_lines=4)
        elif block.kind == "line":
            flow.paragraph(block.text, first_indent=flow.lay.para_indent * 0.5, justify="none")
        elif block.kind == "signature":
            assert block.signature is not None
            flow.signature(block.signature, sig_center)


def _group_height(flow: Flow, blocks: list[MemoBlock]) -> float:
    lh = flow.line_height(flow.lay.size)
    height = lh * 0.6
    for block in blocks:
        if block.kind == "signature" and block.signature is not None:
            return height + 6.0 + lh * (3.2 + len(block.signature.positions))
        height += lh
    return height


def _width(face: FontFace, size: float, text: str) -> float:
    from samples.generator.shaping import text_width

    return text_width(face, size, text)
