from __future__ import annotations

import dataclasses
from collections.abc import Callable

import numpy as np
import pytest

from ingest import ocr_page, orientation
from schemas.options import Options


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
