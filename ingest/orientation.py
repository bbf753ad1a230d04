"""Make a scanned page upright: quarter-turn orientation, then small-angle deskew.

Both are measured on small binary images in a few tens of milliseconds, far less than
tesseract's OSD pass, and need no language data:

- sideways or not: with characters smeared a little horizontally, upright text merges into
  few wide blobs (words, lines), sideways text does not; smearing vertically, the reverse.
  Counting blobs both ways is robust to skew, unlike projection profiles;
- upright or upside down: Thai writes many small marks (tone marks, upper vowels) directly
  *above* consonants and few below, so small components sitting on top of a letter
  outnumber those hanging under one — unless the page is upside down. Dotted form lines
  (rows of dots under memo labels) are removed first; they would look like marks below.
  On a page with few marks (a cover page: three lines of large type) the count can point
  the wrong way, so `Placement.flip_sure` says whether it was decisive; the OCR stage
  settles the pages where it was not by reading them both ways (`ingest.ocr_page`).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from ingest import components
from ingest.rulings import binarize

_WORK_DPI = 75.0
_MARK_DPI = 150.0
SIDEWAYS_RATIO = 1.3
"""Sideways when horizontal smearing leaves this many times more blobs than vertical."""
FLIPPED_RATIO = 0.8
"""Upside down when marks-above / marks-below falls under this (upright pages measure > 1.2)."""
SURE_RATIO = 3.0
SURE_MARKS = 8
"""The up/down count is decisive when one side has at least SURE_MARKS marks and outnumbers
the other SURE_RATIO to one (with one added to each). Measured on the sample scans and their
variants: full pages of text count 15:0 to 140:20; cover pages 3:1 to 10:0, and one upright
cover in a loopless font counted 3 above to 5 below."""


def _ink(gray: np.ndarray, dpi: float, work_dpi: float) -> np.ndarray:
    scale = min(1.0, work_dpi / dpi)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ink = binarize(small)
    k = max(20, int(0.4 * work_dpi))
    h_lines = cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1))
    )
    v_lines = cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, k))
    )
    return cv2.bitwise_and(ink, cv2.bitwise_not(cv2.bitwise_or(h_lines, v_lines)))


def _blobs(ink: np.ndarray, kx: int, ky: int) -> int:
    smeared = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (kx, ky)))
    _, _, stats = components.with_stats(smeared)
    return int((stats[1:, 4] > 4).sum())


def decisive(above: int, below: int) -> bool:
    """Whether an (above, below) mark count settles up or down without another test."""
    more, fewer = max(above, below), min(above, below)
    return more >= SURE_MARKS and (more + 1) / (fewer + 1) >= SURE_RATIO


def marks_above_below(gray: np.ndarray, dpi: float) -> tuple[int, int]:
    """Small components just above a letter, and those just below one."""
    ink = _ink(gray, dpi, _MARK_DPI)
    _, _, stats = components.with_stats(ink)
    st = stats[1:]
    st = st[st[:, 4] >= 3]
    if len(st) < 20:
        return 0, 0
    h = st[:, 3].astype(float)
    area = st[:, 4].astype(float)
    mh = float(np.median(h[h >= 4])) if (h >= 4).any() else float(np.median(h))
    big = st[(h >= 0.6 * mh) & (h <= 2.5 * mh)]
    small = st[(area < 0.5 * np.median(area)) & (h < 0.6 * mh)]
    small = small[~_on_dotted_lines(ink.shape, small, mh)]
    if len(big) == 0 or len(small) == 0:
        return 0, 0
    bx0, bx1 = big[:, 0], big[:, 0] + big[:, 2]
    by0, by1 = big[:, 1], big[:, 1] + big[:, 3]
    above = below = 0
    limit = 0.8 * mh
    for x, y, w, hh, _ in small:
        cx, cy = x + w / 2, y + hh / 2
        over = (bx0 <= cx) & (cx <= bx1)
        if not over.any():
            continue
        gap_down = np.where(over & (by0 >= cy), by0 - (y + hh), np.inf).min()
        gap_up = np.where(over & (by1 <= cy), y - by1, np.inf).min()
        if gap_down < gap_up and gap_down < limit:
            above += 1
        elif gap_up < gap_down and gap_up < limit:
            below += 1
    return above, below


def _on_dotted_lines(shape: tuple[int, ...], small: np.ndarray, mh: float) -> np.ndarray:
    """Which small components belong to a row of dots (a form's dotted line).

    Two tests, either suffices. A closed run of dots at least six letters long; and, because
    text written on a dotted line swallows the dots its descenders touch and so breaks the
    run into pieces, a dot with many dots of its own size on its own row close by
    (`_in_dot_row`).
    """
    dotted: np.ndarray = _in_dot_run(shape, small, mh) | _in_dot_row(small, mh)
    return dotted


DOT_ROW_MIN = 8
"""Dots of the same size on the same row within four letters either side that make a dotted
line: a row of leader dots has about twenty there, marks over a line of text a few."""


def _in_dot_row(small: np.ndarray, mh: float) -> np.ndarray:
    if len(small) == 0:
        return np.zeros(0, dtype=bool)
    cx = small[:, 0] + small[:, 2] / 2
    cy = small[:, 1] + small[:, 3] / 2
    size = np.maximum(small[:, 2], small[:, 3]).astype(float)
    out = np.zeros(len(small), dtype=bool)
    order = np.argsort(cy, kind="stable")
    cys = cy[order]
    tol = max(1.5, 0.1 * mh)
    for i in order:
        lo = np.searchsorted(cys, cy[i] - tol, side="left")
        hi = np.searchsorted(cys, cy[i] + tol, side="right")
        row = order[lo:hi]
        near = (np.abs(cx[row] - cx[i]) <= 4 * mh) & (
            np.abs(size[row] - size[i]) <= max(1.0, 0.5 * size[i])
        )
        out[i] = int(near.sum()) - 1 >= DOT_ROW_MIN
    return out


def _in_dot_run(shape: tuple[int, ...], small: np.ndarray, mh: float) -> np.ndarray:
    dots = np.zeros(shape[:2], dtype=np.uint8)
    for x, y, w, hh, _ in small:
        dots[y : y + hh, x : x + w] = 255
    close = cv2.getStructuringElement(cv2.MORPH_RECT, (int(0.6 * mh) + 1, 1))
    runs = cv2.morphologyEx(dots, cv2.MORPH_CLOSE, close)
    runs = cv2.morphologyEx(
        runs, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (int(6 * mh) + 1, 1))
    )
    return np.array([runs[y : y + hh, x : x + w].max() > 0 for x, y, w, hh, _ in small], dtype=bool)


@dataclass(frozen=True, slots=True)
class Placement:
    """How a scanned page was made upright: the image, its quarter turns and its deskew."""

    image: np.ndarray
    rotation: int
    """Clockwise quarter turns applied (0/90/180/270)."""
    skew: float
    """Counter-clockwise degrees applied after the quarter turns."""
    flip_sure: bool = True
    """Whether up or down was decided for sure: given by the caller, or a decisive mark count
    (`decisive`). When not, the page may still be upside down."""


def place(gray: np.ndarray, dpi: float, rotation: int | None = None) -> Placement:
    """Turn and deskew a page image; detect the quarter turns unless `rotation` is given.

    The small binary image is made once and serves the sideways test and the skew search; the
    full-size image is rotated once. Upside down is decided on the deskewed page and costs
    only a half turn more (a half turn keeps the text lines' angle).
    """
    small = _ink(gray, dpi, _WORK_DPI)
    if small.sum() < 50 * 255:
        return Placement(rotate(gray, rotation or 0), rotation or 0, 0.0)
    if rotation is None:
        sideways = _blobs(small, 5, 1) / max(1, _blobs(small, 1, 5)) > SIDEWAYS_RATIO
        quarter = 90 if sideways else 0
    else:
        quarter = rotation % 180
    small = np.ascontiguousarray(np.rot90(small, k=-1)) if quarter else small
    skew = _skew_of(small)
    upright = deskew(rotate(gray, quarter), skew)
    sure = True
    if rotation is None:
        above, below = marks_above_below(upright, dpi)
        flipped = (above + 1) / (below + 1) < FLIPPED_RATIO
        sure = decisive(above, below)
    else:
        flipped = rotation % 360 >= 180
    if flipped:
        upright = rotate(upright, 180)
    return Placement(upright, (quarter + (180 if flipped else 0)) % 360, skew, sure)


def detect_rotation(gray: np.ndarray, dpi: float) -> int:
    """Clockwise quarter turns (0/90/180/270) that make the page upright."""
    return place(gray, dpi).rotation


def rotate(gray: np.ndarray, rotation: int) -> np.ndarray:
    """Rotate clockwise by a multiple of 90 degrees."""
    k = (rotation // 90) % 4
    return np.ascontiguousarray(np.rot90(gray, k=-k)) if k else gray


def estimate_skew(gray: np.ndarray, dpi: float, max_deg: float = 3.0) -> float:
    """The counter-clockwise rotation (degrees) that levels the text lines.

    Projection-profile search, coarse to fine: the sharpest row profile is the level one.
    """
    return _skew_of(_ink(gray, dpi, _WORK_DPI), max_deg)


def _skew_of(small_ink: np.ndarray, max_deg: float = 3.0) -> float:
    ink = (small_ink > 0).astype(np.float32)
    if ink.sum() < 50:
        return 0.0
    h, w = ink.shape
    center = (w / 2, h / 2)

    def score(angle: float) -> float:
        m = cv2.getRotationMatrix2D(center, angle, 1.0)
        rotated = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST)
        rows = rotated.sum(axis=1)
        return float(np.sum(np.diff(rows) ** 2))

    best = 0.0
    for step, span in ((0.5, max_deg), (0.1, 0.5), (0.02, 0.1)):
        candidates = np.arange(best - span, best + span + 1e-9, step)
        best = float(max(candidates, key=score))
    return best


def deskew(gray: np.ndarray, angle: float) -> np.ndarray:
    """Rotate by `angle` degrees (counter-clockwise), padding with white."""
    if abs(angle) < 0.05:
        return gray
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(
        gray, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=255
    )
