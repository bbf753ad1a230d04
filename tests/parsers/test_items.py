from __future__ import annotations

from parsers.items import marker, split_cell, split_items, strip_title_number
from parsers.layout import TextLine
from schemas.page import BBox

EDGE = 300.0


def _lines(*rows: tuple[str, float, float], page: int = 1) -> list[TextLine]:
    """(text, x1, y0) rows of one cell starting at x=100, 14 pt high."""
    return [TextLine(t, BBox(100, y, x1, y + 14), page) for t, x1, y in rows]


def test_markers() -> None:
    assert marker("1. จัดประชุม") == ("number", 1, 3)
    assert marker("(2) มอบหมาย")[:2] == ("number", 2)
    assert marker("- เจ้าหน้าที่")[0] == "bullet"
    assert marker("-เจ้าหน้าที่")[0] == "bullet"
    assert marker("• ติดประกาศ")[0] == "bullet"
    assert marker(". ติดประกาศ")[0] == "bullet"  # OCR's reading of "•"
    assert marker("2566 ปีงบประมาณ")[0] is None
    assert marker("100%")[0] is None


def test_numbered_items_with_wrapped_lines() -> None:
    lines = _lines(
        ("1. จัดประชุมบุคลากร", 295, 0),
        ("ในสังกัด", 150, 18),
        ("2. ให้บุคลากรในสังกัดเข้ารับ", 298, 36),
        ("การฝึกอบรม", 160, 54),
    )
    assert split_items(lines, EDGE) == ["จัดประชุมบุคลากรในสังกัด", "ให้บุคลากรในสังกัดเข้ารับการฝึกอบรม"]


def test_inline_numbering_splits_only_in_sequence() -> None:
    lines = _lines(("1. จัดประชุมบุคลากร 2. มอบหมายบุคลากร พ.ศ. 2566 ที่ 70/2566", 290, 0))
    assert split_items(lines, EDGE) == ["จัดประชุมบุคลากร", "มอบหมายบุคลากร พ.ศ. 2566 ที่ 70/2566"]


def test_paragraph_gap_and_short_lines_separate_unmarked_items() -> None:
    lines = _lines(("ทุกสำนัก/กอง", 296, 0), ("สำนักปลัด", 296, 60), ("ทุกสำนัก/กอง", 296, 120))
    assert split_items(lines, EDGE, line_pitch=18) == ["ทุกสำนัก/กอง", "สำนักปลัด", "ทุกสำนัก/กอง"]


def test_entries_aligned_with_another_columns_items_are_separate() -> None:
    lines = _lines(("สำนักปลัดเทศบาล", 298, 0), ("ทุกกอง", 298, 18))
    assert split_items(lines, EDGE, line_pitch=18) == ["สำนักปลัดเทศบาลทุกกอง"]
    items = split_cell(lines, EDGE, line_pitch=18, anchors=[(1, 0.0), (1, 18.0)])
    assert [i.text for i in items] == ["สำนักปลัดเทศบาล", "ทุกกอง"]


def test_item_cut_by_a_page_break_continues_but_a_complete_one_does_not() -> None:
    first = TextLine("จัดทำประมวลจริยธรรมสำหรับ", BBox(100, 500, 298, 514), 7)
    cont = TextLine("ฝ่ายบริหาร ฝ่ายสภา", BBox(100, 100, 200, 114), 8)
    cut = split_items([first, cont], EDGE, line_pitch=18, cell_bottoms={7: 520.0})
    assert cut == ["จัดทำประมวลจริยธรรมสำหรับฝ่ายบริหาร ฝ่ายสภา"]
    whole = split_items([first, cont], EDGE, line_pitch=18, cell_bottoms={7: 580.0})
    assert whole == ["จัดทำประมวลจริยธรรมสำหรับ", "ฝ่ายบริหาร ฝ่ายสภา"]


def test_title_numbering_is_stripped() -> None:
    assert strip_title_number("1. แนวทางการพัฒนา") == "แนวทางการพัฒนา"
    assert strip_title_number("(2) มาตรการ") == "มาตรการ"
    assert strip_title_number("มาตรการส่งเสริม") == "มาตรการส่งเสริม"


def test_an_item_does_not_end_inside_brackets() -> None:
    # "(งาน" ends its line early, but the bracket it opens closes on the next line
    lines = _lines(("กองคลัง (งาน", 180, 0), ("พัสดุ)", 140, 18), ("กองช่าง", 150, 36))
    items = split_items(lines, EDGE)
    assert [t.replace(" ", "") for t in items] == ["กองคลัง(งานพัสดุ)", "กองช่าง"]
    # a stray "(" that nothing closes on the next line joins nothing
    lines = _lines(("กองคลัง (", 150, 0), ("กองช่าง", 150, 18), ("สำนักปลัด)", 160, 36))
    assert split_items(lines, EDGE) == ["กองคลัง (", "กองช่าง", "สำนักปลัด)"]
    # a marker still starts a new item
    lines = _lines(("1. จัดประชุม (ครั้งที่", 180, 0), ("2. ๑)", 140, 18))
    assert len(split_items(lines, EDGE)) == 2


def test_a_word_the_line_breaker_cut_is_measured_whole() -> None:
    # a column too narrow for "ประชาสัมพันธ์": "งาน" / "ประชา" / "สัมพันธ์". "ประชา" alone
    # would have fitted after "งาน"; the word that did not was the whole "ประชาสัมพันธ์".
    lines = [
        TextLine("งาน", BBox(100, 0, 124, 14), 1, head_width=24),
        TextLine("ประชา", BBox(100, 18, 141, 32), 1, head_width=41),
        TextLine("สัมพันธ์", BBox(100, 36, 148, 50), 1, head_width=48),
    ]
    assert split_items(lines, 173.0, line_pitch=18) == ["งานประชาสัมพันธ์"]
    # a line that ended early before a whole word stays a break
    whole = [lines[0], TextLine("กองคลัง", BBox(100, 18, 141, 32), 1, head_width=41)]
    assert split_items(whole, 173.0, line_pitch=18) == ["งาน", "กองคลัง"]
