from __future__ import annotations

from parsers.assessment import parse_assessment
from parsers.layout import TextLine
from parsers.warnings import WarningList
from schemas.page import BBox


def _lines(*texts: str) -> list[TextLine]:
    return [
        TextLine(t, BBox(0, 20 * i, 400, 20 * i + 14), 1 + i // 10) for i, t in enumerate(texts)
    ]


def test_seed_phrasing() -> None:
    warnings = WarningList()
    a = parse_assessment(
        _lines(
            "ประจำปีงบประมาณ 2566",
            "ผลการประเมินอยู่ในระดับต้องปรับปรุง ด้วยผลคะแนน 84.14 คะแนน ไม่ผ่าน",
            "การประเมิน ซึ่งต้องมีการปรับปรุง",
            "เพื่อให้สามารถผ่านการประเมินในปีงบประมาณ 2567",
        ),
        warnings,
    )
    assert (a.score, a.level, a.passed) == (84.14, "ต้องปรับปรุง", False)
    assert (a.fiscal_year_be, a.fiscal_year_ce) == (2566, 2023)
    assert a.evidence is not None and "84.14" in a.evidence


def test_sub_scores_pass_mark_and_last_years_score_are_not_the_score() -> None:
    a = parse_assessment(
        _lines(
            "กำหนดให้หน่วยงานผ่านเกณฑ์การประเมิน ตั้งแต่ 85 คะแนนขึ้นไป",
            "ประจำปีงบประมาณ พ.ศ. 2567 เทศบาลเมืองบ้านบึง ได้คะแนน 88.25 คะแนน อยู่ในระดับ A ผ่าน",
            "การประเมิน โดยมีคะแนนเพิ่มขึ้นจากปีงบประมาณ พ.ศ. 2566 ซึ่งได้ 83.90 คะแนน",
            "แบบวัด IIT 95.47 คะแนน แบบวัด EIT 88.60 คะแนน",
        ),
        WarningList(),
    )
    assert (a.score, a.level, a.passed, a.fiscal_year_be) == (88.25, "A", True, 2567)


def test_a_sub_score_after_a_long_sub_index_name_is_not_a_second_score() -> None:
    """scan/005 as OCR'd: "(IIT)" misread, and แบบวัด beyond the 45-character reach."""
    warnings = WarningList()
    a = parse_assessment(
        _lines(
            "ผลการประเมิน ได้คะแนน 72.90 คะแนน โดยแบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT) ได้ 68.25",
            "คะแนน แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (11)",
            "ได้ 81.10 คะแนน และแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (517) ได้ 76.35",
        ),
        warnings,
    )
    assert a.score == 72.9
    assert "score_inconsistent" not in [w.code for w in warnings.items()], warnings.items()


def test_pass_not_stated_is_inferred_with_a_warning() -> None:
    warnings = WarningList()
    a = parse_assessment(_lines("ประจำปีงบประมาณ 2567 ผลการประเมิน ได้คะแนน 72.90 คะแนน"), warnings)
    assert (a.score, a.passed, a.level) == (72.9, False, None)
    assert {"passed_inferred", "level_not_found"} <= set(warnings.codes())


def test_claims_that_contradict_the_pass_mark_are_flagged() -> None:
    warnings = WarningList()
    a = parse_assessment(_lines("ประจำปีงบประมาณ 2566 ได้คะแนน 80.10 คะแนน ผ่านการประเมิน"), warnings)
    assert a.passed is True
    assert "passed_contradicts_score" in warnings.codes()


def test_nothing_found_is_warned() -> None:
    warnings = WarningList()
    a = parse_assessment(_lines("บันทึกข้อความ"), warnings)
    assert a.score is None and a.fiscal_year_be is None
    assert {"score_not_found", "fiscal_year_not_found"} <= set(warnings.codes())


def test_an_unreadable_level_is_not_replaced_by_the_verdict() -> None:
    # OCR dropped the letter: "อยู่ในระดับ [A] ผ่านการประเมิน"
    warnings = WarningList()
    a = parse_assessment(
        _lines("ประจำปีงบประมาณ 2567 ได้คะแนน 88.25 คะแนน อยู่ในระดับ ผ่านการประเมิน"), warnings
    )
    assert (a.score, a.level, a.passed) == (88.25, None, True)
    assert "level_unreadable" in warnings.codes()
    # the verdict right after the level words is not part of them
    b = parse_assessment(
        _lines("ประจำปีงบประมาณ 2566 ผลคะแนน 84.14 คะแนน อยู่ในระดับต้องปรับปรุงไม่ผ่าน"),
        WarningList(),
    )
    assert (b.level, b.passed) == ("ต้องปรับปรุง", False)


def test_the_level_beside_a_misread_statement_of_the_score_is_still_found() -> None:
    filler = "ข้อความอื่นอีกหลายบรรทัดที่ไม่เกี่ยวกับผลการประเมินของหน่วยงาน " * 5
    a = parse_assessment(
        _lines(
            "ผลการประเมินอยู่ในระดับ A ด้วยผลคะแนน 89.12 คะแนน",  # 87.12 misread by OCR
            filler,
            "ประจำปีงบประมาณ 2566 ผลการประเมิน ได้คะแนน 87.12 คะแนน ผ่านการประเมิน",
            filler,
            "สรุปผลการประเมิน ได้คะแนน 87.12 คะแนน ผ่านการประเมิน",
        ),
        WarningList(),
    )
    assert (a.score, a.level) == (87.12, "A")


def test_a_latin_code_ocr_turned_into_thai_letters_is_unreadable_not_a_level() -> None:
    # "ระดับ A" read "ระดับ ค", "ระดับ AA ด้วย" read "ระดับ กลด้วย": no level word is so short
    for line in (
        "ประจำปีงบประมาณ 2567 ได้คะแนน 88.25 คะแนน อยู่ในระดับ ค ผ่านการประเมิน",
        "ประจำปีงบประมาณ 2567 ได้รับผลการประเมินในระดับ กลด้วย คะแนน 96.31 คะแนน",
    ):
        warnings = WarningList()
        a = parse_assessment(_lines(line), warnings)
        assert a.level is None, line
        assert "level_unreadable" in warnings.codes()
    # ดี (good) is a level word of two letters
    good = parse_assessment(
        _lines("ประจำปีงบประมาณ 2567 ได้คะแนน 80.25 คะแนน อยู่ในระดับดี ผ่านการประเมิน"),
        WarningList(),
    )
    assert good.level == "ดี"
    # and so are the older scale's สูง (high) and ต่ำ (low), of two consonants each
    for word, score in (("สูง", "88.25"), ("ต่ำ", "68.40")):
        old_scale = parse_assessment(
            _lines(f"ประจำปีงบประมาณ 2567 ได้คะแนน {score} คะแนน อยู่ในระดับ{word}"),
            WarningList(),
        )
        assert old_scale.level == word


def test_words_after_a_split_yok_radap_are_not_a_level() -> None:
    # "ยกระดับคุณธรรม" (to raise integrity) read "ยก ระดับคุณธรรม": คุณธรรม is no level word
    warnings = WarningList()
    a = parse_assessment(
        _lines("เพื่อยก ระดับคุณธรรม ประจำปีงบประมาณ 2567 ได้คะแนน 78.45 คะแนน ไม่ผ่านการประเมิน"),
        warnings,
    )
    assert (a.score, a.level) == (78.45, None)
    very_good = parse_assessment(
        _lines("ประจำปีงบประมาณ 2567 ได้คะแนน 90.10 คะแนน อยู่ในระดับดีมาก ผ่านการประเมิน"),
        WarningList(),
    )
    assert very_good.level == "ดีมาก"


def test_a_speck_read_as_a_dot_before_the_score_does_not_hide_it() -> None:
    # the other statement's AA was read "กล": the level comes from this one, whose score OCR
    # glued to its label with a dot (a speck between them)
    filler = "ข้อความอื่นอีกหลายบรรทัดที่ไม่เกี่ยวกับผลการประเมินของหน่วยงาน " * 5
    a = parse_assessment(
        _lines(
            "ปรากฏว่าเทศบาลได้รับผลการประเมินในระดับ กลด้วย คะแนน 96.31 คะแนน",
            filler,
            "ได้รับผลคะแนน.96.31 คะแนน อยู่ในระดับ AA ผ่านการประเมิน",
        ),
        WarningList(),
    )
    assert (a.score, a.level, a.passed) == (96.31, "AA", True)
    # a number inside a longer one is still not a score
    sub = parse_assessment(_lines("ตัวชี้วัดที่ 1.2.31 คะแนน"), WarningList())
    assert sub.score is None
