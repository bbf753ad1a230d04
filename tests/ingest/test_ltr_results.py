"""The one-pass TSV and text writer against tesseract's own (`GetTSVText`, `GetUTF8Text`)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from ingest._exec import libtesseract, ltr_results
from ingest._exec.ltr_results import _text, _Word

FONT = "/usr/share/fonts/truetype/tlwg/Laksaman.ttf"


def _page(paragraphs: list[list[str]], size_px: int = 44) -> np.ndarray:
    font = ImageFont.truetype(FONT, size_px, layout_engine=ImageFont.Layout.RAQM)
    rows = sum(len(p) + 2 for p in paragraphs)
    img = Image.new("L", (1600, (rows + 1) * int(1.6 * size_px)), 255)
    draw = ImageDraw.Draw(img)
    y = size_px
    for para in paragraphs:
        for text in para:
            draw.text((60, y), text, font=font, fill=0, language="th")
            y += int(1.6 * size_px)
        y += 2 * int(1.6 * size_px)
    return np.asarray(img)


PAGE = [
    ["ส่วนราชการ สำนักปลัด องค์การบริหารส่วนตำบล", "ที่ ชย ๗๑๐๐๑/๒๕๖๗ วันที่ 14 พฤศจิกายน 2567"],
    ["เรื่อง รายงานผลการประเมิน ITA (OIT) ระดับ A"],
]


@pytest.mark.parametrize(("language", "psm"), [("tha", 3), ("tha", 11), ("tha+eng", 6)])
def test_same_bytes_as_tesseracts_own_writers(
    monkeypatch: pytest.MonkeyPatch, language: str, psm: int
) -> None:
    engine = libtesseract.engine(language)
    assert engine is not None and libtesseract._reader(libtesseract.library()) is not None
    image = _page(PAGE)
    fast = engine.read(image, psm=psm, dpi=300, timeout_s=60, page=2)
    monkeypatch.setattr(libtesseract, "_reader", lambda lib: None)
    assert fast == engine.read(image, psm=psm, dpi=300, timeout_s=60, page=2)
    assert "\t3\t" in fast["tsv"].splitlines()[1]  # page 2 counts from 0, printed from 1


def test_a_blank_image_has_only_the_page_row() -> None:
    engine = libtesseract.engine("tha")
    assert engine is not None
    out = engine.read(np.full((200, 300), 255, np.uint8), psm=3, dpi=300, timeout_s=60)
    assert out["tsv"].splitlines()[1:] == ["1\t1\t0\t0\t0\t0\t0\t0\t300\t200\t-1\t"]
    assert out["txt"] == ""


def _w(
    text: str, *, para: bool = False, line: bool = False, blanks: int = 0, kind: int = 1
) -> _Word:
    return _Word(kind, para, line or para, blanks, text)


def test_text_keeps_tesseracts_blanks_when_asked() -> None:
    words = [_w("ส่วน", para=True), _w("ราชการ"), _w("สำนัก", blanks=1), _w("ปลัด", line=True)]
    assert _text(words, preserve_spaces=True) == "ส่วนราชการ สำนัก\nปลัด\n"
    assert _text(words, preserve_spaces=False) == "ส่วน ราชการ สำนัก\nปลัด\n"


def test_paragraphs_end_with_an_empty_line_and_images_are_left_out() -> None:
    words = [
        _w("ก", para=True),
        _w("ข", line=True),
        _w("|", para=True, kind=12),  # a rule-line block: in the TSV, not in the text
        _w("ค", para=True),
    ]
    assert _text(words, preserve_spaces=True) == "ก\nข\n\nค\n"


def test_right_to_left_words_are_left_to_tesseract() -> None:
    assert not ltr_results.right_to_left("ระดับ A ๙๕.๕ (OIT) 14.5%")
    assert ltr_results.right_to_left("שלום")
    assert ltr_results.right_to_left("abc \u0627\u0644")
