from __future__ import annotations

from parsers.numerals import has_thai_digits, to_arabic, to_thai


def test_every_thai_digit_maps_to_its_arabic_digit() -> None:
    assert to_arabic("๐๑๒๓๔๕๖๗๘๙") == "0123456789"


def test_only_digits_change() -> None:
    assert to_arabic("ผลคะแนน ๘๔.๑๔ คะแนน") == "ผลคะแนน 84.14 คะแนน"
    assert to_arabic("โทร. ๐-๔๕๙๙๙๖๖๓ (tel 045)") == "โทร. 0-45999663 (tel 045)"


def test_detects_thai_digits() -> None:
    assert has_thai_digits("ปี ๒๕๖๖")
    assert not has_thai_digits("ปี 2566")


def test_to_thai_is_the_inverse_on_digits_only() -> None:
    assert to_thai("ผลคะแนน 84.14 คะแนน") == "ผลคะแนน ๘๔.๑๔ คะแนน"
    assert to_arabic(to_thai("0123456789")) == "0123456789"
