"""The in-process tesseract (`ingest._exec.libtesseract`) against the program it stands in for."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from ingest import ocr
from ingest._exec import libtesseract, tesseract
from schemas.errors import OcrTimeoutError

FONT = "/usr/share/fonts/truetype/tlwg/Laksaman.ttf"


def _text_image(lines: list[str], size_px: int = 48) -> np.ndarray:
    font = ImageFont.truetype(FONT, size_px, layout_engine=ImageFont.Layout.RAQM)
    img = Image.new("L", (1400, (2 * len(lines) + 1) * size_px), 255)
    draw = ImageDraw.Draw(img)
    for i, text in enumerate(lines):
        draw.text((40, (2 * i + 1) * size_px), text, font=font, fill=0, language="th")
    return np.asarray(img)


def _program(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tesseract, "_engine", lambda language, config: None)


def test_the_library_of_the_programs_version_is_used() -> None:
    assert tesseract._engine("tha", ()) is not None
    assert libtesseract.version() == tesseract.probe().version


def test_a_page_reads_byte_identical_to_the_program(monkeypatch: pytest.MonkeyPatch) -> None:
    page = _text_image(["ส่วนราชการ สำนักปลัด", "ที่ ชย ๗๑๐๐๑/๒๕๖๗", "เรื่อง รายงานผล ITA"])
    library = tesseract.run(page, psm=3, dpi=300)
    _program(monkeypatch)
    assert library == tesseract.run(page, psm=3, dpi=300)
    assert len(ocr.parse(library["tsv"], library["txt"])) == 3


def test_noise_removal_off_reads_like_the_program_and_does_not_outlive_the_call(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = _text_image(["ส่วนราชการ สำนักปลัด", "เรื่อง รายงานผล ITA"])
    default = tesseract.run(page, psm=11, dpi=300)
    off = tesseract.run(page, psm=11, dpi=300, noise_removal=False)
    assert tesseract.run(page, psm=11, dpi=300) == default  # the engine is back to default
    _program(monkeypatch)
    assert tesseract.run(page, psm=11, dpi=300, noise_removal=False) == off


def test_many_images_read_like_one_program_run(monkeypatch: pytest.MonkeyPatch) -> None:
    crops = [_text_image([t]) for t in ("OIT", "สำนักปลัด", "Facebook")]
    library = tesseract.run_many(crops, language="tha+eng", psm=7, dpi=300)
    _program(monkeypatch)
    assert library == tesseract.run_many(crops, language="tha+eng", psm=7, dpi=300)
    # each image's TSV is numbered as the program numbers the pages of its list file
    assert [out["tsv"].splitlines()[1].split("\t")[1] for out in library] == ["1", "2", "3"]


def test_only_the_default_program_is_stood_in_for(monkeypatch: pytest.MonkeyPatch) -> None:
    assert tesseract._engine("tha", (("tessedit_do_invert", "0"),)) is None
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/opt/tess/bin/tesseract")
    assert tesseract._engine("tha", ()) is None


def test_one_openmp_thread_like_the_program() -> None:
    assert libtesseract.library() is not None
    assert libtesseract._openmp_threads() == 1


def test_deadline_is_a_typed_timeout() -> None:
    big = np.tile(_text_image(["ส่วนราชการ สำนักปลัด องค์การบริหารส่วนตำบล"] * 4), (6, 1))
    with pytest.raises(OcrTimeoutError, match="page-timeout"):
        tesseract.run(big, timeout_s=0.05)
    # the engine is left clean for the next image
    out = tesseract.run(_text_image(["สำนักปลัด"]), psm=7)
    assert "ปลัด" in out["txt"]
