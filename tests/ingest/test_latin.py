"""Latin words on scans re-read with tesseract's English model (real pages, real tesseract)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from line_helpers import ocr_line

from ingest.latin import (
    _LATIN_WORD,
    _holds_thai,
    _spans_of_tokens,
    _suspects,
    _takes,
    _word_spans,
    merge_latin,
)
from ingest.ocr_page import ocr_image
from schemas.options import Options
from schemas.page import BBox, Glyph, Line, tokens


def test_suspect_tokens_are_the_ones_thai_cannot_contain() -> None:
    line = ocr_line("แบบวัด 6|โ ๘๘.๖๐ คะแนน และแบบวัด 0โ 12.5")
    found = [line.text[s:e] for s, e, _ in _suspects(line)]
    # Thai digits and a real multi-digit number are left alone; "6|โ" and "0โ" are not Thai
    assert found == ["6|โ", "0โ"]


def test_a_lone_zero_beside_a_suspect_token_joins_its_run() -> None:
    # the `tha` model reads "No" as ๐: "No Gift Policy" is cut out whole, not "Gift Policy"
    line = ocr_line("นโยบาย ๐ 6ift Pol|cy ข้อ ๐ ของ ๐ ๑๒")
    found = [line.text[s:e] for s, e, _ in _suspects(line)]
    assert found == ["๐ 6ift Pol|cy"]  # the ๐s among Thai words and numbers stay out


def test_words_are_found_from_the_ink_even_past_a_tight_line_box() -> None:
    # tesseract's raw line box may stop short of its glyphs' ink: the words' spans must still
    # be one per token, or the word pass cannot place its cutouts
    image = np.full((40, 200), 255, np.uint8)
    inks = [(10, 50), (70, 110), (130, 190)]
    for x0, x1 in inks:
        image[10:30, x0:x1] = 0
    glyphs = tuple(
        Glyph(ch, BBox(x0, 10, x1, 30), 0.9) for ch, (x0, x1) in zip("abc", inks, strict=True)
    )
    tight = Line("a b c", BBox(20, 12, 180, 28), 0.9, glyphs)
    assert _word_spans(image, tight) == inks


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


def test_tokens_are_placed_on_the_ink_when_tesseract_split_or_glued_words() -> None:
    spans = [(10, 50), (70, 110), (130, 190)]
    boxes = {"a": (10, 30), "b": (30, 50), "1": (70, 95), "4": (92, 112)}
    boxes |= {"x": (130, 150), "y": (160, 190)}

    def line(text: str) -> Line:
        glyphs = tuple(
            Glyph(ch, BBox(boxes[ch][0], 0, boxes[ch][1], 20), 0.9) for ch in text if ch != " "
        )
        return Line(text, BBox(10, 0, 190, 20), 0.9, glyphs)

    def place(text: str) -> list[tuple[int, int]] | None:
        ln = line(text)
        return _spans_of_tokens(ln, tokens(ln), spans)

    assert place("ab 1 4 xy") == [(0, 0), (1, 1), (1, 1), (2, 2)]  # "ITA" read "17 4"
    assert place("ab 14xy") == [(0, 0), (1, 2)]  # two words read as one token
    assert place("a b 1 xy") == [(0, 0), (0, 0), (1, 1), (2, 2)]
    assert place("ab xy 1 4") is None  # out of reading order: no placement is trusted


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
        # a number beside a misread mark: the span differs as a whole, the number stays
        ("ร้อยละ ๑๐๐#", "ร้อยละ Ae", "ร้อยละ ๑๐๐#"),
        ('๔๘ "0: ๐๖๗-๐๓๑-๕๐๙๕', "๔๘ ee", '๔๘ "0: ๐๖๗-๐๓๑-๕๐๙๕'),
        ("โทร. 0-8195-8658", "โทร. riences", "โทร. 0-8195-8658"),
        ("ลงวันที่ /ว ๓", "ลงวันที่ a", "ลงวันที่ /ว ๓"),
        # an acronym the `tha` model drew with digits, each like its letter: taken
        ("111 ได้คะแนน", "IIT ได้คะแนน", "IIT ได้คะแนน"),
        ("เวลา 017 ร้อยละ", "เวลา OIT ร้อยละ", "เวลา OIT ร้อยละ"),
        # ... but not a number read as other letters, or as strokes only
        ("ครบ 123 ข้อ", "ครบ IZE ข้อ", "ครบ 123 ข้อ"),
        ("ครบ 111 ข้อ", "ครบ III ข้อ", "ครบ 111 ข้อ"),
        ("ครบ 000 ข้อ", "ครบ OOO ข้อ", "ครบ 000 ข้อ"),
    ],
)
def test_latin_words_of_a_tha_eng_reading_are_merged_into_the_thai_one(
    thai: str, mixed: str, merged: str
) -> None:
    out = merge_latin(ocr_line(thai), ocr_line(mixed))
    assert out.text == merged
    assert "".join(g.text for g in out.glyphs) == merged.replace(" ", "")


def test_a_digit_becomes_a_latin_letter_only_on_a_sure_reading() -> None:
    # "ค01" (a number glued to a letter) read "AOI" at 0.44: kept; "0" read "O" at 0.82: taken
    thai = ocr_line("ผ292 2ฒ ค01")
    assert merge_latin(thai, ocr_line("ผ292 2ฒ AOI", 0.44)).text == thai.text
    zero = ocr_line("0 ที่ นม 0732/ว 2560")
    merged = merge_latin(zero, ocr_line("O ที่ นม 0732/ว 2560", 0.82))
    assert merged.text == "O ที่ นม 0732/ว 2560"


def test_no_spelt_in_thai_letters_and_a_zero_is_a_suspect() -> None:
    for thai in ("พ๐.", "ผื๐.", "จ0."):
        line = ocr_line(f"{thai} ประจำปี พ.ศ. ๒๕๔๗")
        assert [line.text[s:e] for s, e, _ in _suspects(line)] == [thai]
    # without the stop where a Latin word follows ("No Gift Policy" on a scan)
    line = ocr_line("นโยบาย พ๐ Gift Policy")
    assert [line.text[s:e] for s, e, _ in _suspects(line)] == ["พ๐ Gift Policy"]
    # a Thai word, a number, an abbreviation with a digit after it are not
    for text in ("ที่ ๑๐. ประจำปี", "พ.ศ. ๒๕๔๗", "ม.๐๑", "ก๐", "ก๐ ประจำปี"):
        assert _suspects(ocr_line(text)) == []


def _bench_line_read(family: str, style: str, seed: int, dpi: int = 200) -> tuple[str, str, str]:
    """A digit-bench line (`bench.digits.cases`): its truth, tesseract's `tha` reading and
    the page passes' reading of it (`ocr_page.reread_passes`), with real tesseract."""
    from bench.digits.cases import Case, line_image
    from ingest._exec.tesseract import run, run_many
    from ingest.ocr import parse
    from ingest.ocr_page import reread_passes
    from tools.digits.fonts import all_faces

    face = next(f for f in all_faces() if f.family == family and f.style == style)
    gray, truth = line_image(Case("bench", face, dpi, seed))
    out = run(gray, language="tha", psm=7, dpi=dpi)
    lines = parse(out["tsv"], out["txt"])

    def each(crops: list[np.ndarray], lang: str) -> list[dict[str, str]]:
        return run_many(crops, language=lang, psm=7, dpi=dpi)

    passes = reread_passes(gray, lines, Options(), each)
    return truth, " ".join(ln.text for ln in lines), " ".join(ln.text for ln in passes)


