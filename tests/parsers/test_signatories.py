from __future__ import annotations

from parsers.layout import TextLine
from parsers.signatories import is_person_name, mend_name, parse_signatories
from parsers.warnings import WarningList
from schemas.page import BBox


def _at(text: str, x0: float, y: float, page: int = 1) -> TextLine:
    return TextLine(text, BBox(x0, y, x0 + 8 * len(text) / 2, y + 14), page)


def test_name_then_position_lines_and_side_by_side_blocks() -> None:
    lines = [
        _at("(นายเอกเทพ เอกทัตร์)", 300, 100),
        _at("รองปลัดองค์การบริหารส่วนตำบล รักษาการแทน", 270, 118),
        _at("ปลัดองค์การบริหารส่วนตำบลจานลาน", 280, 136),
        _at("ความเห็นนายก", 80, 154),
        _at("(นางสาวศิริ ใจดี)", 60, 300),
        _at("(นายสมชาย ขยัน)", 330, 300),
        _at("ผู้อำนวยการกองคลัง", 55, 318),
        _at("ปลัดเทศบาล", 335, 318),
    ]
    sig = parse_signatories(lines, WarningList())
    assert [(s.name, s.position) for s in sig] == [
        ("นายเอกเทพ เอกทัตร์", "รองปลัดองค์การบริหารส่วนตำบล รักษาการแทน ปลัดองค์การบริหารส่วนตำบลจานลาน"),
        ("นางสาวศิริ ใจดี", "ผู้อำนวยการกองคลัง"),
        ("นายสมชาย ขยัน", "ปลัดเทศบาล"),
    ]


def test_parenthesised_words_that_are_not_people() -> None:
    assert is_person_name("นางศิริพร จันทร์เกิน")
    assert not is_person_name("งานนิติการ")
    warnings = WarningList()
    assert parse_signatories([_at("(งานนิติการ)", 80, 100)], warnings) == []


def test_brackets_ocr_read_as_square_or_doubled_still_mark_a_name() -> None:
    lines = [
        _at("[นางสุภาพร วงศ์ใหญ่)]", 295, 100),
        _at("หัวหน้าฝ่ายอำนวยการ", 300, 118),
        _at("[นายณรงค์ชัย คุณปลื้ม]", 290, 300),
        _at("นายกเทศมนตรีเมืองบางพระ", 275, 318),
        _at("[ข้อ 1]", 80, 400),
    ]
    sig = parse_signatories(lines, WarningList())
    assert [(s.name, s.position) for s in sig] == [
        ("นางสุภาพร วงศ์ใหญ่", "หัวหน้าฝ่ายอำนวยการ"),
        ("นายณรงค์ชัย คุณปลื้ม", "นายกเทศมนตรีเมืองบางพระ"),
    ]


def test_a_speck_and_a_split_title_in_a_scanned_name_are_mended() -> None:
    # "(นายอภิชาติ แสนสุข)" read "[นา! ยอภิชาติ แสนสุข]": no title, three words
    assert mend_name("นา! ยอภิชาติ แสนสุข") == "นายอภิชาติ แสนสุข"
    assert mend_name("นาง พรทิพย์ มูลสาร") == "นาง พรทิพย์ มูลสาร"  # a whole title stays
    assert mend_name("นายสุเมธ ภูมิสถาน") == "นายสุเมธ ภูมิสถาน"
    sig = parse_signatories(
        [_at("[นา! ยอภิชาติ แสนสุข]", 300, 100), _at("ปลัดเทศบาล", 310, 118)], WarningList()
    )
    assert [(s.name, s.position) for s in sig] == [("นายอภิชาติ แสนสุข", "ปลัดเทศบาล")]
    specked = parse_signatories([_at("(นายกิตติพัฒน์ เรืองศรี) :", 300, 100)], WarningList())
    assert [s.name for s in specked] == ["นายกิตติพัฒน์ เรืองศรี"]
