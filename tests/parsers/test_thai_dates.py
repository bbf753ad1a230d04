from __future__ import annotations

import pytest

from parsers.thai_dates import (
    expand_year,
    find_dates,
    fiscal_year_ce,
    fiscal_year_of,
    month_number,
    parse_date,
)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("20 กุมภาพันธ์ 2567", "2024-02-20"),
        ("วันที่ 5 มี.ค. 2568", "2025-03-05"),
        ("20 ก.พ. 67", "2024-02-20"),
        ("1 ตุลาคม พ.ศ. 2565", "2022-10-01"),
        ("28 พฤศจิกายน 2567", "2024-11-28"),
        ("11 ม.ค. 2567", "2024-01-11"),
        ("วันที่ 29 กุมภาพันธ์ 2567", "2024-02-29"),  # 2024 is a leap year
    ],
)
def test_thai_dates_become_iso(text: str, iso: str) -> None:
    date = parse_date(text)
    assert date is not None
    assert date.iso() == iso


def test_ocr_damaged_month_names_still_match() -> None:
    # tesseract drops tone marks and upper vowels: กุมภาพันธ์ -> กุมภาพนธ
    assert month_number("กุมภาพนธ") == 2
    assert month_number("พฤศจกายน") == 11
    assert month_number("มค") == 1


def test_months_sharing_a_skeleton_are_told_apart_by_their_marks() -> None:
    # ม.ค. (January) and มี.ค. (March) differ by one vowel: a stray mark must not make March
    assert month_number("ม.คุ.") == 1
    date = parse_date("11 ม.คุ. 2567")
    assert date is not None and date.iso() == "2024-01-11"
    assert month_number("มีค.") == 3
    assert month_number("ม่.ค.") is None  # as near one as the other: no guess


def test_a_dot_dropped_or_added_by_ocr_does_not_lose_the_month() -> None:
    assert month_number("ม.ค") == 1
    assert month_number("เม.ย") == 4
    assert month_number("กค.") == 7


def test_a_full_month_name_missing_one_letter_still_matches() -> None:
    # OCR lost the final ธ์ of กุมภาพันธ์; read น as บ in พฤศจิกายน
    assert month_number("กุมภาพน") == 2
    assert month_number("พฤศจิกายบ") == 11
    date = parse_date("19 กุมภาพน 2568")
    assert date is not None and date.iso() == "2025-02-19"
    assert month_number("ตุลาค") is None  # too short to trust one edit


def test_impossible_dates_are_rejected() -> None:
    assert parse_date("31 กุมภาพันธ์ 2567") is None
    assert parse_date("29 กุมภาพันธ์ 2566") is None  # 2023 is not a leap year
    assert parse_date("20 ฟ้าผ่า 2567") is None


def test_two_digit_years_are_buddhist_era() -> None:
    assert expand_year(67) == 2567
    assert expand_year(2566) == 2566


def test_all_dates_in_order() -> None:
    found = find_dates("คำสั่งที่ 70/2566 ลงวันที่ 9 กุมภาพันธ์ 2566 และ 20 ก.พ. 67")
    assert [d.iso() for d in found] == ["2023-02-09", "2024-02-20"]


def test_fiscal_year_rules() -> None:
    # FY 2566 BE runs 2022-10-01 .. 2023-09-30 and is called 2023 in CE
    assert fiscal_year_ce(2566) == 2023
    oct_1 = parse_date("1 ตุลาคม 2565")
    sep_30 = parse_date("30 กันยายน 2566")
    assert oct_1 is not None and sep_30 is not None
    assert fiscal_year_of(oct_1) == 2566
    assert fiscal_year_of(sep_30) == 2566


def test_date_after_a_number_and_printed_form_is_spaced() -> None:
    found = find_dates("กส 75201/612 วันชี 12 ธันวาคม 2566")
    assert [d.iso() for d in found] == ["2023-12-12"]
    date = parse_date("15มกราคม 2567")
    assert date is not None and date.text == "15 มกราคม 2567"
