from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ingest import ocr_page, recover
from parsers.thai_text import repair
from schemas.options import Options
from schemas.page import BBox, Line


def test_column_tesseract_layout_skips_is_read_back(
    rendered: Callable[[str, int, int], np.ndarray],
) -> None:
    # scan/007's table has a centred "ผู้รับผิดชอบ" column of short entries that tesseract's
    # page layout analysis drops; the recovery pass must bring all of them back.
    page, _ = ocr_page.ocr_image(rendered("scan/007_sanmahaphon.pdf", 6, 300), 300, 6, Options())
    texts = [repair(line.text) for line in page.lines]
    assert sum(t == "สำนักปลัด" for t in texts) == 4
    assert "กองคลัง" in texts and "ผู้รับผิดชอบ" in texts


def test_no_extra_run_when_everything_is_covered() -> None:
    image = np.full((200, 400), 255, dtype=np.uint8)
    image[50:80, 40:300] = 0
    lines = [Line("x", BBox(30, 40, 310, 90), 0.9)]
    calls: list[np.ndarray] = []

    def ocr(strip: np.ndarray) -> dict[str, str]:
        calls.append(strip)
        return {}

    assert recover.recover(image, lines, ocr) == []
    assert calls == []


def test_uncovered_text_is_found_but_strays_beside_read_lines_are_not() -> None:
    image = np.full((300, 600), 255, dtype=np.uint8)
    image[40:70, 40:300] = 0  # a line tesseract read
    image[45:68, 305:320] = 0  # its last letter, just past its box
    image[150:175, 100:260] = 0  # a line it missed
    lines = [Line("x", BBox(40, 38, 300, 72), 0.9)]
    boxes = recover.uncovered_regions(image, lines, line_height=30)
    assert len(boxes) == 1
    x0, y0, x1, y1 = boxes[0]
    assert y0 >= 140 and y1 <= 185 and x0 >= 90 and x1 <= 270
