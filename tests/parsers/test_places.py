from __future__ import annotations

import pytest

from parsers.places import agreed_district, districts, known_district


def test_the_gazetteer_holds_real_districts_and_no_generic_words() -> None:
    names = districts()
    assert len(names) > 800
    assert {"พนา", "กมลาไสย", "วังน้ำเย็น", "เมืองขอนแก่น", "แม่แตง"} <= names
    assert not {"", "เมือง", "ใจ"} & names
    assert not any("อำเภอ" in n or "." in n for n in names)


@pytest.mark.parametrize(
    ("read", "district"),
    [
        ("พนา", "พนา"),  # exact names are kept
        ("วังนำเย็น", "วังน้ำเย็น"),  # tone mark and sara am lost
        ("วังน้าเย็น", "วังน้ำเย็น"),
        ("กมลาสย", "กมลาไสย"),  # a faint vowel lost
        ("เมืองขอนเเก่น", "เมืองขอนแก่น"),  # แ read as เเ
    ],
)
def test_ocr_readings_snap_to_the_one_close_district(read: str, district: str) -> None:
    assert known_district(read) == district


@pytest.mark.parametrize("read", ["กมลา", "บ้าน", "สันมหาพน", "", "ABC"])
def test_unclear_or_unknown_readings_are_not_guessed(read: str) -> None:
    # too short to be sure, ambiguous between several districts, or not a district at all
    assert known_district(read) is None


def test_readings_that_each_miss_by_one_letter_agree_on_one_district() -> None:
    # a scan read พนา as "พพนา" once and "นา" once: each alone is too far to be snapped
    assert known_district("พพนา") is None and known_district("นา") is None
    assert agreed_district(["พพนา", "นา"]) == "พนา"
    assert agreed_district(["พพนา"]) is None  # one reading alone pins nothing down
    assert agreed_district(["นา", "นา"]) is None
    assert agreed_district(["พพนา", "กมลาไสย"]) is None  # readings of different places
