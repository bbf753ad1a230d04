from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

from ingest import rulings
from parsers.table_grid import find_grids


def test_table_grid_found_on_a_text_page_render(
    rendered: Callable[[str, int, int], np.ndarray],
) -> None:
    found = rulings.detect(rendered("text/000_janlan.pdf", 6, 100), 100)
    grids = find_grids(found, min_cols=3)
    assert len(grids) == 1
    assert grids[0].n_cols == 6


def test_scanned_table_grid_and_erasing(rendered: Callable[[str, int, int], np.ndarray]) -> None:
    page = rendered("scan/001_khokkruat.pdf", 6, 300)
    found = rulings.detect(page, 300)
    assert find_grids(found, min_cols=3)
    erased = rulings.erase(page, 300)
    # no table is left for tesseract to trip over (short edges of grey shading may remain)
    assert find_grids(rulings.detect(erased, 300), min_cols=2) == []
    # text survives erasing: plenty of ink is left
    assert (erased < 128).sum() > 0.3 * (page < 128).sum()


def test_dotted_form_lines_are_masked_but_text_is_not() -> None:
    img = np.full((200, 1200), 255, dtype=np.uint8)
    img[60:100, 100:130] = 0  # a letter-sized blob
    for x in range(200, 1100, 12):  # a dotted leader at 300 dpi
        img[150:153, x : x + 3] = 0
    ink = rulings.binarize(img)
    mask = rulings.dotted_mask(ink, 300)
    assert mask[150:153, 200:1100].sum() > 0
    assert mask[60:100, 100:130].sum() == 0


def test_segments_of_a_cropped_mask_keep_the_whole_pages_order() -> None:
    """Only the box around the mask is labelled; segments come out as labelling the whole
    mask would give them (offsets and order), and an empty mask gives none."""
    mask = np.zeros((1400, 1000), dtype=np.uint8)
    assert rulings._segments(mask, True, 300) == []
    for y, x0, x1 in ((301, 151, 700), (303, 800, 990), (905, 97, 640), (1201, 333, 999)):
        mask[y : y + 4, x0:x1] = 255
    half = cv2.resize(mask, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    n, _, stats, _ = cv2.connectedComponentsWithStats(half, connectivity=8)
    whole = [tuple(int(v) * 2 for v in stats[i][:4]) for i in range(1, n)]
    expected = [(x, y, x + w, y + h) for x, y, w, h in whole]
    assert rulings._segments(mask, True, 300) == expected
