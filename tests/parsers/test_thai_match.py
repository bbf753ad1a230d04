from __future__ import annotations

from parsers.thai_match import skeleton, starts_with_label


def test_skeleton_drops_marks_and_treats_sara_am_as_sara_aa() -> None:
    assert skeleton("เรื่อง") == skeleton("เรือง") == "เรอง"
    assert skeleton("สำนัก") == skeleton("สานก")


def test_labels_match_through_ocr_damage_at_word_boundaries() -> None:
    assert starts_with_label("ที่ อจ 71901/-", "ที่") == 3
    assert starts_with_label("ท อจ 31501/-", "ที่") == 1
    assert starts_with_label("เรือง รายงาน", "เรื่อง") == 5
    assert starts_with_label("วันที่ 20", "วันที่") == 6


def test_labels_do_not_match_inside_words() -> None:
    assert starts_with_label("ที่ดิน", "ที่") is None
    assert starts_with_label("เรื่องเดิม", "เรื่อง") is None
    assert starts_with_label("เรียนรู้", "เรียน") is None
