from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from ingest import ocr
from ingest._exec import tesseract
from schemas.errors import MissingDependencyError, OcrTimeoutError

FONT = "/usr/share/fonts/truetype/tlwg/Laksaman.ttf"


def _line_image(text: str, size_px: int = 64) -> np.ndarray:
    font = ImageFont.truetype(FONT, size_px, layout_engine=ImageFont.Layout.RAQM)
    img = Image.new("L", (1800, 2 * size_px), 255)
    ImageDraw.Draw(img).text((30, size_px // 3), text, font=font, fill=0, language="th")
    return np.asarray(img)


TSV = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    "1\t1\t0\t0\t0\t0\t0\t0\t500\t100\t-1\t\n"
    "4\t1\t1\t1\t1\t0\t10\t10\t200\t40\t-1\t\n"
    "5\t1\t1\t1\t1\t1\t10\t10\t40\t40\t95.0\tผล\n"
    "5\t1\t1\t1\t1\t2\t50\t10\t40\t40\t90.0\tดี\n"
    "5\t1\t1\t1\t1\t3\t120\t10\t40\t40\t80.0\t๕\n"
)


def test_tsv_geometry_and_txt_spacing_are_zipped() -> None:
    (line,) = ocr.parse(TSV, "ผลดี ๕\n")
    assert line.text == "ผลดี ๕"
    assert [g.text for g in line.glyphs] == ["ผล", "ดี", "๕"]
    assert line.conf == pytest.approx((0.95 + 0.90 + 0.80) / 3)


def test_mismatched_txt_falls_back_to_glyphs() -> None:
    (line,) = ocr.parse(TSV, "something else\n")
    assert line.text == "ผลดี๕"


def test_real_tesseract_reads_a_thai_line() -> None:
    out = tesseract.run(_line_image("ส่วนราชการ สำนักปลัด"), psm=7, dpi=300)
    (line,) = ocr.parse(out["tsv"], out["txt"])
    assert "ราชการ" in line.text
    assert 0.0 < (line.conf or 0) <= 1.0


def test_probe_reports_missing_program_with_an_install_hint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    with pytest.raises(MissingDependencyError, match="apt-get install tesseract-ocr"):
        tesseract.probe()


def test_command_is_pytesseracts_setting_when_it_is_imported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/opt/tess/bin/tesseract")
    assert tesseract._command() == "/opt/tess/bin/tesseract"


def test_the_worker_imports_leave_out_pandas() -> None:
    """The forkserver imports the whole page pipeline; pandas (via pytesseract) cost ~1 s."""
    code = "import sys, itadoc.warmup; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_probe_reports_missing_language() -> None:
    with pytest.raises(MissingDependencyError, match="no language data for xyz"):
        tesseract.probe(["tha", "xyz"])


def test_timeout_is_a_typed_error() -> None:
    big = np.tile(_line_image("ส่วนราชการ สำนักปลัด องค์การบริหารส่วนตำบล"), (30, 1))
    with pytest.raises(OcrTimeoutError, match="page-timeout"):
        tesseract.run(big, timeout_s=0.05)
