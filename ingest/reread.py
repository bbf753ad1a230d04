"""Cut regions out of an OCR'd page, read them again in one tesseract run, map lines back.

Several passes re-read parts of a page — a mark row with the line it was split from, a Latin
word, a whole line with `tha+eng`, a level letter — and each wants the same step: cut the
regions (clipped to the page, with white margin where a lone word reads better with it), have
them all read by one process (`tesseract.run_many`, the model loaded once), and get each region
back as exactly one line in page pixels, or nothing when tesseract saw none or several.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import cv2
import numpy as np

from ingest import ocr
from schemas.page import BBox, Line

Cutout = tuple[np.ndarray, tuple[int, int]]
"""A cut-out image and where its top-left pixel lies on the page."""
RunMany = Callable[[list[np.ndarray]], list[dict[str, str]]]


def cut(image: np.ndarray, x0: int, y0: int, x1: int, y1: int, margin: int = 0) -> Cutout:
    """`image[y0:y1, x0:x1]`, clipped to the page, with `margin` white pixels around it."""
    h, w = image.shape
    x0, y0, x1, y1 = max(0, x0), max(0, y0), min(w, x1), min(h, y1)
    crop = image[y0:y1, x0:x1]
    if margin and crop.size:  # an empty cut-out stays empty: callers check its size
        crop = cv2.copyMakeBorder(
            crop, margin, margin, margin, margin, cv2.BORDER_CONSTANT, value=255
        )
    return crop, (x0 - margin, y0 - margin)


def line_cutout(image: np.ndarray, b: BBox) -> Cutout:
    """A whole line (its box) with white margin (0.6 line heights), as whole-line re-reads
    take it."""
    return cut(image, int(b.x0), int(b.y0), int(b.x1) + 1, int(b.y1) + 1, int(0.6 * b.height))


def inner_size(cutout: Cutout, margin: int) -> tuple[int, int]:
    """(width, height) of the page pixels in a cut-out made with `margin`."""
    h, w = cutout[0].shape
    return w - 2 * margin, h - 2 * margin


def read_back(cutouts: Sequence[Cutout], run_many: RunMany) -> list[Line | None]:
    """Each cut-out read as exactly one line, in page pixels (None: no line, or several)."""
    if not cutouts:
        return []
    out: list[Line | None] = []
    for (_, (ox, oy)), result in zip(cutouts, run_many([c for c, _ in cutouts]), strict=True):
        read = [ln for ln in ocr.parse(result["tsv"], result["txt"]) if ln.text.strip()]
        out.append(ocr.shift_line(read[0], ox, oy) if len(read) == 1 else None)
    return out


class LineReader:
    """Whole lines of one page read again with one model, each line at most once.

    Two passes read lines with `tha+eng` (Latin words, the level code) and often want the same
    line: the reading depends only on the line's box, so it is kept and shared.
    """

    def __init__(self, image: np.ndarray, run_many: RunMany) -> None:
        self.image = image
        self._run_many = run_many
        self._read: dict[BBox, Line | None] = {}

    def read(self, lines: Sequence[Line]) -> list[Line | None]:
        """Each line read as exactly one line in page pixels (None: no line, or several)."""
        boxes = [line.bbox for line in lines]
        todo = [b for b in dict.fromkeys(boxes) if b not in self._read]
        cutouts = [line_cutout(self.image, b) for b in todo]
        self._read.update(zip(todo, read_back(cutouts, self._run_many), strict=True))
        return [self._read[b] for b in boxes]
