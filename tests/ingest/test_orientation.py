from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytest

from ingest import orientation
from ingest.render import render_gray


@pytest.mark.parametrize("turn", [0, 90, 180, 270])
@pytest.mark.parametrize(
    ("rel", "page"), [("scan/001_khokkruat.pdf", 1), ("scan/002_banklang.pdf", 6)]
)
def test_quarter_turns_are_undone(
    rendered: Callable[[str, int, int], np.ndarray], rel: str, page: int, turn: int
) -> None:
    upright = rendered(rel, page, 300)
    turned = orientation.rotate(upright, (360 - turn) % 360)  # turned counter-clockwise
    assert orientation.detect_rotation(turned, 300) == turn


def test_sideways_scanned_table_page(rendered: Callable[[str, int, int], np.ndarray]) -> None:
    # samples/pdf/scan/004's table page was scanned sideways (truth: rotation 90)
    assert orientation.detect_rotation(rendered("scan/004_phonngam.pdf", 6, 300), 300) == 90


def test_skew_is_measured_and_undone(rendered: Callable[[str, int, int], np.ndarray]) -> None:
    page = rendered("text/001_khokkruat.pdf", 2, 200)
    h, w = page.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), 1.2, 1.0)
    skewed = cv2.warpAffine(page, m, (w, h), borderValue=255)
    angle = orientation.estimate_skew(skewed, 200)
    assert abs(angle + 1.2) < 0.15
    assert abs(orientation.estimate_skew(orientation.deskew(skewed, angle), 200)) < 0.15


def test_blank_page_stays_as_it_is() -> None:
    blank = np.full((1000, 700), 255, dtype=np.uint8)
    assert orientation.detect_rotation(blank, 300) == 0
    assert orientation.estimate_skew(blank, 300) == 0.0


def _stats(boxes: list[tuple[int, int, int, int]]) -> np.ndarray:
    return np.array([(x, y, w, h, w * h) for x, y, w, h in boxes], dtype=np.int32)


def test_a_dotted_line_broken_by_the_text_on_it_is_still_dots() -> None:
    # a leader line of 2-px dots every 5 px (150 dpi), with a 20-px gap every 60 px where
    # descenders of the text written on it swallowed the dots: runs too short for the run test
    dots = [(x, 100, 2, 2) for x in range(0, 600, 5) if x % 60 < 45]
    small, mh = _stats(dots), 16.0
    assert not orientation._in_dot_run((200, 700), small, mh).any()
    assert orientation._on_dotted_lines((200, 700), small, mh).all()


def test_marks_over_a_line_of_text_are_not_dots() -> None:
    # tone marks and upper vowels: at most one per letter, at heights a few pixels apart
    rng = np.random.default_rng(3)
    marks = [
        (x, 60 + int(rng.integers(0, 5)), int(rng.integers(3, 7)), int(rng.integers(2, 5)))
        for x in range(0, 600, 19)
        if rng.random() < 0.6
    ]
    small = _stats(marks)
    assert not orientation._on_dotted_lines((200, 700), small, 16.0).any()


def test_few_marks_leave_up_or_down_open(
    rendered: Callable[[str, int, int], np.ndarray],
) -> None:
    assert orientation.decisive(40, 3) and orientation.decisive(2, 30)
    assert not orientation.decisive(4, 0)  # too few to tell
    assert not orientation.decisive(12, 9)  # no clear side
    # a page of text decides; a cover page (three short lines) does not
    assert orientation.place(rendered("scan/001_khokkruat.pdf", 1, 200), 200).flip_sure
    cover = orientation.place(rendered("scan/001_khokkruat.pdf", 2, 200), 200)
    assert cover.rotation == 0 and not cover.flip_sure
    # a caller's rotation is sure
    assert orientation.place(rendered("scan/001_khokkruat.pdf", 2, 200), 200, 180).flip_sure


def test_a_memo_on_dotted_lines_in_a_bold_1_bit_scan_stays_upright(tmp_path: Path) -> None:
    # the harsh variant 953: Prompt 13 pt, 1-bit at a dark threshold, so the text on the memo's
    # dotted lines touches the dots; counted as marks below, they turned the page upside down
    from bench.variants.run import HARSH, build

    v = next(v for v in HARSH if v.id.startswith("953"))
    build(tmp_path, [v])
    pdf = pdfium.PdfDocument(tmp_path / "pdf" / "scan" / f"{v.id}.pdf")
    try:
        gray = render_gray(pdf[0], 200, max_pixels=10**9)
    finally:
        pdf.close()
    placed = orientation.place(gray, 200)
    assert placed.rotation == 0 and placed.flip_sure
