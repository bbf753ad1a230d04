"""A sequence reader for numeric windows: a small convolutional network with CTC output.

Why, beside the glyph classifier: the classifier reads glyphs the segmenter cuts, and on bold
fonts at 200 dpi touching digits (๗ running into ๘) often leave no cut to find; the path then
splits or truncates the number. A CTC model reads a whole window with no segmentation at
all, so touching glyphs cost it nothing. It is used on the windows the classifier's path has
already found to be numbers (see `reader`), where it only decides the characters.

The network (4 conv blocks, a 1-D conv over columns, a linear layer; 0.16 M weights) is
trained by `python -m tools.digits.ctc_train` and runs here in numpy (im2col and one matrix
product per layer), so the run time needs no deep-learning runtime and the weights file is a
few hundred kB.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from ingest.digits.model import ARABIC_DIGITS, PUNCT, THAI_DIGITS, sha256
from ingest.digits.segment import LineGeom

OTHER_MARK = "~"
"""Stands for any non-numeric glyph in a window (a Thai or Latin letter beside a number)."""
ALPHABET: tuple[str, ...] = ("", *THAI_DIGITS, *ARABIC_DIGITS, *PUNCT, OTHER_MARK)
"""Output symbols; index 0 is CTC's blank."""
SYMBOL_INDEX = {c: i for i, c in enumerate(ALPHABET) if c}
HEIGHT = 32
"""Rows of the normalized window: two x-heights, so one x-height is 16 pixels."""
ABOVE = 1.5
"""x-heights above the baseline the window covers (digits are about one x-height tall)."""
BELOW = 0.5
PAD_X = 0.25
"""x-heights of paper added on each side of a window before it is read."""
STRIDE = 2
"""Input columns per output frame (8 frames per x-height)."""

MODEL_DIR = Path(__file__).resolve().parent
WEIGHTS = MODEL_DIR / "ctc.npz"
META = MODEL_DIR / "ctc.json"


def window(gray: np.ndarray, geom: LineGeom, x0: float, x1: float) -> np.ndarray:
    """The normalized window (float32, HEIGHT rows, ink 1 on paper 0) over crop columns x0..x1.

    The rows follow the line's baseline (its skew included), from ABOVE x-heights over it to
    BELOW under it, scaled so that one x-height is HEIGHT/2 pixels; the contrast is stretched
    between the window's paper and ink levels, so scan darkness and 1-bit scans look alike.
    Rows or columns beyond the crop are filled with the crop's paper level: white there
    would stretch a grey paper into faint ink.
    """
    xh, s = _geometry(geom)
    left = x0 - PAD_X * xh
    width = max(4, int(np.ceil((x1 - x0 + 2 * PAD_X * xh) * s)))
    top = geom.baseline(left) - ABOVE * xh
    m = np.array([[1 / s, 0.0, left], [geom.base_b / s, 1 / s, top]], np.float64)
    cols = gray[:, max(0, int(left)) : max(1, int(np.ceil(left + width / s)))]
    paper = float(np.percentile(cols, 90)) if cols.size else 255.0
    src = gray
    if s < 0.7:  # shrinking: smooth first, as INTER_AREA would
        sigma = 0.5 / s
        src = cv2.GaussianBlur(gray, (0, 0), sigma)
    out = cv2.warpAffine(
        src,
        m,
        (width, HEIGHT),
        flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=paper,  # beyond the crop: the crop's own paper, not white
    ).astype(np.float32)
    lo, hi = float(np.percentile(out, 3)), float(np.percentile(out, 97))
    if hi - lo < 24:
        return np.zeros(out.shape, np.float32)
    res: np.ndarray = np.clip((hi - out) / (hi - lo), 0.0, 1.0)
    return res


def _geometry(geom: LineGeom) -> tuple[float, float]:
    """The x-height a window is built on, and its scale (window pixels per crop pixel)."""
    xh = max(geom.xh, 4.0)
    return xh, HEIGHT / ((ABOVE + BELOW) * xh)


def frame_x(geom: LineGeom, x0: float, frame: int) -> float:
    """Crop x of the centre of output `frame` of the window `window(gray, geom, x0, ...)`."""
    xh, s = _geometry(geom)
    return x0 - PAD_X * xh + (frame * STRIDE + STRIDE / 2) / s


@dataclass(frozen=True, slots=True)
class CtcRead:
    """A window's reading: text, the weakest symbol's probability, and per-symbol frames."""

    text: str
    conf: float
    frames: tuple[int, ...]
    """Output frame of each symbol's peak (x in window pixels ~ STRIDE * frame)."""
    probs: tuple[float, ...]
    """Each symbol's peak probability."""


