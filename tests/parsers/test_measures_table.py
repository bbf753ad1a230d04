from __future__ import annotations

from collections.abc import Callable
from typing import Any

from parsers.measures_table import assign_headers, classify_header, header_scores, parse_measures
from parsers.warnings import WarningList
from schemas.page import BBox, Line, Page, Ruling


def test_header_cells_name_their_fields() -> None:
    assert classify_header("มาตรการหรือกิจกรรมในการดำเนินการเพื่อส่งเสริมคุณภาพ") == "title"
    assert classify_header("มาตรการ/แนวทางการดำเนินการ") == "title"
    assert classify_header("วิธีการดำเนินการ (เดิม)") == "methods"
    assert classify_header("สรุปผลการดำเนินการ") == "results"
    assert classify_header("ผลลัพธ์หรือความสำเร็จของการดำเนินการ") == "outcomes"
    assert classify_header("ผู้รับผิดชอบ") == "responsible"
    assert classify_header("หมายเหตุ") == "note"
    assert classify_header("ลำดับ") == "index"
    assert classify_header("ผลลพธหรอความสาเรจ") == "outcomes"  # OCR without marks


def test_seed_table_row_continued_after_a_repeated_header_is_one_measure(
    stored_pages: Callable[[str], list[Page]], truth: Callable[[str], dict[str, Any]]
) -> None:
    warnings = WarningList()
    measures = parse_measures(stored_pages("text_000_janlan"), warnings)
    expected = truth("text/000_janlan.json")["measures"]
    assert [m.model_dump() for m in measures] == expected
    assert measures[0].pages == [6, 7]
    assert warnings.codes() == []


def test_table_without_a_methods_column(
    stored_pages: Callable[[str], list[Page]], truth: Callable[[str], dict[str, Any]]
) -> None:
    measures = parse_measures(stored_pages("text_004_phonngam"), WarningList())
    assert [m.model_dump() for m in measures] == truth("text/004_phonngam.json")["measures"]
    assert all(m.methods == [] for m in measures)


def test_scanned_table_structure_from_ocr_pages(
    stored_pages: Callable[[str], list[Page]], truth: Callable[[str], dict[str, Any]]
) -> None:
    # OCR text differs in places (digits are re-read later); the structure must not.
    measures = parse_measures(stored_pages("scan_008_thaphra"), WarningList())
    expected = truth("scan/008_thaphra.json")["measures"]
    assert len(measures) == len(expected)
    for got, want in zip(measures, expected, strict=True):
        assert len(got.methods) == len(want["methods"])
        assert len(got.results) == len(want["results"])
        assert len(got.responsible) == len(want["responsible"])


def test_no_table_is_a_warning() -> None:
    warnings = WarningList()
    assert parse_measures([Page(1, 595, 842, "text")], warnings) == []
    assert warnings.codes() == ["measures_table_not_found"]


def test_ocr_damaged_headers_pick_the_best_unused_field() -> None:
    # "ผลการดลำเน็นการ" also half-matches methods' "แนวทางการดำเนินการ"; results fits best
    assert classify_header("ผลการดลำเน็นการ", taken={"title", "methods"}) == "results"
    assert classify_header("วิธีการดำเนินการ", taken={"methods"}) != "methods"


def _table_page(
    headers: list[str] | None, row: list[str | list[str]], number: int = 1, bottom: float = 200.0
) -> Page:
    """A one-row ruled table: a header row (unless None: a page the table continues on) and a
    body row `bottom` deep, one column per entry, 100 pt wide; a cell may hold several lines
    (15 pt apart)."""
    n = len(row)
    xs = [40.0 + 100 * i for i in range(n + 1)]
    top = 130.0 if headers is not None else 100.0
    rulings = [Ruling("h", BBox(xs[0], y, xs[-1], y + 1)) for y in (100.0, top, bottom)]
    rulings += [Ruling("v", BBox(x, 100, x + 1, bottom + 1)) for x in xs]
    lines = [
        Line(text, BBox(x + 5, 108.0, x + 90, 120.0), 0.95)
        for x, text in zip(xs, headers or [], strict=False)
        if text
    ]
    for x, cell in zip(xs, row, strict=False):
        for k, text in enumerate([cell] if isinstance(cell, str) else cell):
            if text:
                y = top + 10 + 15 * k
                lines.append(Line(text, BBox(x + 5, y, x + 90, y + 12), 0.95))
    return Page(number, 842, 595, "ocr", tuple(lines), tuple(rulings))


def test_unread_headers_between_known_ones_follow_the_usual_order() -> None:
    # OCR lost both headers between methods and responsible: they are results and outcomes
    page = _table_page(
        ["มาตรการ", "วิธีการดำเนินการ", "", "", "ผู้รับผิดชอบ"],
        ["มาตรการส่งเสริมคุณธรรม", "ประกาศ", "ประกาศแล้ว", "ไม่มีการร้องเรียน", "สำนักปลัด"],
    )
    warnings = WarningList()
    [measure] = parse_measures([page], warnings)
    assert measure.results == ["ประกาศแล้ว"]
    assert measure.outcomes == ["ไม่มีการร้องเรียน"]
    assert measure.responsible == ["สำนักปลัด"]
    assert warnings.codes() == []


