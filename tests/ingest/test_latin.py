"""Latin words on scans re-read with tesseract's English model (real pages, real tesseract)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from line_helpers import ocr_line

from ingest.latin import _LATIN_WORD, _suspects, merge_latin
from ingest.ocr_page import ocr_image
from schemas.options import Options


def test_suspect_tokens_are_the_ones_thai_cannot_contain() -> None:
    line = ocr_line("แบบวัด 6|โ ๘๘.๖๐ คะแนน และแบบวัด 0โ 12.5")
    found = [line.text[s:e] for s, e, _ in _suspects(line)]
    # Thai digits and a real multi-digit number are left alone; "6|โ" and "0โ" are not Thai
    assert found == ["6|โ", "0โ"]


def test_only_plainly_latin_readings_are_accepted() -> None:
    for word in ("A", "ITA", "e-Service", "Facebook", "www.nacc.go.th"):
        assert _LATIN_WORD.match(word), word
    for word in ("0", "|1", "ๆ", "#"):
        assert not _LATIN_WORD.match(word), word


def test_latin_words_on_a_scanned_report_page(
    rendered: Callable[[str, int, int], np.ndarray],
) -> None:
    gray = rendered("scan/001_khokkruat.pdf", 5, 300)
    on, _ = ocr_image(gray, 300, 5, Options())
    off, _ = ocr_image(gray, 300, 5, Options(latin_words=False))
    text_on = "\n".join(ln.text for ln in on.lines)
    text_off = "\n".join(ln.text for ln in off.lines)
    # the sub-score names and the level letter come back as Latin, the numbers untouched
    assert "แบบวัด EIT ๘๘.๖๐" in text_on and "แบบวัด OIT ๙๐.๐๐" in text_on
    assert "ระดับ A ผ่าน" in text_on
    assert "EIT" not in text_off and "OIT" not in text_off


@pytest.mark.parametrize(
    ("thai", "mixed", "merged"),
    [
        ("วัด 0ทุกไตรมาส", "วัด OIT ทุกไตรมาส", "วัด OIT ทุกไตรมาส"),  # glued to Thai
        ("เพจ ก็ล566600ของเทศบาล", "เพจ Facebook ของเทศบาล", "เพจ Facebook ของเทศบาล"),
        ("เมนู |โค บนเว็บ", "เมนู ITA บนเว็บ", "เมนู ITA บนเว็บ"),
        ("นโยบาย ผ์๐ Gift", "นโยบาย No Gift", "นโยบาย No Gift"),
        ("แบบวัด 0ทุก", "แบบ Ja 0ทุก", "แบบวัด 0ทุก"),  # a Thai word is never replaced
        ("ครบ 33 ข้อ", "ครบ BB ข้อ", "ครบ 33 ข้อ"),  # nor a number
        ("ปี ๒๕๖๖ นี้", "ปี Sbbb นี้", "ปี ๒๕๖๖ นี้"),
    ],
)
def test_latin_words_of_a_tha_eng_reading_are_merged_into_the_thai_one(
    thai: str, mixed: str, merged: str
) -> None:
    out = merge_latin(ocr_line(thai), ocr_line(mixed))
    assert out.text == merged
    assert "".join(g.text for g in out.glyphs) == merged.replace(" ", "")


def test_only_lines_with_unresolved_tokens_are_read_again() -> None:
    from ingest.latin import _unresolved

    assert _unresolved(ocr_line("ตามตัวชี้วัด 0ทุกไตรมาส"))
    assert _unresolved(ocr_line("เพจ ก็ล566600ของเทศบาล"))
    assert not _unresolved(ocr_line("แบบวัด OIT และ www.nacc.go.th"))  # already Latin
    assert not _unresolved(ocr_line("ครบทั้ง 33 ข้อ ที่ 212/2566"))  # numbers
    assert not _unresolved(ocr_line("สำนักปลัด |"))  # a lone mark


def test_a_latin_word_inside_thai_text_is_not_turned_into_a_number(tmp_path: Path) -> None:
    """A Latin word the `tha` model reads as digits ("Facebook" -> "ล6๕๕60๐๐06") must stay
    visible to the Latin pass: the digit re-reader's network reads "boo" as ๖๐๐, and an
    all-Thai-digit token would never be taken for Latin (variant 901, Waree 13 pt scan)."""
    import itadoc
    from bench.variants.run import VARIANTS, build

    v = next(v for v in VARIANTS if v.id.startswith("901"))
    build(tmp_path, [v])
    doc = itadoc.extract(tmp_path / "pdf" / "scan" / f"{v.id}.pdf")
    results = [r for m in doc.measures for r in m.results]
    assert any("เพจ Facebook ของเทศบาล" in r for r in results), results