@dataclass(frozen=True, slots=True)
class CtcNet:
    """Weights of the network; `__call__` gives per-frame log-probabilities."""

    convs: tuple[tuple[np.ndarray, np.ndarray, tuple[int, int]], ...]
    """(weight O×C×3×3, bias O, pool (h, w)) of each conv block; batch norm folded in."""
    seq: tuple[np.ndarray, np.ndarray]
    """1-D conv over frames: weight O×C×3, bias O."""
    out: tuple[np.ndarray, np.ndarray]
    """Linear layer: weight O×C, bias O."""
    meta: dict[str, Any]

    def __call__(self, x: np.ndarray) -> np.ndarray:
        """Log-probabilities (frames × len(ALPHABET)) of one normalized window.

        Call it inside `model.one_blas_thread()`: these products are small, and OpenBLAS
        threads spinning on cores tesseract workers already fill cost far more than they give.
        """
        h = x[None].astype(np.float32)
        pad_w = (-h.shape[2]) % (2 * STRIDE)
        if pad_w:
            h = np.pad(h, ((0, 0), (0, 0), (0, pad_w)))
        for w, b, (ph, pw) in self.convs:
            h = _conv3x3(h, w, b)
            np.maximum(h, 0, out=h)
            c, hh, ww = h.shape
            h = h[:, : hh - hh % ph, : ww - ww % pw]
            h = h.reshape(c, hh // ph, ph, ww // pw, pw).max(axis=(2, 4))
        c, hh, ww = h.shape
        seq = h.reshape(c * hh, ww)  # channel-major, as torch's flatten of (C, H) gives
        sw, sb = self.seq
        padded = np.pad(seq, ((0, 0), (1, 1)))
        cols = np.concatenate([padded[:, k : k + ww] for k in range(3)], axis=0)  # 3C × T
        f = sw.transpose(0, 2, 1).reshape(sw.shape[0], -1) @ cols + sb[:, None]
        np.maximum(f, 0, out=f)
        ow, ob = self.out
        logits = (ow @ f).T + ob
        logits -= logits.max(axis=1, keepdims=True)
        res: np.ndarray = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        return res


def _conv3x3(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """'Same' 3×3 convolution of C×H×W by O×C×3×3, as one matrix product (im2col)."""
    c, h, wd = x.shape
    p = np.pad(x, ((0, 0), (1, 1), (1, 1)))
    cols = np.lib.stride_tricks.sliding_window_view(p, (3, 3), axis=(1, 2))  # C,H,W,3,3
    cols = cols.transpose(1, 2, 0, 3, 4).reshape(h * wd, c * 9)
    out = cols @ w.reshape(w.shape[0], -1).T + b
    res: np.ndarray = np.ascontiguousarray(out.T).reshape(w.shape[0], h, wd)
    return res


def greedy(logp: np.ndarray) -> CtcRead:
    """Best-path decoding: the most likely symbol per frame, repeats merged, blanks dropped.

    A symbol's confidence is its peak frame's probability; the read's is the weakest symbol's
    (1.0 for an empty reading: callers look at the text first).
    """
    best = logp.argmax(axis=1)
    chars: list[str] = []
    frames: list[int] = []
    probs: list[float] = []
    prev = 0
    for t, k in enumerate(best.tolist()):
        if k != 0 and k != prev:
            chars.append(ALPHABET[k])
            frames.append(t)
            probs.append(float(np.exp(logp[t, k])))
        elif k != 0 and k == prev:
            p = float(np.exp(logp[t, k]))
            if p > probs[-1]:
                probs[-1], frames[-1] = p, t
        prev = k
    return CtcRead("".join(chars), min(probs) if probs else 1.0, tuple(frames), tuple(probs))


def log_likelihood(logp: np.ndarray, text: str) -> float:
    """log P(text | window) under CTC (the forward algorithm over all alignments).

    Why: it lets the reader ask how plausible the glyph path's own reading is to the
    network, not only what the network's best reading is, and keep the path's reading when
    the network finds it nearly as likely (see `reader`). -inf if `text` cannot be aligned.
    """
    if any(ch not in SYMBOL_INDEX for ch in text):
        return -math.inf
    ext = [0]
    for ch in text:
        ext += [SYMBOL_INDEX[ch], 0]
    lab = np.array(ext)
    n, t_max = len(lab), logp.shape[0]
    if t_max == 0:
        return 0.0 if not text else -math.inf
    # a label may skip the blank before it unless it repeats the label two places back
    skip = np.zeros(n, bool)
    skip[2:] = (lab[2:] != 0) & (lab[2:] != lab[:-2])
    alpha = np.full(n, -np.inf)
    alpha[0] = logp[0, lab[0]]
    if n > 1:
        alpha[1] = logp[0, lab[1]]
    for t in range(1, t_max):
        prev1 = np.full(n, -np.inf)
        prev1[1:] = alpha[:-1]
        prev2 = np.full(n, -np.inf)
        prev2[2:] = alpha[:-2]
        prev2[~skip] = -np.inf
        alpha = np.logaddexp(np.logaddexp(alpha, prev1), prev2) + logp[t, lab]
    tail = alpha[-2:] if n > 1 else alpha[-1:]
    return float(np.logaddexp.reduce(tail))


def save(path: Path, net: CtcNet) -> str:
    """Write the weights (.npz) and return their sha256."""
    arrays: dict[str, np.ndarray] = {}
    for i, (w, b, pool) in enumerate(net.convs):
        arrays[f"conv{i}_w"], arrays[f"conv{i}_b"] = w, b
        arrays[f"conv{i}_pool"] = np.array(pool, np.int64)
    arrays["seq_w"], arrays["seq_b"] = net.seq
    arrays["out_w"], arrays["out_b"] = net.out
    with path.open("wb") as fh:
        np.savez(fh, **{k: np.ascontiguousarray(v) for k, v in arrays.items()})  # type: ignore[arg-type]
    return sha256(path)


def read(path: Path = WEIGHTS, meta_path: Path = META) -> CtcNet:
    """Load a weights file (and its metadata, when present)."""
    with np.load(path) as z:
        n = sum(1 for k in z.files if k.endswith("_pool"))
        convs = tuple(
            (
                z[f"conv{i}_w"].astype(np.float32),
                z[f"conv{i}_b"].astype(np.float32),
                (int(z[f"conv{i}_pool"][0]), int(z[f"conv{i}_pool"][1])),
            )
            for i in range(n)
        )
        seq = (z["seq_w"].astype(np.float32), z["seq_b"].astype(np.float32))
        out = (z["out_w"].astype(np.float32), z["out_b"].astype(np.float32))
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    return CtcNet(convs, seq, out, meta)


@functools.cache
def load() -> CtcNet:
    """The committed network, loaded once per process."""
    return read()