def test_a_column_no_header_names_is_reported_not_dropped_silently() -> None:
    # one unreadable header between methods and note could be results, outcomes or responsible
    page = _table_page(
        ["มาตรการ", "วิธีการดำเนินการ", "", "หมายเหตุ"],
        ["มาตรการส่งเสริมคุณธรรม", "ประกาศ", "ประกาศแล้ว", ""],
    )
    warnings = WarningList()
    [measure] = parse_measures([page], warnings)
    assert measure.methods == ["ประกาศ"]
    assert warnings.codes() == ["measures_column_unknown"]


def test_garbled_headers_are_named_as_a_row_not_one_by_one() -> None:
    # A scan read "วิธีการดำเนินการ" as "วรธการดาเนนการ", which half-matches results'
    # "ผลการดำเนินการ" better than methods' "วิธีการ"; the real results header comes later.
    garbled = header_scores("วรธการดาเนนการ")
    assert garbled["results"] > garbled["methods"]
    row = [header_scores(t) for t in ("มาตรการ", "วรธการดาเนนการ", "ผลลพะธ", "ผลการดาเน้นการ")]
    assert assign_headers(row) == ["title", "methods", "outcomes", "results"]
    page = _table_page(
        ["มาตรการ/กิจกรรม", "วรธการดาเนนการ", "ผลลัพธ์", "ผลการดาเน้นการ", "ผู้รับผิดชอบ"],
        ["มาตรการส่งเสริมคุณธรรม", "จัดประชุม", "ไม่มีการร้องเรียน", "ประชุมแล้ว", "สำนักปลัด"],
    )
    [measure] = parse_measures([page], WarningList())
    assert (measure.methods, measure.results) == (["จัดประชุม"], ["ประชุมแล้ว"])
    assert measure.outcomes == ["ไม่มีการร้องเรียน"]


def test_a_title_cut_by_the_page_break_continues_on_the_next_page() -> None:
    # The title ran to the foot of page 1; page 2 starts with its rest (no number): one measure.
    # A title with room left below it is complete, so an unnumbered title on the next page
    # starts a new measure.
    headers = ["มาตรการ", "วิธีการดำเนินการ", "ผลการดำเนินการ"]
    cut = ["มาตรการส่งเสริม", "คุณธรรมภายใน", "หน่วยงาน", "เพื่อ"]
    for title, expected in (
        (cut, ["มาตรการส่งเสริมคุณธรรมภายในหน่วยงานเพื่อรักษาระดับการประเมิน"]),
        (cut[:2], ["มาตรการส่งเสริมคุณธรรมภายใน", "รักษาระดับการประเมิน"]),
    ):
        first = _table_page(headers, [title, "จัดประชุม", "ประกาศแล้ว"], 1, bottom=196.0)
        rest = _table_page(None, ["รักษาระดับการประเมิน", "", "ครบถ้วน"], 2)
        measures = parse_measures([first, rest], WarningList())
        assert [m.title for m in measures] == expected


def test_a_row_with_too_many_ways_to_name_it_is_read_cell_by_cell() -> None:
    # a body row of long cells half-matching every field: no exhaustive search
    row = [dict.fromkeys(("title", "methods", "results", "outcomes", "note"), 86.0)] * 10
    names = assign_headers(row)
    assert names[:5] == ["title", "methods", "results", "outcomes", "note"]
    assert names[5:] == [None] * 5


def test_pieces_of_one_row_are_joined_left_to_right() -> None:
    # OCR returned each list marker ("๑." read "1", its dot lost) as a line of its own, a
    # pixel lower than its text: ordered by tops it came after the text and joined the next
    # item ("มาตรการยกระดับ 1 การเปิดเผย..."); as one row it stays in front of its text
    headers = ["มาตรการ", "วิธีการดำเนินการ", "ผลการดำเนินการ"]
    page = _table_page(headers, ["มาตรการส่งเสริม", "", "ประกาศแล้ว"])
    x = 140.0  # the methods cell
    lines = [
        *page.lines,
        Line("1", BBox(x + 5, 141, x + 12, 153), 0.9),
        Line("จัดประชุมบุคลากรทุกคน", BBox(x + 20, 140, x + 95, 152), 0.9),
        Line("2", BBox(x + 5, 156, x + 12, 168), 0.9),
        Line("อบรมเจ้าหน้าที่ทุกฝ่าย", BBox(x + 20, 155, x + 95, 167), 0.9),
    ]
    page = Page(1, 842, 595, "ocr", tuple(lines), page.rulings)
    [measure] = parse_measures([page], WarningList())
    assert " ".join(measure.methods).split()[:2] == ["1", "จัดประชุมบุคลากรทุกคน"]
    assert "จัดประชุมบุคลากรทุกคน 1" not in " ".join(measure.methods)
