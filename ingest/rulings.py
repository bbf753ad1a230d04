"""Find ruled lines (table borders) in a page image with OpenCV morphology.

One detector for every page: text-layer pages are rendered at a low resolution for it, scans are
used as they are. Working on pixels rather than PDF path objects means tables drawn as strokes,
thin filled rectangles, or printed-then-scanned all look the same to the parsers.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from ingest import components
from schemas.page import BBox, Ruling

MIN_LENGTH_IN = 0.35
"""Ignore segments shorter than this (underlines of a word, dots)."""
MAX_THICKNESS_IN = 0.06


def binarize(gray: np.ndarray) -> np.ndarray:
    """Ink = 255. Adaptive threshold copes with uneven scan backgrounds and grey shading."""
    block = max(15, (min(gray.shape) // 40) | 1)
    return cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 15
    )


def _segments(mask: np.ndarray, horizontal: bool, dpi: float) -> list[tuple[int, int, int, int]]:
    """Line segments of a mask, labelled at half resolution (labelling is the slow part).

    Only the box around the mask's pixels is labelled: a page without a table has few or none,
    and labelling an empty page-sized image still costs ~14 ms.
    """
    half = cv2.resize(mask, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    bx, by, bw, bh = cv2.boundingRect(half)
    if bw == 0 or bh == 0:
        return []
    # from even coordinates: OpenCV labels 2x2 blocks at a time, and an aligned crop keeps the
    # components' numbering, hence the order of the segments, as it is on the whole image
    bw, bh, bx, by = bw + (bx & 1), bh + (by & 1), bx & ~1, by & ~1
    n, _, stats = components.with_stats(half[by : by + bh, bx : bx + bw])
    stats[:, 0] += bx
    stats[:, 1] += by
    min_len = MIN_LENGTH_IN * dpi
    max_thick = max(3.0, MAX_THICKNESS_IN * dpi)
    out = []
    for i in range(1, n):
        x, y, w, h = (int(v) * 2 for v in stats[i][:4])
        length, thick = (w, h) if horizontal else (h, w)
        if length >= min_len and thick <= max_thick + length * 0.03:
            out.append((x, y, x + w, y + h))
    return out


def detect_mask(ink: np.ndarray, dpi: float) -> tuple[np.ndarray, np.ndarray]:
    """Binary masks of horizontal and vertical line pixels."""
    k = max(15, int(0.25 * dpi))
    bridge = max(1, int(dpi / 150))
    h_src = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 1 + 2 * bridge)))
    v_src = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (1 + 2 * bridge, 1)))
    h_mask = cv2.morphologyEx(
        h_src, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1))
    )
    v_mask = cv2.morphologyEx(
        v_src, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, k))
    )
    return h_mask, v_mask


@dataclass(frozen=True, slots=True)
class LineMasks:
    """The binarized page and its horizontal/vertical line pixels, computed once per page."""

    ink: np.ndarray
    horizontal: np.ndarray
    vertical: np.ndarray
    dpi: float


def analyze(gray: np.ndarray, dpi: float) -> LineMasks:
    ink = binarize(gray)
    h_mask, v_mask = detect_mask(ink, dpi)
    return LineMasks(ink, h_mask, v_mask, dpi)


def detect(gray: np.ndarray, dpi: float, masks: LineMasks | None = None) -> list[Ruling]:
    """Ruled lines of a grayscale page image, in points (top-left origin)."""
    m = masks or analyze(gray, dpi)
    f = 72.0 / dpi
    rulings = [
        Ruling("h", BBox(x0 * f, y0 * f, x1 * f, y1 * f))
        for x0, y0, x1, y1 in _segments(m.horizontal, True, dpi)
    ]
    rulings += [
        Ruling("v", BBox(x0 * f, y0 * f, x1 * f, y1 * f))
        for x0, y0, x1, y1 in _segments(m.vertical, False, dpi)
    ]
    return rulings


def dotted_mask(ink: np.ndarray, dpi: float) -> np.ndarray:
    """Pixels of dotted or dashed form lines (the leaders after memo labels).

    Dots are components far smaller than letters and marks, lined up in long rows: the small
    components alone are closed across their gaps and opened with a long kernel. Done at half
    resolution (dots stay several pixels wide at 150 dpi): labelling a full 300 dpi page of
    text is the costliest step of page preparation otherwise.
    """
    half = cv2.resize(ink, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_NEAREST)
    hdpi = dpi / 2
    n, labels, stats = components.with_stats(half)
    if n <= 1:
        return np.zeros_like(ink)
    area = stats[:, 4]
    height = stats[:, 3]
    keep = (area <= (0.04 * hdpi) ** 2) & (height <= 0.045 * hdpi)
    keep[0] = False
    if not keep.any():
        return np.zeros_like(ink)
    small = np.take(np.where(keep, 255, 0).astype(np.uint8), labels)  # one uint8 pass
    gap = max(2, int(0.06 * hdpi))
    runs = cv2.morphologyEx(
        small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1))
    )
    runs = cv2.morphologyEx(
        runs, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (int(0.5 * hdpi), 1))
    )
    dots = cv2.bitwise_and(small, runs)
    full = cv2.resize(dots, (ink.shape[1], ink.shape[0]), interpolation=cv2.INTER_NEAREST)
    return cv2.bitwise_and(full, ink)


WHITEN_ABOVE = 200
"""After levelling the background, lighter pixels are paper: JPEG halos, faint dotted leaders,
grey cell shading. Measured on the scanned samples: whitening them lets tesseract's sparse-text
mode segment words it otherwise garbles (and is ~10% faster)."""


def _percentile(gray: np.ndarray, q: float) -> float:
    """A percentile of a uint8 image from its histogram (np.percentile sorts 9 M pixels)."""
    hist = cv2.calcHist([gray], [0], None, [256], [0, 256]).ravel()
    cum = np.cumsum(hist)
    return float(np.searchsorted(cum, q / 100.0 * cum[-1]))


def clean_background(gray: np.ndarray) -> np.ndarray:
    """Level the paper to white and drop light marks, keeping the dark strokes as they are."""
    background = _percentile(gray, 75)
    if 60 < background < 250:
        lut = np.clip(np.arange(256, dtype=np.float32) * (255.0 / background), 0, 255)
    else:
        lut = np.arange(256, dtype=np.float32)
    lut[lut > WHITEN_ABOVE] = 255
    out: np.ndarray = cv2.LUT(gray, lut.astype(np.uint8))
    return out


def erase(gray: np.ndarray, dpi: float, masks: LineMasks | None = None) -> np.ndarray:
    """The image with ruled and dotted lines painted white, so tesseract reads the text only."""
    m = masks or analyze(gray, dpi)
    # Scanned borders are blurred: widen the mask a little and clear every non-white pixel in it.
    grow = cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, int(dpi / 50)),) * 2)
    lines = cv2.dilate(cv2.bitwise_or(m.horizontal, m.vertical), grow)
    dots = cv2.dilate(dotted_mask(m.ink, dpi), cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    out = gray.copy()
    out[((lines > 0) & (gray < 220)) | ((dots > 0) & (m.ink > 0))] = 255
    return out
