"""Make a scanned page upright: quarter-turn orientation, then small-angle deskew.

Both are measured on a downscaled binary image, so they cost a few tens of milliseconds — far
less than running tesseract's OSD pass — and need no language data:

- sideways vs upright: text lines make the horizontal projection profile of an upright page
  strongly periodic; a sideways page's profile is flat, its vertical one periodic;
- upright vs upside down: Thai writes far more marks *above* the consonant band (tone marks,
  upper vowels) than below it, so in each text line there is more ink above the core band than
  below; upside down, the reverse.
"""

from __future__ import annotations

import cv2
import numpy as np

from ingest.rulings import binarize

_WORK_DPI = 75.0


def _small_ink(gray: np.ndarray, dpi: float) -> np.ndarray:
    scale = min(1.0, _WORK_DPI / dpi)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return (binarize(small) > 0).astype(np.float32)


def _profile_strength(ink: np.ndarray) -> float:
    rows = ink.sum(axis=1)
    if rows.sum() == 0:
        return 0.0
    return float(np.var(np.diff(rows)) / (rows.mean() ** 2 + 1e-9))


def _above_below_ratio(gray: np.ndarray, dpi: float) -> float:
    """Ink above the core band of each text line divided by ink below it (>1: upright)."""
    scale = min(1.0, 150.0 / dpi)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ink = (binarize(small) > 0).astype(np.float32)
    h_lines = cv2.morphologyEx(
        ink,
        cv2.MORPH_OPEN,
        cv2.getStructuringElement(cv2.MORPH_RECT, (max(10, ink.shape[1] // 8), 1)),
    )
    ink = np.clip(ink - h_lines, 0, 1)
    rows = ink.sum(axis=1)
    active = rows > max(1.0, 0.02 * ink.shape[1] * ink.mean() * 10)
    above = below = 0.0
    y = 0
    n = len(rows)
    while y < n:
        if not active[y]:
            y += 1
            continue
        start = y
        while y < n and active[y]:
            y += 1
        band = rows[start:y]
        if len(band) < 3:
            continue
        peak = band.max()
        core = np.nonzero(band >= 0.5 * peak)[0]
        c0, c1 = int(core[0]), int(core[-1])
        above += float(band[:c0].sum())
        below += float(band[c1 + 1 :].sum())
    return (above + 1.0) / (below + 1.0)


def detect_rotation(gray: np.ndarray, dpi: float) -> int:
    """Clockwise quarter turns (0/90/180/270) that make the page upright."""
    ink = _small_ink(gray, dpi)
    if ink.sum() < 50:
        return 0
    sideways = _profile_strength(ink.T) > 1.5 * _profile_strength(ink)
    candidate = np.rot90(gray, k=-1) if sideways else gray
    upright = _above_below_ratio(candidate, dpi) >= 1.0
    if sideways:
        return 90 if upright else 270
    return 0 if upright else 180


def rotate(gray: np.ndarray, rotation: int) -> np.ndarray:
    """Rotate clockwise by a multiple of 90 degrees."""
    k = (rotation // 90) % 4
    return np.ascontiguousarray(np.rot90(gray, k=-k)) if k else gray


def estimate_skew(gray: np.ndarray, dpi: float, max_deg: float = 3.0) -> float:
    """The counter-clockwise rotation (degrees) that levels the text lines.

    Projection-profile search, coarse to fine: the sharpest row profile is the level one.
    """
    ink = _small_ink(gray, dpi)
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
