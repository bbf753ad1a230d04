from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from ingest import ocr_page, orientation
from schemas.options import Options

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "pdf"


def _placed_upside_down(sure: bool) -> Callable[..., orientation.Placement]:
    """`orientation.place` as if the mark count had turned the page the wrong way."""
    real = orientation.place

    def place(gray: np.ndarray, dpi: float, rotation: int | None = None) -> orientation.Placement:
        if rotation is not None:
            return real(gray, dpi, rotation)
        return dataclasses.replace(real(gray, dpi, 180), flip_sure=sure)

    return place


@pytest.mark.parametrize("sure", [False, True])
def test_an_unsure_half_turn_is_settled_by_reading_both_ways(
    rendered: Callable[[str, int, int], np.ndarray], monkeypatch: pytest.MonkeyPatch, sure: bool
) -> None:
    # a sample scan's short second page (an order signed "ทราบ / อนุมัติ"): too few marks
    # to decide up or down
    gray = rendered("scan/001_khokkruat.pdf", 2, 200)
    monkeypatch.setattr(orientation, "place", _placed_upside_down(sure))
    page, _ = ocr_page.ocr_image(gray, 200, 2, Options(thai_digits=False, latin_words=False))
    text = " ".join(line.text for line in page.lines)
    if sure:  # a decisive count is not second-guessed: the page stays as turned
        assert page.rotation == 180
        assert "อนุมัติ" not in text
    else:
        assert page.rotation == 0
        assert "อนุมัติ" in text
        assert page.confidence is not None and page.confidence > ocr_page.FLIP_CHECK_CONF


def test_table_cells_keep_their_thai_marks_when_read_as_one_tall_strip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sample's report set in Sarabun 16 pt with another sample's table settings, scanned
    1-bit at 200 dpi: read as one strip with tesseract's noise removal on, every cell lost
    its vowel and tone marks ("มาตรการสงเสรมการ"); the strip is read with it off."""
    import json

    import pypdfium2 as pdfium

    from ingest._exec import tesseract
    from ingest.render import render_gray
    from samples.generator.__main__ import main as generate

    specs = SAMPLES.parent / "specs"
    spec = json.loads((specs / "003_chumphae.json").read_text("utf-8"))
    table_of = json.loads((specs / "008_thaphra.json").read_text("utf-8"))["layout"]["table"]
    scan_of = json.loads((specs / "007_sanmahaphon.json").read_text("utf-8"))["variants"]["scan"]
    spec["id"] = "993_chumphae"
    spec["layout"].update(font="Sarabun", size=16, profile="harfbuzz")
    for key in ("size", "line_spacing", "header_fill", "align_responsible", "center", "margin"):
        spec["layout"]["table"][key] = table_of[key]
    spec["layout"]["table"]["para_gap"] = table_of.get("para_gap", 1.0)
    spec["variants"] = {"text": False, "scan": {**scan_of, "seed": 703}}
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "993_chumphae.json").write_text(json.dumps(spec), "utf-8")
    assert generate(["--specs", str(tmp_path / "specs"), "--out", str(tmp_path)]) == 0
    pdf = pdfium.PdfDocument(tmp_path / "pdf" / "scan" / "993_chumphae.pdf")
    gray = render_gray(pdf[5], 300, max_pixels=10**9)
    pdf.close()
    options = Options(thai_digits=False, latin_words=False)

    def first_title() -> str:
        page, _ = ocr_page.ocr_image(gray, 300, 6, options)
        return next(ln.text for ln in page.lines if ln.text.startswith("1)"))

    assert first_title() == "1) มาตรการส่งเสริมการ"
    real = tesseract.run
    monkeypatch.setattr(tesseract, "run", lambda *a, **k: real(*a, **{**k, "noise_removal": True}))
    assert first_title() == "1) มาตรการสงเสรมการ"
