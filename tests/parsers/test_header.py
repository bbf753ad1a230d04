from __future__ import annotations

from collections.abc import Callable
from typing import Any

from parsers.document import _memo_lines, prepare
from parsers.header import parse_header, split_department
from parsers.layout import TextLine
from parsers.warnings import WarningList
from schemas.page import BBox, Page


def _memo(*texts: str) -> list[TextLine]:
    return [TextLine(t, BBox(80, 50 + 20 * i, 500, 64 + 20 * i), 1) for i, t in enumerate(texts)]


def test_seed_memo_header_from_stored_pages(
    stored_pages: Callable[[str], list[Page]], truth: Callable[[str], dict[str, Any]]
) -> None:
    lines = prepare(stored_pages("text_000_janlan"))
    warnings = WarningList()
    header = parse_header(_memo_lines(lines.flow), warnings)
    expected = truth("text/000_janlan.json")["header"]
    assert header.model_dump() == expected
    assert warnings.codes() == []


def test_ocr_style_header_with_merged_reference_and_date_and_damaged_labels() -> None:
    warnings = WarningList()
    header = parse_header(
        _memo(
            "บนทกขอความ",
            "ส่วนราชการ สำนักปลัด โทร. 0-4599-9663",
            "ท ลพ 75601/153 วนท 5 มี.ค. 2568",
            "เรือง รายงานผลการดำเนินการ",
            "เรียน นายกองค์การบริหารส่วนตำบลบ้านกลาง",
        ),
        warnings,
    )
    assert header.department == "สำนักปลัด"
    assert header.phone == "0-4599-9663"
    assert header.reference_no == "ลพ 75601/153"
    assert header.date == "2025-03-05"
    assert header.subject == "รายงานผลการดำเนินการ"
    assert header.to == "นายกองค์การบริหารส่วนตำบลบ้านกลาง"


def test_labels_in_another_order_and_dotted_leaders() -> None:
    header = parse_header(
        _memo(
            "บันทึกข้อความ",
            "ส่วนราชการ กองคลัง ..................",
            "วันที่ 28 พฤศจิกายน 2567",
            "ที่ ขก 52302/1987",
            "เรื่อง ขอรายงาน",
            "เรียน นายกเทศมนตรี",
        ),
        WarningList(),
    )
    assert header.department == "กองคลัง"
    assert header.reference_no == "ขก 52302/1987"
    assert header.date == "2024-11-28"


def test_missing_fields_are_warned_not_silently_empty() -> None:
    warnings = WarningList()
    header = parse_header(_memo("บันทึกข้อความ", "เรื่อง ขอรายงาน", "วันที่ 31 กุมภาพันธ์ 2567"), warnings)
    assert header.department is None and header.date is None
    assert "header_field_missing" in warnings.codes()
    assert "header_date_unreadable" in warnings.codes()


def test_department_and_phone() -> None:
    assert split_department("(งานนิติการ) สำนักปลัด โทร. 0-45999663") == (
        "(งานนิติการ) สำนักปลัด",
        "0-45999663",
    )
    assert split_department("กองคลัง โทรศัพท์ 045 123 456") == ("กองคลัง", "045 123 456")
    assert split_department("กองคลัง") == ("กองคลัง", None)
    assert split_department("กองคลัง โทร. 08-1234-5678 ต่อ 12")[1] == "08-1234-5678 ต่อ 12"


def test_ocr_debris_after_a_complete_phone_number_is_dropped() -> None:
    assert split_department("งานนิติการ โทร. 0-4425-1038 4 4")[1] == "0-4425-1038"
    assert split_department("งานบริหารทั่วไป โทร. 0-5347-1092 2")[1] == "0-5347-1092"
    assert split_department("กองคลัง โทร. 0 2123 4567 8")[1] == "0 2123 4567"


def test_misread_reference_and_date_labels_are_recovered_from_their_values() -> None:
    header = parse_header(
        _memo(
            "บันทึกข้อความ",
            "ส่วนราชการ กองคลัง",
            "ขี ลพ 75601/153 จนท 5 มี.ค. 2568",  # ที่ -> ขี, วันที่ -> จนท
            "เรื่อง ขอรายงาน",
            "เรียน นายก",
        ),
        WarningList(),
    )
    assert header.department == "กองคลัง"
    assert header.reference_no == "ลพ 75601/153"
    assert header.date == "2025-03-05"


def test_a_ti_label_glued_onto_the_reference_prefix_is_removed() -> None:
    def ref(line: str) -> str | None:
        memo = _memo("บันทึกข้อความ", "ส่วนราชการ กองคลัง", line, "เรื่อง ขอรายงาน", "เรียน นายก")
        return parse_header(memo, WarningList()).reference_no

    assert ref("ทอจ 71901/- จนท 20 กุมภาพันธ์ 2567") == "อจ 71901/-"  # ที่ -> "ท", space lost
    assert ref("ขี ทส 0201/153 จนท 5 มี.ค. 2568") == "ทส 0201/153"  # a real ท prefix is kept


