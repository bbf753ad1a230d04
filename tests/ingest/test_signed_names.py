from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from ingest import orientation, signed_names
from ingest._exec import tesseract
from schemas.options import Options
from schemas.page import BBox, Line

_GARUDA = "/usr/share/fonts/truetype/tlwg/Garuda.ttf"


def _line(text: str, x0: float, y0: float, x1: float, y1: float) -> Line:
    return Line(text, BBox(x0, y0, x1, y1), 0.9)


def _run_many(crops: list[np.ndarray]) -> list[dict[str, str]]:
    return tesseract.run_many(crops, language="tha", psm=7, dpi=300, timeout_s=60)


def test_only_tall_lines_ending_a_name_without_its_start_are_candidates() -> None:
    lines = [
        _line("เรียน นายก", 0, 0, 600, 45),
        _line("ในการนี้ ได้จัดทำรายงาน", 0, 60, 900, 104),
        _line("เย็บระ สิทธิ์ คํามา)", 300, 200, 650, 305),  # 2.3x tall, no "("
        _line("(นางอรุณี ปัญญาวงค์)", 300, 330, 650, 375),  # a whole name line
        _line("(นายสมชาย ใจดี)", 300, 420, 650, 525),  # tall but already whole
        _line("ดูว", 300, 540, 400, 645),  # a signature alone
        _line("ปลัดองค์การบริหารส่วนตำบล", 200, 660, 800, 705),
    ]
    found, line_h = signed_names.joined_name_lines(lines)
    assert found == [2]
    assert line_h == pytest.approx(45, abs=1)
    assert signed_names.joined_name_lines([]) == ([], 0.0)


def _signed_page() -> tuple[np.ndarray, list[Line]]:
    """A page image with a name under pen strokes that reach into it, and the lines tesseract
    made of it: the strokes and the name as one tall line read as garbage."""
    font = ImageFont.truetype(_GARUDA, 42)
    img = Image.new("L", (1400, 560), 255)
    draw = ImageDraw.Draw(img)
    draw.text((300, 40), "เรียน นายกองค์การบริหารส่วนตำบล", font=font, fill=0)
    draw.text((300, 380), "(นายประสิทธิ์ คํามา)", font=font, fill=0)
    draw.text((300, 470), "ปลัดองค์การบริหารส่วนตำบล", font=font, fill=0)
    strokes = [(330, 250), (380, 215), (420, 300), (460, 230), (500, 370), (540, 260), (600, 330)]
    draw.line(strokes, fill=0, width=5)
    lines = [
        _line("เรียน นายกองค์การบริหารส่วนตําบล", 304, 51, 921, 94),
        _line("เย็บระ สิทธิ์ คํามา)", 300, 212, 650, 442),
        _line("ปลัดองค์การบริหารส่วนตําบล", 304, 481, 860, 524),
    ]
    return np.array(img), lines


def test_the_name_under_the_strokes_is_read_again_from_its_band() -> None:
    image, lines = _signed_page()
    out = signed_names.reread_names(image, lines, _run_many)
    assert out[0] is lines[0] and out[2] is lines[2]
    name = out[1].text.strip()
    assert name.startswith("(นาย") and name.endswith("คํามา)"), name
    assert out[1].bbox.y0 > 300  # the band, not the strokes


def test_a_band_that_is_not_a_whole_name_leaves_the_line_as_it_was() -> None:
    image, lines = _signed_page()
    # a tall line over the last text line: its band reads "ปลัด...", not "(...)"
    tall = _line("ซ้ำ ปลัด)", 300, 400, 870, 528)
    out = signed_names.reread_names(image, [lines[0], tall, lines[2]], _run_many)
    assert out[1] is tall


def test_a_signature_run_into_the_name_on_a_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Variant 902 (page 1) deskewed by -0.90 degrees: tesseract joins the chief's signature
    and "(นายประสิทธิ์ คํามา)" into one line read "เย็บระ สิทธิ์ คํามา)"."""
    import pypdfium2 as pdfium

    from bench.variants.run import VARIANTS, build
    from ingest.ocr_page import ocr_image
    from ingest.render import render_gray

    v = next(v for v in VARIANTS if v.id.startswith("902"))
    build(tmp_path, [v])
    pdf = pdfium.PdfDocument(tmp_path / "pdf" / "scan" / f"{v.id}.pdf")
    gray = render_gray(pdf[0], 300, max_pixels=10**9)
    monkeypatch.setattr(orientation, "_skew_of", lambda small, max_deg=3.0: -0.9)
    page, _ = ocr_image(gray, 300, 1, Options())
    texts = [line.text.strip() for line in page.lines]
    assert "(นายประสิทธิ์ คํามา)" in texts, texts[-6:]


def test_a_tall_line_with_more_text_than_the_name_keeps_all_of_it() -> None:
    """Two text lines joined, the second a "(...)": the band holds only the second, so taking
    its reading would drop the first."""
    image, lines = _signed_page()
    joined = _line("เรียน นายกองค์การบริหารส่วนตําบลหนองหญ้าไซ สิทธิ์ คํามา)", 300, 212, 650, 442)
    out = signed_names.reread_names(image, [lines[0], joined, lines[2]], _run_many)
    assert out[1] is joined