def test_no_the_thai_model_spelt_in_letters_is_read_back_on_a_bench_line() -> None:
    """A held-out bench line (Umpush Bold, 200 dpi) that starts "No. ประจำปี": the `tha`
    model reads "พ๐.", which holds no Latin character; `eng` reads the token's cutout."""
    truth, tha, text = _bench_line_read("Umpush", "Bold", 777272)
    assert tha.startswith("พ๐. ")
    assert text.startswith("No. ประจ") and truth.startswith("No. ประจ")


def test_a_phone_number_with_dashes_is_not_taken_for_a_latin_word() -> None:
    line = ocr_line("โทรศัพท์ 094-218-3205 และ 0โ")
    assert [line.text[s:e] for s, e, _ in _suspects(line)] == ["0โ"]


def test_runs_holding_thai_are_left_to_the_line_pass() -> None:
    assert _holds_thai("พ.ศ.2572")  # read "W.AL25" by eng
    assert _holds_thai("โทรศัพท์0-7623-2986")
    assert _holds_thai("โทร.018-528-5396")
    assert not _holds_thai("1โค")  # "ITA" as the Thai model reads it
    assert not _holds_thai("โห๊ด515201016")  # "Facebook": not a Thai word beside the digits
    assert not _holds_thai("ใช้ระบบ60")  # "e-GP" glued to Thai: two digits are no number


