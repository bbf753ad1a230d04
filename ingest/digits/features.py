"""Feature vector of one candidate segment: its shape, its place in the line, a few scalars.

Why these parts: shape alone cannot tell "." from "๐" or "0" from "๐" (same circle, different
size and height above the baseline), and position alone cannot tell digits apart. So the
classifier sees (1) the segment's ink scaled to a fixed box, as pixels and as a histogram of
gradient orientations (HOG: stroke directions vary less between fonts than pixels do), (2) the
same ink in a window fixed to the line's baseline and x-height (size, height, marks above and
below), and
(3) scalars: size, offsets, gaps to the neighbours, whether an edge was cut. Features use the
binary mask only, so a 1-bit fax and a grey JPEG look alike to the classifier.
"""

from __future__ import annotations

import cv2
import numpy as np

from ingest.digits.segment import Candidate, LineSeg

SHAPE = 24
PIX = 16
N_HOG = 324
CTX_H, CTX_W = 24, 16
CTX_TOP, CTX_BOTTOM = 1.9, 0.7
"""Context window: from 1.9 x-heights above the baseline to 0.7 below (marks, descenders)."""
N_SCALARS = 12
N_FEATURES = PIX * PIX + N_HOG + CTX_H * CTX_W + N_SCALARS
FEATURE_VERSION = 2
_CELL, _BINS = 6, 9
_CELLS = SHAPE // _CELL
_CELL_OF = (np.arange(SHAPE)[:, None] // _CELL) * _CELLS + np.arange(SHAPE)[None, :] // _CELL


def hog(shapes: np.ndarray) -> np.ndarray:
    """Histograms of gradient orientation of (N, SHAPE, SHAPE) images: 6-px cells, 9 unsigned
    bins, 2x2-cell blocks L2-normalized (Dalal & Triggs), N_HOG values per image."""
    n = len(shapes)
    gx = np.zeros_like(shapes)
    gy = np.zeros_like(shapes)
    gx[:, :, 1:-1] = shapes[:, :, 2:] - shapes[:, :, :-2]
    gy[:, 1:-1, :] = shapes[:, 2:, :] - shapes[:, :-2, :]
    mag = np.sqrt(gx * gx + gy * gy)
    ang = np.mod(np.arctan2(gy, gx), np.pi)
    b = np.minimum((ang * (_BINS / np.pi)).astype(np.int64), _BINS - 1)
    idx = (np.arange(n)[:, None, None] * (_CELLS * _CELLS) + _CELL_OF[None]) * _BINS + b
    hist = np.bincount(idx.ravel(), weights=mag.ravel(), minlength=n * _CELLS * _CELLS * _BINS)
    hist = hist.reshape(n, _CELLS, _CELLS, _BINS)
    blocks = [
        hist[:, y : y + 2, x : x + 2, :].reshape(n, 4 * _BINS)
        for y in range(_CELLS - 1)
        for x in range(_CELLS - 1)
    ]
    out: np.ndarray = np.stack(blocks, axis=1).astype(np.float32)
    out /= np.sqrt((out * out).sum(axis=2, keepdims=True) + 1e-3)
    return out.reshape(n, N_HOG).astype(np.float32)


def candidate_mask(seg: LineSeg, cand: Candidate) -> tuple[np.ndarray, int, int]:
    """The candidate's own ink (bool) cropped to its x-range, with the crop's (x0, y0)."""
    c0, c1 = seg.atoms[cand.first].col, seg.atoms[cand.last].col
    if c0 == c1:
        c = seg.columns[c0]
        assert c.mask is not None
        return c.mask[:, cand.x0 - c.x0 : cand.x1 - c.x0], cand.x0, c.y0
    cols = seg.columns[c0 : c1 + 1]
    y0, y1 = min(c.y0 for c in cols), max(c.y1 for c in cols)
    out = np.zeros((y1 - y0, cand.x1 - cand.x0), bool)
    for c in cols:
        assert c.mask is not None
        a, b = max(c.x0, cand.x0), min(c.x1, cand.x1)
        if b > a:
            out[c.y0 - y0 : c.y1 - y0, a - cand.x0 : b - cand.x0] |= c.mask[:, a - c.x0 : b - c.x0]
    return out, cand.x0, y0


def _n_components(seg: LineSeg, cand: Candidate) -> int:
    return sum(
        len(seg.columns[ci].labels) for ci in {a.col for a in seg.atoms[cand.first : cand.last + 1]}
    )


def _shape(mask: np.ndarray) -> np.ndarray:
    ys, xs = np.nonzero(mask)
    out = np.zeros((SHAPE, SHAPE), np.float32)
    if len(ys) == 0:
        return out
    tight = mask[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1].astype(np.float32)
    h, w = tight.shape
    s = (SHAPE - 2) / max(h, w)
    nh, nw = max(1, round(h * s)), max(1, round(w * s))
    small = cv2.resize(tight, (nw, nh), interpolation=cv2.INTER_AREA)
    oy, ox = (SHAPE - nh) // 2, (SHAPE - nw) // 2
    out[oy : oy + nh, ox : ox + nw] = small
    return out


def _context(mask: np.ndarray, mx: int, my: int, cx: float, base: float, xh: float) -> np.ndarray:
    """Warp the mask into a window anchored at (cx, baseline) and scaled by the x-height."""
    s = CTX_H / ((CTX_TOP + CTX_BOTTOM) * xh)
    left = cx - CTX_W / (2 * s)
    top = base - CTX_TOP * xh
    m = np.array([[s, 0, (mx - left) * s], [0, s, (my - top) * s]], np.float32)
    return cv2.warpAffine(
        mask.astype(np.float32), m, (CTX_W, CTX_H), flags=cv2.INTER_AREA, borderValue=0.0
    )


def features(seg: LineSeg, cands: list[Candidate]) -> np.ndarray:
    """One row of N_FEATURES float32 per candidate."""
    out = np.zeros((len(cands), N_FEATURES), np.float32)
    shapes = np.zeros((len(cands), SHAPE, SHAPE), np.float32)
    xh = seg.geom.xh
    atoms = seg.atoms
    for r, cand in enumerate(cands):
        mask, mx, my = candidate_mask(seg, cand)
        ys, xs = np.nonzero(mask)
        if len(ys) == 0:
            continue
        x0, x1 = mx + int(xs.min()), mx + int(xs.max()) + 1
        y0, y1 = my + int(ys.min()), my + int(ys.max()) + 1
        cx = (x0 + x1) / 2
        base = seg.geom.baseline(cx)
        shape = _shape(mask)
        shapes[r] = shape
        out[r, : PIX * PIX] = cv2.resize(shape, (PIX, PIX), interpolation=cv2.INTER_AREA).ravel()
        ctx = _context(mask, mx, my, cx, base, xh)
        out[r, PIX * PIX + N_HOG : PIX * PIX + N_HOG + CTX_H * CTX_W] = ctx.ravel()
        gap_l = (x0 - atoms[cand.first - 1].x1) / xh if cand.first > 0 else 3.0
        gap_r = (atoms[cand.last + 1].x0 - x1) / xh if cand.last + 1 < len(atoms) else 3.0
        w, h = (x1 - x0) / xh, (y1 - y0) / xh
        n_cc = _n_components(seg, cand)
        out[r, -N_SCALARS:] = (
            w,
            h,
            (base - y1) / xh,
            (base - y0) / xh,
            np.log((w + 0.05) / (h + 0.05)),
            len(ys) / max(1.0, (x1 - x0) * (y1 - y0)),
            min(max(gap_l, -0.5), 3.0),
            min(max(gap_r, -0.5), 3.0),
            min(n_cc, 4) / 4,
            float(cand.cut_left),
            float(cand.cut_right),
            cand.last - cand.first,
        )
    if len(cands):
        out[:, PIX * PIX : PIX * PIX + N_HOG] = hog(shapes)
    return out
