from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

from ingest.textlayer import compressed, read_lines, upright_size
from parsers.thai_text import repair


def _lines(path: Path, page: int) -> list[str]:
    pdf = pdfium.PdfDocument(path)
    try:
        lines, _ = read_lines(pdf[page - 1])
    finally:
        pdf.close()
    return [ln.text for ln in lines]


def test_marks_drawn_in_a_separate_pass_go_back_on_their_consonants(
    sample: Callable[[str], Path],
) -> None:
    # The seed sample's "legacy" text layer writes every tone mark and upper vowel after the
    # whole line (old Word); content order would detach them all.
    texts = [repair(t) for t in _lines(sample("text/000_janlan.pdf"), 1)]
    assert "ส่วนราชการ (งานนิติการ) สำนักปลัดองค์การบริหารส่วนตำบลจานลาน โทร. ๐-๔๕๙๙๙๖๖๓" in texts
    assert "หัวหน้าสำนักปลัด" in texts


def test_distributed_justification_does_not_become_spaces(sample: Callable[[str], Path]) -> None:
    texts = [repair(t) for t in _lines(sample("text/006_banbueng.pdf"), 5)]
    assert any("ได้คะแนน ๘๘.๒๕ คะแนน อยู่ในระดับ A" in t for t in texts)


def test_actualtext_lines_keep_their_text_and_are_flagged_squeezed(
    sample: Callable[[str], Path],
) -> None:
    pdf = pdfium.PdfDocument(sample("text/003_chumphae.pdf"))
    try:
        lines, stats = read_lines(pdf[4])
    finally:
        pdf.close()
    line = next(ln for ln in lines if "ปรับปรุงช่องทาง" in ln.text)
    assert line.text.strip() == "- ปรับปรุงช่องทางรับเรื่องร้องเรียน"
    assert compressed(line)
    assert stats.chars > 0 and stats.invisible_chars == 0


def test_a_wrap_at_a_space_keeps_the_space_the_pdf_wrote(sample: Callable[[str], Path]) -> None:
    texts = _lines(sample("text/000_janlan.pdf"), 6)
    assert any(t.endswith(" ") for t in texts)
    assert all(not t.startswith(" ") for t in texts)


def test_scanned_page_has_no_text_layer_but_a_size(sample: Callable[[str], Path]) -> None:
    pdf = pdfium.PdfDocument(sample("scan/007_sanmahaphon.pdf"))
    try:
        lines, stats = read_lines(pdf[0])
        size = upright_size(pdf[0])
    finally:
        pdf.close()
    assert lines == [] and stats.chars == 0 and stats.image_coverage > 0.9
    assert round(size[0]) == 595 and round(size[1]) == 842