def test_english_readings_of_number_like_runs_must_be_sure() -> None:
    word = ocr_line
    assert not _takes("1", word("I", 0.65))  # a real "1"
    assert _takes("1", word("I", 0.97))
    assert not _takes("๐๒9.๓/ว๓", word("obb.oN a", 0.57))  # a reference number
    assert not _takes("๕6ฯ", word("oa", 0.71))  # a Thai digit and a stand-in for ๘
    assert _takes("|!โค", word("ITA", 0.6))  # not number-like: the usual bar
    assert not _takes("|!โค", word("ITA", 0.4))
    assert not _takes("1โค", word("0|17", 0.9))  # not plainly Latin


def test_only_lines_with_unresolved_tokens_are_read_again() -> None:
    from ingest.latin import _unresolved

    assert _unresolved(ocr_line("ตามตัวชี้วัด 0ทุกไตรมาส"))
    assert _unresolved(ocr_line("เพจ ก็ล566600ของเทศบาล"))
    assert not _unresolved(ocr_line("แบบวัด OIT และ www.nacc.go.th"))  # already Latin
    assert not _unresolved(ocr_line("ครบทั้ง 33 ข้อ ที่ 212/2566"))  # numbers
    assert not _unresolved(ocr_line("สำนักปลัด |"))  # a lone mark
    assert _unresolved(ocr_line("111 ได้คะแนน"))  # "IIT" read by the `tha` model
    assert _unresolved(ocr_line("เวลา 017 ร้อยละ"))  # "OIT"
    assert not _unresolved(ocr_line("ครบ 123 ข้อ"))
    assert not _unresolved(ocr_line("ครบ 000 ข้อ"))  # zeros alone are a number's


def test_an_acronym_the_thai_model_read_as_digits_is_read_back_on_a_bench_line() -> None:
    """A training-only bench line (TH Krub, 200 dpi) that starts "IIT ได้คะแนน ๙๔.๓๒":
    the `tha` model reads "111", the word pass's cutout `eng` reads "TT" (0.51), and only the
    line pass reads "IIT"; the digit reader then reads the numbers after it."""
    truth, tha, text = _bench_line_read("THKrub", "Regular", 1277296)
    assert tha.startswith("111 ")
    assert text.startswith("IIT ได้คะแนน ๙๔.๓๒ คะแนน")
    assert truth.startswith("IIT ได้คะแนน ๙๔.๓๒ คะแนน")


def test_a_zero_under_a_latin_word_is_its_letter_on_a_bench_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A held-out bench line (Prompt Bold, 200 dpi) with "No. ๑๒)": the English pass reads
    "No.", the digit reader the o and the dot as "๐." before "๑๒"; they are the word's
    (`reader._latin_ends`), which would otherwise print "No.๐.๑๒)"."""
    from ingest.digits import reader

    truth, _, text = _bench_line_read("Prompt", "Bold", 4242405)
    assert "No. ๑๒)" in truth and "No. ๑๒)" in text
    monkeypatch.setattr(reader, "_latin_ends", lambda run, _glyphs, _ox: run)
    assert "No.๐.๑๒)" in _bench_line_read("Prompt", "Bold", 4242405)[2]


@pytest.mark.parametrize(
    ("variant", "phrase"),
    [
        # "Facebook" is read "ล6๕๕60๐๐06" by the `tha` model (Waree 13 pt scan)
        ("901", "เพจ Facebook ของเทศบาล"),
        # "e-GP" is read as digits (Kanit 13 pt, 300 dpi): were the digit reader first it would
        # make a number of it and the Latin pass would never see the word
        ("903", "ใช้ระบบ e-GP ในการจัดซื้อ"),
    ],
)
def test_a_latin_word_inside_thai_text_is_not_turned_into_a_number(
    tmp_path: Path, variant: str, phrase: str
) -> None:
    """A Latin word the `tha` model reads as digits must reach the Latin pass as it was read:
    the digit re-reader's network reads "boo" as ๖๐๐, and an all-Thai-digit token would never
    be taken for Latin."""
    import itadoc
    from bench.variants.run import VARIANTS, build

    v = next(v for v in VARIANTS if v.id.startswith(variant))
    build(tmp_path, [v])
    doc = itadoc.extract(tmp_path / "pdf" / "scan" / f"{v.id}.pdf")
    texts = [t for m in doc.measures for t in (*m.methods, *m.results)]
    assert any(phrase in t for t in texts), texts
