from __future__ import annotations

from parsers.checks import check_numbers
from parsers.warnings import WarningList
from schemas.document import Assessment, Header


def _codes(header: Header, assessment: Assessment) -> list[str]:
    warnings = WarningList()
    check_numbers(header, assessment, warnings)
    return warnings.codes()


def test_consistent_numbers_raise_nothing() -> None:
    header = Header(date="2024-02-20", date_text="20 กุมภาพันธ์ 2567")
    assessment = Assessment(fiscal_year_be=2566, score=84.14, evidence="ด้วยผลคะแนน 84.14 คะแนน")
    assert _codes(header, assessment) == []


def test_misread_years_are_flagged() -> None:
    header = Header(date="1979-02-20", date_text="20 กุมภาพันธ์ 2522")  # 2567 misread
    assert "date_implausible" in _codes(header, Assessment(fiscal_year_be=2566))
    assert "fiscal_year_implausible" in _codes(Header(), Assessment(fiscal_year_be=2522))
    mismatch = Header(date="2024-02-20", date_text="20 กุมภาพันธ์ 2567")
    assert "date_fiscal_year_mismatch" in _codes(mismatch, Assessment(fiscal_year_be=2562))


def test_score_without_two_decimals_is_flagged() -> None:
    assessment = Assessment(score=84.0, evidence="ได้คะแนน 84 คะแนน")
    assert "score_precision" in _codes(Header(), assessment)


def test_a_score_outside_its_level_band_is_flagged() -> None:
    header = Header()
    assert "score_level_mismatch" in _codes(header, Assessment(score=35.45, level="B"))
    assert "score_level_mismatch" in _codes(header, Assessment(score=85.0, level="B"))
    for score, level in ((78.45, "B"), (85.0, "A"), (100.0, "AA"), (84.14, "ต้องปรับปรุง")):
        assert "score_level_mismatch" not in _codes(header, Assessment(score=score, level=level))