def test_labels_with_one_misread_letter_and_an_unreadable_ti_beside_the_date() -> None:
    header = parse_header(
        _memo(
            "บันทึกข้อความ",
            "สวนราชภการ สำนักปลัด โทร. 0-5355-2417",  # ส่วนราชการ with an extra letter
            "ทนม 52303/014 วนท 15 มกราคม 2567",  # ที่ glued to the prefix, วันที่ damaged
            "แรอง รายงานผลการดำเนินการ",  # เรื่อง with เ read as แ
            "ประจำปีงบประมาณ พ.ศ. 2566",
            "เรียน นายก",
        ),
        WarningList(),
    )
    assert (header.department, header.phone) == ("สำนักปลัด", "0-5355-2417")
    assert header.reference_no == "นม 52303/014"
    assert header.date == "2024-01-15"
    assert header.subject == "รายงานผลการดำเนินการ ประจำปีงบประมาณ พ.ศ. 2566"
    assert header.to == "นายก"


def test_a_body_word_one_letter_from_a_short_label_is_not_a_label() -> None:
    # ที่ and วันที่ are too short to match loosely; "ทั่ว" is not ที่
    header = parse_header(
        _memo("บันทึกข้อความ", "ส่วนราชการ กองคลัง", "ทั่ว ไป", "เรื่อง ขอรายงาน", "เรียน นายก"),
        WarningList(),
    )
    assert header.reference_no is None
    assert header.subject == "ขอรายงาน"


def test_a_speck_before_a_label_does_not_hide_it() -> None:
    # a scan read the ส่วนราชการ line as ". สวนราชการ ..." (a speck, the ่ lost)
    warnings = WarningList()
    header = parse_header(
        _memo(
            "บันทึกข้อความ",
            ". สวนราชการ สํานักปลัดเทศบาล ฝ่ายอํานวยการ โทร. 0-3844-3221",
            "ที่ ชบ 52201/0385 วันที่ 19 กุมภาพันธ์ 2568",
            "เรื่อง รายงานผลการดำเนินการ",
            "เรียน นายกเทศมนตรีเมืองบ้านบึง",
        ),
        warnings,
    )
    assert header.department == "สํานักปลัดเทศบาล ฝ่ายอํานวยการ"
    assert header.phone == "0-3844-3221"
    assert "header_field_missing" not in warnings.codes()


def _ocr_memo(*texts: str) -> list[TextLine]:
    return [
        TextLine(t, BBox(80, 50 + 20 * i, 500, 64 + 20 * i), 1, ocr=True)
        for i, t in enumerate(texts)
    ]


def test_a_garbled_ti_line_still_gives_the_reference_and_the_date() -> None:
    # ที่ read "ทกสฒิ" (marks scattered on the prefix), วันที่ read "วนเท": neither label
    # matched, and the whole line used to run on into the department
    warnings = WarningList()
    header = parse_header(
        _ocr_memo(
            "บันทึกข้อความ",
            "ส่วนราชการ สำนักปลัด",
            "ทกสฒิ 75201/612 วนเท 12 ธันวาคม 2566",
            "เรื่อง รายงานผลการประเมิน",
            "เรียน นายกองค์การบริหารส่วนตำบลโพนงาม",
        ),
        warnings,
    )
    assert header.department == "สำนักปลัด"
    assert header.date == "2023-12-12"
    assert header.reference_no is not None and header.reference_no.endswith("75201/612")


def test_an_ocr_dropped_space_after_the_reference_prefix_is_put_back() -> None:
    lines = (
        "บันทึกข้อความ",
        "ส่วนราชกา ธิ กองยุทธศาสตร์และงบประมาณ",
        "ที่ ขก52302/1987 วันที่ 28 พฤศจิกายน 2567",
    )
    scanned = parse_header(_ocr_memo(*lines), WarningList())
    assert scanned.reference_no == "ขก 52302/1987"
    # the ร the label lost is not part of the department
    assert scanned.department == "กองยุทธศาสตร์และงบประมาณ"
    printed = parse_header(_memo(*lines), WarningList())  # a text layer is kept as printed
    assert printed.reference_no == "ขก52302/1987"


def test_the_long_department_label_may_have_two_misread_letters() -> None:
    header = parse_header(
        _ocr_memo(
            "บันทึกข้อความ",
            "ส่วนราชถตาร (งานนิติการ) สำนักปลัด โทร. 0-4599-9663",
            "ที่ อจ 71901/- วันที่ 20 กุมภาพันธ์ 2567",
        ),
        WarningList(),
    )
    assert header.department == "(งานนิติการ) สำนักปลัด"
