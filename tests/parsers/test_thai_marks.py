from __future__ import annotations

from pathlib import Path

import pytest

from parsers.thai_marks import restore_marks

CORPUS = Path(__file__).resolve().parent / "data" / "thai_gov_sentences.txt"


@pytest.mark.parametrize(
    ("ocr", "fixed"),
    [
        ("จัดซือจัดจ้าง", "จัดซื้อจัดจ้าง"),  # letters outside words before, none after
        ("ดำเนินการต่อเนือง", "ดำเนินการต่อเนื่อง"),  # ต่อ|เนือง -> the compound ต่อเนื่อง
        ("คุณธรรมและความโปรงใส", "คุณธรรมและความโปร่งใส"),
        ("แต่งตังผู้รับผิดชอบ", "แต่งตั้งผู้รับผิดชอบ"),
    ],
)
def test_dropped_tone_marks_are_put_back(ocr: str, fixed: str) -> None:
    assert restore_marks(ocr) == fixed


@pytest.mark.parametrize(
    "text",
    [
        "องค์การบริหารส่วนตำบลจานลาน",  # จาน|ลาน must not become จาน|ล้าน
        "ก่อสร้างรางระบายน้ำ",  # ราง, not ร่าง
        "นายชาตรี ศรีวงษา",  # an unknown name stays as it is
        "ขก 52302/1987",
        "ไม มีการร้องเรียน",  # ไม่ or ไม้? too short and ambiguous: untouched
    ],
)
def test_names_and_ambiguous_readings_are_left_alone(text: str) -> None:
    assert restore_marks(text) == text


def test_well_formed_government_prose_is_never_changed() -> None:
    sentences = [s.strip() for s in CORPUS.read_text("utf-8").splitlines() if s.strip()]
    assert len(sentences) > 200
    assert [s for s in sentences if restore_marks(s) != s] == []
