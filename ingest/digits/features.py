"""Feature vector of one candidate segment: its shape, its place in the line, a few scalars.

Why three parts: shape alone cannot tell "." from "๐" or "0" from "๐" (same circle, different
size and height above the baseline), and position alone cannot tell digits apart. So the
classifier sees (1) the segment's ink scaled to a fixed box (shape), (2) the same ink in a
window fixed to the line's baseline and x-height (size, height, marks above/below), and
(3) scalars: size, offsets, gaps to the neighbours, whether an edge was cut. Features use the
binary mask only, so a 1-bit fax and a grey JPEG look alike to the classifier.
"""

from __future__ import annotations

import cv2
import numpy as np

from ingest.digits.segment import Candidate, LineSeg

SHAPE = 20
CTX_H, CTX_W = 24, 16
CTX_TOP, CTX_BOTTOM = 1.9, 0.7
"""Context window: from 1.9 x-heights above the baseline to 0.7 below (marks, descenders)."""
N_SCALARS = 12
N_FEATURES = SHAPE * SHAPE + CTX_H * CTX_W + N_SCALARS
FEATURE_VERSION = 1


def candidate_mask(seg: LineSeg, cand: Candidate) -> tuple[np.ndarray, int, int]:
    """The candidate's own ink (bool) cropped to its x-range, with the crop's (x0, y0)."""
    cols = {a.col for a in seg.atoms[cand.first : cand.last + 1]}
    labels: list[int] = []
    y0, y1 = 1 << 30, -1
    for ci in cols:
        c = seg.columns[ci]
        labels.extend(c.labels)
        y0, y1 = min(y0, c.y0), max(y1, c.y1)
    sub = seg.labels[y0:y1, cand.x0 : cand.x1]
    return np.isin(sub, labels), cand.x0, y0


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
        out[r, : SHAPE * SHAPE] = _shape(mask).ravel()
        ctx = _context(mask, mx, my, cx, base, xh)
        out[r, SHAPE * SHAPE : SHAPE * SHAPE + CTX_H * CTX_W] = ctx.ravel()
        gap_l = (x0 - atoms[cand.first - 1].x1) / xh if cand.first > 0 else 3.0
        gap_r = (atoms[cand.last + 1].x0 - x1) / xh if cand.last + 1 < len(atoms) else 3.0
        w, h = (x1 - x0) / xh, (y1 - y0) / xh
        n_cc = len(np.unique(seg.labels[y0:y1, x0:x1][mask[y0 - my : y1 - my, x0 - mx : x1 - mx]]))
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
    return out
