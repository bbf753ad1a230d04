"""Read many regions of a page with one tesseract run: paste them into a strip, map lines back.

Each tesseract call has a fixed cost (a model load when it runs as a program, page setup either
way), so reading each table cell or each missed region on its own would multiply it. Pasting the
regions one under another, with white gaps, into a single image costs one call, keeps every
region's lines apart, and spares tesseract's page-layout analysis, which is what fails on narrow
table columns. The caller reads the strip as sparse text (`ingest.ocr_page.STRIP_PSM`) with
tesseract's noise removal off: on a strip a few thousand pixels tall it took the Thai vowel and
tone marks of a whole table for specks ("มาตรการสงเสรมการ" for มาตรการส่งเสริมการ).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ingest import ocr
from schemas.page import Line

GAP_PX = 24
Box = tuple[int, int, int, int]
"""x0, y0, x1, y1 in page pixels."""


@dataclass(frozen=True, slots=True)
class Piece:
    box: Box
    strip_y: int


def flatten(crop: np.ndarray) -> np.ndarray:
    """Scale a region so its background is white (grey-shaded header cells, yellowed paper).

    tesseract binarizes a whole image with one global threshold; in a strip of white and grey
    regions the grey ones would turn black and their text vanish.
    """
    background = float(np.percentile(crop, 75))
    if background >= 250 or background <= 60:
        return crop
    scaled = crop.astype(np.float32) * (255.0 / background)
    flat: np.ndarray = np.clip(scaled, 0, 255).astype(np.uint8)
    return flat


def build(image: np.ndarray, boxes: Sequence[Box]) -> tuple[np.ndarray, list[Piece]]:
    """The strip image and where each region went."""
    width = max(b[2] - b[0] for b in boxes) + 2 * GAP_PX
    height = sum(b[3] - b[1] + GAP_PX for b in boxes) + GAP_PX
    strip = np.full((height, width), 255, dtype=np.uint8)
    pieces = []
    y = GAP_PX
    for x0, y0, x1, y1 in boxes:
        strip[y : y + (y1 - y0), GAP_PX : GAP_PX + (x1 - x0)] = flatten(image[y0:y1, x0:x1])
        pieces.append(Piece((x0, y0, x1, y1), y))
        y += (y1 - y0) + GAP_PX
    return strip, pieces


def read(
    image: np.ndarray, boxes: Sequence[Box], run: Callable[[np.ndarray], dict[str, str]]
) -> list[tuple[int, Line]]:
    """(region index, line in page pixels) for every line tesseract reads in the regions."""
    if not boxes:
        return []
    strip, pieces = build(image, boxes)
    out = run(strip)
    found: list[tuple[int, Line]] = []
    for line in ocr.parse(out["tsv"], out["txt"]):
        cy = line.bbox.cy
        for i, p in enumerate(pieces):
            top, bottom = p.strip_y - GAP_PX / 2, p.strip_y + (p.box[3] - p.box[1]) + GAP_PX / 2
            if top <= cy <= bottom:
                found.append((i, ocr.shift_line(line, p.box[0] - GAP_PX, p.box[1] - p.strip_y)))
                break
    return found
