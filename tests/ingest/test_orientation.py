from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np
import pytest

from ingest import orientation


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
