from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

from ingest.extract import decide
from ingest.textlayer import TextLayerStats, read_lines
from schemas.page import BBox, Line


def _decide(path: Path, page: int, policy: str = "auto") -> str:
    pdf = pdfium.PdfDocument(path)
    try:
        lines, stats = read_lines(pdf[page - 1])
    finally:
        pdf.close()
    d = decide(lines, stats, policy)
    return f"{d.mode}:{d.note}"


def test_broken_but_repairable_text_layer_is_used(sample: Callable[[str], Path]) -> None:
    assert _decide(sample("text/000_janlan.pdf"), 1) == "text:text_repaired"


def test_sound_text_layer_is_used_as_is(sample: Callable[[str], Path]) -> None:
    assert _decide(sample("text/001_khokkruat.pdf"), 1).startswith("text:")


def test_scan_without_text_and_poor_invisible_ocr_layer_go_to_ocr(
    sample: Callable[[str], Path],
) -> None:
    assert _decide(sample("scan/001_khokkruat.pdf"), 1) == "ocr:None"
    # 005's scan carries an invisible TIS-620 mojibake layer from a bad scanner OCR
    assert _decide(sample("scan/005_khlonghinpun.pdf"), 1) == "ocr:text_layer_replaced"


def test_policy_overrides() -> None:
    stats = TextLayerStats(
        chars=10, invisible_chars=0, unmapped_chars=0, image_coverage=0.0, path_objects=0
    )
    lines = [Line("สำนักปลัด", BBox(0, 0, 50, 10))]
    assert decide(lines, stats, "ocr").mode == "ocr"
    assert decide(lines, stats, "text").mode == "text"
