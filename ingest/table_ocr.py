"""OCR of ruled tables cell by cell, in one tesseract run.

tesseract's page layout analysis is at its worst on the measures table: narrow columns of
short entries vanish, grey header cells are skipped, neighbouring cells merge into one line.
The grid is known before OCR (`ingest.rulings` + `parsers.table_grid`), so each cell's inside
is cut out and all cells are read together as one strip (`ingest.strip`); every line read comes
back to the cell it belongs to, and the table area is blanked in the image the page-level pass
reads, so nothing is read twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from ingest import strip
from ingest.rulings import binarize
from parsers.table_grid import Grid, find_grids
from schemas.page import Line, Ruling

INSET_IN = 0.02
"""Cut this far inside each cell so no border pixel is read as a glyph."""
MIN_INK_PX = 20


def table_grids(rulings: Sequence[Ruling]) -> list[Grid]:
    """The ruled tables worth reading cell by cell (at least 2 columns and 2 cells)."""
    return [g for g in find_grids(rulings, min_cols=2) if len(g.cells) >= 2]


def _cell_boxes(image: np.ndarray, grids: Sequence[Grid], dpi: float) -> list[strip.Box]:
    f = dpi / 72.0
    inset = max(2, int(INSET_IN * dpi))
    ink = binarize(image) > 0
    h, w = image.shape
    boxes: list[strip.Box] = []
    for grid in grids:
        for cell in grid.cells:
            b = cell.bbox
            x0, y0 = max(0, int(b.x0 * f) + inset), max(0, int(b.y0 * f) + inset)
            x1, y1 = min(w, int(b.x1 * f) - inset), min(h, int(b.y1 * f) - inset)
            if x1 - x0 < 4 or y1 - y0 < 4:
                continue
            if int(np.count_nonzero(ink[y0:y1, x0:x1])) < MIN_INK_PX:
                continue
            boxes.append((x0, y0, x1, y1))
    return boxes


def blank_tables(image: np.ndarray, grids: Sequence[Grid], dpi: float) -> np.ndarray:
    """The image with the tables painted white (for the page-level pass)."""
    if not grids:
        return image
    f = dpi / 72.0
    out = image.copy()
    for grid in grids:
        b = grid.bbox
        out[
            max(0, int(b.y0 * f)) : int(b.y1 * f) + 1, max(0, int(b.x0 * f)) : int(b.x1 * f) + 1
        ] = 255
    return out


def read_tables(
    image: np.ndarray,
    grids: Sequence[Grid],
    dpi: float,
    run: Callable[[np.ndarray], dict[str, str]],
) -> list[Line]:
    """Every line in the tables' cells, in page pixels, read with one `run` (psm 6) call."""
    boxes = _cell_boxes(image, grids, dpi)
    return [line for _, line in strip.read(image, boxes, run) if line.text.strip()]
