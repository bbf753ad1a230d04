"""The level code after ระดับ, re-read from the line image with tha+eng."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from line_helpers import ocr_line

from ingest.level_code import Slot, lone_box, read_code, reread_codes, slot, slot_box, splice
from ingest.ocr_page import ocr_image
from ingest.reread import LineReader
from schemas.options import Options
from schemas.page import BBox, Glyph, Line, glyph_offsets


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("อยู่ในระดับ ผ่านการประเมิน", Slot(12, 0)),  # dropped: insert before the verdict
        ("อยู่ในระดับ ค ผ่านการประเมิน", Slot(12, 1)),  # misread as a Thai letter
        ("ในระดับ 0ไม่ผ่านการประเมิน", Slot(8, 1)),  # misread and glued to the next word
        ("ได้คะแนน 86.04 คะแนน อยู่ในระดับ", Slot(32, 0)),  # dropped at the line end
        ('อยู่ในระดับ "เด้วยผลคะแนน', Slot(12, 2)),  # misread as marks glued to the next word
    ],
)
def test_lost_codes_are_located(text: str, where: Slot) -> None:
    assert slot(ocr_line(text)) == where


@pytest.mark.parametrize(
    "text",
    [
        "อยู่ในระดับ A ผ่านการประเมิน",  # already read
        "อยู่ในระดับต้องปรับปรุง ด้วยผลคะแนน",  # level words, not a code
        "อยู่ในระดับ ดีมาก",
        "เพื่อยกระดับ การดำเนินงาน",  # ยกระดับ: "to raise", no level here
        "ไม่มีคำนี้",
    ],
)
def test_lines_without_a_lost_code_are_left_alone(text: str) -> None:
    assert slot(ocr_line(text)) is None


def test_splicing_keeps_glyphs_aligned_with_the_text() -> None:
    code = (Glyph("A", BBox(200, 0, 210, 20), 0.8),)
    for text, expected in [
        ("อยู่ในระดับ ผ่าน", "อยู่ในระดับ A ผ่าน"),
        ("อยู่ในระดับ ค ผ่าน", "อยู่ในระดับ A ผ่าน"),
        ("ในระดับ 0ไม่ผ่าน", "ในระดับ A ไม่ผ่าน"),
        ("อยู่ในระดับ", "อยู่ในระดับ A"),
    ]:
        line = ocr_line(text)
        where = slot(line)
        assert where is not None
        fixed = splice(line, where, "A", code)
        assert fixed is not None and fixed.text == expected
        assert glyph_offsets(fixed) is not None
        assert "".join(g.text for g in fixed.glyphs) == expected.replace(" ", "")


def test_splicing_into_an_ocr_cluster_keeps_the_rest_of_the_cluster() -> None:
    text = 'ในระดับ "เด้วย'
    glyphs = [Glyph(ch, BBox(10 * i, 0, 10 * i + 9, 20), 0.9) for i, ch in enumerate("ในระดับ")]
    glyphs += [Glyph('"', BBox(90, 0, 99, 20)), Glyph("เด้", BBox(100, 0, 130, 20))]
    glyphs += [Glyph(ch, BBox(140, 0, 150, 20)) for ch in "วย"]
    line = Line(text, BBox(0, 0, 160, 20), 0.9, tuple(glyphs))
    where = slot(line)
    assert where == Slot(8, 2)
    fixed = splice(line, where, "A", (Glyph("A", BBox(90, 0, 110, 20), 0.8),))
    assert fixed is not None and fixed.text == "ในระดับ A ด้วย"
    assert glyph_offsets(fixed) is not None


def test_only_a_level_code_is_taken_from_the_tha_eng_reading() -> None:
    assert read_code(ocr_line("อยู่ในระดับ AA ผ่าน")) is not None
    assert read_code(ocr_line("อยู่ในระดับ 0 ไม่ผ่าน")) is None  # not a code: no guess
    assert read_code(ocr_line("ผ่านการประเมิน")) is None
    # tha+eng may split the label itself ("ระ ดับ A" on a 200 dpi scan)
    found = read_code(ocr_line("ระ ดับ A ผ่านการประเมิน"))
    assert found is not None and found[0] == "A"


def test_a_dropped_level_letter_is_recovered_on_a_scanned_page(
    rendered: Callable[[str, int, int], np.ndarray],
) -> None:
    # tesseract's Thai model drops the "A" of "อยู่ในระดับ A ผ่าน" on this poor scan
    gray = rendered("scan/006_banbueng.pdf", 5, 300)
    off, _ = ocr_image(gray, 300, 5, Options(latin_words=False))
    on, _ = ocr_image(gray, 300, 5, Options())
    assert any("ระดับ ผ่าน" in ln.text for ln in off.lines)
    assert any("ระดับ A ผ่าน" in ln.text for ln in on.lines)


def test_a_lone_non_code_character_gives_its_box_for_a_second_reading() -> None:
    line = ocr_line("ในระดับ 0 ไม่ผ่าน")
    assert lone_box(line) == line.glyphs[7].bbox
    assert lone_box(ocr_line("ในระดับ A ไม่ผ่าน")) is None
    assert lone_box(ocr_line("ในระดับ ไม่ผ่าน")) is None


def test_reread_on_a_rendered_line_with_real_tesseract() -> None:
    from PIL import Image, ImageDraw, ImageFont

    from ingest._exec.tesseract import run_many

    font = ImageFont.truetype("/usr/share/fonts/truetype/tlwg/Garuda.ttf", 48)
    image = Image.new("L", (900, 110), 255)
    ImageDraw.Draw(image).text((20, 15), "อยู่ในระดับ D ไม่ผ่าน", font=font, fill=0)
    gray = np.asarray(image)
    misread = Line(
        "อยู่ในระดับ 0ไม่ผ่าน",
        BBox(10, 10, 560, 100),
        0.9,
        tuple(
            Glyph(ch, BBox(10 + 25 * i, 10, 30 + 25 * i, 100), 0.9)
            for i, ch in enumerate("อยู่ในระดับ0ไม่ผ่าน")
        ),
    )
    calls: list[int] = []

    def tha_eng(crops: list[np.ndarray]) -> list[dict[str, str]]:
        calls.append(len(crops))
        return run_many(crops, language="tha+eng", psm=7)

    reader = LineReader(gray, tha_eng)
    fixed = reread_codes([misread], reader, lambda crops: run_many(crops, language="eng", psm=7))
    assert fixed[0].text == "อยู่ในระดับ D ไม่ผ่าน"
    assert glyph_offsets(fixed[0]) is not None
    # a second pass over the same line (as the Latin pass is) reuses the reading
    assert reader.read([misread, fixed[0]]) == reader.read([misread]) * 2
    assert calls == [1]


def test_a_code_the_tha_eng_reading_misses_too_is_read_from_the_thai_glyphs_box() -> None:
    # "อยู่ในระดับ A ด้วย" read '"เด้วย' by tha, and no code by tha+eng: the box of the
    # glyphs the code left ('"เด', one cluster over the A) is cut out and read with eng
    from PIL import Image, ImageDraw, ImageFont

    from ingest._exec.tesseract import run_many

    font = ImageFont.truetype("/usr/share/fonts/truetype/tlwg/Garuda.ttf", 48)
    image = Image.new("L", (900, 110), 255)
    ImageDraw.Draw(image).text((20, 15), "อยู่ในระดับ A ด้วยผลคะแนน", font=font, fill=0)
    gray = np.asarray(image)
    a0 = 20 + int(font.getlength("อยู่ในระดับ "))
    a1 = a0 + int(font.getlength("A"))
    head = "อยู่ในระดับ"
    glyphs = [Glyph(ch, BBox(20 + 20 * i, 20, 38 + 20 * i, 90), 0.9) for i, ch in enumerate(head)]
    glyphs += [Glyph('"เด', BBox(a0, 25, a1, 80), 0.5)]
    glyphs += [
        Glyph(ch, BBox(a1 + 30 + 20 * i, 20, a1 + 48 + 20 * i, 90), 0.9)
        for i, ch in enumerate("้วยผล")
    ]
    misread = Line('อยู่ในระดับ "เด้วยผล', BBox(10, 10, 880, 100), 0.9, tuple(glyphs))
    assert slot(misread) == Slot(12, 2)
    assert slot_box(misread, Slot(12, 2)) == BBox(a0, 25, a1, 80)

    def no_reading(crops: list[np.ndarray]) -> list[dict[str, str]]:
        return [{"tsv": "", "txt": ""} for _ in crops]

    fixed = reread_codes(
        [misread],
        LineReader(gray, no_reading),
        lambda crops: run_many(crops, language="eng", psm=7),
    )
    assert fixed[0].text.startswith("อยู่ในระดับ A ด")
    assert glyph_offsets(fixed[0]) is not None
