from __future__ import annotations

from parsers.layout import TextLine, clean_text, ends_early, join_lines, join_pair, split_line
from schemas.page import BBox, Glyph, Line


def _line(text: str, x0: float, x1: float, y0: float = 0.0, **kw: object) -> TextLine:
    return TextLine(text, BBox(x0, y0, x1, y0 + 14), 1, **kw)  # type: ignore[arg-type]


def test_clean_text_repairs_thai_and_converts_digits() -> None:
    assert clean_text("ส\uf70aวนราชการ  สํานักปลัด ๒๕๖๖") == "ส่วนราชการ สำนักปลัด 2566"


def test_wrapped_thai_joins_without_space_but_breaks_and_latin_keep_one() -> None:
    assert join_pair("องค์การบริหาร", "ส่วนตำบล", explicit_break=False) == "องค์การบริหารส่วนตำบล"
    assert join_pair("องค์การบริหาร", "ส่วนตำบล", explicit_break=True) == "องค์การบริหาร ส่วนตำบล"
    assert join_pair("One stop", "service", explicit_break=False) == "One stop service"
    assert join_pair("ทุกสำนัก/", "กอง", explicit_break=False) == "ทุกสำนัก/กอง"
    # Thai official writing puts a space before the fiscal-year phrase
    assert join_pair("ของหน่วยงาน", "ประจำปีงบประมาณ 2566", False) == (
        "ของหน่วยงาน ประจำปีงบประมาณ 2566"
    )


def test_a_short_line_followed_by_a_word_that_would_fit_is_an_explicit_break() -> None:
    short = _line("สำนักปลัด", 100, 150)
    full = _line("ผู้บริหารกำกับบุคลากรในสังกัดให้ปฏิบัติ", 100, 395)
    nxt = _line("ทุกกอง", 100, 133)
    assert ends_early(short, nxt, right_edge=400)
    assert not ends_early(full, nxt, right_edge=400)


def test_trailing_space_written_by_the_pdf_keeps_the_space_at_a_wrap() -> None:
    a = _line("จัดประชุมประจำเดือนทุกครั้ง", 100, 395, trailing_space=True)
    b = _line("ผู้บริหารกำกับบุคลากร", 100, 300, y0=20)
    assert join_lines([a, b], right_edge=400) == "จัดประชุมประจำเดือนทุกครั้ง ผู้บริหารกำกับบุคลากร"


def test_split_line_at_a_cell_border_keeps_marks_with_their_consonant() -> None:
    glyphs = (
        Glyph("ท", BBox(0, 0, 6, 10)),
        Glyph("\u0e35", BBox(1, -4, 5, -1)),
        Glyph("\u0e48", BBox(4.9, -8, 7.5, -5)),  # tone mark hanging over the border at x=6
        Glyph(" ", BBox(6, 0, 8, 10)),
        Glyph("ก", BBox(10, 0, 16, 10)),
    )
    line = Line("ที่ ก", BBox(0, -8, 16, 10), None, glyphs)
    left, right = split_line(line, [8.5])
    assert left.text == "ที่ "
    assert right.text == "ก"
